"""Property dicts → CSS declarations, and the interning of declaration sets into classes."""

from __future__ import annotations

import math
from dataclasses import dataclass

from reportgen.docx.ooxml import Element, hex_color, to_int, wattr
from reportgen.docx.properties import Props
from reportgen.fonts import FontMap
from reportgen.hints import overhang_declaration

WORD_SINGLE_LINE = 1.3
"""Word's 'single' line height for CJK faces, in em (SimSun/仿宋 ≈ 1.3)."""

HIGHLIGHTS = {
    "yellow": "#ffff00",
    "green": "#00ff00",
    "cyan": "#00ffff",
    "magenta": "#ff00ff",
    "blue": "#0000ff",
    "red": "#ff0000",
    "darkBlue": "#000080",
    "darkCyan": "#008080",
    "darkGreen": "#008000",
    "darkMagenta": "#800080",
    "darkRed": "#800000",
    "darkYellow": "#808000",
    "darkGray": "#808080",
    "lightGray": "#c0c0c0",
    "black": "#000000",
    "white": "#ffffff",
}
ALIGN = {
    "left": "left",
    "start": "left",
    "right": "right",
    "end": "right",
    "center": "center",
    "both": "justify",
    "distribute": "justify",
    "thaiDistribute": "justify",
    "lowKashida": "justify",
    "mediumKashida": "justify",
    "highKashida": "justify",
}
DEFAULT_SIZE = 10.5  # Word's default when nothing sets w:sz
UNDERLINE_STYLES = {
    "double": "double",
    "wave": "wavy",
    "wavyHeavy": "wavy",
    "wavyDouble": "wavy",
    "dotted": "dotted",
    "dottedHeavy": "dotted",
    "dash": "dashed",
    "dashLong": "dashed",
    "dashedHeavy": "dashed",
    "dotDash": "dashed",
    "dotDotDash": "dotted",
}
BORDER_STYLES = {
    "single": "solid",
    "thick": "solid",
    "double": "double",
    "dotted": "dotted",
    "dashed": "dashed",
    "dotDash": "dashed",
    "dotDotDash": "dotted",
    "dashSmallGap": "dashed",
    "triple": "double",
}


@dataclass(frozen=True)
class Grid:
    """The section's document grid: line pitch (pt) and the extra width per East Asian character."""

    line_pitch: float | None = None
    char_delta: float = 0.0
    char_grid: bool = False  # linesAndChars / snapToChars: Latin text takes whole character cells


class ClassTable:
    """Interns declaration strings into short class names (`p1`, `r2`, ...) and writes the CSS."""

    def __init__(self) -> None:
        self._names: dict[str, str] = {}
        self._counts: dict[str, int] = {}

    def name(self, prefix: str, declarations: str) -> str:
        key = prefix + "|" + declarations
        if key not in self._names:
            self._counts[prefix] = self._counts.get(prefix, 0) + 1
            self._names[key] = f"{prefix}{self._counts[prefix]}"
        return self._names[key]

    def css(self) -> str:
        rules = []
        for key, name in self._names.items():
            declarations = key.split("|", 1)[1]
            rules.append(f".{name}{{{declarations}}}")
        return "\n".join(rules)


def fmt(value: float) -> str:
    """Return a CSS length in pt with at most 3 decimals."""
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return f"{text}pt" if text not in ("0", "-0") else "0"


def font_size(run: Props) -> float:
    return float(run.get("size", DEFAULT_SIZE))


def family(fonts: FontMap, name: str, used: set[str]) -> tuple[str, int | None]:
    """Return the CSS font-family value for a face named in the .docx, and a forced weight."""
    used.add(name)
    face = fonts.resolve(name)
    fitted = fonts.fitted(name)
    return f'"{fitted.family if fitted else face.family}"', face.weight


def east_asian_face(run: Props, theme: dict[str, str] | None = None) -> str | None:
    """Return the face a run's East Asian text is set in (a theme font resolved through `theme`)."""
    themed = run.get("font_eastAsiaTheme")
    if themed and theme and themed in theme:
        return theme[themed]
    return run.get("font_eastAsia")


def latin_face(run: Props, theme: dict[str, str] | None = None) -> str | None:
    """Return the face a run's Latin text is set in (w:ascii, else w:hAnsi; theme fonts resolved)."""
    for slot in ("ascii", "hAnsi"):
        themed = run.get(f"font_{slot}Theme")
        if themed and theme and themed in theme:
            return theme[themed]
        face: str | None = run.get(f"font_{slot}")
        if face:
            return face
    return None


def paragraph_css(
    para: Props,
    mark: Props,
    grid: Grid,
    snap: bool,
    text_size: float | None = None,
    single: float = WORD_SINGLE_LINE,
) -> list[str]:
    """Return the CSS declarations of a paragraph box.

    `mark` is the paragraph mark's run formatting; `text_size` the largest font size of the
    paragraph's text (Word sizes lines by their text, not by the mark); `single` Word's single
    line of the faces it uses, in em (line_height).
    """
    size = font_size(mark)
    char_unit = size + (grid.char_delta if snap else 0.0)
    out = []
    align = ALIGN.get(para.get("jc", "left"), "left")
    out.append(f"text-align:{align}")
    if para.get("jc") == "distribute":
        out.append("text-align-last:justify")
    left = _indent(para, "ind_left", char_unit)
    right = _indent(para, "ind_right", char_unit)
    first = _indent(para, "ind_first", char_unit)
    if left:  # margins, not padding: Word's indents may be negative
        out.append(f"margin-left:{fmt(left)}")
    if right:
        out.append(f"margin-right:{fmt(right)}")
    if first:
        out.append(f"text-indent:{fmt(first)}")
    line = line_height(para, text_size or size, grid, snap, single)
    out.append(f"line-height:{fmt(line)}")
    multiple = (para.get("line") or 240) / 240
    if para.get("line_rule", "auto") == "auto" and multiple > 1 and not (snap and grid.line_pitch):
        # Word lets the part of a multiple line below its text reach into the bottom margin on a
        # page's last line (case4: 705.05 + 14.65 ≤ 720 pt fits, though the 16.85 pt line ends at 721.9)
        out.append(overhang_declaration(line - line / multiple))
    pitch = grid.line_pitch or size * single
    before = _space(para, "space_before", pitch)
    after = _space(para, "space_after", pitch)
    # spacing is margin: between two paragraphs Word leaves the larger of the space after and the
    # space before, as collapsing margins do (case4: 24 pt between a body paragraph, 8 pt after, and
    # a heading, 24 pt before), and drops space before at the top of a page after a natural break;
    # outside a border: the border's own space is the padding (case4's Title: 4 pt to its rule)
    if before:
        out.append(f"margin-top:{fmt(before)}")
    if after:
        out.append(f"margin-bottom:{fmt(after)}")
    if para.get("keep_next"):
        out.append("break-after:avoid")
    if para.get("keep_lines"):
        out.append("break-inside:avoid")
    if para.get("page_break_before"):
        out.append("break-before:page")
    widows = 2 if para.get("widow_control", True) else 1
    out.append(f"orphans:{widows};widows:{widows}")
    if para.get("shading"):
        out.append(f"background:#{para['shading']}")
    for side, element in para.get("borders", {}).items():  # w:pBdr; w:space is in points
        out.append(f"border-{side}:{border_css(element)}")
        space = to_int(wattr(element, "space"))
        if space:
            out.append(f"padding-{side}:{fmt(space)}")
    return out


def line_height(para: Props, size: float, grid: Grid, snap: bool, single: float = WORD_SINGLE_LINE) -> float:
    """Return the line height in pt the way Word computes it for `para` with text of `size` pt.

    `single` is Word's single line of the faces, in em: 1.3 for the Chinese faces (Word's for the
    official GB2312 faces), the font's own for Latin faces whose metrics are known (Calibri 1.22).
    """
    rule = para.get("line_rule", "auto")
    line: float | None = para.get("line")  # twips (or 240ths of a line for rule "auto")
    natural = size * single
    if line is not None and rule == "exact":
        return line / 20
    snapped = natural
    if snap and grid.line_pitch:  # on a line grid a line is whole grid lines
        snapped = math.ceil(round(natural / grid.line_pitch, 3)) * grid.line_pitch
    if line is not None and rule == "atLeast":
        # at least the value, and on a grid at least one grid line: Word measured 18/18/24 pt for
        # atLeast 12/18/24 pt on an 18 pt grid (not snapped up to 36)
        return max(line / 20, snapped)
    multiple = (line / 240) if line is not None else 1.0
    return snapped * multiple  # on a grid: the grid lines times the multiple


def _indent(para: Props, key: str, char_unit: float) -> float:
    chars: float | None = para.get(key + "_chars")
    if chars:
        return chars / 100 * char_unit
    twips: float = para.get(key, 0)
    return twips / 20


AUTO_SPACING = 14.0
"""Word's 'auto' paragraph spacing (w:beforeAutospacing, from HTML import): 14 pt."""


def _space(para: Props, key: str, pitch: float) -> float:
    if para.get(key + "_auto"):
        return AUTO_SPACING
    lines: float | None = para.get(key + "_lines")
    if lines:
        return lines / 100 * pitch
    twips: float = para.get(key, 0)
    return twips / 20


def run_css(run: Props, fam: str, weight: int | None, letter_spacing: float) -> list[str]:
    """Return the CSS declarations of a run segment set in family `fam`."""
    size = font_size(run)
    out = [f"font-family:{fam}", f"font-size:{fmt(size)}"]
    bold = run.get("bold")
    if weight and not bold:
        out.append(f"font-weight:{weight}")
    else:
        out.append(f"font-weight:{'bold' if bold else 'normal'}")
    out.append(f"font-style:{'italic' if run.get('italic') else 'normal'}")
    decorations = []
    underline = run.get("underline")
    if underline:
        decorations.append("underline")
        style = UNDERLINE_STYLES.get(str(underline))
        if style:
            out.append(f"text-decoration-style:{style}")
    if run.get("strike"):
        decorations.append("line-through")
    if decorations:
        out.append(f"text-decoration:{' '.join(decorations)}")
    color = run.get("color")
    if color and color != "auto":
        out.append(f"color:#{color}")
    if run.get("highlight") in HIGHLIGHTS:
        out.append(f"background:{HIGHLIGHTS[run['highlight']]}")
    elif run.get("shading"):
        out.append(f"background:#{run['shading']}")
    if run.get("vert_align") == "superscript":
        out.append("vertical-align:super;font-size:" + fmt(size * 0.65))
    elif run.get("vert_align") == "subscript":
        out.append("vertical-align:sub;font-size:" + fmt(size * 0.65))
    spacing = letter_spacing + run.get("char_spacing", 0) / 20
    if spacing:
        out.append(f"letter-spacing:{fmt(spacing)}")
    kern = run.get("kern")
    if kern and size * 2 >= kern:
        out.append("font-kerning:normal")  # Word kerns only from w:kern's size up (the body: none)
    if run.get("caps"):
        out.append("text-transform:uppercase")
    if run.get("small_caps"):
        out.append("font-variant:small-caps")
    return out


def border_css(side: Element) -> str:
    """Return the CSS border value of one w:top/w:left/... border element."""
    val = wattr(side, "val", "single") or "single"
    if val in ("nil", "none"):
        return "none"
    width = max((to_int(wattr(side, "sz")) or 4) / 8, 0.25)
    if val in ("double", "triple"):
        width = max(width * 3, 1.5)
    given = hex_color(wattr(side, "color"))
    color = f"#{given}" if given else "#000000"
    return f"{fmt(width)} {BORDER_STYLES.get(val, 'solid')} {color}"

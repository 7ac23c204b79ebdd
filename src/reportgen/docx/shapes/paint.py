"""DrawingML colours, fills and outlines → SVG paint: theme colours with their modifiers, solid and
gradient fills, line width, dashes and arrow ends, and the shape style's references to the theme."""

from __future__ import annotations

import colorsys
import hashlib
import math
import weakref
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from reportgen.docx.ooxml import Element, emu_pt, local, to_int
from reportgen.docx.package import safe_parser

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
THEME_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"
SCHEME_ALIASES = {"bg1": "lt1", "tx1": "dk1", "bg2": "lt2", "tx2": "dk2"}
PRESET_COLORS = {
    "black": "000000", "white": "FFFFFF", "red": "FF0000", "green": "008000", "blue": "0000FF",
    "yellow": "FFFF00", "gray": "808080", "grey": "808080", "darkGray": "A9A9A9", "lightGray": "D3D3D3",
    "orange": "FFA500", "purple": "800080", "navy": "000080", "darkBlue": "00008B", "darkRed": "8B0000",
    "darkGreen": "006400", "cyan": "00FFFF", "magenta": "FF00FF", "silver": "C0C0C0", "maroon": "800000",
}  # fmt: skip
DASHES = {
    "dot": (1, 1), "dash": (4, 3), "lgDash": (8, 3), "dashDot": (4, 3, 1, 3), "lgDashDot": (8, 3, 1, 3),
    "lgDashDotDot": (8, 3, 1, 3, 1, 3), "sysDash": (3, 1), "sysDot": (1, 1), "sysDashDot": (3, 1, 1, 1),
    "sysDashDotDot": (3, 1, 1, 1, 1, 1),
}  # fmt: skip
"""ST_PresetLineDashVal: dash and gap lengths in line widths."""
ARROW_SIZES = {"sm": 2.0, "med": 3.0, "lg": 5.0}
DEFAULT_LINE = 0.75  # pt: a style's line when the theme has no line style list
FILL_TAGS = ("noFill", "solidFill", "gradFill", "blipFill", "pattFill", "grpFill")
PATH_SHADES = {"lighten": ("tint", 0.6), "lightenLess": ("tint", 0.8), "darken": ("shade", 0.6), "darkenLess": ("shade", 0.8)}  # fmt: skip


@dataclass
class Theme:
    """The document theme's colour scheme and format scheme (fill and line style lists)."""

    colors: dict[str, str] = field(default_factory=dict)
    fills: list[Element] = field(default_factory=list)
    lines: list[Element] = field(default_factory=list)
    background_fills: list[Element] = field(default_factory=list)


_THEMES: weakref.WeakKeyDictionary[Any, Theme] = weakref.WeakKeyDictionary()


def theme_of(part: Any) -> Theme:
    """Return the theme of the document a story part belongs to (empty when it has none)."""
    package = getattr(part, "package", None)
    if package is None:
        return Theme()
    if package not in _THEMES:
        _THEMES[package] = _read_theme(package)
    return _THEMES[package]


def _read_theme(package: Any) -> Theme:
    theme = Theme()
    try:
        main = package.main_document_part
        related = next(rel.target_part for rel in main.rels.values() if rel.reltype == THEME_REL)
        root = etree.fromstring(related.blob, parser=safe_parser())
    except (StopIteration, KeyError, ValueError, AttributeError, etree.XMLSyntaxError):
        return theme
    scheme = root.find(f".//{A}clrScheme")
    for slot in scheme if scheme is not None else []:
        color = next(iter(slot), None)
        if color is not None:
            value = color.get("lastClr") if local(color) == "sysClr" else color.get("val")
            if value and len(value) == 6:
                theme.colors[local(slot)] = value.upper()
    for name, target in (("fillStyleLst", theme.fills), ("lnStyleLst", theme.lines), ("bgFillStyleLst", theme.background_fills)):  # fmt: skip
        found = root.find(f".//{A}fmtScheme/{A}{name}")
        target.extend(child for child in found if isinstance(child.tag, str)) if found is not None else None
    return theme


@dataclass(frozen=True)
class Color:
    """An sRGB colour (hex) with its opacity (0–1)."""

    hex: str
    alpha: float = 1.0


class Painter:
    """Resolves a shape's colours, fills and outlines in one document's theme; notes what it approximates."""

    def __init__(self, theme: Theme) -> None:
        self.theme = theme
        self.notes: list[str] = []  # approximations (element names), warned once by the caller
        self.defs: list[str] = []  # SVG definitions (gradients) the paints refer to

    def note(self, what: str) -> None:
        if what not in self.notes:
            self.notes.append(what)

    def color(self, holder: Element | None, placeholder: Color | None = None) -> Color | None:
        """Return the colour of an element holding one colour child (a:solidFill, a:gs, a:fillRef …)."""
        el = next((c for c in holder if isinstance(c.tag, str)), None) if holder is not None else None
        if el is None:
            return None
        kind, value = local(el), el.get("val", "")
        if kind == "srgbClr":
            base = value.upper() if len(value) == 6 else "000000"
        elif kind == "schemeClr":
            if value == "phClr":
                if placeholder is None:
                    return None
                base = placeholder.hex
            else:
                base = self.theme.colors.get(SCHEME_ALIASES.get(value, value), "000000")
        elif kind == "sysClr":
            base = (el.get("lastClr") or ("FFFFFF" if value == "window" else "000000")).upper()
        elif kind == "prstClr":
            base = PRESET_COLORS.get(value, "000000")
        elif kind == "scrgbClr":
            rgb = [_from_linear((to_int(el.get(k)) or 0) / 100000) for k in "rgb"]
            base = "".join(f"{round(c * 255):02X}" for c in rgb)
        elif kind == "hslClr":
            h, s, lum = ((to_int(el.get(k)) or 0) for k in ("hue", "sat", "lum"))
            hls = colorsys.hls_to_rgb(h / 21600000, lum / 100000, s / 100000)
            base = "".join(f"{round(c * 255):02X}" for c in hls)
        else:
            self.note(local(el))
            return None
        return self._modified(base, el)

    def _modified(self, base: str, el: Element) -> Color:
        """Return `base` with the colour modifiers of `el` (lumMod, lumOff, tint, shade, alpha …)."""
        r, g, b = (int(base[i : i + 2], 16) / 255 for i in (0, 2, 4))
        alpha = 1.0
        for mod in el:
            kind = local(mod)
            value = (to_int(mod.get("val")) or 0) / 100000
            if kind in ("lumMod", "lumOff", "satMod", "satOff", "hueMod", "hueOff"):
                h, lum, s = colorsys.rgb_to_hls(r, g, b)
                if kind == "lumMod":
                    lum *= value
                elif kind == "lumOff":
                    lum += value
                elif kind == "satMod":
                    s *= value
                elif kind == "satOff":
                    s += value
                elif kind == "hueMod":
                    h = h * value % 1.0
                else:
                    h = (h + value * 100000 / 21600000) % 1.0
                r, g, b = colorsys.hls_to_rgb(h, min(max(lum, 0.0), 1.0), min(max(s, 0.0), 1.0))
            elif kind in ("tint", "shade"):  # in linear light, as Office does
                lin = [_to_linear(c) for c in (r, g, b)]
                lin = [c * value + (1 - value) if kind == "tint" else c * value for c in lin]
                r, g, b = _from_linear(lin[0]), _from_linear(lin[1]), _from_linear(lin[2])
            elif kind == "alpha":
                alpha = value
            elif kind == "alphaMod":
                alpha *= value
            elif kind == "alphaOff":
                alpha += value
            elif kind == "inv":
                r, g, b = 1 - r, 1 - g, 1 - b
            elif kind in ("gray", "grey"):
                r = g = b = 0.299 * r + 0.587 * g + 0.114 * b
            else:
                self.note(kind)
        hex_value = "".join(f"{round(min(max(c, 0.0), 1.0) * 255):02X}" for c in (r, g, b))
        return Color(hex_value, min(max(alpha, 0.0), 1.0))

    def fill(
        self, holder: Element | None, placeholder: Color | None = None, group: str | None = None
    ) -> str | None:
        """Return the SVG fill attributes of the fill element among `holder`'s children, or None
        when it has none (the style's fill applies then); `fill="none"` for a:noFill."""
        el = next((c for c in holder if local(c) in FILL_TAGS), None) if holder is not None else None
        if el is None:
            return None
        return self.fill_element(el, placeholder, group)

    def fill_element(self, el: Element, placeholder: Color | None = None, group: str | None = None) -> str:
        """Return the SVG fill attributes of one fill element (a:solidFill, a:gradFill, …)."""
        kind = local(el)
        if kind == "solidFill":
            return _paint("fill", self.color(el, placeholder))
        if kind == "gradFill":
            return self._gradient(el, placeholder)
        if kind == "grpFill":
            return group or 'fill="none"'
        if kind in ("blipFill", "pattFill"):
            self.note(kind)
            if kind == "pattFill":
                return _paint("fill", self.color(el.find(A + "fgClr"), placeholder))
            return 'fill="#D9D9D9"'
        return 'fill="none"'

    def _gradient(self, el: Element, placeholder: Color | None) -> str:
        """Return a gradient fill as a linearGradient (a path gradient approximated as linear)."""
        stops = []
        for gs in el.iterfind(f"{A}gsLst/{A}gs"):
            color = self.color(gs, placeholder)
            if color is not None:
                pos = min(max((to_int(gs.get("pos")) or 0) / 100000, 0.0), 1.0)
                stops.append((pos, color))
        if not stops:
            return 'fill="none"'
        stops.sort(key=lambda s: s[0])
        angle = 90.0
        lin = el.find(A + "lin")
        if lin is not None:
            angle = (to_int(lin.get("ang")) or 0) / 60000
        elif el.find(A + "path") is not None:
            self.note("a:path")
        dx, dy = math.cos(math.radians(angle)), math.sin(math.radians(angle))
        x1, y1, x2, y2 = 0.5 - dx / 2, 0.5 - dy / 2, 0.5 + dx / 2, 0.5 + dy / 2
        body = "".join(
            f'<stop offset="{pos:.4g}" stop-color="#{c.hex}"'
            + (f' stop-opacity="{c.alpha:.3g}"' if c.alpha < 1 else "")
            + "/>"
            for pos, c in stops
        )
        coords = f'x1="{x1:.4f}" y1="{y1:.4f}" x2="{x2:.4f}" y2="{y2:.4f}"'
        ident = "g" + hashlib.sha1((coords + body).encode()).hexdigest()[:10]
        self.defs.append(f'<linearGradient id="{ident}" {coords}>{body}</linearGradient>')
        return f'fill="url(#{ident})"'


@dataclass(frozen=True)
class Line:
    """An outline: colour, width (pt), dash pattern (pt), cap, join and arrow ends."""

    color: Color
    width: float
    dash: tuple[float, ...] = ()
    cap: str = "butt"
    join: str = "round"
    head: tuple[str, float, float] | None = None  # (type, width, length) in pt
    tail: tuple[str, float, float] | None = None

    def attributes(self) -> str:
        """Return the SVG stroke attributes."""
        out = [_paint("stroke", self.color), f'stroke-width="{self.width:.3g}"']
        if self.dash:
            out.append(f'stroke-dasharray="{" ".join(f"{d:.3g}" for d in self.dash)}"')
        if self.cap != "butt":
            out.append(f'stroke-linecap="{self.cap}"')
        out.append(f'stroke-linejoin="{self.join}"')
        return " ".join(out)


def line(
    painter: Painter, ln: Element | None, style_ln: Element | None, style_color: Color | None
) -> Line | None:
    """Return the outline of a shape: its a:ln over the style's line (lnRef), or None (no line)."""
    sources = [el for el in (ln, style_ln) if el is not None]
    if not sources:
        return None
    color: Color | None = None
    for source in sources:
        fill = next((c for c in source if local(c) in FILL_TAGS), None)
        if fill is not None:
            if local(fill) == "noFill":
                return None
            if local(fill) == "gradFill":
                painter.note("a:ln/a:gradFill")
                first = fill.find(f"{A}gsLst/{A}gs")
                color = painter.color(first, style_color)
            else:
                color = painter.color(fill, style_color)
            break
    if color is None:
        if ln is not None and style_ln is None and style_color is None:
            return None
        color = style_color or Color("000000")
    width_emu = next((to_int(s.get("w")) for s in sources if s.get("w") is not None), None)
    width = emu_pt(width_emu) if width_emu is not None else DEFAULT_LINE
    width = max(width, 0.25)  # a hairline (w="0") is drawn one device pixel wide by Word
    dash: tuple[float, ...] = ()
    for source in sources:
        preset = source.find(A + "prstDash")
        custom = source.find(A + "custDash")
        if preset is not None:
            dash = tuple(d * width for d in DASHES.get(preset.get("val", "solid"), ()))
            break
        if custom is not None:
            dash = tuple(
                (to_int(ds.get(k)) or 0) / 100000 * width
                for ds in custom.iterfind(A + "ds")
                for k in ("d", "sp")
            )
            break
    cap = {"rnd": "round", "sq": "square"}.get(
        next((s.get("cap") for s in sources if s.get("cap")), "flat"), "butt"
    )
    join = "round"
    for source in sources:
        if source.find(A + "miter") is not None:
            join = "miter"
            break
        if source.find(A + "bevel") is not None:
            join = "bevel"
            break
    return Line(
        color, width, dash, cap, join, _end(sources, "headEnd", width), _end(sources, "tailEnd", width)
    )


def _end(sources: list[Element], tag: str, width: float) -> tuple[str, float, float] | None:
    """Return an arrow end (type, width, length in pt) of a line, or None."""
    el = next((s.find(A + tag) for s in sources if s.find(A + tag) is not None), None)
    if el is None or el.get("type", "none") == "none":
        return None
    base = max(width, 1.0)
    return (
        el.get("type", "triangle"),
        ARROW_SIZES.get(el.get("w", "med"), 3.0) * base,
        ARROW_SIZES.get(el.get("len", "med"), 3.0) * base,
    )


def arrow(
    end: tuple[str, float, float], at: tuple[float, float], direction: tuple[float, float], line_: Line
) -> str:
    """Return the SVG of an arrow end at point `at`, pointing along `direction` (away from the line)."""
    kind, width, length = end
    norm = math.hypot(*direction) or 1.0
    ux, uy = direction[0] / norm, direction[1] / norm
    px, py = -uy, ux
    x, y = at

    def p(along: float, across: float) -> str:
        return f"{x + ux * along + px * across:.3f} {y + uy * along + py * across:.3f}"

    color = _paint("fill", line_.color)
    if kind == "oval":
        return f'<ellipse cx="{x:.3f}" cy="{y:.3f}" rx="{width / 2:.3f}" ry="{length / 2:.3f}" transform="rotate({math.degrees(math.atan2(uy, ux)):.2f} {x:.3f} {y:.3f})" {color}/>'
    if kind == "diamond":
        d = f"M{p(length / 2, 0)}L{p(0, width / 2)}L{p(-length / 2, 0)}L{p(0, -width / 2)}Z"
        return f'<path d="{d}" {color}/>'
    if kind == "arrow":
        d = f"M{p(-length, width / 2)}L{p(0, 0)}L{p(-length, -width / 2)}"
        return f'<path d="{d}" fill="none" {line_.attributes().replace("stroke-dasharray", "data-dash")}/>'
    if kind == "stealth":
        d = f"M{p(0, 0)}L{p(-length, width / 2)}L{p(-length * 0.6, 0)}L{p(-length, -width / 2)}Z"
        return f'<path d="{d}" {color}/>'
    d = f"M{p(0, 0)}L{p(-length, width / 2)}L{p(-length, -width / 2)}Z"
    return f'<path d="{d}" {color}/>'


def shaded(fill: str, kind: str) -> str:
    """Return a fill made lighter or darker for a path's fill="lighten"/"darken" (a cube's sides)."""
    if kind not in PATH_SHADES or not fill.startswith('fill="#'):
        return fill
    mode, value = PATH_SHADES[kind]
    base = fill[7:13]
    holder = etree.fromstring(f'<a:x xmlns:a="{A[1:-1]}"><a:{mode} val="{int(value * 100000)}"/></a:x>')
    color = Painter(Theme())._modified(base, holder)
    return f'fill="#{color.hex}"' + fill[14:]


def _paint(what: str, color: Color | None) -> str:
    if color is None:
        return f'{what}="none"'
    opacity = f' {what}-opacity="{color.alpha:.3g}"' if color.alpha < 1 else ""
    return f'{what}="#{color.hex}"{opacity}'


def _to_linear(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _from_linear(c: float) -> float:
    c = min(max(c, 0.0), 1.0)
    return c * 12.92 if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055

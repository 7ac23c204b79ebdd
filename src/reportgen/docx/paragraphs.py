"""A w:p → HTML: its resolved properties, list label, strut and line heights, tab stops."""

from __future__ import annotations

import itertools
from typing import TypeVar

from reportgen.docx.anchors import place_floats
from reportgen.docx.css import Grid, east_asian_face, fmt, font_size, latin_face, paragraph_css
from reportgen.docx.hints import TAB_ALIGNS, line_class, number_span, tab_span, tab_stops_attribute
from reportgen.docx.numbering import Label
from reportgen.docx.ooxml import Element, child, w
from reportgen.docx.properties import Props, merge_tab_stops, parse_ppr, parse_rpr
from reportgen.docx.runs import InlineConverter
from reportgen.docx.state import ConversionState, ParagraphState, RunContext, Story
from reportgen.docx.text import LATIN, TextWriter
from reportgen.fonts import WORD_FACE_METRICS, vertical_metrics, word_ascent
from reportgen.i18n import t

NBSP = "\u00a0"
T = TypeVar("T")
EXACT_BASELINE = 0.8
"""Where Word puts the baseline of an exact line: this fraction of the line below its top, whatever the
face and size (Word's PDFs of the Chinese forms: 14 pt in 22 pt lines 17.56, 16 pt in 28.3 pt 22.56,
18 pt in 28 pt 22.30)."""


class ParagraphConverter:
    """Converts one paragraph: resolves its style, writes its label and content, sizes its lines."""

    def __init__(self, state: ConversionState, text: TextWriter, inline: InlineConverter) -> None:
        self.state = state
        self.text = text
        self.inline = inline

    def style_of(self, p: Element) -> str | None:
        """Return the paragraph style of a w:p (w:contextualSpacing compares neighbours' styles)."""
        return parse_ppr(child(p, "pPr")).get("style") or self.state.styles.default_para

    def paragraph(
        self,
        p: Element,
        story: Story,
        grid: Grid,
        table_style: tuple[Props, Props] = ({}, {}),
        same_style: tuple[bool, bool] = (False, False),
    ) -> str:
        """Return the HTML of one w:p (one <p>, or several where it holds page breaks)."""
        state, styles = self.state, self.state.styles
        story.paragraphs += 1
        where = story.label + t("第 {n} 段", n=story.paragraphs)
        ppr_el = child(p, "pPr")
        direct = parse_ppr(ppr_el)
        style_id = direct.pop("style", None) or styles.default_para
        if style_id and not styles.has(style_id):
            state.warn(where, t("样式“{name}”不存在，按“正文”处理", name=style_id))
            style_id = styles.default_para
        style_p, style_r = styles.resolve(style_id)
        para = {**styles.defaults_p, **table_style[0], **style_p, **direct}
        label = state.numbering.label(para["num_id"], para.get("num_level", 0)) if "num_id" in para else None
        if label is not None:  # Word: style → list level → direct formatting
            para = {**styles.defaults_p, **table_style[0], **style_p, **label.ppr, **direct}
        if para.get("contextual_spacing"):
            for side, same in zip(("space_before", "space_after"), same_style, strict=True):
                if same:
                    para = {k: v for k, v in para.items() if not k.startswith(side)}
        base_run = {**styles.defaults_r, **table_style[1], **style_r}
        mark = {**base_run, **parse_rpr(child(ppr_el, "rPr"))}
        mark.pop("style", None)
        snap = para.get("snap_to_grid", True) is not False
        ctx = RunContext(where, story, grid, snap, base_run)
        inherited = list(style_p.get("tabs", [])) + (list(label.ppr.get("tabs", [])) if label else [])
        stops = merge_tab_stops(inherited, direct.get("tabs", []))
        for stop in stops:
            if stop.align not in TAB_ALIGNS:
                state.warn(where, t("不支持的制表位类型“{kind}”，按左对齐制表位处理", kind=stop.align))
        ctx.auto_space = (
            para.get("auto_space_de", True) is not False and para.get("auto_space_dn", True) is not False
        )
        # The paragraph box carries its mark's East Asian run formatting; text formatted exactly
        # like that is written bare, without a span (fewer inline boxes: WeasyPrint lays out faster).
        # (A paragraph of Latin text only — a table's figures — is based on the Latin face instead.)
        text = "".join(t.text or "" for t in p.iter(w("t")))
        latin_only = bool(text and LATIN.fullmatch(text))
        ctx.plain = self.text.declarations(mark, "latin" if latin_only else "ea", ctx, text=False)
        ctx.para = para
        # Word's single line: the largest of the faces the text uses and the paragraph mark's (a
        # Latin character: its w:ascii face), which sits on the last line and alone holds an empty one
        mark_line = state.single_line(latin_face(mark, state.theme) or state.fonts.default, "latin")

        def content() -> ParagraphState:
            ctx.single = mark_line
            out = ParagraphState()
            if label is not None and label.text:
                self._label(label, para, mark, ctx, out)
            self.inline.inline(list(p), ctx, out)
            return out

        out = content()
        if (
            para.get("line_rule", "auto") != "exact"
            and max(ctx.sizes, default=0) - min(ctx.sizes, default=0) > 0.5
        ):
            # Text of several sizes: Word sizes each line by the largest text on it. The paragraph's
            # strut is the smallest size's line; larger runs carry their own line height (rg-lh),
            # which makes only their lines taller. Converted again with that known.
            ctx.strut_size, ctx.text_size = min(ctx.sizes), 0.0
            out = content()

        text_size = ctx.strut_size or ctx.text_size or None
        declarations = paragraph_css(para, mark, grid, snap, text_size, ctx.single) + ctx.plain
        baseline: list[str] = []
        if not (para.get("borders") or para.get("shading")):
            gridded = bool(snap and grid.line_pitch)
            baseline = self._baseline(para, mark, latin_only, gridded, declarations, text_size)
            if not out.floats:  # moves the box; with floating pictures only the text (_lowered)
                declarations, baseline = declarations + baseline, []
        if out.has_image and not text.strip() and para.get("line_rule", "auto") == "auto":
            # a picture on a line of its own: the line is the picture and the font's descent below
            # it (LibreOffice, Word), not the picture plus half the leading of a text line
            declarations = [d for d in declarations if not d.startswith("line-height:")] + [
                "line-height:normal"
            ]
        # the line box is the paragraph's strut, whose line-height is Word's line height for this
        # paragraph; runs in other faces or sizes don't grow it (images still do)
        cls = line_class(state.classes.name("p", ";".join(declarations)))
        tabs = tab_stops_attribute(state.default_tab, stops, declarations) if out.has_tab else ""
        parts = []
        for i, chunk in enumerate(out.chunks):
            html_text = "".join(chunk) or NBSP
            if out.floats:  # out of the text flow: at the paragraph's start, or where anchored
                anchored = [(at, f) for n, at, f in out.floats if n == i]
                chunk, anchored = _lowered(chunk, anchored, baseline)
                html_text = place_floats(chunk, anchored, declarations)
            extra = f' style="break-before:{out.breaks[i - 1]};text-indent:0"' if i else ""
            boxes = "".join(f.hoisted(declarations) for n, _, f in out.floats if n == i)  # text boxes
            parts.append(f'{boxes}<p class="{cls}"{extra}{tabs}>{html_text}</p>')
        return "".join(parts)

    def _baseline(
        self,
        para: Props,
        mark: Props,
        latin_only: bool,
        gridded: bool,
        declarations: list[str],
        text_size: float | None,
    ) -> list[str]:
        """Return CSS that moves the paragraph's text to Word's baseline in its lines (docs/converter.md).

        Our line box centres the strut face's (ascent + descent) in the line (CSS half-leading).
        Word puts an exact line's baseline 0.8 of the line below its top, whatever the face
        (the Chinese forms: 22 pt lines 17.56 pt, 28.3 pt lines 22.56); other lines centre the
        face as we do, but with the metrics of Word's face, not the stand-in's; a Latin-only
        paragraph's auto lines off a line grid have the baseline the face's winAscent below the
        line's top, the rest of the line below (case13: Cambria 11 pt at 1.15, 10.45 pt). Only the
        text moves (position:relative), never the line box.
        """
        values = dict(d.split(":", 1) for d in declarations if ":" in d)
        size = float(values.get("font-size", "0pt").removesuffix("pt") or 0)
        given = values.get("line-height", "")
        line = float(given.removesuffix("pt")) if given.endswith("pt") else None
        fonts, theme = self.state.fonts, self.state.theme
        face = (latin_face(mark, theme) if latin_only else east_asian_face(mark, theme)) or fonts.default
        family = fonts.resolve(face).family
        ours = vertical_metrics(family)
        if ours is None or not size:
            return []
        centre = size / 2 * (ours[0] - ours[1])  # the baseline below the line's middle
        if para.get("line_rule", "auto") == "exact" and line is not None:
            shift = (EXACT_BASELINE - 0.5) * line - centre
        elif latin_only and not gridded and line is not None and (ascent := word_ascent(face, family)):
            shift = ascent * (text_size or size) - line / 2 - centre
        elif latin_only:
            return self._latin_baseline(mark, text_size or font_size(mark))
        elif (word := WORD_FACE_METRICS.get(face)) is not None:
            # Word centres the line's text, which may be larger than the mark our strut is sized by
            shift = (text_size or size) / 2 * (word[0] - word[1]) - centre
        else:
            return []
        return [f"position:relative;top:{fmt(shift)}"] if abs(shift) >= 0.05 else []

    def _latin_baseline(self, mark: Props, size: float) -> list[str]:
        """Return CSS that puts a Latin-only paragraph's baseline where its East Asian one would be.

        Such a paragraph (a table's figures) is set in the Latin face, so its strut centres on
        that face's ascent and descent, 1 pt higher (10.5 pt, Liberation/Noto Serif) than the
        labels beside it; LibreOffice keeps one baseline. The line box stays: only the text moves,
        by half the difference of (ascent − descent), which does not depend on the line height.
        """
        fonts, theme = self.state.fonts, self.state.theme
        latin = latin_face(mark, theme) or fonts.default
        east = east_asian_face(mark, theme) or fonts.default
        ours, theirs = (vertical_metrics(fonts.resolve(face).family) for face in (latin, east))
        if ours is None or theirs is None:
            return []
        shift = size / 2 * ((theirs[0] - theirs[1]) - (ours[0] - ours[1]))
        return [f"position:relative;top:{fmt(shift)}"] if abs(shift) >= 0.05 else []

    def _label(self, label: Label, para: Props, mark: Props, ctx: RunContext, out: ParagraphState) -> None:
        """Emit a list label; a tab after it reaches the hanging indent, as in Word."""
        run = {**mark, **label.rpr}
        hanging = -para.get("ind_first", 0) / 20
        reaches_indent = label.suffix == "tab" and hanging > 0
        style = f' style="min-width:{fmt(hanging)}"' if reaches_indent else ""
        out.emit(number_span(style))
        self.text.text(label.text, run, ctx, out)
        out.emit("</span>")
        if not reaches_indent and label.suffix == "tab":
            out.has_tab = True
            out.emit(tab_span())
            out.last_char = ""
        elif label.suffix == "space":
            self.text.text(" ", run, ctx, out)


def _lowered(
    chunk: list[str], anchored: list[tuple[int, T]], baseline: list[str]
) -> tuple[list[str], list[tuple[int, T]]]:
    """Return a chunk's pieces with the text between its floating pictures moved by `baseline`.

    A paragraph with floating pictures cannot be positioned itself (it would become their containing
    block): each stretch of text between two anchors goes into a span of its own that carries the
    move, and the anchors' indexes follow. A stretch whose tags do not balance stays as it is.
    """
    if not baseline or not chunk:
        return chunk, anchored
    cuts = sorted({min(at, len(chunk)) for at, _ in anchored} | {0, len(chunk)})
    pieces = []
    for start, end in itertools.pairwise(cuts):
        stretch = "".join(chunk[start:end])
        opened = stretch.count("<span") + stretch.count("<a ")
        if stretch and opened != stretch.count("</span>") + stretch.count("</a>"):
            return chunk, anchored
        pieces.append(f'<span style="{";".join(baseline)}">{stretch}</span>' if stretch else "")
    return pieces, [(cuts.index(min(at, len(chunk))), item) for at, item in anchored]

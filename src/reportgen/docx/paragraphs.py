"""A w:p → HTML: its resolved properties, list label, strut and line heights, tab stops."""

from __future__ import annotations

from reportgen.docx.anchors import place_floats
from reportgen.docx.css import Grid, east_asian_face, fmt, font_size, latin_face, paragraph_css
from reportgen.docx.hints import TAB_ALIGNS, line_class, number_span, tab_span, tab_stops_attribute
from reportgen.docx.numbering import Label
from reportgen.docx.ooxml import Element, child, w
from reportgen.docx.properties import Props, merge_tab_stops, parse_ppr, parse_rpr
from reportgen.docx.runs import InlineConverter
from reportgen.docx.state import ConversionState, ParagraphState, RunContext, Story
from reportgen.docx.text import LATIN, TextWriter
from reportgen.fonts import vertical_metrics
from reportgen.i18n import t

NBSP = "\u00a0"


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
        if latin_only and not (para.get("borders") or para.get("shading") or out.floats):
            # (not with floating pictures: a positioned paragraph would become their containing block)
            declarations += self._latin_baseline(mark, text_size or font_size(mark))  # moves the box
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
                html_text = place_floats(chunk, [(at, f) for n, at, f in out.floats if n == i], declarations)
            extra = ' style="break-before:page;text-indent:0"' if i else ""
            boxes = "".join(f.hoisted(declarations) for n, _, f in out.floats if n == i)  # text boxes
            parts.append(f'{boxes}<p class="{cls}"{extra}{tabs}>{html_text}</p>')
        return "".join(parts)

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

"""A paragraph's inline content → HTML: runs, tabs, breaks, symbols, fields, hyperlinks, footnotes."""

from __future__ import annotations

import html

from reportgen.docx.drawings import Drawn, drawing, vml
from reportgen.docx.hints import tab_span
from reportgen.docx.ooxml import NS, Element, R, alternate, child, local, w, wattr
from reportgen.docx.properties import Props, parse_ppr, parse_rpr
from reportgen.docx.shapes.scene import Blocks
from reportgen.docx.state import ConversionState, Field, ParagraphState, RunContext, Story
from reportgen.docx.text import TextWriter
from reportgen.i18n import t

IGNORED_RUN_CHILDREN = {
    "footnoteRef",
    "rPr",
    "lastRenderedPageBreak",
    "proofErr",
    "delText",
    "annotationRef",
    "commentReference",
    "separator",
    "continuationSeparator",
}
IGNORED_PARA_CHILDREN = {
    "pPr",
    "bookmarkEnd",
    "proofErr",
    "del",
    "commentRangeStart",
    "commentRangeEnd",
    "permStart",
    "permEnd",
    "moveFromRangeStart",
    "moveFromRangeEnd",
    "moveToRangeStart",
    "moveToRangeEnd",
}
CONTAINERS = {"ins", "smartTag", "customXml", "moveTo", "dir", "bdo"}
LINK_SCHEMES = ("http://", "https://", "mailto:", "ftp://")
"""The only external hyperlinks kept in the PDF (no file:, javascript: or a program to launch)."""


class InlineConverter:
    """Walks a paragraph's children and emits their HTML into a ParagraphState."""

    def __init__(self, state: ConversionState, text: TextWriter) -> None:
        self.state = state
        self.text = text
        self.blocks: Blocks | None = None  # converts a text box's paragraphs (set by BlockConverter)

    def inline(self, elements: list[Element], ctx: RunContext, para: ParagraphState) -> None:
        """Emit the HTML of a paragraph's (or a hyperlink's, a field's, ...) children."""
        for el in elements:
            name = local(el)
            if name == "r":
                self.run(el, ctx, para)
            elif name in CONTAINERS:
                self.inline(list(el), ctx, para)
            elif name == "hyperlink":
                self._hyperlink(el, ctx, para)
            elif name == "fldSimple":
                self._simple_field(el, ctx, para)
            elif name == "bookmarkStart":
                mark = wattr(el, "name", "") or ""
                if mark and not mark.startswith("_"):  # _GoBack, _Toc…: Word's own
                    para.emit(f'<a id="{html.escape(mark, quote=True)}"></a>')
            elif name == "sdt":
                self.inline(list(child(el, "sdtContent") or []), ctx, para)
            elif name == "AlternateContent":
                self.inline(alternate(el), ctx, para)
            elif name in IGNORED_PARA_CHILDREN or not name:
                continue
            else:
                self.state.warn(ctx.where, t("不支持的段内内容 <w:{name}>，已略过", name=name))

    def _hyperlink(self, el: Element, ctx: RunContext, para: ParagraphState) -> None:
        rid = el.get(R + "id")
        anchor = wattr(el, "anchor")
        href = None
        if rid and rid in ctx.story.part.rels:
            rel = ctx.story.part.rels[rid]
            href = rel.target_ref if rel.is_external else None
            if href and not href.lower().startswith(LINK_SCHEMES):
                self.state.warn(ctx.where, t("超链接地址 {url} 不是网址或邮件地址，只保留文字", url=href[:80]))
                href = None
        elif anchor:
            href = "#" + anchor
        if href:
            para.emit(f'<a href="{html.escape(href, quote=True)}">')
        self.inline(list(el), ctx, para)
        if href:
            para.emit("</a>")

    def _simple_field(self, el: Element, ctx: RunContext, para: ParagraphState) -> None:
        counter = _page_counter(wattr(el, "instr", ""))
        if counter:
            para.emit(self._counter_span(counter, ctx, ctx.base_run))
        else:
            self.inline(list(el), ctx, para)

    def _counter_span(self, counter: str, ctx: RunContext, run: Props) -> str:
        cls = self.text.run_class(run, "latin", ctx)
        return f'<span class="{cls} rg-{counter}"></span>'

    def run(self, r: Element, ctx: RunContext, para: ParagraphState) -> None:
        """Emit the HTML of a w:r: its text, tabs, breaks, symbols, field characters, pictures, notes."""
        state = self.state
        direct = parse_rpr(child(r, "rPr"))
        char_style = direct.pop("style", None)
        style_r: Props = {}
        if char_style:
            if state.styles.has(char_style):
                style_r = state.styles.resolve(char_style)[1]
            else:
                state.warn(ctx.where, t("字符样式“{name}”不存在，已忽略", name=char_style))
        run = {**ctx.base_run, **style_r, **direct}
        if run.get("hidden"):
            return
        for el in r:
            name = local(el)
            if name == "t":
                self.text.text(el.text or "", run, ctx, para)
            elif name == "tab":  # in the run's Latin face: a leader's dots are Word's
                para.has_tab = True
                para.emit(tab_span(self.text.run_class(run, "latin", ctx)))
                para.last_char = ""
            elif name in ("br", "cr"):
                kind = wattr(el, "type")
                if kind in ("page", "column"):
                    # a column break in a section of one column starts a page (Word)
                    columns = getattr(state.page, "columns", 1) if kind == "column" else 1
                    para.chunks.append([])
                    para.breaks.append("column" if columns > 1 else "page")
                else:
                    para.emit("<br>")
            elif name == "noBreakHyphen":
                self.text.text("\u2011", run, ctx, para)
            elif name == "softHyphen":
                self.text.text("\u00ad", run, ctx, para)
            elif name == "sym":
                code = wattr(el, "char", "")
                try:
                    char = chr(int(code[:6], 16))  # at most U+FFFFFF: chr() says ValueError, not OverflowError
                    if "\ud800" <= char <= "\udfff" or char < " ":
                        raise ValueError(code)
                    self.text.text(char, run, ctx, para)
                except ValueError:
                    state.warn(ctx.where, t("无法识别的符号 {code}", code=code[:16]))
            elif name == "fldChar":
                self._field_char(wattr(el, "fldCharType"), run, ctx, para)
            elif name == "instrText":
                if para.fields:
                    para.fields[-1].instr += el.text or ""
            elif name == "drawing":
                self._drawing(el, ctx, para)
            elif name in ("pict", "object"):
                self._vml(el, ctx, para)
            elif name == "footnoteReference":
                para.emit(self._footnote(wattr(el, "id", "") or "", ctx))
            elif name == "endnoteReference":
                state.warn(ctx.where, t("尾注暂不支持，已略过"))
            elif name == "AlternateContent":
                self._alternate(el, ctx, para)
            elif name in IGNORED_RUN_CHILDREN or not name:
                continue
            else:
                state.warn(ctx.where, t("不支持的文字内容 <w:{name}>，已略过", name=name))

    def _vml(self, el: Element, ctx: RunContext, para: ParagraphState) -> None:
        """Emit a VML shape (w:pict) like a drawing; an embedded object is a warning."""
        drawn = vml(self.state, el, ctx, self.blocks)
        if drawn is None:
            self.state.warn(ctx.where, t("旧式图形（VML 或嵌入对象）暂不支持，已略过"))
        else:
            self._drawing(el, ctx, para, drawn)

    def _drawing(
        self, el: Element, ctx: RunContext, para: ParagraphState, drawn: Drawn | None = None
    ) -> None:
        """Emit an inline picture; note a floating one for its paragraph (placed out of the flow)."""
        drawn = drawn or drawing(self.state, el, ctx, self.blocks)
        if drawn.floating is not None:
            if para.visible():
                index = len(para.chunks[-1]) if drawn.floating.in_place else 0
                para.floats.append((len(para.chunks) - 1, index, drawn.floating))
        else:  # (a drawing not drawn still counts as an image: its line keeps the picture's rule)
            para.emit(drawn.html)
            para.has_image = True

    def _alternate(self, el: Element, ctx: RunContext, para: ParagraphState) -> None:
        """Emit a run's mc:AlternateContent: the choice's drawing (a shape in wps form), else the
        fallback's; else the VML (w:pict) of either, drawn or a warning, never a silent gap."""
        fallback = alternate(el)
        choice = el.find("mc:Choice", NS)
        branches = (list(choice) if choice is not None else [], fallback)
        for options in branches:  # the choice's DrawingML (wps, wpg) first, then the fallback's
            drawings = [sub for sub in options if local(sub) == "drawing"]
            if drawings:
                for sub in drawings:
                    self._drawing(sub, ctx, para)
                return
        for options in branches:  # else the VML
            picts = [sub for sub in options if local(sub) in ("pict", "object")]
            if picts:
                for sub in picts:
                    self._vml(sub, ctx, para)
                return

    def _field_char(self, kind: str | None, run: Props, ctx: RunContext, para: ParagraphState) -> None:
        """PAGE/NUMPAGES become CSS page counters; other fields show their cached result."""
        if kind == "begin":
            para.fields.append(Field())
        elif kind == "separate" and para.fields:
            current = para.fields[-1]
            current.showing_result = True
            counter = _page_counter(current.instr)
            if counter:
                para.emit(self._counter_span(counter, ctx, run))
            current.counter = counter  # a page counter's cached result is not printed
        elif kind == "end" and para.fields:
            current = para.fields.pop()
            if not current.showing_result:
                counter = _page_counter(current.instr)
                if counter:
                    para.emit(self._counter_span(counter, ctx, run))

    def _footnote(self, note_id: str, ctx: RunContext) -> str:
        """Return a footnote as a CSS footnote (float: footnote): the call here, the text at the page foot."""
        state = self.state
        note = state.footnotes.get(note_id)
        if note is None:
            state.warn(ctx.where, t("找不到脚注 {id}", id=note_id))
            return ""
        story = Story(state.footnotes_part, ctx.where + t("的脚注"), area="note")
        parts = []
        for p in note.iterfind(w("p")):
            ppr_el = child(p, "pPr")
            style_id = parse_ppr(ppr_el).get("style") or state.styles.default_para
            style_p, style_r = state.styles.resolve(style_id)
            base_run = {**state.styles.defaults_r, **style_r}
            note_ctx = RunContext(ctx.where, story, ctx.grid, False, base_run)
            note_para = ParagraphState()
            self.inline(list(p), note_ctx, note_para)
            parts.append("".join("".join(chunk) for chunk in note_para.chunks))
        return f'<span class="rg-footnote">{"<br>".join(parts)}</span>'


def _page_counter(instr: str) -> str | None:
    words = instr.split()
    if not words:
        return None
    return {"PAGE": "page", "NUMPAGES": "pages", "SECTIONPAGES": "pages"}.get(words[0].upper())

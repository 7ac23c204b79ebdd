"""Block content → HTML: paragraphs, runs, fields, hyperlinks, inline images and tables."""

from __future__ import annotations

import base64
import html
import re
from dataclasses import dataclass, field
from typing import Any

from reportgen.docx.css import (
    ClassTable,
    Grid,
    border_css,
    east_asian_face,
    family,
    fmt,
    font_size,
    latin_face,
    line_height,
    paragraph_css,
    run_css,
)
from reportgen.docx.numbering import Label, Numbering
from reportgen.docx.ooxml import NS, Element, R, child, emu_pt, local, on_off, to_int, w, wattr
from reportgen.docx.properties import Props, StyleSheet, TabStop, merge_tab_stops, parse_ppr, parse_rpr
from reportgen.errors import Problem
from reportgen.fonts import FontMap, vertical_metrics
from reportgen.i18n import t

LATIN = re.compile(r"[\u0000-\u024f]+")
NBSP = "\u00a0"
GRID_MARK = "rg-grid "
"""Prefix of the hyphenate-character value that tells cjk_justify a Latin run's grid cell (pt)."""
DIGIT_HYPHEN = re.compile(r"(?<=\d-)(?=\d)")
SLASH_WORD = re.compile(
    r"(?<![\w/:.])\w{1,12}(?:/\w{1,12}){1,3}(?![\w/:])"  # “GB/T”, “and/or”, “1/2”
    r"|(?:https?://|www\.)[^\s?/][^\s?]{0,58}\??"  # a URL up to its “?” (LibreOffice breaks after it)
)
"""Words joined by slashes and URLs: kept on one line, where Pango would break after a “/”."""
QUOTE_BREAK = re.compile(r"(?<=[”’])(?=.)|(?<=.)(?=[“‘])")
TAB_ALIGNS = {
    "left": "left",
    "start": "left",
    "num": "left",  # a list level's stop for the text after its number
    "center": "center",
    "right": "right",
    "end": "right",
    "decimal": "decimal",
}
"""Tab stop kinds tab_stops.py lays out (w:tab/@w:val); a bar stop (a vertical line) is read as a left stop."""
AUTO_SPACE = 0.2
"""Word's and LibreOffice's space between ideographs and Latin letters/digits: ⅕ em (measured in
LibreOffice 7.4 on left-aligned 16 pt text: 3.2 pt)."""
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


@dataclass
class Story:
    """Where the converter is: the package part (for relationships) and a label for messages."""

    part: Any
    label: str
    paragraphs: int = 0
    tables: int = 0


@dataclass
class _Field:
    instr: str = ""
    showing_result: bool = False
    counter: str | None = None


@dataclass
class _Latin:
    """The Latin segment last emitted, and where: it may still get an auto space after it."""

    text: str
    run: Props
    space_before: float
    chunk: list[str]
    index: int


@dataclass
class _ParagraphState:
    chunks: list[list[str]] = field(default_factory=lambda: [[]])
    fields: list[_Field] = field(default_factory=list)
    last_char: str = ""
    has_tab: bool = False
    has_image: bool = False
    last_latin: _Latin | None = None

    def emit(self, html_text: str) -> None:
        if any(f.counter for f in self.fields) or any(not f.showing_result for f in self.fields):
            return  # inside field instructions, or the cached result of a page-number field
        self.chunks[-1].append(html_text)


class BodyConverter:
    """Converts block-level WordprocessingML into HTML, collecting warnings and the faces used."""

    def __init__(
        self,
        styles: StyleSheet,
        fonts: FontMap,
        classes: ClassTable,
        numbering: Numbering,
        theme: dict[str, str] | None = None,
        footnotes: tuple[Any, dict[str, Element]] | None = None,
    ) -> None:
        self.styles = styles
        self.numbering = numbering
        self.theme = theme or {}
        self.footnotes_part, self.footnotes = footnotes or (None, {})
        self.fonts = fonts
        self.classes = classes
        self.warnings: list[Problem] = []
        self.used_faces: set[str] = set()
        self._warned: set[tuple[str, str]] = set()
        self.default_tab = 36.0  # pt, w:defaultTabStop (set by docx_to_html)
        normal_run = {**styles.defaults_r, **styles.resolve(styles.default_para)[1]}
        self.normal_size = font_size(normal_run)  # the character grid's cell: this + charSpace

    def warn(self, where: str, message: str) -> None:
        """Record a warning once per (place, message)."""
        if (where, message) not in self._warned:
            self._warned.add((where, message))
            self.warnings.append(Problem(where, message))

    # -- blocks -------------------------------------------------------------------------------

    def blocks(
        self, elements: list[Element], story: Story, grid: Grid, table_style: tuple[Props, Props] = ({}, {})
    ) -> str:
        """Return the HTML of a sequence of block-level elements (w:p, w:tbl, w:sdt, ...)."""
        out: list[str] = []
        styles = [self._style_of(el) if local(el) == "p" else None for el in elements]
        for index, el in enumerate(elements):
            name = local(el)
            if name == "p":
                # w:contextualSpacing: no space between paragraphs of the same style
                same_before = index > 0 and styles[index - 1] == styles[index]
                same_after = index + 1 < len(elements) and styles[index + 1] == styles[index]
                out.append(self.paragraph(el, story, grid, table_style, (same_before, same_after)))
            elif name == "tbl":
                out.append(self.table(el, story, grid))
            elif name == "sdt":
                content = child(el, "sdtContent")
                if content is not None:
                    out.append(self.blocks(list(content), story, grid, table_style))
            elif name == "AlternateContent":
                out.append(self.blocks(_alternate(el), story, grid, table_style))
            elif name in ("customXml",):
                out.append(self.blocks(list(el), story, grid, table_style))
            elif name in (
                "sectPr",
                "bookmarkStart",
                "bookmarkEnd",
                "proofErr",
                "tblPr",
                "tcPr",
                "permStart",
                "permEnd",
                "",
            ):
                continue
            else:
                self.warn(story.label, t("不支持的内容 <w:{name}>，已略过", name=name))
        return "".join(out)

    # -- paragraphs ---------------------------------------------------------------------------

    def _style_of(self, p: Element) -> str | None:
        return parse_ppr(child(p, "pPr")).get("style") or self.styles.default_para

    def paragraph(
        self,
        p: Element,
        story: Story,
        grid: Grid,
        table_style: tuple[Props, Props] = ({}, {}),
        same_style: tuple[bool, bool] = (False, False),
    ) -> str:
        """Return the HTML of one w:p (one <p>, or several where it holds page breaks)."""
        story.paragraphs += 1
        where = story.label + t("第 {n} 段", n=story.paragraphs)
        ppr_el = child(p, "pPr")
        direct = parse_ppr(ppr_el)
        style_id = direct.pop("style", None) or self.styles.default_para
        if style_id and not self.styles.has(style_id):
            self.warn(where, t("样式“{name}”不存在，按“正文”处理", name=style_id))
            style_id = self.styles.default_para
        style_p, style_r = self.styles.resolve(style_id)
        para = {**self.styles.defaults_p, **table_style[0], **style_p, **direct}
        label = self.numbering.label(para["num_id"], para.get("num_level", 0)) if "num_id" in para else None
        if label is not None:  # Word: style → list level → direct formatting
            para = {**self.styles.defaults_p, **table_style[0], **style_p, **label.ppr, **direct}
        if para.get("contextual_spacing"):
            for side, same in zip(("space_before", "space_after"), same_style, strict=True):
                if same:
                    para = {k: v for k, v in para.items() if not k.startswith(side)}
        base_run = {**self.styles.defaults_r, **table_style[1], **style_r}
        mark = {**base_run, **parse_rpr(child(ppr_el, "rPr"))}
        mark.pop("style", None)
        snap = para.get("snap_to_grid", True) is not False
        ctx = _RunContext(where, story, grid, snap, base_run)
        inherited = list(style_p.get("tabs", [])) + (list(label.ppr.get("tabs", [])) if label else [])
        stops = merge_tab_stops(inherited, direct.get("tabs", []))
        for stop in stops:
            if stop.align not in TAB_ALIGNS:
                self.warn(where, t("不支持的制表位类型“{kind}”，按左对齐制表位处理", kind=stop.align))
        ctx.auto_space = (
            para.get("auto_space_de", True) is not False and para.get("auto_space_dn", True) is not False
        )
        # The paragraph box carries its mark's East Asian run formatting; text formatted exactly
        # like that is written bare, without a span (fewer inline boxes: WeasyPrint lays out faster).
        # (A paragraph of Latin text only — a table's figures — is based on the Latin face instead.)
        text = "".join(t.text or "" for t in p.iter(w("t")))
        latin_only = bool(text and LATIN.fullmatch(text))
        ctx.plain = self._run_declarations(mark, "latin" if latin_only else "ea", ctx)
        ctx.para = para

        def content() -> _ParagraphState:
            state = _ParagraphState()
            if label is not None and label.text:
                self._label(label, para, mark, ctx, state)
            self._inline(list(p), ctx, state)
            return state

        state = content()
        if (
            para.get("line_rule", "auto") != "exact"
            and max(ctx.sizes, default=0) - min(ctx.sizes, default=0) > 0.5
        ):
            # Text of several sizes: Word sizes each line by the largest text on it. The paragraph's
            # strut is the smallest size's line; larger runs carry their own line height (rg-lh),
            # which makes only their lines taller. Converted again with that known.
            ctx.strut_size, ctx.text_size = min(ctx.sizes), 0.0
            state = content()

        text_size = ctx.strut_size or ctx.text_size or None
        declarations = paragraph_css(para, mark, grid, snap, text_size) + ctx.plain
        if latin_only and not (para.get("borders") or para.get("shading")):
            declarations += self._latin_baseline(mark, text_size or font_size(mark))  # moves the box
        if state.has_image and not text.strip() and para.get("line_rule", "auto") == "auto":
            # a picture on a line of its own: the line is the picture and the font's descent below
            # it (LibreOffice, Word), not the picture plus half the leading of a text line
            declarations = [d for d in declarations if not d.startswith("line-height:")] + [
                "line-height:normal"
            ]
        # "rg-line": the line box is the paragraph's strut, whose line-height is Word's line height
        # for this paragraph; runs in other faces or sizes don't grow it (images still do)
        cls = self.classes.name("p", ";".join(declarations)) + " rg-line"
        tabs = f' data-rg-tabs="{self._tab_data(stops, declarations)}"' if state.has_tab else ""
        parts = []
        for i, chunk in enumerate(state.chunks):
            content = "".join(chunk) or NBSP
            extra = ' style="break-before:page;text-indent:0"' if i else ""
            parts.append(f'<p class="{cls}"{extra}{tabs}>{content}</p>')
        return "".join(parts)

    def _latin_baseline(self, mark: Props, size: float) -> list[str]:
        """Return CSS that puts a Latin-only paragraph's baseline where its East Asian one would be.

        Such a paragraph (a table's figures) is set in the Latin face, so its strut centres on
        that face's ascent and descent, 1 pt higher (10.5 pt, Liberation/Noto Serif) than the
        labels beside it; LibreOffice keeps one baseline. The line box stays: only the text moves,
        by half the difference of (ascent − descent), which does not depend on the line height.
        """
        latin = latin_face(mark, self.theme) or self.fonts.default
        east = east_asian_face(mark, self.theme) or self.fonts.default
        ours, theirs = (vertical_metrics(self.fonts.resolve(face).family) for face in (latin, east))
        if ours is None or theirs is None:
            return []
        shift = size / 2 * ((theirs[0] - theirs[1]) - (ours[0] - ours[1]))
        return [f"position:relative;top:{fmt(shift)}"] if abs(shift) >= 0.05 else []

    def _tab_data(self, stops: list[TabStop], declarations: list[str]) -> str:
        """Return the paragraph's tab stops for tab_stops.py: "default;indent;pos:align:leader …" in pt.

        Positions count from the text column's left edge, as in Word; `indent` is the paragraph's
        left indent (its CSS margin-left), which lies between that edge and the line box. A hanging
        indent is a stop of its own in Word (the first line's tab reaches the text of the others).
        """
        values = dict(d.split(":", 1) for d in declarations if d.startswith(("margin-left:", "text-indent:")))
        indent = float(values.get("margin-left", "0pt").removesuffix("pt"))
        first = float(values.get("text-indent", "0pt").removesuffix("pt"))
        items = [(stop.pos / 20, stop.align, stop.leader or "none") for stop in stops]
        if first < 0:
            items.append((indent, "left", "none"))
        items.sort()
        listed = " ".join(
            f"{pos:.2f}:{TAB_ALIGNS.get(align, 'left')}:{leader}" for pos, align, leader in items
        )
        return f"{self.default_tab:.2f};{indent:.2f};{listed}"

    def _label(
        self, label: Label, para: Props, mark: Props, ctx: _RunContext, state: _ParagraphState
    ) -> None:
        """Emit a list label; a tab after it reaches the hanging indent, as in Word."""
        run = {**mark, **label.rpr}
        hanging = -para.get("ind_first", 0) / 20
        reaches_indent = label.suffix == "tab" and hanging > 0
        style = f' style="min-width:{fmt(hanging)}"' if reaches_indent else ""
        state.emit(f'<span class="rg-num"{style}>')
        self._text(label.text, run, ctx, state)
        state.emit("</span>")
        if not reaches_indent and label.suffix == "tab":
            state.has_tab = True
            state.emit('<span class="rg-tab">\t</span>')
            state.last_char = ""
        elif label.suffix == "space":
            self._text(" ", run, ctx, state)

    def _inline(self, elements: list[Element], ctx: _RunContext, state: _ParagraphState) -> None:
        for el in elements:
            name = local(el)
            if name == "r":
                self._run(el, ctx, state)
            elif name in CONTAINERS:
                self._inline(list(el), ctx, state)
            elif name == "hyperlink":
                self._hyperlink(el, ctx, state)
            elif name == "fldSimple":
                self._simple_field(el, ctx, state)
            elif name == "bookmarkStart":
                mark = wattr(el, "name", "") or ""
                if mark and not mark.startswith("_"):  # _GoBack, _Toc…: Word's own
                    state.emit(f'<a id="{html.escape(mark, quote=True)}"></a>')
            elif name == "sdt":
                self._inline(list(child(el, "sdtContent") or []), ctx, state)
            elif name == "AlternateContent":
                self._inline(_alternate(el), ctx, state)
            elif name in IGNORED_PARA_CHILDREN or not name:
                continue
            else:
                self.warn(ctx.where, t("不支持的段内内容 <w:{name}>，已略过", name=name))

    def _hyperlink(self, el: Element, ctx: _RunContext, state: _ParagraphState) -> None:
        rid = el.get(R + "id")
        anchor = wattr(el, "anchor")
        href = None
        if rid and rid in ctx.story.part.rels:
            rel = ctx.story.part.rels[rid]
            href = rel.target_ref if rel.is_external else None
        elif anchor:
            href = "#" + anchor
        if href:
            state.emit(f'<a href="{html.escape(href, quote=True)}">')
        self._inline(list(el), ctx, state)
        if href:
            state.emit("</a>")

    def _simple_field(self, el: Element, ctx: _RunContext, state: _ParagraphState) -> None:
        counter = _page_counter(wattr(el, "instr", ""))
        if counter:
            state.emit(self._counter_span(counter, ctx, ctx.base_run))
        else:
            self._inline(list(el), ctx, state)

    def _counter_span(self, counter: str, ctx: _RunContext, run: Props) -> str:
        cls = self._run_class(run, "latin", ctx)
        return f'<span class="{cls} rg-{counter}"></span>'

    # -- runs ---------------------------------------------------------------------------------

    def _run(self, r: Element, ctx: _RunContext, state: _ParagraphState) -> None:
        direct = parse_rpr(child(r, "rPr"))
        char_style = direct.pop("style", None)
        style_r: Props = {}
        if char_style:
            if self.styles.has(char_style):
                style_r = self.styles.resolve(char_style)[1]
            else:
                self.warn(ctx.where, t("字符样式“{name}”不存在，已忽略", name=char_style))
        run = {**ctx.base_run, **style_r, **direct}
        if run.get("hidden"):
            return
        for el in r:
            name = local(el)
            if name == "t":
                self._text(el.text or "", run, ctx, state)
            elif name == "tab":  # in the run's Latin face: a leader's dots are Word's
                state.has_tab = True
                state.emit(f'<span class="rg-tab {self._run_class(run, "latin", ctx)}">\t</span>')
                state.last_char = ""
            elif name in ("br", "cr"):
                if wattr(el, "type") == "page":
                    state.chunks.append([])
                elif wattr(el, "type") == "column":
                    self.warn(ctx.where, t("分栏符按换行处理"))
                    state.emit("<br>")
                else:
                    state.emit("<br>")
            elif name == "noBreakHyphen":
                self._text("\u2011", run, ctx, state)
            elif name == "softHyphen":
                self._text("\u00ad", run, ctx, state)
            elif name == "sym":
                code = wattr(el, "char", "")
                try:
                    self._text(chr(int(code, 16)), run, ctx, state)
                except ValueError:
                    self.warn(ctx.where, t("无法识别的符号 {code}", code=code))
            elif name == "fldChar":
                self._field_char(wattr(el, "fldCharType"), run, ctx, state)
            elif name == "instrText":
                if state.fields:
                    state.fields[-1].instr += el.text or ""
            elif name == "drawing":
                state.emit(self._drawing(el, ctx))
                state.has_image = True
            elif name in ("pict", "object"):
                self.warn(ctx.where, t("旧式图形（VML 或嵌入对象）暂不支持，已略过"))
            elif name == "footnoteReference":
                state.emit(self._footnote(wattr(el, "id", "") or "", ctx))
            elif name == "endnoteReference":
                self.warn(ctx.where, t("尾注暂不支持，已略过"))
            elif name == "AlternateContent":
                fake = _alternate(el)
                for sub in fake:
                    if local(sub) == "drawing":
                        state.emit(self._drawing(sub, ctx))
                        state.has_image = True
            elif name in IGNORED_RUN_CHILDREN or not name:
                continue
            else:
                self.warn(ctx.where, t("不支持的文字内容 <w:{name}>，已略过", name=name))

    def _field_char(self, kind: str | None, run: Props, ctx: _RunContext, state: _ParagraphState) -> None:
        if kind == "begin":
            state.fields.append(_Field())
        elif kind == "separate" and state.fields:
            current = state.fields[-1]
            current.showing_result = True
            counter = _page_counter(current.instr)
            if counter:
                state.emit(self._counter_span(counter, ctx, run))
            current.counter = counter  # a page counter's cached result is not printed
        elif kind == "end" and state.fields:
            current = state.fields.pop()
            if not current.showing_result:
                counter = _page_counter(current.instr)
                if counter:
                    state.emit(self._counter_span(counter, ctx, run))

    def _text(self, text: str, run: Props, ctx: _RunContext, state: _ParagraphState) -> None:
        if not text:
            return
        pos = 0
        for match in LATIN.finditer(text):
            if match.start() > pos:
                self._segment(text[pos : match.start()], run, "ea", ctx, state)
            # “9704-2012” may break after the hyphen in Word and LibreOffice, not in Pango: the
            # parts are separate boxes, and cjk_justify.can_break_text allows that break
            on_char_grid = ctx.snap and ctx.grid.char_grid  # one Latin run fills whole cells: keep it whole
            for part in [match.group()] if on_char_grid else DIGIT_HYPHEN.split(match.group()):
                self._segment(part, run, "latin", ctx, state)
            pos = match.end()
        if pos < len(text):
            self._segment(text[pos:], run, "ea", ctx, state)

    def _segment(self, text: str, run: Props, script: str, ctx: _RunContext, state: _ParagraphState) -> None:
        """Emit a run of one script, with Word's ⅕ em between ideographs and Latin letters/digits.

        The space is a margin of the Latin span: its left margin after an ideograph, its right
        margin before one (the span just emitted is written again with it). The East Asian text
        stays bare, and no empty span sits between two characters, which would hide their line
        break opportunity from WeasyPrint. A line drops the space it starts or ends with
        (cjk_justify), as Word and LibreOffice do.
        """
        on_char_grid = ctx.snap and ctx.grid.char_grid  # the cells space Latin text instead
        space = 0.0
        if ctx.auto_space and not on_char_grid and state.last_char and _auto_space(state.last_char, text[0]):
            space = AUTO_SPACE * font_size(run)
        chunk = state.chunks[-1]
        previous = state.last_latin
        if space and script == "latin":
            markup = self._span(text, run, script, ctx, (space, 0.0))
            space_before = space
        elif space and previous is not None and previous.chunk is chunk and previous.index == len(chunk) - 1:
            chunk[-1] = self._span(previous.text, previous.run, "latin", ctx, (previous.space_before, space))
            markup, space_before = self._span(text, run, script, ctx), 0.0
        elif space:  # after a field or a break: a span of its own around the segment
            cls = self.classes.name("a", f"margin-left:{fmt(space)}")
            markup, space_before = (
                f'<span class="{cls} rg-as">{self._span(text, run, script, ctx)}</span>',
                0.0,
            )
        else:
            markup, space_before = self._span(text, run, script, ctx), 0.0
        count = len(chunk)
        state.emit(markup)
        if len(chunk) > count:
            latin = script == "latin"
            state.last_latin = _Latin(text, run, space_before, chunk, len(chunk) - 1) if latin else None
        state.last_char = text[-1]

    def _span(
        self, text: str, run: Props, script: str, ctx: _RunContext, spaces: tuple[float, float] = (0.0, 0.0)
    ) -> str:
        """Return the HTML of a segment of one script; `spaces`: auto space before and after it (pt)."""
        size = font_size(run)
        ctx.text_size = max(ctx.text_size, size)
        ctx.sizes.add(size)
        declarations = self._run_declarations(run, script, ctx)
        plain = declarations == ctx.plain
        cls = self.classes.name("r", ";".join(declarations))
        if any(spaces):
            margins = [
                f"margin-{side}:{fmt(value)}"
                for side, value in zip(("left", "right"), spaces, strict=True)
                if value
            ]
            cls = f"{self.classes.name('r', ';'.join([*declarations, *margins]))} rg-as"
            plain = False
        taller = self._taller_line(size, script, ctx)
        if taller:
            cls = f"{self.classes.name('r', ';'.join([*declarations, f'line-height:{fmt(taller)}']))} rg-lh"
            plain = False
        opening = "<span>" if plain else f'<span class="{cls}">'
        if script == "latin" and "/" in text and not (ctx.snap and ctx.grid.char_grid):
            # “GB/T”, “and/or”, URLs: Word and LibreOffice do not break after a slash, Pango does
            # (UAX #14 class SY)
            escaped = SLASH_WORD.sub(
                lambda m: f'<span class="rg-nowrap">{m.group()}</span>', html.escape(text, quote=False)
            )
            return escaped if plain else f"{opening}{escaped}</span>"
        pieces = QUOTE_BREAK.split(text) if script == "ea" else [text]
        if len(pieces) > 1:
            # Chinese quotation marks: Word and LibreOffice break before “ and after ” between
            # ideographs, Pango (UAX #14 before LB19a) never does. Each piece is a box of its own;
            # cjk_justify.can_break_text allows the break between them.
            return "".join(f"{opening}{html.escape(piece, quote=False)}</span>" for piece in pieces)
        if plain:
            return html.escape(text, quote=False)
        return f"{opening}{html.escape(text, quote=False)}</span>"

    @staticmethod
    def _taller_line(size: float, script: str, ctx: _RunContext) -> float | None:
        """Return the line height a run of `size` needs where it exceeds the paragraph's strut.

        Only East Asian runs carry one: a span's line height is centred on its own font's ascent
        and descent, and a Latin face's differ enough from the CJK strut's to add a point or two
        to every line with a figure on it.
        """
        if ctx.strut_size is None or script != "ea" or size <= ctx.strut_size + 0.01:
            return None
        taller = line_height(ctx.para, size, ctx.grid, ctx.snap)
        if taller <= line_height(ctx.para, ctx.strut_size, ctx.grid, ctx.snap) + 0.01:
            return None
        return taller

    def _run_class(self, run: Props, script: str, ctx: _RunContext) -> str:
        return self.classes.name("r", ";".join(self._run_declarations(run, script, ctx)))

    def _run_declarations(self, run: Props, script: str, ctx: _RunContext) -> list[str]:
        if script == "latin":
            face = latin_face(run, self.theme) or east_asian_face(run, self.theme) or self.fonts.default
            spacing = 0.0
        else:
            face = east_asian_face(run, self.theme) or latin_face(run, self.theme) or self.fonts.default
            spacing = ctx.grid.char_delta if ctx.snap else 0.0
        fam, weight = family(self.fonts, face, self.used_faces)
        declarations = run_css(run, fam, weight, spacing)
        if script == "latin" and ctx.snap and ctx.grid.char_grid:
            # Latin text on a character grid takes whole cells (ECMA-376 §17.6.5); the cell width
            # rides on an inert inherited property to cjk_justify.split_first_line
            pitch = self.normal_size + ctx.grid.char_delta
            declarations = [d for d in declarations if not d.startswith("letter-spacing:")]
            declarations += ["letter-spacing:0", f'hyphenate-character:"{GRID_MARK}{pitch:.3f}"']
        return declarations

    # -- footnotes ----------------------------------------------------------------------------

    def _footnote(self, note_id: str, ctx: _RunContext) -> str:
        """Return a footnote as a CSS footnote (float: footnote): the call here, the text at the page foot."""
        note = self.footnotes.get(note_id)
        if note is None:
            self.warn(ctx.where, t("找不到脚注 {id}", id=note_id))
            return ""
        story = Story(self.footnotes_part, ctx.where + t("的脚注"))
        parts = []
        for p in note.iterfind(w("p")):
            ppr_el = child(p, "pPr")
            style_id = parse_ppr(ppr_el).get("style") or self.styles.default_para
            style_p, style_r = self.styles.resolve(style_id)
            base_run = {**self.styles.defaults_r, **style_r}
            note_ctx = _RunContext(ctx.where, story, ctx.grid, False, base_run)
            state = _ParagraphState()
            self._inline(list(p), note_ctx, state)
            parts.append("".join("".join(chunk) for chunk in state.chunks))
        return f'<span class="rg-footnote">{"<br>".join(parts)}</span>'

    # -- images -------------------------------------------------------------------------------

    def _drawing(self, el: Element, ctx: _RunContext) -> str:
        if el.find("wp:anchor", NS) is not None:
            self.warn(ctx.where, t("浮动图片按嵌入图片处理（位置可能与 Word 不同）"))
        blip = el.find(".//a:blip", NS)
        extent = el.find(".//wp:extent", NS)
        rid = blip.get(R + "embed") if blip is not None else None
        if rid is None or rid not in ctx.story.part.related_parts:
            self.warn(ctx.where, t("图片缺少图像数据，已略过"))
            return ""
        image = ctx.story.part.related_parts[rid]
        data = base64.b64encode(image.blob).decode("ascii")
        size = ""
        if extent is not None:
            width = emu_pt(to_int(extent.get("cx")) or 0)
            height = emu_pt(to_int(extent.get("cy")) or 0)
            size = f' style="width:{fmt(width)};height:{fmt(height)}"'
        return f'<img src="data:{image.content_type};base64,{data}"{size} alt="">'

    # -- tables -------------------------------------------------------------------------------

    def table(self, tbl: Element, story: Story, grid: Grid) -> str:
        """Return the HTML of a w:tbl with its grid, merged cells, borders and cell formatting."""
        story.tables += 1
        where = story.label + t("表格 {n}", n=story.tables)
        tbl_pr = child(tbl, "tblPr")
        style_id = wattr(child(tbl_pr, "tblStyle"), "val") or self.styles.default_table
        style_props = self.styles.resolve(style_id)
        style_tbl_pr = self.styles.table_props(style_id)
        style_el = self.styles.element(style_id)
        if style_el is not None and style_el.find(w("tblStylePr")) is not None:
            self.warn(where, t("表格样式“{name}”的条件格式（标题行、镶边行等）未应用", name=style_id))
        borders = {**_borders(child(style_tbl_pr, "tblBorders")), **_borders(child(tbl_pr, "tblBorders"))}
        margins = {"top": 0.0, "bottom": 0.0, "left": 5.4, "right": 5.4}
        for source in (self.styles.element(style_id), tbl_pr):
            mar = None
            if source is not None:
                mar = (
                    child(source, "tblCellMar")
                    if local(source) == "tblPr"
                    else source.find(f"{w('tblPr')}/{w('tblCellMar')}")
                )
            margins.update(_margins(mar))
        cols = [(to_int(wattr(gc, "w")) or 0) / 20 for gc in tbl.iterfind(f"{w('tblGrid')}/{w('gridCol')}")]

        layout = self._table_layout(tbl)
        ncols = max([len(cols)] + [c["col"] + c["span"] for row in layout for c in row])
        if cols and ncols > len(cols):  # rows with more cells than w:tblGrid: Word widens the grid
            cols += [_cell_width(layout, index) for index in range(len(cols), ncols)]
        table_css = ["border-collapse:collapse", "table-layout:fixed"]
        if cols and sum(cols):
            table_css.append(f"width:{fmt(sum(cols))}")
        jc = wattr(child(tbl_pr, "jc"), "val")
        indent = to_int(wattr(child(tbl_pr, "tblInd"), "w"))
        if jc == "center":
            table_css.append("margin-left:auto;margin-right:auto")
        elif jc in ("right", "end"):
            table_css.append("margin-left:auto")
        elif indent:
            table_css.append(f"margin-left:{fmt(indent / 20)}")
        out = [f'<table class="{self.classes.name("t", ";".join(table_css))}">']
        if cols:
            out.append("<colgroup>" + "".join(f'<col style="width:{fmt(c)}">' for c in cols) + "</colgroup>")
        rows = list(tbl.iterfind(w("tr")))
        n_header = 0
        while n_header < len(rows) and on_off(child(child(rows[n_header], "trPr"), "tblHeader")):
            n_header += 1
        for r, (row_el, row) in enumerate(zip(rows, layout, strict=True)):
            if r == 0 and n_header:
                out.append("<thead>")
            if r == n_header:
                out.append("</thead><tbody>" if n_header else "<tbody>")
            tr_pr = child(row_el, "trPr")
            row_css = []
            if on_off(child(tr_pr, "cantSplit")):
                row_css.append("break-inside:avoid")
            height = to_int(wattr(child(tr_pr, "trHeight"), "val"))
            if height:
                row_css.append(f"height:{fmt(height / 20)}")
            style = f' style="{";".join(row_css)}"' if row_css else ""
            out.append(f"<tr{style}>")
            for cell in row:
                if not cell["skip"]:
                    out.append(
                        self._cell(
                            cell,
                            r,
                            len(layout),
                            ncols,
                            borders,
                            margins,
                            story,
                            grid,
                            style_props,
                            where + t("第 {n} 行", n=r + 1),
                        )
                    )
            out.append("</tr>")
        if rows:
            out.append("</tbody>" if len(rows) > n_header else "</thead>")
        out.append("</table>")
        return "".join(out)

    def _table_layout(self, tbl: Element) -> list[list[dict[str, Any]]]:
        layout: list[list[dict[str, Any]]] = []
        origin: dict[int, dict[str, Any]] = {}
        for tr in tbl.iterfind(w("tr")):
            col = to_int(wattr(child(child(tr, "trPr"), "gridBefore"), "val")) or 0
            row = []
            for tc in tr.iterfind(w("tc")):
                tc_pr = child(tc, "tcPr")
                span = to_int(wattr(child(tc_pr, "gridSpan"), "val")) or 1
                vmerge_el = child(tc_pr, "vMerge")
                cell = {"tc": tc, "col": col, "span": span, "rowspan": 1, "skip": False}
                if (
                    vmerge_el is not None
                    and wattr(vmerge_el, "val", "continue") == "continue"
                    and col in origin
                ):
                    origin[col]["rowspan"] += 1
                    cell["skip"] = True
                elif vmerge_el is not None and wattr(vmerge_el, "val") == "restart":
                    origin[col] = cell
                else:
                    origin.pop(col, None)
                row.append(cell)
                col += span
            layout.append(row)
        return layout

    def _cell(
        self,
        cell: dict[str, Any],
        r: int,
        nrows: int,
        ncols: int,
        borders: dict[str, str],
        margins: dict[str, float],
        story: Story,
        grid: Grid,
        style_props: tuple[Props, Props],
        where: str,
    ) -> str:
        tc = cell["tc"]
        tc_pr = child(tc, "tcPr")
        own = _borders(child(tc_pr, "tcBorders"))
        first_row, last_row = r == 0, r + cell["rowspan"] >= nrows
        first_col, last_col = cell["col"] == 0, cell["col"] + cell["span"] >= ncols
        sides = {
            "top": own.get("top") or borders.get("top" if first_row else "insideH"),
            "bottom": own.get("bottom") or borders.get("bottom" if last_row else "insideH"),
            "left": own.get("left") or borders.get("left" if first_col else "insideV"),
            "right": own.get("right") or borders.get("right" if last_col else "insideV"),
        }
        mar = {**margins, **_margins(child(tc_pr, "tcMar"))}
        css = [f"border-{side}:{value}" for side, value in sides.items() if value]
        css.append("padding:" + " ".join(fmt(mar[s]) for s in ("top", "right", "bottom", "left")))
        valign = wattr(child(tc_pr, "vAlign"), "val")
        css.append(f"vertical-align:{ {'center': 'middle', 'bottom': 'bottom'}.get(valign or '', 'top') }")
        fill = wattr(child(tc_pr, "shd"), "fill")
        if fill and fill != "auto":
            css.append(f"background:#{fill}")
        attrs = f' class="{self.classes.name("c", ";".join(css))}"'
        if cell["span"] > 1:
            attrs += f' colspan="{cell["span"]}"'
        if cell["rowspan"] > 1:
            attrs += f' rowspan="{cell["rowspan"]}"'
        label = story.label
        story.label = where + t("第 {n} 列", n=cell["col"] + 1)
        content = self.blocks([el for el in tc if local(el) != "tcPr"], story, grid, style_props)
        story.label = label
        return f"<td{attrs}>{content}</td>"


@dataclass
class _RunContext:
    where: str
    story: Story
    grid: Grid
    snap: bool
    base_run: Props
    plain: list[str] = field(default_factory=list)
    auto_space: bool = True
    para: Props = field(default_factory=dict)
    sizes: set[float] = field(default_factory=set)
    strut_size: float | None = None
    text_size: float = 0.0


def _is_ideograph(char: str) -> bool:
    code = ord(char)
    return 0x3040 <= code <= 0x30FF or 0x3400 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or code >= 0x20000


def _is_alnum(char: str) -> bool:
    return char.isalnum() and ord(char) < 0x250


def _auto_space(before: str, after: str) -> bool:
    """Return True where Word puts its East Asian/Latin auto space (w:autoSpaceDE/DN)."""
    return (_is_ideograph(before) and _is_alnum(after)) or (_is_alnum(before) and _is_ideograph(after))


def _page_counter(instr: str) -> str | None:
    words = instr.split()
    if not words:
        return None
    return {"PAGE": "page", "NUMPAGES": "pages", "SECTIONPAGES": "pages"}.get(words[0].upper())


def _alternate(el: Element) -> list[Element]:
    """Return the children of mc:AlternateContent's Fallback (or its first Choice)."""
    fallback = el.find("mc:Fallback", NS)
    chosen = fallback if fallback is not None else el.find("mc:Choice", NS)
    return list(chosen) if chosen is not None else []


def _borders(el: Element | None) -> dict[str, str]:
    """Return CSS border values per side ('top', 'insideH', ...) set in a w:tblBorders/tcBorders."""
    if el is None:
        return {}
    return {{"start": "left", "end": "right"}.get(local(side), local(side)): border_css(side) for side in el}


def _cell_width(layout: list[list[dict[str, Any]]], column: int) -> float:
    """Return the w:tcW (pt) of the first single-column cell in grid column `column` (default 1 inch)."""
    for row in layout:
        for cell in row:
            if cell["col"] == column and cell["span"] == 1:
                width = to_int(wattr(child(child(cell["tc"], "tcPr"), "tcW"), "w"))
                if width:
                    return width / 20
    return 72.0


def _margins(el: Element | None) -> dict[str, float]:
    if el is None:
        return {}
    out = {}
    for side in el:
        name = {"start": "left", "end": "right"}.get(local(side), local(side))
        value = to_int(wattr(side, "w"))
        if value is not None and name in ("top", "bottom", "left", "right"):
            out[name] = value / 20
    return out

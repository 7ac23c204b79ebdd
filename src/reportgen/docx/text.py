"""A run's text → HTML spans: Latin and East Asian segments, Word's auto space, the run's CSS class."""

from __future__ import annotations

import html
import re

from reportgen.docx.breaks import keep_slash_words, latin_parts, quote_pieces
from reportgen.docx.css import (
    WORD_SINGLE_LINE,
    east_asian_face,
    family,
    fmt,
    font_size,
    latin_face,
    line_height,
    run_css,
)
from reportgen.docx.hints import auto_space_class, latin_grid_cell, taller_line_class
from reportgen.docx.properties import Props
from reportgen.docx.state import ConversionState, Latin, ParagraphState, RunContext
from reportgen.fonts import SYNTHETIC_BOLD, SYNTHETIC_BOLD_STROKE, SYNTHETIC_BOLD_WIDTH
from reportgen.hints import synthetic_bold_declaration

LATIN = re.compile(r"[\u0000-\u024f]+")
AUTO_SPACE = 0.25
"""Word's space between ideographs and Latin letters/digits (w:autoSpaceDE/DN): ¼ em, measured on
Word's PDFs of the Chinese forms (“超过30页” in 14 pt 楷体: 3.5 pt before “3” and after “0”; 4.0 pt at
16 pt). LibreOffice 7.4 leaves ⅕ em (3.2 pt at 16 pt), which the converter used before."""


class TextWriter:
    """Writes text in a run's formatting: one span per script, with the auto space between them."""

    def __init__(self, state: ConversionState) -> None:
        self.state = state

    def text(self, text: str, run: Props, ctx: RunContext, para: ParagraphState) -> None:
        """Emit `text` in `run`'s formatting, split into Latin and East Asian segments."""
        if not text:
            return
        on_char_grid = ctx.snap and ctx.grid.char_grid
        pos = 0
        for match in LATIN.finditer(text):
            if match.start() > pos:
                self.segment(text[pos : match.start()], run, "ea", ctx, para)
            for part in latin_parts(match.group(), on_char_grid):
                self.segment(part, run, "latin", ctx, para)
            pos = match.end()
        if pos < len(text):
            self.segment(text[pos:], run, "ea", ctx, para)

    def segment(self, text: str, run: Props, script: str, ctx: RunContext, para: ParagraphState) -> None:
        """Emit a run of one script, with Word's ¼ em between ideographs and Latin letters/digits.

        The space is a margin of the Latin span: its left margin after an ideograph, its right
        margin before one (the span just emitted is written again with it). The East Asian text
        stays bare, and no empty span sits between two characters, which would hide their line
        break opportunity from WeasyPrint. A line drops the space it starts or ends with
        (cjk_justify), as Word and LibreOffice do.
        """
        on_char_grid = ctx.snap and ctx.grid.char_grid  # the cells space Latin text instead
        space = 0.0
        if ctx.auto_space and not on_char_grid and para.last_char and auto_space(para.last_char, text[0]):
            space = AUTO_SPACE * font_size(run)
        chunk = para.chunks[-1]
        previous = para.last_latin
        if space and script == "latin":
            markup = self.span(text, run, script, ctx, (space, 0.0))
            space_before = space
        elif space and previous is not None and previous.chunk is chunk and previous.index == len(chunk) - 1:
            chunk[-1] = self.span(previous.text, previous.run, "latin", ctx, (previous.space_before, space))
            markup, space_before = self.span(text, run, script, ctx), 0.0
        elif space:  # after a field or a break: a span of its own around the segment
            cls = self.state.classes.name("a", f"margin-left:{fmt(space)}")
            markup, space_before = (
                f'<span class="{auto_space_class(cls)}">{self.span(text, run, script, ctx)}</span>',
                0.0,
            )
        else:
            markup, space_before = self.span(text, run, script, ctx), 0.0
        count = len(chunk)
        para.emit(markup)
        if len(chunk) > count:
            latin = script == "latin"
            para.last_latin = Latin(text, run, space_before, chunk, len(chunk) - 1) if latin else None
        para.last_char = text[-1]

    def span(
        self, text: str, run: Props, script: str, ctx: RunContext, spaces: tuple[float, float] = (0.0, 0.0)
    ) -> str:
        """Return the HTML of a segment of one script; `spaces`: auto space before and after it (pt)."""
        classes = self.state.classes
        size = font_size(run)
        ctx.text_size = max(ctx.text_size, size)
        ctx.sizes.add(size)
        declarations = self.declarations(run, script, ctx)
        plain = declarations == ctx.plain
        cls = classes.name("r", ";".join(declarations))
        if any(spaces):
            margins = [
                f"margin-{side}:{fmt(value)}"
                for side, value in zip(("left", "right"), spaces, strict=True)
                if value
            ]
            cls = auto_space_class(classes.name("r", ";".join([*declarations, *margins])))
            plain = False
        taller = _taller_line(size, script, ctx)
        if taller:
            cls = taller_line_class(
                classes.name("r", ";".join([*declarations, f"line-height:{fmt(taller)}"]))
            )
            plain = False
        opening = "<span>" if plain else f'<span class="{cls}">'
        if script == "latin" and "/" in text and not (ctx.snap and ctx.grid.char_grid):
            escaped = keep_slash_words(text)
            return escaped if plain else f"{opening}{escaped}</span>"
        pieces = quote_pieces(text) if script == "ea" else [text]
        if len(pieces) > 1:
            return "".join(f"{opening}{html.escape(piece, quote=False)}</span>" for piece in pieces)
        if plain:
            return html.escape(text, quote=False)
        return f"{opening}{html.escape(text, quote=False)}</span>"

    def run_class(self, run: Props, script: str, ctx: RunContext) -> str:
        """Return the CSS class of `run`'s text in `script` ("latin" or "ea")."""
        return self.state.classes.name("r", ";".join(self.declarations(run, script, ctx)))

    def declarations(self, run: Props, script: str, ctx: RunContext, text: bool = True) -> list[str]:
        """Return the CSS declarations of `run`'s text in `script`: its face for that script, size, spacing.

        `text` False: the paragraph box's own (its mark's), which its runs inherit — without the
        width of Word's synthetic bold, which would reach the runs that are not bold.
        """
        state = self.state
        if script == "latin":
            face = latin_face(run, state.theme) or east_asian_face(run, state.theme) or state.fonts.default
            spacing = 0.0
        else:
            face = east_asian_face(run, state.theme) or latin_face(run, state.theme) or state.fonts.default
            spacing = ctx.grid.char_delta if ctx.snap else 0.0
            if text and run.get("bold") and face in SYNTHETIC_BOLD:
                spacing += font_size(run) * SYNTHETIC_BOLD_WIDTH  # Word's emboldened glyphs are wider
        fam, weight = family(state.fonts, face, state.used_faces)
        ctx.single = max(ctx.single, state.single_line(face, script))
        synthetic = bool(run.get("bold")) and face in SYNTHETIC_BOLD
        # Word strokes the regular glyphs of a face without a bold: so does the engine (--rg-bold);
        # every run says whether it is stroked, as the property inherits from the paragraph box
        declarations = run_css({**run, "bold": False} if synthetic else run, fam, weight, spacing)
        declarations.append(synthetic_bold_declaration(SYNTHETIC_BOLD_STROKE if synthetic else 0))
        if script == "latin" and ctx.snap and ctx.grid.char_grid:
            # Latin text on a character grid takes whole cells (ECMA-376 §17.6.5)
            declarations = latin_grid_cell(declarations, state.normal_size + ctx.grid.char_delta)
        if not text:
            # the mark's colour, underline and shading are the pilcrow's alone: a run without a colour
            # is black in Word (nsfc-young: blue marks, black text), and a decoration on the
            # paragraph box would reach every run, which cannot take it off
            declarations = [d for d in declarations if not d.startswith(MARK_ONLY)]
        return declarations


MARK_ONLY = ("color:", "text-decoration", "background:")
"""Declarations of a paragraph mark's formatting that its runs do not take."""


def _taller_line(size: float, script: str, ctx: RunContext) -> float | None:
    """Return the line height a run of `size` needs where it exceeds the paragraph's strut.

    Only East Asian runs carry one: a span's line height is centred on its own font's ascent
    and descent, and a Latin face's differ enough from the CJK strut's to add a point or two
    to every line with a figure on it.
    """
    if ctx.strut_size is None or script != "ea" or size <= ctx.strut_size + 0.01:
        return None
    taller = line_height(ctx.para, size, ctx.grid, ctx.snap, ctx.single or WORD_SINGLE_LINE)
    if (
        taller
        <= line_height(ctx.para, ctx.strut_size, ctx.grid, ctx.snap, ctx.single or WORD_SINGLE_LINE) + 0.01
    ):
        return None
    return taller


def _is_ideograph(char: str) -> bool:
    code = ord(char)
    return 0x3040 <= code <= 0x30FF or 0x3400 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or code >= 0x20000


def _is_alnum(char: str) -> bool:
    return char.isalnum() and ord(char) < 0x250


def auto_space(before: str, after: str) -> bool:
    """Return True where Word puts its East Asian/Latin auto space (w:autoSpaceDE/DN)."""
    return (_is_ideograph(before) and _is_alnum(after)) or (_is_alnum(before) and _is_ideograph(after))

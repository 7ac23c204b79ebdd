"""Justify Chinese lines the way Word and LibreOffice do: spread the slack between characters.

WeasyPrint 70's `text-align: justify` stretches only spaces (U+0020/U+00A0), and CJK text has
none, so justified Chinese lines end ragged. This module replaces WeasyPrint's `text_align` step
for justified lines: the slack is shared by every gap between East Asian characters (and spaces),
half a share where such a character meets a Latin letter or digit; Latin words keep their letters
together. The extra space is carried as Pango letter-spacing on exactly those characters, by a
Layout subclass that re-applies it when WeasyPrint rebuilds the layout for drawing.
"""

from __future__ import annotations

from collections.abc import Callable

from weasyprint.formatting_structure import boxes
from weasyprint.text import line_break
from weasyprint.text.ffi import TO_UNITS, ffi, pango

from reportgen.pdf.engine.boxes import edge, is_auto_space, is_east_asian, text_boxes, trailing_auto_spaces
from reportgen.pdf.engine.hanging import COMPRESSIBLE, hanging_width, preserved_spaces_width
from reportgen.pdf.engine.state import LayoutContext, RenderState, Style
from reportgen.pdf.engine.tabs import place_tabs


class JustifiedLayout(line_break.Layout):  # type: ignore[misc]
    """A Pango layout that adds `extra` pt of letter-spacing after the given characters."""

    def __init__(self, style: Style, extra: float, byte_ranges: list[tuple[int, int]]) -> None:
        self.extra = extra
        self.byte_ranges = byte_ranges
        super().__init__(style)

    def set_text(self, text: str, justify: bool = False) -> None:
        super().set_text(text, justify)
        letter_spacing = self.style["letter_spacing"]
        base = 0 if letter_spacing == "normal" else letter_spacing
        spacing = int((base + self.extra) * TO_UNITS)
        attrs = pango.pango_layout_get_attributes(self.layout)
        if attrs == ffi.NULL:
            attrs = ffi.gc(pango.pango_attr_list_new(), pango.pango_attr_list_unref)
        for start, end in self.byte_ranges:
            attr = pango.pango_attr_letter_spacing_new(spacing)
            attr.start_index, attr.end_index = start, end
            pango.pango_attr_list_change(attrs, attr)
        pango.pango_layout_set_attributes(self.layout, attrs)


def _stretchable(char: str) -> bool:
    return char == " " or is_east_asian(char)


def _compressible(char: str) -> bool:
    return char in COMPRESSIBLE


def _weight(line: boxes.LineBox, stretchable: Callable[[str], bool] = _stretchable) -> float:
    """Return how many gaps' worth of slack the line can take.

    Pango puts half of a character's letter-spacing on each side of it, so a boundary between two
    stretchable characters counts 1, between a stretchable character and a Latin letter ½, and the
    line's two outer halves nothing.
    """
    chars = [c for box in text_boxes(line) if box is not None for c in box.text.rstrip()]
    flags = [stretchable(c) for c in chars]
    return sum((a + b) / 2 for a, b in zip(flags, flags[1:], strict=False))


class _Spreader:
    """Widens text boxes by `extra` per stretchable character and moves the boxes after them."""

    def __init__(self, extra: float, stretchable: Callable[[str], bool] = _stretchable) -> None:
        self.extra = extra
        self.stretchable = stretchable
        self.advance = 0.0
        self.previous: bool | None = None  # is the character before the current box stretchable

    def visit(self, box: boxes.Box) -> None:
        if isinstance(box, boxes.TextBox):
            self._text(box)
        elif isinstance(box, (boxes.LineBox, boxes.InlineBox)):
            box.position_x += self.advance
            before = self.advance
            for child in box.children:
                if child.is_in_normal_flow():
                    self.visit(child)
            box.width += self.advance - before
        else:
            box.translate(self.advance, 0)
            self.previous = None

    def _text(self, box: boxes.Box) -> None:
        text = box.text.rstrip() if box.text.strip() else ""
        if not text:
            box.position_x += self.advance
            return
        flags = [self.stretchable(c) for c in text]
        # Pango drops the outer halves at the edges of each box's own layout: the half-gaps
        # between this box and the previous one are added here, as a shift.
        if self.previous is not None:
            self.advance += self.extra * (self.previous + flags[0]) / 2
        box.position_x += self.advance
        inner = self.extra * (sum(flags) - (flags[0] + flags[-1]) / 2)
        if inner:
            box.pango_layout = self._layout(box, flags)
            box.width += inner
            self.advance += inner
        self.previous = flags[-1]

    def _layout(self, box: boxes.Box, flags: list[bool]) -> JustifiedLayout:
        ranges: list[tuple[int, int]] = []
        offset = 0
        for char, flag in zip(box.text, flags + [False] * (len(box.text) - len(flags)), strict=True):
            size = len(char.encode("utf-8"))
            if flag:
                if ranges and ranges[-1][1] == offset:
                    ranges[-1] = (ranges[-1][0], offset + size)
                else:
                    ranges.append((offset, offset + size))
            offset += size
        layout = JustifiedLayout(box.style, self.extra, ranges)
        layout.set_text(box.text)
        layout.deactivate()
        return layout


class _GapSpreader:
    """Widens the East Asian/Latin auto spaces of a line by `extra` each and moves what follows.

    Word justifies a Chinese line that has such a space by widening those spaces only: the
    characters keep their advance (nsfc-general-2026, “不超过30页”: 5.64 pt either side of “30”,
    every ideograph still 14.27 pt; docs/converter.md, decisions checked against Word).
    """

    def __init__(self, extra: float) -> None:
        self.extra = extra
        self.advance = 0.0

    def visit(self, box: boxes.Box) -> None:
        if not isinstance(box, (boxes.LineBox, boxes.InlineBox)):
            box.translate(self.advance, 0)
            return
        box.position_x += self.advance
        spaced = isinstance(box, boxes.InlineBox) and is_auto_space(box)
        if spaced and box.margin_left:
            box.margin_left += self.extra
            self.advance += self.extra
        before = self.advance
        for child in box.children:
            if child.is_in_normal_flow():
                self.visit(child)
        box.width += self.advance - before
        if spaced and box.margin_right:
            box.margin_right += self.extra
            self.advance += self.extra


def _auto_space_gaps(box: boxes.Box) -> int:
    """Return how many auto spaces (a span's left or right margin) `box` holds."""
    if not isinstance(box, (boxes.LineBox, boxes.InlineBox)):
        return 0
    own = 0
    if isinstance(box, boxes.InlineBox) and is_auto_space(box):
        own = (box.margin_left > 0) + (box.margin_right > 0)
    return own + sum(_auto_space_gaps(child) for child in box.children if child.is_in_normal_flow())


def drop_leading_auto_space(line: boxes.LineBox) -> None:
    """Remove the East Asian/Latin auto space (class rg-as) from the start of a line.

    The converter carries Word's space between an ideograph and a Latin letter or digit as a margin
    of the Latin span; at the start of a line there is nothing before it to space from, and Word
    and LibreOffice print the span flush with the line start.
    """
    for box in edge(line, last=False):
        if box.margin_left and is_auto_space(box):
            shift = box.margin_left
            for child in line.children:  # the span is the line's first content: all of it moves
                child.translate(-shift, 0, ignore_floats=True)
            box.position_x += shift
            box.margin_left = 0
            line.width -= shift
            return


def drop_trailing_auto_space(line: boxes.LineBox) -> None:
    """Remove the auto space after a Latin span that ends the line (its right margin)."""
    for box in trailing_auto_spaces(line):
        line.width -= box.margin_right
        box.margin_right = 0


def text_align(
    state: RenderState,
    original: Callable[..., float],
    context: LayoutContext,
    line: boxes.LineBox,
    available_width: float,
    last: bool,
) -> float:
    """WeasyPrint's text_align, with inter-character justification for CJK lines.

    Before aligning, a line drops the auto space it starts or ends with and its tabs reach their
    stops (tabs.place_tabs).
    """
    drop_leading_auto_space(line)
    drop_trailing_auto_space(line)
    place_tabs(state, context, line)
    align = line.style["text_align_all"]
    if last:
        align_last = line.style["text_align_last"]
        align = align if align_last == "auto" else align_last
    slack = available_width - line.width
    if slack < 0:  # the line ends with hanging punctuation: the characters before it are justified
        slack += hanging_width(state, context, line) + preserved_spaces_width(state, context, line)
    if slack < -0.01 and state.options.compress_punctuation:
        # the line took one more character by squeezing its punctuation (hanging._pushed_in)
        weight = _weight(line, _compressible)
        if weight:
            _Spreader(slack / weight, _compressible).visit(line)
            return 0
    if align == "justify" and slack > 0:
        gaps = _auto_space_gaps(line)
        if gaps:
            _GapSpreader(slack / gaps).visit(line)
            return 0
        weight = _weight(line)
        if weight:
            _Spreader(slack / weight).visit(line)
            return 0
    return original(context, line, available_width, last)

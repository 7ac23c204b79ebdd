"""Justify Chinese lines the way Word and LibreOffice do: spread the slack between characters.

WeasyPrint 70's `text-align: justify` stretches only spaces (U+0020/U+00A0), and CJK text has
none, so justified Chinese lines end ragged. This module replaces WeasyPrint's `text_align` step
for justified lines: the slack is shared by every gap between East Asian characters (and spaces),
half a share where such a character meets a Latin letter or digit; Latin words keep their letters
together. The extra space is carried as Pango
letter-spacing on exactly those characters, by a Layout subclass that re-applies it when
WeasyPrint rebuilds the layout for drawing.

The module also mends WeasyPrint's line breaking where Chinese text needs it (each measured
against LibreOffice, see docs/converter.md):
- split_first_line: sentence punctuation after an ideograph hangs instead of dragging that
  character down; Latin text on a character grid takes whole cells;
- trailing_whitespace_size: what may hang at a line end — that punctuation when it starts the
  next run, preserved spaces (pre-wrap), the auto space after a Latin span;
- split_inline_box: a span's left margin counts when its text is split; a line-start auto space
  is not counted; a tab before a left stop gets its real width (tab_stops.left_stop_width);
- can_break_text: breaks Pango 1.50 refuses (“9704-|2012”, around “ ” between ideographs);
- text_align: drops the auto space a line starts or ends with, places tabs (tab_stops.place_tabs),
  then justifies.

It and tab_stops.py are the only places reportgen reaches into WeasyPrint's internals;
`install()` is idempotent and checks that the internals it relies on exist (a WeasyPrint upgrade
that moves them fails loudly in the tests instead of silently un-justifying every report).
"""

from __future__ import annotations

import math
from typing import Any

from weasyprint.formatting_structure import boxes
from weasyprint.layout import inline
from weasyprint.text import line_break
from weasyprint.text.ffi import TO_UNITS, ffi, pango

from reportgen import tab_stops

_installed = False
_original_text_align = inline.text_align


def is_east_asian(char: str) -> bool:
    """Return True for characters Word lays out on the East Asian grid (ideographs, kana, CJK punctuation)."""
    code = ord(char)
    return (
        0x2E80 <= code <= 0x9FFF  # radicals, CJK symbols and punctuation, kana, ideographs
        or 0xAC00 <= code <= 0xD7AF  # Hangul
        or 0xF900 <= code <= 0xFAFF  # compatibility ideographs
        or 0xFE30 <= code <= 0xFE6F  # vertical and small forms (﹝﹞)
        or 0xFF00 <= code <= 0xFFEF  # full-width forms
        or 0x2010 <= code <= 0x206F  # quotes, dashes, ellipsis as used in Chinese text
        or 0x20000 <= code <= 0x3FFFF  # ideograph extensions
    )


class JustifiedLayout(line_break.Layout):
    """A Pango layout that adds `extra` pt of letter-spacing after the given characters."""

    def __init__(self, style: Any, extra: float, byte_ranges: list[tuple[int, int]]) -> None:
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


def _text_boxes(box: Any) -> list[Any]:
    """Return the line's boxes in order: text boxes, and None for anything that breaks the text."""
    if isinstance(box, boxes.TextBox):
        return [box]
    if isinstance(box, (boxes.LineBox, boxes.InlineBox)):
        return [item for child in box.children if child.is_in_normal_flow() for item in _text_boxes(child)]
    return [None]


def _stretchable(char: str) -> bool:
    return char == " " or is_east_asian(char)


def _weight(line: Any) -> float:
    """Return how many gaps' worth of slack the line can take.

    Pango puts half of a character's letter-spacing on each side of it, so a boundary between two
    stretchable characters counts 1, between a stretchable character and a Latin letter ½, and the
    line's two outer halves nothing.
    """
    chars = [c for box in _text_boxes(line) if box is not None for c in box.text.rstrip()]
    flags = [_stretchable(c) for c in chars]
    return sum((a + b) / 2 for a, b in zip(flags, flags[1:], strict=False))


class _Spreader:
    """Widens text boxes by `extra` per stretchable character and moves the boxes after them."""

    def __init__(self, extra: float) -> None:
        self.extra = extra
        self.advance = 0.0
        self.previous: bool | None = None  # is the character before the current box stretchable

    def visit(self, box: Any) -> None:
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

    def _text(self, box: Any) -> None:
        text = box.text.rstrip() if box.text.strip() else ""
        if not text:
            box.position_x += self.advance
            return
        flags = [_stretchable(c) for c in text]
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

    def _layout(self, box: Any, flags: list[bool]) -> JustifiedLayout:
        ranges, offset = [], 0
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


def _edge(box: Any, last: bool) -> list[Any]:
    """Return `box` and its first (or last) in-flow child, that child's, … down to a leaf."""
    chain = [box]
    while isinstance(box, (boxes.LineBox, boxes.InlineBox)):
        children = [child for child in box.children if child.is_in_normal_flow()]
        if not children:
            break
        box = children[-1] if last else children[0]
        chain.append(box)
    return chain


def drop_leading_auto_space(line: Any) -> None:
    """Remove the East Asian/Latin auto space (class rg-as) from the start of a line.

    The converter carries Word's space between an ideograph and a Latin letter or digit as a margin
    of the Latin span; at the start of a line there is nothing before it to space from, and Word
    and LibreOffice print the span flush with the line start.
    """
    for box in _edge(line, last=False):
        if box.margin_left and _is_auto_space(box):
            shift = box.margin_left
            for child in line.children:  # the span is the line's first content: all of it moves
                child.translate(-shift, 0, ignore_floats=True)
            box.position_x += shift
            box.margin_left = 0
            line.width -= shift
            return


def _trailing_auto_spaces(box: Any) -> list[Any]:
    """Return the spans with an auto space after them (rg-as, right margin) that end `box`."""
    return [item for item in _edge(box, last=True) if item.margin_right and _is_auto_space(item)]


def drop_trailing_auto_space(line: Any) -> None:
    """Remove the auto space after a Latin span that ends the line (its right margin)."""
    for box in _trailing_auto_spaces(line):
        line.width -= box.margin_right
        box.margin_right = 0


def text_align(context: Any, line: Any, available_width: float, last: bool) -> float:
    """WeasyPrint's text_align, with inter-character justification for CJK lines."""
    drop_leading_auto_space(line)
    drop_trailing_auto_space(line)
    tab_stops.place_tabs(context, line)
    align = line.style["text_align_all"]
    if last:
        align_last = line.style["text_align_last"]
        align = align if align_last == "auto" else align_last
    slack = available_width - line.width
    if slack < 0:  # the line ends with hanging punctuation: the characters before it are justified
        slack += hanging_width(context, line) + preserved_spaces_width(context, line)
    if align == "justify" and slack > 0:
        weight = _weight(line)
        if weight:
            _Spreader(slack / weight).visit(line)
            return 0
    return _original_text_align(context, line, available_width, last)


CLOSING = set("，。、；：？！”’）》」』】〕〉…—·﹞﹚﹜％‰,.;:?!)]}")
"""Characters that may not start a line (Pango moves the character before them down too)."""
OPENING = set("“‘（《「『【〔〈﹝([{")
"""Characters that may not end a line."""
HANGING = set("，。、．：；？！,.:;?!")
"""Closing punctuation that may hang past the line end: sentence punctuation, not brackets or
quotes. Measured on the fidelity corpus: LibreOffice hangs “，”, “、”, “。”, “：” and moves
“案》” or “（条）” down whole rather than hang the bracket."""

_original_split_first_line = inline.split_first_line
hang_punctuation = True
"""Set per document (pdf.html_to_pdf) from the default paragraph's w:overflowPunct."""


def split_first_line(
    text: str, style: Any, context: Any, max_width: float | None, *args: Any, **kwargs: Any
) -> Any:
    """WeasyPrint's split_first_line, with hanging punctuation and Latin text in whole grid cells."""
    result = _split_first_line_hanging(text, style, context, max_width, *args, **kwargs)
    mark = style["hyphenate_character"]
    if isinstance(mark, str) and mark.startswith("rg-grid "):
        cell = float(mark.removeprefix("rg-grid ")) * 4 / 3  # pt → px
        width = result[3]
        if cell > 0 and width > 0:
            result = (*result[:3], math.ceil(width / cell - 0.01) * cell, *result[4:])
    return result


def _split_first_line_hanging(
    text: str,
    style: Any,
    context: Any,
    max_width: float | None,
    justification_spacing: float,
    is_line_start: bool = True,
    minimum: bool = False,
) -> Any:
    """WeasyPrint's split_first_line, with closing punctuation hanging past the line end.

    Pango never starts a line with closing punctuation: it moves the character before the
    punctuation down too. Word (w:overflowPunct, on unless a paragraph turns it off) and LibreOffice
    keep that character on the line and let the punctuation hang in the margin. Where Pango did move
    a character down for that reason, the line is laid out again with room for the punctuation, and
    kept when only punctuation overhangs.
    """
    result = _original_split_first_line(
        text, style, context, max_width, justification_spacing, is_line_start, minimum
    )
    resume = result[2]
    if not hang_punctuation or max_width is None or resume is None or minimum:
        return result
    data = text.encode()
    rest = data[resume : resume + 12].decode("utf-8", errors="ignore")
    if len(rest) < 2 or not is_east_asian(rest[0]) or rest[1] not in HANGING:
        return result  # LibreOffice hangs punctuation after an ideograph only (not after “12.6%”)
    if len(rest) > 2 and rest[2] in CLOSING:
        return result  # “类）、”: only one mark may hang; LibreOffice moves them all down
    em = style["font_size"]
    wider = _original_split_first_line(
        text, style, context, max_width + em, justification_spacing, is_line_start, minimum
    )
    taken = len(data[result[1] : wider[1]].decode("utf-8", errors="ignore"))
    if taken == 2 and wider[3] - em <= max_width + 0.01:
        return wider  # it fits: trailing_whitespace_size does not count the hanging punctuation
    return result


_original_trailing_whitespace_size = inline.trailing_whitespace_size


def hanging_width(context: Any, box: Any) -> float:
    """Return the width of the closing punctuation mark (one, as LibreOffice) that ends `box` and
    may hang past the line end."""
    last = _last_text_box(box)
    if last is None or not hang_punctuation:
        return 0.0
    text = last.text.rstrip(" ")
    if not text or text[-1] not in HANGING:
        return 0.0
    before = text[-2] if len(text) > 1 else getattr(last, "rg_previous", "")
    if not before or not is_east_asian(before):
        return 0.0  # LibreOffice hangs punctuation after an ideograph only (not after “12.6%”)
    return _width(context, text[-1], last.style)


_widths: dict[tuple[Any, ...], float] = {}


def _width(context: Any, text: str, style: Any) -> float:
    """Return the width of a short text (punctuation, spaces) in a style, measured once."""
    key = (
        text,
        tuple(style["font_family"]),
        style["font_size"],
        style["font_weight"],
        style["font_style"],
        str(style["letter_spacing"]),
        style["lang"],
    )
    if key not in _widths:
        _widths[key] = _original_split_first_line(text, style, context, None, 0)[3]
    return _widths[key]


def _last_text_box(box: Any) -> Any:
    leaf = _edge(box, last=True)[-1]
    return leaf if isinstance(leaf, boxes.TextBox) else None


def preserved_spaces_width(context: Any, box: Any) -> float:
    """Return the width of the spaces that end `box` where white-space is pre-wrap.

    The converter keeps Word's spaces with pre-wrap; CSS Text 3 lets such spaces at a line end
    hang, as Word does, but WeasyPrint 70 counts them, and a line ending in “225 ” of
    “156 mm × 225 mm” overflowed and sent the whole measurement to the next line.
    """
    last = _last_text_box(box)
    if last is None or last.style["white_space"] != "pre-wrap" or not last.text.endswith(" "):
        return 0.0
    spaces = len(last.text) - len(last.text.rstrip(" "))
    return _width(context, " " * spaces, last.style)


def trailing_whitespace_size(context: Any, box: Any) -> float:
    """WeasyPrint's trailing_whitespace_size, plus what may hang: preserved spaces and punctuation.

    WeasyPrint asks for it when a box overflows the line: what is returned may stick out. So a
    line may end with “线” from one run and “、” from the next, the “、” hanging in the margin,
    as in Word (w:overflowPunct) and LibreOffice, instead of both going to the next line.
    """
    return (
        _original_trailing_whitespace_size(context, box)
        + preserved_spaces_width(context, box)
        + hanging_width(context, box)
        + sum(span.margin_right for span in _trailing_auto_spaces(box))
    )


_original_can_break_text = inline.can_break_text


def can_break_text(text: str, lang: Any) -> bool | None:
    """WeasyPrint's can_break_text, which also breaks between a hyphen and a figure (“9704-|2012”)
    and around Chinese quotation marks (“手把手”|指导”, “进行|“面对面”).

    Word and LibreOffice break there; Pango does not. The converter puts the text after such a
    place in a box of its own, so that WeasyPrint asks here.
    """
    if len(text) == 2:
        before, after = text
        if before == "-" and after.isdigit():
            return True
        # around Chinese quotation marks (UAX #14 LB19a, which Pango 1.50 lacks): after ” or ’
        # unless closing punctuation follows, before “ or ‘ unless opening punctuation precedes
        if before in "”’" and is_east_asian(after) and after not in CLOSING:
            return True
        if after in "“‘" and is_east_asian(before) and before not in OPENING:
            return True
    return _original_can_break_text(text, lang)


def _mark_previous_characters(line: Any) -> None:
    """Note on each text box of a paragraph the character before it (`rg_previous`).

    hanging_width needs it when a run starts with the punctuation that is to hang: whether the
    character before it is an ideograph. Box copies made when lines are split keep the attribute.
    """
    previous = ""
    for box in _text_boxes(line):
        if box is None:
            previous = ""
            continue
        box.rg_previous = previous
        if box.text:
            previous = box.text[-1]


_original_split_inline_box = inline.split_inline_box


_line_start = 0.0
"""Where the line being laid out starts (set when WeasyPrint lays out a line box)."""
_line_box: Any = None
"""The line box being laid out."""


def _is_auto_space(box: Any) -> bool:
    return tab_stops.has_class(box, "rg-as")


def split_inline_box(
    context: Any, box: Any, position_x: float, max_x: float, *args: Any, **kwargs: Any
) -> Any:
    """WeasyPrint's split_inline_box, with an inline box's left margin counted when its text is split.

    WeasyPrint fits the children of a span from the span's own left edge and only then moves them
    right by the span's left margin, border and padding, so a span with a left margin that has to be
    split overflows the line by that margin and the whole span moves to the next line, leaving the
    line short. The converter's East Asian/Latin auto space is such a margin (on every figure in a
    Chinese paragraph): here the children are fitted into the width that is really left.
    """
    global _line_start, _line_box
    skip_stack = args[1] if len(args) > 1 else kwargs.get("skip_stack")
    if isinstance(box, boxes.LineBox):
        _line_start, _line_box = position_x, box
        if skip_stack is None:
            _mark_previous_characters(box)
    elif (
        skip_stack is None
        and box.margin_left
        and abs(position_x - _line_start) < 0.01
        and _is_auto_space(box)
    ):
        # the line starts with an auto space: it is dropped (drop_leading_auto_space), so the
        # line may use that width; laid out from a copy, the box itself keeps its margin
        box = box.copy()
        box.margin_left = 0
    if (
        isinstance(box, boxes.InlineBox)
        and skip_stack is None
        and box.style["direction"] == "ltr"
        and box.style["box_decoration_break"] == "slice"
    ):
        max_x -= box.padding_left + box.margin_left + box.border_left_width
    result = _original_split_inline_box(context, box, position_x, max_x, *args, **kwargs)
    if tab_stops.is_tab_span(box) and _line_box is not None and result[0] is not None:
        # a tab before a left stop takes its real width while the line is broken
        width = tab_stops.left_stop_width(_line_box.element, _line_box.position_x, position_x)
        tab = result[0]
        if width is not None and len(tab.children) == 1:
            tab.children[0].width = width
            tab.width = width
    return result


def install() -> None:
    """Make WeasyPrint justify CJK lines between characters (idempotent)."""
    global _installed
    if _installed:
        return
    for owner, name in (
        (inline, "text_align"),
        (line_break.Layout, "set_text"),
        (line_break.Layout, "reactivate"),
        (inline, "split_inline_box"),
        (inline, "split_first_line"),
        (inline, "trailing_whitespace_size"),
        (inline, "can_break_text"),
    ):
        if not hasattr(owner, name):
            raise RuntimeError(f"WeasyPrint internals changed: {owner.__name__}.{name} is missing")
    inline.text_align = text_align
    inline.split_first_line = split_first_line
    inline.split_inline_box = split_inline_box
    inline.trailing_whitespace_size = trailing_whitespace_size
    inline.can_break_text = can_break_text
    _installed = True

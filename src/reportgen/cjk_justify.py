"""Justify Chinese lines the way Word and LibreOffice do: spread the slack between characters.

WeasyPrint 70's `text-align: justify` stretches only spaces (U+0020/U+00A0), and CJK text has
none, so justified Chinese lines end ragged. This module replaces WeasyPrint's `text_align` step
for justified lines: the slack is shared equally by every gap next to an East Asian character
(and by spaces); Latin words keep their letters together. The extra space is carried as Pango
letter-spacing on exactly those characters, by a Layout subclass that re-applies it when
WeasyPrint rebuilds the layout for drawing.

It is the only place reportgen reaches into WeasyPrint's internals; `install()` is idempotent and
checks that the internals it relies on exist (a WeasyPrint upgrade that moves them fails loudly
in the tests instead of silently un-justifying every report).
"""

from __future__ import annotations

from typing import Any

from weasyprint.formatting_structure import boxes
from weasyprint.layout import inline
from weasyprint.text import line_break
from weasyprint.text.ffi import TO_UNITS, ffi, pango

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


def _gaps(line: Any) -> dict[int, list[int]]:
    """Return, per text box (by id), the indices of its characters followed by a justification gap."""
    chars = [(box, i, c) for box in _text_boxes(line) if box is not None for i, c in enumerate(box.text)]
    while chars and chars[-1][2].isspace():
        chars.pop()
    gaps: dict[int, list[int]] = {}
    for (box, index, char), (_, _, following) in zip(chars, chars[1:], strict=False):
        if char == " " or is_east_asian(char) or is_east_asian(following):
            gaps.setdefault(id(box), []).append(index)
    return gaps


def _shift(context: Any, box: Any, gaps: dict[int, list[int]], extra: float, advance: float) -> float:
    """Widen the boxes that hold gaps and move everything after them; return the total advance."""
    if isinstance(box, boxes.TextBox):
        box.position_x += advance
        indices = gaps.get(id(box))
        if indices:
            encoded = [len(c.encode("utf-8")) for c in box.text]
            starts = [sum(encoded[:i]) for i in range(len(encoded))]
            ranges = [(starts[i], starts[i] + encoded[i]) for i in indices]
            layout = JustifiedLayout(box.style, extra, ranges)
            layout.set_text(box.text)
            layout.deactivate()
            box.pango_layout = layout
            box.width += extra * len(indices)
            advance += extra * len(indices)
    elif isinstance(box, (boxes.LineBox, boxes.InlineBox)):
        box.position_x += advance
        before = advance
        for child in box.children:
            if child.is_in_normal_flow():
                advance = _shift(context, child, gaps, extra, advance)
        box.width += advance - before
    else:
        box.translate(advance, 0)
    return advance


def text_align(context: Any, line: Any, available_width: float, last: bool) -> float:
    """WeasyPrint's text_align, with inter-character justification for CJK lines."""
    align = line.style["text_align_all"]
    if last:
        align_last = line.style["text_align_last"]
        align = align if align_last == "auto" else align_last
    slack = available_width - line.width
    if align == "justify" and slack > 0:
        gaps = _gaps(line)
        count = sum(len(v) for v in gaps.values())
        if count:
            _shift(context, line, gaps, slack / count, 0)
            return 0
    return _original_text_align(context, line, available_width, last)


def install() -> None:
    """Make WeasyPrint justify CJK lines between characters (idempotent)."""
    global _installed
    if _installed:
        return
    for owner, name in (
        (inline, "text_align"),
        (line_break.Layout, "set_text"),
        (line_break.Layout, "reactivate"),
    ):
        if not hasattr(owner, name):
            raise RuntimeError(f"WeasyPrint internals changed: {owner.__name__}.{name} is missing")
    inline.text_align = text_align
    _installed = True

"""Line breaking: break opportunities Pango 1.50 lacks, unbreakable runs wider than a line, and
spans with a left margin split right."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from weasyprint.formatting_structure import boxes
from weasyprint.text import line_break
from weasyprint.text.constants import PANGO_WRAP_MODE
from weasyprint.text.ffi import TO_UNITS, pango

from reportgen.pdf.engine import hanging
from reportgen.pdf.engine.boxes import is_auto_space, is_east_asian, is_tab_span, text_boxes
from reportgen.pdf.engine.hanging import CLOSING, OPENING
from reportgen.pdf.engine.state import FirstLine, LayoutContext, RenderState, Style
from reportgen.pdf.engine.tabs import left_stop_width


def can_break_text(
    state: RenderState, original: Callable[..., bool | None], text: str, lang: str | None
) -> bool | None:
    """WeasyPrint's can_break_text, which also breaks between a hyphen and a figure (“9704-|2012”)
    and around Chinese quotation marks (“手把手”|指导”, “进行|“面对面”).

    Word and LibreOffice break there; Pango does not. The converter puts the text after such a
    place in a box of its own, so that WeasyPrint asks here.
    """
    if len(text) == 2:
        before, after = text[0], text[1]
        if before == "-" and after.isdigit():
            return True
        # around Chinese quotation marks (UAX #14 LB19a, which Pango 1.50 lacks): after ” or ’
        # unless closing punctuation follows, before “ or ‘ unless opening punctuation precedes
        if before in "”’" and is_east_asian(after) and after not in CLOSING:
            return True
        if after in "“‘" and is_east_asian(before) and before not in OPENING:
            return True
    return original(text, lang)


def split_first_line(
    state: RenderState,
    original: Callable[..., tuple[Any, ...]],
    text: str,
    style: Style,
    context: LayoutContext,
    max_width: float | None,
    justification_spacing: float,
    is_line_start: bool = True,
    minimum: bool = False,
) -> FirstLine:
    """hanging.split_first_line, with an unbreakable run (rg-nowrap) that is wider than a whole line
    broken at the margin.

    A URL or a slash-joined word has no break opportunity inside but its hyphens (docx/breaks.py);
    one that does not fit on a line of its own ran past the margin and off the page. Word breaks a
    word wider than the line where the line ends, and so does CSS overflow-wrap: break-word, which
    every paragraph has but which no-wrap text ignores: here it applies to such runs too, at a line
    start only, so that a run that fits on the next line still moves down whole.
    """
    result = hanging.split_first_line(
        state, original, text, style, context, max_width, justification_spacing, is_line_start, minimum
    )
    if (
        style["white_space"] != "nowrap"
        or style["overflow_wrap"] not in ("break-word", "anywhere")
        or not is_line_start
        or minimum
        or max_width is None
        or not 0 < max_width < 2**21
        or result.width <= max_width
    ):
        return result
    layout = line_break.create_layout(text, style, context, max_width, justification_spacing)
    pango.pango_layout_set_width(layout.layout, int(max_width * TO_UNITS))
    pango.pango_layout_set_wrap(layout.layout, PANGO_WRAP_MODE["WRAP_CHAR"])
    first, index = layout.get_first_line()
    resume = index or first.length
    if resume >= len(text.encode()):
        return result
    return FirstLine._make(line_break.first_line_metrics(first, text, layout, resume, True, style))


def mark_previous_characters(line: boxes.LineBox) -> None:
    """Note on each text box of a paragraph the character before it (`rg_previous`).

    hanging.hanging_width needs it when a run starts with the punctuation that is to hang: whether
    the character before it is an ideograph. Box copies made when lines are split keep it.
    """
    previous = ""
    for box in text_boxes(line):
        if box is None:
            previous = ""
            continue
        box.rg_previous = previous
        if box.text:
            previous = box.text[-1]


def split_inline_box(
    state: RenderState,
    original: Callable[..., tuple[Any, ...]],
    context: LayoutContext,
    box: boxes.Box,
    position_x: float,
    max_x: float,
    *args: Any,
    **kwargs: Any,
) -> tuple[Any, ...]:
    """WeasyPrint's split_inline_box, with an inline box's left margin counted when its text is split.

    WeasyPrint fits the children of a span from the span's own left edge and only then moves them
    right by the span's left margin, border and padding, so a span with a left margin that has to be
    split overflows the line by that margin and the whole span moves to the next line, leaving the
    line short. The converter's East Asian/Latin auto space is such a margin (on every figure in a
    Chinese paragraph): here the children are fitted into the width that is really left. A tab
    before a left stop takes its real width while the line is broken (tabs.left_stop_width).
    """
    skip_stack = args[1] if len(args) > 1 else kwargs.get("skip_stack")
    if isinstance(box, boxes.LineBox):
        state.line_start, state.line_box, state.line_squeeze = position_x, box, 0.0
        if skip_stack is None:
            mark_previous_characters(box)
    elif (
        skip_stack is None
        and box.margin_left
        and abs(position_x - state.line_start) < 0.01
        and is_auto_space(box)
    ):
        # the line starts with an auto space: it is dropped (justify.drop_leading_auto_space), so
        # the line may use that width; laid out from a copy, the box itself keeps its margin
        box = box.copy()
        box.margin_left = 0
    if (
        isinstance(box, boxes.InlineBox)
        and skip_stack is None
        and box.style["direction"] == "ltr"
        and box.style["box_decoration_break"] == "slice"
    ):
        max_x -= box.padding_left + box.margin_left + box.border_left_width
    result = original(context, box, position_x, max_x, *args, **kwargs)
    line = state.line_box
    if is_tab_span(box) and line is not None and result[0] is not None:
        width = left_stop_width(state, line.element, line.position_x, position_x)
        tab = result[0]
        if width is not None and len(tab.children) == 1:
            tab.children[0].width = width
            tab.width = width
    return result

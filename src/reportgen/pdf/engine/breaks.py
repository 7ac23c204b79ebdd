"""Line breaking: break opportunities Pango 1.50 lacks, and spans with a left margin split right."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from weasyprint.formatting_structure import boxes

from reportgen.pdf.engine.boxes import is_auto_space, is_east_asian, is_tab_span, text_boxes
from reportgen.pdf.engine.hanging import CLOSING, OPENING
from reportgen.pdf.engine.state import LayoutContext, RenderState
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
        state.line_start, state.line_box = position_x, box
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

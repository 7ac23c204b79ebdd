"""Line ends: closing punctuation that hangs, spaces that hang, Latin text in whole grid cells.

Pango never starts a line with closing punctuation: it moves the character before the punctuation
down too. Word (w:overflowPunct, on unless a paragraph turns it off) and LibreOffice keep that
character on the line and let the punctuation hang in the margin (measured: only sentence
punctuation, only after an ideograph, one mark at most; see docs/converter.md).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from weasyprint.formatting_structure import boxes

from reportgen.hints import grid_cell
from reportgen.pdf.engine.boxes import is_east_asian, last_text_box, text_boxes, trailing_auto_spaces
from reportgen.pdf.engine.state import FirstLine, LayoutContext, RenderState, Style, first_line

CLOSING = frozenset("，。、；：？！”’）》」』】〕〉…—·﹞﹚﹜％‰,.;:?!)]}")
"""Characters that may not start a line (Pango moves the character before them down too)."""
OPENING = frozenset("“‘（《「『【〔〈﹝([{")
"""Characters that may not end a line."""
HANGING = frozenset("，。、．：；？！,.:;?!")
"""Closing punctuation that may hang past the line end: sentence punctuation, not brackets or
quotes. Measured on the fidelity corpus: LibreOffice hangs “，”, “、”, “。”, “：” and moves
“案》” or “（条）” down whole rather than hang the bracket."""
COMPRESSIBLE = frozenset("，。、．：；？！（）《》〈〉「」『』【】〔〕“”‘’")
"""Full-width punctuation Word squeezes (by half its width at most) to take one more character on a
line where the document compresses punctuation (LayoutOptions.compress_punctuation)."""
SQUEEZE = 0.5
"""The most Word takes from a full-width mark to fit a line, as a share of its width (measured)."""
LINE_SQUEEZE = 0.5
"""The most a line may overflow by the character Word takes onto it, in ems (measured); the closing
marks that must come with that character may overflow further, as far as the punctuation gives."""


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
    """WeasyPrint's split_first_line, with hanging punctuation and Latin text in whole grid cells."""
    result = _hanging(state, text, style, context, max_width, justification_spacing, is_line_start, minimum)
    cell = grid_cell(style)
    if cell is not None and result.width > 0:
        pitch = cell * 4 / 3  # pt → px (this order of operations: the bytes of earlier PDFs)
        result = result._replace(width=math.ceil(result.width / pitch - 0.01) * pitch)
    return result


def _hanging(
    state: RenderState,
    text: str,
    style: Style,
    context: LayoutContext,
    max_width: float | None,
    justification_spacing: float,
    is_line_start: bool,
    minimum: bool,
) -> FirstLine:
    """Return the first line of `text`, with closing punctuation hanging past the line end.

    Where Pango moved a character down because closing punctuation follows it, the line is laid
    out again with room for the punctuation, and kept when only punctuation overhangs.
    """
    result = first_line(text, style, context, max_width, justification_spacing, is_line_start, minimum)
    if max_width is None or minimum:
        return result
    if result.resume_index is None:
        if state.options.compress_punctuation:  # the boxes before the one that breaks make room too
            state.line_squeeze += squeezable_width(state, context, text, style)
        return result
    hangs = False
    if state.options.hang_punctuation:
        hung = _hung(state, text, style, context, max_width, justification_spacing, is_line_start, result)
        hangs, result = hung is not result, hung
    if state.options.compress_punctuation:
        if result.resume_index is not None and not hangs:
            result = _pushed_in(
                state, text, style, context, max_width, justification_spacing, is_line_start, result
            )
        line = text.encode()[: result.length].decode("utf-8", errors="ignore")
        state.line_squeeze += squeezable_width(state, context, line, style)
    return result


def _hung(
    state: RenderState,
    text: str,
    style: Style,
    context: LayoutContext,
    max_width: float,
    justification_spacing: float,
    is_line_start: bool,
    result: FirstLine,
) -> FirstLine:
    """Return `result`, or the line with one more character and the punctuation after it hanging."""
    resume = result.resume_index
    assert resume is not None
    data = text.encode()
    rest = data[resume : resume + 12].decode("utf-8", errors="ignore")
    if len(rest) < 2 or not is_east_asian(rest[0]) or rest[1] not in HANGING:
        return result  # LibreOffice hangs punctuation after an ideograph only (not after “12.6%”)
    if len(rest) > 2 and rest[2] in CLOSING:
        return result  # “类）、”: only one mark may hang; LibreOffice moves them all down
    em = style["font_size"]
    wider = first_line(text, style, context, max_width + em, justification_spacing, is_line_start)
    taken = len(data[result.length : wider.length].decode("utf-8", errors="ignore"))
    if taken == 2 and wider.width - em <= max_width + 0.01:
        return wider  # it fits: trailing_whitespace_size does not count the hanging punctuation
    return result


def _pushed_in(
    state: RenderState,
    text: str,
    style: Style,
    context: LayoutContext,
    max_width: float,
    justification_spacing: float,
    is_line_start: bool,
    result: FirstLine,
) -> FirstLine:
    """Return the line with one more character where squeezing its punctuation makes room (Word).

    Measured on Word's PDFs of the Chinese forms (14 pt 楷体, docs/converter.md): Word takes the next
    character when the line then overflows by at most half an em (6.2 pt taken, 8.3 refused) and the
    line's full-width marks, in any of its runs, can give that much (half of each at most; an
    opening bracket that starts the line nothing); the closing marks that must come with it (“等）；”)
    may overflow further, as far as the marks give. Not where the character that overflows is a
    sentence mark that hangs (“批准号、” then “项” refused). A mark ending the line still hangs. The
    line is squeezed to its width by `justify.text_align`.
    """
    start, em = max(max_width, result.width), style["font_size"]
    for ems in (1, 2, 3):  # the next unit: “出” with the “。” after it, “等）；” (nsfc-young-2026)
        wider = first_line(text, style, context, start + ems * em, justification_spacing, is_line_start)
        if wider.length > result.length:
            break
    else:
        return result
    line = text.encode()[: wider.length].decode("utf-8", errors="ignore").rstrip(" ")
    allowance = 0.0
    if state.options.hang_punctuation and len(line) > 1 and line[-1] in HANGING and is_east_asian(line[-2]):
        allowance, line = state.width(context, line[-1], style), line[:-1]
    if is_line_start and line and line[0] in OPENING:
        line = line[1:]
    squeeze = state.line_squeeze + squeezable_width(state, context, line, style)
    added = text.encode()[result.length : wider.length].decode("utf-8", errors="ignore").rstrip(" ")
    tail = len(added) - len(added[:1] + added[1:].rstrip("".join(CLOSING))) - (allowance > 0)
    forced = state.width(context, line[len(line) - tail :], style) if tail > 0 else 0.0
    overflow = wider.width - max_width - allowance
    return wider if overflow - forced <= LINE_SQUEEZE * em + 0.01 and overflow <= squeeze + 0.01 else result


def squeezable_width(state: RenderState, context: LayoutContext, text: str, style: Style) -> float:
    """Return how much Word may squeeze the full-width punctuation of `text`: half of each mark."""
    total = 0.0
    for char in text:
        if char in COMPRESSIBLE:
            width = state.width(context, char, style)
            if width >= 0.9 * style["font_size"]:  # full-width: a proportional “ is not squeezed
                total += width * SQUEEZE
    return total


def squeeze_allowance(state: RenderState, context: LayoutContext, box: boxes.Box) -> float:
    """Return how much the punctuation of the line so far, `box` included, can be squeezed (0 unless
    the document compresses): the boxes before it on the line may make room as well."""
    if not state.options.compress_punctuation:
        return 0.0
    own = sum(
        squeezable_width(state, context, item.text, item.style)
        for item in text_boxes(box)
        if item is not None
    )
    limit: float = LINE_SQUEEZE * box.style["font_size"]
    last = last_text_box(box)
    if last is not None:  # the closing marks that end it came with the last character (_pushed_in)
        text = last.text.rstrip(" ")
        marks = len(text) - len(text.rstrip("".join(CLOSING))) - (hanging_width(state, context, box) > 0)
        if marks > 0:
            limit += state.width(context, text[len(text) - marks :], last.style)
    return min(max(own, state.line_squeeze), limit)


def hanging_width(state: RenderState, context: LayoutContext, box: boxes.Box) -> float:
    """Return the width of the closing punctuation mark (one, as LibreOffice) that ends `box` and
    may hang past the line end."""
    last = last_text_box(box)
    if last is None or not state.options.hang_punctuation:
        return 0.0
    text = last.text.rstrip(" ")
    if not text or text[-1] not in HANGING:
        return 0.0
    before = text[-2] if len(text) > 1 else getattr(last, "rg_previous", "")
    if not before or not is_east_asian(before):
        return 0.0  # LibreOffice hangs punctuation after an ideograph only (not after “12.6%”)
    return state.width(context, text[-1], last.style)


def preserved_spaces_width(state: RenderState, context: LayoutContext, box: boxes.Box) -> float:
    """Return the width of the spaces that end `box` where white-space is pre-wrap.

    The converter keeps Word's spaces with pre-wrap; CSS Text 3 lets such spaces at a line end
    hang, as Word does, but WeasyPrint 70 counts them, and a line ending in “225 ” of
    “156 mm × 225 mm” overflowed and sent the whole measurement to the next line.
    """
    last = last_text_box(box)
    if last is None or last.style["white_space"] != "pre-wrap" or not last.text.endswith(" "):
        return 0.0
    spaces = len(last.text) - len(last.text.rstrip(" "))
    return state.width(context, " " * spaces, last.style)


def trailing_whitespace_size(
    state: RenderState, original: Callable[..., float], context: LayoutContext, box: boxes.Box
) -> float:
    """WeasyPrint's trailing_whitespace_size, plus what may hang: preserved spaces and punctuation.

    WeasyPrint asks for it when a box overflows the line: what is returned may stick out. So a
    line may end with “线” from one run and “、” from the next, the “、” hanging in the margin,
    as in Word (w:overflowPunct) and LibreOffice, instead of both going to the next line.
    """
    size: float = original(context, box)
    return (
        size
        + preserved_spaces_width(state, context, box)
        + hanging_width(state, context, box)
        + float(sum(span.margin_right for span in trailing_auto_spaces(box)))
        + squeeze_allowance(state, context, box)
    )

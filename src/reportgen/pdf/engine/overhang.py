"""A page's last line may reach into the bottom margin by the part of a multiple line below its text."""

from __future__ import annotations

from typing import Any

from reportgen.hints import overhang
from reportgen.pdf.engine.state import RenderState

PX = 4 / 3
"""WeasyPrint's px per pt."""


def linebox_layout(
    state: RenderState,
    original: Any,
    context: Any,
    box: Any,
    index: Any,
    child: Any,
    new_children: Any,
    page_is_empty: Any,
    absolute_boxes: Any,
    fixed_boxes: Any,
    adjoining_margins: Any,
    bottom_space: float,
    *args: Any,
    **kwargs: Any,
) -> Any:
    """WeasyPrint's _linebox_layout, with the page's bottom `--rg-overhang` lower for this paragraph.

    Word (“auto” spacing at a multiple: the baseline is the face's ascent below the line's top, the
    rest of the line below the text) takes a line onto a page when its text fits: the line's top
    plus the single line is within the margin (case4 p. 1: 705.05 + 14.65 = 719.7 ≤ 720 pt), though
    the whole 16.85 pt line ends at 721.9.
    """
    allowance = overhang(box.style) * PX
    return original(
        context, box, index, child, new_children, page_is_empty, absolute_boxes, fixed_boxes,
        adjoining_margins, bottom_space - allowance, *args, **kwargs,
    )  # fmt: skip


def block_level_layout(
    state: RenderState, original: Any, context: Any, box: Any, bottom_space: float, *args: Any, **kwargs: Any
) -> Any:
    """WeasyPrint's block_level_layout; a paragraph whose last line overhangs the page's bottom (as
    linebox_layout let it) ends at the bottom, so that the page does not move it for overflowing."""
    result = original(context, box, bottom_space, *args, **kwargs)
    new_child = result[0]
    allowance = overhang(box.style) * PX if new_child is not None else 0.0
    if allowance:
        excess = new_child.content_box_y() + new_child.height - (context.page_bottom - bottom_space)
        if 0 < excess <= allowance + 1e-6:
            new_child.height -= excess
    return result

"""Tab stops as Word sets them: each tab reaches the next stop of its paragraph, with its leader.

WeasyPrint (Pango) measures a tab from the start of the text box it sits in, so a tab after a
run of another format, or after text that ends just short of a stop, lands a whole default stop
too far, and CSS has no right, centre or decimal stops or leaders. The converter gives a paragraph
with tabs its stops (hints.TabStops) and this module places them on each laid out line: a tab's
width becomes the distance to the next stop after it (left stops: the text after the tab starts
there; right and decimal stops: it ends there; centre stops: it is centred there), the boxes after
it move with it, and a leader fills the tab with dots, hyphens, underscores or middle dots.
Positions count from the text column's left edge, as in Word; past the last custom stop the
default stops (w:defaultTabStop) continue.

Called from justify.text_align for every line, before the line is aligned, and from
breaks.split_inline_box while a line is broken.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from weasyprint.formatting_structure import boxes

from reportgen.hints import LEADERS, TABS_ATTRIBUTE, TabStops
from reportgen.pdf.engine.boxes import is_tab_span
from reportgen.pdf.engine.state import Element, LayoutContext, RenderState, first_line

PX = 4 / 3
"""CSS px per pt: WeasyPrint lays out in px, the converter writes pt."""
MIN_TAB = 0.0
"""A tab reaches the first stop more than this (px) after where it starts (LibreOffice: any)."""


@dataclass(frozen=True)
class Stop:
    """A tab stop in px."""

    pos: float
    align: str
    leader: str


def next_stop(stops: TabStops, x: float) -> Stop:
    """Return the first stop after `x` (px from the column edge): a custom one, else a default one."""
    for stop in stops.stops:
        if stop.pos * PX > x + MIN_TAB:
            return Stop(stop.pos * PX, stop.align, stop.leader)
    last = max([x] + [stop.pos * PX for stop in stops.stops])
    default = stops.default * PX
    pos = (math.floor((last + MIN_TAB) / default) + 1) * default
    return Stop(pos, "left", "none")


def _stops_of(state: RenderState, element: Element | None) -> TabStops | None:
    value = element.get(TABS_ATTRIBUTE) if element is not None else None
    return state.tab_stops(value) if value else None


def left_stop_width(state: RenderState, line_element: Element | None, line_x: float, x: float) -> float | None:
    """Return the width of a tab starting at `x` when its next stop is a left stop, else None.

    Called while a line is broken, so that the text after such a tab is measured from where it
    will really start; right, centre and decimal stops need the width of the text after the tab,
    known only once the line is laid out (place_tabs).
    """
    stops = _stops_of(state, line_element)
    if stops is None:
        return None
    column_left = line_x - stops.indent * PX
    stop = next_stop(stops, x - column_left)
    if stop.align != "left":
        return None
    return max(0.0, stop.pos - (x - column_left))


def _is_tab(box: boxes.Box, parent: boxes.Box | None) -> bool:
    return isinstance(box, boxes.TextBox) and box.text == "\t" and is_tab_span(parent)


def _leaves(box: boxes.Box, parent: boxes.Box | None = None) -> list[tuple[boxes.Box, bool]]:
    """Return the line's leaf boxes in order, each with whether it is a tab."""
    if isinstance(box, (boxes.LineBox, boxes.InlineBox)):
        return [leaf for child in box.children if child.is_in_normal_flow() for leaf in _leaves(child, box)]
    return [(box, _is_tab(box, parent))]


class _Placer:
    """Walks a line in order, widening tabs to their stops and moving everything after them."""

    def __init__(
        self,
        state: RenderState,
        context: LayoutContext,
        stops: TabStops,
        column_left: float,
        widths: dict[int, tuple[float, float]],
    ) -> None:
        self.state = state
        self.context = context
        self.stops = stops
        self.column_left = column_left
        # id(tab box) → width of the text after it up to the next tab or the line end, and up to
        # its first decimal point
        self.widths = widths
        self.shift = 0.0

    def visit(self, box: boxes.Box, parent: boxes.Box | None = None) -> None:
        if isinstance(box, (boxes.LineBox, boxes.InlineBox)):
            start = self.shift
            box.position_x += start
            for child in box.children:
                if child.is_in_normal_flow():
                    self.visit(child, box)
            box.width += self.shift - start
            return
        box.translate(self.shift, 0, ignore_floats=True)
        if _is_tab(box, parent):
            self._tab(box)

    def _tab(self, box: boxes.Box) -> None:
        x = box.position_x - self.column_left
        stop = next_stop(self.stops, x)
        following, before_point = self.widths.get(id(box), (0.0, 0.0))
        target = {
            "right": stop.pos - following,
            "center": stop.pos - following / 2,
            "decimal": stop.pos - before_point,  # the decimal point on the stop (no point: right)
        }.get(stop.align, stop.pos)
        width = max(0.0, target - x)
        if stop.leader in LEADERS and width > 0:
            self._fill(box, LEADERS[stop.leader], width)
        self.shift += width - box.width
        box.width = width

    def _fill(self, box: boxes.Box, char: str, width: float) -> None:
        """Give a tab box a leader: as many `char` as fit in `width`, from its start (as LibreOffice)."""
        one = first_line(char * 10, box.style, self.context, None).width / 10
        if one <= 0:
            return
        count = int(width // one)
        if count < 1:
            return
        text = char * count
        box.pango_layout = first_line(text, box.style, self.context, None).layout
        box.text = text


def place_tabs(state: RenderState, context: LayoutContext, line: boxes.LineBox) -> None:
    """Set every tab on `line` to its paragraph's next tab stop (lines without tabs are untouched)."""
    stops = _stops_of(state, getattr(line, "element", None))
    if stops is None:
        return
    leaves = _leaves(line)
    if not any(is_tab for _, is_tab in leaves):
        return
    line_end = line.position_x + line.width
    widths: dict[int, tuple[float, float]] = {}
    for index, (leaf, is_tab) in enumerate(leaves):
        if not is_tab:
            continue
        start = leaf.position_x + leaf.width
        end, point = line_end, None
        for other, other_tab in leaves[index + 1 :]:
            if other_tab:
                end = other.position_x
                break
            text = getattr(other, "text", "") if isinstance(other, boxes.TextBox) else ""
            if point is None and "." in text:
                prefix = text[: text.index(".")]
                point = other.position_x + (
                    first_line(prefix, other.style, context, None).width if prefix else 0.0
                )
        following = max(0.0, end - start)
        widths[id(leaf)] = (following, following if point is None else max(0.0, point - start))
    _Placer(state, context, stops, line.position_x - stops.indent * PX, widths).visit(line)

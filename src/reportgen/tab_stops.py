"""Tab stops as Word sets them: each tab reaches the next stop of its paragraph, with its leader.

WeasyPrint (Pango) measures a tab from the start of the text box it sits in, so a tab after a
run of another format, or after text that ends just short of a stop, lands a whole default stop
too far, and CSS has no right, centre or decimal stops or leaders. The converter marks a paragraph
with tabs (`data-rg-tabs`, see BodyConverter._tab_data) and this module places them on each laid
out line: a tab's width becomes the distance to the next stop after it (left stops: the text after
the tab starts there; right and decimal stops: it ends there; centre stops: it is centred there),
the boxes after it move with it, and a leader fills the tab with dots, hyphens, underscores or
middle dots. Positions count from the text column's left edge, as in Word; past the last custom
stop the default stops (w:defaultTabStop) continue.

Called from cjk_justify.text_align for every line, before the line is aligned.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from typing import Any

from weasyprint.formatting_structure import boxes

LEADERS = {"dot": ".", "hyphen": "-", "underscore": "_", "heavy": "_", "middleDot": "·"}
PX = 4 / 3
"""CSS px per pt: WeasyPrint lays out in px, the converter writes pt."""
MIN_TAB = 0.0
"""A tab reaches the first stop more than this (px) after where it starts (LibreOffice: any)."""


@dataclass(frozen=True)
class Stop:
    pos: float
    align: str
    leader: str


@dataclass(frozen=True)
class TabSpec:
    """A paragraph's tab stops, parsed from its data-rg-tabs attribute (pt), in px."""

    default: float
    indent: float
    stops: tuple[Stop, ...]

    @classmethod
    @functools.lru_cache(maxsize=256)
    def parse(cls, value: str) -> TabSpec | None:
        """Return the spec a data-rg-tabs value describes (parsed once per value), or None."""
        try:
            default, indent, listed = value.split(";", 2)
            stops = []
            for item in listed.split():
                pos, align, leader = item.split(":")
                stops.append(Stop(float(pos) * PX, align, leader))
            return cls((float(default) or 36.0) * PX, float(indent) * PX, tuple(stops))
        except ValueError:
            return None

    def next_stop(self, x: float) -> Stop:
        """Return the first stop after `x` (px from the column edge): a custom one, else a default one."""
        for stop in self.stops:
            if stop.pos > x + MIN_TAB:
                return stop
        last = max([x] + [stop.pos for stop in self.stops])
        pos = (math.floor((last + MIN_TAB) / self.default) + 1) * self.default
        return Stop(pos, "left", "none")


def left_stop_width(line_element: Any, line_x: float, x: float) -> float | None:
    """Return the width of a tab starting at `x` when its next stop is a left stop, else None.

    Called while a line is broken (cjk_justify.split_inline_box), so that the text after such a
    tab is measured from where it will really start; right, centre and decimal stops need the
    width of the text after the tab, known only once the line is laid out (place_tabs).
    """
    value = line_element.get("data-rg-tabs") if line_element is not None else None
    spec = TabSpec.parse(value) if value else None
    if spec is None:
        return None
    column_left = line_x - spec.indent
    stop = spec.next_stop(x - column_left)
    if stop.align != "left":
        return None
    return max(0.0, stop.pos - (x - column_left))


def has_class(box: Any, name: str) -> bool:
    """Return True for an inline box (a span) whose element has the class `name`."""
    element = getattr(box, "element", None)
    return (
        isinstance(box, boxes.InlineBox)
        and element is not None
        and name in (element.get("class") or "").split()
    )


def is_tab_span(box: Any) -> bool:
    return has_class(box, "rg-tab")


def _is_tab(box: Any, parent: Any) -> bool:
    return isinstance(box, boxes.TextBox) and box.text == "\t" and is_tab_span(parent)


def _leaves(box: Any, parent: Any = None) -> list[tuple[Any, bool]]:
    """Return the line's leaf boxes in order, each with whether it is a tab."""
    if isinstance(box, (boxes.LineBox, boxes.InlineBox)):
        return [leaf for child in box.children if child.is_in_normal_flow() for leaf in _leaves(child, box)]
    return [(box, _is_tab(box, parent))]


class _Placer:
    """Walks a line in order, widening tabs to their stops and moving everything after them."""

    def __init__(
        self, context: Any, spec: TabSpec, column_left: float, widths: dict[int, tuple[float, float]]
    ) -> None:
        self.context = context
        self.spec = spec
        self.column_left = column_left
        # id(tab box) → width of the text after it up to the next tab or the line end, and up to
        # its first decimal point
        self.widths = widths
        self.shift = 0.0

    def visit(self, box: Any, parent: Any = None) -> None:
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

    def _tab(self, box: Any) -> None:
        x = box.position_x - self.column_left
        stop = self.spec.next_stop(x)
        following, before_point = self.widths.get(id(box), (0.0, 0.0))
        target = {
            "right": stop.pos - following,
            "center": stop.pos - following / 2,
            "decimal": stop.pos - before_point,  # the decimal point on the stop (no point: right)
        }.get(stop.align, stop.pos)
        width = max(0.0, target - x)
        if stop.leader in LEADERS and width > 0:
            _fill(self.context, box, LEADERS[stop.leader], width)
        self.shift += width - box.width
        box.width = width


def _width(context: Any, text: str, style: Any) -> float:
    from weasyprint.text.line_break import split_first_line

    return split_first_line(text, style, context, None, 0)[3]


def _fill(context: Any, box: Any, char: str, width: float) -> None:
    """Give a tab box a leader: as many `char` as fit in `width`, from its start (as LibreOffice)."""
    from weasyprint.text.line_break import split_first_line

    one = _width(context, char * 10, box.style) / 10
    if one <= 0:
        return
    count = int(width // one)
    if count < 1:
        return
    text = char * count
    layout = split_first_line(text, box.style, context, None, 0)[0]
    box.pango_layout = layout
    box.text = text


def place_tabs(context: Any, line: Any) -> None:
    """Set every tab on `line` to its paragraph's next tab stop (lines without tabs are untouched)."""
    element = getattr(line, "element", None)
    value = element.get("data-rg-tabs") if element is not None else None
    if not value:
        return
    spec = TabSpec.parse(value)
    if spec is None:
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
                point = other.position_x + (_width(context, prefix, other.style) if prefix else 0.0)
        following = max(0.0, end - start)
        widths[id(leaf)] = (following, following if point is None else max(0.0, point - start))
    placer = _Placer(context, spec, line.position_x - spec.indent, widths)
    placer.visit(line)

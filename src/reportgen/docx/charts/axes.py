"""Charts on axes (column, bar, line, area, scatter, bubble): the plot area's place, the scale, gridlines,
tick labels and axis titles; the series themselves are drawn by `charts/series.py`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reportgen.docx.charts.colors import Line, Paint
from reportgen.docx.charts.frame import Box, num, rect, text
from reportgen.docx.charts.model import Axis, Chart, Plot
from reportgen.docx.charts.numbers import Scale, auto_scale, format_number
from reportgen.docx.charts.read import XY_KINDS
from reportgen.docx.charts.text import Font

TICK = 3.17
"""A major tick mark's length (pt)."""
LABEL_GAP = 5.9
"""A tick label's distance from the end of an outside tick mark (left labels); below the axis: 6.4 to the text box."""
BELOW_GAP = 6.4
TITLE_GAP = 4.0
AXIS_LINE = Line(Paint("#868686"))


@dataclass
class Frame:
    """A plot area and its scales: value positions are mapped onto it."""

    left: float
    top: float
    right: float
    bottom: float
    horizontal: bool
    count: int
    between: bool
    value: Scale
    x_scale: Scale | None = None
    reverse_cat: bool = False
    reverse_val: bool = False

    def cat(self, index: float) -> float:
        """Return the coordinate (x, or y for horizontal bars) of category `index`'s centre."""
        lo, hi = (self.bottom, self.top) if self.horizontal else (self.left, self.right)
        if self.reverse_cat:
            lo, hi = hi, lo
        if self.between:
            return lo + (hi - lo) * (index + 0.5) / max(self.count, 1)
        return lo + (hi - lo) * (index / max(self.count - 1, 1) if self.count > 1 else 0.5)

    def band(self) -> float:
        span = (self.bottom - self.top) if self.horizontal else (self.right - self.left)
        return span / max(self.count, 1) if self.between else span / max(self.count - 1, 1)

    def val(self, value: float) -> float:
        """Return the coordinate (y, or x for horizontal bars) of `value` on the value axis."""
        place = self.value.place(value)
        if self.reverse_val:
            place = 1 - place
        if self.horizontal:
            return self.left + (self.right - self.left) * place
        return self.bottom - (self.bottom - self.top) * place

    def x(self, value: float) -> float:
        """Return the x of a scatter chart's value."""
        assert self.x_scale is not None
        return self.left + (self.right - self.left) * self.x_scale.place(value)

    def base(self) -> float:
        """Return where bars and areas start: the value 0, or the scale's end nearest it."""
        return self.val(min(max(0.0, self.value.low), self.value.high))


def value_range(plots: list[Plot]) -> tuple[float, float, bool]:
    """Return the smallest and largest value the plots draw (stacks summed), and whether any is
    a percent stack (then the axis runs 0–100 %)."""
    low, high, percent = 0.0, 0.0, False
    found = False
    for plot in plots:
        series = plot.series
        if plot.grouping in ("stacked", "percentStacked") and plot.kind in ("bar", "line", "area"):
            percent = percent or plot.grouping == "percentStacked"
            count = max((len(s.values) for s in series), default=0)
            for i in range(count):
                points = [s.values[i] for s in series if i < len(s.values) and s.values[i] is not None]
                pos = sum(v for v in points if v is not None and v > 0)
                neg = sum(v for v in points if v is not None and v < 0)
                if plot.grouping == "percentStacked":
                    total = pos - neg
                    pos, neg = (pos / total, neg / total) if total else (0.0, 0.0)
                low, high = (min(low, neg), max(high, pos)) if found else (neg, pos)
                found = True
        else:
            for s in series:
                for v in s.values:
                    if v is not None:
                        low, high = (min(low, v), max(high, v)) if found else (v, v)
                        found = True
    return low, high, percent


def layout(
    out: list[str], chart: Chart, plots: list[Plot], box: Box, fonts: Callable[..., Font],
    reach: tuple[float, float, float, float] | None = None,
) -> Frame:  # fmt: skip
    """Draw the axes, gridlines, tick labels and axis titles; return the plot area's frame.
    `reach`: x and y ranges (x low, x high, y low, y high) the scales must include (bubbles)."""
    first = plots[0]
    horizontal = first.kind == "bar" and first.horizontal
    scatter = first.kind in XY_KINDS
    cat_ax, val_ax = _axes(chart, first)
    low, high, percent = value_range(plots)
    if reach is not None:
        low, high = min(low, reach[2]), max(high, reach[3])
    value = auto_scale(
        low, high, val_ax.minimum if val_ax else None, val_ax.maximum if val_ax else None,
        val_ax.major if val_ax else None,
    )  # fmt: skip
    if percent:
        value = auto_scale(
            min(low, 0.0), 1.0, -1.0 if low < 0 else 0.0, 1.0, val_ax.major if val_ax else None
        )
    count = max((max(len(s.values), len(s.categories)) for p in plots for s in p.series), default=1)
    x_scale = None
    if scatter:
        xs = [x for p in plots for s in p.series for x in (s.xs or []) if x is not None] or [0.0, 1.0]
        xs += list(reach[:2]) if reach is not None else []
        x_scale = auto_scale(
            min(xs), max(xs), cat_ax.minimum if cat_ax else None, cat_ax.maximum if cat_ax else None,
            cat_ax.major if cat_ax else None,
        )  # fmt: skip
    between = True
    if first.kind in ("line", "area") and not any(p.kind == "bar" for p in plots):
        between = val_ax.between if val_ax and val_ax.between is not None else first.kind != "area"

    val_fmt = "0%" if percent else _val_format(val_ax, first)
    val_texts = [format_number(v, val_fmt) for v in value.ticks()]
    categories = _categories(plots, count)
    if scatter:
        assert x_scale is not None
        x_fmt = cat_ax.fmt if cat_ax and cat_ax.fmt and not cat_ax.linked else first.series[0].cat_fmt
        cat_texts = [format_number(v, x_fmt) for v in x_scale.ticks()]
    else:
        cat_texts = categories
    cat_font = fonts(cat_ax.style if cat_ax else chart.base)
    val_font = fonts(val_ax.style if val_ax else chart.base)
    show_cat = cat_ax is not None and not cat_ax.deleted and cat_ax.label_pos != "none"
    show_val = val_ax is not None and not val_ax.deleted and val_ax.label_pos != "none"
    # which labels stand left of and below the plot area
    left_texts, left_font, left_show, left_ax = (
        (cat_texts, cat_font, show_cat, cat_ax) if horizontal else (val_texts, val_font, show_val, val_ax)
    )
    low_texts, low_font, low_show, low_ax = (
        (val_texts, val_font, show_val, val_ax) if horizontal else (cat_texts, cat_font, show_cat, cat_ax)
    )
    left = box.left
    if left_ax is not None and left_ax.title is not None:
        left += fonts(left_ax.title.style).height() + TITLE_GAP
    if left_show:
        left += max((left_font.width(t) for t in left_texts), default=0) + TICK + LABEL_GAP
    else:
        left += 4.5
    bottom = box.bottom
    if low_ax is not None and low_ax.title is not None:
        bottom -= fonts(low_ax.title.style).height() + TITLE_GAP
    bottom -= (low_font.height() + BELOW_GAP) if low_show else 4.5
    right = box.right
    if low_show and (horizontal or scatter or not between) and low_texts:
        right -= low_font.width(low_texts[-1]) / 2
    frame = Frame(left, box.top, right, bottom, horizontal, count, between, value, x_scale)
    frame.reverse_cat = bool(cat_ax and cat_ax.reverse)
    frame.reverse_val = bool(val_ax and val_ax.reverse)

    if isinstance(chart.plot_fill, Paint):
        out.append(rect(left, box.top, right - left, bottom - box.top, chart.plot_fill))
    ticks = value.ticks()
    if val_ax is not None and val_ax.gridlines is not None and val_ax.gridlines.paint is not None:
        out.append(_lines(frame, [frame.val(v) for v in ticks], not horizontal, val_ax.gridlines))
    if cat_ax is not None and cat_ax.gridlines is not None and cat_ax.gridlines.paint is not None:
        spots = (
            _cat_ticks(frame) if not scatter else [frame.x(v) for v in (x_scale.ticks() if x_scale else [])]
        )
        out.append(_lines(frame, spots, horizontal and not scatter, cat_ax.gridlines))
    frame_labels = (left_texts, left_font, left_show, low_texts, low_font, low_show)
    _axis_marks(out, frame, chart, cat_ax, val_ax, scatter, frame_labels, fonts, box)
    return frame


def _axes(chart: Chart, plot: Plot) -> tuple[Axis | None, Axis | None]:
    """Return the plot's (category or x, value or y) axes."""
    found = [chart.axes[i] for i in plot.axes if i in chart.axes]
    if plot.kind in XY_KINDS:
        xs = [a for a in found if a.position in ("b", "t")]
        ys = [a for a in found if a.position in ("l", "r")]
        return (xs[0] if xs else None), (ys[0] if ys else None)
    cat = next((a for a in found if a.kind == "cat"), None)
    val = next((a for a in found if a.kind == "val"), None)
    return cat, val


def _val_format(axis: Axis | None, plot: Plot) -> str:
    if axis is not None and axis.fmt and not axis.linked:
        return axis.fmt
    return plot.series[0].fmt if plot.series else "General"


def _categories(plots: list[Plot], count: int) -> list[str]:
    for plot in plots:
        for s in plot.series:
            if any(s.categories):
                return (s.categories + [""] * count)[:count]
    return [str(i + 1) for i in range(count)]


def _cat_ticks(frame: Frame) -> list[float]:
    """Return the category axis's tick places: between categories, or at each one."""
    if frame.between:
        return [frame.cat(i - 0.5) for i in range(frame.count + 1)]
    return [frame.cat(i) for i in range(frame.count)]


def _lines(frame: Frame, spots: list[float], across: bool, line: Line) -> str:
    """Return gridlines at `spots`: horizontal lines across the plot (across) or vertical ones."""
    if across:
        d = "".join(f"M{num(frame.left)} {num(y)}H{num(frame.right)}" for y in spots)
    else:
        d = "".join(f"M{num(x)} {num(frame.top)}V{num(frame.bottom)}" for x in spots)
    return f'<path d="{d}" fill="none" {line.attrs()}/>'


def _axis_marks(out, frame, chart, cat_ax, val_ax, scatter, labels, fonts, box) -> None:  # type: ignore[no-untyped-def]
    """Draw the plot border, both axis lines with their ticks, the tick labels and the axis titles."""
    left_texts, left_font, left_show, low_texts, low_font, low_show = labels
    if chart.plot_line is not None and chart.plot_line.paint is not None:
        out.append(
            rect(
                frame.left,
                frame.top,
                frame.right - frame.left,
                frame.bottom - frame.top,
                None,
                chart.plot_line,
            )
        )
    horizontal = frame.horizontal
    left_ax, low_ax = (cat_ax, val_ax) if horizontal else (val_ax, cat_ax)
    if scatter:
        left_spots = [frame.val(v) for v in frame.value.ticks()]
        low_spots = [frame.x(v) for v in frame.x_scale.ticks()] if frame.x_scale else []
        left_tick_spots, low_tick_spots = left_spots, low_spots
    elif horizontal:
        left_spots = [frame.cat(i) for i in range(frame.count)]
        left_tick_spots = _cat_ticks(frame)
        low_spots = low_tick_spots = [frame.val(v) for v in frame.value.ticks()]
    else:
        left_spots = left_tick_spots = [frame.val(v) for v in frame.value.ticks()]
        low_spots = [frame.cat(i) for i in range(frame.count)]
        low_tick_spots = _cat_ticks(frame)
    # the value axis crosses the category axis at 0; the category axis runs at the value axis's base
    cross_y = frame.base() if not horizontal else frame.bottom
    cross_x = frame.base() if horizontal else frame.left
    if scatter:
        cross_y = frame.val(min(max(0.0, frame.value.low), frame.value.high))
        if frame.x_scale is not None:
            cross_x = frame.x(min(max(0.0, frame.x_scale.low), frame.x_scale.high))
    if left_ax is not None and not left_ax.deleted:
        line = left_ax.line or AXIS_LINE
        if line.paint is not None:
            out.append(
                f'<path d="M{num(cross_x)} {num(frame.top)}V{num(frame.bottom)}" fill="none" {line.attrs()}/>'
            )
            out.append(_ticks(left_tick_spots, cross_x, left_ax.tick, True, line))
        if left_show:
            skip = _skip([left_font.height()] * len(left_texts), left_spots)
            for i, (spot, label) in enumerate(zip(left_spots, left_texts, strict=False)):
                if i % skip == 0:
                    out.append(text(left_font, frame.left - TICK - LABEL_GAP, spot, label, "end"))
        if left_ax.title is not None:
            font = fonts(left_ax.title.style)
            middle = (frame.top + frame.bottom) / 2
            out.append(
                text(
                    font,
                    box.left + font.height() / 2,
                    middle,
                    left_ax.title.text or "Axis Title",
                    "middle",
                    rotate=True,
                )
            )
    if low_ax is not None and not low_ax.deleted:
        line = low_ax.line or AXIS_LINE
        if line.paint is not None:
            out.append(
                f'<path d="M{num(frame.left)} {num(cross_y)}H{num(frame.right)}" fill="none" {line.attrs()}/>'
            )
            out.append(_ticks(low_tick_spots, cross_y, low_ax.tick, False, line))
        if low_show:
            widths = [low_font.width(t) + low_font.size * 0.5 for t in low_texts]
            skip = _skip(widths, low_spots)
            middle = frame.bottom + BELOW_GAP + low_font.height() / 2
            for i, (spot, label) in enumerate(zip(low_spots, low_texts, strict=False)):
                if i % skip == 0:
                    out.append(text(low_font, spot, middle, label, "middle"))
        if low_ax.title is not None:
            font = fonts(low_ax.title.style)
            middle = (
                frame.bottom
                + (BELOW_GAP + low_font.height() if low_show else 4.5)
                + TITLE_GAP
                + font.height() / 2
            )
            out.append(
                text(
                    font, (frame.left + frame.right) / 2, middle, low_ax.title.text or "Axis Title", "middle"
                )
            )


def _ticks(spots: list[float], at: float, kind: str, vertical_axis: bool, line: Line) -> str:
    """Return the major tick marks of an axis at `at` (x of a vertical axis, y of a horizontal one)."""
    if kind == "none" or not spots:
        return ""
    outward = -TICK if vertical_axis else TICK
    start, end = {"out": (0.0, outward), "in": (0.0, -outward), "cross": (-outward, outward)}.get(
        kind, (0.0, outward)
    )
    if vertical_axis:
        d = "".join(f"M{num(at + start)} {num(s)}H{num(at + end)}" for s in spots)
    else:
        d = "".join(f"M{num(s)} {num(at + start)}V{num(at + end)}" for s in spots)
    return f'<path d="{d}" fill="none" {line.attrs()}/>'


def _skip(sizes: list[float], spots: list[float]) -> int:
    """Return n: every n-th label is shown so that neighbours do not overlap (Excel's automatic
    label interval)."""
    if len(spots) < 2:
        return 1
    pitch = abs(spots[1] - spots[0]) or 1.0
    widest = max(sizes, default=0.0)
    skip = 1
    while widest > pitch * skip and skip < len(spots):
        skip += 1
    return skip

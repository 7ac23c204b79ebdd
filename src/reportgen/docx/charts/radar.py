"""Radar charts (c:radarChart): one spoke per category clockwise from 12 o'clock, value rings as
polygons, the value axis up the first spoke, series as closed lines with markers or filled
(measured on Word's PDF of docxide-pdf case31, docs/drawings.md)."""

from __future__ import annotations

import math
from collections.abc import Callable

from reportgen.docx.charts.axes import AXIS_LINE, LABEL_GAP, TICK, value_range
from reportgen.docx.charts.colors import Line, Paint, Theme
from reportgen.docx.charts.frame import EDGE, PAD, Box, marker, num, path, text
from reportgen.docx.charts.model import Axis, Chart, Plot, Series
from reportgen.docx.charts.numbers import auto_scale, format_number
from reportgen.docx.charts.series import label_text, series_fill, series_line, series_marker
from reportgen.docx.charts.text import Font

LABEL_ROOM = 2.4
"""Outer ring to a category label above or below it (pt)."""
LABEL_OFFSET = 3.0
"""A category label's nearest corner from its spoke's end, along the spoke (pt)."""
VALUE_GAP = TICK + LABEL_GAP + 2.4
"""The value axis (the first spoke) to the right end of its labels (pt; Word's case31)."""


def draw(
    out: list[str], chart: Chart, theme: Theme, plot: Plot, box: Box, fonts: Callable[..., Font]
) -> None:
    """Draw a radar chart in the room `box` (a circle as large as fits with the category labels)."""
    found = [chart.axes[i] for i in plot.axes if i in chart.axes]
    cat_ax = next((a for a in found if a.kind == "cat"), None)
    val_ax = next((a for a in found if a.kind == "val"), None)
    count = max((max(len(s.values), len(s.categories)) for s in plot.series), default=0)
    if count < 1:
        return
    categories = next((s.categories for s in plot.series if any(s.categories)), [])
    categories = (categories + [str(i + 1) for i in range(len(categories), count)])[:count]
    cat_font = fonts(cat_ax.style if cat_ax else chart.base)
    show_cat = cat_ax is not None and not cat_ax.deleted and cat_ax.label_pos != "none"
    top = box.top - (EDGE - PAD) if chart.title is None else box.top
    left, right = box.left, box.right
    room_h = box.bottom - top
    room_w = right - left
    if show_cat:
        room_h -= 2 * (cat_font.height() + LABEL_ROOM)
        room_w -= 2 * (max(cat_font.width(c) for c in categories) + LABEL_OFFSET)
    radius = max(min(room_h, room_w) / 2, 1.0)
    cx, cy = (left + right) / 2, (top + box.bottom) / 2

    val_font = fonts(val_ax.style if val_ax else chart.base)
    low, high, _ = value_range([plot])
    steps = max(1, int(radius / max(val_font.height(), 1.0)))
    scale = auto_scale(
        low, high, val_ax.minimum if val_ax else None, val_ax.maximum if val_ax else None,
        val_ax.major if val_ax else None, max_steps=steps,
    )  # fmt: skip

    def angle(i: float) -> float:
        return 2 * math.pi * i / count

    def point(i: float, value: float) -> tuple[float, float]:
        reach = radius * min(max(scale.place(value), 0.0), 1.0)
        if val_ax is not None and val_ax.reverse:
            reach = radius - reach
        return cx + reach * math.sin(angle(i)), cy - reach * math.cos(angle(i))

    ticks = scale.ticks()
    if val_ax is not None and val_ax.gridlines is not None and val_ax.gridlines.paint is not None:
        rings = "".join(_polygon([point(i, v) for i in range(count)]) for v in ticks if scale.place(v) > 0)
        out.append(f'<path d="{rings}" fill="none" {val_ax.gridlines.attrs()}/>')
    spokes = (
        (cat_ax.line if cat_ax and cat_ax.line else AXIS_LINE)
        if cat_ax is None or not cat_ax.deleted
        else None
    )
    if spokes is not None and spokes.paint is not None:
        d = "".join(
            f"M{num(cx)} {num(cy)}L{num(x)} {num(y)}" for x, y in (point(i, scale.high) for i in range(count))
        )
        out.append(f'<path d="{d}" fill="none" {spokes.attrs()}/>')
    if show_cat:
        for i, label in enumerate(categories):
            _category(out, cat_font, label, cx, cy, radius, angle(i))
    if val_ax is not None and not val_ax.deleted:
        _value_axis(out, val_ax, val_font, ticks, [point(0, v)[1] for v in ticks], cx)
    _series(out, theme, plot, point, count, fonts)


def _polygon(points: list[tuple[float, float]]) -> str:
    return "M" + "L".join(f"{num(x)} {num(y)}" for x, y in points) + "Z"


def _category(
    out: list[str], font: Font, label: str, cx: float, cy: float, radius: float, angle: float
) -> None:
    """Draw a category label just outside its spoke's end: beside it left or right, above or below
    it at the top and bottom."""
    sin, cos = math.sin(angle), math.cos(angle)
    x = cx + (radius + LABEL_OFFSET) * sin
    y = cy - (radius + LABEL_OFFSET) * cos
    if abs(sin) < 0.1:
        middle = y - font.height() / 2 if cos > 0 else y + font.height() / 2
        out.append(text(font, x, middle, label, "middle"))
    else:
        out.append(text(font, x, y, label, "start" if sin > 0 else "end"))


def _value_axis(
    out: list[str], axis: Axis, font: Font, ticks: list[float], spots: list[float], cx: float
) -> None:  # fmt: skip
    """Draw the value axis up the first spoke: its line, tick marks and labels left of it."""
    line = axis.line or AXIS_LINE
    if line.paint is not None and spots:
        out.append(f'<path d="M{num(cx)} {num(max(spots))}V{num(min(spots))}" fill="none" {line.attrs()}/>')
        if axis.tick != "none":
            start, end = {"in": (0.0, TICK), "cross": (-TICK, TICK)}.get(axis.tick, (-TICK, 0.0))
            d = "".join(f"M{num(cx + start)} {num(y)}H{num(cx + end)}" for y in spots)
            out.append(f'<path d="{d}" fill="none" {line.attrs()}/>')
    if axis.label_pos == "none":
        return
    fmt = axis.fmt if axis.fmt and not axis.linked else "General"
    for value, y in zip(ticks, spots, strict=True):
        out.append(text(font, cx - VALUE_GAP, y, format_number(value, fmt), "end"))


def _series(
    out: list[str],
    theme: Theme,
    plot: Plot,
    point: Callable[[float, float], tuple[float, float]],
    count: int,
    fonts: Callable[..., Font],
) -> None:
    """Draw each series as a closed polygon (filled for a filled radar) with its markers and labels."""
    filled = plot.radar_style == "filled"
    for series in plot.series:
        spots = [(i, *point(i, v)) for i, v in enumerate(series.values[:count]) if v is not None]
        if not spots:
            continue
        shape = _polygon([(x, y) for _, x, y in spots])
        if filled:
            line = series.line if series.line is not None and series.line.paint is not None else None
            out.append(path(shape, series_fill(theme, series, plot), line))
        else:
            stroke = series_line(theme, series)
            if stroke.paint is not None and len(spots) > 1:
                out.append(path(shape, None, Line(stroke.paint, stroke.width, stroke.dash)))
            mark = radar_marker(theme, series, plot)
            if mark is not None:
                symbol, size, fill, outline = mark
                out.extend(marker(symbol, x, y, size, fill, outline) for _, x, y in spots)
        labels = series.labels or plot.labels
        if labels is not None and labels.shown():
            font = fonts(labels.style)
            for i, x, y in spots:
                if i not in labels.deleted:
                    content = label_text(labels, series, i, series.values[i] or 0.0)
                    out.append(text(font, x, y - 3.0 - font.height() / 2, content, "middle"))


def radar_marker(
    theme: Theme, series: Series, plot: Plot
) -> tuple[str, float, Paint | None, Line | None] | None:
    """Return a radar series' markers (as series_marker), or None: a filled radar has none, a
    standard radar only those its series names."""
    if plot.radar_style == "filled":
        return None
    if plot.radar_style == "standard" and series.marker in (None, "auto"):
        return None
    return series_marker(theme, series, plot)

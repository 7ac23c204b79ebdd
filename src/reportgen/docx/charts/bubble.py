"""Bubble charts (c:bubbleChart): scatter points drawn as circles sized by c:bubbleSize, on axes
that reach round the largest bubbles (measured on Word's PDF of docxide-pdf case31)."""

from __future__ import annotations

import math
from collections.abc import Callable

from reportgen.docx.charts.axes import Frame
from reportgen.docx.charts.colors import Theme
from reportgen.docx.charts.frame import num, text
from reportgen.docx.charts.model import Plot, Series
from reportgen.docx.charts.series import label_text, series_fill
from reportgen.docx.charts.text import Font

LARGEST = 0.25
"""The largest bubble's diameter at a bubble scale of 100 %, as a fraction of the plot area's
shorter side."""


def bubbles(plot: Plot, frame: Frame) -> list[tuple[Series, int, float, float, float]]:
    """Return each bubble as (series, point, x value, y value, radius in pt)."""
    sizes = [abs(s) for series in plot.series for s in (series.sizes or []) if s is not None and s > 0]
    if not sizes:
        return []
    largest = max(sizes)
    diameter = LARGEST * min(frame.right - frame.left, frame.bottom - frame.top) * plot.bubble_scale
    out = []
    for series in plot.series:
        xs, sizes_ = series.xs or [], series.sizes or []
        for i, y in enumerate(series.values):
            x = xs[i] if i < len(xs) else None
            size = sizes_[i] if i < len(sizes_) else None
            if x is None or y is None or size is None or size <= 0:
                continue
            share = math.sqrt(size / largest) if plot.size_area else size / largest
            out.append((series, i, x, y, diameter * share / 2))
    return out


def reach(plots: list[Plot], frame: Frame) -> tuple[float, float, float, float] | None:
    """Return the x and y ranges (x low, x high, y low, y high) the bubbles cover on `frame`'s
    scales, which the axes must include; None without bubbles."""
    assert frame.x_scale is not None
    per_x = (frame.x_scale.high - frame.x_scale.low) / max(frame.right - frame.left, 1.0)
    per_y = (frame.value.high - frame.value.low) / max(frame.bottom - frame.top, 1.0)
    found = [b for plot in plots for b in bubbles(plot, frame)]
    if not found:
        return None
    return (
        min(x - r * per_x for _, _, x, _, r in found),
        max(x + r * per_x for _, _, x, _, r in found),
        min(y - r * per_y for _, _, _, y, r in found),
        max(y + r * per_y for _, _, _, y, r in found),
    )


def draw(out: list[str], theme: Theme, plot: Plot, frame: Frame, fonts: Callable[..., Font]) -> None:
    """Draw the bubbles (each series in turn, a series' larger bubbles first) and their labels."""
    found = bubbles(plot, frame)
    for series in plot.series:
        own = sorted((b for b in found if b[0] is series), key=lambda b: -b[4])
        line = series.line if series.line is not None and series.line.paint is not None else None
        for _, i, x, y, r in own:
            fill = series_fill(theme, series, plot, i if plot.vary else None)
            paint = fill.attrs("fill") if fill is not None else 'fill="none"'
            stroke = line.attrs() if line is not None else 'stroke="none"'
            out.append(
                f'<circle cx="{num(frame.x(x))}" cy="{num(frame.val(y))}" r="{num(r)}" {paint} {stroke}/>'
            )
        labels = series.labels or plot.labels
        if labels is not None and labels.shown():
            font = fonts(labels.style)
            for _, i, x, y, r in own:
                if i in labels.deleted:
                    continue
                content = label_text(labels, series, i, y)
                px, py = frame.x(x), frame.val(y)
                where = labels.position or "ctr"
                if where == "t":
                    out.append(text(font, px, py - r - font.height() / 2, content, "middle"))
                elif where == "b":
                    out.append(text(font, px, py + r + font.height() / 2, content, "middle"))
                elif where == "l":
                    out.append(text(font, px - r - 3.0, py, content, "end"))
                elif where == "r":
                    out.append(text(font, px + r + 3.0, py, content))
                else:
                    out.append(text(font, px, py, content, "middle"))

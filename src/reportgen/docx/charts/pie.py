"""Pie and doughnut charts: slices clockwise from 12 o'clock turned by the first slice angle, the
doughnut's hole, one ring per series, and data labels (value, percentage, category)."""

from __future__ import annotations

import math
from collections.abc import Callable

from reportgen.docx.charts.colors import Paint, Theme
from reportgen.docx.charts.frame import Box, num, path, text
from reportgen.docx.charts.model import Plot
from reportgen.docx.charts.series import label_text, series_fill
from reportgen.docx.charts.text import Font

INSIDE = 0.62
"""Where an inside label's centre lies, as a fraction of the radius (bestFit, ctr, inEnd)."""


def draw(out: list[str], theme: Theme, plot: Plot, box: Box, fonts: Callable[..., Font]) -> None:
    """Draw a pie or doughnut in the room `box` (a circle as large as fits, centred)."""
    radius = max(min(box.right - box.left, box.bottom - box.top) / 2, 1.0)
    cx, cy = (box.left + box.right) / 2, (box.top + box.bottom) / 2
    rings = plot.series if plot.kind == "doughnut" else plot.series[:1]
    inner_all = radius * plot.hole if plot.kind == "doughnut" else 0.0
    width = (radius - inner_all) / max(len(rings), 1)
    for n, series in enumerate(rings):
        outer = radius - n * width
        inner = outer - width if plot.kind == "doughnut" else 0.0
        values = [abs(v) if v is not None else 0.0 for v in series.values]
        total = sum(values)
        if total <= 0:
            continue
        angle = plot.first_angle
        line = series.line if series.line is not None and series.line.paint is not None else None
        labels = series.labels or plot.labels
        for i, value in enumerate(values):
            if value <= 0:
                continue
            sweep = 360 * value / total
            fill = (
                series_fill(theme, series, plot, i)
                if plot.vary or i in series.point_fills
                else series_fill(theme, series, plot)
            )
            out.append(path(_slice(cx, cy, outer, inner, angle, sweep), fill, line))
            if labels is not None and labels.shown() and i not in labels.deleted:
                font = fonts(labels.style)
                content = label_text(labels, series, i, value, value / total)
                middle = math.radians(angle + sweep / 2)
                where = labels.position or "bestFit"
                if where == "outEnd":
                    reach = outer + font.height() / 2 + 3
                elif plot.kind == "doughnut":
                    reach = (outer + inner) / 2
                else:
                    reach = outer * (0.5 if where == "ctr" else INSIDE)
                x, y = cx + reach * math.sin(middle), cy - reach * math.cos(middle)
                anchor = "middle"
                if where == "outEnd" and abs(math.sin(middle)) > 0.3:
                    anchor = "start" if math.sin(middle) > 0 else "end"
                out.append(text(font, x, y, content, anchor))
            angle += sweep


def _slice(cx: float, cy: float, outer: float, inner: float, start: float, sweep: float) -> str:
    """Return the path of a slice (inner = 0) or ring segment, angles in degrees clockwise from 12."""
    if sweep >= 359.999:
        ring = f"M{num(cx)} {num(cy - outer)}A{num(outer)} {num(outer)} 0 1 1 {num(cx)} {num(cy + outer)}" \
               f"A{num(outer)} {num(outer)} 0 1 1 {num(cx)} {num(cy - outer)}Z"  # fmt: skip
        if inner > 0:
            ring += f"M{num(cx)} {num(cy - inner)}A{num(inner)} {num(inner)} 0 1 0 {num(cx)} {num(cy + inner)}" \
                    f"A{num(inner)} {num(inner)} 0 1 0 {num(cx)} {num(cy - inner)}Z"  # fmt: skip
        return ring
    large = 1 if sweep > 180 else 0

    def point(r: float, a: float) -> str:
        rad = math.radians(a)
        return f"{num(cx + r * math.sin(rad))} {num(cy - r * math.cos(rad))}"

    end = start + sweep
    d = f"M{point(outer, start)}A{num(outer)} {num(outer)} 0 {large} 1 {point(outer, end)}"
    if inner > 0:
        d += f"L{point(inner, end)}A{num(inner)} {num(inner)} 0 {large} 0 {point(inner, start)}Z"
    else:
        d += f"L{num(cx)} {num(cy)}Z"
    return d


def legend_paints(theme: Theme, plot: Plot) -> list[tuple[str, Paint | None]]:
    """Return the legend entries of a pie or doughnut that varies colours: one per category."""
    series = plot.series[0]
    return [(name, series_fill(theme, series, plot, i)) for i, name in enumerate(series.categories)]

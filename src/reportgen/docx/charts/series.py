"""The series of a chart on axes: bars (clustered, stacked, percent), lines with markers, areas,
scatter points, and their data labels."""

from __future__ import annotations

from collections.abc import Callable

from reportgen.docx.charts.axes import Frame
from reportgen.docx.charts.colors import Line, Paint, Theme
from reportgen.docx.charts.frame import MARKERS, marker, num, path, rect, text
from reportgen.docx.charts.model import Labels, Plot, Series
from reportgen.docx.charts.numbers import format_number
from reportgen.docx.charts.text import Font

LABEL_OFFSET = 3.0


def series_fill(theme: Theme, series: Series, plot: Plot, point: int | None = None) -> Paint | None:
    """Return a series' (or one point's) fill: explicit, none, or Office's automatic colour."""
    if point is not None and point in series.point_fills:
        fill = series.point_fills[point]
        return fill if isinstance(fill, Paint) else None
    if isinstance(series.fill, Paint):
        return series.fill
    if series.fill is False:
        return None
    if plot.vary and len(plot.series) == 1 and point is not None:
        return theme.accent(point)
    return theme.accent(series.index)


def series_line(theme: Theme, series: Series) -> Line:
    """Return a line or scatter series' stroke (Office's default: 2.25 pt in the automatic colour)."""
    if series.line is not None:
        return series.line
    return Line(theme.accent(series.index), 2.25)


def series_marker(
    theme: Theme, series: Series, plot: Plot
) -> tuple[str, float, Paint | None, Line | None] | None:
    """Return (symbol, size, fill, outline) of a series' markers, or None when it has none."""
    symbol = series.marker
    if symbol == "none" or (symbol is None and plot.kind == "line" and not plot.markers):
        return None
    if symbol is None or symbol == "auto":
        symbol = MARKERS[series.index % len(MARKERS)]
    auto = theme.accent(series.index)
    fill = (
        series.marker_fill
        if isinstance(series.marker_fill, Paint)
        else (None if series.marker_fill is False else auto)
    )
    line = series.marker_line if series.marker_line is not None else Line(auto, 0.75)
    return symbol, series.marker_size, fill, line


def draw(out: list[str], theme: Theme, plot: Plot, frame: Frame, fonts: Callable[..., Font]) -> None:
    """Draw one chart-type group's series (and their data labels) on `frame`."""
    if plot.kind == "bar":
        _bars(out, theme, plot, frame, fonts)
    elif plot.kind == "area":
        _areas(out, theme, plot, frame)
    else:
        _lines(out, theme, plot, frame, fonts)


def _stacks(plot: Plot) -> list[list[tuple[float, float] | None]]:
    """Return, per series and point, the (start, end) value of its bar or band in a stack."""
    percent = plot.grouping == "percentStacked"
    stacked = percent or plot.grouping == "stacked"
    count = max((len(s.values) for s in plot.series), default=0)
    out: list[list[tuple[float, float] | None]] = [[] for _ in plot.series]
    for i in range(count):
        column = [s.values[i] if i < len(s.values) else None for s in plot.series]
        total = sum(abs(v) for v in column if v is not None) if percent else 1.0
        pos = neg = 0.0
        for n, v in enumerate(column):
            if v is None:
                out[n].append(None)
                continue
            v = v / total if percent and total else (0.0 if percent else v)
            if not stacked:
                out[n].append((0.0, v))
            elif v >= 0:
                out[n].append((pos, pos + v))
                pos += v
            else:
                out[n].append((neg, neg + v))
                neg += v
    return out


def _bars(out: list[str], theme: Theme, plot: Plot, frame: Frame, fonts: Callable[..., Font]) -> None:
    stacked = plot.grouping in ("stacked", "percentStacked")
    count = 1 if stacked else len(plot.series)
    band = frame.band()
    overlap = max(-1.0, min(plot.overlap, 1.0))
    width = band / (count - (count - 1) * overlap + plot.gap) if count else band
    cluster = width * (count - (count - 1) * overlap)
    spans = _stacks(plot)
    for n, series in enumerate(plot.series):
        slot = 0 if stacked else n
        line = series.line if series.line is not None and series.line.paint is not None else None
        for i, span in enumerate(spans[n]):
            if span is None:
                continue
            centre = frame.cat(i)
            offset = -cluster / 2 + slot * width * (1 - overlap)
            start, end = (
                frame.val(max(span[0], frame.value.low) if span[0] >= 0 else span[0]),
                frame.val(span[1]),
            )
            if not stacked:
                start = frame.base()
            fill = series_fill(theme, series, plot, i)
            if frame.horizontal:  # the first series at the bottom of its cluster
                y = centre - offset - width
                out.append(rect(start, y, end - start, width, fill, line))
            else:
                out.append(rect(centre + offset, end, width, start - end, fill, line))
            labels = series.labels or plot.labels
            if labels is not None and labels.shown() and i not in labels.deleted:
                default = "ctr" if stacked else "outEnd"
                where = labels.position or default
                font = fonts(labels.style)
                content = label_text(labels, series, i, span[1] - span[0])
                mid = centre - offset - width / 2 if frame.horizontal else centre + offset + width / 2
                _bar_label(out, font, content, frame.horizontal, mid, start, end, where)


def _bar_label(
    out: list[str],
    font: Font,
    content: str,
    horizontal: bool,
    mid: float,
    start: float,
    end: float,
    where: str,
) -> None:
    grow = 1 if end >= start else -1
    if horizontal:
        spot = {
            "ctr": (start + end) / 2,
            "inBase": start + grow * LABEL_OFFSET,
            "inEnd": end - grow * LABEL_OFFSET,
        }.get(where, end + grow * LABEL_OFFSET)
        forward = where != "inEnd"
        anchor = "middle" if where == "ctr" else ("start" if forward == (grow > 0) else "end")
        out.append(text(font, spot, mid, content, anchor))
        return
    half = font.height() / 2
    up = grow  # towards the bar's end: up the page for a positive column (SVG y grows downwards)
    spot = {
        "ctr": (start + end) / 2,
        "inBase": start + up * (LABEL_OFFSET + half),
        "inEnd": end - up * (LABEL_OFFSET + half),
    }.get(where, end + up * (LABEL_OFFSET + half))
    out.append(text(font, mid, spot, content, "middle"))


def label_text(labels: Labels, series: Series, index: int, value: float, percent: float | None = None) -> str:
    """Return a data label's text: series name, category, value, bubble size, percentage (as c:dLbls says)."""
    parts = []
    if labels.series:
        parts.append(series.name)
    if labels.category and index < len(series.categories):
        parts.append(series.categories[index])
    if labels.value:
        raw = series.values[index] if index < len(series.values) else None
        shown = raw if raw is not None else value
        parts.append(format_number(shown, labels.fmt or series.fmt))
    if labels.size and series.sizes and index < len(series.sizes) and series.sizes[index] is not None:
        parts.append(format_number(series.sizes[index] or 0.0, "General"))
    if labels.percent and percent is not None:
        parts.append(format_number(percent, labels.fmt if labels.fmt and "%" in labels.fmt else "0%"))
    return labels.separator.join(parts)


def _areas(out: list[str], theme: Theme, plot: Plot, frame: Frame) -> None:
    spans = _stacks(plot)
    for n, series in enumerate(plot.series):
        points = [(i, s) for i, s in enumerate(spans[n]) if s is not None]
        if not points:
            continue
        stacked = plot.grouping != "standard"
        top = [(frame.cat(i), frame.val(s[1])) for i, s in points]
        if stacked:
            bottom = [(frame.cat(i), frame.val(s[0])) for i, s in reversed(points)]
        else:
            base = frame.base()
            bottom = [(top[-1][0], base), (top[0][0], base)]
        d = "M" + "L".join(f"{num(x)} {num(y)}" for x, y in top + bottom) + "Z"
        line = series.line if series.line is not None and series.line.paint is not None else None
        out.append(path(d, series_fill(theme, series, plot), line))


def _lines(out: list[str], theme: Theme, plot: Plot, frame: Frame, fonts: Callable[..., Font]) -> None:
    scatter = plot.kind == "scatter"
    spans = _stacks(plot) if not scatter else None
    for n, series in enumerate(plot.series):
        points: list[tuple[int, float, float]] = []
        for i, v in enumerate(series.values):
            if v is None:
                continue
            if scatter:
                xs = series.xs or []
                if i >= len(xs) or xs[i] is None:
                    continue
                points.append((i, frame.x(xs[i] or 0.0), frame.val(v)))
            else:
                span = spans[n][i] if spans is not None else None
                points.append((i, frame.cat(i), frame.val(span[1] if span else v)))
        line = series_line(theme, series)
        draw_line = line.paint is not None and (not scatter or plot.scatter_lines or series.line is not None)
        if draw_line and len(points) > 1:
            xy = [(x, y) for _, x, y in points]
            out.append(
                path(
                    _smooth(xy) if series.smooth else "M" + "L".join(f"{num(x)} {num(y)}" for x, y in xy),
                    None,
                    line,
                )
            )
        mark = series_marker(theme, series, plot)
        if mark is not None:
            symbol, size, fill, outline = mark
            out.extend(marker(symbol, x, y, size, fill, outline) for _, x, y in points)
        labels = series.labels or plot.labels
        if labels is not None and labels.shown():
            font = fonts(labels.style)
            gap = (mark[1] / 2 if mark else 0) + LABEL_OFFSET
            for i, x, y in points:
                if i in labels.deleted:
                    continue
                content = label_text(labels, series, i, series.values[i] or 0.0)
                where = labels.position or "r"
                if where == "t":
                    out.append(text(font, x, y - gap - font.height() / 2, content, "middle"))
                elif where == "b":
                    out.append(text(font, x, y + gap + font.height() / 2, content, "middle"))
                elif where == "l":
                    out.append(text(font, x - gap, y, content, "end"))
                elif where == "ctr":
                    out.append(text(font, x, y, content, "middle"))
                else:
                    out.append(text(font, x + gap, y, content))


def _smooth(points: list[tuple[float, float]]) -> str:
    """Return a smoothed line through `points` (Catmull-Rom as cubic Béziers, tension 1/6)."""
    d = f"M{num(points[0][0])} {num(points[0][1])}"
    for i in range(len(points) - 1):
        p0 = points[i - 1] if i > 0 else points[i]
        p1, p2 = points[i], points[i + 1]
        p3 = points[i + 2] if i + 2 < len(points) else p2
        c1 = (p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6)
        c2 = (p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6)
        d += f"C{num(c1[0])} {num(c1[1])} {num(c2[0])} {num(c2[1])} {num(p2[0])} {num(p2[1])}"
    return d

"""A chart part (c:chartSpace) read into `charts/model.py`'s values. Only the cache is read
(c:numCache, c:strCache): never a linked workbook."""

from __future__ import annotations

import math

from reportgen.docx.charts.colors import Line, Paint, Theme, fill_of, line_of
from reportgen.docx.charts.model import Axis, Chart, Labels, Legend, Plot, Series, TextStyle, Title
from reportgen.docx.charts.numbers import format_number
from reportgen.docx.ooxml import NS, Element, local, to_int
from reportgen.i18n import t

Fonts = tuple[str | None, str | None]
"""The theme's minor Latin and East Asian faces."""

C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
CNS = {**NS, "c": C[1:-1]}
KINDS = {
    "barChart": "bar",
    "bar3DChart": "bar",
    "lineChart": "line",
    "line3DChart": "line",
    "areaChart": "area",
    "area3DChart": "area",
    "pieChart": "pie",
    "pie3DChart": "pie",
    "doughnutChart": "doughnut",
    "scatterChart": "scatter",
    "radarChart": "radar",
    "bubbleChart": "bubble",
}
XY_KINDS = ("scatter", "bubble")
"""Kinds whose series have x values (c:xVal) and y values (c:yVal)."""
UNDRAWN = {
    "stockChart": "股价图",
    "surfaceChart": "曲面图",
    "surface3DChart": "曲面图",
    "ofPieChart": "复合饼图",
}
"""Chart types not drawn (named in the warning)."""
MAX_POINTS = 5000
"""Points read per series: a chart of more cannot be read on paper; the rest is left out (warning)."""


def feature(key: str) -> str:
    """Return the name of a feature that is not drawn (a key of Chart.missing) in the message language."""
    names = {
        "股价图": t("股价图"),
        "曲面图": t("曲面图"),
        "复合饼图": t("复合饼图"),
        "三维效果": t("三维效果"),
        "系列坐标轴": t("系列坐标轴"),
        "趋势线": t("趋势线"),
        "误差线": t("误差线"),
        "对数刻度（按线性刻度绘制）": t("对数刻度（按线性刻度绘制）"),
        "组合图表中的部分图表": t("组合图表中的部分图表"),
        "次坐标轴（按主坐标轴绘制）": t("次坐标轴（按主坐标轴绘制）"),
    }
    return names.get(key, key)


def read_chart(space: Element, theme: Theme, fonts: Fonts) -> Chart:
    """Return the chart of a c:chartSpace element; what is not drawn is listed in Chart.missing.

    `fonts` are the theme's minor Latin and East Asian faces (the chart's default text faces).
    """
    base = _style(theme, space.find("c:txPr", CNS), TextStyle(latin=fonts[0], east_asian=fonts[1]), fonts)
    chart_el = space.find("c:chart", CNS)
    lang_el = space.find("c:lang", CNS)
    chart = Chart(
        [], {}, None, None, base, lang=lang_el.get("val", "en-US") if lang_el is not None else "en-US"
    )
    if chart_el is None:
        return chart
    sp_pr = space.find("c:spPr", CNS)
    chart.space_fill = fill_of(theme, sp_pr)
    chart.space_line = line_of(theme, sp_pr, Line(None))
    title_el = chart_el.find("c:title", CNS)
    if title_el is not None:
        big = TextStyle(base.size * 1.8 if base.size == 10 else base.size * 1.4, True, paint=base.paint,
                        latin=base.latin, east_asian=base.east_asian)  # fmt: skip
        chart.title = _title(theme, title_el, big, fonts)
    plot_area = chart_el.find("c:plotArea", CNS)
    if plot_area is None:
        return chart
    sp_pr = plot_area.find("c:spPr", CNS)
    chart.plot_fill = fill_of(theme, sp_pr)
    chart.plot_line = line_of(theme, sp_pr, Line(None))
    for el in plot_area:
        name = local(el)
        if name in KINDS:
            if "3D" in name:
                chart.missing.append("三维效果")
            chart.plots.append(_plot(theme, el, KINDS[name], base, fonts, chart.missing))
        elif name in UNDRAWN:
            chart.missing.append(UNDRAWN[name])
        elif name in ("catAx", "valAx", "dateAx"):
            axis = _axis(theme, el, base, fonts)
            chart.axes[axis.id] = axis
            if axis.log:
                chart.missing.append("对数刻度（按线性刻度绘制）")
        elif name == "serAx":
            chart.missing.append("系列坐标轴")
    legend_el = chart_el.find("c:legend", CNS)
    if legend_el is not None:
        pos = legend_el.find("c:legendPos", CNS)
        deleted = {
            to_int(_val(entry, "c:idx")) or 0
            for entry in legend_el.iterfind("c:legendEntry", CNS)
            if _flag(entry, "c:delete", False)
        }
        style = _style(theme, legend_el.find("c:txPr", CNS), base, fonts)
        chart.legend = Legend(pos.get("val", "r") if pos is not None else "r", deleted, style)
    return chart


def _plot(theme: Theme, el: Element, kind: str, base: TextStyle, fonts: Fonts, missing: list[str]) -> Plot:
    plot = Plot(kind, [])
    if kind == "bar":
        plot.horizontal = _val(el, "c:barDir") == "bar"
        plot.gap = (to_int(_val(el, "c:gapWidth")) if _val(el, "c:gapWidth") else 150) or 0
        plot.gap /= 100
        plot.overlap = (to_int(_val(el, "c:overlap")) or 0) / 100
    if kind in ("bar", "line", "area"):
        default = "clustered" if kind == "bar" else "standard"
        plot.grouping = _val(el, "c:grouping") or default
        if plot.grouping in ("stacked", "percentStacked") and kind == "bar" and _val(el, "c:overlap") is None:
            plot.overlap = 1.0
    plot.vary = _flag(el, "c:varyColors", False)
    plot.markers = _flag(el, "c:marker", True) if kind == "line" else True
    if kind in ("pie", "doughnut"):
        plot.first_angle = float(to_int(_val(el, "c:firstSliceAng")) or 0)
        hole = _val(el, "c:holeSize")
        plot.hole = (to_int(hole) if hole else 50 if kind == "doughnut" else 0) or 0
        plot.hole = max(0.0, min(plot.hole / 100, 0.9))
    if kind == "scatter":
        style = _val(el, "c:scatterStyle") or "marker"
        plot.scatter_lines = style in ("line", "lineMarker", "smooth", "smoothMarker")
    if kind == "radar":
        plot.radar_style = _val(el, "c:radarStyle") or "marker"
    if kind == "bubble":
        scale = _number(el, "c:bubbleScale")
        plot.bubble_scale = max(0.0, min(scale if scale is not None else 100.0, 300.0)) / 100
        plot.size_area = _val(el, "c:sizeRepresents") != "w"
        if _flag(el, "c:bubble3D", False):
            missing.append("三维效果")
    plot.axes = tuple(ax.get("val", "") for ax in el.iterfind("c:axId", CNS))
    labels_el = el.find("c:dLbls", CNS)
    if labels_el is not None:
        plot.labels = _labels(theme, labels_el, base, fonts, None)
    sers = sorted(el.iterfind("c:ser", CNS), key=lambda s: to_int(_val(s, "c:order")) or 0)
    for ser in sers:
        plot.series.append(_series(theme, ser, kind, plot, base, fonts, missing))
    return plot


def _series(
    theme: Theme, ser: Element, kind: str, plot: Plot, base: TextStyle, fonts: Fonts, missing: list[str]
) -> Series:
    index = to_int(_val(ser, "c:idx")) or 0
    xy = kind in XY_KINDS
    values_el = ser.find("c:yVal" if xy else "c:val", CNS)
    values, fmt = _numbers(values_el)
    cats_el = ser.find("c:xVal" if xy else "c:cat", CNS)
    strings, cat_fmt = _strings(cats_el)
    series = Series(index, _series_name(ser, index), strings, values, fmt=fmt, cat_fmt=cat_fmt)
    if xy:
        xs, _ = _numbers(cats_el)
        series.xs = xs if any(x is not None for x in xs) else [float(i + 1) for i in range(len(values))]
    if kind == "bubble":
        series.sizes = _numbers(ser.find("c:bubbleSize", CNS))[0]
    sp_pr = ser.find("c:spPr", CNS)
    series.fill = fill_of(theme, sp_pr)
    series.line = (
        line_of(theme, sp_pr, Line(None, 2.25 if kind in ("line", "scatter", "radar") else 0.75))
        if sp_pr is not None and sp_pr.find("a:ln", NS) is not None
        else None
    )
    marker = ser.find("c:marker", CNS)
    if marker is not None:
        series.marker = _val(marker, "c:symbol")
        size = to_int(_val(marker, "c:size"))
        series.marker_size = float(max(2, min(size, 72))) if size else 7.0
        m_sp = marker.find("c:spPr", CNS)
        series.marker_fill = fill_of(theme, m_sp)
        series.marker_line = (
            line_of(theme, m_sp, Line(None))
            if m_sp is not None and m_sp.find("a:ln", NS) is not None
            else None
        )
    smooth = ser.find("c:smooth", CNS)
    series.smooth = kind in ("line", "scatter") and (
        smooth is None and kind == "line" or _flag(ser, "c:smooth", False)
    )
    for point in ser.iterfind("c:dPt", CNS):
        fill = fill_of(theme, point.find("c:spPr", CNS))
        if fill is not None:
            series.point_fills[to_int(_val(point, "c:idx")) or 0] = fill
    labels_el = ser.find("c:dLbls", CNS)
    if labels_el is not None:
        series.labels = _labels(theme, labels_el, base, fonts, plot.labels)
    for extra, name in (("c:trendline", "趋势线"), ("c:errBars", "误差线")):
        if ser.find(extra, CNS) is not None:
            missing.append(name)
    return series


def _series_name(ser: Element, index: int) -> str:
    tx = ser.find("c:tx", CNS)
    if tx is not None:
        cached = tx.find(".//c:v", CNS)
        if cached is not None and cached.text:
            return str(cached.text)
    return f"Series{index + 1}"


def _numbers(el: Element | None) -> tuple[list[float | None], str]:
    """Return the cached numbers of a c:val/c:yVal/c:xVal (by point index) and their format code."""
    cache = None
    if el is not None:
        cache = el.find(".//c:numCache", CNS)
        if cache is None:
            cache = el.find(".//c:numLit", CNS)
    if cache is None:
        return [], "General"
    count = min(max(to_int(_val(cache, "c:ptCount")) or 0, 0), MAX_POINTS)
    values: list[float | None] = [None] * count
    for pt in cache.iterfind("c:pt", CNS):
        idx = to_int(pt.get("idx"))
        v = pt.find("c:v", CNS)
        if idx is None or v is None or not 0 <= idx < MAX_POINTS:
            continue
        try:
            number = float(v.text or "")
        except ValueError:
            continue
        if math.isfinite(number):
            if idx >= len(values):
                values.extend([None] * (idx + 1 - len(values)))
            values[idx] = number
    code = cache.find("c:formatCode", CNS)
    return values, (code.text or "General") if code is not None else "General"


def _strings(el: Element | None) -> tuple[list[str], str | None]:
    """Return the cached category texts of a c:cat (strings, or numbers with their format code)."""
    if el is None:
        return [], None
    cache = el.find(".//c:strCache", CNS)
    if cache is None:
        cache = el.find(".//c:strLit", CNS)
    if cache is None:
        level = el.find(".//c:multiLvlStrCache/c:lvl", CNS)
        cache = level
    if cache is None:
        numbers, code = _numbers(el)
        return ["" if n is None else format_number(n, code) for n in numbers], code
    count = min(max(to_int(_val(cache, "c:ptCount")) or 0, 0), MAX_POINTS)
    texts = [""] * count
    for pt in cache.iterfind("c:pt", CNS):
        idx = to_int(pt.get("idx"))
        v = pt.find("c:v", CNS)
        if idx is not None and v is not None and 0 <= idx < MAX_POINTS:
            if idx >= len(texts):
                texts.extend([""] * (idx + 1 - len(texts)))
            texts[idx] = v.text or ""
    return texts, None


def _axis(theme: Theme, el: Element, base: TextStyle, fonts: Fonts) -> Axis:
    kind = {"catAx": "cat", "valAx": "val", "dateAx": "cat"}[local(el)]
    axis = Axis(_val(el, "c:axId") or "", kind)
    axis.position = _val(el, "c:axPos") or ("b" if kind == "cat" else "l")
    axis.deleted = _flag(el, "c:delete", False)
    scaling = el.find("c:scaling", CNS)
    if scaling is not None:
        axis.reverse = _val(scaling, "c:orientation") == "maxMin"
        axis.minimum, axis.maximum = _number(scaling, "c:min"), _number(scaling, "c:max")
        axis.log = _val(scaling, "c:logBase") is not None
    axis.major = _number(el, "c:majorUnit")
    if axis.major is not None and axis.major <= 0:
        axis.major = None
    fmt = el.find("c:numFmt", CNS)
    if fmt is not None:
        axis.fmt = fmt.get("formatCode")
        axis.linked = fmt.get("sourceLinked") in ("1", "true")
    grid = el.find("c:majorGridlines", CNS)
    if grid is not None:
        axis.gridlines = line_of(theme, grid.find("c:spPr", CNS), Line(Paint("#D9D9D9")))
    axis.line = line_of(theme, el.find("c:spPr", CNS), Line(Paint("#868686")))
    axis.tick = _val(el, "c:majorTickMark") or "out"
    axis.label_pos = _val(el, "c:tickLblPos") or "nextTo"
    axis.style = _style(theme, el.find("c:txPr", CNS), base, fonts)
    title_el = el.find("c:title", CNS)
    if title_el is not None:
        bold = TextStyle(base.size, True, paint=base.paint, latin=base.latin, east_asian=base.east_asian)
        axis.title = _title(theme, title_el, bold, fonts)
    between = _val(el, "c:crossBetween")
    axis.between = None if between is None else between == "between"
    return axis


def _labels(theme: Theme, el: Element, base: TextStyle, fonts: Fonts, inherited: Labels | None) -> Labels:
    start = inherited or Labels(style=base)
    labels = Labels(
        _flag(el, "c:showVal", start.value),
        _flag(el, "c:showPercent", start.percent),
        _flag(el, "c:showCatName", start.category),
        _flag(el, "c:showSerName", start.series),
        _flag(el, "c:showBubbleSize", start.size),
        _val(el, "c:dLblPos") or start.position,
        start.fmt,
        (el.findtext("c:separator", None, CNS) or start.separator),
        _style(theme, el.find("c:txPr", CNS), start.style, fonts),
    )
    fmt = el.find("c:numFmt", CNS)
    if fmt is not None and fmt.get("sourceLinked") not in ("1", "true"):
        labels.fmt = fmt.get("formatCode")
    if _flag(el, "c:delete", False):
        labels.value = labels.percent = labels.category = labels.series = False
    for one in el.iterfind("c:dLbl", CNS):
        if _flag(one, "c:delete", False):
            labels.deleted.add(to_int(_val(one, "c:idx")) or 0)
    return labels


def _title(theme: Theme, el: Element, default: TextStyle, fonts: Fonts) -> Title:
    style = _style(theme, el.find("c:txPr", CNS), default, fonts)
    rich = el.find("c:tx/c:rich", CNS)
    if rich is not None:
        style = _style(theme, rich, style, fonts)
        run = rich.find(".//a:r/a:rPr", NS)
        if run is not None:
            style = _run_style(theme, run, style, fonts)
        lines = ["".join(t.text or "" for t in p.iterfind(".//a:t", NS)) for p in rich.iterfind("a:p", NS)]
        return Title("\n".join(lines), style)
    cached = el.find("c:tx//c:v", CNS)
    return Title(cached.text if cached is not None else None, style)


def _style(theme: Theme, holder: Element | None, start: TextStyle, fonts: Fonts) -> TextStyle:
    """Return `start` overridden by the default run properties of a c:txPr / c:rich (its first paragraph)."""
    if holder is None:
        return start
    props = holder.find("a:p/a:pPr/a:defRPr", NS)
    return start if props is None else _run_style(theme, props, start, fonts)


def _run_style(theme: Theme, props: Element, start: TextStyle, fonts: Fonts) -> TextStyle:
    size = to_int(props.get("sz"))
    fill = fill_of(theme, props)
    latin, east = props.find("a:latin", NS), props.find("a:ea", NS)
    return TextStyle(
        max(1.0, min(size / 100, 400.0)) if size else start.size,
        props.get("b") in ("1", "true") if props.get("b") is not None else start.bold,
        props.get("i") in ("1", "true") if props.get("i") is not None else start.italic,
        fill if isinstance(fill, Paint) else start.paint,
        _face(latin, fonts) or start.latin,
        _face(east, fonts) or start.east_asian,
    )


def _face(el: Element | None, fonts: Fonts) -> str | None:
    """Return a typeface (a theme reference +mn-lt/+mn-ea resolved to the minor faces), or None."""
    name = str(el.get("typeface") or "") if el is not None else ""
    if not name:
        return None
    if name.startswith("+"):
        return fonts[1] if name.endswith("-ea") else fonts[0]
    return name


def _val(el: Element, path: str) -> str | None:
    found = el.find(path, CNS)
    return found.get("val") if found is not None else None


def _flag(el: Element, path: str, default: bool) -> bool:
    found = el.find(path, CNS)
    if found is None:
        return default
    return found.get("val", "1") in ("1", "true")


def _number(el: Element, path: str) -> float | None:
    value = _val(el, path)
    try:
        number = float(value) if value is not None else None
    except ValueError:
        return None
    return number if number is not None and math.isfinite(number) else None

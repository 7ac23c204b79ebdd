"""Charts (c:chart) → inline SVG drawn from the chart part's cached values (docs/drawings.md, Charts).

The chart part is read through the converter's safe parser (`docx/package.py`); the SVG is sized
by the drawing's extent, keeps its texts as <text> in the document's stand-in faces, and takes a
floating chart's place from `docx/anchors.py`. What is not drawn is a warning naming the chart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT

from reportgen.docx.anchors import Floating, parse_anchor
from reportgen.docx.charts import axes, bubble, pie, radar, series
from reportgen.docx.charts.colors import Paint, Theme
from reportgen.docx.charts.frame import EDGE, PAD, Box, Entry, legend, num, rect, title_block
from reportgen.docx.charts.model import Chart, TextStyle
from reportgen.docx.charts.read import CNS, XY_KINDS, feature, read_chart
from reportgen.docx.charts.text import Font, resolve
from reportgen.docx.ooxml import NS, Element, R, emu_pt, local, to_int
from reportgen.docx.package import parse_part
from reportgen.docx.state import ConversionState, RunContext
from reportgen.i18n import t

URI = "http://schemas.openxmlformats.org/drawingml/2006/chart"
CHARTEX = "http://schemas.microsoft.com/office/drawing/2014/chartex"
"""Office 2016's new chart types (cx:chart: treemap, sunburst, waterfall, ...): not drawn."""
PLACEHOLDER = "rg-chart"
BUBBLE_KEY = 7.0
"""A bubble series' legend key: a circle this wide (pt) as a marker (drawn at 6/7 of it)."""
AXIS_KINDS = {"bar", "line", "area", "scatter", "bubble"}


@dataclass(frozen=True)
class FloatingChart(Floating):
    """A floating chart: placed as a floating picture, its SVG where the picture's <img> would be."""

    svg: str = ""

    def html(self, declarations: list[str]) -> str:
        markup = super().html(declarations)
        return re.sub(
            r'<img src="' + PLACEHOLDER + r'" style="([^"]*)" alt="">',
            lambda m: f'<span style="{m.group(1)};display:block">{self.svg}</span>',
            markup,
        )


def chart(state: ConversionState, frame: Element, ctx: RunContext, name: str) -> tuple[str, Floating | None]:
    """Return a chart drawing as (inline HTML, None) or ('', its floating box); ('', None) with a
    warning when nothing can be drawn. Raise PackageError when the chart part is not safe XML."""
    skipped = t("{kind}“{name}”暂不支持，已略过", kind=t("图表"), name=name)
    graphic = frame.find("a:graphic/a:graphicData", NS)
    if graphic is not None and graphic.get("uri") == CHARTEX:
        state.warn(
            ctx.where, t("{kind}“{name}”暂不支持，已略过", kind=t("Office 2016 新类型图表"), name=name)
        )
        return "", None
    ref = frame.find(".//c:chart", CNS)
    rid = ref.get(R + "id") if ref is not None else None
    part = ctx.story.part
    if rid is None or rid not in part.related_parts:
        state.warn(ctx.where, skipped)
        return "", None
    chart_part = part.related_parts[rid]
    space = parse_part(str(getattr(chart_part, "partname", rid)).lstrip("/"), chart_part.blob)
    theme = Theme(_theme(part))
    model = read_chart(space, theme, (state.theme.get("minorHAnsi"), state.theme.get("minorEastAsia")))
    drawable = [p for p in model.plots if any(any(v is not None for v in s.values) for s in p.series)]
    if not drawable:
        what = (
            "、".join(dict.fromkeys(feature(m) for m in model.missing))
            if model.missing
            else t("没有缓存的数据")
        )
        state.warn(ctx.where, t("图表“{name}”：{what}，已略过", name=name, what=what))
        return "", None
    model.plots = drawable
    extent = frame.find("wp:extent", NS)
    width = emu_pt(max(to_int(extent.get("cx")) or 0, 0)) if extent is not None else 0.0
    height = emu_pt(max(to_int(extent.get("cy")) or 0, 0)) if extent is not None else 0.0
    svg = render(state, model, theme, width, height)
    for what in dict.fromkeys(model.missing):
        state.warn(ctx.where, t("图表“{name}”中的{what}暂不支持，未画出", name=name, what=feature(what)))
    if local(frame) == "anchor":
        floating = parse_anchor(state, frame, ctx, name, PLACEHOLDER)
        if floating is None:
            return "", None
        return "", FloatingChart(**{f: getattr(floating, f) for f in floating.__dataclass_fields__}, svg=svg)
    return svg, None


def _theme(part: Any) -> Element | None:
    """Return the document's theme element (charts take their colours from it), or None."""
    try:
        theme_part = part.package.main_document_part.part_related_by(RT.THEME)
    except (KeyError, AttributeError, ValueError):
        return None
    return parse_part(str(theme_part.partname).lstrip("/"), theme_part.blob)


def render(state: ConversionState, model: Chart, theme: Theme, width: float, height: float) -> str:
    """Return the SVG of a chart `width` × `height` pt."""
    cache: dict[TextStyle, Font] = {}

    def fonts(style: TextStyle) -> Font:
        if style not in cache:
            cache[style] = resolve(state, style)
        return cache[style]

    out: list[str] = []
    if isinstance(model.space_fill, Paint):
        out.append(rect(0, 0, width, height, model.space_fill))
    round_pie = all(p.kind in ("pie", "doughnut") for p in model.plots)
    box = Box(EDGE if round_pie else PAD, EDGE, width - EDGE, height - (EDGE if round_pie else PAD))
    if model.title is not None:
        content = model.title.text
        if content is None:
            all_series = [s for p in model.plots for s in p.series]
            content = (
                all_series[0].name
                if len(all_series) == 1
                else ("图表标题" if model.lang.startswith("zh") else "Chart Title")
            )
        box.top = title_block(out, fonts(model.title.style), content, width)
    if model.legend is not None:
        box = legend(
            out, fonts(model.legend.style), _entries(model, theme), model.legend.position, box, width, height
        )
    axis_plots = [p for p in model.plots if p.kind in AXIS_KINDS]
    round_plots = [p for p in model.plots if p.kind in ("pie", "doughnut")]
    radar_plots = [p for p in model.plots if p.kind == "radar"]
    if axis_plots:
        if round_plots or radar_plots or len({p.kind in XY_KINDS for p in axis_plots}) > 1:
            model.missing.append("组合图表中的部分图表")
        kinds = [p for p in axis_plots if (p.kind in XY_KINDS) == (axis_plots[0].kind in XY_KINDS)]
        if len({p.axes for p in kinds}) > 1:
            model.missing.append("次坐标轴（按主坐标轴绘制）")
        reach = None
        if any(p.kind == "bubble" for p in kinds):  # the axes reach round the bubbles
            reach = bubble.reach(kinds, axes.layout([], model, kinds, box, fonts))
        drawn = axes.layout(out, model, kinds, box, fonts, reach)
        for plot in sorted(kinds, key=lambda p: {"area": 0, "bar": 1, "bubble": 2}.get(p.kind, 3)):
            if plot.kind == "bubble":
                bubble.draw(out, theme, plot, drawn, fonts)
            else:
                series.draw(out, theme, plot, drawn, fonts)
    elif radar_plots:
        if box.right == width - EDGE:  # no legend on the right: the radar is centred on the chart
            box.right = width - PAD
        radar.draw(out, model, theme, radar_plots[0], box, fonts)
        if len(radar_plots) > 1 or round_plots:
            model.missing.append("组合图表中的部分图表")
    elif round_plots:
        pie.draw(out, theme, round_plots[0], box, fonts)
        if len(round_plots) > 1:
            model.missing.append("组合图表中的部分图表")
    border = model.space_line
    if border is not None and border.paint is not None:
        half = border.width / 2
        out.append(rect(half, half, width - border.width, height - border.width, None, border))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{num(width)}pt" height="{num(height)}pt" '
        f'viewBox="0 0 {num(width)} {num(height)}" style="vertical-align:baseline">{"".join(out)}</svg>'
    )


def _entries(model: Chart, theme: Theme) -> list[Entry]:
    """Return the legend's entries in Word's order, without the deleted ones."""
    first = model.plots[0]
    if first.kind in ("pie", "doughnut") and (first.vary or len(first.series) == 1):
        entries = [Entry(label, paint) for label, paint in pie.legend_paints(theme, first)]
    else:
        entries = []
        for plot in model.plots:
            for s in plot.series:
                if plot.kind == "bubble":
                    fill = series.series_fill(theme, s, plot)
                    line = s.line if s.line is not None and s.line.paint is not None else None
                    entries.append(Entry(s.name, None, None, ("circle", BUBBLE_KEY, fill, line)))
                elif plot.kind == "radar" and plot.radar_style != "filled":
                    entries.append(
                        Entry(s.name, None, series.series_line(theme, s), radar.radar_marker(theme, s, plot))
                    )
                elif plot.kind in ("line", "scatter"):
                    line = series.series_line(theme, s)
                    drawn = line.paint is not None and (
                        plot.kind == "line" or plot.scatter_lines or s.line is not None
                    )
                    mark = series.series_marker(theme, s, plot)
                    entries.append(Entry(s.name, None, line if drawn else None, mark))
                else:
                    entries.append(Entry(s.name, series.series_fill(theme, s, plot)))
    assert model.legend is not None
    entries = [e for i, e in enumerate(entries) if i not in model.legend.deleted]
    vertical = model.legend.position in ("r", "l", "tr")
    stacked = first.grouping in ("stacked", "percentStacked") and first.kind in ("bar", "area")
    if first.kind == "bar" and first.horizontal or stacked and vertical:
        entries.reverse()
    return entries

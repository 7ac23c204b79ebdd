"""Make the chart test documents: a .docx (python-docx) with one chart part written here (lxml).

Run: .venv/bin/python tests/resources/charts/make_charts.py — writes the .docx beside this script.
Each chart is what Word writes for an inserted chart, reduced to the elements reportgen reads:
cached values (c:strCache, c:numCache), explicit colours, legend, title, data labels.
"""

from __future__ import annotations

import io
from pathlib import Path
from xml.sax.saxutils import escape

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.shared import Pt
from lxml import etree

HERE = Path(__file__).resolve().parent
C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CHART_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
WIDTH, HEIGHT = 360, 216
"""Every chart's extent (pt): Word's default inline chart."""
COLORS = ("4472C4", "ED7D31")


def _series(index: int, name: str, categories: list[str], values: list[float], labels: str = "") -> str:
    cats = "".join(f'<c:pt idx="{i}"><c:v>{escape(c)}</c:v></c:pt>' for i, c in enumerate(categories))
    vals = "".join(f'<c:pt idx="{i}"><c:v>{v}</c:v></c:pt>' for i, v in enumerate(values))
    return (
        f'<c:ser><c:idx val="{index}"/><c:order val="{index}"/>'
        f'<c:tx><c:strRef><c:f>Sheet1!$B$1</c:f><c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>{escape(name)}</c:v></c:pt></c:strCache></c:strRef></c:tx>'
        f'<c:spPr><a:solidFill><a:srgbClr val="{COLORS[index % 2]}"/></a:solidFill></c:spPr>{labels}'
        f'<c:cat><c:strRef><c:f>Sheet1!$A$2</c:f><c:strCache><c:ptCount val="{len(categories)}"/>{cats}</c:strCache></c:strRef></c:cat>'
        f'<c:val><c:numRef><c:f>Sheet1!$B$2</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="{len(values)}"/>{vals}</c:numCache></c:numRef></c:val>'
        "</c:ser>"
    )


AXES = (
    '<c:catAx><c:axId val="1"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>'
    '<c:axPos val="b"/><c:majorTickMark val="out"/><c:tickLblPos val="nextTo"/><c:crossAx val="2"/></c:catAx>'
    '<c:valAx><c:axId val="2"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>'
    '<c:axPos val="l"/><c:majorGridlines/>{fmt}<c:majorTickMark val="out"/><c:tickLblPos val="nextTo"/>'
    '<c:crossAx val="1"/><c:crossBetween val="between"/></c:valAx>'
)
VALUE_LABELS = '<c:dLbls><c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/></c:dLbls>'


def _title(text: str) -> str:
    return f'<c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>{escape(text)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/>'


def _space(body: str, legend: str = "r", txpr: str = "") -> bytes:
    legend_xml = f'<c:legend><c:legendPos val="{legend}"/><c:overlay val="0"/></c:legend>' if legend else ""
    xml = (
        f'<c:chartSpace xmlns:c="{C}" xmlns:a="{A}" xmlns:r="{R}"><c:lang val="zh-CN"/>'
        f"<c:chart>{body.split('|', 1)[0]}<c:plotArea><c:layout/>{body.split('|', 1)[1]}</c:plotArea>{legend_xml}"
        f'<c:plotVisOnly val="1"/></c:chart><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>{txpr}</c:chartSpace>'
    )
    etree.fromstring(xml)  # well-formed, or this script fails here
    return xml.encode("utf-8")


def column() -> bytes:
    """A clustered column chart: title, two series, value labels on the first, legend on the right."""
    cats = ["Q1", "Q2", "Q3", "Q4"]
    bars = (
        '<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/>'
        + _series(0, "Revenue", cats, [12.5, 18.3, 15.7, 22.1], VALUE_LABELS)
        + _series(1, "Expenses", cats, [10.2, 14.8, 13.1, 16.5])
        + '<c:gapWidth val="100"/><c:axId val="1"/><c:axId val="2"/></c:barChart>'
    )
    return _space(_title("Quarterly Results") + "|" + bars + AXES.format(fmt=""))


def chinese() -> bytes:
    """A column chart with Chinese categories, series name and title, in 宋体 (the chart's text)."""
    cats = ["申请", "公开"]
    bars = (
        '<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/>'
        + _series(0, "件数", cats, [120, 80])
        + '<c:gapWidth val="150"/><c:axId val="1"/><c:axId val="2"/></c:barChart>'
    )
    txpr = (
        '<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="1000">'
        '<a:latin typeface="Times New Roman"/><a:ea typeface="宋体"/></a:defRPr></a:pPr><a:endParaRPr lang="zh-CN"/></a:p></c:txPr>'
    )
    return _space(_title("申请与公开") + "|" + bars + AXES.format(fmt=""), "b", txpr)


def percent_pie() -> bytes:
    """A pie with percentage and category labels, colours varying by slice (the theme's accents)."""
    cats = ["甲", "乙", "丙"]
    labels = '<c:dLbls><c:showVal val="0"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="1"/></c:dLbls>'
    ser = _series(0, "Share", cats, [50, 30, 20], labels).replace(
        f'<c:spPr><a:solidFill><a:srgbClr val="{COLORS[0]}"/></a:solidFill></c:spPr>', ""
    )
    pie = f'<c:pieChart><c:varyColors val="1"/>{ser}<c:firstSliceAng val="0"/></c:pieChart>'
    return _space("|" + pie)


def formatted_line() -> bytes:
    """A line chart whose value axis has its own number format (0%)."""
    cats = ["2021", "2022", "2023"]
    line = (
        '<c:lineChart><c:grouping val="standard"/>'
        + _series(0, "Rate", cats, [0.25, 0.5, 0.75])
        + '<c:marker val="1"/><c:axId val="1"/><c:axId val="2"/></c:lineChart>'
    )
    return _space("|" + line + AXES.format(fmt='<c:numFmt formatCode="0%" sourceLinked="0"/>'), "")


RADAR_AXES = AXES.replace('<c:crossBetween val="between"/>', "")


def radar() -> bytes:
    """A filled radar chart: five spokes, one series (8, 3, 6, 6, 3) on Excel's 0–10 scale."""
    ser = _series(0, "Score", ["Speed", "Comfort", "Safety", "Price", "Range"], [8, 3, 6, 6, 3])
    return _space(
        f'|<c:radarChart><c:radarStyle val="filled"/>{ser}<c:axId val="1"/><c:axId val="2"/></c:radarChart>'
        + RADAR_AXES.format(fmt=""),
        "b",
    )


def radar_lines() -> bytes:
    """A radar chart with markers: two series as closed lines, the legend below."""
    cats = ["Speed", "Comfort", "Safety", "Price", "Range"]
    sers = _series(0, "Alpha", cats, [8, 3, 6, 6, 3]) + _series(1, "Beta", cats, [5, 7, 4, 8, 6])
    sers = sers.replace("<c:spPr><a:solidFill>", '<c:spPr><a:ln w="25400"><a:solidFill>').replace(
        "</a:solidFill></c:spPr>", "</a:solidFill></a:ln></c:spPr>"
    )
    return _space(
        f'|<c:radarChart><c:radarStyle val="marker"/>{sers}<c:axId val="1"/><c:axId val="2"/></c:radarChart>'
        + RADAR_AXES.format(fmt=""),
        "b",
    )


BUBBLES = ((0, "North", [10, 30], [20, 60], [4, 16]), (1, "South", [50], [30], [9]))
"""Bubble series: index, name, x values, y values, sizes (apart: none overlaps another)."""


def bubble(scale: int = 100, represents: str = "area") -> bytes:
    """A bubble chart: opaque bubbles without outlines, sizes 4, 16 and 9, two value axes."""
    sers = ""
    for index, name, xs, ys, sizes in BUBBLES:

        def cache(values: list[int]) -> str:
            points = "".join(f'<c:pt idx="{i}"><c:v>{v}</c:v></c:pt>' for i, v in enumerate(values))
            return f'<c:numRef><c:f>Sheet1!$A$1</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="{len(values)}"/>{points}</c:numCache></c:numRef>'

        sers += (
            f'<c:ser><c:idx val="{index}"/><c:order val="{index}"/>'
            f'<c:tx><c:strRef><c:f>Sheet1!$B$1</c:f><c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>{name}</c:v></c:pt></c:strCache></c:strRef></c:tx>'
            f'<c:spPr><a:solidFill><a:srgbClr val="{COLORS[index]}"/></a:solidFill><a:ln><a:noFill/></a:ln></c:spPr>'
            f"<c:xVal>{cache(xs)}</c:xVal><c:yVal>{cache(ys)}</c:yVal><c:bubbleSize>{cache(sizes)}</c:bubbleSize></c:ser>"
        )
    axes = (
        '<c:valAx><c:axId val="1"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>'
        '<c:axPos val="b"/><c:majorTickMark val="out"/><c:tickLblPos val="nextTo"/><c:crossAx val="2"/></c:valAx>'
        '<c:valAx><c:axId val="2"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>'
        '<c:axPos val="l"/><c:majorGridlines/><c:majorTickMark val="out"/><c:tickLblPos val="nextTo"/>'
        '<c:crossAx val="1"/></c:valAx>'
    )
    return _space(
        f'|<c:bubbleChart><c:varyColors val="0"/>{sers}<c:bubbleScale val="{scale}"/>'
        f'<c:showNegBubbles val="0"/><c:sizeRepresents val="{represents}"/>'
        f'<c:axId val="1"/><c:axId val="2"/></c:bubbleChart>{axes}'
    )


def surface() -> bytes:
    """A surface chart: not drawn (a warning names it)."""
    ser = _series(0, "Score", ["A", "B", "C"], [1, 2, 3])
    return _space(f'|<c:surfaceChart>{ser}<c:axId val="1"/><c:axId val="2"/></c:surfaceChart>')


def build(name: str, chart: bytes, floating: bool = False) -> bytes:
    """Return a .docx: a line of text, the chart (inline, or floating at 100 pt × 400 pt on the page)."""
    document = docx.Document()
    document.sections[0].left_margin = document.sections[0].right_margin = Pt(72)
    document.add_paragraph(f"Chart test: {name}")
    part = Part(PackURI("/word/charts/chart1.xml"), CHART_TYPE, chart, document.part.package)
    rid = document.part.relate_to(part, RT.CHART)
    emu = f'cx="{WIDTH * 12700}" cy="{HEIGHT * 12700}"'
    graphic = (
        f'<wp:extent {emu}/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:docPr id="1" name="图表 1"/>'
        f'<a:graphic xmlns:a="{A}"><a:graphicData uri="{C}"><c:chart xmlns:c="{C}" xmlns:r="{R}" r:id="{rid}"/>'
        "</a:graphicData></a:graphic>"
    )
    wp = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
    if floating:
        frame = (
            f'<wp:anchor xmlns:wp="{wp}" distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" '
            'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
            '<wp:positionH relativeFrom="page"><wp:posOffset>1270000</wp:posOffset></wp:positionH>'
            '<wp:positionV relativeFrom="page"><wp:posOffset>5080000</wp:posOffset></wp:positionV>'
            f"{graphic.replace('<wp:docPr', '<wp:wrapNone/><wp:docPr')}</wp:anchor>"
        )
    else:
        frame = f'<wp:inline xmlns:wp="{wp}" distT="0" distB="0" distL="0" distR="0">{graphic}</wp:inline>'
    run = document.add_paragraph().add_run()
    drawing = etree.fromstring(
        f'<w:drawing xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">{frame}</w:drawing>'
    )
    run._r.append(drawing)
    document.add_paragraph("After the chart.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


DOCUMENTS = {
    "column": (column, False),
    "chinese": (chinese, False),
    "pie": (percent_pie, False),
    "line-percent": (formatted_line, False),
    "floating": (column, True),
    "radar": (radar, False),
    "radar-lines": (radar_lines, False),
    "bubble": (bubble, False),
    "surface": (surface, False),
}


def main() -> None:
    for name, (make, floating) in DOCUMENTS.items():
        (HERE / f"{name}.docx").write_bytes(build(name, make(), floating))


if __name__ == "__main__":
    main()

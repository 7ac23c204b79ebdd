"""Make the drawing test documents (tests/resources/drawings/*.docx) from a real report: the .docx of
inputs/2024-huaian.json with a 落款 (署名 and date), and in the variants the office's seal floating
over the date, a red rule under the title, a square-wrapped, a top-and-bottom and a cropped picture.

Usage: .venv/bin/python tests/resources/drawings/make_seal.py [REPORT.docx]
REPORT.docx: the rendered report (default: `reportgen render inputs/2024-huaian.json` into a
temporary folder, made now). Same inputs give the same bytes (fixed zip times and properties).

Files (tests/test_drawings.py measures them):
- report-plain.docx: the report and its 落款, no drawings (the yardstick: where every line is);
- seal-front.docx: the seal in front of the text (wrapNone, behindDoc 0), horizontal position from
  the page, vertical from the date paragraph; the red rule floating under the title;
- seal-behind.docx: the seal behind the text (behindDoc 1), horizontal from the column, vertical
  from the page's margin (SEAL_MARGIN_TOP below the top margin);
- seal-cropped.docx: seal-front's seal cropped (a:srcRect);
- seal-turned.docx: seal-front's seal turned (a:xfrm rot);
- wrap-square.docx: a picture at the left margin, text on its right (wrapSquare wrapText="right");
- wrap-band.docx: a picture with text above and below only (wrapTopAndBottom).
- report-chart.docx: the report with a column chart of Table B's new applications (inline, in a
  paragraph of its own after part 三's heading): the yardstick for report-office;
- report-office.docx: report-chart as an office releases it: the red rule under the title, a text
  box floating in the top margin (“依申请公开专栏”), and the seal in front of the date.
"""

from __future__ import annotations

import io
import math
import struct
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(HERE.parent / "fidelity"))

from corpus_kit import save  # noqa: E402

EMU = 12700  # per pt
SEAL = 119.0  # pt: 4.2 cm, the diameter of a government office's seal
SEAL_LEFT = 339.5  # pt from the page's left edge: centred on the date (seal-front)
SEAL_ABOVE = -80.0  # pt from the date paragraph's top: the date in the seal's lower half
SEAL_COLUMN_LEFT = SEAL_LEFT - 79.35  # pt from the column (the left margin is 79.35 pt)
SEAL_MARGIN_TOP = 151.6  # pt below the top margin (seal-behind): over the date where our layout puts it
RULE = (0.0, 40.0, 2.0)  # the red rule: pt from the margin, pt below the title paragraph's top, thickness
CROP = (20000, 10000, 20000, 0)  # srcRect l, t, r, b (1/1000 %)
ROTATION = 15  # degrees, clockwise (seal-turned)
SQUARE = (120.0, 90.0, 9.0)  # wrap-square: width, height, distance to the text on its right (pt)
BAND = (160.0, 100.0, 6.0)  # wrap-band: width, height, distance below (pt)
SIGNATURE = "淮安市人民政府办公室"
DATE = "2025年1月20日"
WRAPPED = 18  # the body paragraph (python-docx index) the wrap pictures are anchored in


def png_rgba(size: int, pixel: object) -> bytes:
    """Return a size×size RGBA PNG whose pixels `pixel(x, y)` gives as (r, g, b, a)."""
    rows = []
    for y in range(size):
        row = bytearray(b"\x00")
        for x in range(size):
            row += bytes(pixel(x, y))  # type: ignore[operator]
        rows.append(bytes(row))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
        + chunk(b"IEND", b"")
    )


def seal_png(size: int = 240) -> bytes:
    """Return the seal: a red ring with a five-pointed star, transparent elsewhere."""
    centre, outer, inner = size / 2, size / 2 - 1, size / 2 - 9
    star = [
        (
            centre + (40 if k % 2 == 0 else 16) * math.sin(k * math.pi / 5),
            centre - (40 if k % 2 == 0 else 16) * math.cos(k * math.pi / 5),
        )
        for k in range(10)
    ]

    def inside_star(x: float, y: float) -> bool:
        crossings = False
        for (x1, y1), (x2, y2) in zip(star, star[1:] + star[:1], strict=True):
            if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                crossings = not crossings
        return crossings

    def pixel(x: int, y: int) -> tuple[int, int, int, int]:
        distance = math.hypot(x + 0.5 - centre, y + 0.5 - centre)
        if inner <= distance <= outer or inside_star(x + 0.5, y + 0.5):
            return (230, 0, 18, 220)
        return (255, 255, 255, 0)

    return png_rgba(size, pixel)


def block_png(rgb: tuple[int, int, int]) -> bytes:
    """Return a small opaque PNG of one colour (stretched to any extent)."""
    return png_rgba(4, lambda x, y: (*rgb, 255))


def anchor_xml(
    rid: str,
    ident: int,
    name: str,
    size: tuple[float, float],
    horizontal: tuple[str, float],
    vertical: tuple[str, float],
    *,
    behind: bool = False,
    wrap: str = "<wp:wrapNone/>",
    dist: tuple[float, float, float, float] = (0, 0, 0, 0),
    crop: tuple[int, int, int, int] | None = None,
    rotation: int = 0,
) -> str:
    """Return a w:r holding a floating picture (wp:anchor) as Word writes it."""
    cx, cy = round(size[0] * EMU), round(size[1] * EMU)
    dist_l, dist_t, dist_r, dist_b = (round(d * EMU) for d in dist)
    src_rect = f'<a:srcRect l="{crop[0]}" t="{crop[1]}" r="{crop[2]}" b="{crop[3]}"/>' if crop else ""
    rot = f' rot="{rotation * 60000}"' if rotation else ""
    return (
        f"<w:r {nsdecls('w', 'wp', 'a', 'pic', 'r')}><w:rPr><w:noProof/></w:rPr><w:drawing>"
        f'<wp:anchor distT="{dist_t}" distB="{dist_b}" distL="{dist_l}" distR="{dist_r}" simplePos="0"'
        f' relativeHeight="{251659264 + ident}" behindDoc="{1 if behind else 0}" locked="0"'
        f' layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="{horizontal[0]}"><wp:posOffset>{round(horizontal[1] * EMU)}'
        f"</wp:posOffset></wp:positionH>"
        f'<wp:positionV relativeFrom="{vertical[0]}"><wp:posOffset>{round(vertical[1] * EMU)}'
        f"</wp:posOffset></wp:positionV>"
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>{wrap}'
        f'<wp:docPr id="{ident}" name="{name}"/><wp:cNvGraphicFramePr>'
        f'<a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>'
        f'<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        f'<pic:pic><pic:nvPicPr><pic:cNvPr id="{ident}" name="{name}"/><pic:cNvPicPr/></pic:nvPicPr>'
        f'<pic:blipFill><a:blip r:embed="{rid}"/>{src_rect}<a:stretch><a:fillRect/></a:stretch>'
        f'</pic:blipFill><pic:spPr><a:xfrm{rot}><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/>'
        f'</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>'
        f"</a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>"
    )


def with_signature(report: bytes) -> docx.document.Document:
    """Return the report with its 落款: an empty line, the office (署名) and the date, right-aligned
    and indented as GB/T 9704 sets them (the date 4 characters from the right margin)."""
    doc = docx.Document(io.BytesIO(report))
    body = doc.element.body
    sect = body[-1]
    for text, chars in (("", 0), (SIGNATURE, 200), (DATE, 400)):
        jc = '<w:jc w:val="right"/>' if text else ""
        ind = f'<w:ind w:rightChars="{chars}" w:right="{chars * 16 // 5}"/>' if chars else ""
        run = f"<w:r><w:t>{text}</w:t></w:r>" if text else ""
        sect.addprevious(parse_xml(f"<w:p {nsdecls('w')}><w:pPr>{ind}{jc}</w:pPr>{run}</w:p>"))
    return doc


def add_picture(
    doc: docx.document.Document, paragraph: int, data: bytes, xml: object, first: bool = False
) -> None:
    """Anchor a picture in body paragraph `paragraph` (negative: from the end)."""
    rid, _ = doc.part.get_or_add_image(io.BytesIO(data))
    run = parse_xml(xml(rid))  # type: ignore[operator]
    target = doc.paragraphs[paragraph]._p
    runs = target.findall("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}r")
    if first and runs:
        runs[0].addprevious(run)
    else:
        target.append(run)


def documents(report: bytes) -> dict[str, docx.document.Document]:
    """Return the test documents made from the report's .docx (name → document)."""
    seal, red, blue = seal_png(), block_png((230, 0, 18)), block_png((60, 90, 160))
    out = {"report-plain.docx": with_signature(report)}

    def rule(doc: docx.document.Document) -> None:
        add_picture(
            doc,
            0,
            red,
            lambda rid: anchor_xml(
                rid,
                1,
                "红色分隔线",
                (doc.sections[0].page_width.pt - 79.35 - 73.7, RULE[2]),
                ("margin", RULE[0]),
                ("paragraph", RULE[1]),
            ),
        )

    doc = with_signature(report)
    rule(doc)
    add_picture(
        doc,
        -1,
        seal,
        lambda rid: anchor_xml(rid, 2, "印章", (SEAL, SEAL), ("page", SEAL_LEFT), ("paragraph", SEAL_ABOVE)),
    )
    out["seal-front.docx"] = doc

    doc = with_signature(report)
    add_picture(
        doc,
        -1,
        seal,
        lambda rid: anchor_xml(
            rid,
            2,
            "印章",
            (SEAL, SEAL),
            ("column", SEAL_COLUMN_LEFT),
            ("margin", SEAL_MARGIN_TOP),
            behind=True,
        ),
    )
    out["seal-behind.docx"] = doc

    doc = with_signature(report)
    add_picture(
        doc,
        -1,
        seal,
        lambda rid: anchor_xml(
            rid, 2, "印章", (SEAL, SEAL), ("page", SEAL_LEFT), ("paragraph", SEAL_ABOVE), crop=CROP
        ),
    )
    out["seal-cropped.docx"] = doc

    doc = with_signature(report)
    add_picture(
        doc,
        -1,
        seal,
        lambda rid: anchor_xml(
            rid, 2, "印章", (SEAL, SEAL), ("page", SEAL_LEFT), ("paragraph", SEAL_ABOVE), rotation=ROTATION
        ),
    )
    out["seal-turned.docx"] = doc

    doc = with_signature(report)
    width, height, gap = SQUARE
    add_picture(
        doc,
        WRAPPED,
        blue,
        lambda rid: anchor_xml(
            rid,
            3,
            "插图",
            (width, height),
            ("margin", 0.0),
            ("paragraph", 0.0),
            wrap='<wp:wrapSquare wrapText="right"/>',
            dist=(0, 0, gap, 0),
        ),
        first=True,
    )
    out["wrap-square.docx"] = doc

    doc = with_signature(report)
    width, height, gap = BAND
    add_picture(
        doc,
        WRAPPED,
        blue,
        lambda rid: anchor_xml(
            rid,
            3,
            "插图",
            (width, height),
            ("margin", 120.0),
            ("paragraph", 0.0),
            wrap="<wp:wrapTopAndBottom/>",
            dist=(0, 0, 0, gap),
        ),
        first=True,
    )
    out["wrap-band.docx"] = doc

    out["report-chart.docx"] = with_chart(report)
    doc = with_chart(report)
    rule(doc)
    doc.paragraphs[0]._p.append(parse_xml(text_box_xml()))
    add_picture(
        doc,
        -1,
        seal,
        lambda rid: anchor_xml(rid, 2, "印章", (SEAL, SEAL), ("page", SEAL_LEFT), ("paragraph", SEAL_ABOVE)),
    )
    out["report-office.docx"] = doc
    return out


CHART = (
    ("自然人", 3001),
    ("商业企业", 53),
    ("科研机构", 0),
    ("社会公益组织", 0),
    ("法律服务机构", 61),
    ("其他", 4),
)
"""The chart's figures: Table B's 一、本年新收 of inputs/2024-huaian.json per applicant."""
CHART_SIZE = (440.0, 216.0)  # pt: the text width (156 mm)
TEXT_BOX = (360.0, 40.0, 156.0, 36.0)  # left and top from the page, width, height (pt)
TEXT_BOX_TEXT = "依申请公开专栏"


def chart_xml() -> bytes:
    """Return a clustered column chart part with Chinese categories, one series, value labels."""
    c, a = (
        "http://schemas.openxmlformats.org/drawingml/2006/chart",
        "http://schemas.openxmlformats.org/drawingml/2006/main",
    )
    cats = "".join(f'<c:pt idx="{i}"><c:v>{name}</c:v></c:pt>' for i, (name, _) in enumerate(CHART))
    vals = "".join(f'<c:pt idx="{i}"><c:v>{value}</c:v></c:pt>' for i, (_, value) in enumerate(CHART))
    return (
        f'<c:chartSpace xmlns:c="{c}" xmlns:a="{a}"><c:lang val="zh-CN"/><c:chart>'
        "<c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>本年新收申请（件）</a:t></a:r></a:p></c:rich></c:tx>"
        '<c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>'
        '<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:ser><c:idx val="0"/><c:order val="0"/>'
        '<c:tx><c:strRef><c:f>Sheet1!$B$1</c:f><c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>件数</c:v></c:pt>'
        '</c:strCache></c:strRef></c:tx><c:spPr><a:solidFill><a:srgbClr val="C00000"/></a:solidFill></c:spPr>'
        '<c:dLbls><c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/>'
        '<c:showPercent val="0"/></c:dLbls>'
        f'<c:cat><c:strRef><c:f>Sheet1!$A$2</c:f><c:strCache><c:ptCount val="{len(CHART)}"/>{cats}</c:strCache></c:strRef></c:cat>'
        f'<c:val><c:numRef><c:f>Sheet1!$B$2</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="{len(CHART)}"/>{vals}'
        "</c:numCache></c:numRef></c:val></c:ser>"
        '<c:gapWidth val="150"/><c:axId val="1"/><c:axId val="2"/></c:barChart>'
        '<c:catAx><c:axId val="1"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>'
        '<c:axPos val="b"/><c:majorTickMark val="out"/><c:tickLblPos val="nextTo"/><c:crossAx val="2"/></c:catAx>'
        '<c:valAx><c:axId val="2"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>'
        '<c:axPos val="l"/><c:majorGridlines/><c:majorTickMark val="out"/><c:tickLblPos val="nextTo"/>'
        '<c:crossAx val="1"/><c:crossBetween val="between"/></c:valAx></c:plotArea><c:plotVisOnly val="1"/></c:chart>'
        '<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="900"><a:latin typeface="Times New Roman"/>'
        '<a:ea typeface="宋体"/></a:defRPr></a:pPr><a:endParaRPr lang="zh-CN"/></a:p></c:txPr></c:chartSpace>'
    ).encode()


def with_chart(report: bytes) -> docx.document.Document:
    """Return the report with its 落款 and the chart in a centred paragraph after part 三's heading."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    doc = with_signature(report)
    part = Part(
        PackURI("/word/charts/chart1.xml"),
        "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
        chart_xml(),
        doc.part.package,
    )
    rid = doc.part.relate_to(part, RT.CHART)
    cx, cy = (round(v * EMU) for v in CHART_SIZE)
    heading = next(p for p in doc.paragraphs if p.text.startswith("三、"))
    heading._p.addnext(
        parse_xml(
            f'<w:p {nsdecls("w", "wp", "a", "r")}><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:drawing>'
            f'<wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{cx}" cy="{cy}"/>'
            '<wp:effectExtent l="0" t="0" r="0" b="0"/><wp:docPr id="10" name="图表 1"/>'
            '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">'
            f'<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="{rid}"/>'
            "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"
        )
    )
    return doc


def text_box_xml() -> str:
    """Return a w:r holding a floating text box (wps:txbx) in the top margin, as Word writes one."""
    left, top, width, height = (round(v * EMU) for v in TEXT_BOX)
    return (
        f"<w:r {nsdecls('w', 'wp', 'a')}><w:drawing>"
        '<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="251659300" behindDoc="0"'
        ' locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="page"><wp:posOffset>{left}</wp:posOffset></wp:positionH>'
        f'<wp:positionV relativeFrom="page"><wp:posOffset>{top}</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="{width}" cy="{height}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
        '<wp:docPr id="11" name="文本框 1"/><wp:cNvGraphicFramePr/><a:graphic>'
        '<a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<wps:wsp xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:cNvSpPr txBox="1"/>'
        f'<wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{width}" cy="{height}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/>'
        '<a:ln w="12700"><a:solidFill><a:srgbClr val="C00000"/></a:solidFill></a:ln></wps:spPr>'
        '<wps:txbx><w:txbxContent><w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr>'
        '<w:rFonts w:eastAsia="黑体"/><w:color w:val="C00000"/><w:sz w:val="28"/></w:rPr>'
        f"<w:t>{TEXT_BOX_TEXT}</w:t></w:r></w:p></w:txbxContent></wps:txbx>"
        '<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="91440" tIns="45720" rIns="91440" bIns="45720"'
        ' anchor="ctr"/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>'
    )


def rendered_report() -> bytes:
    """Return the .docx of inputs/2024-huaian.json, rendered now with the reportgen command."""
    with tempfile.TemporaryDirectory() as folder:
        command = [
            str(ROOT / ".venv" / "bin" / "reportgen"),
            "render",
            "inputs/2024-huaian.json",
            "--out-dir",
            folder,
        ]
        subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
        return (Path(folder) / "2024-huaian.docx").read_bytes()


def main(argv: list[str]) -> int:
    report = Path(argv[0]).read_bytes() if argv else rendered_report()
    for name, doc in documents(report).items():
        save(doc, HERE / name, "淮安市人民政府2024年政府信息公开工作年度报告")
        print(HERE / name)  # noqa: T201
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

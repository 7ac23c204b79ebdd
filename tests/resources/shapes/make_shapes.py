"""Make tests/resources/shapes/shapes.docx: shapes, a text box, an arrow, a group and VML on one page.

Usage: .venv/bin/python tests/resources/shapes/make_shapes.py   (same bytes on every run)

Every drawing is placed from the page (wrapNone / VML position:absolute), so its place is known:
- a rectangle (no fill, red 2 pt outline) at (100, 100) pt, 200 × 100 pt;
- a rounded rectangle text box at (100, 250) pt, 250 × 120 pt, blue fill, two Chinese paragraphs,
  default body insets, anchored at the top;
- a straight arrow (prstGeom line, a triangle tail end), green, from (400, 100) to (500, 100) pt;
- a group of two shapes (a yellow ellipse and a blue rectangle) at (380, 250) pt;
- a VML rect (orange fill) at (100, 450) pt, 120 × 60 pt, and a VML text box at (300, 450) pt;
- a VML picture (v:imagedata, a red PNG) at (100, 560) pt, 80 × 40 pt, inline in its paragraph.
"""

from __future__ import annotations

import struct
import sys
import zlib
from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.shared import Pt

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "fidelity"))

from corpus_kit import save  # noqa: E402

EMU = 12700
NSDECL = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup" '
    'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)


def _png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def _anchor(ident: int, name: str, x: float, y: float, w: float, h: float, uri: str, body: str) -> str:
    return (
        f'<w:r {NSDECL}><w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" '
        f'relativeHeight="{ident}" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="page"><wp:posOffset>{round(x * EMU)}</wp:posOffset></wp:positionH>'
        f'<wp:positionV relativeFrom="page"><wp:posOffset>{round(y * EMU)}</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="{round(w * EMU)}" cy="{round(h * EMU)}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:wrapNone/><wp:docPr id="{ident}" name="{name}"/><wp:cNvGraphicFramePr/>'
        f'<a:graphic><a:graphicData uri="{uri}">{body}</a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>'
    )


WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
WPG = "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup"


def _sp(
    w: float,
    h: float,
    geometry: str,
    fill: str,
    line: str,
    extra: str = "",
    off: tuple[float, float] = (0, 0),
) -> str:
    return (
        f'<wps:wsp><wps:cNvSpPr/><wps:spPr><a:xfrm><a:off x="{round(off[0] * EMU)}" y="{round(off[1] * EMU)}"/>'
        f'<a:ext cx="{round(w * EMU)}" cy="{round(h * EMU)}"/></a:xfrm>{geometry}{fill}{line}</wps:spPr>{extra}'
        "<wps:bodyPr/></wps:wsp>"
    )


def main() -> None:
    doc = docx.Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Pt(595.3), Pt(841.9)
    section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = Pt(72)
    rect = '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
    red = '<a:ln w="25400"><a:solidFill><a:srgbClr val="FF0000"/></a:solidFill></a:ln>'
    paragraph = doc.add_paragraph("形状测试：下面的图形都按页面定位。")
    runs = [
        _anchor(1, "Red rectangle", 100, 100, 200, 100, WPS, _sp(200, 100, rect, "<a:noFill/>", red)),
    ]
    text = (
        "<wps:txbx><w:txbxContent>"
        '<w:p><w:r><w:rPr><w:sz w:val="24"/></w:rPr><w:t>文本框第一段</w:t></w:r></w:p>'
        '<w:p><w:r><w:rPr><w:sz w:val="24"/></w:rPr><w:t>第二段文字</w:t></w:r></w:p>'
        "</w:txbxContent></wps:txbx>"
    )
    box = _sp(
        250,
        120,
        '<a:prstGeom prst="roundRect"><a:avLst/></a:prstGeom>',
        '<a:solidFill><a:srgbClr val="DDEBF7"/></a:solidFill>',
        '<a:ln w="12700"><a:solidFill><a:srgbClr val="1F4E79"/></a:solidFill></a:ln>',
        text,
    )
    box = box.replace("<wps:bodyPr/>", '<wps:bodyPr anchor="t"/>')
    runs.append(_anchor(2, "Text box", 100, 250, 250, 120, WPS, box))
    arrow = (
        '<a:ln w="19050"><a:solidFill><a:srgbClr val="00B050"/></a:solidFill>'
        '<a:tailEnd type="triangle" w="med" len="med"/></a:ln>'
    )
    line = _sp(100, 0, '<a:prstGeom prst="line"><a:avLst/></a:prstGeom>', "", arrow)
    runs.append(_anchor(3, "Arrow", 400, 100, 100, 0, WPS, line))
    members = _sp(
        1000,
        1000,
        '<a:prstGeom prst="ellipse"><a:avLst/></a:prstGeom>',
        '<a:solidFill><a:srgbClr val="FFFF00"/></a:solidFill>',
        "<a:ln><a:noFill/></a:ln>",
    ) + _sp(
        1000,
        1000,
        rect,
        '<a:solidFill><a:srgbClr val="0000FF"/></a:solidFill>',
        "<a:ln><a:noFill/></a:ln>",
        off=(1000, 0),
    )
    group = (
        '<wpg:wgp><wpg:cNvGrpSpPr/><wpg:grpSpPr><a:xfrm><a:off x="0" y="0"/>'
        f'<a:ext cx="{160 * EMU}" cy="{80 * EMU}"/><a:chOff x="0" y="0"/>'
        f'<a:chExt cx="{2000 * EMU}" cy="{1000 * EMU}"/></a:xfrm></wpg:grpSpPr>{members}</wpg:wgp>'
    )
    runs.append(_anchor(4, "Group", 380, 250, 160, 80, WPG, group))
    for xml in runs:
        paragraph._p.append(parse_xml(xml))

    vml = doc.add_paragraph("旧式图形：")
    vml._p.append(
        parse_xml(
            f'<w:r {NSDECL}><w:pict><v:rect id="VmlRect" style="position:absolute;margin-left:100pt;margin-top:450pt;'
            'width:120pt;height:60pt;mso-position-horizontal-relative:page;mso-position-vertical-relative:page" '
            'fillcolor="#FFC000" strokecolor="#000000" strokeweight="1pt"/></w:pict></w:r>'
        )
    )
    vml._p.append(
        parse_xml(
            f'<w:r {NSDECL}><w:pict><v:shape id="VmlText" type="#_x0000_t202" style="position:absolute;margin-left:300pt;'
            "margin-top:450pt;width:180pt;height:60pt;mso-position-horizontal-relative:page;"
            'mso-position-vertical-relative:page" fillcolor="#FFFFFF" strokecolor="#7030A0"><v:textbox>'
            "<w:txbxContent><w:p><w:r><w:t>旧式文本框</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
        )
    )
    picture = doc.add_paragraph()
    rid, _ = picture.part.get_or_add_image(__import__("io").BytesIO(_png(8, 4, (255, 0, 0))))
    picture._p.append(
        parse_xml(
            f'<w:r {NSDECL}><w:pict><v:shape id="VmlPicture" type="#_x0000_t75" style="width:80pt;height:40pt">'
            f'<v:imagedata r:id="{rid}" o:title=""/></v:shape></w:pict></w:r>'
        )
    )
    save(doc, HERE / "shapes.docx", "shapes")


if __name__ == "__main__":
    main()

"""Shapes, text boxes, groups, canvases, SmartArt (its pre-drawn part) and VML → HTML with inline SVG.

`graphic` draws a w:drawing's graphicData that is not a picture; `docx/shapes/vml.py` draws w:pict.
docs/drawings.md ("Shapes and text boxes") explains the model.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from reportgen.docx.ooxml import Element, R, local
from reportgen.docx.package import safe_parser
from reportgen.docx.shapes.drawingml import canvas, children, extent_box, group, shape
from reportgen.docx.shapes.paint import Painter, theme_of
from reportgen.docx.shapes.scene import Blocks, Box, Scene
from reportgen.docx.state import ConversionState, RunContext
from reportgen.i18n import t

WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
WPG = "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup"
WPC = "http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas"
DIAGRAM = "http://schemas.openxmlformats.org/drawingml/2006/diagram"
DIAGRAM_DRAWING = "http://schemas.microsoft.com/office/2007/relationships/diagramDrawing"
DSP = "{http://schemas.microsoft.com/office/drawing/2008/diagram}"
TXBX_CONTENT = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}txbxContent"
KINDS = {WPS, WPG, WPC, DIAGRAM}
"""The graphicData kinds drawn here (charts are drawn by docx/charts)."""


@dataclass(frozen=True)
class Graphic:
    """A drawn graphic: its HTML inside a box of width × height pt at the origin, and whether it
    holds block HTML (a text box's paragraphs: the box goes before its paragraph)."""

    html: str
    width: float
    height: float
    block: bool


def graphic(
    state: ConversionState, frame: Element, data: Element, ctx: RunContext, name: str, blocks: Blocks | None
) -> Graphic | None:
    """Return the HTML of a shape, group, canvas or SmartArt graphicData, or None when it is not
    one of those (a chart) or cannot be drawn (warned: a SmartArt without its drawing part)."""
    uri = data.get("uri", "")
    if uri not in KINDS:
        return None
    box = extent_box(frame)
    block = local(frame) == "anchor" and data.find(".//" + TXBX_CONTENT) is not None
    scene = Scene(state, ctx, Painter(theme_of(ctx.story.part)), name, blocks, block)
    content = next((c for c in data if isinstance(c.tag, str)), None)
    if content is None:
        return None
    if uri == WPS:
        html = shape(scene, content, box, outer=True)
    elif uri == WPG:
        html = group(scene, content, box, outer=True)
    elif uri == WPC:
        html = canvas(scene, content, box)
    else:
        drawn = _smartart(scene, content, box)
        if drawn is None:
            return Graphic("", box.w, box.h, False)
        html = drawn
    return Graphic(html, box.w, box.h, block)


def _smartart(scene: Scene, rel_ids: Element, box: Box) -> str | None:
    """Return a SmartArt graphic drawn from its pre-drawn part (dsp:drawing), or None (warned)."""
    part = scene.ctx.story.part
    drawing = None
    data_id = rel_ids.get(R + "dm")
    if data_id and data_id in part.related_parts:  # the data part names its drawing (dsp:dataModelExt)
        try:
            data = etree.fromstring(part.related_parts[data_id].blob, parser=safe_parser())
        except etree.XMLSyntaxError:
            data = None
        ext = data.find(f".//{DSP}dataModelExt") if data is not None else None
        if ext is not None and ext.get("relId") in part.related_parts:
            drawing = part.related_parts[ext.get("relId")]
    if drawing is None:
        found = [
            rel.target_part
            for rel in part.rels.values()
            if rel.reltype == DIAGRAM_DRAWING and not rel.is_external
        ]
        drawing = found[0] if len(found) == 1 else None
    tree = None
    if drawing is not None:
        try:
            tree = etree.fromstring(drawing.blob, parser=safe_parser()).find(DSP + "spTree")
        except etree.XMLSyntaxError:
            tree = None
    if tree is None:
        scene.state.warn(
            scene.ctx.where, t("SmartArt 图形“{name}”没有预先绘制的图形部件，已略过", name=scene.name)
        )
        return None
    scene.part = drawing
    inner = children(scene, list(tree), (0.0, 0.0, 1 / 12700, 1 / 12700), 0)
    return f'<span style="position:absolute;display:block;left:0;top:0;width:{box.w:.3f}pt;height:{box.h:.3f}pt">{inner}</span>'

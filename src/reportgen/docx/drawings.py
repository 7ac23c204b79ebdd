"""Drawings (w:drawing) → HTML: inline pictures as <img>, floating ones (wp:anchor) through
`docx/anchors.py`; every drawing that is not drawn is a warning naming it and its place.

The picture's type is read from its bytes (`reportgen.pictures`), never taken from the package's
[Content_Types].xml, which could carry markup into the HTML; its bytes and pixels are within the
limits, or the conversion fails naming the picture and its place.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, replace
from typing import Any

from reportgen import pictures
from reportgen.docx import charts
from reportgen.docx.anchors import Floating, parse_anchor
from reportgen.docx.css import fmt
from reportgen.docx.ooxml import NS, Element, R, emu_pt, local, to_int
from reportgen.docx.shapes import graphic as shape_graphic
from reportgen.docx.shapes.scene import Blocks
from reportgen.docx.shapes.vml import vml_shape
from reportgen.docx.state import ConversionState, RunContext
from reportgen.i18n import t
from reportgen.limits import LimitExceeded

PICTURE = "http://schemas.openxmlformats.org/drawingml/2006/picture"
KINDS = {
    "http://schemas.microsoft.com/office/word/2010/wordprocessingShape": "形状",
    "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup": "组合图形",
    "http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas": "绘图画布",
    "http://schemas.openxmlformats.org/drawingml/2006/chart": "图表",
    "http://schemas.openxmlformats.org/drawingml/2006/diagram": "SmartArt 图形",
    "http://schemas.openxmlformats.org/drawingml/2006/lockedCanvas": "绘图画布",
}
"""What each graphicData kind is called in a warning (a wps shape holding text is a text box)."""
TEXT_BOX = "{http://schemas.microsoft.com/office/word/2010/wordprocessingShape}txbx"
NAME_CHARS = 40


@dataclass(frozen=True)
class Drawn:
    """A drawing converted: inline HTML, or a floating box out of the text flow (or neither)."""

    html: str = ""
    floating: Floating | None = None


def drawing(state: ConversionState, el: Element, ctx: RunContext, blocks: Blocks | None = None) -> Drawn:
    """Return a w:drawing: an inline <img> at its extent, or a floating picture placed as Word does;
    shapes, text boxes, groups, canvases and SmartArt drawn by docx/shapes (`blocks` converts a
    text box's paragraphs). Anything else (charts) is skipped with a warning naming it.
    """
    frame = el.find("wp:anchor", NS)
    if frame is None:
        frame = el.find("wp:inline", NS)
    if frame is None:
        state.warn(ctx.where, t("图形缺少位置信息（wp:inline 或 wp:anchor），已略过"))
        return Drawn()
    name = _name(frame)
    graphic = frame.find("a:graphic/a:graphicData", NS)
    uri = graphic.get("uri", "") if graphic is not None else ""
    if uri in (charts.URI, charts.CHARTEX):
        chart_html, chart_box = charts.chart(state, frame, ctx, name)
        return Drawn(chart_html, chart_box)
    if uri != PICTURE:
        drawn = _shape(state, frame, graphic, ctx, name, blocks)
        if drawn is not None:
            return drawn
        kind = KINDS.get(uri, "图形")
        if kind == "形状" and graphic is not None and graphic.find(".//" + TEXT_BOX) is not None:
            kind = "文本框"
        state.warn(ctx.where, t("{kind}“{name}”暂不支持，已略过", kind=t(kind), name=name))
        return Drawn()
    source = _picture_source(state, frame, ctx, name)
    if source is None:
        return Drawn()
    if local(frame) == "anchor":
        floating = parse_anchor(state, frame, ctx, name, source)
        return Drawn(floating=floating) if floating is not None else Drawn()
    extent = frame.find("wp:extent", NS)
    size = ""
    if extent is not None:
        width = emu_pt(to_int(extent.get("cx")) or 0)
        height = emu_pt(to_int(extent.get("cy")) or 0)
        size = f' style="width:{fmt(width)};height:{fmt(height)}"'
    return Drawn(f'<img src="{source}"{size} alt="">')


def _shape(
    state: ConversionState,
    frame: Element,
    data: Element | None,
    ctx: RunContext,
    name: str,
    blocks: Blocks | None,
) -> Drawn | None:
    """Return a shape, group, canvas or SmartArt drawn by docx/shapes, or None when it is none of those."""
    drawn = shape_graphic(state, frame, data, ctx, name, blocks) if data is not None else None
    if drawn is None or not drawn.html:
        return None if drawn is None else Drawn()
    return _placed(state, drawn, frame if local(frame) == "anchor" else None, ctx, name)


def vml(state: ConversionState, pict: Element, ctx: RunContext, blocks: Blocks | None = None) -> Drawn | None:
    """Return a w:pict's VML shape drawn (inline, or floating when its style positions it), or
    None when it holds no VML shape (an embedded object)."""
    drawn = vml_shape(state, pict, ctx, blocks)
    if drawn is None or not drawn.html:
        return None if drawn is None else Drawn()
    anchor = drawn.anchor
    return _placed(state, drawn, anchor, ctx, _name(anchor) if anchor is not None else "")


def _placed(state: ConversionState, drawn: Any, anchor: Element | None, ctx: RunContext, name: str) -> Drawn:
    """Return a drawn shape floating at its anchor (`wp:anchor`, or VML's), or inline in its box."""
    if anchor is not None:
        floating = parse_anchor(state, anchor, ctx, name, "")
        if floating is None:
            return Drawn()
        return Drawn(
            floating=replace(floating, content=drawn.html, block=drawn.block, transform="", crop=None)
        )
    size = f"width:{fmt(drawn.width)};height:{fmt(drawn.height)}"
    return Drawn(f'<span style="display:inline-block;position:relative;{size}">{drawn.html}</span>')


def _name(frame: Element) -> str:
    """Return the drawing's name (wp:docPr/@name, as Word's selection pane shows it), shortened."""
    doc_pr = frame.find("wp:docPr", NS)
    name = (doc_pr.get("name") if doc_pr is not None else None) or ""
    name = " ".join(name.split()) or t("（无名称）")
    return name if len(name) <= NAME_CHARS else name[: NAME_CHARS - 1] + "…"


def _picture_source(state: ConversionState, frame: Element, ctx: RunContext, name: str) -> str | None:
    """Return the picture's data: URI, or None (warning) when it has no usable image data.

    Raise LimitExceeded when the picture is larger than the limits allow.
    """
    blip = frame.find(".//a:blip", NS)
    rid = blip.get(R + "embed") if blip is not None else None
    if rid is None or rid not in ctx.story.part.related_parts:
        state.warn(ctx.where, t("图片“{name}”缺少图像数据，已略过", name=name))
        return None
    image = ctx.story.part.related_parts[rid]
    part = str(getattr(image, "partname", rid)).lstrip("/")
    try:
        picture = pictures.check(image.blob)
    except LimitExceeded as exc:
        raise LimitExceeded(exc.message, t("{where}的图片 {name}", where=ctx.where, name=part)) from exc
    if picture is None and _metafile(image.blob):
        state.warn(
            ctx.where,
            t(
                "{kind} 图片 {name} 未能绘制（没有可用的 EMF/WMF 渲染库），已略过",
                kind=_metafile(image.blob),
                name=part,
            ),
        )
        return None
    if picture is None:
        state.warn(ctx.where, t("图片 {name} 不是 {kinds} 图片，已略过", name=part, kinds=pictures.KINDS))
        return None
    data = base64.b64encode(image.blob).decode("ascii")
    return f"data:{picture.content_type};base64,{data}"


def _metafile(data: bytes) -> str:
    """Return "EMF" or "WMF" when the bytes are a Windows metafile, else ''."""
    if data[:4] == b"\x01\x00\x00\x00" and data[40:44] == b" EMF":
        return "EMF"
    if data[:4] == b"\xd7\xcd\xc6\x9a" or data[:4] in (b"\x01\x00\x09\x00", b"\x02\x00\x09\x00"):
        return "WMF"
    return ""

"""Pictures (w:drawing) → inline <img> with the image data in a data: URI.

The picture's type is read from its bytes (`reportgen.pictures`), never taken from the package's
[Content_Types].xml, which could carry markup into the HTML; its bytes and pixels are within the
limits, or the conversion fails naming the picture and its place.
"""

from __future__ import annotations

import base64

from reportgen import pictures
from reportgen.docx.css import fmt
from reportgen.docx.ooxml import NS, Element, R, emu_pt, to_int
from reportgen.docx.state import ConversionState, RunContext
from reportgen.i18n import t
from reportgen.limits import LimitExceeded


def drawing(state: ConversionState, el: Element, ctx: RunContext) -> str:
    """Return the <img> of a w:drawing, at its extent; a floating picture is placed inline (warning)."""
    if el.find("wp:anchor", NS) is not None:
        state.warn(ctx.where, t("浮动图片按嵌入图片处理（位置可能与 Word 不同）"))
    blip = el.find(".//a:blip", NS)
    extent = el.find(".//wp:extent", NS)
    rid = blip.get(R + "embed") if blip is not None else None
    if rid is None or rid not in ctx.story.part.related_parts:
        state.warn(ctx.where, t("图片缺少图像数据，已略过"))
        return ""
    image = ctx.story.part.related_parts[rid]
    name = str(getattr(image, "partname", rid)).lstrip("/")
    try:
        picture = pictures.check(image.blob)
    except LimitExceeded as exc:
        raise LimitExceeded(exc.message, t("{where}的图片 {name}", where=ctx.where, name=name)) from exc
    if picture is None:
        state.warn(ctx.where, t("图片 {name} 不是 {kinds} 图片，已略过", name=name, kinds=pictures.KINDS))
        return ""
    data = base64.b64encode(image.blob).decode("ascii")
    size = ""
    if extent is not None:
        width = emu_pt(to_int(extent.get("cx")) or 0)
        height = emu_pt(to_int(extent.get("cy")) or 0)
        size = f' style="width:{fmt(width)};height:{fmt(height)}"'
    return f'<img src="data:{picture.content_type};base64,{data}"{size} alt="">'

"""A shape's text → HTML over the shape: a text box's paragraphs (wps:txbx) converted by the same
block converter, or DrawingML text (a:p/a:r of a SmartArt shape) written simply, inside the shape's
text rectangle less the body insets, anchored at the top, middle or bottom."""

from __future__ import annotations

import html
import re

from reportgen.docx.css import Grid, family, fmt
from reportgen.docx.ooxml import Element, emu_pt, local, to_int
from reportgen.docx.shapes.geometry import A
from reportgen.docx.shapes.paint import Color
from reportgen.docx.shapes.scene import Scene
from reportgen.docx.state import Story
from reportgen.i18n import t

INSETS = {"lIns": 91440, "tIns": 45720, "rIns": 91440, "bIns": 45720}
"""The body insets' defaults (EMU): 0.1 in left and right, 0.05 in top and bottom."""
JUSTIFY = {"ctr": "center", "b": "flex-end", "dist": "center", "just": "center"}
ALIGN = {"ctr": "center", "r": "right", "just": "justify", "dist": "justify"}
THEME_FONTS = {
    "+mn-lt": "minorHAnsi",
    "+mn-ea": "minorEastAsia",
    "+mj-lt": "majorHAnsi",
    "+mj-ea": "majorEastAsia",
}
DEFAULT_SIZE = 18.0  # pt: DrawingML text without a size
CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]")


def _area(
    scene: Scene, body_pr: Element | None, rect: tuple[float, float, float, float], color: Color | None
) -> str:
    """Return the CSS of the box the text goes in: the text rectangle less the insets, anchored."""
    insets = [emu_pt(_attr(body_pr, k, d)) for k, d in INSETS.items()]
    left, top = rect[0] + insets[0], rect[1] + insets[1]
    width = max(rect[2] - rect[0] - insets[0] - insets[2], 0.0)
    height = max(rect[3] - rect[1] - insets[1] - insets[3], 0.0)
    anchor = body_pr.get("anchor", "t") if body_pr is not None else "t"
    if body_pr is not None and body_pr.get("vert", "horz") not in ("horz", ""):
        scene.state.warn(scene.ctx.where, t("图形“{name}”中的竖排文字按横排处理", name=scene.name))
    style = (
        f"position:absolute;display:flex;flex-direction:column;justify-content:{JUSTIFY.get(anchor, 'flex-start')};"
        f"left:{fmt(left)};top:{fmt(top)};width:{fmt(width)};height:{fmt(height)}"
    )
    if body_pr is not None and body_pr.get("wrap") == "none":
        style += ";white-space:nowrap"
    if color is not None:
        style += f";color:#{color.hex}"
    return style


def _attr(el: Element | None, name: str, default: int) -> int:
    value = to_int(el.get(name)) if el is not None else None
    return default if value is None else value


def text_box(
    scene: Scene,
    txbx: Element,
    body_pr: Element | None,
    rect: tuple[float, float, float, float],
    color: Color | None,
) -> str:
    """Return a text box's paragraphs (w:txbxContent) over its shape ('' when it has none)."""
    content = next((c for c in txbx if local(c) == "txbxContent"), None)
    if content is None or scene.blocks is None:
        return ""
    ctx = scene.ctx
    story = Story(ctx.story.part, ctx.where + t("文本框“{name}”", name=scene.name), area=ctx.story.area)
    markup = scene.blocks(list(content), story, Grid())
    if not scene.block:
        markup = _inline(scene, markup)
    scene.has_text = True
    tag = scene.tag
    return f'<{tag} style="{_area(scene, body_pr, rect, color)}"><{tag} style="display:block">{markup}</{tag}></{tag}>'


def _inline(scene: Scene, markup: str) -> str:
    """Return a text box's paragraphs as block spans (an inline drawing sits in a line of its
    paragraph, where no <p> may open); a table in it is left out. Both with a warning."""
    scene.state.warn(scene.ctx.where, t("嵌入型文本框“{name}”的段落按近似处理", name=scene.name))
    if "<table" in markup:
        markup = re.sub(r"<table\b.*?</table>", "", markup, flags=re.S)
    markup = re.sub(r"<p\b", '<span style="display:block;white-space:pre-wrap"', markup)
    return markup.replace("</p>", "</span>")


def drawingml_text(
    scene: Scene, body: Element, rect: tuple[float, float, float, float], color: Color | None
) -> str:
    """Return DrawingML text (a:txBody: a:p, a:r, a:br) over its shape, in its own sizes and colours."""
    body_pr = body.find(A + "bodyPr")
    scale = 1.0
    autofit = body_pr.find(A + "normAutofit") if body_pr is not None else None
    if autofit is not None and autofit.get("fontScale"):
        scale = (to_int(autofit.get("fontScale")) or 100000) / 100000
    default = body.find(f"{A}lstStyle/{A}lvl1pPr/{A}defRPr")
    paragraphs = []
    for p in body.iterfind(A + "p"):
        ppr = p.find(A + "pPr")
        align = ALIGN.get(ppr.get("algn", "l") if ppr is not None else "l", "left")
        runs, sizes = [], []
        for el in p:
            kind = local(el)
            if kind in ("r", "fld"):
                props = el.find(A + "rPr")
                size, css = _run_css(scene, props, default, color, scale)
                sizes.append(size)
                text = "".join(x.text or "" for x in el.iterfind(A + "t"))
                runs.append(f'<span style="{css}">{html.escape(text)}</span>')
            elif kind == "br":
                runs.append("<br>")
        if not sizes:
            end = p.find(A + "endParaRPr")
            sizes.append(_size(end, default) * scale)
        size = max(sizes)
        style = f"display:block;text-align:{align};font-size:{fmt(size)};line-height:{fmt(size * 1.2)}"
        paragraphs.append(f'<span style="{style}">{"".join(runs) or chr(160)}</span>')
    if not paragraphs:
        return ""
    return f'<span style="{_area(scene, body_pr, rect, color)}"><span style="display:block">{"".join(paragraphs)}</span></span>'


def _size(props: Element | None, default: Element | None) -> float:
    for source in (props, default):
        if source is not None and source.get("sz"):
            return (to_int(source.get("sz")) or 1800) / 100
    return DEFAULT_SIZE


def _run_css(
    scene: Scene, props: Element | None, default: Element | None, color: Color | None, scale: float
) -> tuple[float, str]:
    """Return a DrawingML run's size (pt) and CSS: size, faces, weight, style, colour."""
    state = scene.state
    size = _size(props, default) * scale
    faces = []
    for tag in ("latin", "ea"):
        face = None
        for source in (props, default):
            found = source.find(A + tag) if source is not None else None
            if found is not None and found.get("typeface"):
                face = found.get("typeface")
                break
        face = (
            state.theme.get(THEME_FONTS.get(face or "", ""), face) if face and face.startswith("+") else face
        )
        face = (
            face
            or state.theme.get("minorHAnsi" if tag == "latin" else "minorEastAsia")
            or state.fonts.default
        )
        css_family = family(state.fonts, face, state.used_faces)[0].replace('"', "'")
        if css_family not in faces:
            faces.append(css_family)
    css = [f"font-size:{fmt(size)}", f"line-height:{fmt(size * 1.2)}", f"font-family:{','.join(faces)}"]
    fill = props.find(A + "solidFill") if props is not None else None
    run_color = scene.painter.color(fill) if fill is not None else color
    css.append(f"color:#{run_color.hex}" if run_color is not None else "color:#000000")
    for attr, declaration in (("b", "font-weight:bold"), ("i", "font-style:italic")):
        value = next((s.get(attr) for s in (props, default) if s is not None and s.get(attr)), None)
        if value in ("1", "true"):
            css.append(declaration)
    underline = props.get("u") if props is not None else None
    if underline and underline != "none":
        css.append("text-decoration:underline")
    return size, ";".join(css)

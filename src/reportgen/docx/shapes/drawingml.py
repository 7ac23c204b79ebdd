"""DrawingML shapes → HTML: a shape (wps:wsp, dsp:sp, a:cxnSp) as an SVG outline with its text over
it, groups (wpg:wgp, grpSp) and canvases (wpc:wpc) as boxes holding their children, recursively."""

from __future__ import annotations

import base64

from reportgen import pictures
from reportgen.docx.ooxml import Element, R, emu_pt, local, to_int
from reportgen.docx.shapes.geometry import A, outline, preset
from reportgen.docx.shapes.paint import Color, line
from reportgen.docx.shapes.scene import Box, Scene, box_style, geometry_of, outline_svg
from reportgen.docx.shapes.text import drawingml_text, text_box
from reportgen.i18n import t

SHAPES = {"wsp", "sp", "cxnSp"}
GROUPS = {"wgp", "grpSp"}
MAX_DEPTH = 16
"""Groups nested deeper than this are not drawn (a hostile file cannot recurse without end)."""


def _kid(el: Element, name: str) -> Element | None:
    """Return the first child of `el` with the local name `name` (any namespace)."""
    return next((c for c in el if local(c) == name), None)


def xfrm_box(xfrm: Element | None, scale: tuple[float, float, float, float]) -> Box | None:
    """Return the box of an a:xfrm in its container (pt), mapped by the container's child space
    (x0, y0, sx, sy: pt = (emu − x0) · sx); None without a size."""
    if xfrm is None:
        return None
    off, ext = xfrm.find(A + "off"), xfrm.find(A + "ext")
    if ext is None:
        return None
    x0, y0, sx, sy = scale
    x = (to_int(off.get("x")) or 0) if off is not None else 0
    y = (to_int(off.get("y")) or 0) if off is not None else 0
    w, h = max(to_int(ext.get("cx")) or 0, 0), max(to_int(ext.get("cy")) or 0, 0)
    return Box(
        (x - x0) * sx,
        (y - y0) * sy,
        w * sx,
        h * sy,
        (to_int(xfrm.get("rot")) or 0) / 60000,
        xfrm.get("flipH") in ("1", "true"),
        xfrm.get("flipV") in ("1", "true"),
    )


def shape(scene: Scene, sp: Element, box: Box, outer: bool = False) -> str:
    """Return the HTML of one shape: its outline, fill and text at `box` (`outer`: the box is the
    drawing's own, placed by its frame, so only the rotation and flips of its a:xfrm apply)."""
    sp_pr = _kid(sp, "spPr")
    xfrm = sp_pr.find(A + "xfrm") if sp_pr is not None else None
    if outer and xfrm is not None:
        own = xfrm_box(xfrm, (0, 0, 1 / 12700, 1 / 12700))
        if own is not None:
            box = Box(box.x, box.y, box.w, box.h, own.rot, own.flip_h, own.flip_v)
    geometry, adjust, name = geometry_of(sp_pr)
    if geometry is None:
        _approximate(scene, t("预设形状 {name}", name=name))
        geometry = preset("rect") or {}
    painter = scene.painter
    style = _kid(sp, "style")
    fill_ref = style.find(A + "fillRef") if style is not None else None
    ln_ref = style.find(A + "lnRef") if style is not None else None
    font_ref = style.find(A + "fontRef") if style is not None else None
    fill = painter.fill(sp_pr)
    if fill is None:
        fill = _style_fill(scene, fill_ref)
    ln_color = painter.color(ln_ref)
    style_ln = _style_line(scene, ln_ref)
    own_ln = sp_pr.find(A + "ln") if sp_pr is not None else None
    ln = line(painter, own_ln, style_ln, ln_color if ln_ref is not None else None)
    if own_ln is None and ln_ref is None:
        ln = None
    try:
        paths, rect = outline(geometry, box.w * 12700, box.h * 12700, adjust)
    except (ValueError, ZeroDivisionError, OverflowError):
        _approximate(scene, t("形状公式 {name}", name=name or "custGeom"))
        paths, rect = [], (0.0, 0.0, box.w, box.h)
    parts = [outline_svg(painter, paths, box, fill, ln)]
    painter.defs.clear()
    font_color = painter.color(font_ref) if font_ref is not None else None
    parts.append(_text(scene, sp, box, rect, font_color))
    for note in painter.notes:
        _approximate(scene, note)
    painter.notes.clear()
    return f'<{scene.tag} style="{box_style(box)}">{"".join(parts)}</{scene.tag}>'


def _text(
    scene: Scene, sp: Element, box: Box, rect: tuple[float, float, float, float], color: Color | None
) -> str:
    """Return the HTML of a shape's text: a text box's paragraphs, or DrawingML text (SmartArt)."""
    body_pr = _kid(sp, "bodyPr")
    txbx = _kid(sp, "txbx")
    if txbx is not None:
        return text_box(scene, txbx, body_pr, rect, color)
    if _kid(sp, "linkedTxbx") is not None:
        _approximate(scene, t("链接的文本框"))
        return ""
    body = _kid(sp, "txBody")
    if body is None:
        return ""
    tx_xfrm = _kid(sp, "txXfrm")  # SmartArt: the text's own box, in the drawing's coordinates
    if tx_xfrm is not None:
        own = xfrm_box(tx_xfrm, (0, 0, 1 / 12700, 1 / 12700))
        if own is not None:
            rect = (own.x - box.x, own.y - box.y, own.x - box.x + own.w, own.y - box.y + own.h)
    return drawingml_text(scene, body, rect, color)


def _style_fill(scene: Scene, fill_ref: Element | None) -> str:
    """Return the fill a style's a:fillRef names: the theme's fill style with the ref's colour."""
    if fill_ref is None:
        return 'fill="none"'
    painter = scene.painter
    index = to_int(fill_ref.get("idx")) or 0
    color = painter.color(fill_ref)
    if index <= 0:
        return 'fill="none"'
    styles = painter.theme.background_fills if index > 1000 else painter.theme.fills
    position = index - 1001 if index > 1000 else index - 1
    if 0 <= position < len(styles):
        return painter.fill_element(styles[position], color)
    return f'fill="#{color.hex}"' if color is not None else 'fill="none"'


def _style_line(scene: Scene, ln_ref: Element | None) -> Element | None:
    """Return the theme's line style a style's a:lnRef names (0.75 pt when the theme has none)."""
    if ln_ref is None:
        return None
    index = to_int(ln_ref.get("idx")) or 0
    lines = scene.painter.theme.lines
    if index <= 0:
        return _no_line(ln_ref)
    return lines[index - 1] if index - 1 < len(lines) else ln_ref.makeelement(A + "ln", {"w": "9525"})


def _no_line(ln_ref: Element) -> Element:
    """Return an a:ln without a line (a style's lnRef idx 0)."""
    ln = ln_ref.makeelement(A + "ln", {})
    ln.append(ln_ref.makeelement(A + "noFill", {}))
    return ln


def group(scene: Scene, grp: Element, box: Box, depth: int = 0, outer: bool = False) -> str:
    """Return the HTML of a group (wpg:wgp, grpSp) at `box`: its children mapped from its child space."""
    if depth > MAX_DEPTH:
        _approximate(scene, t("嵌套过深的组合"))
        return ""
    props = _kid(grp, "grpSpPr")
    xfrm = props.find(A + "xfrm") if props is not None else None
    scale = (0.0, 0.0, 1 / 12700, 1 / 12700)
    if xfrm is not None:
        ch_off, ch_ext = xfrm.find(A + "chOff"), xfrm.find(A + "chExt")
        if ch_ext is not None:
            cw, chh = to_int(ch_ext.get("cx")) or 0, to_int(ch_ext.get("cy")) or 0
            x0 = (to_int(ch_off.get("x")) or 0) if ch_off is not None else 0
            y0 = (to_int(ch_off.get("y")) or 0) if ch_off is not None else 0
            scale = (x0, y0, box.w / cw if cw else 1 / 12700, box.h / chh if chh else 1 / 12700)
        if outer:
            own = xfrm_box(xfrm, (0, 0, 1 / 12700, 1 / 12700))
            if own is not None:
                box = Box(box.x, box.y, box.w, box.h, own.rot, own.flip_h, own.flip_v)
    if box.flip_h or box.flip_v:
        _approximate(scene, t("组合的翻转"))
    inner = children(scene, list(grp), scale, depth)
    return f'<{scene.tag} style="{box_style(Box(box.x, box.y, box.w, box.h, box.rot))}">{inner}</{scene.tag}>'


def children(
    scene: Scene, elements: list[Element], scale: tuple[float, float, float, float], depth: int
) -> str:
    """Return the HTML of a group's or canvas's children, in order (later ones in front)."""
    out = []
    for el in elements:
        kind = local(el)
        if kind in SHAPES | GROUPS | {"pic", "graphicFrame"}:
            props = _kid(el, "spPr") if kind in SHAPES | {"pic"} else _kid(el, "grpSpPr")
            box = xfrm_box(props.find(A + "xfrm") if props is not None else None, scale)
            if box is None:
                continue
            if kind in SHAPES:
                out.append(shape(scene, el, box))
            elif kind in GROUPS:
                out.append(group(scene, el, box, depth + 1))
            elif kind == "pic":
                out.append(picture(scene, el, box))
            else:
                _approximate(scene, t("组合中的图表或对象"))
        elif kind == "AlternateContent":
            choice = next((c for c in el if local(c) == "Choice"), None)
            if choice is not None:
                out.append(children(scene, list(choice), scale, depth))
    return "".join(out)


def canvas(scene: Scene, wpc: Element, box: Box) -> str:
    """Return the HTML of a drawing canvas (wpc:wpc): its background and children in EMU from its corner."""
    parts = []
    background = _kid(wpc, "bg")
    whole = _kid(wpc, "whole")
    if background is not None or whole is not None:
        fill = scene.painter.fill(background) or 'fill="none"'
        ln_el = whole.find(A + "ln") if whole is not None else None
        ln = line(scene.painter, ln_el, None, None) if ln_el is not None else None
        paths, _ = outline(preset("rect") or {}, box.w * 12700, box.h * 12700)
        parts.append(outline_svg(scene.painter, paths, Box(0, 0, box.w, box.h), fill, ln))
        scene.painter.defs.clear()
    parts.append(children(scene, list(wpc), (0.0, 0.0, 1 / 12700, 1 / 12700), 0))
    return f'<{scene.tag} style="{box_style(box)}">{"".join(parts)}</{scene.tag}>'


def picture(scene: Scene, pic: Element, box: Box) -> str:
    """Return a picture inside a group or canvas: an <img> at its box, or '' with a warning."""
    blip = pic.find(f".//{A}blip")
    rid = blip.get(R + "embed") if blip is not None else None
    part = scene.part or scene.ctx.story.part
    if rid is None or rid not in part.related_parts:
        _approximate(scene, t("组合中缺少图像数据的图片"))
        return ""
    data = part.related_parts[rid].blob
    found = pictures.check(data)
    if found is None:
        _approximate(scene, t("组合中不是 {kinds} 的图片", kinds=pictures.KINDS))
        return ""
    source = f"data:{found.content_type};base64,{base64.b64encode(data).decode('ascii')}"
    return f'<img src="{source}" style="{box_style(box)}" alt="">'


def extent_box(frame: Element) -> Box:
    """Return the box of a drawing's wp:extent at the origin (pt)."""
    extent = frame.find("{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}extent")
    cx = max(to_int(extent.get("cx")) or 0, 0) if extent is not None else 0
    cy = max(to_int(extent.get("cy")) or 0, 0) if extent is not None else 0
    return Box(0.0, 0.0, emu_pt(cx), emu_pt(cy))


def _approximate(scene: Scene, what: str) -> None:
    """Warn once per drawing that `what` is approximated or left out."""
    if what in scene.warned:
        return
    scene.warned.add(what)
    scene.state.warn(scene.ctx.where, t("图形“{name}”中的{what}按近似处理", name=scene.name, what=what))

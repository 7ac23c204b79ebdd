"""VML (w:pict: v:rect, v:roundrect, v:oval, v:line, v:shape, v:textbox, v:imagedata) → the same
HTML as DrawingML shapes. A shape positioned absolutely (style="position:absolute;margin-left:…")
is placed like a wp:anchor: its style becomes one, read by `docx/anchors.py`; otherwise it is inline."""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from reportgen.docx.ooxml import NS, Element, R, local
from reportgen.docx.shapes.drawingml import picture
from reportgen.docx.shapes.geometry import A, outline, preset
from reportgen.docx.shapes.paint import Color, Line, Painter, theme_of
from reportgen.docx.shapes.scene import Blocks, Box, Scene, box_style, outline_svg
from reportgen.docx.shapes.text import text_box
from reportgen.docx.state import ConversionState, RunContext
from reportgen.i18n import t

V = "{urn:schemas-microsoft-com:vml}"
OFFICE = "{urn:schemas-microsoft-com:office:office}"
W10 = "{urn:schemas-microsoft-com:office:word}"
UNITS = {"pt": 1.0, "in": 72.0, "cm": 72 / 2.54, "mm": 72 / 25.4, "px": 0.75, "pc": 12.0, "emu": 1 / 12700}
PRESETS = {
    "rect": "rect",
    "roundrect": "roundRect",
    "oval": "ellipse",
    "line": "line",
    "shape": "rect",
    "image": "rect",
}
RELATIVE_H = {"margin": "margin", "page": "page", "text": "column", "char": "character", "left-margin-area": "leftMargin", "right-margin-area": "rightMargin", "inner-margin-area": "insideMargin", "outer-margin-area": "outsideMargin"}  # fmt: skip
RELATIVE_V = {"margin": "margin", "page": "page", "text": "paragraph", "line": "line", "top-margin-area": "topMargin", "bottom-margin-area": "bottomMargin", "inner-margin-area": "insideMargin", "outer-margin-area": "outsideMargin"}  # fmt: skip
NAMED = {"black": "000000", "white": "FFFFFF", "red": "FF0000", "green": "008000", "blue": "0000FF", "yellow": "FFFF00", "gray": "808080", "silver": "C0C0C0"}  # fmt: skip
WRAPS = {
    "square": "wrapSquare",
    "tight": "wrapTight",
    "through": "wrapThrough",
    "topAndBottom": "wrapTopAndBottom",
}
WPNS = NS["wp"]


@dataclass(frozen=True)
class VmlShape:
    """A VML graphic drawn: its HTML in a box of width × height pt, and its anchor when it floats."""

    html: str
    width: float
    height: float
    anchor: Element | None
    block: bool


def length(text: str | None) -> float:
    """Return a VML/CSS length in pt ("12pt", "1in", "3.5cm"; a bare number is px)."""
    match = re.fullmatch(r"\s*(-?[\d.]+)\s*([a-z]*)\s*", text or "")
    if not match:
        return 0.0
    try:
        return float(match.group(1)) * UNITS.get(match.group(2) or "px", 1.0)
    except ValueError:
        return 0.0


def _style(el: Element) -> dict[str, str]:
    out = {}
    for item in (el.get("style") or "").split(";"):
        key, _, value = item.partition(":")
        if key.strip():
            out[key.strip().lower()] = value.strip()
    return out


def _color(text: str | None) -> Color | None:
    """Return a VML colour ("#FF0000", "red", "#f00 [3204]"), or None ("none" or absent)."""
    word = (text or "").split()[0] if (text or "").split() else ""
    if word.startswith("#"):
        hexa = word[1:]
        if len(hexa) == 3:
            hexa = "".join(c * 2 for c in hexa)
        return Color(hexa.upper()) if re.fullmatch(r"[0-9A-Fa-f]{6}", hexa) else None
    return Color(NAMED[word]) if word in NAMED else None


def vml_shape(
    state: ConversionState, pict: Element, ctx: RunContext, blocks: Blocks | None
) -> VmlShape | None:
    """Return the first VML shape of a w:pict drawn, or None when it holds none (an OLE object)."""
    el = next((c for c in pict.iter() if isinstance(c.tag, str) and c.tag.startswith(V) and local(c) in {*PRESETS, "group", "polyline"}), None)  # fmt: skip
    if el is None:
        return None
    style = _style(el)
    if style.get("visibility") == "hidden":
        return VmlShape("", 0, 0, None, False)
    width, height = length(style.get("width")), length(style.get("height"))
    name = el.get("alt") or el.get("id") or t("（无名称）")
    floating = style.get("position") == "absolute"
    has_text = el.find(f".//{V}textbox") is not None
    scene = Scene(state, ctx, Painter(theme_of(ctx.story.part)), name, blocks, floating and has_text)
    rot = length(style.get("rotation"))
    flip = style.get("flip", "")
    box = Box(0.0, 0.0, width, height, rot * 1.0, "x" in flip, "y" in flip)
    if local(el) in ("group", "polyline"):
        scene.state.warn(
            ctx.where, t("VML 图形“{name}”（{kind}）暂不支持，已略过", name=name, kind="v:" + local(el))
        )
        return VmlShape("", width, height, None, False)
    html = _draw(scene, el, box)
    anchor = _anchor(el, style, width, height, name) if floating else None
    return VmlShape(html, width, height, anchor, scene.block)


def _draw(scene: Scene, el: Element, box: Box) -> str:
    """Return one VML shape: its outline (preset by element, or the shape's path approximated by
    its box), its picture (v:imagedata) and its text (v:textbox)."""
    kind = local(el)
    parts = []
    image = el.find(V + "imagedata")
    if image is not None:
        rid = image.get(R + "id") or image.get(OFFICE + "relid")
        pic = etree.Element(A + "pic")
        blip = etree.SubElement(etree.SubElement(pic, A + "blipFill"), A + "blip")
        if rid:
            blip.set(R + "embed", rid)
        parts.append(picture(scene, pic, Box(0, 0, box.w, box.h)))
    filled = el.get("filled", "t" if image is None else "f") not in ("f", "false")
    fill_el = el.find(V + "fill")
    fill = 'fill="none"'
    if filled:
        color = _color(el.get("fillcolor") or "#FFFFFF")
        if fill_el is not None and fill_el.get("opacity"):
            opacity = fill_el.get("opacity", "1")
            alpha = int(opacity[:-1]) / 65536 if opacity.endswith("f") and opacity[:-1].isdigit() else length(opacity) / 0.75 if opacity.replace(".", "", 1).isdigit() else 1.0  # fmt: skip
            color = Color(color.hex, min(max(alpha, 0.0), 1.0)) if color is not None else None
        if fill_el is not None and fill_el.get("type", "solid") != "solid":
            scene.state.warn(
                scene.ctx.where, t("图形“{name}”中的{what}按近似处理", name=scene.name, what="v:fill")
            )
        fill = f'fill="#{color.hex}"' + (f' fill-opacity="{color.alpha:.3g}"' if color.alpha < 1 else "") if color else 'fill="none"'  # fmt: skip
    ln = _line(el, image is None)
    geometry = preset(PRESETS.get(kind, "rect")) or {}
    adjust = {}
    if kind == "roundrect":
        arc = el.get("arcsize", "0.2")
        value = int(arc[:-1]) / 65536 if arc.endswith("f") and arc[:-1].isdigit() else length(arc) / 0.75 if arc.replace(".", "", 1).isdigit() else 0.2  # fmt: skip
        adjust["adj"] = f"val {round(value * 50000)}"
    if (
        kind == "shape"
        and (el.get("path") or el.get("type"))
        and not el.get("type", "").endswith(("t202", "t75", "t1"))
    ):
        scene.state.warn(
            scene.ctx.where, t("图形“{name}”中的{what}按近似处理", name=scene.name, what="v:shape path")
        )
    w, h = box.w, box.h
    if kind == "line":
        x1, y1 = (length(v) for v in (el.get("from", "0,0") + ",0").split(",")[:2])
        x2, y2 = (length(v) for v in (el.get("to", "0,0") + ",0").split(",")[:2])
        w, h = abs(x2 - x1), abs(y2 - y1)
        box = Box(min(x1, x2), min(y1, y2), w, h, box.rot, (x2 < x1) != box.flip_h, (y2 < y1) != box.flip_v)
    paths, rect = outline(geometry, w * 12700, h * 12700, adjust)
    if image is None or ln is not None:
        parts.insert(0, outline_svg(scene.painter, paths, box, fill, ln))
    textbox = el.find(V + "textbox")
    if textbox is not None:
        insets = [length(v) for v in (textbox.get("inset") or "7.2pt,3.6pt,7.2pt,3.6pt").split(",")]
        insets += [7.2, 3.6, 7.2, 3.6][len(insets) :]
        body = etree.Element(A + "bodyPr", {k: str(round(v * 12700)) for k, v in zip(("lIns", "tIns", "rIns", "bIns"), insets, strict=False)})  # fmt: skip
        parts.append(text_box(scene, textbox, body, rect, None))
    return f'<{scene.tag} style="{box_style(box)}">{"".join(parts)}</{scene.tag}>'


def _line(el: Element, default: bool) -> Line | None:
    """Return a VML shape's outline (stroked, strokecolor, strokeweight, v:stroke), or None."""
    stroke = el.find(V + "stroke")
    on = el.get("stroked", "t" if default else "f") not in ("f", "false")
    if stroke is not None and stroke.get("on") in ("f", "false"):
        on = False
    if not on:
        return None
    color = _color(
        (stroke.get("color") if stroke is not None else None) or el.get("strokecolor") or "#000000"
    )
    width = length(el.get("strokeweight") or "0.75pt") or 0.75
    dash: tuple[float, ...] = ()
    style = stroke.get("dashstyle", "solid") if stroke is not None else "solid"
    dashes = {"dash": (4, 3), "dot": (1, 1), "shortdash": (3, 1), "shortdot": (1, 1), "dashdot": (4, 3, 1, 3), "longdash": (8, 3)}  # fmt: skip
    if style in dashes:
        dash = tuple(d * width for d in dashes[style])
    ends = []
    for attr in ("startarrow", "endarrow"):
        kind = stroke.get(attr) if stroke is not None else None
        ends.append(None if not kind or kind == "none" else ({"block": "triangle", "classic": "stealth", "open": "arrow"}.get(kind, kind), 3 * max(width, 1.0), 3 * max(width, 1.0)))  # fmt: skip
    return Line(color or Color("000000"), width, dash, head=ends[0], tail=ends[1])


def _anchor(el: Element, style: dict[str, str], width: float, height: float, name: str) -> Element:
    """Return a wp:anchor equivalent to an absolutely positioned VML shape's style (for anchors.py)."""
    z = int(length(style.get("z-index")) / 0.75) if style.get("z-index") else 0
    anchor = etree.Element(
        f"{{{WPNS}}}anchor", {"behindDoc": "1" if z < 0 else "0", "relativeHeight": str(abs(z))}
    )
    for axis, margin, table, default in (
        ("H", "margin-left", RELATIVE_H, "text"),
        ("V", "margin-top", RELATIVE_V, "text"),
    ):
        relative = style.get(f"mso-position-{'horizontal' if axis == 'H' else 'vertical'}-relative", default)
        align = style.get(f"mso-position-{'horizontal' if axis == 'H' else 'vertical'}")
        pos = etree.SubElement(
            anchor, f"{{{WPNS}}}position{axis}", {"relativeFrom": table.get(relative, table[default])}
        )
        offset = length(style.get(margin)) + length(style.get("left" if axis == "H" else "top"))
        if align and align != "absolute":
            etree.SubElement(pos, f"{{{WPNS}}}align").text = align
        else:
            etree.SubElement(pos, f"{{{WPNS}}}posOffset").text = _emu(offset)
    etree.SubElement(anchor, f"{{{WPNS}}}extent", {"cx": _emu(width), "cy": _emu(height)})
    wrap = el.find(W10 + "wrap")
    kind = WRAPS.get(wrap.get("type", "") if wrap is not None else "", "wrapNone")
    etree.SubElement(anchor, f"{{{WPNS}}}{kind}", {"wrapText": "bothSides"})
    etree.SubElement(anchor, f"{{{WPNS}}}docPr", {"name": name})
    return anchor


def _emu(pt: float) -> str:
    return str(round(pt * 12700))

"""Floating pictures (wp:anchor) → boxes out of the text flow, placed where Word places them.

docs/drawings.md explains the model. In short: the picture is an absolutely positioned box inside
its anchor paragraph, which has no positioned ancestor, so its containing block is the page's
content area (body), or the header's or footer's margin box; a position relative to the page or
its margins is a fixed `left`/`top` from that origin, one relative to the paragraph or line keeps
the static position (the paragraph's first line, or the anchor's line) and moves by `margin-top`.
Such a box never moves a line. Text wrapping (square, tight, through, top and bottom) is an empty
float beside it that pushes the lines aside or below.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from reportgen.docx.css import fmt
from reportgen.docx.ooxml import NS, Element, emu_pt, to_int
from reportgen.docx.state import ConversionState, RunContext
from reportgen.i18n import t

WP14 = "{http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing}"
WRAPS = {
    "wrapNone": "none",
    "wrapSquare": "square",
    "wrapTight": "tight",
    "wrapThrough": "through",
    "wrapTopAndBottom": "band",
}
STATIC_H = {"character"}
STATIC_V = {"paragraph", "line"}
AREA_NAMES = {"character": "锚点字符", "column": "分栏", "paragraph": "锚点段落", "line": "锚点所在行"}
Z_BEHIND = 2**31
"""A picture behind the text gets z-index relativeHeight − Z_BEHIND: below the text, in Word's order."""
MIN_ROOM = 18.0
"""Room (pt) beside a square-wrapped box below which no text flows there (so a float is exact)."""


@dataclass(frozen=True)
class Floating:
    """A floating picture: its data, size, where it goes and how text wraps around it.

    Lengths in pt. `left`/`top` are CSS offsets from the containing block's origin (None: keep
    the static position); `shift` moves it from the static position (margin-top); `in_place`:
    it stays where its anchor run is (relative to the line or character), otherwise it goes to
    the start of its paragraph, whose top is the reference then (`from_paragraph`).
    """

    source: str
    width: float
    height: float
    left: float | None
    top: float | None
    shift: float
    shift_x: float
    from_paragraph: bool
    in_place: bool
    z: int
    transform: str
    crop: tuple[float, float, float, float] | None
    wrap: str
    side: str
    band: tuple[float, float, float, float]
    column_x: float
    content: str = ""
    """A shape's markup (docx/shapes) drawn in the box instead of the picture."""
    block: bool = False
    """The content holds paragraphs: the box goes before the anchor paragraph (`hoisted`)."""

    def _position(self, inset: float, shift_x: float = 0.0) -> list[str]:
        """Return the box's positioning CSS; `inset` is taken off a shift from the paragraph's top."""
        style = ["position:absolute"]
        if self.left is not None:
            style.append(f"left:{fmt(self.left)}")
        elif self.shift_x + shift_x:
            style.append(f"margin-left:{fmt(self.shift_x + shift_x)}")
        if self.top is not None:
            style.append(f"top:{fmt(self.top)}")
        else:
            shift = self.shift - (inset if self.from_paragraph else 0.0)
            if shift:
                style.append(f"margin-top:{fmt(shift)}")
        style.append(f"z-index:{self.z}")
        if self.transform:
            style.append(f"transform:{self.transform}")
        return style

    def hoisted(self, declarations: list[str]) -> str:
        """Return a box holding paragraphs (a text box), to be written just before its paragraph:
        its static position is the paragraph's top, space before included ('' for other boxes)."""
        if not (self.content and self.block):
            return ""
        style = self._position(0.0, _declared(declarations, "margin-left"))  # (line: from the paragraph)
        size = f"width:{fmt(self.width)};height:{fmt(self.height)}"
        return f'<div style="{";".join(style)};{size}">{self.content}</div>'

    def html(self, declarations: list[str]) -> str:
        """Return the markup: the wrap's float (if any) and the positioned picture.

        `declarations` are the anchor paragraph's CSS (its top inset and left indent are needed).
        """
        inset = _declared(declarations, "padding-top") + _declared(declarations, "border-top")
        style = self._position(inset)
        size = f"width:{fmt(self.width)};height:{fmt(self.height)}"
        if self.content:
            shape = (
                ""
                if self.block
                else f'<span style="{";".join(style)};display:block;{size}">{self.content}</span>'
            )
            return self._wrap(declarations, inset) + shape
        if self.crop is None:
            picture = f'<img src="{self.source}" style="{";".join(style)};{size}" alt="">'
        else:
            left, top, right, bottom = self.crop
            full_w = self.width / max(1.0 - left - right, 0.001)
            full_h = self.height / max(1.0 - top - bottom, 0.001)
            inner = (
                f"display:block;width:{fmt(full_w)};height:{fmt(full_h)};"
                f"margin-left:{fmt(-left * full_w)};margin-top:{fmt(-top * full_h)}"
            )
            picture = (
                f'<span style="{";".join(style)};display:block;{size};overflow:hidden">'
                f'<img src="{self.source}" style="{inner}" alt=""></span>'
            )
        return self._wrap(declarations, inset) + picture

    def _wrap(self, declarations: list[str], inset: float) -> str:
        """Return the empty float that makes the text wrap around the picture ('' for wrapNone)."""
        if self.wrap == "none":
            return ""
        band_l, band_t, band_r, band_b = self.band
        top = (self.shift if self.top is None else 0.0) - band_t - (inset if self.from_paragraph else 0.0)
        bottom = top + band_t + self.height + band_b
        height = bottom - max(top, 0.0)
        if height <= 0:
            return ""
        style = [f"float:{self.side}", f"height:{fmt(height)}"]
        if top > 0:
            style.append(f"margin-top:{fmt(top)}")
        if self.wrap == "band":
            style.append("width:100%")
        else:
            indent = _declared(declarations, "margin-left")
            box_left = self.column_x - band_l - indent
            width = band_l + self.width + band_r
            if self.side == "left":
                if box_left > 0:
                    style.append(f"margin-left:{fmt(box_left)}")
                else:
                    width += box_left
            style.append(f"width:{fmt(max(width, 0.0))}")
        return f'<span style="{";".join(style)}"></span>'


def parse_anchor(
    state: ConversionState, anchor: Element, ctx: RunContext, name: str, source: str
) -> Floating | None:
    """Return a wp:anchor picture's placement, or None when Word does not print it (hidden).

    What cannot be placed exactly is placed approximately with a warning naming the picture.
    """
    doc_pr = anchor.find("wp:docPr", NS)
    if doc_pr is not None and doc_pr.get("hidden") in ("1", "true"):
        return None
    page = state.page
    area = ctx.story.area
    extent = anchor.find("wp:extent", NS)
    width = emu_pt(max(to_int(extent.get("cx")) or 0, 0)) if extent is not None else 0.0
    height = emu_pt(max(to_int(extent.get("cy")) or 0, 0)) if extent is not None else 0.0

    def approximate(what: str) -> None:
        state.warn(ctx.where, t("浮动图片“{name}”：{what}，按近似处理", name=name, what=what))

    # the containing block's origin on the page: the body's content area, or a margin box
    origin_x = page.left
    # (measured: a margin box's absolute boxes are placed from its content box, then moved with
    # its content by the vertical alignment; a footer's content is bottom-aligned, by its height)
    origin_y = {"header": page.header, "footer": page.height - page.bottom}.get(area, page.top)
    in_note = area == "note"
    if in_note:
        approximate(t("脚注中的浮动图片放在引用处"))

    h_from, h_align, h_offset = _position(anchor.find("wp:positionH", NS), "column")
    v_from, v_align, v_offset = _position(anchor.find("wp:positionV", NS), "paragraph")
    simple = anchor.get("simplePos") in ("1", "true")
    if simple:
        point = anchor.find("wp:simplePos", NS)
        h_from, h_align, v_from, v_align = "page", None, "page", None
        h_offset = emu_pt(to_int(point.get("x")) or 0) if point is not None else 0.0
        v_offset = emu_pt(to_int(point.get("y")) or 0) if point is not None else 0.0

    content_width = page.width - page.left - page.right
    h_ranges = {
        "page": (0.0, page.width),
        "margin": (page.left, content_width),
        "column": (page.left, content_width),
        "leftMargin": (0.0, page.left),
        "insideMargin": (0.0, page.left),
        "rightMargin": (page.width - page.right, page.right),
        "outsideMargin": (page.width - page.right, page.right),
    }
    v_ranges = {
        "page": (0.0, page.height),
        "margin": (page.top, page.height - page.top - page.bottom),
        "topMargin": (0.0, page.top),
        "insideMargin": (0.0, page.top),
        "bottomMargin": (page.height - page.bottom, page.bottom),
        "outsideMargin": (page.height - page.bottom, page.bottom),
    }
    left: float | None = None
    shift_x = 0.0
    if h_from in h_ranges and not in_note:
        if h_from == "column" and page.columns > 1:
            approximate(t("相对于{area}的位置按页边距计算", area=t(AREA_NAMES["column"])))
        start, span = h_ranges[h_from]
        x = start + _aligned(h_align, h_offset, span, width)
        left = x - origin_x
    else:
        if h_align not in (None, "left"):
            approximate(t("相对于{area}的对齐方式按左对齐", area=t(AREA_NAMES.get(h_from, "锚点字符"))))
        shift_x = h_offset
        x = None
    top: float | None = None
    shift = 0.0
    if v_from in v_ranges and not in_note:
        start, span = v_ranges[v_from]
        top = start + _aligned(v_align, v_offset, span, height) - origin_y
        if area == "footer":
            approximate(t("页脚中按页面定位时，按页脚区域顶端计算（Word 按页面）"))
    else:
        if v_align not in (None, "top"):
            approximate(t("相对于{area}的对齐方式按顶端对齐", area=t(AREA_NAMES.get(v_from, "锚点段落"))))
        shift = v_offset

    behind = anchor.get("behindDoc") in ("1", "true")
    height_rank = max(0, min(to_int(anchor.get("relativeHeight")) or 0, Z_BEHIND - 1))
    z = height_rank - Z_BEHIND if behind else height_rank

    wrap_el = next((el for el in anchor if el.tag.rsplit("}", 1)[-1] in WRAPS), None)
    wrap = WRAPS[wrap_el.tag.rsplit("}", 1)[-1]] if wrap_el is not None else "none"
    band = _band(anchor, wrap_el)
    side = "left"
    column_x = (x if x is not None else page.left + h_offset) - page.left
    if wrap in ("square", "tight", "through"):
        if top is not None:
            approximate(t("文字环绕按所在段落的位置计算（Word 按页面位置）"))
        room_left = column_x - band[0]
        room_right = content_width - (column_x + width + band[2])
        wrap_text = wrap_el.get("wrapText", "bothSides") if wrap_el is not None else "bothSides"
        if wrap_text == "left" or (wrap_text != "right" and room_right < room_left):
            side = "right"
        if wrap_text == "bothSides" and min(room_left, room_right) >= MIN_ROOM:
            approximate(t("两侧环绕的文字只排在较宽的一侧"))
        elif wrap != "square" and max(room_left, room_right) >= MIN_ROOM:
            approximate(t("紧密型或穿越型环绕按四周型环绕处理"))
        wrap = "square"
    elif wrap == "band" and top is not None:
        approximate(t("上下型环绕按所在段落的位置计算（Word 按页面位置）"))

    transform, crop = _picture_form(anchor)
    return Floating(
        source=html.escape(source, quote=True),
        width=width,
        height=height,
        left=left,
        top=top,
        shift=shift,
        shift_x=shift_x,
        from_paragraph=v_from != "line" and top is None,
        in_place=(v_from == "line" or h_from in STATIC_H or in_note),
        z=z,
        transform=transform,
        crop=crop,
        wrap=wrap,
        side=side,
        band=band,
        column_x=column_x,
    )


def _position(el: Element | None, default: str) -> tuple[str, str | None, float]:
    """Return (relativeFrom, align or None, offset in pt) of a wp:positionH/wp:positionV."""
    if el is None:
        return default, None, 0.0
    relative = el.get("relativeFrom", default)
    align = el.find("wp:align", NS)
    if align is not None and (align.text or "").strip():
        return relative, (align.text or "").strip(), 0.0
    offset = el.find("wp:posOffset", NS)
    if offset is not None:
        return relative, None, emu_pt(to_int(offset.text) or 0)
    percent = next((c for c in el if c.tag in (WP14 + "pctPosHOffset", WP14 + "pctPosVOffset")), None)
    if percent is not None:
        return relative, f"{(to_int(percent.text) or 0) / 100000}%", 0.0
    return relative, None, 0.0


def _aligned(align: str | None, offset: float, span: float, size: float) -> float:
    """Return the box's distance from the start of its reference area (alignment or offset)."""
    if align is None:
        return offset
    if align.endswith("%"):
        return span * float(align[:-1])
    return {
        "center": (span - size) / 2,
        "right": span - size,
        "bottom": span - size,
        "outside": span - size,
    }.get(align, 0.0)


def _band(anchor: Element, wrap_el: Element | None) -> tuple[float, float, float, float]:
    """Return the space the wrapped text keeps around the extent: effect extent plus wrap distance."""
    effect = anchor.find("wp:effectExtent", NS)
    out = []
    for side in "LTRB":
        dist = to_int(
            (wrap_el if wrap_el is not None and wrap_el.get("dist" + side) else anchor).get("dist" + side)
        )
        eff = to_int(effect.get(side.lower())) if effect is not None else 0
        out.append(emu_pt(max(dist or 0, 0) + max(eff or 0, 0)))
    return out[0], out[1], out[2], out[3]


def _picture_form(anchor: Element) -> tuple[str, tuple[float, float, float, float] | None]:
    """Return the CSS transform (rotation, flips) and the crop fractions (l, t, r, b) of the picture."""
    transform = []
    xfrm = anchor.find(".//pic:spPr/a:xfrm", NS)
    if xfrm is not None:
        rotation = (to_int(xfrm.get("rot")) or 0) / 60000 % 360
        if rotation:
            transform.append(f"rotate({rotation:.3f}".rstrip("0").rstrip(".") + "deg)")
        flip_h, flip_v = (xfrm.get(k) in ("1", "true") for k in ("flipH", "flipV"))
        if flip_h or flip_v:
            transform.append(f"scale({-1 if flip_h else 1},{-1 if flip_v else 1})")
    crop = None
    rect = anchor.find(".//pic:blipFill/a:srcRect", NS)
    if rect is not None:
        values = tuple(max(-1.0, min((to_int(rect.get(k)) or 0) / 100000, 0.99)) for k in "ltrb")
        if any(values):
            crop = (values[0], values[1], values[2], values[3])
    return " ".join(transform), crop


def _declared(declarations: list[str], prop: str) -> float:
    """Return the last value in pt of `prop` among CSS declarations (a border's first length), or 0."""
    value = 0.0
    for declaration in declarations:
        for part in declaration.split(";"):
            key, _, text = part.partition(":")
            if key == prop:
                word = text.split()[0] if text.split() else "0"
                try:
                    value = float(word.removesuffix("pt"))
                except ValueError:
                    value = 0.0
    return value


def place_floats(chunk: list[str], floats: list[tuple[int, Floating]], declarations: list[str]) -> str:
    """Return a paragraph chunk's HTML with its floating pictures inserted (each before the piece
    at its index), and a no-break space when nothing else is in it (the line keeps its height)."""
    pieces = list(chunk) or ["\u00a0"]
    for added, (index, floating) in enumerate(sorted(floats, key=lambda item: item[0])):
        pieces.insert(min(index + added, len(pieces)), floating.html(declarations))
    return "".join(pieces)

"""What drawing one graphic needs: where it is, the paint resolver, how text boxes convert, and the
HTML of one shape's outline (an SVG over its box, in pt)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from reportgen.docx.css import Grid, fmt
from reportgen.docx.ooxml import Element
from reportgen.docx.shapes.geometry import A, Geometry, Outline, preset, read_geometry
from reportgen.docx.shapes.paint import Line, Painter, arrow, shaded
from reportgen.docx.state import ConversionState, RunContext, Story

Blocks = Callable[[list[Element], Story, Grid], str]
"""Converts a text box's block content (BlockConverter.blocks)."""


@dataclass(frozen=True)
class Box:
    """A shape's box inside its container (pt), its rotation (degrees) and flips."""

    x: float
    y: float
    w: float
    h: float
    rot: float = 0.0
    flip_h: bool = False
    flip_v: bool = False


@dataclass
class Scene:
    """One graphic being drawn: the document, the place, and whether block HTML (div, p) may be
    written (a floating box goes before its paragraph), or only inline elements (span, svg, img)."""

    state: ConversionState
    ctx: RunContext
    painter: Painter
    name: str
    blocks: Blocks | None = None
    block: bool = False
    has_text: bool = False  # a text box's paragraphs were drawn (the box needs block HTML)
    warned: set[str] = field(default_factory=set)
    part: Any = None  # the part whose relationships pictures use (a SmartArt's drawing part)

    @property
    def tag(self) -> str:
        return "div" if self.block else "span"


def box_style(box: Box) -> str:
    """Return the CSS placing a shape's box inside its container (with its rotation)."""
    style = (
        f"position:absolute;display:block;left:{fmt(box.x)};top:{fmt(box.y)};"
        f"width:{fmt(box.w)};height:{fmt(box.h)}"
    )
    if box.rot % 360:
        style += f";transform:rotate({box.rot % 360:.3f}".rstrip("0").rstrip(".") + "deg)"
    return style


def outline_svg(painter: Painter, paths: list[Outline], box: Box, fill: str, ln: Line | None) -> str:
    """Return an SVG drawing `paths` over a box of box.w × box.h pt (origin at the box's corner),
    filled with `fill` (SVG attributes), outlined by `ln`, flipped as the box says."""
    if not paths:
        return ""
    pad = (ln.width if ln is not None else 0.0) + 2.0
    if ln is not None and (ln.head or ln.tail):
        pad += max((e[1] + e[2] for e in (ln.head, ln.tail) if e is not None), default=0.0)
    body = []
    stroke = ln.attributes() if ln is not None else 'stroke="none"'
    for path in paths:
        paint = 'fill="none"' if path.fill == "none" else shaded(fill, path.fill)
        outline = stroke if path.stroke else 'stroke="none"'
        body.append(f'<path d="{path.d}" {paint} fill-rule="evenodd" {outline}/>')
    if ln is not None:
        opened = [p for p in paths if not p.closed and p.stroke and p.start is not None and p.end is not None]
        if opened and ln.head is not None and opened[0].start is not None:
            body.append(arrow(ln.head, opened[0].start, opened[0].start_dir, ln))
        if opened and ln.tail is not None and opened[-1].end is not None:
            body.append(arrow(ln.tail, opened[-1].end, opened[-1].end_dir, ln))
    flips = []
    if box.flip_h:
        flips.append(f"matrix(-1 0 0 1 {box.w:.3f} 0)")
    if box.flip_v:
        flips.append(f"matrix(1 0 0 -1 0 {box.h:.3f})")
    group = "".join(body)
    if flips:
        group = f'<g transform="{" ".join(flips)}">{group}</g>'
    defs = f"<defs>{''.join(dict.fromkeys(painter.defs))}</defs>" if painter.defs else ""
    width, height = box.w + 2 * pad, box.h + 2 * pad
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" style="position:absolute;left:{fmt(-pad)};top:{fmt(-pad)}" '
        f'width="{width:.3f}pt" height="{height:.3f}pt" viewBox="{-pad:.3f} {-pad:.3f} {width:.3f} {height:.3f}">'
        f"{defs}{group}</svg>"
    )


def geometry_of(sp_pr: Element | None) -> tuple[Geometry | None, dict[str, str], str]:
    """Return a shape's geometry (preset or custom), its adjust values and the preset's name
    ("" for custom geometry; None geometry: a preset not in the table)."""
    if sp_pr is None:
        return None, {}, "rect"
    prst = sp_pr.find(A + "prstGeom")
    if prst is not None:
        name = prst.get("prst", "rect")
        adjust = {gd.get("name", ""): gd.get("fmla", "") for gd in prst.iterfind(f"{A}avLst/{A}gd")}
        return preset(name), adjust, name
    cust = sp_pr.find(A + "custGeom")
    if cust is not None:
        return read_geometry(cust), {}, ""
    return None, {}, "rect"

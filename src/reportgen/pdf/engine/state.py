"""The state of one render, kept per call in a context variable (never in module globals)."""

from __future__ import annotations

from collections.abc import Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from lxml.etree import _Element as Element
from weasyprint.formatting_structure import boxes
from weasyprint.layout import LayoutContext
from weasyprint.text import line_break

from reportgen.hints import LayoutOptions, TabStops

Widths = dict[tuple[object, ...], float]
"""Measured widths (px) of short texts by (text, font family, size, weight, style, letter-spacing, lang)."""
Style = Mapping[str, Any]
"""A WeasyPrint computed style (a dict of CSS property values, which are of many types)."""
__all__ = ["CURRENT", "Element", "FirstLine", "LayoutContext", "RenderState", "Style", "Widths", "first_line"]


@dataclass
class RenderState:
    """What the extensions know and remember while WeasyPrint lays out one document."""

    options: LayoutOptions
    line_start: float = 0.0
    """Where the line being laid out starts (set when WeasyPrint lays out a line box)."""
    line_box: boxes.LineBox | None = None
    """The line box being laid out."""
    line_squeeze: float = 0.0
    """How much the punctuation of the line being laid out can be squeezed, so far (hanging.py)."""
    widths: Widths = field(default_factory=dict)
    """Widths of short texts (punctuation, spaces) per style, measured once: handed in by the caller
    with the font configuration they were measured with, so that later renders reuse them."""
    tabs: dict[str, TabStops] = field(default_factory=dict)
    """Parsed data-rg-tabs values."""
    making_font: bool = False
    """True while WeasyPrint makes a PDF font (subsets.py leaves its face unread then)."""

    def tab_stops(self, value: str) -> TabStops:
        """Return the tab stops of a data-rg-tabs value, parsed once per render (HintError if malformed)."""
        stops = self.tabs.get(value)
        if stops is None:
            stops = self.tabs[value] = TabStops.parse(value)
        return stops

    def width(self, context: LayoutContext, text: str, style: Style) -> float:
        """Return the width (px) of a short text in a style, measured once (see `widths`)."""
        key = (
            text,
            tuple(style["font_family"]),
            style["font_size"],
            style["font_weight"],
            style["font_style"],
            str(style["letter_spacing"]),
            style["lang"],
        )
        width = self.widths.get(key)
        if width is None:
            width = self.widths[key] = first_line(text, style, context, None).width
        return width


CURRENT: ContextVar[RenderState | None] = ContextVar("reportgen_render_state", default=None)
"""The render the current thread (or task) is in; None outside reportgen's renders."""


class FirstLine(NamedTuple):
    """What WeasyPrint's split_first_line returns, by name (still the tuple WeasyPrint unpacks)."""

    layout: line_break.Layout
    length: int
    resume_index: int | None
    width: float
    height: float
    baseline: float


def first_line(
    text: str,
    style: Style,
    context: LayoutContext,
    max_width: float | None,
    justification_spacing: float = 0,
    is_line_start: bool = True,
    minimum: bool = False,
) -> FirstLine:
    """Return WeasyPrint's own split_first_line (never the extended one), by name."""
    return FirstLine._make(
        line_break.split_first_line(
            text, style, context, max_width, justification_spacing, is_line_start, minimum
        )
    )

"""WordprocessingML namespaces, units and small XML helpers shared by the converter modules."""

from __future__ import annotations

import re
from typing import TypeAlias, overload

from lxml.etree import _Element

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "v": "urn:schemas-microsoft-com:vml",
}
W = "{{{}}}".format(NS["w"])
R = "{{{}}}".format(NS["r"])

Element: TypeAlias = _Element
"""An lxml element (lxml ships no type information, so mypy sees it as Any)."""


def w(tag: str) -> str:
    """Return the Clark name of a w: tag."""
    return W + tag


@overload
def wattr(el: Element | None, name: str, default: str) -> str: ...
@overload
def wattr(el: Element | None, name: str, default: None = None) -> str | None: ...
def wattr(el: Element | None, name: str, default: str | None = None) -> str | None:
    """Return the w:`name` attribute of `el`, or `default` when `el` or the attribute is absent."""
    if el is None:
        return default
    value: str | None = el.get(W + name, default)  # lxml attribute values are str
    return value


def child(el: Element | None, tag: str) -> Element | None:
    """Return the first w:`tag` child of `el`, or None."""
    return None if el is None else el.find(W + tag)


def on_off(el: Element | None) -> bool | None:
    """Return a w:ST_OnOff element's value: None when absent, True unless val is false/0/off."""
    if el is None:
        return None
    return wattr(el, "val", "true") not in ("false", "0", "off")


INT_RANGE = 2**31
"""Integer attributes are clamped to ±INT_RANGE (ST_TwipsMeasure, EMU extents fit): "1e308" is no size."""


def to_int(value: str | None) -> int | None:
    """Return an integer attribute value (Word sometimes writes decimals) within ±INT_RANGE, or None
    when it is absent or no finite number."""
    if value is None:
        return None
    try:
        number = round(float(value))
    except (ValueError, OverflowError):  # "abc", "nan"; "inf"
        return None
    return max(-INT_RANGE, min(INT_RANGE, number))


_HEX_COLOR = re.compile(r"[0-9A-Fa-f]{6}")


def hex_color(value: str | None) -> str | None:
    """Return a ST_HexColor value ("FF0000") as written, or None for "auto", absent or anything else
    (the value goes into CSS as `#FF0000`: nothing but six hex digits may reach it)."""
    return value if value is not None and _HEX_COLOR.fullmatch(value) else None


def twips_pt(value: float) -> float:
    return value / 20


def emu_pt(value: float) -> float:
    return value / 12700


def local(el: Element) -> str:
    """Return the tag of `el` without namespace ('' for comments and processing instructions)."""
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def alternate(el: Element) -> list[Element]:
    """Return the children of mc:AlternateContent's Fallback (or its first Choice)."""
    fallback = el.find("mc:Fallback", NS)
    chosen = fallback if fallback is not None else el.find("mc:Choice", NS)
    return list(chosen) if chosen is not None else []

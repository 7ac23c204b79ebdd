"""DrawingML colours in a chart: the theme's scheme, colour modifiers, Office's automatic series colours."""

from __future__ import annotations

import colorsys
from dataclasses import dataclass

from reportgen.docx.ooxml import NS, Element, hex_color, local, to_int

A = "{{{}}}".format(NS["a"])
OFFICE = {
    "dk1": "000000",
    "lt1": "FFFFFF",
    "dk2": "44546A",
    "lt2": "E7E6E6",
    "accent1": "4472C4",
    "accent2": "ED7D31",
    "accent3": "A5A5A5",
    "accent4": "FFC000",
    "accent5": "5B9BD5",
    "accent6": "70AD47",
    "hlink": "0563C1",
    "folHlink": "954F72",
}
"""Office 2013–2022's theme colours: used when the document has no theme."""
MAPPING = {"tx1": "dk1", "bg1": "lt1", "tx2": "dk2", "bg2": "lt2"}
"""Word's default colour map (w:clrSchemeMapping as Word writes it)."""
PRESETS = {"black": "000000", "white": "FFFFFF", "red": "FF0000", "green": "008000", "blue": "0000FF"}
CYCLE = ((), ((0.6, 0.0),), ((0.8, 0.2),), ((0.8, 0.0),), ((0.6, 0.4),), ((0.5, 0.0),))
"""Office's automatic colour of series idx: accent (idx mod 6 + 1), darkened or lightened (lumMod,
lumOff) by idx // 6 — the seventh series is accent1 at 60 % luminance, and so on."""


@dataclass(frozen=True)
class Paint:
    """A colour as SVG takes it: '#RRGGBB' and an opacity (1 = opaque)."""

    rgb: str
    opacity: float = 1.0

    def attrs(self, kind: str) -> str:
        """Return the SVG attributes painting with this colour: kind is 'fill' or 'stroke'."""
        extra = f' {kind}-opacity="{self.opacity:.3g}"' if self.opacity < 1 else ""
        return f'{kind}="{self.rgb}"{extra}'


class Theme:
    """The document theme's colour scheme (or Office's), resolving DrawingML colour elements."""

    def __init__(self, theme_el: Element | None) -> None:
        self.scheme = dict(OFFICE)
        scheme = theme_el.find(".//a:clrScheme", NS) if theme_el is not None else None
        if scheme is not None:
            for slot in scheme:
                value = _plain(slot[0]) if len(slot) else None
                if value:
                    self.scheme[local(slot)] = value

    def paint(self, el: Element | None) -> Paint | None:
        """Return the colour of a colour element (srgbClr, schemeClr, sysClr, prstClr, scrgbClr,
        hslClr) with its modifiers applied, or None when `el` is no colour."""
        if el is None:
            return None
        kind = local(el)
        base: str | None
        if kind == "schemeClr":
            name = el.get("val", "")
            base = self.scheme.get(MAPPING.get(name, name))
        elif kind in ("srgbClr", "sysClr", "prstClr", "scrgbClr", "hslClr"):
            base = _plain(el)
        else:
            return None
        if base is None:
            return None
        return apply(base, el)

    def accent(self, index: int) -> Paint:
        """Return Office's automatic colour for series (or point) `index`."""
        base = self.scheme[f"accent{index % 6 + 1}"]
        rgb = _hex_rgb(base)
        for mod, off in CYCLE[(index // 6) % len(CYCLE)]:
            rgb = _lum(rgb, mod, off)
        return Paint("#" + _rgb_hex(rgb))


def _plain(el: Element) -> str | None:
    """Return the RRGGBB of a colour element before its modifiers (None for schemeClr and unknowns)."""
    kind = local(el)
    if kind == "srgbClr":
        return hex_color(el.get("val"))
    if kind == "sysClr":
        return hex_color(el.get("lastClr")) or ("FFFFFF" if el.get("val") == "window" else "000000")
    if kind == "prstClr":
        return PRESETS.get(el.get("val", ""), "000000")
    if kind == "scrgbClr":
        parts = [max(0.0, min((to_int(el.get(k)) or 0) / 100000, 1.0)) for k in "rgb"]
        return _rgb_hex(tuple(_to_srgb(v) for v in parts))  # type: ignore[arg-type]
    if kind == "hslClr":
        hue = (to_int(el.get("hue")) or 0) / 21600000
        sat = (to_int(el.get("sat")) or 0) / 100000
        lum = (to_int(el.get("lum")) or 0) / 100000
        return _rgb_hex(colorsys.hls_to_rgb(hue % 1, _unit(lum), _unit(sat)))
    return None


def apply(base: str, el: Element) -> Paint:
    """Return `base` (RRGGBB) with the modifiers among `el`'s children applied in order."""
    rgb = _hex_rgb(base)
    opacity = 1.0
    for mod in el:
        kind, value = local(mod), (to_int(mod.get("val")) or 0) / 100000
        if kind == "lumMod":
            rgb = _lum(rgb, value, 0.0)
        elif kind == "lumOff":
            rgb = _lum(rgb, 1.0, value)
        elif kind == "tint":  # towards white, in linear light (as Office does)
            rgb = tuple(_to_srgb(1 - (1 - _to_linear(c)) * _unit(value)) for c in rgb)  # type: ignore[assignment]
        elif kind == "shade":  # towards black, in linear light
            rgb = tuple(_to_srgb(_to_linear(c) * _unit(value)) for c in rgb)  # type: ignore[assignment]
        elif kind == "alpha":
            opacity = _unit(value)
    return Paint("#" + _rgb_hex(rgb), opacity)


def _lum(rgb: tuple[float, float, float], mod: float, off: float) -> tuple[float, float, float]:
    hue, lum, sat = colorsys.rgb_to_hls(*rgb)
    return colorsys.hls_to_rgb(hue, _unit(lum * mod + off), sat)


def _unit(value: float) -> float:
    return max(0.0, min(value, 1.0))


def _to_linear(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _to_srgb(c: float) -> float:
    c = _unit(c)
    return c * 12.92 if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055


def _hex_rgb(value: str) -> tuple[float, float, float]:
    return int(value[0:2], 16) / 255, int(value[2:4], 16) / 255, int(value[4:6], 16) / 255


def _rgb_hex(rgb: tuple[float, float, float]) -> str:
    return "".join(f"{round(_unit(c) * 255):02X}" for c in rgb)


def fill_of(theme: Theme, sp_pr: Element | None) -> Paint | None | bool:
    """Return a c:spPr's fill: a Paint, False for a:noFill, None when it says nothing (automatic).

    A gradient is taken as its first stop's colour; a pattern as its foreground.
    """
    if sp_pr is None:
        return None
    for child in sp_pr:
        kind = local(child)
        if kind == "noFill":
            return False
        if kind == "solidFill":
            return theme.paint(child[0] if len(child) else None)
        if kind == "gradFill":
            stop = child.find("a:gsLst/a:gs", NS)
            return theme.paint(stop[0] if stop is not None and len(stop) else None)
        if kind == "pattFill":
            fg = child.find("a:fgClr", NS)
            return theme.paint(fg[0] if fg is not None and len(fg) else None)
    return None


@dataclass(frozen=True)
class Line:
    """An outline: its paint (None: no line), width in pt and SVG dash array ('' for solid)."""

    paint: Paint | None
    width: float = 0.75
    dash: str = ""

    def attrs(self) -> str:
        """Return the SVG stroke attributes of this line ('stroke="none"' when there is none)."""
        if self.paint is None:
            return 'stroke="none"'
        dash = f' stroke-dasharray="{self.dash}"' if self.dash else ""
        return f'{self.paint.attrs("stroke")} stroke-width="{self.width:.3g}"{dash}'


DASHES = {
    "dash": (4, 3),
    "sysDash": (3, 1),
    "dot": (1, 3),
    "sysDot": (1, 1),
    "lgDash": (8, 3),
    "dashDot": (4, 3, 1, 3),
}


def line_of(theme: Theme, sp_pr: Element | None, default: Line) -> Line:
    """Return a c:spPr's a:ln as a Line; what it leaves out comes from `default`."""
    ln = sp_pr.find("a:ln", NS) if sp_pr is not None else None
    if ln is None:
        return default
    width = (to_int(ln.get("w")) or 0) / 12700 or default.width
    paint: Paint | None = default.paint
    for child in ln:
        kind = local(child)
        if kind == "noFill":
            paint = None
        elif kind in ("solidFill", "gradFill"):
            found = fill_of(theme, ln)
            paint = found if isinstance(found, Paint) else default.paint
    dash_el = ln.find("a:prstDash", NS)
    dash = ""
    if dash_el is not None and dash_el.get("val") in DASHES:
        dash = " ".join(f"{n * width:.3g}" for n in DASHES[dash_el.get("val", "")])
    return Line(paint, width, dash)

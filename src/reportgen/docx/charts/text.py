"""Chart text: the faces through the document's font map (as runs get them), and text measured with
the installed stand-in fonts (fontTools), so labels and legends are laid out before WeasyPrint."""

from __future__ import annotations

import functools
import html
import subprocess
from dataclasses import dataclass
from typing import Any

from reportgen.docx.charts.model import TextStyle
from reportgen.docx.css import family
from reportgen.fonts import FittedFace, fitted_advances, vertical_metrics

WIDE = 1.0
NARROW = 0.55
"""Advance (em) of a character no installed face measures: ideographs are square, others guessed."""


@dataclass(frozen=True)
class Font:
    """A chart text's font as drawn: the CSS families (Latin stand-in first, then the East Asian one),
    weight, slant, size and colour, with metrics of the stand-ins."""

    families: tuple[str, ...]
    style: TextStyle
    weight: int | None = None
    fitted: tuple[FittedFace, ...] = ()
    """The families among `families` that are fitted faces (laid out with Word's widths)."""

    @property
    def size(self) -> float:
        return self.style.size

    def width(self, text: str) -> float:
        """Return the advance width of one line of `text` in pt."""
        bold = bool(self.weight and self.weight >= 600) or self.style.bold
        style = " ".join(s for s, on in (("bold", bold), ("italic", self.style.italic)) if on) or "regular"
        fitted = {face.family: face for face in self.fitted}
        tables = tuple(
            _fitted_table(fitted[name], style) if name in fitted else _font_table(name)
            for name in self.families
        )
        total = 0.0
        for char in text:
            total += _advance(tables, ord(char))
        return total * self.size

    def ascent(self) -> float:
        return _metrics(self.families[0])[0] * self.size

    def height(self) -> float:
        """Return the height of one line (the Latin stand-in's ascent plus descent)."""
        ascent, descent = _metrics(self.families[0])
        return (ascent + descent) * self.size

    def attrs(self) -> str:
        """Return the SVG text attributes: families, size, weight, slant, colour."""
        names = ", ".join(self.families)  # unquoted: WeasyPrint's SVG takes quotes as part of the name
        out = [f'font-family="{html.escape(names, quote=True)}"', f'font-size="{self.size:.3g}"']
        weight = self.weight or (700 if self.style.bold else None)
        if weight:
            out.append(f'font-weight="{weight}"')
        if self.style.italic:
            out.append('font-style="italic"')
        out.append(self.style.paint.attrs("fill"))
        return " ".join(out)


def resolve(state: Any, style: TextStyle) -> Font:
    """Return the Font of a chart text style: its faces resolved as a run's are (state.fonts),
    and recorded among the document's faces, so the PDF stage embeds the stand-ins."""
    theme = state.theme
    latin = style.latin or theme.get("minorHAnsi") or state.fonts.default
    east = style.east_asian or theme.get("minorEastAsia") or state.fonts.default
    latin_family, weight = family(state.fonts, latin, state.used_faces)
    east_family, _ = family(state.fonts, east, state.used_faces)
    names = tuple(dict.fromkeys(f.strip('"') for f in (latin_family, east_family)))
    fitted = tuple(f for f in (state.fonts.fitted(latin), state.fonts.fitted(east)) if f)
    return Font(names, style, weight, fitted)


@functools.lru_cache(maxsize=16)
def _metrics(name: str) -> tuple[float, float]:
    found = vertical_metrics(name)
    return found if found else (0.9, 0.25)


@functools.lru_cache(maxsize=16)
def _font_table(name: str) -> tuple[dict[int, int], float] | None:
    """Return (code point → advance in font units, units per em) of an installed family, or None."""
    try:
        from fontTools.ttLib import TTFont

        out = subprocess.run(
            ["fc-match", "--format", "%{file}\n%{index}", name], capture_output=True, text=True, check=True
        ).stdout.split("\n")
        with TTFont(out[0], fontNumber=int(out[1] or 0) if len(out) > 1 else 0, lazy=True) as font:
            cmap = font.getBestCmap() or {}
            metrics = font["hmtx"].metrics
            units = float(font["head"].unitsPerEm)
            return {code: metrics[glyph][0] for code, glyph in cmap.items() if glyph in metrics}, units
    except Exception:  # noqa: BLE001 - any unreadable font falls back to the estimate
        return None


@functools.lru_cache(maxsize=16)
def _fitted_table(face: FittedFace, style: str) -> tuple[dict[int, int], float] | None:
    """Return the advances of a fitted face as the PDF lays it out (fonts.fitted_advances)."""
    query = (
        face.stand_in
        + (":weight=bold" if "bold" in style else "")
        + (":slant=italic" if "italic" in style else "")
    )
    found = _font_table(query)
    if found is None:
        return None
    return fitted_advances(face, style, found[0], found[1]), found[1]


def _advance(tables: tuple[tuple[dict[int, int], float] | None, ...], code: int) -> float:
    """Return a character's advance in em from the first family's table that has it."""
    for table in tables:
        if table is not None and code in table[0]:
            return table[0][code] / table[1]
    return WIDE if code >= 0x2E80 else NARROW

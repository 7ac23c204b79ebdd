"""The layout hints the converter leaves in the HTML for the engine: defined, written and read here.

CSS cannot say everything Word's layout needs (a tab stop, a character-grid cell, which span is an
East Asian/Latin auto space). The converter (reportgen.docx) writes these hints into the HTML and
CSS; the engine extensions (reportgen.pdf.engine) read them back from WeasyPrint's boxes. Both sides
go through this module only, so the format lives in one place, and a hint that does not parse is a
`HintError` (a bug in reportgen, never silently ignored).

The hints:
- **Classes** on spans and paragraphs (`Class`): the auto space, tabs, unbreakable words, ...
- **Tab stops** of a paragraph (`TabStops`), in the `data-rg-tabs` attribute of its <p>.
- **Character-grid cell** of a Latin run (`grid_cell_declaration`), as the custom property
  `--rg-grid-cell` (pt): Latin text on a character grid takes whole cells.
- **Synthetic bold** of a run (`synthetic_bold_declaration`), as the custom property `--rg-bold`
  (em): the glyphs are drawn filled and stroked this wide, as Word emboldens faces without a bold.
- **Overhang** of a paragraph's lines (`overhang_declaration`), as the custom property
  `--rg-overhang` (pt): how far a page's last line may reach past the bottom margin.
- **Hanging punctuation** is per document: `LayoutOptions.hang_punctuation`, passed with the HTML.

No WeasyPrint import here: the converter does not load the layout engine.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Final


class HintError(ValueError):
    """A hint in the HTML does not parse: the converter and the engine disagree (a bug)."""


class Class(StrEnum):
    """CSS classes that mean something to the engine (and to the base stylesheet)."""

    AUTO_SPACE = "rg-as"
    """A Latin span whose left or right margin is Word's ⅕ em East Asian/Latin auto space."""
    TAB = "rg-tab"
    """A span holding one tab character, widened by the engine to its tab stop."""
    NOWRAP = "rg-nowrap"
    """A word that may not break inside (“GB/T”, a URL)."""
    LINE = "rg-line"
    """A paragraph whose strut alone sizes its lines (Word's line height)."""
    TALLER_LINE = "rg-lh"
    """A span that carries its own, taller line height."""
    NUMBER = "rg-num"
    """A list label."""


LEADERS: Final = {"dot": ".", "hyphen": "-", "underscore": "_", "heavy": "_", "middleDot": "·"}
"""Tab leaders (w:tab/@w:leader) and the character that fills the tab; "none" has no entry."""
ALIGNS: Final = ("left", "center", "right", "decimal")
"""Tab stop kinds the engine lays out."""
TABS_ATTRIBUTE: Final = "data-rg-tabs"
DEFAULT_TAB: Final = 36.0
"""Word's default tab stop (pt) when w:defaultTabStop is 0 or missing."""


@dataclass(frozen=True)
class TabStop:
    """One tab stop: position from the text column's left edge (pt), kind and leader."""

    pos: float
    align: str = "left"
    leader: str = "none"

    def __post_init__(self) -> None:
        if self.align not in ALIGNS:
            raise HintError(f"tab stop alignment {self.align!r} is not one of {ALIGNS}")
        if self.leader != "none" and self.leader not in LEADERS:
            raise HintError(f"tab leader {self.leader!r} is not 'none' or one of {tuple(LEADERS)}")
        if not math.isfinite(self.pos):
            raise HintError(f"tab stop position {self.pos!r} is not a number")


@dataclass(frozen=True)
class TabStops:
    """A paragraph's tab stops (pt): default stop interval, left indent, custom stops in order.

    Positions count from the text column's left edge, as in Word; `indent` is the paragraph's left
    indent (its CSS margin-left), which lies between that edge and the line box.
    """

    default: float
    indent: float
    stops: tuple[TabStop, ...] = ()

    def __post_init__(self) -> None:
        if not (math.isfinite(self.default) and math.isfinite(self.indent)) or self.default < 0:
            raise HintError(f"tab stops default={self.default!r} indent={self.indent!r} are not valid")

    def attribute(self) -> str:
        """Return the value of the paragraph's data-rg-tabs attribute."""
        listed = " ".join(f"{stop.pos:.2f}:{stop.align}:{stop.leader}" for stop in self.stops)
        return f"{self.default:.2f};{self.indent:.2f};{listed}"

    @classmethod
    def parse(cls, value: str) -> TabStops:
        """Return the tab stops a data-rg-tabs value describes; raise HintError when it is malformed."""
        try:
            default, indent, listed = value.split(";", 2)
            stops = []
            for item in listed.split():
                pos, align, leader = item.split(":")
                stops.append(TabStop(float(pos), align, leader))
            return cls(float(default) or DEFAULT_TAB, float(indent), tuple(stops))
        except ValueError as exc:  # HintError included: the message names the whole value
            raise HintError(f"malformed {TABS_ATTRIBUTE} value {value!r}: {exc}") from exc


GRID_CELL_PROPERTY: Final = "--rg-grid-cell"
_GRID_CELL_KEY: Final = "__rg_grid_cell"  # how WeasyPrint's computed style names the custom property


def grid_cell_declaration(pitch: float) -> str:
    """Return the CSS declaration telling the engine that Latin text here takes grid cells of `pitch` pt."""
    if not (math.isfinite(pitch) and pitch > 0):
        raise HintError(f"grid cell {pitch!r} is not a positive number")
    return f"{GRID_CELL_PROPERTY}:{pitch:.3f}"


def grid_cell(style: Mapping[str, object]) -> float | None:
    """Return the grid cell (pt) a computed style carries, or None; raise HintError when malformed."""
    value = _number(style, _GRID_CELL_KEY, GRID_CELL_PROPERTY)
    if value is not None and value <= 0:
        raise HintError(f"malformed {GRID_CELL_PROPERTY} value {value!r}")
    return value


def _number(style: Mapping[str, object], key: str, name: str) -> float | None:
    """Return the number a custom property (`name`, computed as `key`) holds, None when it is not set;
    raise HintError when it holds anything but one number."""
    tokens = style[key]
    if not tokens:
        return None
    values = [getattr(token, "value", None) for token in tokens]  # type: ignore[attr-defined]
    kinds = [getattr(token, "type", None) for token in tokens]  # type: ignore[attr-defined]
    if kinds != ["number"] or not isinstance(values[0], int | float):
        raise HintError(f"malformed {name} value {values!r}")
    return float(values[0])


SYNTHETIC_BOLD_PROPERTY: Final = "--rg-bold"
_SYNTHETIC_BOLD_KEY: Final = "__rg_bold"


def synthetic_bold_declaration(stroke: float) -> str:
    """Return the CSS declaration: this text's glyphs are stroked `stroke` em wide (0: not at all)."""
    if not (math.isfinite(stroke) and stroke >= 0):
        raise HintError(f"synthetic bold {stroke!r} is not a non-negative number")
    return f"{SYNTHETIC_BOLD_PROPERTY}:{stroke:.4f}"


def synthetic_bold(style: Mapping[str, object]) -> float | None:
    """Return the stroke (em) a computed style asks its glyphs drawn with, or None (none or 0)."""
    value = _number(style, _SYNTHETIC_BOLD_KEY, SYNTHETIC_BOLD_PROPERTY)
    if value is not None and value < 0:
        raise HintError(f"malformed {SYNTHETIC_BOLD_PROPERTY} value {value!r}")
    return value or None


OVERHANG_PROPERTY: Final = "--rg-overhang"
_OVERHANG_KEY: Final = "__rg_overhang"


def overhang_declaration(extent: float) -> str:
    """Return the CSS declaration: this paragraph's last line on a page may reach `extent` pt past
    the page's bottom margin (the part of its line height below the text)."""
    if not (math.isfinite(extent) and extent >= 0):
        raise HintError(f"overhang {extent!r} is not a non-negative number")
    return f"{OVERHANG_PROPERTY}:{extent:.3f}"


def overhang(style: Mapping[str, object]) -> float:
    """Return the overhang (pt) a computed style allows its lines, 0 when none."""
    value = _number(style, _OVERHANG_KEY, OVERHANG_PROPERTY)
    if value is not None and value < 0:
        raise HintError(f"malformed {OVERHANG_PROPERTY} value {value!r}")
    return value or 0.0


@dataclass(frozen=True)
class LayoutOptions:
    """What the engine needs to know about the whole document."""

    hang_punctuation: bool = True
    """w:overflowPunct of the default paragraph: closing punctuation may hang past the line end."""
    compress_punctuation: bool = False
    """Word's punctuation compression (w:characterSpacingControl other than doNotCompress): a line
    may take one more character by squeezing its full-width punctuation, up to a quarter of each mark."""

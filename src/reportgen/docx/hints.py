"""The converter's side of the layout hints (reportgen.hints): classes, grid cells, tab stops as markup."""

from __future__ import annotations

from reportgen import hints
from reportgen.docx.properties import TabStop
from reportgen.hints import Class

TAB_ALIGNS = {
    "left": "left",
    "start": "left",
    "num": "left",  # a list level's stop for the text after its number
    "center": "center",
    "right": "right",
    "end": "right",
    "decimal": "decimal",
}
"""w:tab/@w:val → the stop kinds the engine lays out (hints.ALIGNS); a bar stop (a vertical line) is read as a left stop."""
HINT_CSS = f""".{Class.LINE} span:not(.{Class.TALLER_LINE}) {{ line-height:0; }}
.{Class.NUMBER} {{ display:inline-block; text-indent:0; }}
.{Class.NOWRAP} {{ white-space:nowrap; }}
"""
"""The rules of the hint classes (part of the converter's base stylesheet)."""


def tab_css(default_tab: float) -> str:
    """Return the rule giving tabs (.rg-tab) Word's default stop distance (pt) until the engine places them."""
    return f".{Class.TAB} {{ tab-size:{default_tab:g}pt; }}"


def line_class(cls: str) -> str:
    """Return a paragraph's classes: "rg-line": its line box is its strut, runs in other faces don't grow it."""
    return f"{cls} {Class.LINE}"


def taller_line_class(cls: str) -> str:
    """Return the classes of a run that carries its own, taller line height (rg-lh)."""
    return f"{cls} {Class.TALLER_LINE}"


def auto_space_class(cls: str) -> str:
    """Return the classes of a span whose margin is Word's auto space (rg-as): a line drops it at its ends."""
    return f"{cls} {Class.AUTO_SPACE}"


def number_span(style: str) -> str:
    """Return the opening tag of a list label (rg-num); `style` is its attribute or ""."""
    return f'<span class="{Class.NUMBER}"{style}>'


def tab_span(cls: str = "") -> str:
    """Return a tab (rg-tab) that the engine sets to the paragraph's stops; `cls`: the run's class."""
    if cls:
        return f'<span class="{Class.TAB} {cls}">\t</span>'
    return f'<span class="{Class.TAB}">\t</span>'


def nowrap(markup: str) -> str:
    """Return markup kept on one line (rg-nowrap)."""
    return f'<span class="{Class.NOWRAP}">{markup}</span>'


def latin_grid_cell(declarations: list[str], pitch: float) -> list[str]:
    """Return a Latin run's declarations on a character grid: whole cells of `pitch` pt.

    The cell width rides on a custom property (hints.grid_cell_declaration) to the engine's
    split_first_line, which rounds the run's width up to whole cells (ECMA-376 §17.6.5).
    """
    declarations = [d for d in declarations if not d.startswith("letter-spacing:")]
    return [*declarations, "letter-spacing:0", hints.grid_cell_declaration(pitch)]


def tab_stops_attribute(default_tab: float, stops: list[TabStop], declarations: list[str]) -> str:
    """Return the paragraph's tab stops as the attribute the engine reads (hints.TabStops), in pt.

    Positions count from the text column's left edge, as in Word; `indent` is the paragraph's
    left indent (its CSS margin-left), which lies between that edge and the line box. A hanging
    indent is a stop of its own in Word (the first line's tab reaches the text of the others).
    """
    values = dict(d.split(":", 1) for d in declarations if d.startswith(("margin-left:", "text-indent:")))
    indent = float(values.get("margin-left", "0pt").removesuffix("pt"))
    first = float(values.get("text-indent", "0pt").removesuffix("pt"))
    items = [(stop.pos / 20, stop.align, stop.leader or "none") for stop in stops]
    if first < 0:
        items.append((indent, "left", "none"))
    items.sort()
    listed = tuple(
        hints.TabStop(pos, TAB_ALIGNS.get(align, "left"), leader if leader in hints.LEADERS else "none")
        for pos, align, leader in items
    )
    # a negative w:defaultTabStop (a damaged file) means Word's default, as 0 does
    tabs = hints.TabStops(max(default_tab, 0.0), indent, listed)
    return f' {hints.TABS_ATTRIBUTE}="{tabs.attribute()}"'

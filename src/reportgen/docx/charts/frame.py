"""The chart's frame: SVG primitives, the chart area, the title and the legend, and the room they
leave for the plot area (measured on Word's PDFs of docxide-pdf case29–31, docs/drawings.md)."""

from __future__ import annotations

import html
from dataclasses import dataclass

from reportgen.docx.charts.colors import Line, Paint
from reportgen.docx.charts.text import Font

PAD = 6.5
"""Chart edge to the outermost axis labels (left, bottom)."""
EDGE = 11.0
"""Chart edge to the plot area where no labels stand between (top, right)."""
LEGEND_EDGE = 10.0
LEGEND_GAP = 15.9
"""Plot area (right edge) to a legend on the right."""
LEGEND_ROW = 1.5
"""A vertical legend's pitch, in text lines."""
KEY = 0.527
"""A legend key's square side, in em; the text follows 0.242 em after it."""
KEY_GAP = 0.242
ENTRY_GAP = 0.736
"""Space between entries of a horizontal legend, in em."""
LINE_KEY = 1.92
"""A line series' legend key: a stroke this long (em) with its marker in the middle."""


def num(value: float) -> str:
    """Return a coordinate for SVG (pt, at most 2 decimals)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def text(
    font: Font, x: float, middle: float, content: str, anchor: str = "start", rotate: bool = False
) -> str:
    """Return a <text> of one line centred vertically on `middle` (anchor: start, middle, end);
    `rotate`: turned a quarter anticlockwise around (x, middle), as a vertical axis title."""
    baseline = middle - font.height() / 2 + font.ascent()
    turn = f' transform="rotate(-90 {num(x)} {num(middle)})"' if rotate else ""
    align = f' text-anchor="{anchor}"' if anchor != "start" else ""
    return (
        f'<text x="{num(x)}" y="{num(baseline)}" {font.attrs()}{align}{turn}>'
        f"{html.escape(content, quote=False)}</text>"
    )


def rect(x: float, y: float, w: float, h: float, fill: Paint | None, line: Line | None = None) -> str:
    paint = fill.attrs("fill") if fill is not None else 'fill="none"'
    stroke = line.attrs() if line is not None else ""
    x, w = (x + w, -w) if w < 0 else (x, w)
    y, h = (y + h, -h) if h < 0 else (y, h)
    return f'<rect x="{num(x)}" y="{num(y)}" width="{num(w)}" height="{num(h)}" {paint} {stroke}/>'.replace(
        " />", "/>"
    )


def path(d: str, fill: Paint | None, line: Line | None) -> str:
    paint = fill.attrs("fill") if fill is not None else 'fill="none"'
    stroke = line.attrs() if line is not None else 'stroke="none"'
    return f'<path d="{d}" {paint} {stroke} stroke-linejoin="round"/>'


@dataclass
class Entry:
    """A legend entry: its text, the key's kind ('box', 'line'), paints and marker."""

    label: str
    fill: Paint | None
    line: Line | None = None
    marker: tuple[str, float, Paint | None, Line | None] | None = None


@dataclass
class Box:
    """The room left for the plot area and its labels: left, top, right, bottom (pt)."""

    left: float
    top: float
    right: float
    bottom: float


def title_block(out: list[str], font: Font, content: str, width: float) -> float:
    """Draw a chart title centred at the top; return the bottom of its block."""
    top = PAD
    for line in content.split("\n"):
        out.append(text(font, width / 2, top + font.height() / 2, line, "middle"))
        top += font.height()
    return top + PAD


def legend(
    out: list[str], font: Font, entries: list[Entry], position: str, box: Box, width: float, height: float
) -> Box:
    """Draw the legend at `position` (r, l, t, b, tr) within the chart; return the room left."""
    if not entries:
        return box
    size = font.size
    key_w = LINE_KEY * size if any(e.line is not None for e in entries) else KEY * size
    if any(e.marker is not None for e in entries):
        key_w = max(key_w, max(e.marker[1] for e in entries if e.marker is not None))
    line_h = font.height()
    widths = [font.width(e.label) for e in entries]
    if position in ("t", "b"):
        rows: list[list[int]] = [[]]
        used = 0.0
        room = width - 2 * LEGEND_EDGE
        for i, w in enumerate(widths):
            need = key_w + KEY_GAP * size + w + (ENTRY_GAP * size if rows[-1] else 0)
            if rows[-1] and used + need > room:
                rows.append([])
                used = 0.0
                need -= ENTRY_GAP * size
            rows[-1].append(i)
            used += need
        block = len(rows) * line_h
        top = height - PAD - 2.7 - block if position == "b" else box.top
        for r, row in enumerate(rows):
            total = sum(key_w + KEY_GAP * size + widths[i] for i in row) + ENTRY_GAP * size * (len(row) - 1)
            x = (width - total) / 2
            middle = top + (r + 0.5) * line_h
            for i in row:
                _entry(out, font, entries[i], x, middle, key_w)
                x += key_w + KEY_GAP * size + widths[i] + ENTRY_GAP * size
        if position == "b":
            return Box(box.left, box.top, box.right, top - 9.0)
        return Box(box.left, top + block + 9.0, box.right, box.bottom)
    block_w = key_w + KEY_GAP * size + max(widths)
    pitch = LEGEND_ROW * line_h
    block_h = pitch * (len(entries) - 1) + line_h
    x = LEGEND_EDGE if position == "l" else width - LEGEND_EDGE - block_w
    top = box.top if position == "tr" else (box.top - EDGE + height - block_h) / 2
    for i, entry in enumerate(entries):
        _entry(out, font, entry, x, top + i * pitch + line_h / 2, key_w)
    if position == "l":
        return Box(x + block_w + LEGEND_GAP - (EDGE - PAD), box.top, box.right, box.bottom)
    return Box(box.left, box.top, x - LEGEND_GAP, box.bottom)


def _entry(out: list[str], font: Font, entry: Entry, x: float, middle: float, key_w: float) -> None:
    size = font.size
    if entry.line is not None or entry.marker is not None:
        if entry.line is not None:
            out.append(f'<path d="M{num(x)} {num(middle)}h{num(key_w)}" fill="none" {entry.line.attrs()}/>')
        if entry.marker:
            symbol, marker_size, fill, line = entry.marker
            out.append(marker(symbol, x + key_w / 2, middle, marker_size * 6 / 7, fill, line))
    else:
        side = KEY * size
        out.append(rect(x + key_w - side, middle - side / 2, side, side, entry.fill))
    out.append(text(font, x + key_w + KEY_GAP * size, middle, entry.label))


MARKERS = ("diamond", "square", "triangle", "x", "star", "circle", "plus", "dot", "dash")
"""Office's automatic marker of series idx (idx mod 9)."""


def marker(symbol: str, x: float, y: float, size: float, fill: Paint | None, line: Line | None) -> str:
    """Return a line or scatter marker (c:symbol) of `size` pt centred on (x, y); '' for none."""
    h = size / 2
    shapes = {
        "square": f"M{num(x - h)} {num(y - h)}h{num(size)}v{num(size)}h{num(-size)}z",
        "diamond": f"M{num(x)} {num(y - h)}L{num(x + h)} {num(y)}L{num(x)} {num(y + h)}L{num(x - h)} {num(y)}z",
        "triangle": f"M{num(x)} {num(y - h)}L{num(x + h)} {num(y + h)}L{num(x - h)} {num(y + h)}z",
        "x": f"M{num(x - h)} {num(y - h)}L{num(x + h)} {num(y + h)}M{num(x + h)} {num(y - h)}L{num(x - h)} {num(y + h)}",
        "plus": f"M{num(x - h)} {num(y)}h{num(size)}M{num(x)} {num(y - h)}v{num(size)}",
        "star": f"M{num(x - h)} {num(y - h)}L{num(x + h)} {num(y + h)}M{num(x + h)} {num(y - h)}L{num(x - h)} {num(y + h)}"
        f"M{num(x)} {num(y - h)}v{num(size)}",
        "dash": f"M{num(x - h)} {num(y - size / 10)}h{num(size)}v{num(size / 5)}h{num(-size)}z",
        "dot": f"M{num(x - h / 2)} {num(y - h / 2)}h{num(h)}v{num(h)}h{num(-h)}z",
    }
    if symbol == "circle":
        paint = fill.attrs("fill") if fill is not None else 'fill="none"'
        stroke = line.attrs() if line is not None else ""
        return f'<circle cx="{num(x)}" cy="{num(y)}" r="{num(h)}" {paint} {stroke}/>'.replace(" />", "/>")
    if symbol not in shapes:
        return ""
    open_shape = symbol in ("x", "plus", "star")
    return path(
        shapes[symbol],
        None if open_shape else fill,
        line if line is not None or not open_shape else Line(fill),
    )

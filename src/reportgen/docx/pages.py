"""Sections → named @page rules: page size, margins, grid, and headers/footers in margin boxes."""

from __future__ import annotations

from dataclasses import dataclass, field

from reportgen.docx.css import Grid, fmt
from reportgen.docx.ooxml import Element, R, child, local, on_off, to_int, w, wattr

A4 = (11906, 16838)
KINDS = ("default", "even", "first")


@dataclass
class PageSetup:
    """One section's page geometry (pt) and its header/footer references (relationship ids)."""

    name: str
    width: float
    height: float
    top: float
    right: float
    bottom: float
    left: float
    header: float
    footer: float
    grid: Grid
    start: str  # nextPage, continuous, evenPage, oddPage
    title_page: bool
    page_start: int | None = None
    columns: int = 1
    column_gap: float = 21.0
    headers: dict[str, str] = field(default_factory=dict)
    footers: dict[str, str] = field(default_factory=dict)

    @property
    def content_width(self) -> float:
        return self.width - self.left - self.right


def split_sections(body: Element) -> list[tuple[Element | None, list[Element]]]:
    """Return (w:sectPr, block elements) per section, in order; the last one ends the body."""
    sections: list[tuple[Element | None, list[Element]]] = []
    current: list[Element] = []
    for el in body:
        if local(el) == "sectPr":
            continue
        current.append(el)
        sect = el.find(f"{w('pPr')}/{w('sectPr')}") if local(el) == "p" else None
        if sect is not None:
            sections.append((sect, current))
            current = []
    sections.append((child(body, "sectPr"), current))
    return sections


def page_setup(sect: Element | None, index: int, previous: PageSetup | None) -> PageSetup:
    """Return the page setup of a section; header/footer references not given are inherited."""
    size = child(sect, "pgSz")
    mar = child(sect, "pgMar")

    def twips(el: Element | None, name: str, default: int) -> float:
        value = to_int(wattr(el, name))
        return (default if value is None else value) / 20

    width, height = twips(size, "w", A4[0]), twips(size, "h", A4[1])
    doc_grid = child(sect, "docGrid")
    grid_type = wattr(doc_grid, "type", "default")
    pitch = to_int(wattr(doc_grid, "linePitch"))
    char_space = to_int(wattr(doc_grid, "charSpace")) or 0
    grid = Grid(
        line_pitch=pitch / 20 if pitch and grid_type != "default" else None,
        char_delta=char_space / 4096 if grid_type in ("linesAndChars", "snapToChars") else 0.0,
        char_grid=grid_type in ("linesAndChars", "snapToChars"),
    )
    setup = PageSetup(
        name=f"s{index + 1}",
        width=width,
        height=height,
        top=abs(twips(mar, "top", 1440)),
        right=twips(mar, "right", 1800),
        bottom=abs(twips(mar, "bottom", 1440)),
        left=twips(mar, "left", 1800) + twips(mar, "gutter", 0),
        header=twips(mar, "header", 851),
        footer=twips(mar, "footer", 992),
        grid=grid,
        start=wattr(child(sect, "type"), "val", "nextPage") or "nextPage",
        title_page=bool(on_off(child(sect, "titlePg"))),
        page_start=to_int(wattr(child(sect, "pgNumType"), "start")),
        columns=min(max(1, to_int(wattr(child(sect, "cols"), "num")) or 1), 45),  # Word: at most 45
        column_gap=(to_int(wattr(child(sect, "cols"), "space")) or 420) / 20,
        headers=dict(previous.headers) if previous else {},
        footers=dict(previous.footers) if previous else {},
    )
    if sect is not None:
        for tag, target in (("headerReference", setup.headers), ("footerReference", setup.footers)):
            for ref in sect.iterfind(w(tag)):
                kind = wattr(ref, "type", "default") or "default"
                rid = ref.get(R + "id")
                if rid:
                    target[kind] = rid
    return setup


def running_name(setup: PageSetup, where: str, kind: str) -> str:
    return f"{setup.name}-{where}-{kind}"


def page_css(setup: PageSetup, even_odd: bool) -> str:
    """Return the @page rules of a section (its headers/footers are running elements)."""
    rules = [
        f"@page {setup.name} {{ size:{fmt(setup.width)} {fmt(setup.height)};"
        f" margin:{fmt(setup.top)} {fmt(setup.right)} {fmt(setup.bottom)} {fmt(setup.left)};"
        + _boxes(setup, "default")
        + "}"
    ]
    if even_odd and ("even" in setup.headers or "even" in setup.footers):
        rules.append(f"@page {setup.name}:left {{{_boxes(setup, 'even')}}}")
    first = []
    if setup.page_start is not None:
        first.append(f" counter-reset:page {setup.page_start};")
    if setup.title_page:
        first.append(_boxes(setup, "first"))
    if first:
        rules.append(f"@page {setup.name}:nth(1 of {setup.name}) {{{''.join(first)}}}")
    return "\n".join(rules)


def _boxes(setup: PageSetup, kind: str) -> str:
    """Return the margin-box declarations showing the section's `kind` header and footer."""
    width = fmt(setup.content_width)
    out = []
    if kind in setup.headers or kind == "first":
        content = f"element({running_name(setup, 'header', kind)})" if kind in setup.headers else "none"
        out.append(
            f" @top-center {{ content:{content}; width:{width}; vertical-align:top;"
            f" padding-top:{fmt(setup.header)}; }}"
        )
    if kind in setup.footers or kind == "first":
        content = f"element({running_name(setup, 'footer', kind)})" if kind in setup.footers else "none"
        out.append(
            f" @bottom-center {{ content:{content}; width:{width}; vertical-align:bottom;"
            f" padding-bottom:{fmt(setup.footer)}; }}"
        )
    return "".join(out)

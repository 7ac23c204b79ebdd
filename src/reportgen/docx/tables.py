"""A w:tbl → HTML <table>: grid widths, merged cells, borders, cell margins and shading, header rows,
rows kept whole (cantSplit) and kept with the next row (keepNext on the paragraphs of a row)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportgen.docx.css import Grid, border_css, fmt
from reportgen.docx.ooxml import Element, child, hex_color, local, on_off, to_int, w, wattr
from reportgen.docx.properties import Props, parse_ppr
from reportgen.docx.state import ConversionState, Story
from reportgen.i18n import t

MAX_COLUMNS = 63
"""Word's widest table; a gridSpan or gridBefore beyond it is read as this (no loop over 2³¹ columns)."""

Blocks = Callable[[list[Element], Story, Grid, tuple[Props, Props]], str]
"""Converts a cell's block content (BlockConverter.blocks): tables hold paragraphs and tables."""


class TableConverter:
    """Converts tables; the cells' content goes back to the block converter it is given."""

    def __init__(self, state: ConversionState, blocks: Blocks) -> None:
        self.state = state
        self.blocks = blocks

    def table(self, tbl: Element, story: Story, grid: Grid) -> str:
        """Return the HTML of a w:tbl with its grid, merged cells, borders and cell formatting."""
        state, styles = self.state, self.state.styles
        story.tables += 1
        where = story.label + t("表格 {n}", n=story.tables)
        tbl_pr = child(tbl, "tblPr")
        style_id = wattr(child(tbl_pr, "tblStyle"), "val") or styles.default_table
        style_props = styles.resolve(style_id)
        style_tbl_pr = styles.table_props(style_id)
        style_el = styles.element(style_id)
        if style_el is not None and style_el.find(w("tblStylePr")) is not None:
            state.warn(where, t("表格样式“{name}”的条件格式（标题行、镶边行等）未应用", name=style_id))
        borders = {**_borders(child(style_tbl_pr, "tblBorders")), **_borders(child(tbl_pr, "tblBorders"))}
        margins = {"top": 0.0, "bottom": 0.0, "left": 5.4, "right": 5.4}
        for source in (styles.element(style_id), tbl_pr):
            mar = None
            if source is not None:
                mar = (
                    child(source, "tblCellMar")
                    if local(source) == "tblPr"
                    else source.find(f"{w('tblPr')}/{w('tblCellMar')}")
                )
            margins.update(_margins(mar))
        cols = [(to_int(wattr(gc, "w")) or 0) / 20 for gc in tbl.iterfind(f"{w('tblGrid')}/{w('gridCol')}")]

        layout = _table_layout(tbl)
        ncols = max([len(cols)] + [c["col"] + c["span"] for row in layout for c in row])
        if cols and ncols > len(cols):  # rows with more cells than w:tblGrid: Word widens the grid
            cols += [_cell_width(layout, index) for index in range(len(cols), ncols)]
        table_css = ["border-collapse:collapse", "table-layout:fixed"]
        if cols and sum(cols):
            table_css.append(f"width:{fmt(sum(cols))}")
        jc = wattr(child(tbl_pr, "jc"), "val")
        indent = to_int(wattr(child(tbl_pr, "tblInd"), "w"))
        if jc == "center":
            table_css.append("margin-left:auto;margin-right:auto")
        elif jc in ("right", "end"):
            table_css.append("margin-left:auto")
        elif indent:
            table_css.append(f"margin-left:{fmt(indent / 20)}")
        out = [f'<table class="{state.classes.name("t", ";".join(table_css))}">']
        if cols:
            out.append("<colgroup>" + "".join(f'<col style="width:{fmt(c)}">' for c in cols) + "</colgroup>")
        rows = list(tbl.iterfind(w("tr")))
        n_header = 0
        while n_header < len(rows) and on_off(child(child(rows[n_header], "trPr"), "tblHeader")):
            n_header += 1
        for r, (row_el, row) in enumerate(zip(rows, layout, strict=True)):
            if r == 0 and n_header:
                out.append("<thead>")
            if r == n_header:
                out.append("</thead><tbody>" if n_header else "<tbody>")
            tr_pr = child(row_el, "trPr")
            row_css = []
            if on_off(child(tr_pr, "cantSplit")):
                row_css.append("break-inside:avoid")
            if self._keeps_with_next(row, style_props):
                row_css.append("break-after:avoid")  # WeasyPrint breaks tables between rows, not in a cell
            height = to_int(wattr(child(tr_pr, "trHeight"), "val"))
            if height:
                row_css.append(f"height:{fmt(height / 20)}")
            style = f' style="{";".join(row_css)}"' if row_css else ""
            out.append(f"<tr{style}>")
            for cell in row:
                if not cell["skip"]:
                    out.append(
                        self._cell(
                            cell,
                            r,
                            len(layout),
                            ncols,
                            borders,
                            margins,
                            story,
                            grid,
                            style_props,
                            where + t("第 {n} 行", n=r + 1),
                        )
                    )
            out.append("</tr>")
        if rows:
            out.append("</tbody>" if len(rows) > n_header else "</thead>")
        out.append("</table>")
        return "".join(out)

    def _keeps_with_next(self, row: list[dict[str, Any]], style_props: tuple[Props, Props]) -> bool:
        """Return whether a row stays on the page of the next row: the last paragraph of each of its
        cells has keepNext (Word's "keep with next" in a table; cells a vMerge continues do not count).

        A keepNext paragraph inside a cell says nothing to WeasyPrint, which breaks a table only
        between rows: the row itself must carry `break-after: avoid`.
        """
        styles = self.state.styles
        cells = [cell for cell in row if not cell["skip"]]
        for cell in cells:
            paragraphs = cell["tc"].findall(w("p"))
            if not paragraphs:
                return False
            direct = parse_ppr(child(paragraphs[-1], "pPr"))
            style_p = styles.resolve(direct.pop("style", None) or styles.default_para)[0]
            if not {**styles.defaults_p, **style_props[0], **style_p, **direct}.get("keep_next"):
                return False
        return bool(cells)

    def _cell(
        self,
        cell: dict[str, Any],
        r: int,
        nrows: int,
        ncols: int,
        borders: dict[str, str],
        margins: dict[str, float],
        story: Story,
        grid: Grid,
        style_props: tuple[Props, Props],
        where: str,
    ) -> str:
        tc = cell["tc"]
        tc_pr = child(tc, "tcPr")
        own = _borders(child(tc_pr, "tcBorders"))
        first_row, last_row = r == 0, r + cell["rowspan"] >= nrows
        first_col, last_col = cell["col"] == 0, cell["col"] + cell["span"] >= ncols
        sides = {
            "top": own.get("top") or borders.get("top" if first_row else "insideH"),
            "bottom": own.get("bottom") or borders.get("bottom" if last_row else "insideH"),
            "left": own.get("left") or borders.get("left" if first_col else "insideV"),
            "right": own.get("right") or borders.get("right" if last_col else "insideV"),
        }
        mar = {**margins, **_margins(child(tc_pr, "tcMar"))}
        css = [f"border-{side}:{value}" for side, value in sides.items() if value]
        css.append("padding:" + " ".join(fmt(mar[s]) for s in ("top", "right", "bottom", "left")))
        valign = wattr(child(tc_pr, "vAlign"), "val")
        css.append(f"vertical-align:{ {'center': 'middle', 'bottom': 'bottom'}.get(valign or '', 'top') }")
        fill = hex_color(wattr(child(tc_pr, "shd"), "fill"))
        if fill:
            css.append(f"background:#{fill}")
        attrs = f' class="{self.state.classes.name("c", ";".join(css))}"'
        if cell["span"] > 1:
            attrs += f' colspan="{cell["span"]}"'
        if cell["rowspan"] > 1:
            attrs += f' rowspan="{cell["rowspan"]}"'
        label = story.label
        story.label = where + t("第 {n} 列", n=cell["col"] + 1)
        content = self.blocks([el for el in tc if local(el) != "tcPr"], story, grid, style_props)
        story.label = label
        return f"<td{attrs}>{content}</td>"


def _table_layout(tbl: Element) -> list[list[dict[str, Any]]]:
    """Return the table's cells row by row: grid column, span, rowspan (vMerge), skipped continuations."""
    layout: list[list[dict[str, Any]]] = []
    origin: dict[int, dict[str, Any]] = {}
    for tr in tbl.iterfind(w("tr")):
        col = min(max(to_int(wattr(child(child(tr, "trPr"), "gridBefore"), "val")) or 0, 0), MAX_COLUMNS)
        row = []
        for tc in tr.iterfind(w("tc")):
            tc_pr = child(tc, "tcPr")
            span = min(max(to_int(wattr(child(tc_pr, "gridSpan"), "val")) or 1, 1), MAX_COLUMNS)  # Word: 63
            vmerge_el = child(tc_pr, "vMerge")
            cell = {"tc": tc, "col": col, "span": span, "rowspan": 1, "skip": False}
            if vmerge_el is not None and wattr(vmerge_el, "val", "continue") == "continue" and col in origin:
                origin[col]["rowspan"] += 1
                cell["skip"] = True
            elif vmerge_el is not None and wattr(vmerge_el, "val") == "restart":
                origin[col] = cell
            else:
                origin.pop(col, None)
            row.append(cell)
            col += span
        layout.append(row)
    return layout


def _borders(el: Element | None) -> dict[str, str]:
    """Return CSS border values per side ('top', 'insideH', ...) set in a w:tblBorders/tcBorders."""
    if el is None:
        return {}
    return {{"start": "left", "end": "right"}.get(local(side), local(side)): border_css(side) for side in el}


def _cell_width(layout: list[list[dict[str, Any]]], column: int) -> float:
    """Return the w:tcW (pt) of the first single-column cell in grid column `column` (default 1 inch)."""
    for row in layout:
        for cell in row:
            if cell["col"] == column and cell["span"] == 1:
                width = to_int(wattr(child(child(cell["tc"], "tcPr"), "tcW"), "w"))
                if width:
                    return width / 20
    return 72.0


def _margins(el: Element | None) -> dict[str, float]:
    if el is None:
        return {}
    out = {}
    for side in el:
        name = {"start": "left", "end": "right"}.get(local(side), local(side))
        value = to_int(wattr(side, "w"))
        if value is not None and name in ("top", "bottom", "left", "right"):
            out[name] = value / 20
    return out

"""The tables as one CSV file, one line per figure, as statistics platforms import them.

Columns: 发布机关, 年度, 表格, 行, 列, 数值, 字段 — the labels as the format prints them (a row
inside a group as “三、本年度办理结果 › （三）不予公开 › 1.属于国家秘密”), the figure (empty for a
blank cell), and its stable key in the input (`applications.table.new_received.total`). One file
for the three tables, with the issuer and year on every line, so that the files of many reports
concatenate into one table a platform can load. UTF-8 with a byte-order mark (Excel then reads
the Chinese correctly), CRLF line ends as RFC 4180 has them.
"""

from __future__ import annotations

import csv
import io

from reportgen.export.layout import Grid

HEADER = ("发布机关", "年度", "表格", "行", "列", "数值", "字段")
BOM = "\ufeff"


def csv_bytes(grids: list[Grid], *, issuer: str, year: int) -> bytes:
    """Return the CSV file of the tables (UTF-8 with BOM)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    for grid in grids:
        for cell in grid.figures:
            value = "" if cell.value is None else str(cell.value)
            writer.writerow((issuer, year, grid.title, cell.row_label, cell.column_label, value, cell.key))
    return (BOM + buffer.getvalue()).encode("utf-8")


__all__ = ["HEADER", "csv_bytes"]

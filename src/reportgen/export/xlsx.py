"""The tables as an Excel workbook (openpyxl): one sheet per table, merged header cells as printed.

Figures are numbers, blank cells empty. The bytes depend on the report alone: the workbook's
created and modified times are fixed (`dates`), and every zip member gets that time too
(openpyxl stamps them with the clock).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Side
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

from reportgen.export.layout import Grid

THIN = Side(style="thin")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
LABEL = Alignment(horizontal="center", vertical="center", wrap_text=True)
FIGURE = Alignment(horizontal="center", vertical="center")
ZIP_EPOCH = dt.datetime(1980, 1, 1)
"""The earliest time a zip member can carry."""


def workbook_bytes(
    grids: list[Grid], *, title: str, author: str, created: dt.datetime, modified: dt.datetime
) -> bytes:
    """Return the .xlsx file of the tables with the given document properties (times in UTC)."""
    book = Workbook()
    book.remove(book.active)
    for grid in grids:
        _sheet(book, grid)
    book.properties.title = title
    book.properties.creator = author
    book.properties.lastModifiedBy = author
    book.properties.created = _naive(created)
    book.properties.modified = _naive(modified)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).save()  # openpyxl's save_workbook would set `modified` to now
    return _restamped(buffer.getvalue(), max(_naive(modified), ZIP_EPOCH))


def _naive(moment: dt.datetime) -> dt.datetime:
    """Return a time in UTC without its zone (openpyxl writes naive times as UTC)."""
    return moment.astimezone(dt.UTC).replace(tzinfo=None) if moment.tzinfo else moment


def _sheet(book: Workbook, grid: Grid) -> None:
    sheet = book.create_sheet(grid.title[:31])  # Excel's limit on a sheet name
    for cell in grid.cells:
        target = sheet.cell(cell.row, cell.column, cell.value)
        target.alignment = FIGURE if cell.figure else LABEL
        if cell.rows > 1 or cell.columns > 1:
            sheet.merge_cells(
                start_row=cell.row,
                start_column=cell.column,
                end_row=cell.row + cell.rows - 1,
                end_column=cell.column + cell.columns - 1,
            )
    for row in sheet.iter_rows(min_row=1, max_row=grid.height, max_col=grid.width):
        for each in row:
            each.border = BORDER
    for column in range(1, grid.width + 1):
        wide = column <= grid.label_columns
        sheet.column_dimensions[get_column_letter(column)].width = 30 if wide else 12


def _restamped(data: bytes, moment: dt.datetime) -> bytes:
    """Return the zip `data` with every member dated `moment` instead of the clock time of writing."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            stamped = zipfile.ZipInfo(info.filename, date_time=moment.timetuple()[:6])
            stamped.compress_type = zipfile.ZIP_DEFLATED
            stamped.external_attr = info.external_attr
            target.writestr(stamped, source.read(info.filename))
    return out.getvalue()


__all__ = ["workbook_bytes"]

"""`reportgen export`: a report's three tables as a spreadsheet (.xlsx) or CSV for statistics platforms.

  layout.py   Tables A, B and C as printed: label and figure cells, merged cells, labels from the model
  xlsx.py     one sheet per table, merged header cells, figures as numbers (openpyxl), fixed times
  csvfile.py  one CSV file, one line per figure, UTF-8 with a byte-order mark

The input is validated first, as `render` does. The output is replaced if it exists (it is made
from the input and can be made again, like render's .docx and PDF), written atomically. Same
input, same bytes: the workbook's times are those of the .docx (`pipeline.document_dates`: the
signature date, SOURCE_DATE_EPOCH), else 1 January of the year after the report's.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reportgen.errors import Result, UsageError
from reportgen.export.csvfile import csv_bytes
from reportgen.export.layout import grids
from reportgen.export.xlsx import workbook_bytes
from reportgen.i18n import t
from reportgen.input.model import NationalReport
from reportgen.output import check_writable, refuse_overwriting, write_all
from reportgen.pipeline import check_input, document_dates, document_title, source_date

KINDS = (".xlsx", ".csv")


def export(source: Path, output: Path | None = None) -> Result[Path]:
    """Write the tables of the input `source` to `output` (default: beside it, NAME.xlsx); return
    its path with the warnings validating the input produced.

    Raise UsageError for an output that is neither .xlsx nor .csv, or is the input, and for a
    report without tables (legacy); ValidationFailed for an invalid input.
    """
    target = output if output is not None else source.with_suffix(".xlsx")
    if target.suffix.lower() not in KINDS:
        raise UsageError(t("输出文件应以 .xlsx 或 .csv 结尾"), path=target)
    refuse_overwriting(source, (target,), "-o")
    checked = check_input(source)
    report = checked.value
    if not isinstance(report, NationalReport):
        raise UsageError(
            t(
                "{format} 格式的报告没有统计表，无法导出；export 只用于 national-2019、national-2021",
                format=report.format,
            ),
            path=source,
        )
    tables = grids(report)
    if target.suffix.lower() == ".csv":
        data = csv_bytes(tables, issuer=report.issuer, year=report.year)
    else:
        created, modified = document_dates(report, source_date())
        fallback = dt.datetime(report.year + 1, 1, 1, tzinfo=dt.UTC)
        data = workbook_bytes(
            tables,
            title=document_title(report),
            author=report.issuer,
            created=created or fallback,
            modified=modified or fallback,
        )
    check_writable(target.parent)
    write_all({target: data})
    return Result(target, checked.warnings)


__all__ = ["KINDS", "export"]

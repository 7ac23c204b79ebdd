"""The import stage: a published report (.docx or web page) → an input file, nothing guessed.

  document.py     the neutral form both readers produce: paragraphs with hints, tables as grids
  docx_reader.py  .docx → Document (checked by docx/package.py first: a hostile file is refused)
  html_reader.py  web page → Document (no network; layout tables read as text)
  labels.py       labels and figures as printed: the import's tolerance, in one place
  prose.py        title, preamble, the six parts, run-in sub-sections, 落款
  tables.py       Tables A and C; table_b.py: Table B — figures placed by row and column labels
  convert.py      Document → the input's data in the model's key order

`import_report` reads, converts, validates the result with `reportgen.input.validate` (its
problems become warnings: an imported report whose figures do not add up is still imported) and
writes the file atomically. See docs/import.md.
"""

from __future__ import annotations

import json
from pathlib import Path

from reportgen.errors import InputError, Problem, Result, UsageError, ValidationFailed
from reportgen.i18n import t
from reportgen.importer.convert import NotAReport, convert
from reportgen.importer.document import Document
from reportgen.input import read_input, validate
from reportgen.input.cycle import dumps
from reportgen.output import check_writable, refuse_overwriting, write_all

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
HTML_MARKS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<div", b"<p", b"<table")


def default_output(source: Path) -> Path:
    """Return where the input made from `source` goes: beside it, named like it, ending in .json."""
    return source.with_suffix(".json")


def import_report(source: Path, output: Path | None = None, *, force: bool = False) -> Result[Path]:
    """Write the input file of the report `source` (.docx or .html); return its path and the warnings:
    what could not be placed (left null) and what `validate` says of the result.

    Raise InputError when `source` cannot be read or is no report, UsageError when the output
    exists (unless `force`) or is the source itself; nothing is written on failure.
    """
    target = output or default_output(source)
    refuse_overwriting(source, (target,), "-o")
    read = read_document(source)
    if target.exists() and not force:
        raise UsageError(t("文件已存在，不覆盖；要覆盖请加 --force"), path=target)
    warnings = list(read.warnings)
    try:
        data = convert(read.value, warnings)
    except NotAReport as exc:
        raise InputError(str(exc), path=source) from exc
    text = dumps(data)
    warnings += [problem.in_file(target) for problem in _check(text, target)]
    check_writable(target.parent)
    write_all({target: text.encode("utf-8")})
    return Result(target, warnings)


def read_document(source: Path) -> Result[Document]:
    """Return the neutral Document of a .docx or a web page, by what the file holds (not its name).

    Raise InputError for a missing, unreadable, unsafe or unsupported file.
    """
    from reportgen.docx.package import check_docx_size
    from reportgen.importer.docx_reader import read_docx
    from reportgen.importer.html_reader import read_html

    check_docx_size(source)  # the larger of the two limits, before the file is read into memory
    data = read_input(source)
    head = data[:1024].lstrip().lower()
    if data.startswith(b"PK\x03\x04"):
        return Result(read_docx(data, source))
    if data.startswith(OLE):
        raise InputError(
            t("这是旧版 Word（.doc）文件；请先在 Word 或 WPS 里另存为 .docx 再导入"), path=source
        )
    if data.startswith(b"%PDF"):
        raise InputError(t("PDF 文件不能导入；请用报告的 Word（.docx）文件或网页（.html）"), path=source)
    if any(mark in head for mark in HTML_MARKS) or source.suffix.lower() in (".html", ".htm", ".shtml"):
        document, warnings = read_html(data, source)
        return Result(document, warnings)
    raise InputError(t("只能导入 Word（.docx）文件或网页（.html）文件"), path=source)


def _check(text: str, target: Path) -> list[Problem]:
    """Return what `validate` says of the imported data: its warnings and, as warnings, its errors."""
    try:
        return validate(json.loads(text), target).warnings
    except ValidationFailed as exc:
        return exc.problems


__all__ = ["default_output", "import_report", "read_document"]

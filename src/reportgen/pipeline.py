"""The orchestrator: load → validate → context → fill .docx → .docx→HTML → PDF → write, in order."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from reportgen import __version__
from reportgen.errors import Problem, Result, StrictFailure, TemplateError, UsageError
from reportgen.i18n import t
from reportgen.input import Report, load_json, read_input, validate
from reportgen.input.cycle import compare_years, default_output, dumps, next_year
from reportgen.limits import within_deadline
from reportgen.output import check_writable, refuse_overwriting, write_all

if TYPE_CHECKING:  # the stages below load WeasyPrint (~0.2 s): `validate` must not wait for them
    from reportgen.fonts import FontMap
    from reportgen.pdf import Attachment, Pdf

PROGRESS = logging.getLogger("reportgen.progress")
# The library's loggers say nothing unless the caller configures logging. Installed here, where
# logging is first used, not in reportgen/__init__.py: `import logging` (~13 ms) would come before
# the command line's Ctrl-C handling (reportgen.cli.run).
logging.getLogger("reportgen").addHandler(logging.NullHandler())


@dataclass
class RenderResult:
    """What a render wrote and noticed."""

    docx_path: Path
    pdf_path: Path
    pages: int
    warnings: list[Problem] = field(default_factory=list)
    substitutions: list[str] = field(default_factory=list)
    repairs: list[Problem] = field(default_factory=list)
    """What was repaired in the template (Word's habits inside tags); not warnings."""


@dataclass
class Produced:
    """One report made in memory, not yet written: both files' bytes and what went into them."""

    report: Report
    template: Path
    source: bytes
    docx: bytes
    pdf: Pdf
    warnings: list[Problem] = field(default_factory=list)
    substitutions: list[str] = field(default_factory=list)
    repairs: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class Input:
    """A validated input file: the report and the file's bytes (attached to a PDF/A)."""

    report: Report
    source: bytes


def check_input(path: Path, images_dir: Path | None = None) -> Result[Report]:
    """Return the validated report of an input file with the warnings reading it produced."""
    read = read_report(path, images_dir)
    return Result(read.value.report, read.warnings)


def read_report(path: Path, images_dir: Path | None = None) -> Result[Input]:
    """Return the validated report and the file's bytes, with the warnings reading it produced.

    Pictures must lie in the input's folder or in `images_dir` (`reportgen.pictures.locate`).
    """
    loaded = load_json(path)
    validated = validate(loaded.value.data, path, images_dir)
    return Result(Input(validated.value, loaded.value.raw), loaded.warnings + validated.warnings)


def against_previous(
    report: Report, path: Path, previous: Path | None, images_dir: Path | None = None
) -> Result[Report | None]:
    """Return last year's report (`--previous`, None without) and rule 6 across the two files as warnings.

    Last year's file must be valid (its own warnings are last year's business and are not repeated).
    """
    if previous is None:
        return Result(None)
    last = check_input(previous, images_dir).value
    return Result(last, compare_years(report, path, last, previous))


def new_year(source: Path, output: Path | None = None, *, force: bool = False) -> Result[Path]:
    """Write next year's input made from last year's (`cycle.next_year`); return its path and what is
    still to be filled (the warnings `validate` gives it).

    Raise UsageError when the output exists (unless `force`) or is the source itself; nothing is
    written on failure.
    """
    report = check_input(source).value
    target = output or default_output(source, report.year)
    refuse_overwriting(source, (target,), "-o")
    if target.exists() and not force:
        raise UsageError(t("文件已存在，不覆盖；要覆盖请加 --force"), path=target)
    data = next_year(report)
    text = dumps(data)
    to_fill = validate(json.loads(text), target).warnings  # what is written is a valid input
    check_writable(target.parent)
    write_all({target: text.encode("utf-8")})
    return Result(target, to_fill)


def default_template(report_format: str) -> Path:
    """Return templates/<format>.docx from the current folder (an office's own), else reportgen's own.

    reportgen's default templates are package data (src/reportgen/templates/), installed with it.
    """
    local = Path.cwd() / "templates" / f"{report_format}.docx"
    if local.is_file():
        return local
    packaged = resources.files("reportgen") / "templates" / f"{report_format}.docx"
    if isinstance(packaged, Path) and packaged.is_file():  # pip installs packages as folders, not zips
        return packaged
    raise TemplateError(
        t(
            "找不到格式 {format} 的默认模板 templates/{format}.docx；请用 --template 指定",
            format=report_format,
        )
    )


def render(
    input_path: Path,
    out_dir: Path = Path("outputs"),
    template: Path | None = None,
    *,
    fonts: FontMap | None = None,
    strict: bool = False,
    engine: str = "weasyprint",
    pdf_variant: str | None = None,
    images_dir: Path | None = None,
    previous: Path | None = None,
) -> RenderResult:
    """Render one input file to OUT_DIR/STEM.docx and OUT_DIR/STEM.pdf; nothing is written on failure.

    Raise UsageError when an output would be the input file itself.
    """
    docx_path, pdf_path = output_paths(input_path, out_dir)
    refuse_overwriting(input_path, (docx_path, pdf_path), "--out-dir")
    check_writable(out_dir)
    made = produce(
        input_path,
        template,
        fonts=fonts,
        strict=strict,
        engine=engine,
        pdf_variant=pdf_variant,
        images_dir=images_dir,
        previous=previous,
    )
    PROGRESS.info("5/5 写出 %s、%s", docx_path, pdf_path)
    write_all({docx_path: made.docx, pdf_path: made.pdf.data})
    return RenderResult(docx_path, pdf_path, made.pdf.pages, made.warnings, made.substitutions, made.repairs)


def output_paths(input_path: Path, out_dir: Path) -> tuple[Path, Path]:
    """Return OUT_DIR/STEM.docx and OUT_DIR/STEM.pdf."""
    return out_dir / f"{input_path.stem}.docx", out_dir / f"{input_path.stem}.pdf"


@within_deadline  # limits.RENDER_SECONDS for the whole report
def produce(
    input_path: Path,
    template: Path | None = None,
    *,
    fonts: FontMap | None = None,
    strict: bool = False,
    engine: str = "weasyprint",
    pdf_variant: str | None = None,
    images_dir: Path | None = None,
    previous: Path | None = None,
) -> Produced:
    """Return the .docx and PDF of one input file, made in memory; raise a ReportgenError on failure.

    Dates come from the input (the signature date) and SOURCE_DATE_EPOCH, never from the clock, so
    equal input, template and version give equal bytes.
    """
    from reportgen.fonts import FontMap

    if pdf_variant and engine != "weasyprint":
        raise UsageError(t("--pdf-variant 只能与 WeasyPrint 引擎一起使用"))
    PROGRESS.info("1/5 读取并检查 %s", input_path)
    read = read_report(input_path, images_dir)
    # each stage's libraries imported when it starts: a bad input fails before docxtpl and WeasyPrint load
    from reportgen.template import build_context, check_template, fill, fit_title, title_line

    report, source, input_warnings = read.value.report, read.value.source, read.warnings
    last_year = against_previous(report, input_path, previous, images_dir)
    input_warnings += last_year.warnings
    dates = document_dates(report, source_date())
    template = template or default_template(report.format)
    PROGRESS.info("2/5 检查并填写模板 %s", template)
    checked = check_template(template, report.format)
    checked.raise_for_errors()
    title = fit_title(report, title_line(checked.docx))  # long lines broken where the words allow
    context = build_context(report, input_path.parent, title.value, last_year.value)
    docx_bytes = fill(template, context, docx_properties(report, dates), data=checked.docx)
    fonts = fonts or FontMap.load()
    attachments = []
    if pdf_variant:  # PDF/A-3 carries its source: the input file, byte for byte
        from reportgen.pdf import Attachment

        when = dates[1] or dates[0] or dt.datetime(1980, 1, 1, tzinfo=dt.UTC)
        attachments.append(Attachment(input_path.name, source, t("报告的输入数据（JSON）"), when))
    made = make_pdf(
        docx_bytes, fonts, engine, input_path, pdf_metadata(report, dates), pdf_variant, attachments
    )
    template_warnings = [warning.in_file(template) for warning in checked.warnings]
    warnings = input_warnings + title.warnings + template_warnings + made.warnings
    if strict and warnings:
        raise StrictFailure(t("有警告（--strict 模式下视为错误）"), path=input_path, problems=warnings)
    return Produced(
        report, template, source, docx_bytes, made.value.pdf, warnings, made.value.substitutions, checked.repairs
    )


ENGINES = ("weasyprint", "libreoffice")


def make_pdf(
    docx_bytes: bytes,
    fonts: FontMap,
    engine: str,
    source: Path | None,
    metadata: dict[str, str],
    variant: str | None = None,
    attachments: Sequence[Attachment] = (),
) -> Result[MadePdf]:
    """Return the PDF of a filled .docx made by `engine` and its font substitutions, with warnings."""
    from reportgen.docx import docx_to_html
    from reportgen.pdf import html_to_pdf

    PROGRESS.info("3/5 转换 Word → HTML")
    converted = docx_to_html(docx_bytes, fonts, source=source, metadata=metadata)
    substitutions = fonts.report(converted.value.faces)
    PROGRESS.info("4/5 排版 PDF（%s）", engine)
    if engine == "libreoffice":
        from reportgen.pdf import libreoffice

        pdf = libreoffice.convert(docx_bytes, fonts)
        return Result(MadePdf(pdf, substitutions.value), substitutions.warnings)
    made = html_to_pdf(converted.value, variant=variant, attachments=attachments)
    warnings = converted.warnings + made.warnings + substitutions.warnings
    return Result(MadePdf(made.value, substitutions.value), warnings)


@dataclass(frozen=True)
class MadePdf:
    """A PDF and the font substitutions made in it (one line each, for the user)."""

    pdf: Pdf
    substitutions: list[str]


@dataclass
class PdfResult:
    """What `docx_to_pdf` wrote and noticed."""

    pdf_path: Path
    pages: int
    warnings: list[Problem] = field(default_factory=list)
    substitutions: list[str] = field(default_factory=list)


@within_deadline  # limits.RENDER_SECONDS
def docx_to_pdf(
    docx_path: Path,
    pdf_path: Path | None = None,
    *,
    fonts: FontMap | None = None,
    strict: bool = False,
    engine: str = "weasyprint",
) -> PdfResult:
    """Convert any .docx (a rendered report edited by hand, or any Word file) to PDF.

    Raise UsageError when the PDF would be the .docx itself.
    """
    from reportgen.docx.package import check_docx_size
    from reportgen.fonts import FontMap

    pdf_path = pdf_path or docx_path.with_suffix(".pdf")
    refuse_overwriting(docx_path, (pdf_path,), "-o")
    check_writable(pdf_path.parent)
    check_docx_size(docx_path)  # before reading it: a Word file is no 5 GB file
    data = read_input(docx_path)
    fonts = fonts or FontMap.load()
    metadata = {"title": docx_path.stem, "generator": f"reportgen {__version__}"}
    made = make_pdf(data, fonts, engine, docx_path, metadata)
    pdf, warnings, substitutions = made.value.pdf, made.warnings, made.value.substitutions
    if strict and warnings:
        raise StrictFailure(t("有警告（--strict 模式下视为错误）"), path=docx_path, problems=warnings)
    write_all({pdf_path: pdf.data})
    return PdfResult(pdf_path, pdf.pages, warnings, substitutions)


def source_date() -> dt.datetime | None:
    """Return the time SOURCE_DATE_EPOCH names (reproducible builds), or None when it is unset.

    Raise UsageError when it is set but not a whole number of seconds.
    """
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return None
    try:
        return dt.datetime.fromtimestamp(int(value), dt.UTC)
    except (ValueError, OverflowError, OSError) as exc:
        raise UsageError(
            t("环境变量 SOURCE_DATE_EPOCH 应为整数秒数（Unix 时间），而不是 {value!r}", value=value)
        ) from exc


def document_dates(
    report: Report, build: dt.datetime | None
) -> tuple[dt.datetime | None, dt.datetime | None]:
    """Return (created, modified): created is the signature date, else the build date; modified is
    the build date (SOURCE_DATE_EPOCH), else the created date. Either may be None, never the clock."""
    created = build
    if report.signature is not None and report.signature.date is not None:
        created = dt.datetime.combine(report.signature.date, dt.time(), dt.UTC)
    return created, build or created


def document_title(report: Report) -> str:
    """Return the report's title on one line, without the spaces used to spread title letters."""
    return re.sub(r"[\s\u3000]+", "", "".join(report.resolved_title_lines()))


def docx_properties(
    report: Report, dates: tuple[dt.datetime | None, dt.datetime | None] = (None, None)
) -> dict[str, object]:
    """Return the .docx core properties of a report (nothing else survives from the template)."""
    properties: dict[str, object] = {
        "title": document_title(report),
        "author": report.issuer,
        "subject": "政府信息公开工作年度报告",
        "language": "zh-CN",
        "keywords": f"{report.year}; 政府信息公开; 年度报告",
    }
    created, modified = dates
    if created is not None:
        properties["created"] = created.replace(tzinfo=None)  # python-docx writes naive times as UTC
    if modified is not None:
        properties["modified"] = modified.replace(tzinfo=None)
    return properties


def pdf_metadata(
    report: Report, dates: tuple[dt.datetime | None, dt.datetime | None] = (None, None)
) -> dict[str, str]:
    """Return the PDF's metadata as HTML <meta> values (WeasyPrint writes no clock time)."""
    meta = {
        "title": document_title(report),
        "author": report.issuer,
        "description": "政府信息公开工作年度报告",
        "keywords": f"{report.year}, 政府信息公开, 年度报告",
        "generator": f"reportgen {__version__}",
    }
    created, modified = dates
    if created is not None:
        meta["dcterms.created"] = _w3c(created)
    if modified is not None:
        meta["dcterms.modified"] = _w3c(modified)
    return meta


def _w3c(moment: dt.datetime) -> str:
    """Return a UTC time in the W3C date format WeasyPrint reads: a date alone at midnight."""
    if moment.time() == dt.time():
        return moment.date().isoformat()
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")

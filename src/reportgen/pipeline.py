"""The orchestrator: load → validate → context → fill .docx → .docx→HTML → PDF → write, in order."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

from reportgen.context import build_context
from reportgen.docx import docx_to_html
from reportgen.errors import Problem, ReportgenError, TemplateError
from reportgen.fonts import FontMap
from reportgen.i18n import t
from reportgen.load import load_json, read_input
from reportgen.model import Report
from reportgen.output import check_writable, write_all
from reportgen.pdf import Pdf, html_to_pdf
from reportgen.template import fill
from reportgen.template_check import check_template
from reportgen.validate import validate

PROGRESS = logging.getLogger("reportgen.progress")
REPO_TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


class StrictFailure(ReportgenError):
    """--strict and the render produced warnings."""


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


def check_input(path: Path) -> tuple[Report, list[Problem]]:
    """Return the validated report of an input file and the warnings reading it produced."""
    loaded = load_json(path)
    validated = validate(loaded.data, path)
    return validated.report, loaded.warnings + validated.warnings


def default_template(report_format: str) -> Path:
    """Return templates/<format>.docx from the current folder, else from reportgen's checkout."""
    for folder in (Path.cwd() / "templates", REPO_TEMPLATES):
        candidate = folder / f"{report_format}.docx"
        if candidate.is_file():
            return candidate
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
) -> RenderResult:
    """Render one input file to OUT_DIR/STEM.docx and OUT_DIR/STEM.pdf; nothing is written on failure."""
    check_writable(out_dir)
    PROGRESS.info("1/5 读取并检查 %s", input_path)
    report, input_warnings = check_input(input_path)
    template = template or default_template(report.format)
    PROGRESS.info("2/5 检查并填写模板 %s", template)
    checked = check_template(template, report.format)
    checked.raise_for_errors()
    context = build_context(report, input_path.parent)
    docx_bytes = fill(template, context, docx_properties(report), data=checked.docx)
    fonts = fonts or FontMap.load()
    pdf, pdf_warnings, substitutions = make_pdf(docx_bytes, fonts, engine, input_path, pdf_metadata(report))
    template_warnings = [Problem(f"{template}", w.format()) for w in checked.warnings]
    warnings = input_warnings + template_warnings + pdf_warnings
    if strict and warnings:
        raise StrictFailure(t("有警告（--strict 模式下视为错误）"), path=input_path, problems=warnings)
    docx_path = out_dir / f"{input_path.stem}.docx"
    pdf_path = out_dir / f"{input_path.stem}.pdf"
    PROGRESS.info("5/5 写出 %s、%s", docx_path, pdf_path)
    write_all({docx_path: docx_bytes, pdf_path: pdf.data})
    return RenderResult(docx_path, pdf_path, pdf.pages, warnings, substitutions, checked.repairs)


ENGINES = ("weasyprint", "libreoffice")


def make_pdf(
    docx_bytes: bytes, fonts: FontMap, engine: str, source: Path | None, metadata: dict[str, str]
) -> tuple[Pdf, list[Problem], list[str]]:
    """Return (PDF, warnings, font substitutions) of a filled .docx, made by `engine`."""
    PROGRESS.info("3/5 转换 Word → HTML")
    converted = docx_to_html(docx_bytes, fonts, source=source, metadata=metadata)
    substitutions, font_warnings = fonts.report(converted.faces)
    PROGRESS.info("4/5 排版 PDF（%s）", engine)
    if engine == "libreoffice":
        from reportgen import libreoffice

        return libreoffice.convert(docx_bytes, fonts), font_warnings, substitutions
    pdf, pdf_warnings = html_to_pdf(converted.document)
    return pdf, converted.warnings + pdf_warnings + font_warnings, substitutions


@dataclass
class PdfResult:
    """What `docx_to_pdf` wrote and noticed."""

    pdf_path: Path
    pages: int
    warnings: list[Problem] = field(default_factory=list)
    substitutions: list[str] = field(default_factory=list)


def docx_to_pdf(
    docx_path: Path,
    pdf_path: Path | None = None,
    *,
    fonts: FontMap | None = None,
    strict: bool = False,
    engine: str = "weasyprint",
) -> PdfResult:
    """Convert any .docx (a rendered report edited by hand, or any Word file) to PDF."""
    pdf_path = pdf_path or docx_path.with_suffix(".pdf")
    check_writable(pdf_path.parent)
    data = read_input(docx_path)
    fonts = fonts or FontMap.load()
    metadata = {"title": docx_path.stem, "generator": "reportgen"}
    pdf, warnings, substitutions = make_pdf(data, fonts, engine, docx_path, metadata)
    if strict and warnings:
        raise StrictFailure(t("有警告（--strict 模式下视为错误）"), path=docx_path, problems=warnings)
    write_all({pdf_path: pdf.data})
    return PdfResult(pdf_path, pdf.pages, warnings, substitutions)


def document_title(report: Report) -> str:
    """Return the report's title on one line, without the spaces used to spread title letters."""
    return re.sub(r"[\s\u3000]+", "", "".join(report.resolved_title_lines()))


def docx_properties(report: Report) -> dict[str, str]:
    return {
        "title": document_title(report),
        "author": report.issuer,
        "subject": "政府信息公开工作年度报告",
        "language": "zh-CN",
        "keywords": f"{report.year}; 政府信息公开; 年度报告",
    }


def pdf_metadata(report: Report) -> dict[str, str]:
    meta = {
        "title": document_title(report),
        "author": report.issuer,
        "description": "政府信息公开工作年度报告",
        "keywords": f"{report.year}, 政府信息公开, 年度报告",
        "generator": "reportgen",
    }
    if report.signature is not None:
        meta["dcterms.created"] = report.signature.date.isoformat()
    return meta

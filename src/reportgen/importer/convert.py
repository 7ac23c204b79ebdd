"""The neutral Document → the input file's data, in the model's key order (as `reportgen new` writes it)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from reportgen.errors import Problem
from reportgen.i18n import t
from reportgen.importer.document import Document, Paragraph, Table
from reportgen.importer.prose import PARTS, Layout, content, layout, title_fields
from reportgen.importer.table_b import table_b
from reportgen.importer.tables import classify, format_of, name, table_a, table_c
from reportgen.input.model import MODELS, Signature

TABLE_OF = {"proactive": "A", "applications": "B", "reviews": "C"}


class NotAReport(Exception):
    """The document is no report of the national formats (the message says why)."""


def convert(document: Document, warnings: list[Problem]) -> dict[str, Any]:
    """Return the input data of a report read into `document`; add what could not be placed to `warnings`.

    Raise NotAReport when nothing in it is a part of a report.
    """
    text = layout(document, warnings)
    tables = _tables(document, {id(table) for table in text.outside}, warnings)
    issuer, year = title_fields(text.title)
    if not text.parts and not tables:
        raise NotAReport(
            t("看不出这是政府信息公开工作年度报告：找不到“一、总体情况”等部分标题，也找不到统计表")
        )
    if not tables and year is not None and year <= 2018:
        raise NotAReport(
            t(
                "{year} 年度的报告是 legacy 格式（没有统一的统计表）；import 只导入 national-2019 和 national-2021 格式的报告",
                year=year,
            )
        )
    if not text.title:
        warnings.append(
            Problem(
                t("标题"),
                t(
                    "找不到标题（例如“××市人民政府2024年政府信息公开工作年度报告”），发布机关和年度留空（null）"
                ),
            )
        )
    elif issuer is None or year is None:
        missing = "、".join(
            word for word, value in ((t("发布机关"), issuer), (t("年度"), year)) if value is None
        )
        warnings.append(
            Problem(
                t("标题"),
                t("标题“{title}”中看不出{missing}，留空（null）", title="".join(text.title), missing=missing),
            )
        )
    report_format = _format(tables, year, warnings)
    model = MODELS[report_format]
    values: dict[str, Any] = {
        "schema_": f"../schemas/{report_format}.schema.json",
        "issuer": issuer,
        "year": year,
        "format": report_format,
        "preamble": content(_paragraphs(text.preamble), t("前言"), warnings),
    }
    if text.title and text.title != [issuer, f"{year}年政府信息公开工作年度报告"]:
        values["title_lines"] = text.title
    if text.signature:
        values["signature"] = {
            key: text.signature[key] for key in Signature.model_fields if key in text.signature
        }
    for part in PARTS:
        values[part] = _part(part, model, text, tables, warnings)
    out: dict[str, Any] = {}
    for field, info in model.model_fields.items():
        if field in values:
            out[info.alias or field] = values[field]
    return out


def _paragraphs(blocks: list[Paragraph | Table]) -> list[Paragraph]:
    return [block for block in blocks if isinstance(block, Paragraph)]


def _format(tables: dict[str, Table], year: int | None, warnings: list[Problem]) -> str:
    """Return the format: as Table A's column labels say, else as the year says (2019, 2020: the trial format)."""
    found = format_of(tables["A"]) if "A" in tables else None
    if found is not None:
        return found
    if year is not None:
        return "national-2019" if year <= 2020 else "national-2021"
    warnings.append(Problem(t("表一"), t("表一和年度都看不出报告格式，按 national-2021 导入")))
    return "national-2021"


def _tables(document: Document, outside: set[int], warnings: list[Problem]) -> dict[str, Table]:
    """Return the report's tables by kind ("A", "B", "C"); a table continued on the next page is joined."""
    found: dict[str, Table] = {}
    previous = ""
    for block in document.blocks:
        if isinstance(block, Paragraph):
            previous = previous if not block.text else ""
            continue
        kind = classify(block)
        if previous and kind in ("", previous):
            _append(found[previous], block)
            continue
        previous = ""
        if not kind:
            if id(block) not in outside:
                warnings.append(Problem(block.where, t("不认识这个表格（不是表一、表二、表三），没有导入")))
            continue
        if kind in found:
            warnings.append(
                Problem(block.where, t("又一个{table}，没有导入（只取第一个）", table=name(kind)))
            )
            continue
        found[kind] = Table(list(block.rows), block.where)
        previous = kind
    return found


def _append(table: Table, more: Table) -> None:
    """Join the rows of a table's continuation to it (a Word table split at a page)."""
    offset = len(table.rows)
    moved: set[int] = set()
    for row in more.rows:
        for cell in row:
            if cell is not None and id(cell) not in moved:
                moved.add(id(cell))
                cell.row += offset
    table.rows += more.rows


def _part(
    part: str, model: type[BaseModel], text: Layout, tables: dict[str, Table], warnings: list[Problem]
) -> dict[str, Any]:
    """Return one of the six parts: heading, content and (parts 二–四) its table."""
    part_model = model.model_fields[part].annotation
    assert isinstance(part_model, type)
    assert issubclass(part_model, BaseModel)
    default = part_model.model_fields["heading"].default
    found = text.parts.get(part)
    if found is None:
        warnings.append(Problem(default, t("找不到这一部分的标题，内容留空")))
    out: dict[str, Any] = {"heading": found.heading.text if found else default}
    blocks = found.blocks if found else []
    kind = TABLE_OF.get(part)
    after = [
        b
        for i, b in enumerate(blocks)
        if isinstance(b, Paragraph) and any(isinstance(x, Table) for x in blocks[:i])
    ]
    if kind and after:
        message = t("表格之后的 {count} 段文字放在了表格之前（输入格式只有表前文字）", count=len(after))
        warnings.append(Problem(out["heading"], message))
    out["content"] = content(_paragraphs(blocks), out["heading"], warnings)
    if kind:
        table_model = part_model.model_fields["table"].annotation
        assert isinstance(table_model, type)
        assert issubclass(table_model, BaseModel)
        table = tables.get(kind)
        if table is None:
            warnings.append(Problem(name(kind), t("找不到这个表格，各格留空（null）")))
        out["table"] = _read_table(kind, table or Table([], ""), table_model, warnings if table else [])
    return out


def _read_table(kind: str, table: Table, model: type[BaseModel], warnings: list[Problem]) -> dict[str, Any]:
    if kind == "A":
        return table_a(table, model, warnings)
    if kind == "B":
        return table_b(table, model, warnings)
    return table_c(table, warnings)

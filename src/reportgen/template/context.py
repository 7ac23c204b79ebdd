"""Validated report → the plain values a template sees (numbering, dates, flattened blocks)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from reportgen.input.model import Figure, NationalReport, Report, Subsection
from reportgen.input.model.blocks import Block


@dataclass(frozen=True)
class ImageRef:
    """An image to place in the .docx; the template stage turns it into a docxtpl InlineImage."""

    path: Path
    width_mm: float | None


def chinese_date(value: dt.date) -> str:
    """Return a date as official documents print it: 2016年1月20日."""
    return f"{value.year}年{value.month}月{value.day}日"


def build_context(
    report: Report, base_dir: Path, title_lines: list[str] | None = None, previous: Report | None = None
) -> dict[str, Any]:
    """Return the template context of a report; image paths are resolved against base_dir.

    `title_lines`: the title as printed, when broken to fit the template (title.fit_title); by
    default the report's own.

    Every format has: format, issuer, year, title_lines, preamble, sections (heading + blocks, in
    printed order) and signature. national-2019 and -2021 add their six parts by name and the tables a, b, c
    (every cell a ready-to-print string; a blank cell is "") and `prev`: last year's tables a, b, c
    in the same shape when `previous` (last year's report, `--previous`) is given, else None.
    """
    signature = None
    if report.signature is not None:
        signature = {
            "issuer": report.signature.issuer or "",
            "date": chinese_date(report.signature.date) if report.signature.date else "",
        }
    context: dict[str, Any] = {
        "format": report.format,
        "issuer": report.issuer,
        "year": report.year,
        "title_lines": report.resolved_title_lines() if title_lines is None else title_lines,
        "preamble": _blocks(report.preamble, base_dir),
        "sections": [{"heading": s.heading, "blocks": _blocks(s.content, base_dir)} for s in report.sections],
        "signature": signature,
    }
    if isinstance(report, NationalReport):
        context.update(zip(report.PARTS, context["sections"], strict=True))
        context["a"] = cells(report.proactive.table)
        context["b"] = cells(report.applications.table)
        context["c"] = cells(report.reviews.table)
        context["prev"] = None
        if isinstance(previous, NationalReport):
            context["prev"] = {
                "a": cells(previous.proactive.table),
                "b": cells(previous.applications.table),
                "c": cells(previous.reviews.table),
            }
    return context


def cells(table: BaseModel) -> dict[str, Any]:
    """Return a table model as nested dicts of printable cell strings."""
    out: dict[str, Any] = {}
    for name in type(table).model_fields:
        value = getattr(table, name)
        out[name] = cells(value) if isinstance(value, BaseModel) else number(value)
    return out


def number(value: int | Decimal | None) -> str:
    """Return a table figure as printed: digits without grouping, a blank cell as ''."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def _blocks(content: list[Block], base_dir: Path) -> list[dict[str, Any]]:
    """Flatten content into paragraph and image blocks, in order.

    A subsection becomes one paragraph with a run-in `title` and then one block per follow-on
    paragraph; a plain paragraph has an empty title.
    """
    out: list[dict[str, Any]] = []
    for block in content:
        if isinstance(block, str):
            out.append({"kind": "paragraph", "title": "", "text": block})
        elif isinstance(block, Subsection):
            out.append({"kind": "paragraph", "title": block.title, "text": block.text})
            out += [{"kind": "paragraph", "title": "", "text": t} for t in block.paragraphs]
        elif isinstance(block, Figure):
            ref = ImageRef(base_dir / block.image, block.width_mm)
            out.append({"kind": "image", "image": ref, "caption": block.caption})
    return out

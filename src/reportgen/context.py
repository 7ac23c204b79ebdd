"""Validated report → the plain values a template sees (numbering, dates, flattened blocks)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportgen.model import Figure, LegacyReport, Subsection
from reportgen.model.legacy import Block


@dataclass(frozen=True)
class ImageRef:
    """An image to place in the .docx; the template stage turns it into a docxtpl InlineImage."""

    path: Path
    width_mm: float | None


def chinese_date(value: dt.date) -> str:
    """Return a date as official documents print it: 2016年1月20日."""
    return f"{value.year}年{value.month}月{value.day}日"


def build_context(report: LegacyReport, base_dir: Path) -> dict[str, Any]:
    """Return the template context of a legacy report; image paths are resolved against base_dir."""
    signature = None
    if report.signature is not None:
        signature = {
            "issuer": report.signature.issuer,
            "date": chinese_date(report.signature.date),
        }
    return {
        "format": report.format,
        "issuer": report.issuer,
        "year": report.year,
        "title_lines": report.resolved_title_lines(),
        "preamble": _blocks(report.preamble, base_dir),
        "sections": [{"heading": s.heading, "blocks": _blocks(s.content, base_dir)} for s in report.sections],
        "signature": signature,
    }


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

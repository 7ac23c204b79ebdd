"""The side file of a compiled report: every unit's text, part by part, for the editor who writes the district's.

It is Markdown (readable as plain text, and any Markdown viewer shows its headings) and it is
the report's own language, Chinese, whatever the message language: it is a working document,
not a message.
"""

from __future__ import annotations

from typing import Any

from reportgen.input.model import Figure, NationalReport, Subsection

PREAMBLE = "前言"


def units_text(issuer: str, year: int, units: list[tuple[str, NationalReport]]) -> str:
    """Return the side file: a header listing the units, then per part each unit's text (“（无）” if none)."""
    lines = [
        f"# {issuer} {year} 年政府信息公开工作年度报告：各单位的文字",
        "",
        f"由 reportgen aggregate 汇总 {len(units)} 个单位的统计表时写出，供编写正文参考；不是输入文件。",
        "",
    ]
    lines += [f"{number}. {name}（{report.issuer}）" for number, (name, report) in enumerate(units, 1)]
    parts = [(PREAMBLE, "preamble")] + [
        (info.title or name, name)
        for name, info in NationalReport.model_fields.items()
        if name in NationalReport.PARTS
    ]
    for title, name in parts:
        lines += ["", f"## {title}"]
        for unit, report in units:
            value = getattr(report, name)
            blocks = value if name == "preamble" else value.content
            lines += ["", f"### {unit}（{report.issuer}）", ""]
            lines += _blocks(blocks) or ["（无）"]
    return "\n".join(lines) + "\n"


def _blocks(blocks: list[Any]) -> list[str]:
    """Return content blocks as Markdown paragraphs, a blank line between them."""
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Subsection):
            paragraphs = [f"**{block.title}**{block.text}", *block.paragraphs]
        elif isinstance(block, Figure):
            paragraphs = [f"［图片：{block.image}］{block.caption}"]
        else:
            paragraphs = [str(block)]
        for paragraph in paragraphs:
            out += [paragraph, ""]
    return out[:-1]


def shared_titles(reports: list[NationalReport], name: str) -> list[dict[str, str]]:
    """Return the sub-section titles of part `name` (or the preamble) when every unit has the same
    ones, as empty sub-sections (`reportgen new`'s way); else none."""
    found = []
    for report in reports:
        value = getattr(report, name)
        blocks = value if name == "preamble" else value.content
        found.append([block.title for block in blocks if isinstance(block, Subsection)])
    if any(titles != found[0] for titles in found):
        return []
    return [{"title": title, "text": ""} for title in found[0]]


def shared_heading(reports: list[NationalReport], name: str) -> str | None:
    """Return the heading of part `name` when every unit prints the same one, else None (the default)."""
    headings = {getattr(report, name).heading for report in reports}
    return headings.pop() if len(headings) == 1 else None


__all__ = ["shared_heading", "shared_titles", "units_text"]

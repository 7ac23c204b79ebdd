"""Format "legacy" (reports for 2008–2018): a free six-part structure of prose."""

from __future__ import annotations

from typing import Literal

from pydantic import ConfigDict, Field

from reportgen.input.model.blocks import BLOCK_TAGS, Block, Figure, Subsection
from reportgen.input.model.common import Base, ReportHeader, Text

__all__ = ["BLOCK_TAGS", "Block", "Figure", "LegacyReport", "Section", "Subsection"]


class Section(Base):
    """部分: one of the report's parts, with its heading as published and its content in order."""

    model_config = ConfigDict(
        title="部分", json_schema_extra={"description": "报告的一个部分：标题和依次排列的内容"}
    )

    heading: Text = Field(title="部分标题", description="带序号的标题，原样印出，例如“一、……”")
    content: list[Block] = Field(
        default_factory=list,
        title="内容",
        description="依次排列的段落（文字）、小节（title + text）和图片（image）",
    )


class LegacyReport(ReportHeader):
    """A report in the legacy format (2008–2018)."""

    model_config = ConfigDict(
        title="政府信息公开工作年度报告（legacy 格式，2008–2018 年）",
        json_schema_extra={"description": "reportgen 的输入文件：一年的报告内容"},
    )

    format: Literal["legacy"] = Field(title="报告格式", description="固定为 legacy")
    preamble: list[Block] = Field(default_factory=list, title="前言", description="标题下、第一部分前的段落")
    sections: list[Section] = Field(min_length=1, title="正文各部分", description="通常六个部分")

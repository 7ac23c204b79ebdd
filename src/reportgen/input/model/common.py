"""Parts every report format shares: the base model, titled text types, the signature block."""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, WithJsonSchema
from pydantic_core import PydanticCustomError

MAX_TEXT = 20_000
"""Longest text field, in characters (the longest paragraph of a real report is ~2,000)."""

Text = Annotated[str, StringConstraints(min_length=1, max_length=MAX_TEXT)]
"""Text that must not be empty (whitespace is kept as typed)."""

OptionalText = Annotated[str, StringConstraints(max_length=MAX_TEXT)]
"""Text that may be empty."""


def unwrap(tp: Any) -> Any:
    """Return a type annotation without Annotated wrappers and without None in an Optional."""
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            if len(args) != 1:
                return tp
            tp = args[0]
        else:
            return tp


class Base(BaseModel):
    """Strict base: unknown keys are errors, values are never coerced from other types.

    Built on first use (defer_build), so that a process validating one format does not build the
    others' validators (~15 ms of `reportgen render` of a legacy report).
    """

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)


ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"


def _iso_date(value: Any) -> Any:
    """Let only a date written YYYY-MM-DD through (Pydantic alone also takes timestamps and times)."""
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise PydanticCustomError("date_type", "应为日期，格式 YYYY-MM-DD")
    if not re.fullmatch(ISO_DATE, value):
        raise PydanticCustomError("date_parsing", "应为日期，格式 YYYY-MM-DD")
    return value


Date = Annotated[
    dt.date,
    BeforeValidator(_iso_date),
    WithJsonSchema({"type": "string", "format": "date", "pattern": ISO_DATE}),
]
"""A calendar date written YYYY-MM-DD."""


class Signature(Base):
    """落款: the issuing body (optional: some reports sign with the date alone) and the date."""

    model_config = ConfigDict(title="落款", json_schema_extra={"description": "报告末尾的落款机关和成文日期"})

    issuer: Text | None = Field(
        default=None, title="落款机关", description="报告末尾署名的机关全称；落款只有日期时省略"
    )
    date: Date | None = Field(
        default=None,
        title="成文日期",
        description="格式 YYYY-MM-DD，印为“2016年1月20日”；尚未确定时省略（reportgen new 生成的文件）",
    )


class ReportHeader(Base):
    """Fields at the top of every input file, whatever its format."""

    schema_: OptionalText | None = Field(
        default=None,
        alias="$schema",
        title="JSON Schema",
        description="可选：编辑器用来提示和检查的 JSON Schema 地址",
    )
    issuer: Text = Field(title="发布机关", description="发布本报告的机关，例如“吴忠市利通区”")
    year: int = Field(
        strict=True, ge=2008, le=2100, title="报告年度", description="报告所述的年度，例如 2015"
    )
    title_lines: list[Text] | None = Field(
        default=None,
        min_length=1,
        title="标题",
        description="标题的各行；省略时为“发布机关”和“YYYY年政府信息公开工作年度报告”两行",
    )
    signature: Signature | None = Field(default=None, title="落款", description="可选的落款和日期")

    def resolved_title_lines(self) -> list[str]:
        """Return the title lines, defaulting to issuer + '<year>年政府信息公开工作年度报告'."""
        if self.title_lines:
            return list(self.title_lines)
        return [self.issuer, f"{self.year}年政府信息公开工作年度报告"]

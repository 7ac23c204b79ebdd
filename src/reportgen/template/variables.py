"""The variables a template of each format can use, as a tree with Chinese titles.

The tree is read from Pydantic classes, so it cannot drift from the code: a format whose template
context differs from its input model declares the context's shape in `CONTEXTS` (legacy does:
`sections[].blocks` instead of `sections[].content`); any other format is described by its input
model in `reportgen.input.model.MODELS`. `conformance()` compares a real context with the tree, and a
test runs it on every example input, so neither the context builder nor this tree can change alone.
The template check, the guide (docs/template-guide.md) and the “unused field” warnings all use it.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic.config import JsonDict

from reportgen.input.model import MODELS, national_2019
from reportgen.input.model.common import unwrap
from reportgen.input.model.national_2021 import TableA, TableB, TableC
from reportgen.template.context import ImageRef

TEXT, INTEGER, NUMBER, DATE, BOOL, IMAGE, LIST, OBJECT, ANY = (
    "文字",
    "整数",
    "数字",
    "日期",
    "是/否",
    "图片",
    "列表",
    "对象",
    "任意",
)
KIND_EN = {
    TEXT: "text",
    INTEGER: "integer",
    NUMBER: "number",
    DATE: "date",
    BOOL: "yes/no",
    IMAGE: "image",
    LIST: "list",
    OBJECT: "object",
    ANY: "any",
}


@dataclass
class Var:
    """One template variable: its kind, Chinese title, and what it holds (fields, or list items)."""

    kind: str
    title: str = ""
    description: str = ""
    shown: bool = True
    """False for values a template need not print (the format name, values also in the title)."""
    fields: dict[str, Var] = field(default_factory=dict)
    item: Var | None = None
    alternative: Var | None = None
    """The same name in another form of the input, holding another kind: （六）其他处理's `other` is
    the sub-row 3.其他 (an object), or in the one-row form the column 其他 (text)."""


# ---- the legacy context (context.build_context) --------------------------------------------------


class _Ctx(BaseModel):
    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True)


class LegacyBlock(_Ctx):
    """One block of content: a paragraph (with an optional run-in title) or an image."""

    kind: Literal["paragraph", "image"] = Field(
        title="种类",
        description="paragraph（文字段落）或 image（图片），用于 {%p if block.kind == 'image' %}",
        json_schema_extra={"shown": False},
    )
    title: str = Field("", title="小标题", description="小节的小标题，与正文同段印出；普通段落为空")
    text: str = Field("", title="正文", description="段落文字")
    image: ImageRef | None = Field(None, title="图片", description="图片本身：{{ block.image }} 独占一段")
    caption: str = Field("", title="图题", description="图片下方的说明文字，可为空")


class LegacySection(_Ctx):
    heading: str = Field(title="部分标题", description="带序号的标题，例如“一、概述”")
    blocks: list[LegacyBlock] = Field(title="内容", description="本部分依次排列的内容块")


class LegacySignature(_Ctx):
    issuer: str = Field(title="落款机关", description="落款只有日期时为空：用 {%p if signature.issuer %}")
    date: str = Field(title="成文日期", description="已写成“2016年1月20日”")


class LegacyContext(_Ctx):
    format: str = Field(title="报告格式", description="legacy", json_schema_extra={"shown": False})
    issuer: str = Field(title="发布机关", json_schema_extra={"shown": False})
    year: int = Field(title="报告年度", json_schema_extra={"shown": False})
    title_lines: list[str] = Field(
        title="标题", description="标题的各行；输入省略时为发布机关和“YYYY年政府信息公开工作年度报告”"
    )
    preamble: list[LegacyBlock] = Field(title="前言", description="标题下、第一部分前的内容块")
    sections: list[LegacySection] = Field(
        title="正文各部分", description="通常六个部分，用 {%p for section in sections %} 逐一印出"
    )
    signature: LegacySignature | None = Field(
        title="落款", description="没有落款时为空：用 {%p if signature %}"
    )


# ---- the national-2021 context ------------------------------------------------------------------

_CELLS: JsonDict = {"cells": "text"}
"""Marks a table whose cells the context holds as ready-to-print text ('' for a blank cell)."""


_PREV = "用 --previous 给出上年的输入文件时为上年的表格（与 a、b、c 同样写法），否则为空：用 {% if prev %}"


_PREV_EXTRA: JsonDict = {"cells": "text", "shown": False}


class PreviousTables(_Ctx):
    """Last year's tables (`--previous`), printed like this year's."""

    a: TableA = Field(title="上年表格一", json_schema_extra=_CELLS)
    b: TableB = Field(title="上年表格二", json_schema_extra=_CELLS)
    c: TableC = Field(title="上年表格三", json_schema_extra=_CELLS)


class PreviousTables2019(PreviousTables):
    a: national_2019.TableA = Field(title="上年表格一", json_schema_extra=_CELLS)  # type: ignore[assignment]
    b: national_2019.TableB = Field(title="上年表格二", json_schema_extra=_CELLS)  # type: ignore[assignment]


class NationalContext(LegacyContext):
    format: str = Field(title="报告格式", description="national-2021", json_schema_extra={"shown": False})
    sections: list[LegacySection] = Field(
        title="正文各部分",
        description="六个部分依次排列（也可用下面按名称的六项）",
        json_schema_extra={"shown": False},
    )
    general: LegacySection = Field(title="一、总体情况", description="heading 和 blocks")
    proactive: LegacySection = Field(title="二、主动公开政府信息情况", description="表前文字；表格见 a")
    applications: LegacySection = Field(title="三、收到和处理政府信息公开申请情况", description="表格见 b")
    reviews: LegacySection = Field(title="四、政府信息公开行政复议、行政诉讼情况", description="表格见 c")
    problems: LegacySection = Field(title="五、存在的主要问题及改进情况")
    other: LegacySection = Field(title="六、其他需要报告的事项")
    a: TableA = Field(
        title="表格一（主动公开）", description="单元格为印好的数字；空白单元格为空", json_schema_extra=_CELLS
    )
    b: TableB = Field(
        title="表格二（依申请公开）",
        description="单元格为印好的数字；空白单元格为空",
        json_schema_extra=_CELLS,
    )
    c: TableC = Field(
        title="表格三（复议、诉讼）",
        description="单元格为印好的数字；空白单元格为空",
        json_schema_extra=_CELLS,
    )
    prev: PreviousTables | None = Field(title="上年数据", description=_PREV, json_schema_extra=_PREV_EXTRA)


class National2019Context(NationalContext):
    """The 2019 trial format: the parts of national-2021, its own tables 一 and 二."""

    format: str = Field(title="报告格式", description="national-2019", json_schema_extra={"shown": False})
    a: national_2019.TableA = Field(  # type: ignore[assignment]
        title="表格一（主动公开）", description="单元格为印好的数字；空白单元格为空", json_schema_extra=_CELLS
    )
    b: national_2019.TableB = Field(  # type: ignore[assignment]
        title="表格二（依申请公开）",
        description="单元格为印好的数字；空白单元格为空",
        json_schema_extra=_CELLS,
    )
    prev: PreviousTables2019 | None = Field(
        title="上年数据", description=_PREV, json_schema_extra=_PREV_EXTRA
    )


CONTEXTS: dict[str, type[BaseModel]] = {
    "legacy": LegacyContext,
    "national-2019": National2019Context,
    "national-2021": NationalContext,
}
"""Format → the shape of its template context, where it differs from the input model."""


def template_variables(report_format: str) -> dict[str, Var]:
    """Return the top-level variables a template of `report_format` can use."""
    model = CONTEXTS.get(report_format) or MODELS[report_format]
    return _fields(model)


def _fields(model: type[BaseModel]) -> dict[str, Var]:
    out = {}
    for name, info in model.model_fields.items():
        if (info.alias or "").startswith("$"):
            continue  # `$schema`: for editors only
        var = _var(info.annotation)
        var.title = info.title or var.title
        var.description = info.description or var.description
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        literal = typing.get_origin(unwrap(info.annotation)) is Literal and var.kind == TEXT
        var.shown = bool(extra.get("shown", not literal))
        if extra.get("cells") == "text":
            _printed(var)
        out[name] = var
    return out


def _printed(var: Var) -> None:
    """Turn the number cells under `var` into text: the context holds them printed."""
    for name in var.fields:
        for child in (var.fields[name], var.fields[name].alternative):
            if child is None:
                continue
            if child.kind == OBJECT:
                _printed(child)
            elif child.kind in (INTEGER, NUMBER, ANY):
                child.kind = TEXT


def _var(tp: Any) -> Var:
    tp = unwrap(tp)
    origin = typing.get_origin(tp)
    if origin is list:
        args = typing.get_args(tp)
        return Var(LIST, item=_var(args[0]) if args else Var(ANY))
    if origin in (typing.Union, types.UnionType):
        return _union([_var(a) for a in typing.get_args(tp) if a is not type(None)])
    if origin is Literal:
        return Var(TEXT)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return Var(OBJECT, title=tp.model_config.get("title") or "", fields=_fields(tp))
    simple = {str: TEXT, bool: BOOL, int: INTEGER, float: NUMBER, dt.date: DATE, ImageRef: IMAGE}
    return Var(simple.get(tp, ANY)) if isinstance(tp, type) else Var(ANY)


def _union(options: list[Var]) -> Var:
    """Return one Var for a union: objects merge their fields (text alone is a paragraph)."""
    objects = [o for o in options if o.kind == OBJECT]
    if not objects:
        return options[0] if len({o.kind for o in options}) == 1 else Var(ANY)
    merged = Var(OBJECT, title="、".join(o.title for o in objects if o.title))
    for index, obj in enumerate(objects):
        for name, var in obj.fields.items():
            if index and obj.title:  # a field of another form: say which
                var.description = f"{obj.title}：{var.description or var.title}"
            known = merged.fields.setdefault(name, var)
            if known is not var and known.kind != var.kind and known.alternative is None:
                known.alternative = var
    return merged


def conformance(context: dict[str, Any], variables: dict[str, Var], path: str = "") -> list[str]:
    """Return the names in `context` the tree does not describe, and values of the wrong kind."""
    out = []
    for name, value in context.items():
        where = f"{path}{name}"
        var = variables.get(name)
        if var is None:
            out.append(f"{where}: not described")
        else:
            out += _conforms_either(value, var, where)
    return out


def _conforms(value: Any, var: Var, where: str) -> list[str]:
    if value is None or var.kind == ANY:
        return []
    if var.kind == OBJECT:
        if not isinstance(value, dict):
            return [f"{where}: expected an object"]
        return conformance(value, var.fields, f"{where}.")
    if var.kind == LIST:
        if not isinstance(value, list):
            return [f"{where}: expected a list"]
        return [p for item in value for p in _conforms_either(item, var.item or Var(ANY), f"{where}[]")]
    kinds = {TEXT: str, INTEGER: int, NUMBER: int | float, DATE: dt.date, BOOL: bool, IMAGE: ImageRef}
    expected = kinds.get(var.kind, object)
    return [] if isinstance(value, expected) else [f"{where}: expected {KIND_EN[var.kind]}"]


def _conforms_either(value: Any, var: Var, where: str) -> list[str]:
    """Return the mismatches of `value` with `var`, or none when it fits `var`'s alternative."""
    found = _conforms(value, var, where)
    if found and var.alternative is not None and not _conforms(value, var.alternative, where):
        return []
    return found


def walk(variables: dict[str, Var], path: str = "") -> typing.Iterator[tuple[str, Var]]:
    """Yield (dotted path, var) for every variable; list items are written `name[]`.

    A name with an alternative (another form of the input) is yielded twice, once for each form.
    """
    for name, var in variables.items():
        where = f"{path}{name}"
        for form in (var, var.alternative) if var.alternative is not None else (var,):
            yield where, form
            if form.kind == OBJECT:
                yield from walk(form.fields, f"{where}.")
            elif form.kind == LIST and form.item is not None and form.item.kind == OBJECT:
                yield from walk(form.item.fields, f"{where}[].")

"""JSON value → validated report model; every problem collected, named by JSON path and Chinese title."""

from __future__ import annotations

import difflib
import types
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from reportgen.errors import Problem, ValidationFailed
from reportgen.model import MODELS, Figure, Report, Subsection
from reportgen.model.legacy import Block

_TAG_TYPES: dict[str, tuple[type | None, str]] = {
    "段落": (None, "段落"),
    "小节": (Subsection, "小节"),
    "图片": (Figure, "图片"),
}


def validate(data: Any, path: Path) -> Report:
    """Return the validated report; raise ValidationFailed listing every problem at once."""
    if not isinstance(data, dict):
        kind = "列表" if isinstance(data, list) else type(data).__name__
        raise ValidationFailed(
            "输入有误", path=path, problems=[Problem("$", f"应为一个对象（{{…}}），实际是{kind}")]
        )
    fmt = data.get("format")
    model = MODELS.get(fmt) if isinstance(fmt, str) else None
    if model is None:
        known = "、".join(MODELS)
        msg = "缺少此项" if fmt is None else f"不认识的格式 {fmt!r}"
        raise ValidationFailed(
            "输入有误", path=path, problems=[Problem("$.format（报告格式）", f"{msg}；应为 {known} 之一")]
        )
    try:
        report = model.model_validate(data)
    except ValidationError as exc:
        problems = [_problem(model, err) for err in exc.errors(include_url=False)]
        raise ValidationFailed(f"输入有误（{len(problems)} 处）", path=path, problems=problems) from exc
    problems = list(_check_files(report, path))
    if problems:
        raise ValidationFailed(f"输入有误（{len(problems)} 处）", path=path, problems=problems)
    return report  # type: ignore[return-value]


def _check_files(report: BaseModel, path: Path) -> typing.Iterator[Problem]:
    """Yield a problem for every image file that does not exist beside the input."""
    base = path.parent
    sections = getattr(report, "sections", [])
    groups = [("$.preamble", getattr(report, "preamble", []))]
    groups += [(f"$.sections[{i}].content", s.content) for i, s in enumerate(sections)]
    for where, blocks in groups:
        for j, block in enumerate(blocks):
            if isinstance(block, Figure) and not (base / block.image).is_file():
                yield Problem(f"{where}[{j}].image（图片文件）", f"找不到图片文件 {block.image}")


def _problem(model: type[BaseModel], err: ErrorDetails) -> Problem:
    loc = err["loc"]
    where, title, parent = _describe(model, loc)
    label = f"{where}（{title}）" if title else where
    return Problem(label, _message(err, parent))


def _strip(tp: Any) -> Any:
    """Return `tp` without Annotated / Optional wrappers."""
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


def _describe(model: type[BaseModel], loc: tuple[int | str, ...]) -> tuple[str, str, Any]:
    """Return (JSON path, Chinese title of the innermost field, the model holding it)."""
    path, title, current, parent = "$", "", model, model
    for item in loc:
        stripped = _strip(current)
        if isinstance(item, int):
            path += f"[{item}]"
            args = typing.get_args(stripped)
            current = args[0] if typing.get_origin(stripped) is list and args else None
            if current is Block or _strip(current) is _strip(Block):
                title = title or "内容"
            continue
        if item in _TAG_TYPES:
            current, tag_title = _TAG_TYPES[item]
            title = tag_title
            continue
        path += f".{item}"
        parent = stripped
        field = _field(stripped, str(item))
        if field is None:
            title, current = "", None
        else:
            title, current = field.title or "", field.annotation
    return path, title, parent


def _field(model: Any, name: str) -> Any:
    if not (isinstance(model, type) and issubclass(model, BaseModel)):
        return None
    for fname, info in model.model_fields.items():
        if name in (fname, info.alias):
            return info
    return None


def _message(err: ErrorDetails, parent: Any) -> str:
    kind, ctx = err["type"], err.get("ctx") or {}
    if kind == "extra_forbidden":
        name = str(err["loc"][-1])
        known = []
        if isinstance(parent, type) and issubclass(parent, BaseModel):
            known = [info.alias or f for f, info in parent.model_fields.items()]
        close = difflib.get_close_matches(name, known, n=1)
        hint = f"；是不是 “{close[0]}”？" if close else ""
        return f"不认识的字段{hint}"
    fixed = {
        "missing": "缺少此项（必填）",
        "string_type": "应为文字（用双引号括起）",
        "string_too_short": "不能为空",
        "int_type": "应为整数",
        "int_parsing": "应为整数",
        "int_from_float": "应为整数，不能有小数",
        "float_type": "应为数字",
        "float_parsing": "应为数字",
        "bool_type": "应为 true 或 false",
        "list_type": "应为列表（[…]）",
        "model_type": "应为对象（{…}）",
        "model_attributes_type": "应为对象（{…}）",
        "dict_type": "应为对象（{…}）",
        "date_type": "应为日期，格式 YYYY-MM-DD",
        "date_parsing": "应为日期，格式 YYYY-MM-DD",
        "date_from_datetime_parsing": "应为日期，格式 YYYY-MM-DD",
        "date_from_datetime_inexact": "应为日期，格式 YYYY-MM-DD",
    }
    if kind in fixed:
        return fixed[kind]
    if kind == "greater_than_equal":
        return f"不能小于 {ctx['ge']}"
    if kind == "less_than_equal":
        return f"不能大于 {ctx['le']}"
    if kind == "greater_than":
        return f"应大于 {ctx['gt']}"
    if kind == "less_than":
        return f"应小于 {ctx['lt']}"
    if kind == "too_short":
        return f"至少需要 {ctx.get('min_length', 1)} 项"
    if kind == "literal_error":
        return f"应为 {ctx.get('expected')}"
    return err["msg"]

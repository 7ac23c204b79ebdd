"""JSON value → validated report model; every problem collected, named by JSON path and Chinese title."""

from __future__ import annotations

import difflib
import re
import types
import typing
import unicodedata
from pathlib import Path
from typing import Any, cast

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from reportgen import pictures
from reportgen.errors import Problem, Result, ValidationFailed
from reportgen.i18n import language, t
from reportgen.input.checks import run_checks
from reportgen.input.load import DuplicateKeys, NonFinite, TooManyDigits
from reportgen.input.model import MODELS, Figure, NationalReport, Report, Subsection
from reportgen.input.model.common import unwrap
from reportgen.input.model.national_2019 import ONE_ROW_ONLY
from reportgen.input.model.national_2021 import ONE_ROW, SUB_ROWS, OtherHandling, OtherHandlingRow
from reportgen.limits import INPUT_NUMBER_DIGITS, LimitExceeded

_TAG_TYPES: dict[str, tuple[type | None, str]] = {
    "段落": (None, "段落"),
    "小节": (Subsection, "小节"),
    "图片": (Figure, "图片"),
    ONE_ROW: (OtherHandlingRow, "（六）其他处理"),
    SUB_ROWS: (OtherHandling, "（六）其他处理"),
}
# Characters XML 1.0 cannot hold (a .docx is XML): C0 controls but tab/LF/CR, U+FFFE/FFFF, surrogates
XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def validate(data: Any, path: Path, images_dir: Path | None = None) -> Result[Report]:
    """Return the validated report with the warnings validation produced (removed characters, ...).

    Raise ValidationFailed listing every problem at once.
    """
    if not isinstance(data, dict):
        kind = {list: t("列表"), str: t("文字"), bool: t("true/false"), type(None): t("null")}.get(
            type(data), t("数字")
        )
        problem = Problem("$", t("应为一个对象（{{…}}），实际是{kind}", kind=kind))
        raise ValidationFailed(t("输入有误（{count} 处）", count=1), path=path, problems=[problem])
    fmt = data.get("format")
    model = MODELS.get(fmt) if isinstance(fmt, str) else None
    if model is None:
        known = "、".join(MODELS)
        if fmt is None:
            msg = t("缺少此项；应为 {known} 之一", known=known)
        else:
            msg = t("不认识的格式 {value!r}；应为 {known} 之一", value=fmt, known=known)
        where = _label(next(iter(MODELS.values())), ("format",))
        raise ValidationFailed(
            t("输入有误（{count} 处）", count=1), path=path, problems=[Problem(where, msg)]
        )
    cleaner = _Cleaner(model)
    cleaned = cleaner.clean(data, ())
    problems = list(cleaner.errors)
    report: Report | None = None
    try:
        report = cast(Report, model.model_validate(cleaned))
    except ValidationError as exc:
        problems += [_problem(model, err) for err in exc.errors(include_url=False)]
    warnings = list(cleaner.warnings)
    if report is not None:
        problems += _check_files(report, path, images_dir)
        check_errors, check_warnings = run_checks(report)
        problems += check_errors
        warnings += check_warnings + unfinished(report)
    if problems:
        raise ValidationFailed(t("输入有误（{count} 处）", count=len(problems)), path=path, problems=problems)
    assert report is not None  # no problems: the model validated
    return Result(report, warnings)


class _Cleaner:
    """Walks the raw JSON: duplicate keys are errors, XML-invalid characters are removed with a warning."""

    def __init__(self, model: type[BaseModel]) -> None:
        self.model = model
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []

    def clean(self, value: Any, loc: tuple[int | str, ...]) -> Any:
        if isinstance(value, DuplicateKeys):
            for key in value.duplicates:
                self.errors.append(
                    Problem(_label(self.model, (*loc, key)), t("字段“{key}”重复出现；只能写一次", key=key))
                )
        if isinstance(value, dict):
            return {k: self.clean(v, (*loc, k)) for k, v in value.items()}
        if isinstance(value, list):
            return [self.clean(v, (*loc, i)) for i, v in enumerate(value)]
        if isinstance(value, str) and XML_INVALID.search(value):
            found = [(m.start(), m.group()) for m in XML_INVALID.finditer(value)]
            codes = dict.fromkeys(f"U+{ord(c):04X}" for _, c in found)
            positions = "、".join(str(i + 1) for i, _ in found[:5]) + ("…" if len(found) > 5 else "")
            message = t(
                "删除了不可见的控制字符 {chars}（第 {positions} 个字）",
                chars="、".join(codes),
                positions=positions,
                kinds=len(codes),
                places=len(found),
            )
            self.warnings.append(Problem(_label(self.model, loc), message))
            return XML_INVALID.sub("", value)
        return value


def _check_files(report: BaseModel, path: Path, images_dir: Path | None = None) -> list[Problem]:
    """Return a problem for every picture that may not be used: missing; outside the input's folder
    and `images_dir`; reached through a link; not a regular file; too large; not a picture.

    The file is read (at most PICTURE_BYTES), its pixels never decoded (`reportgen.pictures`).
    """
    problems = []
    for loc, blocks in content_blocks(report):
        for j, block in enumerate(blocks):
            if isinstance(block, Figure):
                message = _picture_problem(path.parent, block.image, images_dir)
                if message:
                    problems.append(Problem(_label(type(report), (*loc, j, "图片", "image")), message))
    return problems


def _picture_problem(base: Path, name: str, images_dir: Path | None) -> str:
    """Return why picture `name` may not be used, or "" when it may."""
    try:
        data = pictures.read_regular(pictures.locate(base, name, images_dir))
        picture = pictures.check(data)
    except FileNotFoundError:
        return t("找不到图片文件 {name}", name=name)
    except LimitExceeded as exc:
        return exc.message
    except OSError as exc:
        return t("无法读取图片文件 {name}（{reason}）", name=name, reason=exc.strerror or type(exc).__name__)
    if picture is None or pictures.embeddable(data) is None:
        return t("{name} 不是可用的图片（{kinds}）", name=name, kinds=pictures.KINDS)
    return ""


def content_blocks(report: BaseModel) -> list[tuple[tuple[int | str, ...], list[Any]]]:
    """Return (location, blocks) of every list of content blocks in a report, in printed order."""
    groups: list[tuple[tuple[int | str, ...], list[Any]]] = [(("preamble",), getattr(report, "preamble", []))]
    if isinstance(report, NationalReport):
        groups += [((name, "content"), getattr(report, name).content) for name in report.PARTS]
    else:
        groups += [
            (("sections", i, "content"), s.content) for i, s in enumerate(getattr(report, "sections", []))
        ]
    return groups


def unfinished(report: BaseModel) -> list[Problem]:
    """Return a warning for each part still to be written: an empty prose part, a sub-section
    without text, a signature without a date (what `reportgen new` leaves; blank cells: checks.py)."""
    model, found = type(report), []
    prose = {("general", "content"), ("problems", "content"), ("other", "content")}
    for loc, blocks in content_blocks(report):
        if not blocks and loc in prose:  # a legacy section may be a heading alone
            found.append(Problem(_label(model, loc), t("内容空白，待填写")))
        for index, block in enumerate(blocks):
            if isinstance(block, Subsection) and not block.text and not block.paragraphs:
                where = _label(model, (*loc, index, "小节", "text"))
                found.append(Problem(where, t("小节“{title}”的正文空白，待填写", title=block.title)))
    signature = getattr(report, "signature", None)
    if signature is not None and signature.date is None:
        found.append(Problem(_label(model, ("signature", "date")), t("落款日期空白，待填写")))
    return found


def _problem(model: type[BaseModel], err: ErrorDetails) -> Problem:
    parent = _describe(model, err["loc"])[2]
    return Problem(_label(model, err["loc"]), _message(err, parent))


def _label(model: type[BaseModel], loc: tuple[int | str, ...]) -> str:
    """Return '$.a[0].b（中文名）' for a Pydantic location (English: without the Chinese title)."""
    where, title, _ = _describe(model, loc)
    return f"{where}（{title}）" if title and language() == "zh" else where


def _describe(model: type[BaseModel], loc: tuple[int | str, ...]) -> tuple[str, str, Any]:
    """Return (JSON path, Chinese title of the innermost field, the model holding it)."""
    path, title = "$", ""
    current: Any = model
    parent: Any = model
    for item in loc:
        stripped = unwrap(current)
        if isinstance(item, int):
            path += f"[{item}]"
            args = typing.get_args(stripped)
            current = args[0] if typing.get_origin(stripped) is list and args else None
            if typing.get_origin(unwrap(current)) in (typing.Union, types.UnionType):
                title = "内容"
            continue
        if item in _TAG_TYPES:
            current, title = _TAG_TYPES[item]
            continue
        path += f".{item}"
        parent = stripped
        info = _field(stripped, str(item))
        title, current = (info.title or "", info.annotation) if info is not None else ("", None)
    return path, title, parent


def _field(model: Any, name: str) -> Any:
    if not (isinstance(model, type) and issubclass(model, BaseModel)):
        return None
    for fname, info in model.model_fields.items():
        if name in (fname, info.alias):
            return info
    return None


_FIXED = {
    "missing": "缺少此项（必填）",
    "string_type": "应为文字（用英文双引号括起）",
    "string_too_short": "不能为空",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数，不能有小数",
    "float_type": "应为数字",
    "float_parsing": "应为数字",
    "bool_type": "应为 true 或 false",
    "list_type": "应为列表（[…]）",
    "model_type": "应为对象（{{…}}）",
    "model_attributes_type": "应为对象（{{…}}）",
    "dict_type": "应为对象（{{…}}）",
    "date_type": "应为日期，格式 YYYY-MM-DD",
    "date_parsing": "应为日期，格式 YYYY-MM-DD",
    "date_from_datetime_parsing": "应为日期，格式 YYYY-MM-DD",
    "date_from_datetime_inexact": "应为日期，格式 YYYY-MM-DD",
    "block_kind": "应为一段文字、一个小节（含 title）或一张图片（含 image）",
    "number_word": "应为数字；没有就写 0",
    "other_handling_form": "应为一行 7 个数字（[…] 或 {{…}}），或三个子行（{{…}}）",
    "one_row_only": ONE_ROW_ONLY,
}
_LIMITS = {
    "greater_than_equal": ("不能小于 {limit}", "ge"),
    "less_than_equal": ("不能大于 {limit}", "le"),
    "greater_than": ("应大于 {limit}", "gt"),
    "less_than": ("应小于 {limit}", "lt"),
}


def _message(err: ErrorDetails, parent: Any) -> str:
    kind, ctx, value = err["type"], err.get("ctx") or {}, err.get("input")
    if isinstance(value, NonFinite):
        return t("{value} 不是有效的数字（JSON 不允许 NaN 和 Infinity）", value=value.text)
    if isinstance(value, TooManyDigits):
        return t(
            "数字的位数太多（{digits} 位，上限 {limit} 位）",
            digits=value.digits,
            limit=INPUT_NUMBER_DIGITS,
        )
    if kind == "extra_forbidden":
        known = []
        if isinstance(parent, type) and issubclass(parent, BaseModel):
            known = [info.alias or name for name, info in parent.model_fields.items()]
        close = difflib.get_close_matches(str(err["loc"][-1]), known, n=1)
        return t("不认识的字段；是不是 “{name}”？", name=close[0]) if close else t("不认识的字段")
    if kind in ("int_type", "float_type") and isinstance(value, str):
        normal = unicodedata.normalize("NFKC", value).strip()
        if re.fullmatch(r"-?\d+(\.\d+)?", normal):
            if normal == value.strip():
                return t('数字不要加引号：写成 {value}，不是 "{value}"', value=normal)
            return t('应为半角数字：写成 {value}，不是 "{raw}"', value=normal, raw=value)
    if kind == "row_length":
        return t("应为 {expected} 个数字（{labels}），实际是 {actual} 个", **ctx)
    if kind == "decimal_type" and isinstance(value, str):
        return t('数字不要加引号：写成 {value}，不是 "{value}"', value=value.strip())
    if kind in ("decimal_type", "decimal_parsing"):
        return t("应为数字")
    if kind == "string_too_long":
        return t("太长（{length} 字，最多 {limit} 字）", length=len(value or ""), limit=ctx.get("max_length"))
    if kind in _FIXED:
        return t(_FIXED[kind])
    if kind in _LIMITS:
        template, key = _LIMITS[kind]
        limit = ctx[key]
        return t(template, limit=int(limit) if isinstance(limit, float) and limit.is_integer() else limit)
    if kind == "too_short":
        return t("至少需要 {count} 项", count=ctx.get("min_length", 1))
    if kind == "literal_error":
        return t("应为 {expected}", expected=ctx.get("expected"))
    return err["msg"]

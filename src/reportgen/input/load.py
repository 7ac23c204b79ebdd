"""Input file → JSON value: encodings secretaries' PCs produce, syntax errors with a precise hint.

The value may still hold markers for what JSON parsers accept but reportgen refuses (duplicate
keys, NaN/Infinity); validate.py reports them with their JSON paths.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportgen.errors import InputError, Problem, Result
from reportgen.i18n import t
from reportgen.limits import INPUT_BYTES, INPUT_DEPTH, INPUT_NUMBER_DIGITS

MAX_BYTES = INPUT_BYTES
MAX_DEPTH = INPUT_DEPTH


class DuplicateKeys(dict[str, Any]):
    """A JSON object in which some keys appeared more than once (the last value is kept)."""

    def __init__(self, pairs: list[tuple[str, Any]], duplicates: list[str]) -> None:
        super().__init__(pairs)
        self.duplicates = duplicates


@dataclass(frozen=True)
class NonFinite:
    """NaN, Infinity or -Infinity where JSON requires a finite number."""

    text: str


@dataclass(frozen=True)
class TooManyDigits:
    """A number with more digits than limits.INPUT_NUMBER_DIGITS (not converted: Python may refuse)."""

    text: str

    @property
    def digits(self) -> int:
        return sum(char.isdigit() for char in self.text.split("e")[0].split("E")[0])


def _integer(text: str) -> int | TooManyDigits:
    number = TooManyDigits(text)
    return number if number.digits > INPUT_NUMBER_DIGITS else int(text)


def _decimal(text: str) -> float | TooManyDigits:
    """Return the float of a JSON number; -0.0 is 0.0 (it would print as “-0”)."""
    number = TooManyDigits(text)
    if number.digits > INPUT_NUMBER_DIGITS:
        return number
    value = float(text)
    return 0.0 if value == 0 else value


@dataclass(frozen=True)
class Loaded:
    """The parsed JSON value and the file's bytes."""

    data: Any
    raw: bytes = b""


def read_input(path: Path) -> bytes:
    """Return the bytes of an input file; raise InputError when it is missing or unreadable."""
    try:
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise InputError(t("找不到输入文件"), path=path) from exc
    except OSError as exc:
        raise InputError(t("无法读取输入文件（{reason}）", reason=exc.strerror), path=path) from exc


def load_json(path: Path) -> Result[Loaded]:
    """Return the parsed JSON of `path` with the warnings reading it produced (encoding, ...).

    Raise InputError naming the file and the position when it is not JSON.
    """
    raw = read_input(path)
    if len(raw) > MAX_BYTES:
        size = f"{len(raw) / 1024 / 1024:.1f}"
        raise InputError(
            t("文件太大（{size} MB，上限 {limit} MB）", size=size, limit=MAX_BYTES // 2**20), path=path
        )
    text, warnings = _decode(raw, path)
    if not text.strip(" \t\r\n\ufeff\u3000"):
        raise InputError(t("文件是空的"), path=path)
    if "\x00" in text:
        raise InputError(t("这不是文本文件（含有 NUL 字节，可能是 Word 或 Excel 文件）"), path=path)
    try:
        data = json.loads(
            text, object_pairs_hook=_object, parse_constant=NonFinite, parse_int=_integer, parse_float=_decimal
        )
    except json.JSONDecodeError as exc:
        pos = _culprit(exc)
        line = text.count("\n", 0, pos) + 1
        column = pos - text.rfind("\n", 0, pos)
        where = t("第 {line} 行第 {column} 列", line=line, column=column)
        problem = Problem(where, f"{_hint(exc)}：{_excerpt(text, pos)}")
        raise InputError(t("JSON 格式错误"), path=path, problems=[problem]) from exc
    except RecursionError as exc:
        raise InputError(t("嵌套层数过深（超过 {limit} 层）", limit=MAX_DEPTH), path=path) from exc
    if _depth(data) > MAX_DEPTH:
        raise InputError(t("嵌套层数过深（超过 {limit} 层）", limit=MAX_DEPTH), path=path)
    return Result(Loaded(data, raw), warnings)


def _decode(raw: bytes, path: Path) -> tuple[str, list[Problem]]:
    """Return the text of `raw` and a warning when it was not UTF-8."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16"), [
            Problem(
                "", t("文件是 {encoding} 编码，已按 {encoding} 读取；建议“另存为”UTF-8", encoding="UTF-16")
            )
        ]
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as utf8_error:
        try:
            text = raw.decode("gb18030")
        except UnicodeDecodeError:
            raise InputError(
                t(
                    "文件的编码既不是 UTF-8 也不是 GBK/GB18030（第 {offset} 个字节无法解码）；"
                    "请在记事本或 WPS 中“另存为”，编码选 UTF-8",
                    offset=utf8_error.start + 1,
                ),
                path=path,
            ) from utf8_error
        warning = t("文件是 {encoding} 编码，已按 {encoding} 读取；建议“另存为”UTF-8", encoding="GBK/GB18030")
        return text, [Problem("", warning)]


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [key for key, _ in pairs]
    duplicates = sorted({key for key in keys if keys.count(key) > 1}, key=keys.index)
    return DuplicateKeys(pairs, duplicates) if duplicates else dict(pairs)


def _depth(value: Any) -> int:
    """Return the nesting depth of a JSON value, iteratively (no recursion limit)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        deepest = max(deepest, depth)
        if depth > MAX_DEPTH:
            return depth
        if isinstance(item, dict):
            stack += [(v, depth + 1) for v in item.values()]
        elif isinstance(item, list):
            stack += [(v, depth + 1) for v in item]
    return deepest


def _culprit(exc: json.JSONDecodeError) -> int:
    """Return where the mistake is: the stray comma, or the end of the item lacking a comma."""
    before = exc.doc[: exc.pos].rstrip()
    char = exc.doc[exc.pos : exc.pos + 1]
    if char in ("]", "}") and before.endswith(","):
        return len(before) - 1
    if exc.msg.startswith("Expecting ',' delimiter") and char not in ("，", ""):
        return len(before)
    return exc.pos


def _hint(exc: json.JSONDecodeError) -> str:
    """Return what is wrong at a JSON syntax error, in words an office user can act on."""
    text, pos, msg = exc.doc, exc.pos, exc.msg
    char = text[pos] if pos < len(text) else ""
    before = text[:pos].rstrip()
    if pos >= len(text.rstrip()):
        return t("文件在这里意外结束：缺少结尾的 }} 或 ]（文件可能不完整）")
    if char in "“”‘’":
        return t('这里用了中文引号“”，JSON 只认英文双引号 "')
    if char == "'":
        return t("这里用了单引号 '，JSON 只认英文双引号 \"")
    if char == "/":
        return t("JSON 不允许注释（// 或 /* */）")
    if char == "，":
        return t("这里用了中文逗号“，”，JSON 只认英文逗号 ,")
    if char == "：":
        return t("这里用了中文冒号“：”，JSON 只认英文冒号 :")
    if unicodedata.category(char) == "Nd" and not char.isascii():
        return t("数字用了全角字符“{char}”，请改为半角数字", char=char)
    if char in "]}" and before.endswith(","):
        return t("最后一项后面多了逗号，请删去这个逗号")
    if msg.startswith("Expecting property name"):
        return t("字段名要用英文双引号括起")
    if msg.startswith("Expecting value"):
        return t("这里缺少一个值（文字要加英文双引号，数字直接写）")
    if msg.startswith("Expecting ',' delimiter"):
        return t("上一项后面缺少逗号")
    if msg.startswith("Expecting ':' delimiter"):
        return t("字段名后面缺少冒号")
    if msg.startswith("Unterminated string"):
        return t("文字缺少结尾的英文双引号")
    if msg.startswith("Invalid control character"):
        return t("文字中不能直接换行或含控制字符；换行请写成 \\n")
    if msg.startswith("Extra data"):
        return t("JSON 在这里已经结束，后面还有多余的内容（多了括号，或少了开头的括号？）")
    if msg.startswith("Invalid \\"):
        return t("无效的转义符：反斜杠 \\ 要写成 \\\\")
    return msg


def _excerpt(text: str, pos: int, width: int = 24) -> str:
    """Return the line around `pos` with ▶ marking the position, shortened to ±width characters."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    end = len(text) if end == -1 else end
    line_start, line_end = max(start, pos - width), min(end, pos + width)
    head = ("…" if line_start > start else "") + text[line_start:pos].lstrip()
    tail = text[pos:line_end].rstrip() + ("…" if line_end < end else "")
    return f"{head}▶{tail}"

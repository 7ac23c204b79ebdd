"""Labels and figures as printed, read in one place: the tolerance of the import lives here.

A label is compared by its words alone (`core`): full-width and half-width forms are the same
(NFKC), spaces, line breaks and punctuation do not count, so “1、属于国家秘密”, “1.属于 国家秘密”
and “１．属于国家秘密” are one label; a few words offices write differently are aliases. A figure
is read strictly: digits (thousands separated by commas allowed), a sign where the cell may be
negative, a decimal point where it is an amount, the unit the column counts in (件, 万元); a blank or a
dash is a blank cell; anything else is not a figure, and the caller says where it was.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

_MARKER = re.compile(
    r"^\s*(?:[（(]\s*(?P<paren>[一二三四五六七八九十]+|\d+)\s*[）)]"
    r"|(?P<plain>[一二三四五六七八九十]+|\d+)\s*[、.．，,]|(?P<digit>\d+)(?=\D))"
)
"""A leading number: “（三）”, “三、”, “1.”, “1、”, “１．” (a digit directly followed by words, too)."""

_NOT_WORDS = re.compile(r"[\s\W_]+", re.UNICODE)

ALIASES = {"规范性文件": "行政规范性文件"}
"""Label words offices print for an official label: 规范性文件 for 行政规范性文件 (national-2021)."""


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def marker(text: str) -> str:
    """Return a label's leading number as written without brackets ("三", "1"), or ""."""
    match = _MARKER.match(nfkc(text))
    if not match:
        return ""
    return match.group("paren") or match.group("plain") or match.group("digit") or ""


def core(text: str) -> str:
    """Return a label's words: no leading number, no spaces, no punctuation, half-width."""
    normal = nfkc(text)
    match = _MARKER.match(normal)
    if match:
        normal = normal[match.end() :]
    return _NOT_WORDS.sub("", normal)


def squeeze(text: str) -> str:
    """Return `text` half-width, without whitespace (for comparing headers such as “商业\\n企业”)."""
    return re.sub(r"\s+", "", nfkc(text))


def same_label(printed: str, official: str) -> bool:
    """Return whether a printed label is the official one: the same words, an alias, or the official
    words shortened or lengthened at the end (“（二）部分公开” for the row's long wording)."""
    found, wanted = core(printed), core(official)
    if not found:
        return False
    if found == wanted or ALIASES.get(found) == wanted or ALIASES.get(wanted) == found:
        return True
    shortest = min(len(found), len(wanted))
    return shortest >= 4 and (wanted.startswith(found) or found.startswith(wanted))


BLANKS = frozenset({"", "-", "--", "—", "——", "–", "/", "／", "无", "空", "—/—"})
"""What a printed cell may hold when it was left blank: read as null without a warning."""

_DIGITS = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")
_MINUS = str.maketrans({"−": "-", "－": "-", "﹣": "-", "＋": "+"})
COUNT_UNITS = ("件", "个", "项", "次", "条")
AMOUNT_UNITS = ("万元",)
"""Units a cell may repeat after its figure: a count's, an amount's (万元 only: 元 would be another figure)."""


@dataclass(frozen=True)
class Figure:
    """A cell read: `value` is the figure (None for a blank), `ok` False when the text is no figure."""

    value: int | Decimal | None
    ok: bool = True


def figure(text: str, *, signed: bool = False, decimal: bool = False) -> Figure:
    """Return the figure printed in a cell: an integer (or a Decimal when `decimal`), None for a blank.

    A sign is accepted only when `signed` (本年增/减), a fraction only when `decimal` (an amount).
    Return Figure(None, ok=False) for anything else: “约12”, “12.5” in a count, “十二”.
    """
    normal = re.sub(r"\s+", "", nfkc(text)).translate(_MINUS)
    if normal in BLANKS:
        return Figure(None)
    for unit in AMOUNT_UNITS if decimal else COUNT_UNITS:
        if normal.endswith(unit) and len(normal) > len(unit):
            normal = normal[: -len(unit)]
            break
    if not _DIGITS.match(normal) or (normal[0] in "+-" and not signed):
        return Figure(None, ok=False)
    normal = normal.replace(",", "")
    if "." in normal:
        if not decimal:
            return Figure(None, ok=False)
        try:
            return Figure(Decimal(normal))
        except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
            return Figure(None, ok=False)
    return Figure(int(normal))


_CN_DIGITS = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0", "○": "0", "O": "0"}


def chinese_number(text: str) -> int | None:
    """Return the number written in Chinese numerals ("二十", "十二", "二〇二五"), or None."""
    if text.isdigit():
        return int(text)
    if "十" not in text:
        digits = "".join(_CN_DIGITS.get(c, "") for c in text)
        return int(digits) if digits and len(digits) == len(text) else None
    tens, _, ones = text.partition("十")
    high = int(_CN_DIGITS.get(tens, "")) if tens else 1
    low = int(_CN_DIGITS.get(ones, "")) if ones else 0
    if (tens and tens not in _CN_DIGITS) or (ones and ones not in _CN_DIGITS):
        return None
    return high * 10 + low

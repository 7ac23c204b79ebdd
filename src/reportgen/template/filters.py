"""Jinja filters for official writing: Chinese numerals, 万元/亿元, separators, percentages, dates, change.

Every filter has examples in `EXAMPLES`; the template guide (docs/template-guide.md) is generated
from them by running them, so the documented output is what the filter really prints.
Rounding is half-up (5.35 → 5.4), as in official statistics, not Python's round-half-even.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from reportgen.errors import TemplateError
from reportgen.i18n import t

_DIGITS = "零一二三四五六七八九"
_SMALL_UNITS = ((1000, "千"), (100, "百"), (10, "十"), (1, ""))
_GROUPS = ((10**8, "亿"), (10**4, "万"), (1, ""))


def _number(name: str, value: Any) -> Decimal:
    """Return `value` as a Decimal; raise TemplateError naming the filter when it is not a number.

    A table cell of the context is printed text ("238"): text that is a plain number counts as one.
    """
    if isinstance(value, str) and re.fullmatch(r"-?\d+(\.\d+)?", value):
        value = Decimal(value)
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise TemplateError(t("过滤器 {name} 需要一个数字，得到的是“{value}”", name=name, value=value))
    try:
        return Decimal(str(value))
    except InvalidOperation as exc:  # pragma: no cover - str() of a number is always a Decimal
        raise TemplateError(
            t("过滤器 {name} 需要一个数字，得到的是“{value}”", name=name, value=value)
        ) from exc


def _fixed(value: Decimal, digits: int, separator: bool = False) -> str:
    quantum = Decimal(1).scaleb(-digits)
    rounded = value.quantize(quantum, rounding=ROUND_HALF_UP)
    if rounded == 0:
        rounded = abs(rounded)  # no “-0.0”
    return f"{rounded:,.{digits}f}" if separator else f"{rounded:.{digits}f}"


def _plain(value: Decimal) -> str:
    """Return a number without trailing zeros or exponent: 12, 12.5, 0.25."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _four(n: int) -> str:
    out, zero = "", False
    for size, unit in _SMALL_UNITS:
        digit = n // size % 10
        if digit == 0:
            zero = zero or bool(out)
            continue
        if zero:
            out += "零"
            zero = False
        out += _DIGITS[digit] + unit
    return out


def cn_number(value: Any) -> str:
    """Return an integer in Chinese numerals: 3 → 三, 12 → 十二, 105 → 一百零五."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TemplateError(t("过滤器 {name} 需要一个整数，得到的是“{value}”", name="cn_number", value=value))
    if value == 0:
        return "零"
    if value < 0:
        return "负" + cn_number(-value)
    out, rest = "", value
    for size, unit in _GROUPS:
        group, rest = divmod(rest, size)
        if group >= 10**4:  # beyond 亿亿: spell the high part recursively
            out += cn_number(group) + unit
        elif group:
            if out and group < 1000:
                out += "零"
            out += _four(group) + unit
        elif out and rest:
            out += "" if out.endswith("零") else "零"
    out = out.replace("零零", "零")
    return out[1:] if out.startswith("一十") else out


def cn_heading(value: Any) -> str:
    """Return the first-level number of official documents: 1 → 一、."""
    return cn_number(value) + "、"


def cn_paren(value: Any) -> str:
    """Return the second-level number of official documents: 1 → （一）."""
    return f"（{cn_number(value)}）"


def fixed(value: Any, digits: int = 2) -> str:
    """Return a number with exactly `digits` decimals: 3.14159 → 3.14."""
    return _fixed(_number("fixed", value), digits)


def thousands(value: Any, digits: int = 0) -> str:
    """Return a number with thousands separators: 1234567 → 1,234,567."""
    return _fixed(_number("thousands", value), digits, separator=True)


def percent(value: Any, digits: int = 1) -> str:
    """Return a fraction as a percentage with fixed decimals: 0.0534 → 5.3%."""
    return _fixed(_number("percent", value) * 100, digits) + "%"


def wanyuan(value: Any, digits: int = 2, unit: str = "元") -> str:
    """Return an amount in 万元: 1234567 (元) → 123.46万元; `unit="万元"` when the value already is."""
    amount = _number("wanyuan", value)
    return _fixed(amount / 10_000 if unit == "元" else amount, digits) + "万元"


def yiyuan(value: Any, digits: int = 2, unit: str = "元") -> str:
    """Return an amount in 亿元: 123456789 (元) → 1.23亿元; `unit` may be 元 or 万元."""
    amount = _number("yiyuan", value)
    divisor = {"元": 10**8, "万元": 10**4}.get(unit, 1)
    return _fixed(amount / divisor, digits) + "亿元"


def cn_date(value: Any) -> str:
    """Return a date as official documents print it: 2016-01-20 → 2016年1月20日."""
    if isinstance(value, str):
        text = value
        try:
            value = dt.date.fromisoformat(text.strip())
        except ValueError:
            if "年" in text:
                return text  # already written out
            raise TemplateError(
                t("过滤器 {name} 需要一个日期（YYYY-MM-DD），得到的是“{value}”", name="cn_date", value=text)
            ) from None
    if not isinstance(value, dt.date):
        raise TemplateError(
            t("过滤器 {name} 需要一个日期（YYYY-MM-DD），得到的是“{value}”", name="cn_date", value=value)
        )
    return f"{value.year}年{value.month}月{value.day}日"


def change(value: Any, previous: Any, unit: str = "", digits: int = 1) -> str:
    """Return this year against last year: 238 vs 226 件 → 增加12件，增长5.3%; 持平 when equal."""
    current, before = _number("change", value), _number("change", previous)
    diff = current - before
    if diff == 0:
        return "持平"
    text = ("增加" if diff > 0 else "减少") + _plain(abs(diff)) + unit
    if before != 0:
        text += "，" + ("增长" if diff > 0 else "下降") + _fixed(abs(diff) / abs(before) * 100, digits) + "%"
    return text


FILTERS = {
    "cn_number": cn_number,
    "cn_heading": cn_heading,
    "cn_paren": cn_paren,
    "thousands": thousands,
    "fixed": fixed,
    "percent": percent,
    "wanyuan": wanyuan,
    "yiyuan": yiyuan,
    "cn_date": cn_date,
    "change": change,
}
"""Filter name → function, registered in the template environment."""

EXAMPLES: list[tuple[str, str]] = [
    ("{{ 3|cn_number }}", "章节、序号用的中文数字"),
    ("{{ 12|cn_number }}", ""),
    ("{{ 105|cn_number }}", ""),
    ("{{ loop.index|cn_heading }}", "一级序号（循环中第 1 项），例如 {%p for section in sections %} 内"),
    ("{{ 2|cn_paren }}", "二级序号"),
    ("{{ 1234567|thousands }}", "千分位"),
    ("{{ 1234.5|thousands(2) }}", "千分位，保留 2 位小数"),
    ("{{ 3.14159|fixed(2) }}", "固定小数位（四舍五入）"),
    ("{{ 0.0534|percent }}", "比例 → 百分数，默认 1 位小数"),
    ("{{ 0.5|percent(2) }}", ""),
    ("{{ 1234567|wanyuan }}", "以元为单位的金额 → 万元，默认 2 位小数"),
    ("{{ 12.3|wanyuan(1, unit='万元') }}", "数据已是万元时"),
    ("{{ 123456789|yiyuan }}", "以元为单位的金额 → 亿元"),
    ("{{ '2016-01-20'|cn_date }}", "日期"),
    ("{{ 238|change(226, '件') }}", "与上年比较：本年值|change(上年值, 单位)"),
    ("{{ 40|change(50, '件') }}", ""),
    ("{{ 12|change(12, '件') }}", ""),
    ("{{ 5|change(0, '件') }}", "上年为 0 时不写百分比"),
]
"""(template expression, note) pairs shown in the template guide with their real output."""

"""Filters for official writing: numerals, amounts, separators, percentages, dates, change on last year."""

from __future__ import annotations

import datetime as dt

import pytest

from reportgen.errors import TemplateError
from reportgen.template import make_environment


def render(source: str, **values: object) -> str:
    return make_environment().from_string(source).render(**values)


@pytest.mark.parametrize(
    ("number", "chinese"),
    [
        (0, "零"),
        (1, "一"),
        (10, "十"),
        (12, "十二"),
        (20, "二十"),
        (105, "一百零五"),
        (110, "一百一十"),
        (1010, "一千零一十"),
        (10001, "一万零一"),
        (100000, "十万"),
        (100010000, "一亿零一万"),
        (123456789, "一亿二千三百四十五万六千七百八十九"),
        (-3, "负三"),
    ],
)
def test_chinese_numerals(number: int, chinese: str) -> None:
    assert render("{{ n|cn_number }}", n=number) == chinese


def test_numbering_in_a_loop() -> None:
    source = "{% for s in items %}{{ loop.index|cn_heading }}{{ loop.index|cn_paren }}{% endfor %}"
    assert render(source, items=range(11)) == "".join(
        f"{c}、（{c}）" for c in ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一")
    )


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("{{ 1234567|thousands }}", "1,234,567"),
        ("{{ 1234.5|thousands(2) }}", "1,234.50"),
        ("{{ -0.04|fixed(1) }}", "0.0"),
        ("{{ 2.675|fixed(2) }}", "2.68"),  # half-up, not binary float's 2.67
        ("{{ 0.0535|percent }}", "5.4%"),
        ("{{ 1|percent(0) }}", "100%"),
        ("{{ 1234567|wanyuan }}", "123.46万元"),
        ("{{ 5000|wanyuan(1) }}", "0.5万元"),
        ("{{ 12.345|wanyuan(unit='万元') }}", "12.35万元"),
        ("{{ 123456789|yiyuan }}", "1.23亿元"),
        ("{{ 12345|yiyuan(3, unit='万元') }}", "1.235亿元"),
        ("{{ '2016-01-20'|cn_date }}", "2016年1月20日"),
        ("{{ '2016年1月20日'|cn_date }}", "2016年1月20日"),
        ("{{ 238|change(226, '件') }}", "增加12件，增长5.3%"),
        ("{{ 40|change(50, '件') }}", "减少10件，下降20.0%"),
        ("{{ 7|change(7, '件') }}", "持平"),
        ("{{ 5|change(0, '件') }}", "增加5件"),
        ("{{ 12.5|change(10, '万元', 2) }}", "增加2.5万元，增长25.00%"),
    ],
)
def test_official_number_formats(source: str, expected: str) -> None:
    assert render(source) == expected


def test_dates() -> None:
    assert render("{{ d|cn_date }}", d=dt.date(2016, 1, 20)) == "2016年1月20日"


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("{{ 'abc'|thousands }}", "过滤器 thousands 需要一个数字，得到的是“abc”"),
        ("{{ true|percent }}", "过滤器 percent 需要一个数字，得到的是“True”"),
        ("{{ 1.5|cn_number }}", "过滤器 cn_number 需要一个整数，得到的是“1.5”"),
        ("{{ 'soon'|cn_date }}", "过滤器 cn_date 需要一个日期（YYYY-MM-DD），得到的是“soon”"),
        ("{{ 3|change('x') }}", "过滤器 change 需要一个数字，得到的是“x”"),
    ],
)
def test_wrong_values_are_named(source: str, message: str) -> None:
    with pytest.raises(TemplateError) as info:
        render(source)
    assert info.value.format_message() == message

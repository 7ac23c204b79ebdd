"""Titles that break well: a line too long for the template's title line is broken after the issuer
(or before the year), else before “年度报告”; a line with no such place is warned about, exactly."""

from __future__ import annotations

import io
import json
import re
import subprocess
import zipfile
from typing import Any

import docx
import pytest

from reportgen.i18n import use_language
from reportgen.input.model import National2021Report
from reportgen.pipeline import RenderResult, render
from reportgen.template import TitleLine, fit_title, title_line
from tests.conftest import ROOT

TEMPLATE = ROOT / "src" / "reportgen" / "templates" / "national-2021.docx"
LINE = TitleLine(width=442.25, size=22.0)
"""The default templates' title line: A4 less 28 + 26 mm margins (156 mm), 二号 (22 pt): 20 characters."""
TOO_LONG = (
    "$.issuer（发布机关）: 标题的这一行太长（约 22 字，一行只容 20 字），又没有合适的断行处"
    "（发布机关之后、“年度报告”之前）：“中国（江苏）自由贸易试验区南京片区管理委员会”；"
    "Word 会在行末任意处折行，请在 title_lines 里自己分行"
)


def report(**fields: Any) -> National2021Report:
    data = json.loads((ROOT / "inputs" / "2024-huaian.json").read_text("utf-8"))
    data.pop("$schema")
    return National2021Report.model_validate({**data, **fields})


def test_the_title_line_is_measured_from_the_template_style_and_section() -> None:
    assert title_line(TEMPLATE.read_bytes()) == LINE
    assert LINE.capacity == 20
    # a secretary sets the Title style to 小一 (24 pt) with 1 pt between characters: 17 a line
    with zipfile.ZipFile(TEMPLATE) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    styles = parts["word/styles.xml"].decode("utf-8")
    title = styles[styles.index('w:styleId="Title"') :]
    changed = title.replace(
        '<w:spacing w:val="0"/><w:sz w:val="44"/>', '<w:spacing w:val="20"/><w:sz w:val="48"/>', 1
    )
    assert changed != title
    parts["word/styles.xml"] = (styles[: styles.index('w:styleId="Title"')] + changed).encode("utf-8")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        for name, data in parts.items():
            package.writestr(name, data)
    line = title_line(out.getvalue())
    assert line == TitleLine(width=442.25, size=24.0, spacing=1.0)
    assert line.capacity == 17


@pytest.mark.parametrize(
    ("fields", "lines"),
    [
        ({}, ["淮安市人民政府", "2024年政府信息公开工作年度报告"]),  # fits: as written
        (  # after the issuer, not “…公开” / “工作年度报告” where the line is full
            {
                "issuer": "淮安市人民政府办公室",
                "title_lines": ["淮安市人民政府办公室2024年政府信息公开工作年度报告"],
            },
            ["淮安市人民政府办公室", "2024年政府信息公开工作年度报告"],
        ),
        (  # before the year when the issuer is written differently; not “…年度报” / “告”
            {"title_lines": ["某某市某某区2024年政府信息公开工作年度报告"]},
            ["某某市某某区", "2024年政府信息公开工作年度报告"],
        ),
        (  # no issuer, no year: before “年度报告”, not “…工作年度” / “报告”
            {"title_lines": ["某某省某某市某某区某某局政府信息公开工作年度报告"]},
            ["某某省某某市某某区某某局政府信息公开工作", "年度报告"],
        ),
    ],
)
def test_a_long_line_breaks_after_the_issuer_or_before_the_annual_report(
    fields: dict[str, Any], lines: list[str]
) -> None:
    fitted = fit_title(report(**fields), LINE)
    assert fitted.value == lines
    assert fitted.warnings == []


def test_a_line_with_no_good_break_is_kept_and_warned_about() -> None:
    fitted = fit_title(report(issuer="中国（江苏）自由贸易试验区南京片区管理委员会"), LINE)
    assert fitted.value == ["中国（江苏）自由贸易试验区南京片区管理委员会", "2024年政府信息公开工作年度报告"]
    assert [problem.format() for problem in fitted.warnings] == [TOO_LONG]
    with use_language("en"):
        fitted = fit_title(report(title_lines=["关于某某市某某区某某街道政府信息公开工作情况的报告"]), LINE)
    assert [problem.format() for problem in fitted.warnings] == [
        "$.title_lines[0]: this title line is too long (about 25 characters; a line holds 20) and has no "
        "good place to break (after the issuer, before “年度报告”): “关于某某市某某区某某街道政府信息公开"
        "工作情况的报告”; Word will wrap it wherever the line is full: split it yourself in title_lines"
    ]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> RenderResult:
    folder = tmp_path_factory.mktemp("title")
    data = json.loads((ROOT / "inputs" / "2024-huaian.json").read_text("utf-8"))
    data.pop("$schema")
    data["issuer"] = "淮安市人民政府办公室"
    data["title_lines"] = ["淮安市人民政府办公室2024年政府信息公开工作年度报告"]
    source = folder / "long-title.json"
    source.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return render(source, folder, TEMPLATE)


def test_the_report_prints_the_broken_title(rendered: RenderResult) -> None:
    document = docx.Document(str(rendered.docx_path))
    titles = [p.text for p in document.paragraphs if p.style.name == "Title" and p.text]
    assert titles == ["淮安市人民政府办公室", "2024年政府信息公开工作年度报告"]
    html = subprocess.run(
        ["pdftotext", "-bbox", "-f", "1", "-l", "1", str(rendered.pdf_path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found = re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">([^<]*)</word>', html)
    lines: list[tuple[float, list[tuple[float, str]]]] = []
    for left, top, word in sorted(found, key=lambda w: float(w[1])):
        if not lines or float(top) - lines[-1][0] > 8:  # figures sit a little lower than characters
            lines.append((float(top), []))
        lines[-1][1].append((float(left), word))
    printed = ["".join(word for _, word in sorted(words)) for _, words in lines]
    assert printed[:3] == [
        "淮安市人民政府办公室",
        "2024年政府信息公开工作年度报告",
        "本报告依据《中华人民共和国政府信息公开条例》（国令第",
    ]
    assert not any("标题" in problem.message for problem in rendered.warnings)

"""Filling the template: values inserted literally, undefined variables and unsafe templates refused."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import docx
import pytest

from reportgen.errors import TemplateError
from reportgen.input import validate
from reportgen.pipeline import render
from reportgen.template import build_context, fill
from tests.conftest import ROOT, pdftotext, squeeze, tiny_png

LEGACY = ROOT / "src" / "reportgen" / "templates" / "legacy.docx"


def write_input(tmp_path: Path, **changes: Any) -> Path:
    data = {
        "format": "legacy",
        "issuer": "某某县",
        "year": 2016,
        "sections": [{"heading": "一、总体情况", "content": ["正文。"]}],
        **changes,
    }
    path = tmp_path / "in.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def make_template(tmp_path: Path, *paragraphs: str) -> Path:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    path = tmp_path / "t.docx"
    document.save(str(path))
    return path


def test_markup_in_the_data_comes_out_as_typed(tmp_path: Path) -> None:
    tricky = "A & B <c> {{ year }} {% if x %} ]]> “引号”"
    path = write_input(tmp_path, sections=[{"heading": "一、<总体>&情况", "content": [tricky]}])
    result = render(path, tmp_path / "out", LEGACY)
    texts = [p.text for p in docx.Document(str(result.docx_path)).paragraphs]
    assert "一、<总体>&情况" in texts
    assert tricky in texts
    assert squeeze(tricky) in squeeze(pdftotext(result.pdf_path))


def test_images_and_captions_and_signature(tmp_path: Path) -> None:
    (tmp_path / "pic.png").write_bytes(tiny_png())
    path = write_input(
        tmp_path,
        preamble=[{"image": "pic.png", "caption": "图1 示意图", "width_mm": 40}, "前言。"],
        signature={"issuer": "某某县人民政府办公室", "date": "2017-01-20"},
    )
    result = render(path, tmp_path / "out", LEGACY)
    document = docx.Document(str(result.docx_path))
    assert len(document.inline_shapes) == 1
    assert round(document.inline_shapes[0].width.mm) == 40
    texts = [p.text for p in document.paragraphs if p.text]
    assert texts[-2:] == ["某某县人民政府办公室", "2017年1月20日"]
    assert "图1 示意图" in texts
    pdf_text = pdftotext(result.pdf_path)
    assert "2017年1月20日" in squeeze(pdf_text)
    images = __import__("pypdf").PdfReader(result.pdf_path).pages[0].images
    assert len(images) == 1


def fill_with(template: Path, tmp_path: Path) -> bytes:
    path = write_input(tmp_path)
    report = validate(json.loads(path.read_text("utf-8")), path).value
    return fill(template, build_context(report, tmp_path), {})


def test_undefined_variable_fails_loudly(tmp_path: Path) -> None:
    template = make_template(tmp_path, "{{ issuer }}", "{{ budget.total }}")
    with pytest.raises(TemplateError) as info:
        fill_with(template, tmp_path)
    assert info.value.format_message() == f"{template}: 模板使用了输入中没有的变量：budget"


def test_sandbox_refuses_python_internals(tmp_path: Path) -> None:
    template = make_template(tmp_path, "{{ ''.__class__.__mro__ }}")
    with pytest.raises(TemplateError) as info:
        fill_with(template, tmp_path)
    assert info.value.format_message().startswith(
        f"{template}: 模板试图访问不允许的内容（模板在沙箱中运行）（在“{{{{ ''.__class__.__mro__ }}}}”附近）："
    )
    assert "__class__" in info.value.format_message()


def test_jinja_syntax_error_names_the_file_and_the_text_near_it(tmp_path: Path) -> None:
    template = make_template(tmp_path, "第一段", "报告：{% for x in %}", "第三段")
    with pytest.raises(TemplateError) as info:
        fill_with(template, tmp_path)
    assert info.value.format_message() == (
        f"{template}: 模板语法错误（在“第一段 报告：{{% for x in %}} 第三段”附近）："
        "Expected an expression, got 'end of statement block'"
    )


def test_missing_and_broken_templates(tmp_path: Path) -> None:
    with pytest.raises(TemplateError) as info:
        fill_with(tmp_path / "none.docx", tmp_path)
    assert info.value.format_message() == f"{tmp_path / 'none.docx'}: 找不到模板文件"
    broken = tmp_path / "broken.docx"
    broken.write_bytes(LEGACY.read_bytes()[:2000])
    with pytest.raises(TemplateError) as info:
        fill_with(broken, tmp_path)
    assert info.value.format_message() == f"{broken}: 模板不是有效的 Word（.docx）文件，或文件已损坏"
    text_file = tmp_path / "text.docx"
    text_file.write_text("这不是 Word 文件", encoding="utf-8")
    with pytest.raises(TemplateError) as info:
        fill_with(text_file, tmp_path)
    assert info.value.format_message() == f"{text_file}: 模板不是有效的 Word（.docx）文件，或文件已损坏"


def test_filled_docx_is_reproducible(tmp_path: Path) -> None:
    first = fill_with(LEGACY, tmp_path)
    second = fill_with(LEGACY, tmp_path)
    assert first == second
    assert docx.Document(io.BytesIO(first)).paragraphs

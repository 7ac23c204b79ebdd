"""The default template edited the way a secretary does in Word (python-docx on a copy), then rendered.

Each edit shows in the reopened .docx and in the PDF (text, and font size or weight read from the
PDF's content stream), or `check-template` / `render` name the problem exactly and write nothing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.shared import Pt
from pypdf import PdfReader

from reportgen.cli import main
from reportgen.errors import TemplateError
from reportgen.pipeline import render
from reportgen.template import check_template
from tests.conftest import ROOT, squeeze, tiny_png

LEGACY = ROOT / "src" / "reportgen" / "templates" / "legacy.docx"


def write_input(tmp_path: Path) -> Path:
    (tmp_path / "pic.png").write_bytes(tiny_png())
    data = {
        "format": "legacy",
        "issuer": "某某县",
        "year": 2016,
        "preamble": ["前言段落。"],
        "sections": [
            {
                "heading": "一、总体情况",
                "content": ["正文第一段。", {"image": "pic.png", "caption": "图1 示意图", "width_mm": 40}],
            }
        ],
        "signature": {"issuer": "某某县人民政府办公室", "date": "2017-01-20"},
    }
    path = tmp_path / "in.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def edited(tmp_path: Path) -> tuple[Any, Path]:
    """Return a python-docx copy of the default template and where to save it."""
    return docx.Document(str(LEGACY)), tmp_path / "edited.docx"


def paragraph(document: Any, text: str) -> Any:
    return next(p for p in document.paragraphs if p.text == text)


def pdf_runs(path: Path) -> list[tuple[float, str, str]]:
    """Return (font size in pt, font name, text) of every text-showing operation of the PDF."""
    out: list[tuple[float, str, str]] = []
    for page in PdfReader(path).pages:

        def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
            if text.strip() and font is not None:
                scale = (tm[0] ** 2 + tm[1] ** 2) ** 0.5 * (cm[0] ** 2 + cm[1] ** 2) ** 0.5
                run = (round(size * scale, 2), str(font.get("/BaseFont")), text.strip())
                if out and out[-1][:2] == run[:2]:  # justified text is shown glyph by glyph: join
                    out[-1] = (*run[:2], out[-1][2] + run[2])
                else:
                    out.append(run)

        page.extract_text(visitor_text=visit)
    return out


def stroked(path: Path, text: str) -> set[bool]:
    """Return whether the PDF shows `text` stroked (text rendering mode 2: Word's synthetic bold)."""
    shown: list[tuple[bool, str]] = []
    mode = [0]  # a stack: q saves the graphics state (the mode with it), Q restores it

    def operator(op: bytes, args: list[Any], cm: list[float], tm: list[float]) -> None:
        if op == b"q":
            mode.append(mode[-1])
        elif op == b"Q" and len(mode) > 1:
            mode.pop()
        elif op == b"Tr":
            mode[-1] = int(args[0])

    def visit(piece: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        if piece.strip():
            shown.append((mode[-1] == 2, piece.strip()))

    for page in PdfReader(path).pages:
        mode[:] = [0]
        page.extract_text(visitor_operand_before=operator, visitor_text=visit)
    found = {flag for flag, piece in shown if text in squeeze(piece)}
    assert found, f"“{text}” not in the PDF"
    return found


def runs_with(path: Path, text: str) -> list[tuple[float, str, str]]:
    found = [run for run in pdf_runs(path) if text in squeeze(run[2])]  # justified glyphs come spaced
    assert found, f"“{text}” not in the PDF"
    return found


def test_body_style_size_changed_in_word(tmp_path: Path) -> None:
    document, template = edited(tmp_path)
    document.styles["Normal"].font.size = Pt(18)  # 开始 → 样式 → 正文 → 修改 → 小二
    document.save(str(template))
    result = render(write_input(tmp_path), tmp_path / "out", template)
    assert docx.Document(str(result.docx_path)).styles["Normal"].font.size == Pt(18)
    assert {size for size, _, _ in runs_with(result.pdf_path, "正文第一段")} == {18.0}
    assert {size for size, _, _ in runs_with(result.pdf_path, "一、总体情况")} == {
        16.0
    }  # heading 1 has its own size
    default = render(write_input(tmp_path), tmp_path / "default", LEGACY)
    assert {size for size, _, _ in runs_with(default.pdf_path, "正文第一段")} == {16.0}


def test_title_reworded_in_word(tmp_path: Path) -> None:
    document, template = edited(tmp_path)
    loop_start = paragraph(document, "{%p for line in title_lines %}")
    line = paragraph(document, "{{ line }}")
    line.runs[0].text = "{{ issuer }}{{ year }}年政务公开工作年度报告"
    for p in (loop_start, paragraph(document, "{%p endfor %}")):
        p._p.getparent().remove(p._p)
    document.save(str(template))
    result = render(write_input(tmp_path), tmp_path / "out", template)
    first = docx.Document(str(result.docx_path)).paragraphs[0]
    assert (first.text, first.style.name) == ("某某县2016年政务公开工作年度报告", "Title")
    assert {size for size, _, _ in runs_with(result.pdf_path, "政务公开工作年度报告")} == {22.0}
    assert [w.format() for w in result.warnings if "模板" in w.message] == [
        f"{template}: 模板没有用到 title_lines（标题）：输入中的这项内容不会印出"
    ]


def test_paragraph_with_a_variable_added_in_word(tmp_path: Path) -> None:
    document, template = edited(tmp_path)
    anchor = paragraph(document, "{%p for block in preamble %}")
    anchor.insert_paragraph_before(
        "本报告数据统计期限自{{ year }}年1月1日起至{{ year }}年12月31日止。", "Normal"
    )
    document.save(str(template))
    result = render(write_input(tmp_path), tmp_path / "out", template)
    expected = "本报告数据统计期限自2016年1月1日起至2016年12月31日止。"
    assert expected in [p.text for p in docx.Document(str(result.docx_path)).paragraphs]
    pdf = "".join(text for _, _, text in pdf_runs(result.pdf_path))
    assert squeeze(expected) in squeeze(pdf)
    assert {size for size, _, _ in runs_with(result.pdf_path, "本报告数据统计期限")} == {16.0}


def test_whole_section_deleted_in_word(tmp_path: Path) -> None:
    document, template = edited(tmp_path)
    start = paragraph(document, "{%p if signature %}")
    body = start._p.getparent()
    index = list(body).index(start._p)
    for element in list(body)[index : index + 7]:  # if, empty line, if issuer, issuer, endif, date, endif
        body.remove(element)
    document.save(str(template))
    result = render(write_input(tmp_path), tmp_path / "out", template)
    texts = [p.text for p in docx.Document(str(result.docx_path)).paragraphs]
    assert "某某县人民政府办公室" not in texts
    assert "2017年1月20日" not in "".join(text for _, _, text in pdf_runs(result.pdf_path))
    assert [w.format() for w in result.warnings if "模板" in w.message] == [
        f"{template}: 模板没有用到 signature（落款）：输入中的这项内容不会印出"
    ]


def test_half_a_section_deleted_is_named_and_nothing_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document, template = edited(tmp_path)
    end = [p for p in document.paragraphs if p.text == "{%p endif %}"][-1]  # the signature's
    end._p.getparent().remove(end._p)
    document.save(str(template))
    expected = f"  {template}: 正文第 28 段（“{{%p if signature %}}”）: {{%p if signature %}} 没有对应的 {{%p endif %}}"
    assert main(["check-template", str(template)]) == 1
    assert capsys.readouterr().err.splitlines() == [f"错误：{template}: 模板有误（1 处）", expected]
    out = tmp_path / "out"
    code = main(["render", str(write_input(tmp_path)), "--out-dir", str(out), "--template", str(template)])
    assert code == 1
    assert capsys.readouterr().err.splitlines() == [f"错误：{template}: 模板有误（1 处）", expected]
    assert not out.exists() or list(out.iterdir()) == []


def test_tag_split_across_runs_with_part_of_it_bold(tmp_path: Path) -> None:
    document, template = edited(tmp_path)
    issuer = paragraph(document, "{{ signature.issuer }}")
    issuer.runs[0].text = "{{ "
    name = issuer.add_run("signature.")
    name.bold = True  # she selected part of the tag and pressed Ctrl+B
    issuer.add_run("issuer")
    issuer.runs[-1].bold = True
    issuer.add_run(" }}")
    document.save(str(template))
    checked = check_template(template, "legacy")
    assert (checked.errors, checked.warnings) == ([], [])
    assert [r.format() for r in checked.repairs] == [
        "正文第 31 段（“{{ signature.issuer }}”）: 标记 {{ signature.issuer }} 的各部分格式不同，已合并，"
        "按“signature.issuer”的格式印出"
    ]
    result = render(write_input(tmp_path), tmp_path / "out", template)
    filled = paragraph(docx.Document(str(result.docx_path)), "某某县人民政府办公室")
    assert [(r.text, r.bold) for r in filled.runs] == [("某某县人民政府办公室", True)]
    # 仿宋 has no bold face: Word strokes the regular glyphs, and so do we (engine/bold.py)
    assert len({font for _, font, _ in runs_with(result.pdf_path, "某某县人民政府办公室")}) == 1
    assert stroked(result.pdf_path, "某某县人民政府办公室") == {True}
    assert stroked(result.pdf_path, "月") == {False}


def test_smart_quotes_typed_into_a_tag(tmp_path: Path) -> None:
    document, template = edited(tmp_path)
    for p in document.paragraphs:
        if p.text == "{%p if block.kind == 'image' %}":
            p.runs[0].text = "{%p if block.kind == ‘image’ %}"  # Word's AutoCorrect as she types
    document.save(str(template))
    checked = check_template(template, "legacy")
    assert (checked.errors, checked.warnings) == ([], [])
    assert [r.format() for r in checked.repairs] == [
        f"正文第 {n} 段（“{{%p if block.kind == 'image' %}}”）: "
        "已把标记 {%p if block.kind == 'image' %} 中的中文引号改为英文引号"
        for n in (6, 18)
    ]
    result = render(write_input(tmp_path), tmp_path / "out", template)
    filled = docx.Document(str(result.docx_path))
    assert len(filled.inline_shapes) == 1  # the `if` still tells images from paragraphs
    assert "图1 示意图" in [p.text for p in filled.paragraphs]
    assert len(PdfReader(result.pdf_path).pages[0].images) == 1


def test_misspelt_field_is_named_with_its_place_and_a_suggestion(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document, template = edited(tmp_path)
    paragraph(document, "{{ section.heading }}").runs[0].text = "{{ section.headng }}"
    document.save(str(template))
    with pytest.raises(TemplateError) as info:
        render(write_input(tmp_path), tmp_path / "out", template)
    assert info.value.format_message() == (
        f"{template}: 模板有误（1 处）\n"
        f"  {template}: 正文第 16 段（“{{{{ section.headng }}}}”）: "
        "模板使用了输入中没有的变量 section.headng；是不是 section.heading？"
    )
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []

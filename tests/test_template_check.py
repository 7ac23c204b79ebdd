"""check-template: every tag of body, tables, headers and footers, each problem with its place and text."""

from __future__ import annotations

import io
import json
import logging
import re
from pathlib import Path
from typing import Any

import docx
import pytest

from reportgen import i18n
from reportgen.cli import main
from reportgen.errors import TemplateError
from reportgen.input import MODELS, validate
from reportgen.pipeline import default_template
from reportgen.template import build_context, check_template, fill
from tests.conftest import ROOT

# Paragraphs that use every field of the legacy format, so that a test sees only its own problem.
COMPLETE = [
    "{%p for line in title_lines %}",
    "{{ line }}",
    "{%p endfor %}",
    "{%p for section in sections %}",
    "{{ section.heading }}{% for block in section.blocks %}{{ block.title }}{{ block.text }}"
    "{{ block.image if block.image else '' }}{{ block.caption }}{% endfor %}",
    "{%p endfor %}",
    "{%p for block in preamble %}",
    "{{ block.title }}{{ block.text }}{{ block.image if block.image else '' }}{{ block.caption }}",
    "{%p endfor %}",
    "{{ signature.issuer if signature else '' }}{{ signature.date if signature else '' }}",
]


def make_template(tmp_path: Path, *paragraphs: str, name: str = "t.docx") -> Path:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    path = tmp_path / name
    document.save(str(path))
    return path


def errors(template: Path, report_format: str = "legacy") -> list[str]:
    return [p.format() for p in check_template(template, report_format).errors]


@pytest.mark.parametrize("report_format", list(MODELS))
def test_default_templates_are_clean(report_format: str) -> None:
    checked = check_template(default_template(report_format), report_format)
    assert (checked.errors, checked.warnings, checked.repairs) == ([], [], [])


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        (["{{ yaer }}"], ["正文第 1 段（“{{ yaer }}”）: 模板使用了输入中没有的变量 yaer；是不是 year？"]),
        (
            ["{{ Issuer }}"],
            ["正文第 1 段（“{{ Issuer }}”）: 模板使用了输入中没有的变量 Issuer；是不是 issuer？"],
        ),
        (["{{ budget.total }}"], ["正文第 1 段（“{{ budget.total }}”）: 模板使用了输入中没有的变量 budget"]),
        (
            ["{%p for s in sections %}", "标题：{{ s.headng }}", "{%p endfor %}"],
            [
                "正文第 2 段（“标题：{{ s.headng }}”）: 模板使用了输入中没有的变量 s.headng；是不是 s.heading？"
            ],
        ),
        (
            ["{{ signature.name }}"],
            ["正文第 1 段（“{{ signature.name }}”）: 模板使用了输入中没有的变量 signature.name"],
        ),
        (
            ["{{ issuer }"],
            ["正文第 1 段（“{{ issuer }”）: 标记 {{ issuer } 没有结束：缺少 }}（一个标记要写在同一段里）"],
        ),
        (["{ year }}年"], ["正文第 1 段（“{ year }}年”）: 多了 }}，或者前面少了 {{"]),
        (
            ["报告 {%p if signature %}", "{%p endif %}"],
            [
                "正文第 1 段（“报告 {%p if signature %}”）: {%p if signature %} 要独占一段：本段的其他文字“报告”在生成时会被删掉"
            ],
        ),
        (
            ["{%p if signature %}", "{{ signature.issuer }}"],
            ["正文第 1 段（“{%p if signature %}”）: {%p if signature %} 没有对应的 {%p endif %}"],
        ),
        (["{%p endfor %}"], ["正文第 1 段（“{%p endfor %}”）: {%p endfor %} 前面没有对应的 {%p for … %}"]),
        (
            ["{%p if signature %}", "{% endif %}"],
            [
                "正文第 2 段（“{% endif %}”）: {% endif %} 与正文第 1 段的 {%p if signature %} "
                "要用同一种写法（都带 p、都带 tr，或都不带）"
            ],
        ),
        (
            ["{%p for s in sections %}", "{%p endif %}"],
            [
                "正文第 2 段（“{%p endif %}”）: {%p endif %} 与正文第 1 段的 {%p for s in sections %} 不配对",
                "正文第 1 段（“{%p for s in sections %}”）: {%p for s in sections %} 没有对应的 {%p endfor %}",
            ],
        ),
        (
            ["{%tr for s in sections %}", "{%tr endfor %}"],
            [
                "正文第 1 段（“{%tr for s in sections %}”）: {%tr for s in sections %} 只能写在表格里（它控制表格的一行）",
                "正文第 2 段（“{%tr endfor %}”）: {%tr endfor %} 只能写在表格里（它控制表格的一行）",
            ],
        ),
        (
            ["{{ year|thousand }}"],
            ["正文第 1 段（“{{ year|thousand }}”）: 没有名为 thousand 的过滤器；是不是 thousands？"],
        ),
        (
            ["{{ issuer issuer }}"],
            [
                "正文第 1 段（“{{ issuer issuer }}”）: 模板语法错误：expected token 'end of print statement', got 'issuer'"
            ],
        ),
        (
            ["{% include 'other.docx' %}"],
            [
                "正文第 1 段（“{% include 'other.docx' %}”）: 模板不能引用其他文件（include、import、extends）：模板只能使用报告数据"
            ],
        ),
        (
            ["{{ ''.__class__.__mro__ }}"],
            [
                "正文第 1 段（“{{ ''.__class__.__mro__ }}”）: 模板试图访问 Python 内部属性 __class__：模板在沙箱中运行，不允许这样做"
            ],
        ),
        (
            ["{{ issuer|attr('__class__') }}"],
            [
                "正文第 1 段（“{{ issuer|attr('__class__') }}”）: 模板试图访问 Python 内部属性 __class__：模板在沙箱中运行，不允许这样做"
            ],
        ),
        (
            ["{{ title_lines.__len__() }}"],
            [
                "正文第 1 段（“{{ title_lines.__len__() }}”）: 模板试图访问 Python 内部属性 __len__：模板在沙箱中运行，不允许这样做"
            ],
        ),
    ],
)
def test_problems_are_named_with_place_and_text(
    tmp_path: Path, paragraphs: list[str], expected: list[str]
) -> None:
    assert errors(make_template(tmp_path, *COMPLETE, *paragraphs)) == _shift(expected, len(COMPLETE))


def _shift(lines: list[str], by: int) -> list[str]:
    """Renumber '正文第 N 段' by the COMPLETE paragraphs in front of the test's own."""
    return [re.sub(r"正文第 (\d+) 段", lambda m: f"正文第 {int(m.group(1)) + by} 段", line) for line in lines]


def test_names_known_inside_loops_and_sets_are_accepted(tmp_path: Path) -> None:
    template = make_template(
        tmp_path,
        *COMPLETE,
        "{% set total = sections|length %}共{{ total|cn_number }}部分",
        "{{ (sections|first).heading }}{{ sections[0].blocks|length }}",
        "{% if budget is defined %}{{ budget }}{% endif %}{{ missing|default('无') }}",
        "{% for i in range(3) %}{{ loop.index|cn_paren }}{% endfor %}{{ issuer.strip() }}",
    )
    assert errors(template) == []


def test_unused_fields_are_warnings(tmp_path: Path) -> None:
    template = make_template(tmp_path, "{%p for s in sections %}", "{{ s.heading }}", "{%p endfor %}")
    checked = check_template(template, "legacy")
    assert checked.errors == []
    assert [w.format() for w in checked.warnings] == [
        "模板没有用到 title_lines（标题）：输入中的这项内容不会印出",
        "模板没有用到 preamble（前言）：输入中的这项内容不会印出",
        "模板没有用到 sections[].blocks（内容）：输入中的这项内容不会印出",
        "模板没有用到 signature（落款）：输入中的这项内容不会印出",
    ]


def test_places_in_tables_headers_and_footers(tmp_path: Path) -> None:
    document = docx.Document()
    for text in COMPLETE:
        document.add_paragraph(text)
    table = document.add_table(rows=3, cols=2)
    table.cell(0, 0).text = "{%tr for s in sections %}"
    table.cell(1, 0).text = "{{ s.heading }}"
    table.cell(1, 1).text = "{{ s.headng }}"
    table.cell(2, 0).text = "{%tr endfor %}"
    table.cell(2, 1).text = "合计"
    document.sections[0].header.paragraphs[0].text = "{{ isuer }}"
    document.sections[0].footer.paragraphs[0].text = "第 {{ page }} 页"
    path = tmp_path / "t.docx"
    document.save(str(path))
    assert errors(path) == [
        "正文表格 1第 3 行第 1 列第 1 段（“{%tr endfor %}”）: {%tr endfor %} 要独占表格的一行：其他文字“合计”在生成时会被删掉",
        "页眉第 1 段（“{{ isuer }}”）: 模板使用了输入中没有的变量 isuer；是不是 issuer？",
        "页脚第 1 段（“第 {{ page }} 页”）: 模板使用了输入中没有的变量 page",
    ]
    table.cell(2, 1).text = ""
    document.save(str(path))
    assert errors(path)[0] == (
        "正文表格 1第 2 行第 2 列第 1 段（“{{ s.headng }}”）: 模板使用了输入中没有的变量 s.headng；是不是 s.heading？"
    )


SMALL_INPUT = {
    "format": "legacy",
    "issuer": "某某县",
    "year": 2016,
    "sections": [{"heading": "一、总体", "content": []}],
}


def write_input(tmp_path: Path) -> Path:
    """Write SMALL_INPUT as tmp_path/in.json."""
    path = tmp_path / "in.json"
    path.write_text(json.dumps(SMALL_INPUT, ensure_ascii=False), encoding="utf-8")
    return path


def legacy_context(tmp_path: Path) -> dict[str, Any]:
    report = validate(SMALL_INPUT, tmp_path / "in.json").value
    return build_context(report, tmp_path)


def filled_texts(template: Path, tmp_path: Path) -> list[str]:
    data = fill(template, legacy_context(tmp_path), {}, check_template(template, "legacy").docx)
    document = docx.Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    texts += [c.text for t in document.tables for r in t.rows for c in r.cells]
    texts += [p.text for s in document.sections for p in (*s.header.paragraphs, *s.footer.paragraphs)]
    return texts


def test_table_rows_headers_and_footers_are_filled(tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=3, cols=2)
    table.cell(0, 0).text = "{%tr for s in sections %}"
    table.cell(1, 0).text = "{{ loop.index|cn_heading }}"
    table.cell(1, 1).text = "{{ s.heading }}"
    table.cell(2, 0).text = "{%tr endfor %}"
    document.sections[0].header.paragraphs[0].text = "{{ issuer }}{{ year }}年"
    path = tmp_path / "t.docx"
    document.save(str(path))
    texts = filled_texts(path, tmp_path)
    assert ["一、", "一、总体"] == texts[texts.index("一、") : texts.index("一、") + 2]
    assert "某某县2016年" in texts


def test_word_habits_are_repaired_and_listed(tmp_path: Path) -> None:
    template = make_template(
        tmp_path, "｛｛　issuer　｝｝", "{{ year|fixed（1） }}", "{{ “甲” if year else ‘乙’ }}"
    )
    checked = check_template(template, "legacy")
    assert checked.errors == []
    assert [r.format() for r in checked.repairs] == [
        "正文第 1 段（“{{ issuer }}”）: 已把标记 {{ issuer }} 中的全角字符（括号、百分号、空格等）改为半角",
        "正文第 2 段（“{{ year|fixed(1) }}”）: 已把标记 {{ year|fixed(1) }} 中的全角字符（括号、百分号、空格等）改为半角",
        "正文第 3 段（“{{ \"甲\" if year else '乙' }}”）: 已把标记 {{ \"甲\" if year else '乙' }} 中的中文引号改为英文引号",
    ]
    assert filled_texts(template, tmp_path)[:3] == ["某某县", "2016.0", "甲"]


def test_text_outside_tags_keeps_its_quotes_and_full_width_characters(tmp_path: Path) -> None:
    template = make_template(tmp_path, "“引号”（全角）　｛｝{{ issuer }}")
    assert check_template(template, "legacy").repairs == []
    assert filled_texts(template, tmp_path)[0] == "“引号”（全角）　｛｝某某县"


def test_sandbox_refuses_at_fill_time_too(tmp_path: Path) -> None:
    cases = {
        "{% include 'x' %}": "模板不能引用其他文件（include、import、extends）：模板只能使用报告数据",
        "{{ 'a' * 1000001 }}": "模板超出限制（在“{{ 'a' * 1000001 }}”附近）：要生成的文字或列表长 1,000,001，上限 1,000,000",
        "{{ 9 ** 9999 }}": "模板超出限制（在“{{ 9 ** 9999 }}”附近）：整数将有约 9,541 位，上限 1000 位",
        "{{ issuer|attr('__class__') }}": "模板试图访问不允许的内容（模板在沙箱中运行）（在“{{ issuer|attr('__class__') }}”附近）：",
        "{{ sections.append(1) }}": "模板试图访问不允许的内容（模板在沙箱中运行）（在“{{ sections.append(1) }}”附近）：",
        "{{ lipsum(9) }}": "模板使用了输入中没有的变量：lipsum",
        "{{ issuer|thousands }}": "过滤器 thousands 需要一个数字，得到的是“某某县”",
    }
    for source, message in cases.items():
        template = make_template(tmp_path, source)
        with pytest.raises(TemplateError) as info:
            fill(template, legacy_context(tmp_path), {})
        assert info.value.format_message().startswith(f"{template}: {message}"), source


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_exit_codes_and_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    legacy = ROOT / "src" / "reportgen" / "templates" / "legacy.docx"
    assert run(["check-template", str(legacy)], capsys) == (0, f"{legacy}：检查通过（格式 legacy）\n", "")
    assert run(["check-template", str(legacy), "--format", "legacy", "--strict"], capsys)[0] == 0
    bad = make_template(tmp_path, *COMPLETE, "{{ yaer }}")
    assert run(["check-template", str(bad)], capsys) == (
        1,
        "",
        f"错误：{bad}: 模板有误（1 处）\n  {bad}: 正文第 11 段（“{{{{ yaer }}}}”）: 模板使用了输入中没有的变量 yaer；是不是 year？\n",
    )
    partial = make_template(tmp_path, *COMPLETE[:3], "“{{ issuer }}”", name="partial.docx")
    code, out, err = run(["check-template", str(partial)], capsys)
    assert code == 0
    assert out == f"{partial}：检查通过（格式 legacy）\n"
    assert err.splitlines()[0] == f"警告：{partial}: 模板没有用到 preamble（前言）：输入中的这项内容不会印出"
    assert run(["check-template", str(partial), "--strict"], capsys)[0] == 1
    missing = tmp_path / "none.docx"
    assert run(["check-template", str(missing)], capsys) == (1, "", f"错误：{missing}: 找不到模板文件\n")
    assert run(["check-template"], capsys)[0] == 2
    assert run(["check-template", str(legacy), "--format", "nope"], capsys)[0] == 2


def test_cli_repairs_are_listed_and_english_on_request(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    template = make_template(tmp_path, *COMPLETE, "{{ ‘x’ }}", "{{ yaer }}")
    try:
        code, out, err = run(["--lang", "en", "check-template", str(template)], capsys)
    finally:
        i18n.set_language("zh")
    assert code == 1
    assert (
        out
        == f"repaired: {template}: body paragraph 11 (“{{{{ 'x' }}}}”): smart quotes in tag {{{{ 'x' }}}} replaced by straight quotes\n"
    )
    assert err == (
        f"Error: {template}: the template has 1 error\n"
        f"  {template}: body paragraph 12 (“{{{{ yaer }}}}”): the template uses yaer, which the input does not provide; did you mean year?\n"
    )


def test_validate_checks_the_template_too(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_input(tmp_path)
    bad = make_template(tmp_path, *COMPLETE, "{{ yaer }}")
    code, out, err = run(["validate", str(path), "--template", str(bad)], capsys)
    assert (code, out) == (1, "")
    assert err.startswith(f"错误：{bad}: 模板有误（1 处）\n")
    assert run(["validate", str(path), "--template", str(ROOT / "src" / "reportgen" / "templates" / "legacy.docx")], capsys) == (
        0,
        f"{path}：检查通过\n",
        "",
    )


def test_a_template_with_broken_xml_is_refused_by_name(tmp_path: Path) -> None:
    import zipfile

    source = ROOT / "src" / "reportgen" / "templates" / "legacy.docx"
    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(broken, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            dst.writestr(item, data[:-20] if item.filename == "word/document.xml" else data)
    with pytest.raises(TemplateError) as info:
        check_template(broken, "legacy")
    assert info.value.format_message() == (
        f"{broken}: 模板不是有效的 Word（.docx）文件，或文件已损坏\n"
        f"  {broken}: word/document.xml 第 2 行第 3702 列: XML 格式错误：expected '>'"
    )


def test_render_verbose_lists_repairs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    document = docx.Document(str(ROOT / "src" / "reportgen" / "templates" / "legacy.docx"))
    line = next(p for p in document.paragraphs if p.text == "{{ line }}")
    line.runs[0].text = "｛｛ line ｝｝"
    template = tmp_path / "edited.docx"
    document.save(str(template))
    path = write_input(tmp_path)
    args = ["render", str(path), "--out-dir", str(tmp_path / "out"), "--template", str(template), "-v"]
    progress = logging.getLogger("reportgen.progress")
    handlers, level = list(progress.handlers), progress.level
    try:
        code, out, _ = run(args, capsys)
    finally:  # -v adds a handler writing to this test's captured stderr
        progress.handlers[:], progress.level = handlers, level
    assert code == 0
    assert out.splitlines()[0] == (
        "已自动修正：正文第 2 段（“{{ line }}”）: 已把标记 {{ line }} 中的全角字符（括号、百分号、空格等）改为半角"
    )
    assert docx.Document(str(tmp_path / "out" / "in.docx")).paragraphs[0].text == "某某县"


def with_footnote(tmp_path: Path, text: str) -> Path:
    """Return a copy of a one-paragraph template with a footnote holding `text` (python-docx cannot add one)."""
    import zipfile

    base = make_template(tmp_path, *COMPLETE, "正文")
    path = tmp_path / "footnote.docx"
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    notes = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes {w}>'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        f'<w:footnote w:id="1"><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:footnote></w:footnotes>'
    )
    rel = (
        '<Relationship Id="rIdNotes" Target="footnotes.xml" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"/>'
    )
    override = (
        '<Override PartName="/word/footnotes.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>'
    )
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(path, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/_rels/document.xml.rels":
                data = data.replace(b"</Relationships>", rel.encode() + b"</Relationships>")
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", override.encode() + b"</Types>")
            dst.writestr(item.filename, data)
        dst.writestr("word/footnotes.xml", notes)
    return path


def test_footnotes_are_checked_and_filled(tmp_path: Path) -> None:
    bad = with_footnote(tmp_path, "数据截至{{ yaer }}年底")
    assert errors(bad) == [
        "脚注第 1 条第 1 段（“数据截至{{ yaer }}年底”）: 模板使用了输入中没有的变量 yaer；是不是 year？"
    ]
    good = with_footnote(tmp_path, "数据截至{{ year }}年底")
    data = fill(good, legacy_context(tmp_path), {}, check_template(good, "legacy").docx)
    import zipfile

    assert "数据截至2016年底" in zipfile.ZipFile(io.BytesIO(data)).read("word/footnotes.xml").decode("utf-8")

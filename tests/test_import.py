"""`reportgen import`: a published report (.docx, web page) back into an input file, nothing guessed."""

from __future__ import annotations

import importlib.util
import io
import json
import sys
import zipfile
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any

import docx
import pytest

from reportgen.cli import main
from reportgen.importer.labels import figure, same_label
from reportgen.input import validate
from reportgen.pipeline import render
from tests.conftest import ROOT, resource_path

TEMPLATES = ROOT / "src" / "reportgen" / "templates"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("published", resource_path("import") / "published.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["published"] = module
    spec.loader.exec_module(module)
    return module


PUBLISHED = _load()


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["import", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def tables(data: dict[str, Any]) -> dict[str, Any]:
    return {part: data[part]["table"] for part in ("proactive", "applications", "reviews")}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Render both national examples once: their .docx are what `import` must read back."""
    out = tmp_path_factory.mktemp("rendered")
    made = {}
    for name in ("2024-huaian", "2020-example"):
        source = ROOT / "inputs" / f"{name}.json"
        fmt = json.loads(source.read_text("utf-8"))["format"]
        made[name] = render(source, out, TEMPLATES / f"{fmt}.docx").docx_path
    return made


@pytest.mark.parametrize("name", ["2024-huaian", "2020-example"])
def test_importing_a_rendered_example_gives_back_its_input(
    name: str, rendered: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / f"{name}.json"
    code, out, err = run(capsys, str(rendered[name]), "-o", str(target))
    assert (code, err) == (0, "")
    assert out == f"已写出 {target}\n"
    original = ROOT / "inputs" / f"{name}.json"
    before = validate(json.loads(original.read_text("utf-8")), original)
    after = validate(json.loads(target.read_text("utf-8")), target)
    assert after.warnings == before.warnings == []
    assert after.value.model_dump() == before.value.model_dump()
    text = target.read_text("utf-8")  # laid out as `reportgen new` writes: model order, rows on one line
    fmt = before.value.format
    assert text.startswith(f'{{\n  "$schema": "../schemas/{fmt}.schema.json",\n  "issuer": ')
    assert '"new_received": [' in text
    assert "\\u" not in text


def test_an_office_docx_is_read_by_its_labels_and_the_unreadable_cell_is_left_blank(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = PUBLISHED.office_docx(tmp_path / "淮安2024.docx")
    code, out, err = run(capsys, str(source))
    target = tmp_path / "淮安2024.json"  # beside the report, named like it
    assert code == 0
    assert (
        out == f"已写出 {target}\n有 3 处要核对（见上面的警告）；改好后用 reportgen validate {target} 检查\n"
    )
    assert err.splitlines() == [
        f"警告：{source}: 表二“二、上年结转政府信息公开申请数量”行“自然人”列（第 2 个表格第 3 行第 3 列）: “约12”不是数字，留空（null）",
        f"警告：{target}: 三、收到和处理政府信息公开申请情况 › 二、上年结转政府信息公开申请数量: 自然人(空) + 商业企业(0) + "
        "科研机构(0) + 社会公益组织(0) + 法律服务机构(0) + 其他(0) = 0 ≠ 总计(34) [B.row_total.carried_over]",
        f"警告：{target}: 三、收到和处理政府信息公开申请情况 › 自然人: 一(3001) + 二(空) = 3001 ≠ （七）总计(2932) + 四(103) = 3035 "
        "[B.balance.natural_person]",
    ]
    data = json.loads(target.read_text("utf-8"))
    assert tables(data) == PUBLISHED.expected(one_row=True)
    huaian = PUBLISHED.HUAIAN
    assert (data["issuer"], data["year"], data["format"]) == ("淮安市人民政府", 2024, "national-2021")
    assert data["title_lines"] == ["淮安市人民政府2024年政府信息公开工作年度报告"]  # one line, as printed
    assert data["signature"] == {"issuer": "淮安市人民政府办公室", "date": "2025-01-20"}
    assert data["preamble"] == huaian["preamble"]
    for part in ("general", "problems", "other"):
        assert data[part]["content"] == huaian[part]["content"], part
    assert [data[p]["heading"] for p in ("general", "other")] == ["一、总体情况", "六、其他需要报告的事项"]


def test_a_government_web_page_gives_the_same_figures(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = PUBLISHED.web_page(tmp_path / "page.html")
    target = tmp_path / "out" / "2024.json"
    code, out, err = run(capsys, str(source), "--output", str(target))
    assert code == 0
    lines = err.splitlines()
    assert lines[:2] == [
        f"警告：{source}: 前言: 标题与“一、”之间的 1 段网页文字没有导入（例如“发布时间：2025-01-20 10:30 来源：市政府办公室 【字号：大 中 ”）",
        f"警告：{source}: 表二“二、上年结转政府信息公开申请数量”行“自然人”列（第 3 个表格第 5 行第 4 列）: “约12”不是数字，留空（null）",
    ]
    assert len(lines) == 4
    assert all(line.startswith(f"警告：{target}: ") for line in lines[2:])
    data = json.loads(target.read_text("utf-8"))
    assert tables(data) == PUBLISHED.expected(
        one_row=False
    )  # （六）'s sub-rows, labelled “1、” and with “，”
    huaian = PUBLISHED.HUAIAN
    assert data["preamble"] == huaian["preamble"]  # the line break inside it in the page's source is gone
    for part in ("general", "problems", "other"):
        assert data[part]["content"] == huaian[part]["content"], part
    assert data["signature"] == {"issuer": "淮安市人民政府办公室", "date": "2025-01-20"}
    assert "版权所有" not in target.read_text("utf-8")  # the site's menus, box and footer are left out


def _mutated_page(tmp_path: Path) -> Path:
    """Return the web page with cells merged where no figure can be placed, a row lost, a row unknown."""
    page = PUBLISHED.web_page(tmp_path / "page.html")
    html = page.read_bytes().decode("gb18030")
    edits = [  # 商业企业 of 3.要求提供公开出版物 spans 4.无正当理由大量反复申请 below it
        ("<td><p>3、要求提供公开出版物</p></td><td><p>0</p></td><td><p>0</p></td>",
         '<td><p>3、要求提供公开出版物</p></td><td><p>0</p></td><td rowspan="2"><p>0</p></td>'),
        ("<td><p>4、无正当理由大量反复申请</p></td><td><p>0</p></td><td><p>0</p></td>",
         "<td><p>4、无正当理由大量反复申请</p></td><td><p>0</p></td>"),
        # 科研机构 and 社会公益组织 of （一）予以公开 in one cell
        ("<td><p>21</p></td><td><p>0</p></td><td><p>0</p></td><td><p>50</p></td>",
         '<td><p>21</p></td><td colspan="2"><p>0</p></td><td><p>50</p></td>'),
        # （七）总计 is lost; a row the format does not have is added
        ('<td colspan="2"><p>（七）总计</p></td>', '<td colspan="2"><p>（八）其他说明</p></td>'),
    ]  # fmt: skip
    for old, new in edits:
        assert html.count(old) == 1, old
        html = html.replace(old, new)
    page.write_bytes(html.encode("gb18030"))
    return page


def test_a_figure_is_never_guessed_from_merged_cells_or_missing_rows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _mutated_page(tmp_path)
    code, _, err = run(capsys, str(source))
    assert code == 0
    where = "第 3 个表格"
    assert [line for line in err.splitlines() if line.startswith(f"警告：{source}: 表")] == [
        f"警告：{source}: 表二“二、上年结转政府信息公开申请数量”行“自然人”列（{where}第 5 行第 4 列）: “约12”不是数字，留空（null）",
        f"警告：{source}: 表二“（一）予以公开”行“科研机构”列（{where}第 6 行第 6 列）: 这个单元格横跨几列，不能确定数字属于哪一列，留空（null）",
        f"警告：{source}: 表二“（一）予以公开”行“社会公益组织”列（{where}第 6 行第 7 列）: 这个单元格横跨几列，不能确定数字属于哪一列，留空（null）",
        f"警告：{source}: 表二“（五）不予处理 4.无正当理由大量反复申请”行“商业企业”列（{where}第 22 行第 5 列）: "
        "与上方第 21 行的单元格合并，不能确定数字属于哪一行，留空（null）",
        f"警告：{source}: 表二“三、本年度办理结果 （八）其他说明”行（{where}第 27 行）: 不认识这一行，没有导入",
        f"警告：{source}: 表二“（七）总计”行: 表中找不到这一行，留空（null）",
    ]
    b = json.loads(source.with_suffix(".json").read_text("utf-8"))["applications"]["table"]["results"]
    assert b["disclosed"] == [1288, 21, None, None, 50, 3, 1362]
    assert b["not_processed"]["publications"] == [0] * 7  # the merged cell's own row keeps its figure
    assert b["not_processed"]["mass_repeated"] == [0, None, 0, 0, 0, 0, 0]
    assert b["total"] == [None] * 7


def test_the_output_is_not_overwritten_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = PUBLISHED.web_page(tmp_path / "page.html")
    target = tmp_path / "page.json"
    target.write_text("mine", encoding="utf-8")
    assert run(capsys, str(source)) == (2, "", f"错误：{target}: 文件已存在，不覆盖；要覆盖请加 --force\n")
    assert target.read_text("utf-8") == "mine"
    code, out, _ = run(capsys, str(source), "--force")
    assert (code, out.splitlines()[0]) == (0, f"已写出 {target}")
    assert json.loads(target.read_text("utf-8"))["issuer"] == "淮安市人民政府"
    assert run(capsys, str(source), "-o", str(source))[:2] == (2, "")  # the report itself
    assert source.read_bytes().startswith(b"<!DOCTYPE html>")


def _listing(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


def _docx(paragraphs: list[str]) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _with_part(data: bytes, name: str, content: bytes) -> bytes:
    source, buffer = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            out.writestr(info.filename, content if info.filename == name else source.read(info))
    return buffer.getvalue()


DTD = b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]><d>&a;</d>'

FAILURES = {
    "letter.docx": (
        _docx(["关于召开会议的通知", "各单位：", "定于下周一召开会议。"]),
        "看不出这是政府信息公开工作年度报告：找不到“一、总体情况”等部分标题，也找不到统计表",
    ),
    "legacy.docx": (
        _docx(["某县人民政府2015年政府信息公开工作年度报告", "一、概述", "全年公开信息100条。"]),
        "2015 年度的报告是 legacy 格式（没有统一的统计表）；import 只导入 national-2019 和 national-2021 格式的报告",
    ),
    "report.pdf": (b"%PDF-1.7\n", "PDF 文件不能导入；请用报告的 Word（.docx）文件或网页（.html）"),
    "report.doc": (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100,
        "这是旧版 Word（.doc）文件；请先在 Word 或 WPS 里另存为 .docx 再导入",
    ),
    "notes.txt": ("一、总体情况".encode(), "只能导入 Word（.docx）文件或网页（.html）文件"),
    "broken.docx": (b"PK\x03\x04 not really a zip", "不是有效的 Word（.docx）文件，或文件已损坏"),
    "entities.docx": (
        _with_part(_docx(["x"]), "word/document.xml", DTD),
        "不是有效的 Word（.docx）文件，或文件已损坏\n  {path}: word/document.xml: "
        "含有 DTD（<!DOCTYPE …>，可以声明实体）：Word 文件里不会有，出于安全不予读取",
    ),
    "bomb.docx": (
        _with_part(_docx(["x"]), "word/document.xml", b"<a>" + b" " * (8 * 2**20) + b"</a>"),
        "Word 文件超出限制\n  {path}: word/document.xml: 压缩比 {ratio}:1，上限 200:1（像是“zip 炸弹”）",
    ),
}


@pytest.mark.parametrize("name", sorted(FAILURES))
def test_a_file_that_is_no_report_is_refused_clearly_and_nothing_is_written(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data, message = FAILURES[name]
    source = tmp_path / name
    source.write_bytes(data)
    code, out, err = run(capsys, str(source))
    assert (code, out) == (1, "")
    if "{ratio}" in message:
        info = zipfile.ZipFile(source).getinfo("word/document.xml")
        message = message.replace("{ratio}", str(info.file_size // info.compress_size))
    assert err == f"错误：{source}: " + message.replace("{path}", str(source)) + "\n"
    assert _listing(tmp_path) == [name]


def test_a_missing_file_and_english_messages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nothing.docx"
    assert run(capsys, str(missing)) == (1, "", f"错误：{missing}: 找不到输入文件\n")
    source = PUBLISHED.web_page(tmp_path / "page.html")
    code = main(["--lang", "en", "import", str(source)])
    err = capsys.readouterr().err
    assert code == 0
    assert (
        f"Warning: {source}: Table B, row “二、上年结转政府信息公开申请数量”, column “自然人” (table 3, row 5, column 4): "
        "“约12” is not a figure; left blank (null)\n"
    ) in err
    assert _listing(tmp_path) == ["page.html", "page.json"]


def test_help_names_the_options(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["import", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("用法：reportgen import ")
    for option in ("REPORT", "-o FILE.json", "--output", "--force"):
        assert option in out


@pytest.mark.parametrize(
    ("text", "kind", "value", "ok"),
    [
        ("12", {}, 12, True),
        (" １２ ", {}, 12, True),
        ("3,985,758", {}, 3985758, True),
        ("12件", {}, 12, True),
        ("", {}, None, True),
        ("—", {}, None, True),
        ("/", {}, None, True),
        ("无", {}, None, True),
        ("约12", {}, None, False),
        ("12.5", {}, None, False),
        ("-3", {}, None, False),
        ("-3", {"signed": True}, -3, True),
        ("－3", {"signed": True}, -3, True),
        ("1236.58万元", {"decimal": True}, Decimal("1236.58"), True),
        ("1236元", {"decimal": True}, None, False),
        ("12万元", {}, None, False),
        ("1,2", {}, None, False),
        ("十二", {}, None, False),
    ],
)
def test_figures_are_read_strictly(text: str, kind: dict[str, bool], value: Any, ok: bool) -> None:
    read = figure(text, **kind)
    assert (read.value, read.ok) == (value, ok)


@pytest.mark.parametrize(
    ("printed", "official", "same"),
    [
        ("1、属于国家秘密", "1.属于国家秘密", True),
        ("１．属于 国家\n秘密", "1.属于国家秘密", True),
        ("规范性文件", "行政规范性文件", True),
        ("（二）部分公开", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", True),
        ("（七） 总计", "（七）总计", True),
        ("总计", "其他", False),
        ("（三）不予公开", "（五）不予处理", False),
    ],
)
def test_labels_are_compared_by_their_words(printed: str, official: str, same: bool) -> None:
    assert same_label(printed, official) is same

"""The limits (reportgen/limits.py) one by one, in process: each is reached with the message naming it,
and legitimate templates, pictures and Word files stay well inside them.

The hostile corpus (tests/test_hostile.py) runs whole files in a limited child; these tests pin the
pieces: the per-render deadline (per thread), the sandbox's budget, picture headers, the package
checks.
"""

from __future__ import annotations

import io
import struct
import threading
import zipfile
from pathlib import Path

import pytest
from jinja2.exceptions import SecurityError

from reportgen import limits, pictures
from reportgen.docx.package import PackageError, read_package
from reportgen.errors import TemplateError
from reportgen.template import fill, make_environment
from tests.conftest import ROOT, tiny_png
from tests.test_template_check import legacy_context, make_template

LEGACY = ROOT / "src" / "reportgen" / "templates" / "legacy.docx"


def render(source: str, **values: object) -> str:
    return make_environment().from_string(source).render(**values)


def refused(source: str) -> str:
    with pytest.raises(SecurityError) as info:  # budget.TemplateLimit
        make_environment().from_string(source).render()
    return str(info.value)


@pytest.mark.parametrize(
    "source",
    [
        "{% for s in sections recursive %}{{ s.name }}{{ loop(s.children) }}{% endfor %}",
        "{% for i in range(3) %}{{ loop.index }}{% if loop.last %}.{% endif %}{% endfor %}",
        "{{ '{:>5}|{:.2f}'.format('a', 2.5) }}{{ '%5s|%.1f' % ('b', 1.25) }}{{ 'x' ~ 1 ~ 'y' }}",
        "{% macro m(n) %}{{ n }}{% if n < 3 %}{{ m(n + 1) }}{% endif %}{% endmacro %}{{ m(0) }}",
        "{{ [1, 2]|join(', ') }} {{ 'abc'|replace('b', 'B') }} {{ 'a'|center(5) }} {{ 2 ** 64 }}",
        "{% set ns = namespace(s='') %}{% for i in range(3) %}{% set ns.s = ns.s ~ i %}{% endfor %}{{ ns.s }}",
    ],
)
def test_ordinary_templates_work_as_in_jinja(source: str) -> None:
    import jinja2
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    values = {"sections": [{"name": "a", "children": [{"name": "b", "children": []}]}]}
    plain = ImmutableSandboxedEnvironment(undefined=jinja2.StrictUndefined, autoescape=True)
    assert render(source, **values) == plain.from_string(source).render(**values)


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("{{ 'a' * 1000001 }}", "要生成的文字或列表长 1,000,001，上限 1,000,000"),
        ("{{ ['a'] * 1000001 }}", "要生成的文字或列表长 1,000,001，上限 1,000,000"),
        ("{{ 'a'.ljust(2000000) }}", "要生成的文字或列表长 2,000,000，上限 1,000,000"),
        ("{{ '{:{}}'.format('a', 10**9) }}", "要生成的文字或列表长 1,000,000,000，上限 1,000,000"),
        ("{{ '%.2000000f' % 1.5 }}", "要生成的文字或列表长 2,000,000，上限 1,000,000"),
        (
            "{{ '%s'|format('a') }}{{ '%*s'|format(10**7, 'a') }}",
            "要生成的文字或列表长 10,000,000，上限 1,000,000",
        ),
        ("{{ ('x' * 1000)|replace('x', 'y' * 10000) }}", "要生成的文字或列表长 10,000,000，上限 1,000,000"),
        ("{{ ('a\\n' * 100000)|indent(100) }}", "要生成的文字或列表长 10,200,100，上限 1,000,000"),
        ("{{ ('a' * 600000) + ('b' * 600000) }}", "要生成的文字或列表长 1,200,000，上限 1,000,000"),
        ("{{ 10 ** 1001 }}", "整数将有约 1,001 位，上限 1000 位"),
        ("{{ (10 ** 600) * (10 ** 600) }}", "整数将有约 1,200 位，上限 1000 位"),
        (
            "{% for i in range(2000) %}{% for j in range(1000) %}{% endfor %}{% endfor %}",
            "共超过 1,000,000 步",
        ),
        (
            "{% for a in 'x' * 100000 %}{% for b in 'x' * 100 %}{% endfor %}{% endfor %}",
            "共超过 1,000,000 步",
        ),
        ("{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}", "调用嵌套超过 50 层的上限"),
    ],
)
def test_the_sandbox_measures_before_it_makes(source: str, message: str) -> None:
    assert message in refused(source)


def test_a_fill_writes_at_most_the_output_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "TEMPLATE_OUTPUT_CHARS", 10_000)
    assert len(render("{% for i in range(99) %}" + "x" * 100 + "{% endfor %}")) == 9900
    assert "模板生成的文字共超过 10,000 个字符的上限" in refused(
        "{% for i in range(101) %}" + "x" * 100 + "{% endfor %}"
    )
    macro = "{% macro m() %}{% for i in range(200) %}" + "y" * 100 + "{% endfor %}{% endmacro %}{{ m() }}"
    assert "上限" in refused(macro)


def test_the_budget_is_per_environment() -> None:
    source = "{% for i in range(600) %}{% for j in range(1000) %}{% endfor %}{% endfor %}"
    render(source)
    render(source)  # a second fill starts afresh
    env = make_environment()
    env.from_string(source).render()
    with pytest.raises(SecurityError):
        env.from_string(source).render()  # the same fill: 1 200 000 steps


def test_the_deadline_stops_a_fill_and_names_the_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    template = make_template(
        tmp_path, "{% for i in range(900) %}{% for j in range(999) %}{% endfor %}{% endfor %}"
    )
    context = legacy_context(tmp_path)
    ticks = iter([0.0, 0.0, 0.0])  # the deadline set, checked before the fill, at step 1 024; then late
    monkeypatch.setattr(limits, "_clock", lambda: next(ticks, 1e9))
    with limits.deadline(300.0), pytest.raises(TemplateError) as info:
        fill(template, context, {})
    assert info.value.format_message() == (
        f"{template}: 模板超出限制（在“{{% for i in range(900) %}}{{% for j in range(999) %}}{{% endfor %}}"
        "{% endfor %}”附近）：用时超过上限 300 秒"
    )
    monkeypatch.undo()
    with limits.deadline(0.0), pytest.raises(TemplateError) as info:  # late before the fill begins
        fill(template, context, {})
    assert info.value.format_message() == f"{template}: 模板超出限制：用时超过上限 0 秒"


def test_the_deadline_belongs_to_its_thread() -> None:
    seen: dict[str, str] = {}
    started = threading.Event()

    def other() -> None:
        started.wait()
        try:
            limits.check_deadline()
            seen["other"] = "ok"
        except limits.LimitExceeded as exc:
            seen["other"] = exc.message

    thread = threading.Thread(target=other)
    thread.start()
    with limits.deadline(0.0):
        with pytest.raises(limits.LimitExceeded, match="用时超过上限 0 秒"):
            limits.check_deadline("here")
        started.set()
        thread.join()
        with limits.deadline(1000.0):  # an inner render keeps the outer deadline
            with pytest.raises(limits.LimitExceeded):
                limits.check_deadline()
    limits.check_deadline()  # outside a render: no deadline
    assert seen == {"other": "ok"}


def _bmp(width: int, height: int) -> bytes:
    return b"BM" + bytes(12) + struct.pack("<Iii", 40, width, -height) + bytes(28)


def _jpeg(width: int, height: int, app: bytes = b"JFIF\x00") -> bytes:
    app0 = b"\xff\xe0" + struct.pack(">H", len(app) + 2) + app
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    return b"\xff\xd8" + app0 + b"\xff\xfe\x00\x04ok" + sof + b"\xff\xd9"


def _tiff(width: int, height: int) -> bytes:
    entries = struct.pack("<HHII", 256, 3, 1, width) + struct.pack("<HHII", 257, 4, 1, height)
    return b"II*\x00" + struct.pack("<I", 8) + struct.pack("<H", 2) + entries + bytes(4)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (tiny_png(40, 20), ("png", 40, 20)),
        (b"GIF89a" + struct.pack("<HH", 7, 9) + bytes(10), ("gif", 7, 9)),
        (_bmp(30, 10), ("bmp", 30, 10)),
        (_jpeg(640, 480), ("jpeg", 640, 480)),
        (_tiff(300, 200), ("tiff", 300, 200)),
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", None),
        (b"\x89PNG\r\n\x1a\n\x00", None),
        (b"", None),
    ],
)
def test_pictures_are_recognised_by_their_header(data: bytes, expected: tuple[str, int, int] | None) -> None:
    picture = pictures.identify(data)
    assert ((picture.kind, picture.width, picture.height) if picture else None) == expected


def test_a_picture_over_the_limits_is_refused_before_decoding() -> None:
    with pytest.raises(limits.LimitExceeded, match="图片有 8000 × 8000 像素，上限 50,000,000 像素"):
        pictures.check(_bmp(8000, 8000))
    assert pictures.check(_bmp(7000, 7000)) is not None
    assert pictures.embeddable(_jpeg(10, 10, b"Adobe")) is None  # python-docx reads JFIF and Exif only
    assert pictures.embeddable(_jpeg(10, 10, b"Exif\x00")) is not None


def test_pictures_stay_in_their_folders(tmp_path: Path) -> None:
    base, other = tmp_path / "in", tmp_path / "pics"
    base.mkdir()
    other.mkdir()
    (base / "a.png").write_bytes(tiny_png())
    (other / "b.png").write_bytes(tiny_png())
    assert pictures.locate(base, "a.png") == base / "a.png"
    assert pictures.locate(base, "sub/../a.png") == base / "a.png"
    assert pictures.locate(base, "../pics/b.png", other) == other / "b.png"
    assert pictures.locate(base, str(other / "b.png"), other) == other / "b.png"
    with pytest.raises(limits.LimitExceeded, match="不在输入文件所在的文件夹里"):
        pictures.locate(base, "../pics/b.png")
    with pytest.raises(limits.LimitExceeded, match="既不在输入文件所在的文件夹里，也不在 --images-dir"):
        pictures.locate(base, "/etc/passwd", other)
    with pytest.raises(FileNotFoundError):
        pictures.locate(base, "missing.png")


def _docx(**changed: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(LEGACY) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in src.namelist():
            dst.writestr(name, changed.pop(name, None) or src.read(name))
        for name, blob in changed.items():
            dst.writestr(name, blob)
    return out.getvalue()


def test_the_package_check_names_the_part(monkeypatch: pytest.MonkeyPatch) -> None:
    assert set(read_package(_docx())) >= {"word/document.xml", "word/styles.xml"}
    with pytest.raises(PackageError) as info:
        read_package(_docx(**{"word/numbering.xml": b'<?xml version="1.0"?>\n<a>\n<b></a>'}))
    assert (info.value.place, info.value.message) == (
        "word/numbering.xml 第 3 行第 8 列",
        "XML 格式错误：Opening and ending tag mismatch: b line 3 and a",
    )
    monkeypatch.setattr("reportgen.docx.package.DOCX_XML_BYTES", 5000)
    with pytest.raises(PackageError) as info:
        read_package(_docx())
    assert info.value.limit
    assert (info.value.place, info.value.message) == ("word/styles.xml", "XML 部件解压后 0.0 MB，上限 0 MB")


def test_images_dir_lets_validate_render_and_build_take_pictures_from_one_more_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    from reportgen.cli import main

    work, pics = tmp_path / "work", tmp_path / "pics"
    work.mkdir()
    pics.mkdir()
    (pics / "a.png").write_bytes(tiny_png())
    report = {
        "format": "legacy",
        "issuer": "某某县",
        "year": 2016,
        "sections": [{"heading": "一、概述", "content": [{"image": "../pics/a.png", "caption": "图1"}]}],
    }
    (work / "in.json").write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    monkeypatch.chdir(work)
    refused = (
        "错误：in.json: 输入有误（1 处）\n  in.json: $.sections[0].content[0].image（图片文件）: 图片 ../pics/a.png "
        "不在输入文件所在的文件夹里（其他文件夹中的图片请用 --images-dir 指定）\n"
    )
    assert main(["validate", "in.json"]) == 1
    assert capsys.readouterr().err == refused
    assert main(["validate", "in.json", "--images-dir", "../pics"]) == 0
    assert capsys.readouterr().out == "in.json：检查通过\n"
    assert main(["build", "in.json", "--out-dir", "out", "-q"]) == 1
    capsys.readouterr()
    assert main(["build", "in.json", "--out-dir", "out", "-q", "--images-dir", "../pics"]) == 0
    assert main(["render", "in.json", "--out-dir", "out2", "-q", "--images-dir", str(pics)]) == 0
    assert sorted(p.name for p in (work / "out2").iterdir()) == ["in.docx", "in.pdf"]


def test_the_layout_stops_between_pages_at_the_page_limit_and_the_deadline(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import logging

    from reportgen.docx import docx_to_html
    from reportgen.errors import PdfError
    from reportgen.fonts import FontMap
    from reportgen.pdf import html_to_pdf

    progress = logging.getLogger("weasyprint.progress")
    level = progress.level
    paragraphs = "".join(f"<w:p><w:r><w:t>第 {i} 段</w:t></w:r></w:p>" for i in range(200))
    data = _docx(**{"word/document.xml": _document(paragraphs)})
    document = docx_to_html(data, FontMap.load()).value
    monkeypatch.setattr(limits, "RENDER_PAGES", 2)
    with pytest.raises(PdfError) as info:
        html_to_pdf(document)
    assert info.value.format_message() == "超出限制\n  PDF: 超过 2 页的上限"
    monkeypatch.undo()
    ticks = iter([0.0, 0.0, 0.0])  # set; checked before the layout; at page 1; then late
    monkeypatch.setattr(limits, "_clock", lambda: next(ticks, 1e9))
    with limits.deadline(60.0), pytest.raises(PdfError) as info:
        html_to_pdf(document)
    assert info.value.format_message() == "超出限制\n  PDF 第 2 页: 用时超过上限 60 秒"
    assert progress.level == level  # WeasyPrint's progress logger as it was
    assert progress.handlers == []


def _document(body: str) -> bytes:
    with zipfile.ZipFile(LEGACY) as src:
        document = src.read("word/document.xml").decode()
    start, end = document.index("<w:body>") + len("<w:body>"), document.index("<w:sectPr>")
    return (document[:start] + body + document[end:]).encode()

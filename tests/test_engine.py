"""The engine room: WeasyPrint's extensions stay inside one fence (reportgen.pdf.engine).

Outside a render WeasyPrint behaves as shipped; renders in threads keep their own state; an
unsupported WeasyPrint is refused clearly; the hints between converter and engine are typed and
a malformed one is an error.
"""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import textwrap
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
import weasyprint
from weasyprint.layout import inline

from reportgen.docx import HtmlDocument, docx_to_html
from reportgen.errors import PdfError
from reportgen.fonts import FontMap
from reportgen.hints import (
    HintError,
    LayoutOptions,
    TabStop,
    TabStops,
    grid_cell,
    grid_cell_declaration,
    synthetic_bold,
    synthetic_bold_declaration,
)
from reportgen.pdf import html_to_pdf
from reportgen.pdf.engine import SUPPORTED_WEASYPRINT, extended_layout
from reportgen.pdf.engine.patches import INSTALLATION, PATCHES
from reportgen.pdf.engine.state import CURRENT
from tests.conftest import ROOT, resource_path

JUSTIFIED_CHINESE = (
    '<html lang="zh-CN"><body><p style="text-align:justify;font-family:Noto Serif CJK SC;'
    'font-size:16pt;width:300pt">'
    + "根据《中华人民共和国政府信息公开条例》的规定，本报告由区人民政府办公室编制，"
    "全文包括概述、主动公开政府信息情况、依申请公开政府信息情况等部分，数字12,846件。"
    * 3
    + "</p></body></html>"
)


def test_plain_weasyprint_is_untouched_by_a_reportgen_render(tmp_path: Path) -> None:
    """A plain WeasyPrint render gives the same bytes before and after a reportgen render.

    In a child process, so that the first plain render really comes before reportgen is imported.
    """
    script = textwrap.dedent(
        f"""
        import io, sys
        import weasyprint
        from weasyprint.layout import inline
        import pydyf
        HTML = {JUSTIFIED_CHINESE!r}
        def plain():
            return weasyprint.HTML(string=HTML).write_pdf(pdf_identifier=b"fixed")
        before = plain()
        originals = [inline.text_align, inline.split_first_line, inline.split_inline_box,
                     inline.trailing_whitespace_size, inline.can_break_text, pydyf.zlib]
        from pathlib import Path
        from reportgen.pipeline import render
        render(Path("inputs/2015.json"), Path(sys.argv[1]))
        after = plain()
        now = [inline.text_align, inline.split_first_line, inline.split_inline_box,
               inline.trailing_whitespace_size, inline.can_break_text, pydyf.zlib]
        print(len(before), len(after), before == after, all(a is b for a, b in zip(originals, now)))
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    ).stdout.split()
    assert out[2:] == ["True", "True"], (
        f"plain render {out[0]} → {out[1]} bytes; functions restored: {out[3]}"
    )


def _documents() -> list[HtmlDocument]:
    fonts = FontMap.load()
    converted = [
        docx_to_html(resource_path(f"fidelity/{name}.docx").read_bytes(), fonts).value
        for name in ("report-annual-mixed", "tabs-leaders", "docgrid-chars")
    ]
    # the same document with and without hanging punctuation: a per-document option
    return [*converted, dataclasses.replace(converted[0], hang_punctuation=False)]


def test_renders_in_threads_give_the_bytes_of_sequential_renders() -> None:
    documents = _documents()
    sequential = [html_to_pdf(document).value.data for document in documents]
    assert sequential[0] != sequential[3], "the hanging option changes this document: the test can tell"
    start = threading.Barrier(len(documents))

    def render(document: HtmlDocument) -> bytes:
        start.wait()
        return html_to_pdf(document).value.data

    with ThreadPoolExecutor(len(documents)) as pool:
        threaded = list(pool.map(render, documents))
    assert [len(data) for data in threaded] == [len(data) for data in sequential]
    assert threaded == sequential
    assert not INSTALLATION.installed


def test_weasyprint_is_restored_after_an_error_inside_the_render() -> None:
    originals = [getattr(patch.owner, patch.name) for patch in PATCHES]
    inside: list[object] = []

    def fail() -> None:
        with extended_layout(_options()):
            inside.extend([inline.text_align, CURRENT.get()])
            raise ZeroDivisionError

    with pytest.raises(ZeroDivisionError):
        fail()
    assert inside[0] is not originals[0]  # installed inside
    assert inside[1] is not None
    assert [getattr(patch.owner, patch.name) for patch in PATCHES] == originals
    assert CURRENT.get() is None


def test_other_threads_see_weasyprint_as_shipped_while_a_render_runs() -> None:
    plain = weasyprint.HTML(string=JUSTIFIED_CHINESE).write_pdf(pdf_identifier=b"fixed")
    with extended_layout(_options()):
        with ThreadPoolExecutor(1) as pool:  # another thread, while the extensions are installed
            other = pool.submit(
                lambda: weasyprint.HTML(string=JUSTIFIED_CHINESE).write_pdf(pdf_identifier=b"fixed")
            ).result()
        ours = weasyprint.HTML(string=JUSTIFIED_CHINESE).write_pdf(pdf_identifier=b"fixed")
    assert other == plain
    assert ours != plain  # in this thread the extensions apply (justified between characters)


def test_an_unsupported_weasyprint_is_refused_clearly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(weasyprint, "__version__", "71.0")
    document = _documents()[0]
    with pytest.raises(PdfError) as caught:
        html_to_pdf(document)
    message = caught.value.format_message()
    assert SUPPORTED_WEASYPRINT in message
    assert message == (
        "reportgen 的排版扩展是为 WeasyPrint 70.0 编写的，本机安装的是 71.0；"
        "请运行 make setup（或 pip install weasyprint==70.0）"
    )
    assert not INSTALLATION.installed


def test_an_unsupported_weasyprint_exits_1_without_traceback(tmp_path: Path) -> None:
    script = textwrap.dedent(
        """
        import sys, weasyprint
        weasyprint.__version__ = "71.0"
        from reportgen.cli import main
        sys.exit(main(["pdf", sys.argv[1], "-o", sys.argv[2]]))
        """
    )
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            script,
            str(resource_path("fidelity/tabs-leaders.docx")),
            str(tmp_path / "o.pdf"),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 1
    assert done.stderr == (
        "错误：reportgen 的排版扩展是为 WeasyPrint 70.0 编写的，本机安装的是 71.0；"
        "请运行 make setup（或 pip install weasyprint==70.0）\n"
    )
    assert not (tmp_path / "o.pdf").exists()


# -- the hints: one typed contract ----------------------------------------------------------------


def test_tab_stops_hint_round_trips() -> None:
    stops = TabStops(21.0, 12.5, (TabStop(100.0, "right", "dot"), TabStop(200.25, "decimal")))
    assert stops.attribute() == "21.00;12.50;100.00:right:dot 200.25:decimal:none"
    assert TabStops.parse(stops.attribute()) == stops
    assert TabStops.parse("0.00;0.00;") == TabStops(36.0, 0.0, ())  # Word's default stop


@pytest.mark.parametrize(
    "value",
    ["", "21", "21;x;", "21;0;100:right", "21;0;100:middle:none", "21;0;100:left:stars", "nan;0;"],
)
def test_a_malformed_tab_stops_hint_is_an_error(value: str) -> None:
    with pytest.raises(HintError):
        TabStops.parse(value)


def test_a_malformed_hint_in_the_html_stops_the_render() -> None:
    html = '<html><body><p data-rg-tabs="21;0;100:middle:none">a<span class="rg-tab">\t</span>b</p></body></html>'
    with pytest.raises(HintError, match="100:middle:none"):
        html_to_pdf(HtmlDocument(html, ""))
    assert not INSTALLATION.installed


def _read_hint(html: str, reader: Callable[[Any], float | None]) -> list[float | None]:
    """Return what `reader` makes of each text's computed style as WeasyPrint lays `html` out
    (-1.0 where it raises HintError)."""
    seen: list[float | None] = []
    original = inline.split_first_line

    def spy(text, style, *args, **kwargs):  # type: ignore[no-untyped-def]
        try:
            seen.append(reader(style))
        except HintError:
            seen.append(-1.0)
        return original(text, style, *args, **kwargs)

    inline.split_first_line = spy
    try:
        weasyprint.HTML(string=html).render()
    finally:
        inline.split_first_line = original
    return seen


def test_grid_cell_hint_is_read_from_the_computed_style() -> None:
    html = (
        f'<p>甲<span style="{grid_cell_declaration(15.6)}">2023</span>'
        f'<span style="--rg-grid-cell: wide">x</span></p>'
    )
    seen = _read_hint(html, grid_cell)
    assert grid_cell_declaration(15.6) == "--rg-grid-cell:15.600"
    assert None in seen
    assert 15.6 in seen
    assert -1.0 in seen
    with pytest.raises(HintError):
        grid_cell_declaration(0)


def test_synthetic_bold_hint_is_read_from_the_computed_style() -> None:
    """--rg-bold: the stroke in em (engine/bold.py); 0 means none, and is how a run that is not bold
    undoes its paragraph's (the property inherits); anything but a number is the converter's bug."""
    html = (
        f'<p style="{synthetic_bold_declaration(1 / 36)}">甲<span style="{synthetic_bold_declaration(0)}">乙</span>'
        '<span style="--rg-bold: thick">丙</span></p><p>丁</p>'
    )
    seen = _read_hint(html, synthetic_bold)
    assert synthetic_bold_declaration(1 / 36) == "--rg-bold:0.0278"
    assert seen.count(None) >= 2  # 乙 (0) and 丁 (not set)
    assert 0.0278 in seen
    assert -1.0 in seen
    with pytest.raises(HintError):
        synthetic_bold_declaration(-1)


def _options() -> LayoutOptions:
    return LayoutOptions()

"""`reportgen pdf` on any .docx, the optional LibreOffice engine, and a project's own font map."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from reportgen.cli import main
from reportgen.pdf import libreoffice
from reportgen.pipeline import RenderResult
from tests.conftest import pdftotext, squeeze


def test_a_hand_edited_report_converts_with_the_edit(
    rendered_2015: RenderResult, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edited = tmp_path / "edited.docx"
    document = docx.Document(str(rendered_2015.docx_path))
    document.paragraphs[3].text = "此段已由办公室人工修改。"
    document.save(str(edited))
    assert main(["pdf", str(edited), "-q"]) == 0
    out = tmp_path / "edited.pdf"
    assert "此段已由办公室人工修改。" in squeeze(pdftotext(out))
    assert capsys.readouterr().out == ""


def test_output_option_and_page_count_message(
    rendered_2015: RenderResult, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "sub" / "x.pdf"
    assert main(["pdf", str(rendered_2015.docx_path), "-o", str(out)]) == 0
    assert f"已写出 {out}（11 页）" in capsys.readouterr().out
    assert len(PdfReader(out).pages) == 11


def test_not_a_docx(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fake = tmp_path / "fake.docx"
    fake.write_text("not a word file", encoding="utf-8")
    assert main(["pdf", str(fake)]) == 1
    assert capsys.readouterr().err == f"错误：{fake}: 不是有效的 Word（.docx）文件，或文件已损坏\n"
    assert not (tmp_path / "fake.pdf").exists()


def test_libreoffice_engine(rendered_2015: RenderResult, tmp_path: Path) -> None:
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice is not installed (optional engine)")
    out = tmp_path / "lo.pdf"
    assert (
        main(["pdf", str(rendered_2015.docx_path), "-o", str(out), "--pdf-engine", "libreoffice", "-q"]) == 0
    )
    reader = PdfReader(out)
    assert "LibreOffice" in str(reader.metadata.producer)
    assert abs(len(reader.pages) - 11) <= 1


def test_missing_libreoffice_is_one_clear_message(
    rendered_2015: RenderResult,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(libreoffice, "soffice", lambda: None)
    code = main(
        ["pdf", str(rendered_2015.docx_path), "-o", str(tmp_path / "x.pdf"), "--pdf-engine", "libreoffice"]
    )
    assert code == 1
    assert capsys.readouterr().err == (
        "错误：没有安装 LibreOffice（soffice），无法使用 --pdf-engine libreoffice；不加此选项即用内置引擎\n"
    )
    assert not (tmp_path / "x.pdf").exists()


def test_a_project_font_map_is_picked_up(
    rendered_2015: RenderResult,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("fontmap.toml").write_text('[faces]\n"仿宋_GB2312" = ["LXGW WenKai"]\n', encoding="utf-8")
    assert main(["pdf", str(rendered_2015.docx_path), "-o", "x.pdf"]) == 0
    captured = capsys.readouterr()
    assert "仿宋_GB2312 → LXGW WenKai" in captured.out
    assert "仿宋" not in captured.err  # no approximation warning any more
    fonts = [
        str(f)
        for f in __import__("subprocess")
        .run(["pdffonts", "x.pdf"], capture_output=True, text=True)
        .stdout.split()
    ]
    assert any("LXGW-WenKai" in f for f in fonts)

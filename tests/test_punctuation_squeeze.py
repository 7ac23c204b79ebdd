"""Word squeezes full-width punctuation to take one more character on a line (issue 12).

Measured against the PDF Word made of a Chinese form in ../shared/wordpdf: the lines that hold one
character more than their natural width allows break where Word's do, and start where Word's start.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from docx import Document
from docx.shared import Pt

from reportgen.docx import docx_to_html
from reportgen.fonts import FontMap
from reportgen.pdf import html_to_pdf
from tests.conftest import pdftotext

ROOT = Path(__file__).resolve().parents[1]
FORM = ROOT.parent / "shared" / "wordpdf" / "ChineseResearchLaTeX" / "nsfc-young-2026"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>')

# Lines of page 1 that are wider than the text area at natural width: Word squeezes their
# punctuation (“，” by 6.1 pt in the third) rather than move the last character down.
SQUEEZED = [
    "参照以下提纲撰写，要求内容翔实、清晰，层次分明，标题突出。",
    "（提纲不做限制，请按照研究工作的自身逻辑撰写。应提炼出特",
    "的与本项目相关的科研项目情况，包括国家自然科学基金的项目和国",
]


def _lines(pdf: Path) -> dict[str, tuple[float, float]]:
    """Return page 1's printed lines (words joined) with the x of their first and last word."""
    rows: dict[float, list[tuple[float, float, str]]] = {}
    for x0, y0, x1, text in WORD.findall(pdftotext(pdf, "-bbox", "-f", "1", "-l", "1")):
        rows.setdefault(round(float(y0)), []).append((float(x0), float(x1), text))
    lines = {}
    for words in rows.values():
        words.sort()
        lines["".join(text for _, _, text in words)] = (words[0][0], words[-1][1])
    return lines


def _render(data: bytes, path: Path) -> Path:
    converted = docx_to_html(data, FontMap.load())
    path.write_bytes(html_to_pdf(converted.value).value.data)
    return path


def test_squeezed_lines_break_and_start_where_words_do(tmp_path: Path) -> None:
    if not FORM.with_suffix(".docx").is_file():
        pytest.skip(f"Word-made PDFs ({FORM.parent}) not available")
    word = _lines(FORM.with_suffix(".pdf"))
    ours = _lines(_render(FORM.with_suffix(".docx").read_bytes(), tmp_path / "ours.pdf"))
    for line in SQUEEZED:
        assert line in word
        assert line in ours, f"{line} is not a line of ours"
        # same start (tolerance 0.5 pt); the end within half an em (14 pt 楷体) of Word's: Word lets
        # half of a hanging “。” stick out, ours the whole mark
        assert ours[line][0] == pytest.approx(word[line][0], abs=0.5)
        assert ours[line][1] == pytest.approx(word[line][1], abs=7.5)


def _form(control: str | None) -> bytes:
    """A page of 14 pt text whose natural lines are a little too long for a 29th character."""
    document = Document()
    section = document.sections[0]
    section.left_margin = section.right_margin = Pt(90)
    text = "参照以下提纲撰写，要求内容翔实、清晰，层次分明，标题突出需要写的内容" * 4
    run = document.add_paragraph().add_run(text)
    run.font.size = Pt(14)
    run.font.name = "宋体"
    settings = document.settings.element
    for element in settings.findall(f"{W}characterSpacingControl"):  # python-docx's: doNotCompress
        settings.remove(element)
    if control is not None:
        element = settings.makeelement(f"{W}characterSpacingControl")
        element.set(f"{W}val", control)
        settings.append(element)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_compression_follows_the_setting(tmp_path: Path) -> None:
    right = 612 - 90  # Letter (python-docx's default page), 90 pt margins: 432 pt, 30.9 characters
    compressed = _lines(_render(_form("compressPunctuation"), tmp_path / "compressed.pdf"))
    plain = _lines(_render(_form("doNotCompress"), tmp_path / "plain.pdf"))
    assert _lines(_render(_form(None), tmp_path / "absent.pdf")) == compressed  # as in nsfc-young-2026
    # doNotCompress: 30 characters (420 pt) a line, one more only where a “，” hangs in the margin
    assert [len(line) for line in plain] == [30, 30, 30, 31, 15]
    assert [end for _, end in plain.values()][:3] == pytest.approx([right - 12] * 3, abs=0.1)
    # compressed: the 31st character (434 pt) comes up, the punctuation squeezed to the measure
    assert [len(line) for line in compressed] == [31, 31, 31, 31, 12]
    assert [end for _, end in compressed.values()][:4] == pytest.approx([right] * 4, abs=0.1)

"""Paragraph spacing measured against the PDFs Word made (../shared/wordpdf, issue 12)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reportgen.docx import docx_to_html
from reportgen.fonts import FontMap
from reportgen.pdf import html_to_pdf
from tests.conftest import ROOT, pdftotext

WORDPDF = ROOT.parent / "shared" / "wordpdf" / "docxide-pdf"
LINE = re.compile(r'<line xMin="[\d.]+" yMin="([\d.]+)"[^>]*>(.*?)</line>', re.S)
WORD = re.compile(r">([^<]*)</word>")

pytestmark = pytest.mark.skipif(
    not WORDPDF.is_dir(), reason="Word-made PDFs (../shared/wordpdf) not available"
)


def _tops(name: str, tmp_path: Path) -> tuple[dict[str, float], dict[str, float]]:
    """Return page 1's printed lines (their text → top) in Word's PDF of `name` and in ours."""
    source = WORDPDF / f"{name}.docx"
    ours = tmp_path / f"{name}.pdf"
    ours.write_bytes(html_to_pdf(docx_to_html(source.read_bytes(), FontMap.load()).value).value.data)
    return tuple(  # type: ignore[return-value]
        {
            " ".join(WORD.findall(words)): float(top)
            for top, words in LINE.findall(pdftotext(pdf, "-bbox-layout", "-f", "1", "-l", "1"))
        }
        for pdf in (WORDPDF / f"{name}.pdf", ours)
    )


def _top(lines: dict[str, float], start: str) -> float:
    return next(top for text, top in lines.items() if text.startswith(start))


def test_space_between_paragraphs_is_the_larger_of_after_and_before(tmp_path: Path) -> None:
    """case4: a body paragraph (8 pt after) and the heading “Background” (24 pt before, 0 after):
    Word leaves 24 pt between them, not 32. Measured between the body lines on either side of the
    heading (same face and size in both PDFs): Word 60.53 pt; within 0.5 pt (adding both: 68.5)."""
    word, ours = _tops("case4", tmp_path)
    first, second = "completed ahead of schedule.", "The project was initiated"
    word_gap = _top(word, second) - _top(word, first)
    assert word_gap == pytest.approx(60.53, abs=0.1)
    assert _top(ours, second) - _top(ours, first) == pytest.approx(word_gap, abs=0.5)

"""Layout measured against the PDFs Word made (../shared/wordpdf): line heights and spacing (issue 12)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reportgen.docx import docx_to_html
from reportgen.fonts import FontMap
from reportgen.pdf import html_to_pdf
from tests.conftest import ROOT, pdftotext

WORDPDF = ROOT.parent / "shared" / "wordpdf" / "docxide-pdf"
LINE = re.compile(r'<line xMin="[\d.]+" yMin="([\d.]+)"')

pytestmark = pytest.mark.skipif(
    not WORDPDF.is_dir(), reason="Word-made PDFs (../shared/wordpdf) not available"
)


def _tops(name: str, tmp_path: Path) -> tuple[list[float], list[float]]:
    """Return the tops of page 1's printed lines in Word's PDF of `name` and in ours."""
    source = WORDPDF / f"{name}.docx"
    ours = tmp_path / f"{name}.pdf"
    ours.write_bytes(html_to_pdf(docx_to_html(source.read_bytes(), FontMap.load()).value).value.data)
    word, mine = (
        [float(top) for top in LINE.findall(pdftotext(pdf, "-bbox-layout", "-f", "1", "-l", "1"))]
        for pdf in (WORDPDF / f"{name}.pdf", ours)
    )
    return word, mine


def test_auto_line_spacing_uses_the_fonts_single_line(tmp_path: Path) -> None:
    """case4: 12 pt Calibri (Carlito), line 276 auto: Word's lines are 12 × 1.2207 × 1.15 = 16.85 pt
    apart (Calibri's winAscent + winDescent), not 1.3 em × 1.15 = 17.94 pt."""
    word, ours = _tops("case4", tmp_path)
    # lines 2–5: the first paragraph's four lines (line 1 is the title)
    word_pitch = (word[4] - word[1]) / 3
    ours_pitch = (ours[4] - ours[1]) / 3
    assert word_pitch == pytest.approx(16.85, abs=0.1)
    assert ours_pitch == pytest.approx(word_pitch, abs=0.1)


def test_spacing_after_a_bordered_paragraph_lies_outside_its_border(tmp_path: Path) -> None:
    """case4's Title: a bottom border 4 pt below the text, then 15 pt after it (the rule itself
    prints at 108 pt in both PDFs). The first body line starts where Word's does, within 2.5 pt:
    ours is 2.2 pt lower, the shift that puts a Latin-only paragraph's baseline where an East Asian
    one's would be (paragraphs.py, _latin_baseline), which Word does not apply here."""
    word, ours = _tops("case4", tmp_path)
    assert ours[1] == pytest.approx(word[1], abs=2.5)


def test_a_face_without_a_metric_compatible_stand_in_keeps_words_line(tmp_path: Path) -> None:
    """case19: a list in Aptos (Word's default face since 2023; no free face has its metrics). The
    line is Aptos's as Word measures it — (winAscent + winDescent) / unitsPerEm of the Aptos Word
    embeds, 1.2847 em (fonts.WORD_LINES) — not the 1.3 em of the stand-in's default: the items
    are as far apart as Word's (0.1 pt)."""
    word, ours = _tops("case19", tmp_path)
    word_items, ours_items = word[2:8], ours[3:8]  # the items after the heading (ours: label apart)
    word_pitch = (word_items[-1] - word_items[0]) / (len(word_items) - 1)
    ours_pitch = (ours_items[-1] - ours_items[0]) / (len(ours_items) - 1)
    assert ours_pitch == pytest.approx(word_pitch, abs=0.1)

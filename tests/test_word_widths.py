"""Word's advance widths for faces without a width-compatible stand-in, Word's kerning, and where a
page's first paragraph starts — measured against the PDFs Word made (../shared/wordpdf, issue 12)."""

from __future__ import annotations

import io
import re
import statistics
from collections import defaultdict
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from reportgen.docx import docx_to_html
from reportgen.fonts import FittedFace, FontMap, installed_families, word_widths
from reportgen.pdf import html_to_pdf
from reportgen.pdf.faces import fitted_font
from tests.conftest import ROOT, pdftotext

WORDPDF = ROOT.parent / "shared" / "wordpdf" / "docxide-pdf"
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')
LINE = re.compile(r'<line xMin="[\d.]+" yMin="([\d.]+)"[^>]*>\s*<word[^>]*>([^<]*)</word>')
CALADEA = pytest.mark.skipif("Caladea" not in installed_families(), reason="Caladea is not installed")
CORPUS = pytest.mark.skipif(not WORDPDF.is_dir(), reason="Word-made PDFs (../shared/wordpdf) not available")
CAMBRIA = FittedFace("RG Cambria widths", "Cambria", "Caladea")


def _ours(name: str, tmp_path: Path) -> Path:
    source = WORDPDF / f"{name}.docx"
    out = tmp_path / f"{name}.pdf"
    out.write_bytes(html_to_pdf(docx_to_html(source.read_bytes(), FontMap.load()).value).value.data)
    return out


def _lines(pdf: Path) -> list[str]:
    """Return the PDF's printed lines, whitespace removed, empty ones dropped."""
    return [s for s in (re.sub(r"\s+", "", line) for line in pdftotext(pdf, "-layout").splitlines()) if s]


@CALADEA
def test_a_fitted_face_has_words_advances_and_a_name_of_its_own() -> None:
    """Caladea drawing Cambria: each character Word's PDFs show advances as Word's Cambria does
    (“e” 488/1000 em, Caladea's own 441); the copy is renamed (Caladea's licence reserves no name, but
    Carlito's and Liberation's do), has no kerning, and is the same bytes every time."""
    data = fitted_font(CAMBRIA, "regular")
    assert data is not None
    font = TTFont(io.BytesIO(data))
    units, cmap, metrics = font["head"].unitsPerEm, font.getBestCmap(), font["hmtx"].metrics
    table = word_widths()["Cambria"]["regular"]
    for char in "eaoT1 ":
        assert metrics[cmap[ord(char)]][0] == round(table[char] * units / 1000), char
    assert table["e"] == 488
    names = {record.nameID: record.toUnicode() for record in font["name"].names}
    assert names[1] == "RG Cambria widths"
    assert names[6] == "RGCambriawidths-Regular"
    assert not any("Caladea" in names[i] for i in (1, 3, 4, 6))
    assert "kern" not in font
    assert "GPOS" not in font
    fitted_font.cache_clear()
    assert fitted_font(CAMBRIA, "regular") == data


@CALADEA
def test_the_font_report_says_which_widths_lay_the_text_out() -> None:
    fonts = FontMap.load()
    assert fonts.fitted("Cambria") == CAMBRIA
    assert fonts.fitted("Calibri") is None  # Carlito has Calibri's widths
    assert fonts.report({"Cambria"}).value == ["Cambria → Caladea（字宽按 Word 的 Cambria）"]


@CORPUS
@CALADEA
def test_cambria_lines_break_where_words_do(tmp_path: Path) -> None:
    """case11: two pages of Cambria body text. Laid out with Caladea's own widths, 26 of Word's 70
    printed lines were ours; with Word's widths all 70 are, and the fitted face is what the PDF embeds."""
    ours = _ours("case11", tmp_path)
    assert _lines(ours) == _lines(WORDPDF / "case11.pdf")
    fonts = {
        str(font.get_object()["/BaseFont"]).split("+")[-1]
        for page in PdfReader(ours).pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert "RGCambriawidths" in fonts or "RG-Cambria-widths" in fonts, fonts


@CORPUS
@CALADEA
def test_cambria_words_end_where_words_do(tmp_path: Path) -> None:
    """case11's left-aligned lines: each line's last word ends within 1 pt of Word's (Caladea's own
    widths left them up to 40 pt short)."""
    ours = _ours("case11", tmp_path)
    ends = []
    for pdf in (WORDPDF / "case11.pdf", ours):
        lines = re.findall(r"<line .*?</line>", pdftotext(pdf, "-bbox-layout", "-f", "1", "-l", "1"), re.S)
        ends.append([float(WORD.findall(line)[-1][2]) for line in lines])
    word_ends, our_ends = ends
    assert len(our_ends) == len(word_ends)
    assert max(abs(a - b) for a, b in zip(our_ends, word_ends, strict=True)) <= 1.0


@CORPUS
def test_body_text_is_not_kerned(tmp_path: Path) -> None:
    """Word kerns only runs with w:kern from that size up; case15's 11 pt Calibri body has none. The
    same words in Word's PDF and ours (Carlito, Calibri's widths) differ by 0.07 pt on average
    without kerning, 0.18 pt with Pango's default kerning."""
    ours = _ours("case15", tmp_path)
    widths: list[dict[tuple[str, int], float]] = []
    for pdf in (WORDPDF / "case15.pdf", ours):
        found: dict[tuple[str, int], float] = defaultdict(float)
        for x_min, y_min, x_max, y_max, text in WORD.findall(pdftotext(pdf, "-bbox")):
            found.setdefault((text, round(float(y_max) - float(y_min))), float(x_max) - float(x_min))
        widths.append(found)
    common = widths[0].keys() & widths[1].keys()
    assert len(common) > 40
    assert statistics.mean(abs(widths[0][k] - widths[1][k]) for k in common) < 0.12


@CORPUS
@CALADEA
def test_a_heading_a_natural_break_moves_loses_its_space_before(tmp_path: Path) -> None:
    """case13, page 9: Word moves “Background and Context” (Heading 1, 24 pt before, kept with the
    next paragraphs) to the next page and drops its space before — it starts at the top margin. A
    named page (every section's) made WeasyPrint count each break as forced and keep the 24 pt.
    Within 3 pt: the rest is the baseline of Latin-only paragraphs (docs/converter.md)."""
    ours = _ours("case13", tmp_path)
    tops = []
    for pdf in (WORDPDF / "case13.pdf", ours):
        lines = LINE.findall(pdftotext(pdf, "-bbox-layout", "-f", "9", "-l", "9"))
        assert lines[0][1] == "Background", lines[:2]
        tops.append(float(lines[0][0]))
    assert tops[1] == pytest.approx(tops[0], abs=3)


@CORPUS
def test_a_pages_last_line_may_overhang_the_bottom_margin_by_its_extra_spacing(tmp_path: Path) -> None:
    """case4, 12 pt Calibri at 1.15 lines: Word ends page 1 with “Quality Metrics” and two lines of
    the paragraph after it — the last line's top plus its single line is 719.7 pt, within the 720 pt
    margin, though the whole 16.85 pt line ends at 721.9. Without the overhang the three lines went
    to page 2."""
    ours = _ours("case4", tmp_path)
    for pdf in (WORDPDF / "case4.pdf", ours):
        pages = pdftotext(pdf, "-layout").split("\f")
        last = [line.strip() for line in pages[0].splitlines() if line.strip()][-1]
        first = [line.strip() for line in pages[1].splitlines() if line.strip()][0]
        assert last.startswith("pipelines. Critical bugs"), (pdf.name, last)
        assert first.startswith("month to fewer than three"), (pdf.name, first)

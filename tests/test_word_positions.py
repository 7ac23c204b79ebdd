"""Text sits where Word puts it inside its lines: baselines measured against Word's PDFs (issue 12).

Word's PDFs of the Chinese forms (../shared/wordpdf/ChineseResearchLaTeX) beside ours, per printed
line: the baseline (the text matrix's y) and the start. Our line boxes were already as tall as
Word's, but the text inside them sat elsewhere: 1.8–2.9 pt high in exact lines (CSS centres the
stand-in's ascent and descent in the line, Word puts the baseline 0.8 of the line below its top),
1.0–1.6 pt low in grid lines (Word centres its own face, SimSun/KaiTi 0.859/0.141 em, not the
stand-in's: Noto Serif CJK's 1.151/0.286), and by the mark's size where the text is larger.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.test_punctuation_squeeze import _render

ROOT = Path(__file__).resolve().parents[1]
FORMS = ROOT.parent / "shared" / "wordpdf" / "ChineseResearchLaTeX"
TOLERANCE = 0.5
"""pt; Word for Mac places text on a 1/300-inch raster (0.24 pt steps)."""


def _lines(pdf: Path, page: int = 0) -> dict[str, tuple[float, float]]:
    """Return the page's printed lines (text without spaces) with their start x and baseline y (pt from the top)."""
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    sheet = reader.pages[page]
    height = float(sheet.mediabox.height)
    pieces: list[tuple[float, float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            # the text matrix's origin in page space: tm × cm (translation parts)
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            pieces.append((height - y, x, text))

    sheet.extract_text(visitor_text=visit)
    rows: dict[float, list[tuple[float, str]]] = {}
    for y, x, text in pieces:
        key = next((k for k in rows if abs(k - y) < 1.5), y)
        rows.setdefault(key, []).append((x, text))
    lines = {}
    for y, row in rows.items():
        row.sort()
        lines[re.sub(r"\s+", "", "".join(text for _, text in row))] = (row[0][0], y)
    return lines


CASES = {
    # exact 22 pt lines, 14 pt 楷体 (Word: baseline 17.6 pt below the line's top; ours was 15.7)
    "nsfc-young-2026": [
        ("参照以下提纲撰写，要求内容翔实、清晰，层次分明，标题突出。", True),
        ("（为什么要开展此项研究，研究的科学技术价值如何）", True),
        ("取得的研究工作成绩，研究风险的应对措施等）；", True),
    ],
    # exact 28.3 pt lines, 16 pt (ours was 1.4–2.9 pt high)
    "gxnsf-general": [
        ("（一）立项依据与研究内容（4000—8000字）：", True),
        ("4.本项目的特色与创新之处（创新点和科学意义）。", True),
    ],
    # grid lines (two pitches of 15.6 pt), 18 pt and 14 pt 宋体, and an exact line between them
    "gdnsf-general-2026": [
        ("广东省自然科学基金面上项目", True),
        ("申请人应当对使用的生成内容负责，应当全面如实声明使用情况，", True),
        ("（为什么要开展此项研究，研究的科学技术价值如何）", True),
    ],
    # a grid line of 14 pt text whose paragraph mark is 10.5 pt (Word centres the text, not the mark;
    # its first-line indent is not ours yet: x is not compared)
    "gdnsf-regional-young": [
        ("2、已具备的实验条件，尚缺少的实验条件和拟解决的途径。", False),
        ("填写申请人近期的主要工作业绩以及与本项目相关的研究工作积累）。", True),
    ],
}


@pytest.mark.parametrize("form", sorted(CASES))
def test_baselines_sit_where_words_do(form: str, tmp_path: Path) -> None:
    docx = FORMS / f"{form}.docx"
    if not docx.is_file():
        pytest.skip(f"Word-made PDFs ({FORMS}) not available")
    word = _lines(docx.with_suffix(".pdf"))
    ours = _lines(_render(docx.read_bytes(), tmp_path / "ours.pdf"))
    for line, compare_x in CASES[form]:
        assert line in word
        assert line in ours, f"{line} is not a line of ours"
        assert ours[line][1] == pytest.approx(word[line][1], abs=TOLERANCE), f"baseline of {line}"
        if compare_x:
            assert ours[line][0] == pytest.approx(word[line][0], abs=TOLERANCE), f"start of {line}"


DOCXIDE = ROOT.parent / "shared" / "wordpdf" / "docxide-pdf"


def _docxide(
    name: str, tmp_path: Path
) -> tuple[dict[str, tuple[float, float]], dict[str, tuple[float, float]]]:
    docx = DOCXIDE / f"{name}.docx"
    if not docx.is_file():
        pytest.skip(f"Word-made PDFs ({DOCXIDE}) not available")
    return _lines(docx.with_suffix(".pdf")), _lines(_render(docx.read_bytes(), tmp_path / "ours.pdf"))


@pytest.mark.parametrize("name", ["case11", "case15"])
def test_latin_auto_lines_have_their_baseline_an_ascent_below_the_top(name: str, tmp_path: Path) -> None:
    """Latin-only paragraphs in auto (1.15) lines off a line grid: Word puts the baseline the face's
    winAscent below the line's top and the rest of the line below (Cambria 0.950 em, case11; Calibri's
    metric-compatible Carlito 0.952, case15). Ours centred the stand-in in the line and then moved
    Latin-only text to an East Asian baseline: 1.55 pt low on case11, 1.0 on case15. Every line of
    page 1 that both PDFs print."""
    word, ours = _docxide(name, tmp_path)
    common = word.keys() & ours.keys()
    assert len(common) >= 10
    for line in common:
        assert ours[line][1] == pytest.approx(word[line][1], abs=TOLERANCE), f"baseline of {line}"


def test_a_column_break_starts_the_next_column(tmp_path: Path) -> None:
    """case21: two columns and a column break (w:br type=column) after the second paragraph. The
    right column starts with the paragraph after the break, at the top, as in Word; it was a line
    break, and WeasyPrint balanced the columns instead (two lines of the left column moved right)."""
    word, ours = _docxide("case21", tmp_path)
    first = "Thistextshouldappearinthesecondcolumn"
    assert word[first][1] == pytest.approx(word["Two-ColumnLayout"][1], abs=3)  # Word: the same top
    assert ours[first][0] == pytest.approx(word[first][0], abs=TOLERANCE)
    assert ours[first][1] == pytest.approx(word[first][1], abs=TOLERANCE)
    assert ours["appearsintherightcolumn."][0] == pytest.approx(word["appearsintherightcolumn."][0], abs=1)

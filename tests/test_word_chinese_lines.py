"""Chinese lines break where Word's do (issue 12): measured against Word's PDFs of the Chinese forms.

Each line below is a printed line of Word's PDF (../shared/wordpdf/ChineseResearchLaTeX) that ours
broke elsewhere: “等）；” came down with the ideograph before it (Word squeezes the line's marks to
keep the closing marks with the character it took), “30” was wider than KaiTi's half-width digits
(the LXGW WenKai stand-in's 0.6 em; LXGW WenKai Mono's 0.5 em as KaiTi), and a mark in an earlier
run of the line (“1．”) made no room for the last character.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_punctuation_squeeze import _lines, _render

ROOT = Path(__file__).resolve().parents[1]
FORMS = ROOT.parent / "shared" / "wordpdf" / "ChineseResearchLaTeX"

LINES = {
    "nsfc-young-2026": [
        "项目名称、获资助金额、起止年月、与本项目的关系及负责的内容等）；",
        "申请书正文原则上不超过30页，鼓励简洁表达。请勿删除或改动下",
    ],
    "nsfc-general-2026": [
        "1．研究基础与可行性分析（与本项目相关的研究工作积累和已取",
        # bold 楷体: Word emboldens KaiTi itself, each glyph 14.27 pt, and “述” goes down
        "申请书正文原则上不超过30页，鼓励简洁表达。请勿删除或改动下",
    ],
}


@pytest.mark.parametrize("form", sorted(LINES))
def test_lines_break_and_start_where_words_do(form: str, tmp_path: Path) -> None:
    docx = FORMS / f"{form}.docx"
    if not docx.is_file():
        pytest.skip(f"Word-made PDFs ({FORMS}) not available")
    word = _lines(docx.with_suffix(".pdf"))
    ours = _lines(_render(docx.read_bytes(), tmp_path / "ours.pdf"))
    for line in LINES[form]:
        assert line in word
        assert line in ours, f"{line} is not a line of ours"
        # same start (tolerance 0.5 pt); the end within half an em (14 pt 楷体) of Word's: Word
        # shares the squeeze among the marks otherwise, and lets half of a hanging mark stick out
        assert ours[line][0] == pytest.approx(word[line][0], abs=0.5)
        assert ours[line][1] == pytest.approx(word[line][1], abs=7.5)


def test_the_space_between_ideographs_and_figures_is_a_quarter_em(tmp_path: Path) -> None:
    """“（限500字）” in 14 pt 楷体, on the last line of its paragraph (not justified): Word leaves 3.5 pt
    (¼ em) between “限” and “500” and between “500” and “字” (LibreOffice: ⅕ em, 2.8 pt). pdftotext
    makes “500” a word of its own: the gaps around it. (“不超过30页” is on a justified line whose bold
    characters Word widens by 2 %: its spaces differ for that reason.)"""
    import re

    from tests.conftest import pdftotext

    docx = FORMS / "nsfc-young-2026.docx"
    if not docx.is_file():
        pytest.skip(f"Word-made PDFs ({FORMS}) not available")
    word_pattern = re.compile(r'xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<')

    def gaps(pdf: Path) -> tuple[float, float]:
        found = word_pattern.findall(pdftotext(pdf, "-bbox", "-f", "1", "-l", "1"))
        index = next(i for i, (_, _, text) in enumerate(found) if text == "500")
        before, figures, after = found[index - 1], found[index], found[index + 1]
        assert before[2].endswith("限")
        assert after[2].startswith("字")
        return float(figures[0]) - float(before[1]), float(after[0]) - float(figures[1])

    word = gaps(docx.with_suffix(".pdf"))
    ours = gaps(_render(docx.read_bytes(), tmp_path / "ours.pdf"))
    assert word == pytest.approx((3.5, 3.5), abs=0.1)
    assert ours == pytest.approx(word, abs=0.2)

"""How dark and in what colour text prints, against Word's PDF of a Chinese form (issue 12).

nsfc-young-2026 (../shared/wordpdf/ChineseResearchLaTeX): its paragraph marks are blue and bold, its
runs mostly neither; its titles are bold 楷体, which has no bold face, so Word emboldens it (the regular
glyphs filled and stroked). Measured on page images (pdftoppm, 144 dpi) inside each line's box
(pdftotext -bbox-layout).
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from tests.conftest import ROOT, pdftotext
from tests.test_punctuation_squeeze import _render

FORM = ROOT.parent / "shared" / "wordpdf" / "ChineseResearchLaTeX" / "nsfc-young-2026.docx"
DPI = 144
LINE = re.compile(r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</line>', re.S)

pytestmark = pytest.mark.skipif(not FORM.is_file(), reason="Word-made PDFs (../shared/wordpdf) not available")


def _pixels(pdf: Path, start: str, tmp_path: Path) -> list[tuple[int, int, int]]:
    """Return the RGB pixels of page 1 inside the box of the printed line that starts with `start`."""
    for found in LINE.finditer(pdftotext(pdf, "-bbox-layout", "-f", "1", "-l", "1")):
        if "".join(re.findall(r">([^<]*)</word>", found[5])).startswith(start):
            box = [float(v) * DPI / 72 for v in found.groups()[:4]]
            break
    else:
        raise AssertionError(f"no line starts with {start} in {pdf.name}")
    prefix = tmp_path / pdf.stem
    subprocess.run(
        ["pdftoppm", "-r", str(DPI), "-f", "1", "-l", "1", "-png", str(pdf), str(prefix)], check=True
    )
    with Image.open(f"{prefix}-1.png") as image:
        crop = image.convert("RGB").crop((int(box[0]), int(box[1]), int(box[2]) + 1, int(box[3]) + 1))
        return [crop.getpixel((x, y)) for y in range(crop.height) for x in range(crop.width)]


def _dark(pixels: list[tuple[int, int, int]]) -> float:
    return sum(sum(p) / 3 < 128 for p in pixels) / len(pixels)


def _blue(pixels: list[tuple[int, int, int]]) -> int:
    return sum(b > r + 60 and b > g + 30 for r, g, b in pixels)


def test_runs_without_a_colour_print_black_whatever_their_paragraph_mark(tmp_path: Path) -> None:
    """“参照以下提纲撰写…”: the mark is #0070C0, the runs have no colour — Word prints them black. The
    paragraph box had carried the mark's colour to them: 4932 blue pixels in the line."""
    ours = _render(FORM.read_bytes(), tmp_path / "ours.pdf")
    assert _blue(_pixels(FORM.with_suffix(".pdf"), "参照以下", tmp_path)) == 0
    assert _blue(_pixels(ours, "参照以下", tmp_path)) == 0


def test_bold_in_a_face_without_bold_is_stroked_as_word_does(tmp_path: Path) -> None:
    """The 16 pt bold 楷体 title “报告正文（2026版）”: Word draws KaiTi's regular glyphs with `2 Tr` and a
    0.44 pt line; so do we (LXGW WenKai Mono's regular glyphs). The share of dark pixels in the line's
    box is Word's within 15 % (now 1.09 of it; LXGW WenKai Mono's own bold face gave 0.69)."""
    ours = _render(FORM.read_bytes(), tmp_path / "ours.pdf")
    word_dark = _dark(_pixels(FORM.with_suffix(".pdf"), "报告正文", tmp_path))
    ours_dark = _dark(_pixels(ours, "报告正文", tmp_path))
    assert ours_dark == pytest.approx(word_dark, rel=0.15)
    content = PdfReader(ours).pages[0].get_contents().get_data()
    assert b"2 Tr" in content

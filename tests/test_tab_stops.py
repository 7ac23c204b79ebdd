"""Tab stops in the PDF: left, right, centre and decimal stops, leaders, default stops (tab_stops.py).

Each test makes a .docx with python-docx, converts it and measures the printed words with
pdftotext -bbox: positions count from the text column's left edge (72 pt here), as in Word.
"""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import docx
from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml.ns import qn
from docx.shared import Pt

from reportgen.docx import docx_to_html
from reportgen.fonts import FontMap
from reportgen.pdf import html_to_pdf
from tests.conftest import pdftotext

LEFT = 72.0


def document() -> docx.document.Document:
    doc = docx.Document()
    section = doc.sections[0]
    section.left_margin = section.right_margin = Pt(LEFT)
    section.page_width = Pt(2 * LEFT + 400)
    return doc


def add(doc: docx.document.Document, *runs: str, stops: tuple = ()) -> docx.text.paragraph.Paragraph:
    """Add a paragraph of 12 pt runs (仿宋_GB2312/Times New Roman) with the given tab stops."""
    p = doc.add_paragraph()
    p.paragraph_format.space_after = Pt(0)
    for position, alignment, leader in stops:
        p.paragraph_format.tab_stops.add_tab_stop(Pt(position), alignment, leader)
    for index, text in enumerate(runs):
        run = p.add_run(text)
        run.font.size = Pt(12)
        run.font.name = "Times New Roman"
        run.bold = bool(index % 2)  # separate runs stay separate text boxes
        run._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "仿宋_GB2312")
    return p


def words(doc: docx.document.Document, tmp_path: Path) -> list[tuple[str, float, float]]:
    """Return (word, x0, x1) of every printed word, x relative to the text column's left edge."""
    buffer = io.BytesIO()
    doc.save(buffer)
    converted = docx_to_html(buffer.getvalue(), FontMap.load())
    pdf = html_to_pdf(converted.value).value
    path = tmp_path / "tabs.pdf"
    path.write_bytes(pdf.data)
    out = tmp_path / "tabs.html"
    subprocess.run(["pdftotext", "-bbox", str(path), str(out)], check=True)
    found = re.findall(
        r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>([^<]*)<', out.read_text("utf-8")
    )
    return [(text, float(x0) - LEFT, float(x1) - LEFT) for x0, x1, text in found]


def test_right_stop_with_dot_leader(tmp_path: Path) -> None:
    """A table of contents line: the page number ends on the right stop, dots fill the gap."""
    doc = document()
    add(doc, "一、总体情况\t1", stops=((400, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS),))
    found = words(doc, tmp_path)
    number = [w for w in found if w[0].endswith("1")]
    assert number
    assert abs(number[-1][2] - 400) < 0.5
    text = pdftotext(tmp_path / "tabs.pdf")
    assert re.search(r"一、总体情况\s*\.{40,}\s*1", text)


def test_a_tab_counts_from_the_column_not_from_its_run(tmp_path: Path) -> None:
    """The tab after a bold run reaches the next default stop (36 pt) of the column: 5 ideographs
    (60 pt) then a tab → 72 pt; Pango alone measured it from the tab's own run start (96 pt)."""
    doc = document()
    add(doc, "一二三四五", "\t", "七")
    found = words(doc, tmp_path)
    seven = [w for w in found if "七" in w[0]]
    assert seven
    assert abs(seven[0][1] - 72) < 1


def test_left_centre_and_decimal_stops(tmp_path: Path) -> None:
    doc = document()
    stops = (
        (100, WD_TAB_ALIGNMENT.LEFT, WD_TAB_LEADER.SPACES),
        (200, WD_TAB_ALIGNMENT.CENTER, WD_TAB_LEADER.SPACES),
        (300, WD_TAB_ALIGNMENT.DECIMAL, WD_TAB_LEADER.SPACES),
    )
    add(doc, "序号\t网站运维\t年度\t1,048.25", stops=stops)
    add(doc, "序号\t平台\t一次性工作\t8.7", stops=stops)
    found = words(doc, tmp_path)
    starts = {text: (x0, x1) for text, x0, x1 in found}
    assert abs(starts["网站运维"][0] - 100) < 1
    assert abs(starts["平台"][0] - 100) < 1
    for text in ("年度", "一次性工作"):
        x0, x1 = starts[text]
        assert abs((x0 + x1) / 2 - 200) < 1
    # the decimal points line up on the stop: “1,048” and “8” end there
    big_x0, big_x1 = starts["1,048.25"]
    small_x0, small_x1 = starts["8.7"]
    assert abs(big_x0 + (big_x1 - big_x0) * 5 / 8 - 300) < 2  # “1,048” is 5 of 8 characters
    assert abs(small_x0 + (small_x1 - small_x0) / 3 - 300) < 2


def test_a_bar_stop_is_reported(tmp_path: Path) -> None:
    doc = document()
    p = add(doc, "甲\t乙")
    tabs = p._p.get_or_add_pPr()._add_tabs()
    tab = tabs._add_tab()
    tab.set(qn("w:val"), "bar")
    tab.set(qn("w:pos"), "2000")
    buffer = io.BytesIO()
    doc.save(buffer)
    converted = docx_to_html(buffer.getvalue(), FontMap.load())
    assert any("制表位" in w.message for w in converted.warnings)


def test_text_after_a_tab_is_broken_where_it_really_starts(tmp_path: Path) -> None:
    """5 ideographs (60 pt at 12 pt), a tab to the 72 pt default stop, then text: 27 more ideographs
    fit in the 400 pt line (Pango alone measured the tab 36 pt wide and fitted 25)."""
    doc = document()
    after = "六七八九十" * 6
    add(doc, "一二三四五\t" + after)
    words(doc, tmp_path)
    first = re.sub(r"\s+", "", pdftotext(tmp_path / "tabs.pdf", "-layout").splitlines()[0])
    assert first == "一二三四五" + after[:27]

"""Tables paginate like a typesetter's: read back from the PDF (pdftotext -bbox) and from the .docx.

The rules the national-2021 template sets (keepNext on the paragraphs of a row, cantSplit rows,
repeated header rows) and the converter honours (`break-after: avoid` on such a row):
- Table A breaks only between its four blocks: a caption row (“第二十条第（五）项”) never ends a page;
- Table B starts with its head and at least two data rows on one page (and ends with two rows);
- a column head breaks between words (“自然人” on one line, “社会/公益/组织”).

The sweeps move one table down the page in steps shorter than a table row (15.5 pt), so that
every row boundary meets the page foot once; each step is the filled report with everything but
the heading and the table removed and an empty paragraph of that height before them.
"""

from __future__ import annotations

import copy
import io
import re
import subprocess
from pathlib import Path

import docx
import pytest
from docx.document import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from reportgen.docx import docx_to_html
from reportgen.fonts import FontMap
from reportgen.pdf import html_to_pdf
from reportgen.pipeline import Produced, produce
from tests.conftest import ROOT

INPUT = ROOT / "inputs" / "2024-huaian.json"
TEMPLATE = ROOT / "src" / "reportgen" / "templates" / "national-2021.docx"
STEP = 15.0
"""Sweep step (pt): shorter than one table row, so no row boundary is stepped over."""
CAPTIONS = ("第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项")
A_ROWS = (
    *CAPTIONS,
    "信息内容",
    "规章",
    "行政规范性文件",
    "行政许可",
    "行政处罚",
    "行政强制",
    "行政事业性收费",
)
B_HEAD, B_FIRST, B_SECOND = (
    "申请人情况",
    "一、本年新收政府信息公开申请数量",
    "二、上年结转政府信息公开申请数量",
)
HEADING_B = "三、收到和处理政府信息公开申请情况"

Word = tuple[int, float, str]
"""A word of the PDF: page (from 1), top (pt from the page's top), text."""


def words(pdf: bytes | Path) -> list[Word]:
    """Return the PDF's words with their page and top, in page and reading order (pdftotext -bbox)."""
    source = str(pdf) if isinstance(pdf, Path) else "-"
    data = None if isinstance(pdf, Path) else pdf
    html = subprocess.run(
        ["pdftotext", "-bbox", source, "-"], input=data, capture_output=True, check=True
    ).stdout.decode("utf-8")
    found = []
    for page, text in enumerate(html.split("<page ")[1:], 1):
        for m in re.finditer(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">([^<]*)</word>', text):
            found.append((page, float(m[1]), m[2]))
    return found


def page_of(found: list[Word], text: str) -> int:
    """Return the page of the first word that is exactly `text`."""
    return next(page for page, _, word in found if word == text)


@pytest.fixture(scope="module")
def huaian() -> Produced:
    return produce(INPUT, TEMPLATE)


def sweep(filled: bytes, index: int, start: float, stop: float, rows: int = 0) -> list[list[Word]]:
    """Return, for each spacer height from `start` to `stop` by STEP, the words of table `index` and
    the heading before it set that far down a page (page 1 is the page the spacer is on).

    One PDF holds every step: each starts a page with a paragraph of the spacer's height, whose
    text marks the step, then the heading and the table, copied from the filled report (its first
    `rows` rows only, when given: where a table starts does not depend on its last rows).
    """
    document: Document = docx.Document(io.BytesIO(filled))
    body = document.element.body
    table = body.findall(qn("w:tbl"))[index]
    heading = table.getprevious()
    section = body.find(qn("w:sectPr"))
    for tr in table.findall(qn("w:tr"))[rows:] if rows else []:
        table.remove(tr)
    for el in list(body):
        if el is not section:
            body.remove(el)
    heights = [start + STEP * n for n in range(int((stop - start) / STEP) + 1)]
    for n, height in enumerate(heights):
        spacing = f'<w:spacing w:before="0" w:after="0" w:line="{round(height * 20)}" w:lineRule="exact"/>'
        spacer = (
            f'<w:p {nsdecls("w")}><w:pPr><w:pageBreakBefore/><w:snapToGrid w:val="0"/>{spacing}</w:pPr>'
            f"<w:r><w:t>STEP{n}</w:t></w:r></w:p>"
        )
        section.addprevious(parse_xml(spacer))
        section.addprevious(copy.deepcopy(heading))
        section.addprevious(copy.deepcopy(table))
    out = io.BytesIO()
    document.save(out)
    found = words(html_to_pdf(docx_to_html(out.getvalue(), FontMap.load()).value).value.data)
    steps: list[list[Word]] = [[] for _ in heights]
    first_page = 0
    for page, top, word in sorted(found):
        if word.startswith("STEP"):
            n, first_page = int(word[4:]), page
        else:
            steps[n].append((page - first_page + 1, top, word))
    return steps


def test_table_b_starts_with_its_head_and_two_data_rows(huaian: Produced) -> None:
    found = words(huaian.pdf.data)
    head = page_of(found, B_HEAD)
    assert [page_of(found, text) for text in (HEADING_B, B_FIRST, B_SECOND)] == [head] * 3


def test_natural_person_is_one_word_on_every_page_of_table_b(huaian: Produced) -> None:
    found = words(huaian.pdf.data)
    head_pages = sorted({page for page, _, word in found if word == B_HEAD})
    assert len(head_pages) == 2  # the head repeats where the table goes on
    assert sorted(page for page, _, word in found if word == "自然人") == head_pages
    assert [word for _, _, word in found if word in ("自然", "人", "自", "然人")] == []
    lines = ["商业", "企业", "科研", "机构", "社会", "公益", "组织", "法律", "服务", "机构"]  # a word a line
    assert sorted(word for _, _, word in found if word in lines) == sorted(lines * 2)


def test_table_a_breaks_only_between_blocks_and_no_page_ends_with_a_caption(huaian: Produced) -> None:
    pages_per_step = []
    for found in sweep(huaian.docx, 0, 380, 575):
        rows = sorted((page, top, word) for page, top, word in found if word in A_ROWS)
        assert len(rows) == 14
        blocks: list[list[int]] = []
        for page, _, word in rows:
            if word in CAPTIONS:
                blocks.append([])
            blocks[-1].append(page)
        assert all(len(set(block)) == 1 for block in blocks), rows  # a caption's page is its rows' page
        pages_per_step.append({page for page, _, _ in rows})
    assert {1, 2} in pages_per_step  # the sweep crossed the page foot
    assert {2} in pages_per_step


def test_table_b_never_starts_with_fewer_than_two_data_rows(huaian: Produced) -> None:
    starts = []
    for found in sweep(huaian.docx, 1, 470, 590, rows=9):
        head = page_of(found, B_HEAD)
        assert [page_of(found, text) for text in (HEADING_B, B_FIRST, B_SECOND)] == [head] * 3
        starts.append(head)
    assert starts[0] == 1  # the sweep crossed the page foot
    assert starts[-1] == 2


def keeps(row: object) -> bool:
    """Return whether every paragraph of a python-docx row has w:keepNext."""
    paragraphs = row._tr.iter(qn("w:p"))  # type: ignore[attr-defined]
    return all(p.find(f"{qn('w:pPr')}/{qn('w:keepNext')}") is not None for p in paragraphs)


def test_the_filled_template_keeps_rows_together_where_the_rules_say(huaian: Produced) -> None:
    a, b, c = docx.Document(io.BytesIO(huaian.docx)).tables
    for table in (a, b, c):
        assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows)
    # Table A: every row of a block but its last keeps with the next
    assert [keeps(row) for row in a.rows] == [True, True, True, False] + [True, True, False] + [
        True,
        True,
        True,
        False,
    ] + [True, True, False]
    # Table B: the three header rows (repeated), 一 with 二, two rows of each group at a break, （七） with 四
    header = [row._tr.trPr.find(qn("w:tblHeader")) is not None for row in b.rows]
    assert header == [True] * 3 + [False] * 25
    groups = [True, False, False, False, False, False, True, False]  # （三）: 8 rows
    groups += [True, True, False] + [True, False, False, True, False] + [True, True, False]
    assert [keeps(row) for row in b.rows] == [True] * 3 + [True, False, True, False, *groups, True, False]
    assert [keeps(row) for row in c.rows] == [True] * 3 + [False]

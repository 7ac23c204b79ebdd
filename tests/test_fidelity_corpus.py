"""The fidelity corpus (tests/resources/fidelity/): every file converts to the pages it must have, every
warning names its place.

Fidelity figures (identical pages and lines against LibreOffice) live in bench/fidelity.py, not here.
"""

from __future__ import annotations

import importlib.util
import sys
import zipfile
from pathlib import Path
from types import ModuleType

import pytest

from reportgen.docx import docx_to_html
from reportgen.errors import Problem
from reportgen.fonts import FontMap
from reportgen.pdf import html_to_pdf
from tests.conftest import resource_path

FIDELITY = resource_path("fidelity")
CORPUS = sorted(FIDELITY.glob("*.docx"))
PAGES = {
    # LibreOffice 7.4's page count of each file (README, “转换保真度”: the LO pages column), the
    # benchmark's target, where LibreOffice lays out as Word does ...
    "docgrid-chars.docx": 2,
    "docgrid-lines.docx": 3,
    "fonts-eastasia-ascii.docx": 4,
    "fonts-theme.docx": 4,
    "footnotes.docx": 3,
    "headers-footers-first-odd-even.docx": 5,
    "hyperlinks.docx": 3,
    "images-inline.docx": 3,
    "line-spacing-rules.docx": 5,
    "lists-numbered.docx": 5,
    "pagination-keep-breaks.docx": 11,
    "paragraphs-alignment.docx": 3,
    "paragraphs-indents.docx": 3,
    "paragraphs-spacing.docx": 5,
    "report-annual-mixed.docx": 4,
    "runs-character-formatting.docx": 4,
    "sections-breaks.docx": 8,  # = 1 + 4 page breaks + 3 sections starting on a new page
    "sections-landscape.docx": 3,
    "sections-page-sizes.docx": 5,
    "styles-inheritance.docx": 5,
    "tables-header-rows-cantsplit.docx": 3,
    "tables-merged-cells.docx": 2,
    "tables-style-borders-shading.docx": 2,
    "tabs-leaders.docx": 2,
    # ... and Word's where LibreOffice departs from it (bench/fidelity.py LIBREOFFICE_DEPARTS)
    "lists-bulleted.docx": 7,  # LO 6: it makes each first line on the grid shorter, Word does not
    "tables-widths-margins.docx": 3,  # LO 2: it hides the cells beyond the table grid, Word prints them
}
"""The pages each corpus file must print: one more or one fewer is a layout regression."""


def _make_corpus() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_corpus", FIDELITY / "make_corpus.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def fonts() -> FontMap:
    return FontMap.load()


def unplaced(warnings: list[Problem]) -> list[Problem]:
    """Return the warnings that do not say where in the document they arise."""
    return [problem for problem in warnings if not problem.location.strip()]


def test_corpus_has_at_least_20_files() -> None:
    assert len(CORPUS) >= 20


def explicit_page_starts(path: Path) -> int:
    """Return how many pages a .docx starts explicitly: page breaks, w:pageBreakBefore paragraphs,
    and sections after the first that do not start continuous."""
    from xml.etree import ElementTree

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(path) as package:
        body = ElementTree.fromstring(package.read("word/document.xml"))
    breaks = sum(br.get(f"{w}type") == "page" for br in body.iter(f"{w}br"))
    before = sum(el.get(f"{w}val", "1") not in ("0", "false") for el in body.iter(f"{w}pageBreakBefore"))
    starts = [sect.find(f"{w}type") for sect in body.iter(f"{w}sectPr")][1:]
    sections = sum(start is None or start.get(f"{w}val") != "continuous" for start in starts)
    return breaks + before + sections


def test_every_corpus_file_has_its_page_count_with_a_page_for_each_explicit_break() -> None:
    assert sorted(PAGES) == [path.name for path in CORPUS]
    too_few = [path.name for path in CORPUS if PAGES[path.name] < 1 + explicit_page_starts(path)]
    assert too_few == []
    assert explicit_page_starts(FIDELITY / "sections-breaks.docx") == 7


@pytest.mark.parametrize("path", CORPUS, ids=lambda path: path.stem)
def test_corpus_file_converts_to_its_pages_and_every_warning_names_a_place(
    path: Path, fonts: FontMap
) -> None:
    converted = docx_to_html(path.read_bytes(), fonts, source=path)
    made = html_to_pdf(converted.value)
    pdf, pdf_warnings = made.value, made.warnings
    font_warnings = fonts.report(converted.value.faces).warnings

    assert pdf.pages == PAGES[path.name]
    assert unplaced(converted.warnings + pdf_warnings + font_warnings) == []


def test_a_warning_without_a_place_is_caught() -> None:
    assert unplaced([Problem("正文第 3 段", "x"), Problem(" ", "y")]) == [Problem(" ", "y")]


def test_committed_corpus_is_what_make_corpus_writes(tmp_path: Path) -> None:
    make_corpus = _make_corpus()
    assert make_corpus.main(["--out", str(tmp_path)]) == 0
    written = sorted(tmp_path.glob("*.docx"))
    assert [p.name for p in written] == [p.name for p in CORPUS]
    for fresh in written:
        with zipfile.ZipFile(fresh) as new, zipfile.ZipFile(FIDELITY / fresh.name) as old:
            assert new.namelist() == old.namelist(), fresh.name
            changed = [n for n in new.namelist() if new.read(n) != old.read(n)]
            assert changed == [], f"{fresh.name}: run make_corpus.py and commit ({changed})"


def _bench() -> ModuleType:
    path = Path(__file__).resolve().parents[1] / "bench" / "fidelity.py"
    spec = importlib.util.spec_from_file_location("fidelity_bench", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["fidelity_bench"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_benchmark_forgives_only_hanging_punctuation_libreoffice_dropped() -> None:
    bench = _bench()
    assert bench.same_but_dropped("电子屏、公示栏", "电子屏公示栏")
    assert bench.same_but_dropped("近期，针对", "近期，针对")
    assert not bench.same_but_dropped("方案》的要求", "方案的要求")  # 》 does not hang
    assert not bench.same_but_dropped("电子屏、公示栏", "电子屏、公示")
    assert not bench.same_but_dropped("电子屏公示栏", "电子屏、公示栏")  # only LibreOffice drops


def test_benchmark_counts_identical_lines_in_order() -> None:
    bench = _bench()
    assert bench.same_lines(["甲", "乙", "丙"], ["甲", "乙", "丙"]) == 3
    assert bench.same_lines(["甲", "乙丙"], ["甲乙", "丙"]) == 0
    assert bench.same_lines(["甲", "乙", "丁"], ["甲", "丙", "丁"]) == 2


def test_every_file_where_libreoffice_departs_from_word_is_in_the_corpus_with_a_reason() -> None:
    bench = _bench()
    names = {path.name for path in CORPUS}
    assert set(bench.LIBREOFFICE_DEPARTS) <= names
    assert all(reason.strip() for reason in bench.LIBREOFFICE_DEPARTS.values())
    assert len(names - set(bench.LIBREOFFICE_DEPARTS)) >= 15  # most of the corpus is still measured

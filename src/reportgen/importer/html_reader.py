"""A web page → the neutral Document: its text as paragraphs, its data tables as grids.

Government sites publish the report as an HTML page inside menus, breadcrumbs and footers, often
in GBK and often inside layout tables. The page is read from the file alone: no script runs, no
link, picture or style sheet is fetched (lxml's parser with network access off). A table that
holds another table is layout and read as text; a table without one is data, its `rowspan` and
`colspan` expanded into a grid. What lies around the report is left out by the matcher (prose.py).
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import Any

import lxml.html
from lxml import etree

from reportgen.errors import InputError, Problem
from reportgen.i18n import t
from reportgen.importer.document import GRID_CELLS, Cell, Document, Paragraph, Table, grid

HTML_BYTES = 20 * 2**20
"""The largest web page read (a report's page is 50–500 KB)."""

SKIPPED = frozenset(
    {"head", "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math",
     "select", "option", "button", "input", "textarea", "nav", "map", "canvas", "audio", "video"}
)  # fmt: skip
BLOCKS = frozenset(
    {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "section",
     "article", "main", "header", "footer", "aside", "blockquote", "pre", "center", "figure",
     "figcaption", "address", "form", "fieldset", "table", "tr", "td", "th", "tbody", "thead",
     "tfoot", "caption", "hr", "body", "html"}
)  # fmt: skip
BOLD_TAGS = frozenset({"b", "strong"})
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_SPACE = re.compile(r"[ \t\r\n\f\xa0\u3000]+")
_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f"
_CJK_BREAK = re.compile(rf"(?<=[{_CJK}])[ \t\r\f]*\n[ \t\r\n\f]*(?=[{_CJK}])")


def read_html(data: bytes, path: Path) -> tuple[Document, list[Problem]]:
    """Return the neutral Document of a web page and what reading it noticed (a guessed encoding).

    Raise InputError when the page is too large or holds no HTML.
    """
    if len(data) > HTML_BYTES:
        problem = Problem(
            "",
            t("文件 {size} MB，上限 {limit} MB", size=f"{len(data) / 2**20:.1f}", limit=HTML_BYTES // 2**20),
        )
        raise InputError(t("网页文件超出限制"), path=path, problems=[problem])
    text, warnings = _decode(data)
    try:
        parser = lxml.html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True, huge_tree=False)
        root = lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(t("不是有效的网页（HTML）文件"), path=path) from exc
    title = root.find(".//title")
    page_title = _SPACE.sub(" ", title.text_content()).strip() if title is not None else ""
    reader = _Reader()
    reader.walk(root, bold=False, align="")
    reader.flush()
    return Document(reader.out, web=True, page_title=page_title), warnings


def _decode(data: bytes) -> tuple[str, list[Problem]]:
    """Return the page's text: by its BOM, else its <meta charset>, else UTF-8, else GB18030."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), []
    declared = _CHARSET.search(data[:4096])
    candidates = ["utf-8", "gb18030"]
    if declared:
        name = declared.group(1).decode("ascii").lower()
        name = "gb18030" if name in ("gb2312", "gbk", "x-gbk", "gb_2312-80") else name
        try:
            candidates.insert(0, codecs.lookup(name).name)
        except LookupError:
            pass
    for encoding in dict.fromkeys(candidates):
        try:
            return data.decode(encoding), []
        except UnicodeDecodeError:
            continue
    problem = Problem("", t("网页的编码既不是 UTF-8 也不是 GB18030，无法识别的字节换成了 �"))
    return data.decode("utf-8", errors="replace"), [problem]


def _text(text: str) -> str:
    """Return HTML text as displayed: a line break between Chinese characters vanishes (CSS's
    segment break rule), other runs of white space become one space."""
    return _SPACE.sub(" ", _CJK_BREAK.sub("", text))


def _style(element: Any, name: str) -> str:
    match = re.search(rf"(?:^|;)\s*{name}\s*:\s*([^;]+)", element.get("style") or "", re.IGNORECASE)
    return match.group(1).strip().lower() if match else ""


def _hidden(element: Any) -> bool:
    return element.get("hidden") is not None or _style(element, "display") == "none"


def _bold(element: Any, inherited: bool) -> bool:
    if element.tag in BOLD_TAGS or element.tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
        return True
    weight = _style(element, "font-weight")
    if weight:
        return weight in ("bold", "bolder") or (weight.isdigit() and int(weight) >= 600)
    return inherited


class _Reader:
    def __init__(self) -> None:
        self.out: list[Paragraph | Table] = []
        self.parts: list[tuple[str, bool]] = []
        self.role, self.align, self.pictures = "", "", 0
        self.paragraphs = self.tables = 0

    def flush(self) -> None:
        text = _text("".join(part for part, _ in self.parts)).strip()
        if text or self.pictures:
            lead = ""
            for part, bold in self.parts:
                if not part.strip():
                    lead += part
                    continue
                if not bold:
                    break
                lead += part
            self.paragraphs += 1
            where = t("第 {n} 段", n=self.paragraphs)
            self.out.append(Paragraph(text, where, _text(lead).strip(), self.role, self.align, self.pictures))
        self.parts, self.role, self.align, self.pictures = [], "", "", 0

    def walk(self, element: Any, bold: bool, align: str) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in SKIPPED or _hidden(element):
            self._tail(element, bold)
            return
        block = tag in BLOCKS
        align = {"center": "center", "right": "right"}.get(
            _style(element, "text-align") or (element.get("align") or "").lower(), align
        )
        if block:
            self.flush()
            self.align = align
            if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                self.role = "heading"
        if tag == "table" and element.find(".//table") is None:
            self.tables += 1
            self.out.append(self._table(element, t("第 {n} 个表格", n=self.tables)))
        elif tag == "br":
            self.flush()
            self.align = align
        else:
            if tag == "img":
                self.pictures += 1
            inner = _bold(element, bold)
            if element.text:
                self.parts.append((element.text, inner))
            for item in element:
                self.walk(item, inner, align)
        if block:
            self.flush()
        self._tail(element, bold)

    def _tail(self, element: Any, bold: bool) -> None:
        if element.tail:
            self.parts.append((element.tail, bold))

    def _table(self, table: Any, where: str) -> Table:
        rows: list[list[tuple[Cell, int, int]]] = []
        for tr in table.iter("tr"):
            cells = []
            for td in tr:
                if td.tag not in ("td", "th") or _hidden(td):
                    continue
                text = _text(td.text_content()).strip()
                cells.append(
                    (Cell(text, 0, 0), _span(td.get("rowspan"), 65534), _span(td.get("colspan"), 1000))
                )
            rows.append(cells)
        area = sum(
            min(rowspan, len(rows) - r) * colspan
            for r, cells in enumerate(rows)
            for _, rowspan, colspan in cells
        )
        if area > GRID_CELLS:  # a hostile span: no report table comes near it
            return Table([], where)
        expanded = grid(rows, GRID_CELLS)
        return Table(expanded, where)


def _span(value: str | None, limit: int) -> int:
    try:
        return max(1, min(int((value or "1").strip()), limit))
    except ValueError:
        return 1

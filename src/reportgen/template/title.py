"""The title's lines fitted to the template's title line: broken at natural places, warned where none is.

A title line that does not fit one printed line is wrapped by Word wherever the line is full, which
leaves one or two characters alone (“…工作年度报” / “告”). GB/T 9704 asks for lines broken where the
meaning allows and set symmetrically, so a line too long for the template's title line is broken
here, before the template is filled: after the issuer or before the year (“淮安市人民政府办公室” /
“2024年政府信息公开工作年度报告”), else before “年度报告”; several breaks when one is not enough,
the fewest lines first, then the most even. A piece with no such place is left to Word, with a warning.

How much a line holds is measured from the template, not assumed: the paragraph that prints a title
line (the one after `{%p for … in title_lines %}`), its style's font size and character spacing
(w:sz, w:spacing, through basedOn and docDefaults; the run's own formatting first), its indents,
and its section's page width and margins. A character is measured as the fonts draw it: a Chinese
character or full-width mark is one em; a digit half an em (Times New Roman's figures; other Latin
letters are counted the same, an approximation); a space a quarter em. A character grid
(w:docGrid linesAndChars) and columns are not taken into account (the default templates have neither).
"""

from __future__ import annotations

import io
import math
import re
import unicodedata
import zipfile
from dataclasses import dataclass

from lxml import etree

from reportgen.docx.package import safe_parser
from reportgen.errors import Problem, Result
from reportgen.i18n import language, t
from reportgen.input.model.common import ReportHeader

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
LOOP = re.compile(r"\{%-?\s*p?\s*for\s+\w+\s+in\s+title_lines\b")
REPORT = "年度报告"
RANKS = {"issuer": 0, "year": 0, "report": 1}
"""Natural places to break, best first: after the issuer or before the year, then before “年度报告”."""


@dataclass(frozen=True)
class TitleLine:
    """One printed title line of a template: its width and the type set on it (points)."""

    width: float
    size: float
    spacing: float = 0.0
    """Added after every character (w:spacing)."""

    def measure(self, text: str) -> float:
        """Return the width `text` takes on the line (pt)."""
        ems = sum(_em(ch) for ch in text)
        return ems * self.size + len(text) * self.spacing

    def fits(self, text: str) -> bool:
        return self.measure(text) <= self.width + 0.01

    @property
    def capacity(self) -> int:
        """Return how many Chinese characters one line holds."""
        return math.floor((self.width + 0.01) / (self.size + self.spacing))


def _em(ch: str) -> float:
    if unicodedata.east_asian_width(ch) in "WFA":
        return 1.0
    return 0.25 if ch == " " else 0.5


def title_line(docx: bytes) -> TitleLine | None:
    """Return the title line of a .docx template, or None when no paragraph prints `title_lines`."""
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        parser = safe_parser()  # no entities, no DTD, no network
        document = etree.fromstring(package.read("word/document.xml"), parser)
        styles = None
        if "word/styles.xml" in package.namelist():
            styles = etree.fromstring(package.read("word/styles.xml"), parser)
    paragraphs = document.findall(".//w:body//w:p", NS)
    for index, p in enumerate(paragraphs[:-1]):
        if LOOP.search("".join(p.itertext())):
            return _measure(paragraphs[index + 1], _Styles(styles))
    return None


class _Styles:
    """Formatting looked up the way Word does: direct, then the style and its basedOn chain, then docDefaults."""

    def __init__(self, styles: etree._Element | None) -> None:
        self.by_id: dict[str | None, etree._Element] = {}
        self.default_para: str | None = None
        self.defaults: dict[str, etree._Element] = {}
        if styles is None:
            return
        for style in styles.findall("w:style", NS):
            self.by_id[style.get(_w("styleId"))] = style
            if style.get(_w("type")) == "paragraph" and style.get(_w("default")) in ("1", "true"):
                self.default_para = style.get(_w("styleId"))
        for kind in ("rPr", "pPr"):
            found = styles.find(f"w:docDefaults/w:{kind}Default/w:{kind}", NS)
            if found is not None:
                self.defaults[kind] = found

    def sources(
        self, kind: str, direct: etree._Element | None, style_id: str | None, defaults: bool = True
    ) -> list[etree._Element]:
        """Return the w:rPr or w:pPr elements that format something, nearest first."""
        out = [direct] if direct is not None else []
        seen: list[etree._Element] = []
        while style_id in self.by_id and self.by_id[style_id] not in seen:
            style = self.by_id[style_id]
            seen.append(style)
            props = style.find(f"w:{kind}", NS)
            if props is not None:
                out.append(props)
            based = style.find("w:basedOn", NS)
            style_id = based.get(_w("val")) if based is not None else None
        return out + [self.defaults[kind]] if defaults and kind in self.defaults else out


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


def _value(sources: list[etree._Element], tag: str, *attrs: str) -> float | None:
    """Return the first of `attrs` that the nearest source setting it gives `tag`, as a number."""
    for source in sources:
        el = source.find(f"w:{tag}", NS)
        for attr in attrs if el is not None else ():
            value = el.get(_w(attr))
            if value is not None:
                try:
                    return float(value)
                except ValueError:
                    continue
    return None


def _measure(p: etree._Element, styles: _Styles) -> TitleLine:
    ppr = p.find("w:pPr", NS)
    style = p.find("w:pPr/w:pStyle", NS)
    style_id = style.get(_w("val")) if style is not None else styles.default_para
    run = next((r for r in p.findall("w:r", NS) if r.find("w:t", NS) is not None), None)
    rpr = run.find("w:rPr", NS) if run is not None else None
    run_style = rpr.find("w:rStyle", NS) if rpr is not None else None
    run_style_id = run_style.get(_w("val")) if run_style is not None else None
    rprs = styles.sources("rPr", rpr, run_style_id, defaults=False) + styles.sources("rPr", None, style_id)
    pprs = styles.sources("pPr", ppr, style_id)
    size = (_value(rprs, "sz", "val") or 20) / 2  # half-points; Word's default is 10 pt
    spacing = (_value(rprs, "spacing", "val") or 0) / 20  # twentieths of a point
    indent = 0.0
    for side, alias in (("left", "start"), ("right", "end")):
        chars = _value(pprs, "ind", f"{side}Chars", f"{alias}Chars")
        twips = _value(pprs, "ind", side, alias) or 0
        indent += chars / 100 * size if chars else twips / 20
    found = p.xpath("following::w:sectPr[1]", namespaces=NS) or p.xpath("//w:body/w:sectPr", namespaces=NS)
    sect = found[0] if found else etree.Element(_w("sectPr"))
    width = _value([sect], "pgSz", "w") or 11906  # A4 when unset
    for side in ("left", "right", "gutter"):
        width -= _value([sect], "pgMar", side) or 0
    return TitleLine(width / 20 - indent, size, spacing)


def fit_title(report: ReportHeader, line: TitleLine | None) -> Result[list[str]]:
    """Return the report's title lines, each broken where it is too long for the template's title line.

    A line with no natural place that makes every piece fit is broken at the places it has (after
    the issuer, before the year) and each piece still too long is warned about with its JSON path:
    Word wraps it wherever the line is full. Without a measured line (no title paragraph in the
    template) the lines are as written.
    """
    lines = report.resolved_title_lines()
    if line is None:
        return Result(lines)
    out: list[str] = []
    warnings = []
    for index, text in enumerate(lines):
        broken = _break(text, line, report)
        if broken is not None:
            out += broken[0]
            continue
        pieces = _split(text, [pos for pos, rank in _places(text, report) if rank == 0])
        warnings += [_too_long(report, index, piece, line) for piece in pieces if not line.fits(piece)]
        out += pieces
    return Result(out, warnings)


def _too_long(report: ReportHeader, index: int, piece: str, line: TitleLine) -> Problem:
    ems = round(line.measure(piece) / (line.size + line.spacing) * 2) / 2  # to half a character
    message = t(
        "标题的这一行太长（约 {ems:g} 字，一行只容 {capacity} 字），又没有合适的断行处"
        "（发布机关之后、“年度报告”之前）：“{line}”；Word 会在行末任意处折行，"
        "请在 title_lines 里自己分行",
        ems=ems,
        capacity=line.capacity,
        line=piece,
    )
    return Problem(_where(report, index), message)


def _where(report: ReportHeader, index: int) -> str:
    """Return the JSON path (and, in Chinese, the field's name) a title line comes from."""
    if report.title_lines:
        field, path = "title_lines", f"$.title_lines[{index}]"
    else:  # made from the issuer and the year
        field = "issuer" if index == 0 else "year"
        path = f"$.{field}"
    title = type(report).model_fields[field].title
    return f"{path}（{title}）" if title and language() == "zh" else path


def _places(text: str, report: ReportHeader) -> list[tuple[int, int]]:
    """Return (position, rank) of the natural places to break `text`, inside it."""
    found = []
    if report.issuer:
        for m in re.finditer(re.escape(report.issuer), text):
            found += [(m.start(), RANKS["issuer"]), (m.end(), RANKS["issuer"])]
    found += [(m.start(), RANKS["year"]) for m in re.finditer(f"{report.year}年", text)]
    for m in re.finditer(REPORT, text):
        if not text[: m.start()][-1:].isdigit():  # never “2024” / “年度报告”
            found.append((m.start(), RANKS["report"]))
    best: dict[int, int] = {}
    for pos, rank in found:
        if 0 < pos < len(text):
            best[pos] = min(rank, best.get(pos, rank))
    return sorted(best.items())


def _split(text: str, positions: list[int]) -> list[str]:
    bounds = [0, *positions, len(text)]
    return [text[a:b] for a, b in zip(bounds, bounds[1:], strict=False) if text[a:b]]


def _break(text: str, line: TitleLine, report: ReportHeader) -> tuple[list[str], int] | None:
    """Return `text` as lines that fit, broken only at natural places, and the sum of their ranks;
    None when that cannot be done. The fewest lines win, then the best places, then the most even."""
    if line.fits(text):
        return [text], 0
    best: tuple[tuple[int, int, float], list[str]] | None = None
    for pos, rank in _places(text, report):
        left, right = _break(text[:pos], line, report), _break(text[pos:], line, report)
        if left is None or right is None:
            continue
        pieces = left[0] + right[0]
        widths = [line.measure(piece) for piece in pieces]
        key = (len(pieces), rank + left[1] + right[1], max(widths) - min(widths))
        if best is None or key < best[0]:
            best = (key, pieces)
    return (best[1], best[0][1]) if best else None

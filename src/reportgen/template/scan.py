"""Read a .docx template's paragraphs with their places, repairing Word's habits inside Jinja tags.

Word splits typed text into runs (spell-check marks, formatting part of a word, revision ids), so
`{{ issuer }}` may sit in three runs; AutoCorrect turns "…" into “…”; a Chinese input method types
｛｛、％ and the ideographic space. Inside a tag — and only there — this module repairs that on the
XML, before docxtpl sees it: a split tag is merged into the run holding its first word (so the value
keeps the formatting given to the name), smart quotes become straight quotes, full-width ASCII
forms and odd spaces become ASCII. Text outside tags is never touched. Everything else is reported
by `check.py`, which reads the `Para` list made here.
"""

from __future__ import annotations

import io
import posixpath
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from reportgen.docx.package import PackageError, parse_part, read_package
from reportgen.errors import Problem, TemplateError
from reportgen.i18n import t
from reportgen.limits import DOCX_TOTAL_BYTES, MIB

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
MAIN = "word/document.xml"
HEADER = R + "/header"
FOOTER = R + "/footer"
FOOTNOTES = R + "/footnotes"
KIND_LABELS = {"default": "", "even": "（偶数页）", "first": "（首页）"}

TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}")
OPEN_FORMS, CLOSE_FORMS = "{｛", "}｝"
PAIR_FORMS = {"％": "%", "＃": "#", "｛": "{", "｝": "}"}
SMART = {"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "‚": "'"}
ODD_SPACES = "\u00a0\u2002\u2003\u2009\u200b\u3000"
PREFIX = re.compile(r"(?:p|tr|tc|r)\s")


def w(name: str) -> str:
    return f"{{{W}}}{name}"


@dataclass
class Para:
    """One paragraph of a template part: where it is, its text (repaired), and its containers."""

    part: str
    place: str
    text: str
    cell: tuple[int, ...] | None = None
    """(table, row, column) ids when inside a table cell, else None."""
    row_text: str = ""
    """The text of the whole table row (for `{%tr %}`)."""
    cell_text: str = ""


@dataclass
class Scan:
    """A template read for checking and filling: repaired .docx bytes, paragraphs, repairs made."""

    docx: bytes
    paragraphs: list[Para] = field(default_factory=list)
    repairs: list[Problem] = field(default_factory=list)


def snippet(para: Para, start: int = 0, end: int | None = None, width: int = 60) -> str:
    """Return the paragraph text around [start, end), at most about `width` characters."""
    text, end = para.text, len(para.text) if end is None else end
    if len(text) <= width:
        return text
    left = max(0, min(start - (width - (end - start)) // 2, len(text) - width))
    return ("…" if left else "") + text[left : left + width] + ("…" if left + width < len(text) else "")


def where(para: Para, start: int = 0, end: int | None = None) -> str:
    """Return a problem location: the place and the text around it, e.g. 正文第 3 段（“…”）."""
    return para.place + t("（“{text}”）", text=snippet(para, start, end))


def read_template(path: Path) -> Scan:
    """Return the scanned template at `path`; raise TemplateError if it is missing, not a .docx,
    unsafe or over a limit (naming the part: `reportgen.docx.package`)."""
    if not path.is_file():
        raise TemplateError(t("找不到模板文件"), path=path)
    broken = t("模板不是有效的 Word（.docx）文件，或文件已损坏")
    try:
        if path.stat().st_size > DOCX_TOTAL_BYTES:
            size = f"{path.stat().st_size / MIB:.1f}"
            problem = Problem("", t("文件 {size} MB，上限 {limit} MB", size=size, limit=DOCX_TOTAL_BYTES // MIB))
            raise TemplateError(t("模板超出限制"), path=path, problems=[problem])
        return scan(read_package(path.read_bytes()))
    except PackageError as exc:
        summary = t("模板超出限制") if exc.limit else broken
        raise TemplateError(summary, path=path, problems=[Problem(exc.place, exc.message)]) from exc
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, etree.LxmlError) as exc:
        raise TemplateError(broken, path=path) from exc


def scan(entries: dict[str, bytes]) -> Scan:
    """Return the repaired template and its paragraphs from its checked files (`read_package`).

    Raise KeyError when it has no document.xml.
    """
    result = Scan(b"")
    changed: dict[str, bytes] = {}
    document = parse_part(MAIN, entries[MAIN])
    for name, label in _parts(entries, document):
        root = document if name == MAIN else parse_part(name, entries[name])
        story = _Story(result, name, label)
        story.walk(root)
        if story.changed:
            changed[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, blob in entries.items():
            zf.writestr(name, changed.get(name, blob))
    result.docx = out.getvalue()
    return result


def _parts(entries: dict[str, bytes], document: etree._Element) -> list[tuple[str, str]]:
    """Return (zip name, place label) of the body, the headers, footers and footnotes."""
    rels_xml = entries.get("word/_rels/document.xml.rels")
    targets: dict[str, tuple[str, str]] = {}
    if rels_xml:
        for rel in parse_part("word/_rels/document.xml.rels", rels_xml).iter(f"{{{PKG_RELS}}}Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            target = posixpath.normpath(posixpath.join("word", rel.get("Target", "")))
            targets[rel.get("Id", "")] = (rel.get("Type", ""), target.lstrip("/"))
    parts = [(MAIN, t("正文"))]
    seen = {MAIN}
    for ref in document.iter(w("headerReference"), w("footerReference")):
        rtype, target = targets.get(ref.get(f"{{{R}}}id", ""), ("", ""))
        if target in seen or target not in entries:
            continue
        seen.add(target)
        label = t("页眉") if rtype == HEADER else t("页脚")
        parts.append((target, label + t(KIND_LABELS.get(ref.get(w("type"), ""), ""))))
    for rtype, target in targets.values():
        if rtype == FOOTNOTES and target in entries and target not in seen:
            seen.add(target)
            parts.append((target, t("脚注")))
    return parts


class _Story:
    """Walks one part in reading order, numbering paragraphs and tables as the converter does."""

    def __init__(self, result: Scan, part: str, label: str) -> None:
        self.result, self.part, self.label = result, part, label
        self.tables = 0
        self.changed = False

    def walk(self, root: etree._Element) -> None:
        if root.tag == w("document"):
            root = root.find(w("body"))
            if root is None:
                return
        if root.tag == w("footnotes"):
            for note in root.findall(w("footnote")):
                if note.get(w("type")) in (None, "normal"):
                    self._blocks(note, self.label + t("第 {n} 条", n=note.get(w("id"))), None, ("", ""))
            return
        self._blocks(root, self.label, None, ("", ""))

    def _blocks(
        self, parent: etree._Element, label: str, cell: tuple[int, ...] | None, texts: tuple[str, str]
    ) -> None:
        paragraphs = 0
        for el in _flatten(parent):
            if el.tag == w("p"):
                paragraphs += 1
                place = label + t("第 {n} 段", n=paragraphs)
                text = self.repair(el, place)
                para = Para(self.part, place, text, cell, *texts)
                self.result.paragraphs.append(para)
            elif el.tag == w("tbl"):
                self.tables += 1
                self._table(el, label + t("表格 {n}", n=self.tables), self.tables)

    def _table(self, tbl: etree._Element, label: str, number: int) -> None:
        for r, row in enumerate(tbl.findall(w("tr")), start=1):
            cells = row.findall(w("tc"))
            for c, tc in enumerate(cells, start=1):  # repair first, so the row text is the repaired one
                for i, p in enumerate(tc.iter(w("p")), start=1):
                    self.repair(p, label + t("第 {n} 行", n=r) + t("第 {n} 列", n=c) + t("第 {n} 段", n=i))
            row_text = "".join(el.text or "" for el in row.iter(w("t")))
            for c, tc in enumerate(cells, start=1):
                cell_text = "".join(el.text or "" for el in tc.iter(w("t")))
                place = label + t("第 {n} 行", n=r) + t("第 {n} 列", n=c)
                self._blocks(tc, place, (number, r, c), (row_text, cell_text))

    def repair(self, p: etree._Element, place: str) -> str:
        text, changed = _repair(p, self.result.repairs, place)
        self.changed = self.changed or changed
        return text


def _flatten(parent: etree._Element) -> list[etree._Element]:
    """Return the paragraphs and tables of a block container, looking through content controls."""
    out = []
    for el in parent:
        if el.tag in (w("p"), w("tbl")):
            out.append(el)
        elif el.tag in (w("sdt"), w("customXml")):
            content = el.find(w("sdtContent")) if el.tag == w("sdt") else el
            if content is not None:
                out += _flatten(content)
    return out


def _own_texts(p: etree._Element) -> list[etree._Element]:
    """Return the w:t elements of paragraph `p` itself (not of text boxes nested in it)."""
    return [el for el in p.iter(w("t")) if next(el.iterancestors(w("p")), None) is p]


def _repair(p: etree._Element, repairs: list[Problem], place: str) -> tuple[str, bool]:
    """Repair the tags of one paragraph in place; return its text and whether it changed. Idempotent."""
    ts = _own_texts(p)
    texts = [el.text or "" for el in ts]
    joined = "".join(texts)
    if not any(c in joined for c in "{｛}｝"):
        return joined, False
    owner = [i for i, s in enumerate(texts) for _ in s]
    norm = _delimiters(joined)
    spans: list[tuple[int, int, str, int]] = []
    notes: list[str] = []
    for m in TAG.finditer(norm):
        fixed, kinds = _inside(m.group())
        if m.group() != joined[m.start() : m.end()]:
            kinds.add("fullwidth")
        notes += [_note(kind, fixed) for kind in sorted(kinds)]
        target = _target(fixed, m.start(), owner)
        runs = {owner[i] for i in range(m.start(), m.end())}
        if len(runs) > 1 and _formats(ts, runs) > 1:
            name = fixed[_first_word(fixed) :].split()[0].rstrip("}%")
            notes.append(t("标记 {tag} 的各部分格式不同，已合并，按“{name}”的格式印出", tag=fixed, name=name))
        spans.append((m.start(), m.end(), fixed, target))
    if not spans or all(
        len({owner[i] for i in range(s, e)}) == 1 and joined[s:e] == fixed for s, e, fixed, _ in spans
    ):
        return joined, False
    buffers = [""] * len(ts)
    pos = 0
    for s, e, fixed, target in spans:
        for i in range(pos, s):
            buffers[owner[i]] += joined[i]
        buffers[target] += fixed
        pos = e
    for i in range(pos, len(joined)):
        buffers[owner[i]] += joined[i]
    for el, text, old in zip(ts, buffers, texts, strict=True):
        if text != old:
            el.text = text
            el.set(XML_SPACE, "preserve")
            if not text:
                _drop(el)
    location = where(Para("", place, "".join(buffers)))
    repairs += [Problem(location, note) for note in dict.fromkeys(notes)]
    return "".join(buffers), True


def _delimiters(text: str) -> str:
    """Return `text` with full-width braces, ％ and ＃ made ASCII where they form a tag delimiter."""
    chars = list(text)
    for i in range(len(chars) - 1):
        a, b = chars[i], chars[i + 1]
        opening = a in OPEN_FORMS and b in "{｛%％#＃"
        closing = a in "}｝%％#＃" and b in CLOSE_FORMS
        if opening or closing:
            chars[i], chars[i + 1] = PAIR_FORMS.get(a, a), PAIR_FORMS.get(b, b)
    return "".join(chars)


def _inside(tag: str) -> tuple[str, set[str]]:
    """Return the tag with smart quotes and full-width forms repaired (string literals kept), and what changed."""
    out, kinds, quote, smart = list(tag[:2]), set(), "", False
    for c in tag[2:-2]:
        if quote:
            closes = c == quote or (smart and SMART.get(c) == quote)
            if closes and c != quote:
                kinds.add("quotes")
                c = quote
            if closes:
                quote = ""
        elif c in "\"'":
            quote, smart = c, False
        elif c in SMART:
            kinds.add("quotes")
            quote, smart, c = SMART[c], True, SMART[c]
        elif c in ODD_SPACES:
            kinds.add("fullwidth")
            c = " "
        elif "\uff01" <= c <= "\uff5e":
            kinds.add("fullwidth")
            c = unicodedata.normalize("NFKC", c)
        out.append(c)
    return "".join(out) + tag[-2:], kinds


def _note(kind: str, tag: str) -> str:
    if kind == "quotes":
        return t("已把标记 {tag} 中的中文引号改为英文引号", tag=tag)
    return t("已把标记 {tag} 中的全角字符（括号、百分号、空格等）改为半角", tag=tag)


def _first_word(tag: str) -> int:
    """Return the index of the first character of the tag's expression (after delimiter and prefix)."""
    i = 2
    while i < len(tag) and tag[i] in " -+":
        i += 1
    m = PREFIX.match(tag, i)
    if m:
        i = m.end()
        while i < len(tag) and tag[i] == " ":
            i += 1
    return min(i, len(tag) - 1)


def _target(tag: str, start: int, owner: list[int]) -> int:
    return owner[start + _first_word(tag)]


_IGNORED_RPR = {w("lang"), w("noProof"), w("rtl"), w("spacing")}


def _formats(ts: list[etree._Element], runs: set[int]) -> int:
    """Return how many different run formats the runs holding `runs` have (spell-check marks ignored)."""
    seen = set()
    for i in runs:
        rpr = ts[i].getparent().find(w("rPr"))
        items = (
            () if rpr is None else tuple(sorted(etree.tostring(c) for c in rpr if c.tag not in _IGNORED_RPR))
        )
        seen.add(items)
    return len(seen)


def _drop(t_el: etree._Element) -> None:
    """Remove an emptied w:t, and its run when nothing else is left in it."""
    run = t_el.getparent()
    run.remove(t_el)
    if all(c.tag == w("rPr") for c in run) and run.getparent() is not None:
        run.getparent().remove(run)

"""A .docx → the neutral Document: the body's paragraphs with their style hints, its tables as grids.

The file is checked by `reportgen.docx.package.read_package` first (zip limits, no DTD, no
entity, no external part), so a hostile .docx fails with the converter's own messages. Only the
main document part and its styles are read: headers, footers, footnotes and comments are no part
of a report's text. Deleted text of tracked changes is left out, inserted text kept.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from reportgen.docx.ooxml import NS, child, local, on_off, w, wattr
from reportgen.docx.package import PKG_RELS, PackageError, parse_part, read_package
from reportgen.errors import InputError, Problem
from reportgen.i18n import t
from reportgen.importer.document import GRID_CELLS, Cell, Document, Paragraph, Table

OFFICE_DOCUMENT = "/officeDocument"
STYLES = "/styles"
SKIPPED = frozenset({"del", "moveFrom", "txbxContent", "instrText", "delText", "footnoteReference"})
"""Elements whose text is not the paragraph's: deletions, text boxes (anchored elsewhere), field codes."""
PICTURES = frozenset({"drawing", "pict", "object"})


def read_docx(data: bytes, path: Path) -> Document:
    """Return the neutral Document of the .docx `data` (from `path`, named in messages).

    Raise InputError when it is no readable .docx or is unsafe, naming the part.
    """
    broken = t("不是有效的 Word（.docx）文件，或文件已损坏")
    try:
        entries = read_package(data)
        main = _main_part(entries)
        root = parse_part(main, entries[main])
        styles = Styles(_styles_root(entries, main))
    except PackageError as exc:
        summary = t("Word 文件超出限制") if exc.limit else broken
        raise InputError(summary, path=path, problems=[Problem(exc.place, exc.message)]) from exc
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise InputError(broken, path=path) from exc
    body = root.find("w:body", NS)
    if body is None:
        raise InputError(broken, path=path)
    reader = _Reader(styles)
    reader.blocks(body)
    return Document(reader.out)


def _main_part(entries: dict[str, bytes]) -> str:
    """Return the name of the main document part (word/document.xml in every Word file seen)."""
    rels = entries.get("_rels/.rels")
    if rels is not None:
        for rel in parse_part("_rels/.rels", rels).iter(f"{{{PKG_RELS}}}Relationship"):
            if (rel.get("Type") or "").endswith(OFFICE_DOCUMENT):
                name = (rel.get("Target") or "").lstrip("/")
                if name in entries:
                    return name
    return "word/document.xml"


def _styles_root(entries: dict[str, bytes], main: str) -> Any:
    folder, _, file = main.rpartition("/")
    rels_name = f"{folder}/_rels/{file}.rels" if folder else f"_rels/{file}.rels"
    name = f"{folder}/styles.xml" if folder else "styles.xml"
    if rels_name in entries:
        for rel in parse_part(rels_name, entries[rels_name]).iter(f"{{{PKG_RELS}}}Relationship"):
            if (rel.get("Type") or "").endswith(STYLES) and rel.get("TargetMode") != "External":
                target = rel.get("Target") or ""
                name = target.lstrip("/") if target.startswith("/") else f"{folder}/{target}".lstrip("/")
    return parse_part(name, entries[name]) if name in entries else None


class Styles:
    """The styles part, asked what a style means: its role, alignment, whether it is bold."""

    def __init__(self, root: Any) -> None:
        self.styles: dict[str, Any] = {}
        if root is not None:
            for style in root.iter(w("style")):
                self.styles[wattr(style, "styleId", "")] = style

    def _chain(self, style_id: str | None) -> list[Any]:
        chain: list[Any] = []
        seen: set[str] = set()
        while style_id and style_id in self.styles and style_id not in seen and len(chain) < 20:
            seen.add(style_id)
            chain.append(self.styles[style_id])
            style_id = wattr(child(self.styles[style_id], "basedOn"), "val")
        return chain

    def name(self, style_id: str | None) -> str:
        style = self.styles.get(style_id or "")
        return (
            wattr(child(style, "name"), "val", style_id or "") if style is not None else style_id or ""
        ).lower()

    def role(self, style_id: str | None) -> str:
        """Return "title", "heading", "signature", "caption" or "" for a paragraph style."""
        names = [self.name(wattr(s, "styleId")) for s in self._chain(style_id)] or [self.name(style_id)]
        for name in names:
            if name in ("title", "标题") or name.startswith("title"):
                return "title"
            if name.startswith(("heading", "标题 ")) or self._outline(style_id) is not None:
                return "heading"
            if name in ("signature", "落款", "closing") or style_id == "Signature":
                return "signature"
            if name in ("caption", "题注", "图片"):
                return "caption"
        return ""

    def _outline(self, style_id: str | None) -> str | None:
        for style in self._chain(style_id):
            level = wattr(child(child(style, "pPr"), "outlineLvl"), "val")
            if level is not None:
                return level
        return None

    def align(self, style_id: str | None) -> str:
        for style in self._chain(style_id):
            value = wattr(child(child(style, "pPr"), "jc"), "val")
            if value is not None:
                return value
        return ""

    def bold(self, style_id: str | None) -> bool:
        for style in self._chain(style_id):
            value = on_off(child(child(style, "rPr"), "b"))
            if value is not None:
                return value
        return False

    def emphasis(self, style_id: str | None) -> bool:
        """Return whether a character style marks a run-in title: bold, or a heading's own style."""
        style = self.styles.get(style_id or "")
        if style is None:
            return False
        linked = wattr(child(style, "link"), "val")
        return self.bold(style_id) or (linked is not None and self.role(linked) == "heading")


class _Reader:
    def __init__(self, styles: Styles) -> None:
        self.styles = styles
        self.out: list[Paragraph | Table] = []
        self.paragraphs = 0
        self.tables = 0

    def blocks(self, parent: Any) -> None:
        for element in parent:
            tag = local(element)
            if tag == "p":
                self.paragraphs += 1
                self.out.append(self.paragraph(element, t("第 {n} 段", n=self.paragraphs)))
            elif tag == "tbl":
                self.tables += 1
                self.out.append(Table(self.grid(element), t("第 {n} 个表格", n=self.tables)))
            elif tag in ("sdt", "customXml", "ins", "sdtContent", "smartTag"):
                self.blocks(element)
            elif tag == "AlternateContent":
                fallback = element.find("mc:Fallback", NS)
                if fallback is not None:
                    self.blocks(fallback)

    def paragraph(self, p: Any, where: str) -> Paragraph:
        ppr = child(p, "pPr")
        style_id = wattr(child(ppr, "pStyle"), "val")
        para_bold = self.styles.bold(style_id)
        runs: list[tuple[str, bool]] = []
        pictures = self._runs(p, para_bold, runs)
        text = "".join(part for part, _ in runs)
        lead = ""
        for part, emphasised in runs:
            if not part.strip():
                lead += part if lead else ""
                continue
            if not emphasised:
                break
            lead += part
        align = wattr(child(ppr, "jc"), "val") or self.styles.align(style_id)
        role = self.styles.role(style_id)
        if not role and child(ppr, "outlineLvl") is not None:
            role = "heading"
        return Paragraph(
            text.strip(" \t\r\n\u3000\xa0"),
            where,
            lead=lead.strip(" \t\r\n\u3000\xa0"),
            role=role,
            align={"center": "center", "right": "right", "end": "right"}.get(align, ""),
            pictures=pictures,
        )

    def _runs(self, parent: Any, para_bold: bool, out: list[tuple[str, bool]]) -> int:
        """Append (text, emphasised) for each run under `parent`; return the pictures found."""
        pictures = 0
        for element in parent:
            tag = local(element)
            if tag in SKIPPED or tag == "pPr":
                continue
            if tag == "r":
                rpr = child(element, "rPr")
                bold = on_off(child(rpr, "b"))
                style = wattr(child(rpr, "rStyle"), "val")
                emphasised = (bold if bold is not None else para_bold) or self.styles.emphasis(style)
                for part in element:
                    name = local(part)
                    if name == "t":
                        out.append((part.text or "", emphasised))
                    elif name == "tab":
                        out.append(("\t", emphasised))
                    elif name in ("br", "cr"):
                        out.append(("\n", emphasised))
                    elif name in PICTURES or name == "AlternateContent":
                        pictures += 1
            elif tag == "AlternateContent":
                fallback = element.find("mc:Fallback", NS)
                pictures += self._runs(fallback, para_bold, out) if fallback is not None else 0
            else:
                pictures += self._runs(element, para_bold, out)
        return pictures

    def grid(self, tbl: Any) -> list[list[Cell | None]]:
        """Return the table's grid; [] when it would have more than GRID_CELLS positions."""
        rows: list[list[Cell | None]] = []
        area = 0
        for r, tr in enumerate(_children(tbl, "tr")):
            before = _int(wattr(child(child(tr, "trPr"), "gridBefore"), "val", "0"), 0)
            row: list[Cell | None] = [None] * max(0, min(before, 1000))
            for tc in _children(tr, "tc"):
                tcpr = child(tc, "tcPr")
                span = max(1, min(_int(wattr(child(tcpr, "gridSpan"), "val", "1"), 1), 1000))
                merge = child(tcpr, "vMerge")
                above = rows[-1][len(row)] if rows and len(row) < len(rows[-1]) else None
                if merge is not None and wattr(merge, "val", "continue") == "continue" and above is not None:
                    cell = above
                else:
                    texts = [self.paragraph(p, "").text for p in tc.iter(w("p"))]
                    cell = Cell("\n".join(text for text in texts if text), r, len(row))
                row += [cell] * span
            area += len(row)
            if area > GRID_CELLS:  # a hostile span: no report table comes near it
                return []
            rows.append(row)
        return rows


def _children(parent: Any, tag: str) -> list[Any]:
    """Return the w:`tag` children of `parent`, looking through content controls and custom XML."""
    found = []
    for element in parent:
        name = local(element)
        if name == tag:
            found.append(element)
        elif name in ("sdt", "sdtContent", "customXml"):
            found += _children(element, tag)
    return found


def _int(value: str, default: int) -> int:
    try:
        return int(value)
    except ValueError:
        return default

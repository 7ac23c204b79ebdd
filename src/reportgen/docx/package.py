"""A .docx package checked before anything reads it: zip limits, safe XML, no external parts.

python-docx and docxtpl trust the zip they are given: an entry that unpacks to 5 GiB is unpacked,
a 200 MB document.xml is parsed, a header kept outside the file makes them fail. `read_package`
checks the central directory against the limits (`reportgen.limits`) first, then parses every XML
part with entity resolution and network access off (a DTD is refused: Word never writes one),
and refuses relationships to parts outside the file, except those nothing reads (hyperlinks,
linked pictures, the attached template). Problems name the part, and the line for XML errors.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

from lxml import etree

from reportgen.errors import ConversionError, Problem
from reportgen.i18n import t
from reportgen.limits import (
    DOCX_COMPRESSION_RATIO,
    DOCX_ENTRIES,
    DOCX_TOTAL_BYTES,
    DOCX_XML_BYTES,
    MIB,
    RATIO_FLOOR_BYTES,
)

PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
EXTERNAL_ALLOWED = ("/hyperlink", "/image", "/attachedTemplate", "/oleObject")
"""Relationship types (by their last part) that may point outside the file: nothing opens them."""


def safe_parser(**options: Any) -> etree.XMLParser:
    """Return an lxml parser that resolves no entity, loads no DTD and never goes to the network."""
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, **options
    )


class PackageError(Exception):
    """A .docx that may not be read: `place` is the part (and line), `limit` says a limit was hit."""

    def __init__(self, place: str, message: str, *, limit: bool = False) -> None:
        super().__init__(f"{place}: {message}")
        self.place, self.message, self.limit = place, message, limit


def read_package(data: bytes) -> dict[str, bytes]:
    """Return the files of the .docx `data` by name, once it is known to be within the limits and safe.

    Raise PackageError naming the part; zipfile.BadZipFile when it is no zip at all.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        infos = zf.infolist()
        _check_directory(infos)
        entries: dict[str, bytes] = {}
        for info in infos:
            try:
                entries[info.filename] = zf.read(info)
            except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError) as exc:
                raise PackageError(
                    info.filename, t("zip 中的这个文件已损坏（{error}）", error=_why(exc))
                ) from exc
    for name, blob in entries.items():
        if is_xml(name):
            root = parse_part(name, blob)
            if name.endswith(".rels"):
                _check_relationships(name, root)
    return entries


def is_xml(name: str) -> bool:
    """Return whether the package part `name` is XML (by its name, as Word names them)."""
    return name.lower().endswith((".xml", ".rels"))


def parse_part(name: str, blob: bytes) -> Any:
    """Return the root element of XML part `name`; raise PackageError for a DTD or bad XML (with line)."""
    try:
        root = etree.fromstring(blob, parser=safe_parser())
    except etree.XMLSyntaxError as exc:
        line, column = exc.position if exc.position else (0, 0)
        place = f"{name} " + t("第 {line} 行第 {column} 列", line=line, column=column) if line else name
        error = re.sub(r", line \d+, column \d+$", "", exc.msg or "") or _why(exc)
        raise PackageError(place, t("XML 格式错误：{error}", error=error)) from exc
    if root.getroottree().docinfo.doctype:
        raise PackageError(
            name, t("含有 DTD（<!DOCTYPE …>，可以声明实体）：Word 文件里不会有，出于安全不予读取")
        )
    return root


def _check_directory(infos: list[zipfile.ZipInfo]) -> None:
    """Raise PackageError when the zip's directory asks for more than the limits allow."""
    if len(infos) > DOCX_ENTRIES:
        raise PackageError(
            "zip", t("有 {count} 个文件，上限 {limit} 个", count=len(infos), limit=DOCX_ENTRIES), limit=True
        )
    total = 0
    for info in infos:
        name, size = info.filename, info.file_size
        if info.flag_bits & 0x1:
            raise PackageError(name, t("文件已加密，无法读取"))
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise PackageError(name, t("不支持的压缩方式 {method}", method=info.compress_type))
        if is_xml(name) and size > DOCX_XML_BYTES:
            raise PackageError(
                name,
                t("XML 部件解压后 {size} MB，上限 {limit} MB", size=_mb(size), limit=DOCX_XML_BYTES // MIB),
                limit=True,
            )
        if size > RATIO_FLOOR_BYTES and size > DOCX_COMPRESSION_RATIO * max(info.compress_size, 1):
            ratio = size // max(info.compress_size, 1)
            raise PackageError(
                name,
                t(
                    "压缩比 {ratio}:1，上限 {limit}:1（像是“zip 炸弹”）",
                    ratio=ratio,
                    limit=DOCX_COMPRESSION_RATIO,
                ),
                limit=True,
            )
        total += size
        if total > DOCX_TOTAL_BYTES:
            raise PackageError(
                "zip", t("解压后超过 {limit} MB 的上限", limit=DOCX_TOTAL_BYTES // MIB), limit=True
            )


def _check_relationships(name: str, root: Any) -> None:
    """Raise PackageError for a relationship to a part outside the file that would be read."""
    for rel in root.iter(f"{{{PKG_RELS}}}Relationship"):
        if rel.get("TargetMode") == "External" and not (rel.get("Type") or "").endswith(EXTERNAL_ALLOWED):
            kind = (rel.get("Type") or "").rsplit("/", 1)[-1]
            raise PackageError(
                name,
                t(
                    "关系 {id}（{kind}）指向文件之外的 {target}：只有超链接和链接的图片可以在文件之外",
                    id=rel.get("Id", ""),
                    kind=kind,
                    target=(rel.get("Target") or "")[:120],
                ),
            )


def _mb(size: int) -> str:
    return f"{size / MIB:.1f}"


def _why(exc: BaseException) -> str:
    """Return an exception's message, or its kind when the message is empty (never an empty reason)."""
    return str(exc) or type(exc).__name__


def check_docx_size(path: Path) -> None:
    """Raise ConversionError when the file `path` is larger than a .docx may unpack to (before it is
    read into memory); return quietly when it is smaller or cannot be looked at (reading says why)."""
    try:
        size = path.stat().st_size
    except OSError:
        return
    if size > DOCX_TOTAL_BYTES:
        problem = Problem(
            "", t("文件 {size} MB，上限 {limit} MB", size=_mb(size), limit=DOCX_TOTAL_BYTES // MIB)
        )
        raise ConversionError(t("Word 文件超出限制"), path=path, problems=[problem])

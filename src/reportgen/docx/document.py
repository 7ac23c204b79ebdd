"""The document: opens the .docx, converts its sections and running headers/footers, assembles HTML+CSS."""

from __future__ import annotations

import html
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from reportgen.docx.blocks import BlockConverter
from reportgen.docx.css import ClassTable
from reportgen.docx.hints import HINT_CSS, tab_css
from reportgen.docx.numbering import Numbering
from reportgen.docx.ooxml import child, local, to_int, w, wattr
from reportgen.docx.package import PackageError, read_package, safe_parser
from reportgen.docx.pages import PageSetup, page_css, page_setup, running_name, split_sections
from reportgen.docx.properties import StyleSheet, parse_theme
from reportgen.docx.state import ConversionState, Story
from reportgen.errors import ConversionError, Problem, Result
from reportgen.fonts import FittedFace, FontMap
from reportgen.i18n import t
from reportgen.limits import LimitExceeded, check_deadline

BASE_CSS = (
    """
body { margin:0; font-kerning:none; font-variant-ligatures:none; }
p { margin:0; white-space:pre-wrap; overflow-wrap:break-word; }
table { border-spacing:0; }
td > p:first-child { margin-top:0; }
img { vertical-align:baseline; }
"""
    + HINT_CSS
    + """.rg-footnote { float:footnote; text-indent:0; text-align:justify; line-height:1.3; letter-spacing:0; }
.rg-line span.rg-footnote, .rg-line .rg-footnote span { line-height:1.3; }
.rg-footnote::footnote-call { content:counter(footnote); vertical-align:super; font-size:0.6em; line-height:0; }
.rg-footnote::footnote-marker { content:counter(footnote) " "; }
@page { @footnote { border-top:0.5pt solid #000; padding-top:3pt; margin-top:6pt; } }
.rg-page::before { content:counter(page); }
.rg-pages::before { content:counter(pages); }
"""
)

KIND_LABELS = {"default": "", "even": "（偶数页）", "first": "（首页）"}  # translated where used


@dataclass(frozen=True)
class HtmlDocument:
    """The converter's output: an HTML document, its stylesheet, and the base for relative URLs."""

    html: str
    css: str
    base_url: Path | None = None
    hang_punctuation: bool = True
    """w:overflowPunct of the default paragraph: closing punctuation may hang past the line end."""
    faces: frozenset[str] = frozenset()
    """The font faces the document names (official names: the font map resolves them)."""
    compress_punctuation: bool = False
    """w:characterSpacingControl is not doNotCompress: Word squeezes punctuation to fit a line."""
    fitted: tuple[FittedFace, ...] = ()
    """Stand-ins laid out with Word's widths of the face they draw (the CSS names their family)."""


def docx_to_html(
    data: bytes, fonts: FontMap, *, source: Path | None = None, metadata: dict[str, str] | None = None
) -> Result[HtmlDocument]:
    """Return the HTML+CSS of a .docx with what the conversion noticed (unsupported content, ...).

    Raise ConversionError when it is not a readable .docx, is unsafe (`docx/package.py`) or asks
    for more than the limits allow (naming the part, or the place in the document).
    """
    broken = t("不是有效的 Word（.docx）文件，或文件已损坏")
    try:
        read_package(data)
        word = docx.Document(io.BytesIO(data))
    except PackageError as exc:
        summary = t("Word 文件超出限制") if exc.limit else broken
        raise ConversionError(summary, path=source, problems=[Problem(exc.place, exc.message)]) from exc
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ConversionError(broken, path=source) from exc
    try:
        return _convert(word, fonts, source, metadata or {})
    except PackageError as exc:
        summary = t("Word 文件超出限制") if exc.limit else broken
        raise ConversionError(summary, path=source, problems=[Problem(exc.place, exc.message)]) from exc
    except LimitExceeded as exc:
        problem = Problem(exc.place, exc.message)
        raise ConversionError(t("Word 文件超出限制"), path=source, problems=[problem]) from exc


def _convert(word: Any, fonts: FontMap, source: Path | None, metadata: dict[str, str]) -> Result[HtmlDocument]:
    """Return the HTML+CSS of an opened, checked .docx (see docx_to_html)."""
    part = word.part
    styles = StyleSheet(_related_element(part, RT.STYLES))
    settings = _related_element(part, RT.SETTINGS)
    even_odd = settings is not None and child(settings, "evenAndOddHeaders") is not None
    tab = to_int(wattr(child(settings, "defaultTabStop"), "val")) or 720

    classes = ClassTable()
    lang = wattr(child(settings, "themeFontLang"), "eastAsia", "zh-CN") or "zh-CN"
    theme = parse_theme(_related_element(part, RT.THEME), lang)
    numbering = Numbering(_related_element(part, RT.NUMBERING))
    state = ConversionState(styles, fonts, classes, numbering, theme, _footnotes(part))
    state.default_tab = tab / 20
    converter = BlockConverter(state)
    body = word.element.body
    sections_html, pages = [], []
    previous: PageSetup | None = None
    for index, (sect, elements) in enumerate(split_sections(body)):
        setup = page_setup(sect, index, previous)
        state.page = setup
        same_page = previous is not None and setup.start == "continuous" and _same_geometry(setup, previous)
        if same_page and previous is not None:
            setup.name = previous.name
        else:
            pages.append(page_css(setup, even_odd))
        running = "" if same_page else _running(converter, part, setup)
        story = Story(part, t("正文") if index == 0 else t("第 {n} 节", n=index + 1))
        check_deadline(story.label)
        content = converter.blocks(elements, story, setup.grid)
        if setup.columns > 1:
            content = (
                f'<div style="columns:{setup.columns};column-gap:{setup.column_gap:g}pt">{content}</div>'
            )
        brk = ""
        if index and not same_page:
            brk = {"evenPage": "break-before:left;", "oddPage": "break-before:right;"}.get(setup.start, "")
            if setup.start == "continuous":
                state.warn(story.label, t("连续分节符但页面设置不同：按分页处理"))
        sections_html.append(
            f'<div class="rg-section" style="page:{setup.name};{brk}">{running}{content}</div>'
        )
        previous = setup
    head = _head(metadata)
    markup = (
        f'<!DOCTYPE html>\n<html lang="zh-CN"><head>{head}</head><body>{"".join(sections_html)}</body></html>'
    )
    css = "\n".join([BASE_CSS, tab_css(state.default_tab), *pages, classes.css()])
    # Closing punctuation hangs past the line end unless the default paragraph turns off
    # w:overflowPunct (on by default in Word; LibreOffice's "hanging punctuation")
    normal, _ = styles.resolve(styles.default_para)
    hang = {**styles.defaults_p, **normal}.get("overflow_punct", True) is not False
    # Word squeezes full-width punctuation to take one more character on a line unless the settings
    # say doNotCompress (measured on Word's PDFs of the Chinese forms, docs/converter.md)
    spacing = wattr(child(settings, "characterSpacingControl"), "val")
    document = HtmlDocument(
        markup,
        css,
        source.parent if source else None,
        hang,
        frozenset(state.used_faces),
        compress_punctuation=spacing != "doNotCompress",
        fitted=tuple(sorted({f for name in state.used_faces if (f := fonts.fitted(name))}, key=str)),
    )
    return Result(document, state.warnings)


def _related_element(part: Any, reltype: str) -> Any:
    """Return the root element of the part related by `reltype`, or None (never a default)."""
    try:
        related = part.part_related_by(reltype)
    except KeyError:
        return None
    except ValueError as exc:  # two relationships of the type
        kind = reltype.rsplit("/", 1)[-1]
        message = t("有多个 {kind} 部件，不知道用哪一个", kind=kind)
        raise PackageError("word/_rels/document.xml.rels", message) from exc
    element = getattr(related, "element", None)
    if element is None:  # a part python-docx has no class for (theme, footnotes): parse its XML
        element = etree.fromstring(related.blob, parser=safe_parser())
    return element


def _footnotes(part: Any) -> tuple[Any, dict[str, Any]] | None:
    """Return (footnotes part, footnote id → w:footnote) of the document, or None."""
    element = _related_element(part, RT.FOOTNOTES)
    if element is None:
        return None
    notes = {
        wattr(note, "id", ""): note for note in element.iterfind(w("footnote")) if wattr(note, "type") is None
    }
    return part.part_related_by(RT.FOOTNOTES), notes


def _same_geometry(a: PageSetup, b: PageSetup) -> bool:
    keys = ("width", "height", "top", "right", "bottom", "left")
    return all(getattr(a, k) == getattr(b, k) for k in keys)


def _running(converter: BlockConverter, part: object, setup: PageSetup) -> str:
    """Return the running elements (headers, footers) a section's pages show."""
    out = []
    for where, refs, label in (("header", setup.headers, t("页眉")), ("footer", setup.footers, t("页脚"))):
        for kind, rid in refs.items():
            if kind not in KIND_LABELS:
                continue
            try:
                hf_part = part.related_parts[rid]  # type: ignore[attr-defined]
            except KeyError:
                converter.state.warn(label, t("找不到{label}部件 {rid}", label=label, rid=rid))
                continue
            story = Story(hf_part, label + t(KIND_LABELS[kind]), area=where)
            elements = [el for el in hf_part.element if local(el) != "sectPr"]
            content = converter.blocks(elements, story, setup.grid)
            name = running_name(setup, where, kind)
            out.append(f'<div style="position:running({name})">{content}</div>')
    return "".join(out)


def _head(metadata: dict[str, str]) -> str:
    parts = ['<meta charset="utf-8">']
    title = metadata.get("title")
    if title:
        parts.append(f"<title>{html.escape(title)}</title>")
    for name in ("author", "description", "keywords", "generator", "dcterms.created", "dcterms.modified"):
        if metadata.get(name):
            parts.append(f'<meta name="{name}" content="{html.escape(metadata[name], quote=True)}">')
    return "".join(parts)

"""HTML+CSS → PDF bytes with WeasyPrint: fonts embedded and subset, no network, fixed metadata."""

from __future__ import annotations

import datetime as dt
import functools
import io
import logging
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

from reportgen.docx import HtmlDocument
from reportgen.errors import PdfError, Problem
from reportgen.i18n import t
from reportgen.libraries import no_library_search

with no_library_search():
    import pydyf
    import weasyprint
    from weasyprint.text import ffi
    from weasyprint.text.fonts import FontConfiguration

    from reportgen import cjk_justify  # patches WeasyPrint's justification; loads its internals


class _Zlib6:
    """zlib for pydyf with level 6 where it asks for 9.

    Measured on the 2015 report's streams (2.4 MB, mostly subset CJK fonts): level 9 takes 30 ms
    and gives 492.7 kB, level 6 15 ms and 494.5 kB (+0.4 %). The bytes stay deterministic.
    """

    def __getattr__(self, name: str) -> object:
        return getattr(zlib, name)

    @staticmethod
    def compressobj(level: int = 6, *args: object, **kwargs: object) -> object:
        return zlib.compressobj(min(level, 6), *args, **kwargs)


pydyf.zlib = _Zlib6()  # type: ignore[attr-defined]

SLOW_SUBSET = (
    "没有找到 libharfbuzz-subset0：WeasyPrint 改用 fontTools 嵌入字体，每个 PDF 要多花 5–8 秒；"
    "请运行 make setup（或 apt-get install libharfbuzz-subset0）"
)  # a t() template


PDF_VARIANTS = ("pdf/a-3b",)
"""Archival variants: PDF/A-3b allows the source data to travel inside the PDF as an attachment."""


@dataclass(frozen=True)
class Attachment:
    """A file embedded in the PDF (PDF/A-3: relationship Source), with a fixed date."""

    name: str
    data: bytes
    description: str
    date: dt.datetime


@dataclass(frozen=True)
class Pdf:
    """The PDF bytes and their page count."""

    data: bytes
    pages: int


@functools.lru_cache(maxsize=1)
def font_configuration() -> FontConfiguration:
    """Return the process's one FontConfiguration (shared: it caches fontconfig look-ups)."""
    return FontConfiguration()


def html_to_pdf(
    document: HtmlDocument, *, variant: str | None = None, attachments: Sequence[Attachment] = ()
) -> tuple[Pdf, list[Problem]]:
    """Return the PDF of `document` and the warnings WeasyPrint raised while making it.

    `variant` is None (plain PDF) or one of PDF_VARIANTS (then the PDF is also tagged).
    Only data: URLs are fetched; anything else (http, file) is refused and reported.
    The bytes depend only on the input: the identifier is a hash of the content and dates
    come from the document's metadata.
    """
    cjk_justify.install()
    cjk_justify.hang_punctuation = document.hang_punctuation
    warnings: list[Problem] = []
    if ffi.harfbuzz_subset is None:
        warnings.append(Problem("PDF", t(SLOW_SUBSET)))
    handler = _Collector()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        fetcher = weasyprint.URLFetcher(allowed_protocols={"data"})
        base = str(document.base_url) if document.base_url else None
        html = weasyprint.HTML(string=document.html, base_url=base, url_fetcher=fetcher)
        css = weasyprint.CSS(string=document.css, url_fetcher=fetcher)
        options = {"pdf_variant": variant, "pdf_tags": True} if variant else {}
        rendered = html.render(stylesheets=[css], font_config=font_configuration(), **options)
        files = [
            weasyprint.Attachment(
                file_obj=io.BytesIO(a.data),
                name=a.name,
                description=a.description,
                created=a.date,
                modified=a.date,
                relationship="Source",
            )
            for a in attachments
        ]
        data = rendered.write_pdf(pdf_identifier=True, attachments=files or None, **options)
    except Exception as exc:  # WeasyPrint has no error hierarchy of its own
        raise PdfError(t("WeasyPrint 无法生成 PDF：{error}", error=f"{type(exc).__name__}: {exc}")) from exc
    finally:
        logger.removeHandler(handler)
    warnings += [Problem("PDF", message) for message in handler.messages]
    return Pdf(data, len(rendered.pages)), warnings


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())

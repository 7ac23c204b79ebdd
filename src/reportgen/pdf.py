"""HTML+CSS → PDF bytes with WeasyPrint: fonts embedded and subset, no network, fixed metadata."""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass

import weasyprint
from weasyprint.text import ffi
from weasyprint.text.fonts import FontConfiguration

from reportgen import cjk_justify
from reportgen.docx import HtmlDocument
from reportgen.errors import PdfError, Problem
from reportgen.i18n import t

SLOW_SUBSET = (
    "没有找到 libharfbuzz-subset0：WeasyPrint 改用 fontTools 嵌入字体，每个 PDF 要多花 5–8 秒；"
    "请运行 make setup（或 apt-get install libharfbuzz-subset0）"
)  # a t() template


@dataclass(frozen=True)
class Pdf:
    """The PDF bytes and their page count."""

    data: bytes
    pages: int


@functools.lru_cache(maxsize=1)
def font_configuration() -> FontConfiguration:
    """Return the process's one FontConfiguration (shared: it caches fontconfig look-ups)."""
    return FontConfiguration()


def html_to_pdf(document: HtmlDocument) -> tuple[Pdf, list[Problem]]:
    """Return the PDF of `document` and the warnings WeasyPrint raised while making it.

    Only data: URLs are fetched; anything else (http, file) is refused and reported.
    """
    cjk_justify.install()
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
        rendered = html.render(stylesheets=[css], font_config=font_configuration())
        data = rendered.write_pdf(pdf_identifier=True)
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

"""HTML+CSS → PDF bytes with WeasyPrint: fonts embedded and subset, no network, fixed metadata."""

from __future__ import annotations

import datetime as dt
import io
import logging
import re
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

from reportgen import limits
from reportgen.docx import HtmlDocument
from reportgen.errors import PdfError, Problem, Result
from reportgen.hints import HintError, LayoutOptions
from reportgen.i18n import t
from reportgen.limits import LimitExceeded, check_deadline
from reportgen.pdf.faces import register
from reportgen.pdf.libraries import deferred_font_tools, name_fonts_in_english, no_library_search

with no_library_search(), deferred_font_tools():
    import weasyprint
    from weasyprint.text import ffi
    from weasyprint.text.fonts import FontConfiguration

    from reportgen.pdf.engine import Widths, extended_layout

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


@dataclass
class Fonts:
    """A WeasyPrint font configuration and the widths the engine measured with it."""

    config: FontConfiguration
    widths: Widths = field(default_factory=dict)
    fitted: set[tuple[str, str]] = field(default_factory=set)
    """The fitted faces (family, style) added to `config` (pdf.faces)."""


class FontConfigurations:
    """WeasyPrint font configurations, each lent to one render at a time and kept for the next.

    A FontConfiguration caches fontconfig look-ups (made once, it saves ~50 ms a render), but
    holds a Pango font map, which is not safe to share between threads rendering at once. The
    widths of punctuation and spaces the engine measures travel with it (~30 ms a warm render).
    """

    def __init__(self) -> None:
        self._idle: list[Fonts] = []
        self._lock = threading.Lock()

    @contextmanager
    def lend(self) -> Iterator[Fonts]:
        """Within the block, the caller has a font configuration to itself."""
        with self._lock:
            fonts = self._idle.pop() if self._idle else None
        if fonts is None:
            fonts = Fonts(FontConfiguration())
            name_fonts_in_english(fonts.config.font_map)  # the PDF's font names do not follow the locale
        try:
            yield fonts
        finally:
            with self._lock:
                self._idle.append(fonts)


FONT_CONFIGURATIONS = FontConfigurations()
"""The process's font configurations (build workers warm one up before they fork)."""


def html_to_pdf(
    document: HtmlDocument, *, variant: str | None = None, attachments: Sequence[Attachment] = ()
) -> Result[Pdf]:
    """Return the PDF of `document` with the warnings WeasyPrint raised while making it.

    `variant` is None (plain PDF) or one of PDF_VARIANTS (then the PDF is also tagged).
    Only data: URLs are fetched; anything else (http, file) is refused and reported.
    The bytes depend only on the input: the identifier is a hash of the content and dates
    come from the document's metadata. Raise PdfError when WeasyPrint fails.
    """
    warnings: list[Problem] = []
    if ffi.harfbuzz_subset is None:
        warnings.append(Problem("PDF", t(SLOW_SUBSET)))
    handler = _Collector()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    options = LayoutOptions(
        hang_punctuation=document.hang_punctuation, compress_punctuation=document.compress_punctuation
    )
    try:
        check_deadline("PDF")
        with (
            _watched(),
            FONT_CONFIGURATIONS.lend() as fonts,
            extended_layout(options, fonts.widths),
        ):
            register(fonts.config, document.fitted, _fetcher(), fonts.fitted)
            pdf = _write(document, fonts.config, variant, attachments)
    except LimitExceeded as exc:
        raise PdfError(t("超出限制"), problems=[Problem(exc.place, exc.message)]) from exc
    except (PdfError, HintError):
        raise  # HintError: the converter and the engine disagree, a bug (exit 70)
    except Exception as exc:  # WeasyPrint has no error hierarchy of its own
        error = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        raise PdfError(t("WeasyPrint 无法生成 PDF：{error}", error=error)) from exc
    finally:
        logger.removeHandler(handler)
    warnings += [Problem("PDF", message) for message in handler.messages]
    return Result(pdf, warnings)


def _fetcher() -> weasyprint.URLFetcher:
    """Return a URL fetcher that fetches data: URLs only (no file, no network)."""
    return weasyprint.URLFetcher(allowed_protocols={"data"})


def _write(
    document: HtmlDocument,
    font_config: FontConfiguration,
    variant: str | None,
    attachments: Sequence[Attachment],
) -> Pdf:
    """Return the PDF WeasyPrint lays out and writes (inside the extended layout)."""
    fetcher = _fetcher()
    base = str(document.base_url) if document.base_url else None
    html = weasyprint.HTML(string=document.html, base_url=base, url_fetcher=fetcher)
    css = weasyprint.CSS(string=document.css, url_fetcher=fetcher)
    options = {"pdf_variant": variant, "pdf_tags": True} if variant else {}
    rendered = html.render(stylesheets=[css], font_config=font_config, **options)
    check_deadline("PDF")
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
    return Pdf(data, len(rendered.pages))




class _Watch(logging.Handler):
    """Stops the layout of this thread's render between two pages when it has run out of time
    (limits.RENDER_SECONDS) or pages (limits.RENDER_PAGES): WeasyPrint announces every page it lays
    out on its progress logger, and an exception raised here leaves its layout there."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.thread = threading.get_ident()

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread != self.thread or not str(record.msg).startswith("Step 5 - Creating layout - Page"):
            return
        page = record.args[0] if isinstance(record.args, tuple) and record.args else 0
        if isinstance(page, int) and page > limits.RENDER_PAGES:
            raise LimitExceeded(t("超过 {limit} 页的上限", limit=f"{limits.RENDER_PAGES:,}"), "PDF")
        check_deadline(t("PDF 第 {page} 页", page=page))


_PROGRESS = logging.getLogger("weasyprint.progress")
_WATCHING = threading.Lock()
_watchers: list[int] = [0, logging.NOTSET]
"""How many renders watch WeasyPrint's progress now, and the logger's level before the first."""


@contextmanager
def _watched() -> Iterator[None]:
    """Within the block, this thread's layout is watched (`_Watch`); WeasyPrint's progress logger is
    at INFO while any render is watched, and back at its own level after the last one."""
    watch = _Watch()
    with _WATCHING:
        if not _watchers[0]:
            _watchers[1] = _PROGRESS.level
            _PROGRESS.setLevel(logging.INFO)
        _watchers[0] += 1
        _PROGRESS.addHandler(watch)
    try:
        yield
    finally:
        with _WATCHING:
            _PROGRESS.removeHandler(watch)
            _watchers[0] -= 1
            if not _watchers[0]:
                _PROGRESS.setLevel(_watchers[1])


class _Collector(logging.Handler):
    """Collects WeasyPrint's warnings of the render in this thread (not those of other threads)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.thread = threading.get_ident()
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread == self.thread:
            self.messages.append(_DATA_URL.sub(_shorten, record.getMessage()))


_DATA_URL = re.compile(r"data:([\w/+.-]{0,40})[^\s'\"]{60,}")
"""A data: URL in a warning (a picture WeasyPrint could not load): its whole base64 is no message."""


def _shorten(match: re.Match[str]) -> str:
    return f"data:{match.group(1)}…"

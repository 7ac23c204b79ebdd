"""The live preview: a warm render in the server's process, one at a time, the newest request first.

`render_data` runs the pipeline's stages on the page's unsaved data as `pipeline.produce` runs
them on a file (same functions, same order; tests/test_serve_api.py checks that both give the same
PDF). One worker thread renders (WeasyPrint is not made for two renders at once in a process, and
the machine is shared); a request waiting for it is dropped when a newer one for the same file
arrives: only the page the user sees now is worth rendering. Pages become PNG images through
poppler's pdftoppm, each when the page first asks for it.
"""

from __future__ import annotations

import itertools
import subprocess
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportgen.errors import Problem, ReportgenError
from reportgen.i18n import t, use_language
from reportgen.input import validate
from reportgen.limits import within_deadline

PAGE_DPI = 96
KEEP = 6
"""Previews kept in memory (their PDF, .docx and page images) for downloads and late page requests."""


class Superseded(Exception):
    """A newer preview of the same file was asked for before this one began."""


@dataclass
class Preview:
    """One rendered preview: the .docx and PDF of the page's data at one moment, and its page images."""

    id: str
    name: str
    docx: bytes
    pdf: bytes
    pages: int
    warnings: list[Problem]
    seconds: float
    images: dict[int, bytes] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def page_png(self, page: int) -> bytes:
        """Return page `page` (1-based) as a PNG image, made by pdftoppm once and kept."""
        with self.lock:
            if page not in self.images:
                done = subprocess.run(
                    [
                        "pdftoppm",
                        "-png",
                        "-r",
                        str(PAGE_DPI),
                        "-f",
                        str(page),
                        "-l",
                        str(page),
                        "-singlefile",
                        "-",
                    ],
                    input=self.pdf,
                    capture_output=True,
                    timeout=60,
                    check=False,
                )
                if done.returncode != 0 or not done.stdout:
                    raise ReportgenError(t("无法生成第 {page} 页的预览图（pdftoppm）", page=page))
                self.images[page] = done.stdout
            return self.images[page]


@within_deadline  # limits.RENDER_SECONDS, as for `reportgen render`
def render_data(data: Any, path: Path, fonts: Any) -> tuple[bytes, bytes, int, list[Problem]]:
    """Return the .docx, the PDF, its page count and the warnings of `data` as the input file `path`.

    Raise ValidationFailed (or another ReportgenError) as `reportgen render` would.
    """
    from reportgen.pipeline import (
        default_template,
        document_dates,
        docx_properties,
        make_pdf,
        pdf_metadata,
        source_date,
    )
    from reportgen.template import build_context, check_template, fill, fit_title, title_line

    validated = validate(data, path)
    report = validated.value
    dates = document_dates(report, source_date())
    template = default_template(report.format)
    checked = check_template(template, report.format)
    checked.raise_for_errors()
    title = fit_title(report, title_line(checked.docx))
    context = build_context(report, path.parent, title.value, None)
    docx = fill(template, context, docx_properties(report, dates), data=checked.docx)
    made = make_pdf(docx, fonts, "weasyprint", path, pdf_metadata(report, dates))
    template_warnings = [warning.in_file(template) for warning in checked.warnings]
    warnings = validated.warnings + title.warnings + template_warnings + made.warnings
    return docx, made.value.pdf.data, made.value.pdf.pages, warnings


class Renderer:
    """The single render worker: jobs per file name, a waiting job replaced by a newer one."""

    def __init__(self, language: str, fonts: Any = None) -> None:
        self.language = language
        self.fonts = fonts
        self._cond = threading.Condition()
        self._pending: OrderedDict[str, tuple[Callable[[], Any], Future[Any]]] = OrderedDict()
        self._closed = False
        self._ids = itertools.count(1)
        self._previews: OrderedDict[str, Preview] = OrderedDict()
        self._thread = threading.Thread(target=self._work, name="reportgen-render", daemon=True)
        self._thread.start()

    def submit(self, key: str, job: Callable[[], Any]) -> Future[Any]:
        """Queue `job` under `key`; a job still waiting under the same key is answered Superseded."""
        future: Future[Any] = Future()
        with self._cond:
            old = self._pending.pop(key, None)
            if old is not None:
                old[1].set_exception(Superseded())
            self._pending[key] = (job, future)
            self._cond.notify()
        return future

    def preview(self, name: str, data: Any, path: Path) -> Future[Any]:
        """Queue a preview of `data` (the page's content of DIR/name); its result is a Preview."""

        def job() -> Preview:
            if self.fonts is None:
                from reportgen.fonts import FontMap

                self.fonts = FontMap.load()
            began = time.perf_counter()
            docx, pdf, pages, warnings = render_data(data, path, self.fonts)
            made = Preview(
                f"p{next(self._ids)}", name, docx, pdf, pages, warnings, time.perf_counter() - began
            )
            with self._cond:
                self._previews[made.id] = made
                while len(self._previews) > KEEP:
                    self._previews.popitem(last=False)
            return made

        return self.submit(f"preview:{name}", job)

    def get(self, preview_id: str) -> Preview | None:
        """Return a kept preview, or None when it is unknown or was dropped."""
        with self._cond:
            return self._previews.get(preview_id)

    def close(self) -> None:
        """Stop the worker after the job it is running; waiting jobs are answered Superseded."""
        with self._cond:
            self._closed = True
            for _, future in self._pending.values():
                future.set_exception(Superseded())
            self._pending.clear()
            self._cond.notify()

    def _work(self) -> None:
        while True:
            with self._cond:
                while not self._pending and not self._closed:
                    self._cond.wait()
                if self._closed:
                    return
                _, (job, future) = self._pending.popitem(last=False)
            if not future.set_running_or_notify_cancel():
                continue
            try:
                with use_language(self.language):
                    future.set_result(job())
            except BaseException as exc:  # handed to the request, which reports it
                future.set_exception(exc)

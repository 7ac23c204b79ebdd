"""Every limit reportgen puts on what a file may ask of it, in one place, and the render's time budget.

A report, a template or a Word file may be hostile or simply broken: a template that loops for
ever, a zip that unpacks to gigabytes, a picture that claims a billion pixels. Each limit below is
generous for a 1000-page report (the 2015 example is 11 pages: 22 KB of document.xml, 0.8 s) and
small enough that one file cannot take the machine's memory or an afternoon. Exceeding one is an
error naming the file, the place and the limit (exit 1). README “限制” lists them in Chinese.

The time budget is a deadline per render held in a context variable, never a signal or an alarm:
a render in one thread has its own deadline, and renders in other threads are not disturbed.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import ParamSpec, TypeVar

from reportgen.i18n import t

MIB = 2**20

# --- the input (a JSON file: input/load.py) ---
INPUT_BYTES = 10 * MIB
"""The largest input file (the 2015 example: 12 KB; a report with every table full: under 100 KB)."""
INPUT_DEPTH = 64
"""The deepest nesting of lists and objects in an input (a report needs 8)."""
INPUT_NUMBER_DIGITS = 30
"""The most digits a number in an input may have: a count or an amount in 万元 never comes near it,
and beyond 4 300 Python refuses to read an integer at all (a 5 000-digit count ended in exit 70)."""

# --- the template (a Jinja template inside the .docx, run in the sandbox: template/sandbox.py) ---
TEMPLATE_STEPS = 1_000_000
"""Loop iterations, calls and filter uses one fill may make (the 2015 report: 36; its sections 90
times over, 901 pages: 2 706)."""
TEMPLATE_DEPTH = 50
"""Calls inside calls (macros, recursive loops); Python itself stops at about 1 000 frames."""
TEMPLATE_STRING_CHARS = 1_000_000
"""The longest string or list a template may make, and the widest format width (`{:>N}`, `%Ns`)."""
TEMPLATE_INT_DIGITS = 1_000
"""The longest integer (decimal digits) a template may compute; Python refuses to print 4 300."""
TEMPLATE_OUTPUT_CHARS = 64 * MIB
"""The most one fill may write into a part, and make in all (strings, lists, printed values)."""

# --- a .docx (a template, or any Word file given to `pdf`), checked before python-docx reads it ---
DOCX_ENTRIES = 10_000
"""Files inside the .docx zip (a 1000-page report with a picture on every page has about 1 020)."""
DOCX_TOTAL_BYTES = 512 * MIB
"""All its files unpacked together."""
DOCX_XML_BYTES = 64 * MIB
"""One XML part unpacked (the 2015 report's text: 2 KB a page; the national-2021 tables: 12 KB a
page, so 1000 pages of tables are about 12 MB of document.xml)."""
DOCX_COMPRESSION_RATIO = 200
"""Unpacked : packed size of one file over RATIO_FLOOR_BYTES. A report's XML packs 3–15 : 1, and
78 : 1 when whole sections repeat (the 2015 report's sections 90 times: 901 pages); deflate goes
beyond about 100 : 1 only for runs of one byte, which is what a zip bomb is made of (1 000 : 1)."""
RATIO_FLOOR_BYTES = MIB
"""Files smaller than this unpacked are not held to the compression ratio."""

# --- pictures (named in an input, or inside a .docx) ---
PICTURE_BYTES = 32 * MIB
"""One picture file."""
PICTURE_PIXELS = 50_000_000
"""Width × height of one picture, read from its header (a 48-megapixel phone photo fits)."""

# --- the whole render ---
RENDER_SECONDS = 300.0
"""One render from reading the input to the finished PDF (1000 pages take about 35 s)."""
RENDER_PAGES = 5_000
"""Pages one PDF may have (WeasyPrint holds every page in memory: about 0.7 MB a page)."""


class LimitExceeded(Exception):
    """A limit was reached; the stage that knows the file turns it into its ReportgenError."""

    def __init__(self, message: str, place: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.place = place


_DEADLINE: ContextVar[tuple[float, float] | None] = ContextVar("reportgen_deadline", default=None)
"""(monotonic end, seconds allowed) of the render running in this thread, or None outside a render."""

_clock = time.monotonic
"""The deadline's clock (a test may replace it)."""

P = ParamSpec("P")
R = TypeVar("R")


@contextmanager
def deadline(seconds: float | None = None) -> Iterator[float]:
    """Within the block, this thread's render must finish within `seconds` (RENDER_SECONDS).

    A deadline already running (an outer render) is kept: the budget is for the whole render.
    """
    current = _DEADLINE.get()
    if current is not None:
        yield current[0]
        return
    allowed = RENDER_SECONDS if seconds is None else seconds
    end = _clock() + allowed
    token = _DEADLINE.set((end, allowed))
    try:
        yield end
    finally:
        _DEADLINE.reset(token)


def within_deadline(function: Callable[P, R]) -> Callable[P, R]:
    """Decorate a whole render (pipeline.produce, docx_to_pdf): it runs under `deadline()`."""

    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with deadline():
            return function(*args, **kwargs)

    return wrapper


def check_deadline(place: str = "") -> None:
    """Raise LimitExceeded when this thread's render has run out of time; else return at once."""
    current = _DEADLINE.get()
    if current is not None and _clock() > current[0]:
        raise LimitExceeded(t("用时超过上限 {limit} 秒", limit=f"{current[1]:g}"), place)

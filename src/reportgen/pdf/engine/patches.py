"""The one place reportgen changes WeasyPrint: which functions, installed and restored as a unit.

WeasyPrint has no hook for line layout, so five functions of `weasyprint.layout.inline` are
replaced — but only while at least one reportgen render runs in the process, and only as
dispatchers: each asks the context variable `state.CURRENT` whether the calling thread is inside a
reportgen render and otherwise calls WeasyPrint's own function. So a plain WeasyPrint render, in
another thread at the same moment or after ours, behaves (and writes bytes) exactly as shipped; the
last render to leave puts WeasyPrint's functions back. pydyf's zlib is handled the same way: level 6
instead of 9 for our PDFs only. Four of WeasyPrint's font functions do font work once per process
instead of once per render (subsets.py).

The install count is the only process-wide state here, guarded by a lock.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import pydyf
from weasyprint import draw
from weasyprint.layout import block, inline, page
from weasyprint.pdf import fonts

from reportgen.pdf.engine import bold, breaks, hanging, justify, overhang, pages, subsets
from reportgen.pdf.engine.state import CURRENT

Extension = Callable[..., Any]
"""An extension: called as extension(state, original, *args, **kwargs) inside a reportgen render."""


@dataclass(frozen=True)
class Patch:
    """One attribute of a WeasyPrint (or pydyf) module replaced while reportgen renders."""

    owner: Any
    name: str
    make: Callable[[Any], Any]
    """Return the replacement, given what the attribute held before."""


def dispatching(extension: Extension) -> Callable[[Any], Any]:
    """Return a Patch.make for a function: inside a render call `extension`, outside the original."""

    def make(original: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(original)
        def dispatcher(*args: Any, **kwargs: Any) -> Any:
            state = CURRENT.get()
            if state is None:
                return original(*args, **kwargs)
            return extension(state, original, *args, **kwargs)

        dispatcher.__reportgen_extension__ = extension  # type: ignore[attr-defined]
        return dispatcher

    return make


class Zlib6:
    """pydyf's zlib, compressing at level 6 where pydyf asks for 9 — inside reportgen's renders only.

    Measured on the 2015 report's streams (2.4 MB, mostly subset CJK fonts): level 9 takes 30 ms
    and gives 492.7 kB, level 6 15 ms and 494.5 kB (+0.4 %). The bytes stay deterministic.
    """

    def __init__(self, original: Any) -> None:
        self.original = original

    def __getattr__(self, name: str) -> Any:
        return getattr(self.original, name)

    def compressobj(self, level: int = -1, *args: Any, **kwargs: Any) -> Any:
        if CURRENT.get() is None:
            return self.original.compressobj(level, *args, **kwargs)
        if args or kwargs:
            return self.original.compressobj(min(level, 6), *args, **kwargs)
        return subsets.CachingCompressor(self.original, min(level, 6))


PATCHES: tuple[Patch, ...] = (
    Patch(inline, "text_align", dispatching(justify.text_align)),
    Patch(inline, "split_first_line", dispatching(breaks.split_first_line)),
    Patch(inline, "split_inline_box", dispatching(breaks.split_inline_box)),
    Patch(inline, "trailing_whitespace_size", dispatching(hanging.trailing_whitespace_size)),
    Patch(inline, "can_break_text", dispatching(breaks.can_break_text)),
    Patch(page, "make_page", dispatching(pages.make_page)),
    Patch(draw, "draw_text", dispatching(bold.draw_text)),
    Patch(block, "_linebox_layout", dispatching(overhang.linebox_layout)),
    Patch(block, "block_level_layout", dispatching(overhang.block_level_layout)),
    Patch(pydyf, "zlib", Zlib6),
    Patch(fonts, "get_hb_object_data", dispatching(subsets.get_hb_object_data)),
    Patch(fonts.Font, "__init__", dispatching(subsets.font_init)),
    Patch(fonts.Font, "clean", dispatching(subsets.clean)),
    Patch(fonts.Font, "_harfbuzz_subset", dispatching(subsets.harfbuzz_subset)),
    Patch(fonts, "ffi", subsets.OpenArrays),
)


class MissingInternal(Exception):
    """A WeasyPrint internal the extensions replace is not there."""


class Installation:
    """Installs PATCHES while at least one render is inside `active()`; restores them after the last."""

    def __init__(self, patches: tuple[Patch, ...]) -> None:
        self._patches = patches
        self._lock = threading.Lock()
        self._users = 0
        self._saved: list[tuple[Patch, Any]] = []

    @contextmanager
    def active(self) -> Iterator[None]:
        """Within the block, the extensions are installed (raise MissingInternal when one cannot be)."""
        with self._lock:
            if self._users == 0:
                self._install()
            self._users += 1
        try:
            yield
        finally:
            with self._lock:
                self._users -= 1
                if self._users == 0:
                    self._restore()

    def _install(self) -> None:
        try:
            for patch in self._patches:
                if not hasattr(patch.owner, patch.name):
                    raise MissingInternal(f"{patch.owner.__name__}.{patch.name}")
                original = getattr(patch.owner, patch.name)
                self._saved.append((patch, original))
                setattr(patch.owner, patch.name, patch.make(original))
        except BaseException:
            self._restore()
            raise

    def _restore(self) -> None:
        while self._saved:
            patch, original = self._saved.pop()
            setattr(patch.owner, patch.name, original)

    @property
    def installed(self) -> bool:
        """Return True while the extensions are installed (for tests)."""
        return bool(self._saved)


INSTALLATION = Installation(PATCHES)
"""The process's one installation of the extensions."""

"""Load WeasyPrint's C libraries without ctypes' library search (~0.13 s of every process)."""

from __future__ import annotations

import contextlib
import ctypes.util
import sys
from collections.abc import Iterator


@contextlib.contextmanager
def no_library_search() -> Iterator[None]:
    """Within the block, make ctypes.util.find_library find nothing (on Linux only).

    WeasyPrint tries the Windows and macOS names of each library (``libgobject-2.0-0``, …)
    before the Linux soname (``libgobject-2.0.so.0``). For every name that fails, cffi asks
    ctypes.util.find_library, which on Linux runs ``ldconfig -p`` and ``gcc`` each time: some 50
    subprocesses, 0.13 s of a 1 s render (measured, bench/render.py). On Linux the soname loads
    directly, and find_library could only have returned that same soname, so nothing is lost.
    """
    if not sys.platform.startswith("linux"):
        yield
        return
    original = ctypes.util.find_library
    ctypes.util.find_library = _find_nothing
    try:
        yield
    finally:
        ctypes.util.find_library = original


def _find_nothing(name: str) -> None:
    return None

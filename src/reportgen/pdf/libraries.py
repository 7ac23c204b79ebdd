"""WeasyPrint's C libraries: loaded without ctypes' library search (~0.13 s of every process), and
told to name fonts alike in every locale; fontTools' subsetter and instancer loaded only if used."""

from __future__ import annotations

import contextlib
import ctypes.util
import functools
import importlib
import sys
import types
from collections.abc import Iterator
from typing import Any


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


class _Deferred(types.ModuleType):
    """Stands for a module until one of its names is used, then imports it and hands that name on."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        if sys.modules.get(self.__name__) is self:
            del sys.modules[self.__name__]
        return getattr(importlib.import_module(self.__name__), name)


def _instantiate_variable_font(*args: Any, **kwargs: Any) -> Any:
    from fontTools.varLib.instancer import instantiateVariableFont

    return instantiateVariableFont(*args, **kwargs)


@contextlib.contextmanager
def deferred_font_tools() -> Iterator[None]:
    """Within the block (around WeasyPrint's import), fontTools' subsetter and variable-font
    instancer are not imported: WeasyPrint's PDF writer imports both (120 modules, ~0.09 s of every
    process) but uses the subsetter only without HarfBuzz's (see SLOW_SUBSET) and the instancer
    only for variable fonts. It gets stand-ins that import the real modules on first use.
    """
    stand_ins = {
        "fontTools.subset": _Deferred("fontTools.subset"),
        "fontTools.varLib.instancer": _Deferred("fontTools.varLib.instancer"),
    }
    stand_ins["fontTools.varLib.instancer"].instantiateVariableFont = _instantiate_variable_font  # type: ignore[attr-defined]
    placed = [name for name in stand_ins if name not in sys.modules]
    for name in placed:
        sys.modules[name] = stand_ins[name]
    try:
        yield
    finally:
        for name in placed:
            if sys.modules.get(name) is stand_ins[name]:
                del sys.modules[name]


_PANGOFT2 = ("libpangoft2-1.0.so.0", "libpangoft2-1.0-0", "pangoft2-1.0-0", "libpangoft2-1.0.dylib")
_FONTCONFIG = ("libfontconfig.so.1", "libfontconfig-1", "fontconfig-1", "libfontconfig.1.dylib")


def name_fonts_in_english(font_map: Any) -> None:
    """Make a WeasyPrint font configuration's Pango font map (`FontConfiguration.font_map`) name
    fonts by their English family names, whatever the locale.

    WeasyPrint writes a font's family name, as Pango describes it, into the PDF (BaseFont,
    FontName, FontFamily, and the subset tag is a hash of it). Fontconfig puts first the family
    name in the language its `namelang` asks for, by default the process's (FC_LANG, LC_ALL,
    LC_CTYPE, LANG): under zh_CN, LXGW WenKai is “霞鹜文楷” and the PDF's bytes change. This
    font map's patterns now ask for English names (fontconfig's own fallback), set by Pango's
    per-font-map substitute hook between the configuration's rules and fontconfig's defaults —
    nothing process-wide changes (not the environment, not other font maps). WeasyPrint 70 makes
    the font map with pango_ft2_font_map_new (check on upgrading it).
    """
    ffi, pangoft2, english = _english_names()
    fontmap = ffi.cast("void *", int(_weasyprint_ffi().cast("uintptr_t", font_map)))
    pangoft2.pango_ft2_font_map_set_default_substitute(fontmap, english, ffi.NULL, ffi.NULL)


@functools.cache
def _english_names() -> tuple[Any, Any, Any]:
    """Return (ffi, pangoft2, the substitute callback), made once and kept for the process."""
    import cffi

    ffi = cffi.FFI()
    ffi.cdef(
        """
        typedef void (*PangoFT2SubstituteFunc) (void *pattern, void *data);
        void pango_ft2_font_map_set_default_substitute (
            void *fontmap, PangoFT2SubstituteFunc func, void *data, void *notify);
        int FcPatternDel (void *pattern, const char *object);
        int FcPatternAddString (void *pattern, const char *object, const char *s);
        """
    )
    with no_library_search():
        pangoft2, fontconfig = _open(ffi, _PANGOFT2), _open(ffi, _FONTCONFIG)

    @ffi.callback("void(void *, void *)")  # type: ignore[untyped-decorator]
    def english(pattern: Any, data: Any) -> None:
        fontconfig.FcPatternDel(pattern, b"namelang")
        fontconfig.FcPatternAddString(pattern, b"namelang", b"en")

    return ffi, pangoft2, english


def _open(ffi: Any, names: tuple[str, ...]) -> Any:
    """Return the first of `names` that loads (WeasyPrint has loaded it already: no search)."""
    for name in names[:-1]:
        with contextlib.suppress(OSError):
            return ffi.dlopen(name)
    return ffi.dlopen(names[-1])


def _weasyprint_ffi() -> Any:
    from weasyprint.text.ffi import ffi

    return ffi

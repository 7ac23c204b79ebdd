"""Font work done once per process, not once per render: subsets reused, whole fonts left unread.

For each document WeasyPrint 70 copies every face it uses out of HarfBuzz into Python (the CJK
faces are 15–27 MB each, ~90 MB for the 2015 report: ~50 ms and as much memory) and subsets each
face again (~100 ms), then compresses the subsets again (~35 ms). Inside reportgen's renders:

- `Font.__init__` leaves the face unread (`Unread`); `Font.clean` reads it only where WeasyPrint
  will use it whole (no glyphs to keep, no HarfBuzz subsetter, a bitmap font); a HarfBuzz subset
  needs only the face, which HarfBuzz already has mapped.
- A subset of the same face with the same glyphs, hinting and .notdef outline is taken from
  `SUBSETS`, a small process-wide LRU cache (the bytes are what HarfBuzz gave the first time, so
  the PDF is byte-identical to a fresh process's); its compressed stream too (`CachingCompressor`).

The face is known by its HarfBuzz object, which the cache entry holds a reference to, so that its
address cannot be reused by another face while the entry lives. Faces of another font
configuration (another thread's) are other objects: they miss, and are correct.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from weasyprint.text.ffi import ffi, harfbuzz
from weasyprint.text.ffi import harfbuzz_subset as subsetter

from reportgen.pdf.engine.state import CURRENT, RenderState

SubsetKey = tuple[int, tuple[int, ...], bool, bool]
"""(address of the HarfBuzz face, glyph ids kept, hinting, .notdef outline)."""


class Unread:
    """A face's data not copied out of HarfBuzz yet (stands in `Font.file_content` until read)."""

    def __init__(self, face: Any, read: Callable[[Any], bytes | None]) -> None:
        self.face = face  # a cdata reference: keeps the face alive
        self._read = read  # WeasyPrint's get_hb_object_data

    def read(self) -> bytes | None:
        return self._read(self.face)


def file_content(font: Any) -> Any:
    """Return the font's data, copying it out of HarfBuzz now if it was left unread."""
    if isinstance(font.file_content, Unread):
        font.file_content = font.file_content.read()
    return font.file_content


@dataclass
class Subset:
    """A cached subset: the face it came from (held), its bytes and their compressed streams."""

    face: Any
    data: bytes
    compressed: dict[int, bytes] = field(default_factory=dict)
    """Compressed bytes by compression level."""

    def size(self) -> int:
        return len(self.data) + sum(map(len, self.compressed.values()))


class SubsetCache:
    """Subsets by face and glyphs, the least recently used dropped beyond `max_bytes`; thread-safe."""

    def __init__(self, max_bytes: int = 32 * 1024 * 1024) -> None:
        self.max_bytes = max_bytes
        self.hits = 0
        self.misses = 0
        self._entries: OrderedDict[SubsetKey, Subset] = OrderedDict()
        self._by_data: dict[int, Subset] = {}  # id(entry.data): the entry holds the object
        self._lock = threading.Lock()

    def get(self, key: SubsetKey) -> bytes | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                self.misses += 1
                return None
            self.hits += 1
            self._entries.move_to_end(key)
            return entry.data

    def put(self, key: SubsetKey, face: Any, data: bytes) -> None:
        pinned = ffi.gc(harfbuzz.hb_face_reference(face), harfbuzz.hb_face_destroy)
        with self._lock:
            if key not in self._entries and id(data) not in self._by_data:
                self._entries[key] = self._by_data[id(data)] = Subset(pinned, data)
                self._trim()

    def compressed(self, data: bytes, level: int) -> bytes | None:
        """Return the stream of `data` (a cached subset, the very object) compressed earlier."""
        with self._lock:
            entry = self._by_data.get(id(data))
            if entry is None or entry.data is not data:
                return None
            return entry.compressed.get(level)

    def remember_compressed(self, data: bytes, level: int, stream: bytes) -> None:
        with self._lock:
            entry = self._by_data.get(id(data))
            if entry is not None and entry.data is data:
                entry.compressed[level] = stream
                self._trim()

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._by_data.clear()
            self.hits = self.misses = 0

    def _trim(self) -> None:
        total = sum(entry.size() for entry in self._entries.values())
        while total > self.max_bytes and len(self._entries) > 1:
            _, entry = self._entries.popitem(last=False)
            del self._by_data[id(entry.data)]
            total -= entry.size()


SUBSETS = SubsetCache()
"""The process's subsets (a render of the 2015 report keeps ~2.7 MB here)."""


def face_address(face: Any) -> int:
    return int(ffi.cast("uintptr_t", face))


def get_hb_object_data(
    state: RenderState, original: Callable[..., Any], hb_object: Any, ot_color: Any = None, glyph: Any = None
) -> Any:
    """weasyprint.pdf.fonts.get_hb_object_data: inside `Font.__init__`, the whole face unread."""
    if state.making_font and ot_color is None:
        return Unread(hb_object, original)
    return original(hb_object, ot_color, glyph)


def font_init(state: RenderState, original: Callable[..., None], font: Any, *args: Any) -> None:
    """Font.__init__ with the face left unread (a bitmap font, never cleaned, is read at once)."""
    state.making_font = True
    try:
        original(font, *args)
    finally:
        state.making_font = False
    if font.bitmap:
        file_content(font)


def clean(
    state: RenderState, original: Callable[..., None], font: Any, to_unicode: Any, hinting: Any
) -> None:
    """Font.clean, the face read first unless HarfBuzz will subset it (then it is never needed)."""
    if not (to_unicode and subsetter and harfbuzz.hb_version_atleast(4, 1, 0)):
        file_content(font)
    original(font, to_unicode, hinting)


def harfbuzz_subset(
    state: RenderState, original: Callable[..., None], font: Any, to_unicode: Any, hinting: Any
) -> None:
    """Font._harfbuzz_subset, the subset taken from SUBSETS when this face was cut to these glyphs."""
    key = (face_address(font.hb_face), tuple(sorted(to_unicode)), bool(hinting), bool(font.missing))
    data = SUBSETS.get(key)
    if data is not None:
        font.file_content = data
        return
    original(font, to_unicode, hinting)
    if isinstance(font.file_content, Unread):  # HarfBuzz failed (WeasyPrint warned): the whole face
        file_content(font)
    else:
        SUBSETS.put(key, font.hb_face, font.file_content)


class CachingCompressor:
    """A zlib compressor that gives a cached subset's stream from SUBSETS instead of compressing it.

    Waits for the first chunk: when it is a cached subset (the very object, as pydyf hands font
    files over) and nothing follows before flush(), the stream compressed earlier is given at
    flush(); else it compresses as zlib does. The concatenated output is zlib's either way.
    """

    def __init__(self, zlib: Any, level: int) -> None:
        self._zlib, self._level = zlib, level
        self._first: bytes | None = None
        self._real: Any = None

    def _compressor(self) -> Any:
        return self._zlib.compressobj(self._level)

    def compress(self, data: bytes) -> bytes:
        if self._real is None and self._first is None:
            self._first = data
            return b""
        out = b""
        if self._real is None:
            self._real = self._compressor()
            out = self._real.compress(self._first)
        return out + bytes(self._real.compress(data))

    def flush(self, *mode: int) -> bytes:
        if self._real is not None:
            return bytes(self._real.flush(*mode))
        first, self._first = self._first, None
        if first is None or mode:
            self._real = self._compressor()
            start = self._real.compress(first) if first is not None else b""
            return bytes(start + self._real.flush(*mode))
        stream = SUBSETS.compressed(first, self._level)
        if stream is None:
            real = self._compressor()
            stream = bytes(real.compress(first) + real.flush())
            SUBSETS.remember_compressed(first, self._level, stream)
        return stream


_SIZED_ARRAY = re.compile(r"^(\w+)\[(\d+)\]$")


class OpenArrays:
    """WeasyPrint's font module's cffi `ffi`, making `T[N]` arrays as `T[]` ones inside reportgen's renders.

    `ffi.new("hb_codepoint_t[613]", glyphs)` has cffi parse a new C type for every length (~2 ms
    each with pycparser, two or three a face, and again for every other glyph count); the open
    array `hb_codepoint_t[]` of the same items is parsed once. Same memory, same calls.
    """

    def __init__(self, original: Any) -> None:
        self.original = original

    def __getattr__(self, name: str) -> Any:
        return getattr(self.original, name)

    def new(self, cdecl: Any, init: Any = None) -> Any:
        sized = _SIZED_ARRAY.match(cdecl) if isinstance(cdecl, str) else None
        if sized is None or CURRENT.get() is None:
            return self.original.new(cdecl, init)
        return self.original.new(f"{sized[1]}[]", int(sized[2]) if init is None else init)

"""Font work once per process (pdf/engine/subsets.py): a warm render neither subsets a face again
nor copies whole faces out of HarfBuzz, and its bytes are those of a fresh process."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import textwrap
import zlib
from collections.abc import Callable, Iterator
from typing import Any

import pydyf
import pytest
import weasyprint.pdf.fonts
from pypdf import PdfReader
from weasyprint.pdf.fonts import Font

from reportgen.docx import HtmlDocument, docx_to_html
from reportgen.fonts import FontMap
from reportgen.pdf import html_to_pdf
from reportgen.pdf.engine import subsets
from reportgen.pdf.engine.patches import INSTALLATION
from reportgen.pdf.engine.subsets import SUBSETS, CachingCompressor
from tests.conftest import ROOT, resource_path

DOCUMENT = "fidelity/report-annual-mixed.docx"


@pytest.fixture(scope="module")
def document() -> HtmlDocument:
    return docx_to_html(resource_path(DOCUMENT).read_bytes(), FontMap.load()).value


@pytest.fixture
def cold() -> Iterator[None]:
    """An empty subset cache before and after the test."""
    SUBSETS.clear()
    yield
    SUBSETS.clear()


def counting(monkeypatch: pytest.MonkeyPatch, owner: Any, name: str) -> list[tuple[Any, ...]]:
    """Replace owner.name (before reportgen installs its extensions over it) with a recorder."""
    calls: list[tuple[Any, ...]] = []
    original: Callable[..., Any] = getattr(owner, name)

    def record(*args: Any, **kwargs: Any) -> Any:
        result = original(*args, **kwargs)
        calls.append((*args, result))
        return result

    monkeypatch.setattr(owner, name, record)
    return calls


def test_a_warm_render_takes_the_subsets_of_the_first(
    document: HtmlDocument, cold: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    subsetting = counting(monkeypatch, Font, "_harfbuzz_subset")
    first = html_to_pdf(document)
    made = len(subsetting)
    assert made >= 2, "the document uses several faces"
    second = html_to_pdf(document)
    assert len(subsetting) == made, "HarfBuzz subset the same faces again"
    assert (SUBSETS.hits, SUBSETS.misses) == (made, made)
    assert second.value.data == first.value.data
    assert first.warnings == second.warnings == []
    assert not INSTALLATION.installed


def test_a_render_copies_no_whole_face_out_of_harfbuzz(
    document: HtmlDocument, cold: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    copies = counting(monkeypatch, weasyprint.pdf.fonts, "get_hb_object_data")
    html_to_pdf(document)
    largest = max(len(call[-1]) for call in copies)
    # the CJK faces are 15–27 MB; their subsets for this document well under 2 MB
    assert largest < 2_000_000, f"a whole face of {largest:,} bytes was copied"


def test_a_render_after_a_cache_hit_gives_the_bytes_of_a_fresh_process(
    document: HtmlDocument, cold: None, tmp_path: Any
) -> None:
    html_to_pdf(document)
    warm = html_to_pdf(document).value.data
    assert SUBSETS.hits >= 2
    script = textwrap.dedent(
        f"""
        import sys
        from pathlib import Path
        from reportgen.docx import docx_to_html
        from reportgen.fonts import FontMap
        from reportgen.pdf import html_to_pdf
        from tests.conftest import resource_path
        document = docx_to_html(resource_path({DOCUMENT!r}).read_bytes(), FontMap.load()).value
        Path(sys.argv[1]).write_bytes(html_to_pdf(document).value.data)
        """
    )
    fresh = tmp_path / "fresh.pdf"
    subprocess.run([sys.executable, "-c", script, str(fresh)], cwd=ROOT, check=True)
    assert warm == fresh.read_bytes()


def test_a_cache_too_small_for_one_subset_still_gives_the_same_bytes(
    document: HtmlDocument, cold: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = html_to_pdf(document).value.data
    monkeypatch.setattr(SUBSETS, "max_bytes", 0)  # keeps only the newest subset
    SUBSETS.clear()
    assert html_to_pdf(document).value.data == first
    assert html_to_pdf(document).value.data == first
    assert SUBSETS.hits <= 1
    assert len(SUBSETS._entries) == 1


@pytest.mark.parametrize(
    "chunks", [[], [b""], [b"font data " * 500], [b"page ", b"content " * 300], [b"a", b"b", b"c" * 999]]
)
def test_the_caching_compressor_gives_zlibs_bytes(chunks: list[bytes]) -> None:
    compressor = CachingCompressor(zlib, 6)
    made = b"".join(compressor.compress(chunk) for chunk in chunks) + compressor.flush()
    real = zlib.compressobj(6)
    assert made == b"".join(real.compress(chunk) for chunk in chunks) + real.flush()
    assert zlib.decompress(made) == b"".join(chunks)


class SpyZlib:
    """zlib, recording every chunk a compressor is given."""

    def __init__(self) -> None:
        self.chunks: list[bytes] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(zlib, name)

    def compressobj(self, *args: Any, **kwargs: Any) -> Any:
        spy, real = self, zlib.compressobj(*args, **kwargs)

        class Compressor:
            def compress(self, data: bytes) -> bytes:
                spy.chunks.append(data)
                return real.compress(data)

            def flush(self, *mode: int) -> bytes:
                return real.flush(*mode)

        return Compressor()


def test_a_cached_subsets_stream_is_compressed_once(
    document: HtmlDocument, cold: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    spy = SpyZlib()
    monkeypatch.setattr(pydyf, "zlib", spy)
    first = html_to_pdf(document).value.data
    cached = [entry.data for entry in SUBSETS._entries.values()]
    assert len(cached) >= 2
    assert all(any(chunk is data for chunk in spy.chunks) for data in cached)
    spy.chunks.clear()
    assert html_to_pdf(document).value.data == first
    assert spy.chunks, "page contents are compressed again"
    assert not [chunk for chunk in spy.chunks if any(chunk is data for data in cached)]


def test_without_harfbuzzs_subsetter_the_face_is_read_for_fonttools(
    cold: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """WeasyPrint's fallback (fontTools) needs the whole face: it is read before cleaning."""
    monkeypatch.setattr(weasyprint.pdf.fonts, "harfbuzz_subset", None)
    monkeypatch.setattr(subsets, "subsetter", None)
    latin = HtmlDocument(
        html='<html lang="en"><body><p style="font-family:Liberation Serif">Annual report 2024</p></body></html>',
        css="",
    )
    made = html_to_pdf(latin)
    assert SUBSETS.misses == SUBSETS.hits == 0  # HarfBuzz's subsetter never ran
    assert [w.message for w in made.warnings] == [
        'Using fontTools instead of HarfBuzz-Subset for font "Liberation Serif". This will be '
        "unsupported in future versions of WeasyPrint. Please install HarfBuzz-Subset >= 4.1.0 "
        "with your package manager."
    ]
    text = PdfReader(io.BytesIO(made.value.data)).pages[0].extract_text()
    assert text == "Annual report 2024"


def test_glyph_arrays_parse_no_c_type_per_length(document: HtmlDocument, cold: None) -> None:
    """cffi parses `hb_codepoint_t[613]` anew for every length (~2 ms each); `[]` once."""
    from weasyprint.text.ffi import ffi

    def sized() -> set[str]:
        return {key for key in ffi._parsed_types if isinstance(key, str) and re.fullmatch(r"\w+\[\d+\]", key)}

    before = sized()
    html_to_pdf(document)
    assert sized() == before
    assert "hb_codepoint_t[]" in ffi._parsed_types

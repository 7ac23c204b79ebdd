"""Shared test helpers: resource paths, the reference report, and a once-per-session 2015 render."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reportgen.pipeline import RenderResult, render

ROOT = Path(__file__).resolve().parents[1]
RESOURCES = Path(__file__).resolve().parent / "resources"
REFERENCE = ROOT.parent / "shared" / "reference"


def resource_path(name: str) -> Path:
    """Return the path of a test resource under tests/resources/."""
    return RESOURCES / name


def reference_paragraphs(name: str = "2015-litong-report.txt") -> list[str]:
    """Return the reference report's paragraphs: image and bookmark markers dropped, whitespace trimmed."""
    path = REFERENCE / name
    if not path.is_file():
        pytest.skip(f"reference text {path} not available")
    text = path.read_text("utf-8")
    text = re.sub(r"\[(image|bookmark): [^\]]*\]", "", text)
    return [line.strip(" \u3000\t") for line in text.splitlines() if line.strip(" \u3000\t")]


def squeeze(text: str) -> str:
    """Return `text` without any whitespace (layout differs between outputs; the words must not)."""
    return re.sub(r"\s+", "", text)


def run_reportgen(
    *args: str, cwd: Path = ROOT, env: dict[str, str] | None = None, timeout: float = 180
) -> subprocess.CompletedProcess[str]:
    """Run `python -m reportgen ARGS` in a child process; SOURCE_DATE_EPOCH only where `env` sets it."""
    base = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    return subprocess.run(
        [sys.executable, "-m", "reportgen", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**base, **(env or {})},
        timeout=timeout,
    )


def pdftotext(path: Path, *args: str) -> str:
    """Return poppler's text of a PDF (-layout keeps one text line per printed line)."""
    return subprocess.run(
        ["pdftotext", *args, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture(scope="session")
def rendered_2015(tmp_path_factory: pytest.TempPathFactory) -> RenderResult:
    """Render inputs/2015.json once for the whole session."""
    out = tmp_path_factory.mktemp("out")
    return render(ROOT / "inputs" / "2015.json", out, ROOT / "src" / "reportgen" / "templates" / "legacy.docx")


@pytest.fixture
def soffice() -> str:
    """Return LibreOffice's soffice, or skip: it is an optional yardstick, never required."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        pytest.skip("LibreOffice is not installed (optional yardstick)")
    return exe


def tiny_png(width: int = 40, height: int = 20, rgb: tuple[int, int, int] = (200, 30, 30)) -> bytes:
    """Return a solid-colour PNG made without any imaging library."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    row = b"\x00" + bytes(rgb) * width
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(row * height))
        + chunk(b"IEND", b"")
    )

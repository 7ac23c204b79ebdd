"""Make src/reportgen/wordwidths.json: Word's advance widths of faces we have no width-compatible stand-in for.

Usage: .venv/bin/python bench/word_widths.py [--check]

A PDF that Word makes carries, for every embedded font, the advance width of each character code it
can show (/Widths of a simple font, /W of a CID font, in 1/1000 em) — facts about the font, read
from Word's own output. This reads every PDF in ../shared/wordpdf/ (public .docx files with the PDF
Word made of each), keeps the faces listed in FACES (those whose free stand-in has other widths:
Caladea is not Cambria's current widths, Aptos/Georgia/Verdana/Segoe UI have no compatible free
face), and writes one table per face and style: character → width. Two PDFs that disagree on a
width stop the script. The converter lays text out with these widths while the stand-in draws the
glyphs (reportgen.pdf.faces). --check: exit 1 when the file on disk differs from what it would write.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[1]
WORDPDF = ROOT.parent / "shared" / "wordpdf"
OUT = ROOT / "src" / "reportgen" / "wordwidths.json"

FACES = {
    "Cambria": "Cambria",
    "Aptos": "Aptos",
    "AptosDisplay": "Aptos Display",
    "Georgia": "Georgia",
    "Verdana": "Verdana",
    "SegoeUI": "Segoe UI",
}
"""PostScript family in Word's PDFs → the face name a .docx uses."""

STYLES = {"": "regular", "Bold": "bold", "Italic": "italic", "BoldItalic": "bold italic"}


def face_style(base_font: str) -> tuple[str, str] | None:
    """Return (face, style) of a PDF BaseFont such as "ABCDEF+Cambria,Bold" or "Aptos-BoldItalic"."""
    name = base_font.lstrip("/").split("+")[-1]
    found = re.fullmatch(r"([A-Za-z]+?)(?:[,-](Bold|Italic|BoldItalic))?", name)
    if found is None or found[1] not in FACES:
        return None
    return FACES[found[1]], STYLES[found[2] or ""]


def to_unicode(font: Any) -> dict[int, str]:
    """Return the character codes → text of a font's /ToUnicode CMap (empty without one)."""
    if "/ToUnicode" not in font:
        return {}
    data = font["/ToUnicode"].get_object().get_data().decode("latin-1")
    found: dict[int, str] = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", data, re.S):
        for code, text in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            found[int(code, 16)] = bytes.fromhex(text).decode("utf-16-be", errors="replace")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", data, re.S):
        for first, last, start in re.findall(
            r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block
        ):
            for offset, code in enumerate(range(int(first, 16), int(last, 16) + 1)):
                found[code] = chr(int(start, 16) + offset)
    return found


def simple_widths(font: Any) -> dict[str, float]:
    """Return character → width of a simple (WinAnsi) font: /FirstChar, /Widths."""
    first, widths = int(font["/FirstChar"]), font["/Widths"].get_object()
    names = to_unicode(font)
    out = {}
    for offset, width in enumerate(widths):
        code = first + offset
        text = names.get(code) or bytes([code]).decode("cp1252", errors="ignore")
        if float(width) and len(text) == 1:
            out[text] = float(width)
    return out


def cid_widths(font: Any) -> dict[str, float]:
    """Return character → width of a Type0 font: its CID font's /W (and /DW) through /ToUnicode."""
    cid = font["/DescendantFonts"][0].get_object()
    spans, default = cid.get("/W", []), float(cid.get("/DW", 1000))
    spans = spans.get_object() if hasattr(spans, "get_object") else spans
    by_code: dict[int, float] = {}
    index = 0
    while index < len(spans):
        first, second = int(spans[index]), spans[index + 1]
        if isinstance(second, list):
            by_code.update({first + n: float(w) for n, w in enumerate(second)})
            index += 2
        else:
            by_code.update({code: float(spans[index + 2]) for code in range(first, int(second) + 1)})
            index += 3
    return {text: by_code.get(code, default) for code, text in to_unicode(font).items() if len(text) == 1}


def collect(folder: Path) -> dict[str, dict[str, dict[str, float]]]:
    """Return face → style → character → width over every PDF in `folder`; stop on a disagreement."""
    tables: dict[str, dict[str, dict[str, float]]] = {}
    seen_in: dict[tuple[str, str, str], str] = {}
    for pdf in sorted(folder.rglob("*.pdf")):
        for page in PdfReader(pdf).pages:
            resources = page.get("/Resources")
            fonts = resources.get_object().get("/Font") if resources else None
            for ref in (fonts.get_object() if fonts else {}).values():
                font = ref.get_object()
                named = face_style(str(font.get("/BaseFont", "")))
                if named is None:
                    continue
                widths = cid_widths(font) if font["/Subtype"] == "/Type0" else simple_widths(font)
                table = tables.setdefault(named[0], {}).setdefault(named[1], {})
                for text, width in widths.items():
                    key = (*named, text)
                    if text in table and abs(table[text] - width) > 0.5:
                        sys.exit(
                            f"{pdf.name}: {named} {text!r} is {width}, {seen_in[key]} says {table[text]}"
                        )
                    table[text] = width
                    seen_in.setdefault(key, pdf.name)
    return tables


def render(tables: dict[str, dict[str, dict[str, float]]]) -> str:
    """Return the JSON text of the tables (sorted, widths as integers where they are)."""
    faces = {
        face: {
            style: {text: int(w) if w == int(w) else w for text, w in sorted(table.items())}
            for style, table in sorted(styles.items())
        }
        for face, styles in sorted(tables.items())
    }
    about = (
        "Advance widths (1/1000 em) that Microsoft Word's PDFs give these faces, read by "
        "bench/word_widths.py from ../shared/wordpdf/ (public .docx files with Word's PDF of each). "
        "Facts about the fonts, not the fonts: the converter lays text out with them while a free "
        "stand-in draws the glyphs. A character not listed keeps the stand-in's width."
    )
    return json.dumps({"about": about, "faces": faces}, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when the file on disk is not current")
    args = parser.parse_args(argv)
    if not WORDPDF.is_dir():
        sys.exit(f"{WORDPDF} is missing")
    text = render(collect(WORDPDF))
    if args.check:
        return 0 if OUT.is_file() and OUT.read_text("utf-8") == text else 1
    OUT.write_text(text, encoding="utf-8")
    counts = {
        face: {style: len(t) for style, t in styles.items()}
        for face, styles in json.loads(text)["faces"].items()
    }
    print(f"{OUT.relative_to(ROOT)}: {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

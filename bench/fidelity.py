"""Fidelity benchmark: our PDF of each corpus .docx against LibreOffice's PDF of the same file.

Usage: .venv/bin/python bench/fidelity.py [--markdown] [--keep DIR] [FILE.docx ...]
(--word …: the Word yardstick instead, bench/word.py: our PDF against the PDF Word made)
(--keep DIR: both PDFs of every file, and our HTML and the .docx, stay in DIR/ours and DIR/libreoffice)

Files: every tests/resources/fidelity/*.docx plus the default templates filled with inputs/2015.json
and inputs/2024-huaian.json (or only the FILEs given). Ours: reportgen.docx.docx_to_html +
reportgen.pdf.html_to_pdf in this process. LibreOffice: one `soffice --headless --convert-to pdf`
run over all files, printing with the same stand-in fonts (a fontconfig alias file made by
reportgen.fonts.fontconfig_aliases from every face the files name, theme fonts included).
Compared: page count, and each page's text (pdftotext, whitespace removed); a page is identical
when both texts are equal. Targets (issue 5): equal page count on every file, ≥ 90 % identical pages.

A second count forgives one thing only: closing punctuation that LibreOffice 7.4 leaves out of its
PDF. Where a line ends with a character and a closing mark that hangs past the margin
(“……电子屏、”), LibreOffice sometimes draws neither the mark nor anything for it — it is missing
from the page image, not just from the text layer (seen on 11 pages of the corpus). A page counts
there when LibreOffice's text is ours without some such marks.

The second totals row leaves out the corpus files where LibreOffice departs from Word
(LIBREOFFICE_DEPARTS, with the reason): reportgen follows Word there, and equal pages there would
mean copying LibreOffice's departure.

A third count compares printed lines (pdftotext -layout, in order): how many of LibreOffice's lines
our PDF prints identically — the line breaking itself, independent of where pages break.
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "resources" / "fidelity"
INPUTS = [ROOT / "inputs" / "2015.json", ROOT / "inputs" / "2024-huaian.json"]
sys.path.insert(0, str(ROOT / "src"))

from reportgen.docx import docx_to_html  # noqa: E402
from reportgen.errors import Problem  # noqa: E402
from reportgen.fonts import FontMap, fontconfig_aliases  # noqa: E402
from reportgen.pdf import html_to_pdf  # noqa: E402
from reportgen.pdf.engine.hanging import HANGING  # noqa: E402
from reportgen.pdf.libreoffice import faces_named, soffice  # noqa: E402
from reportgen.pipeline import check_input, default_template, docx_properties  # noqa: E402
from reportgen.template import build_context, fill  # noqa: E402

THEME_FACE = re.compile(rb'<a:(?:latin|ea|font)\b[^>]*\btypeface="([^"]+)"')


@dataclass
class Row:
    """One file's result: page texts of both PDFs and our converter's warnings."""

    name: str
    ours: list[str] = field(default_factory=list)
    theirs: list[str] | None = None
    warnings: list[Problem] = field(default_factory=list)
    font_notes: list[Problem] = field(default_factory=list)
    faces: set[str] = field(default_factory=set)
    our_lines: list[str] = field(default_factory=list)
    their_lines: list[str] = field(default_factory=list)

    @property
    def equal_pages(self) -> int:
        return sum(a == b for a, b in zip(self.ours, self.theirs or [], strict=False))

    @property
    def equal_but_dropped(self) -> int:
        """Pages identical once LibreOffice's dropped hanging punctuation is forgiven."""
        return sum(same_but_dropped(a, b) for a, b in zip(self.ours, self.theirs or [], strict=False))

    @property
    def total_pages(self) -> int:
        return max(len(self.ours), len(self.theirs or []))


def same_but_dropped(ours: str, theirs: str) -> bool:
    """Return True when `theirs` is `ours` with some closing punctuation marks left out."""
    i = j = 0
    while i < len(ours):
        if j < len(theirs) and ours[i] == theirs[j]:
            j += 1
        elif ours[i] not in HANGING:
            return False
        i += 1
    return j == len(theirs)


def sources(files: list[Path]) -> list[tuple[str, bytes]]:
    """Return (name, .docx bytes) of the given files, or of the corpus plus the filled templates."""
    if files:
        return [(path.name, path.read_bytes()) for path in files]
    out = [(path.name, path.read_bytes()) for path in sorted(CORPUS.glob("*.docx"))]
    for path in INPUTS:
        report = check_input(path).value
        data = fill(
            default_template(report.format), build_context(report, path.parent), docx_properties(report)
        )
        out.append((f"{path.stem}.json → {report.format}.docx", data))
    return out


def theme_faces(docx: bytes) -> set[str]:
    """Return the typefaces the theme names (faces_named only sees w:rFonts)."""
    with zipfile.ZipFile(BytesIO(docx)) as package:
        themes = [n for n in package.namelist() if n.startswith("word/theme/")]
        return {m.decode() for n in themes for m in THEME_FACE.findall(package.read(n))}


def printed_lines(pdf: Path) -> list[str]:
    """Return the PDF's printed lines (pdftotext -layout), whitespace removed, empty ones dropped."""
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [line for line in (re.sub(r"\s+", "", raw) for raw in text.splitlines()) if line]


def same_lines(ours: list[str], theirs: list[str]) -> int:
    """Return how many of LibreOffice's lines our PDF prints identically, in order (difflib)."""
    matcher = difflib.SequenceMatcher(None, ours, theirs, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks())


def page_texts(pdf: Path) -> list[str]:
    """Return each page's text without whitespace (pdftotext ends every page with a form feed)."""
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [re.sub(r"\s+", "", page) for page in text.split("\f")[:-1]]


def ours(name: str, data: bytes, fonts: FontMap, out: Path, keep_sources: bool = False) -> Row:
    converted = docx_to_html(data, fonts)
    made = html_to_pdf(converted.value)
    pdf, pdf_warnings = made.value, made.warnings
    font_warnings = fonts.report(converted.value.faces).warnings
    target = out / f"{safe(name)}.pdf"
    target.write_bytes(pdf.data)
    if keep_sources:  # the converter's HTML (stylesheet inlined) and the .docx, for diagnosis
        style = f"<style>{converted.value.css}</style>"
        target.with_suffix(".html").write_text(style + converted.value.html, encoding="utf-8")
        target.with_suffix(".docx").write_bytes(data)
    row = Row(name, page_texts(target), warnings=converted.warnings + pdf_warnings, font_notes=font_warnings)
    row.faces = converted.value.faces | faces_named(data) | theme_faces(data)
    row.our_lines = printed_lines(target)
    return row


def libreoffice(rows: list[Row], docs: dict[str, bytes], fonts: FontMap, tmp: Path, out: Path) -> None:
    """Convert every file in one soffice run and fill in each row's page texts (None on failure)."""
    exe = soffice()
    if exe is None:
        return
    folder = tmp / "docx"
    folder.mkdir()
    for name, data in docs.items():
        (folder / f"{safe(name)}.docx").write_bytes(data)
    conf = tmp / "fonts.conf"
    conf.write_text(fontconfig_aliases(fonts, set().union(*(r.faces for r in rows))), encoding="utf-8")
    env = {**os.environ, "FONTCONFIG_FILE": str(conf), "HOME": str(tmp)}
    command = [exe, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp}/profile"]
    command += ["--convert-to", "pdf", "--outdir", str(out), *sorted(map(str, folder.glob("*.docx")))]
    subprocess.run(command, env=env, capture_output=True, timeout=900, check=False)
    for row in rows:
        pdf = out / f"{safe(row.name)}.pdf"
        row.theirs = page_texts(pdf) if pdf.is_file() else None
        row.their_lines = printed_lines(pdf) if pdf.is_file() else []


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f} %" if whole else "–"


def safe(name: str) -> str:
    return re.sub(r"[^\w.-]+", "_", name.removesuffix(".docx"))


LIBREOFFICE_DEPARTS = {
    "line-spacing-rules.docx": "exact line spacing on a line grid: LibreOffice snaps it to the grid",
    "lists-bulleted.docx": "multiple line spacing on a grid: LibreOffice makes each first line shorter",
    "paragraphs-spacing.docx": "multiple line spacing on a grid: LibreOffice makes each first line shorter",
    "runs-character-formatting.docx": "text of several sizes: LibreOffice's own line heights",
    "paragraphs-indents.docx": "firstLineChars with firstLine: LibreOffice takes the twips",
    "tables-header-rows-cantsplit.docx": "single spacing: LibreOffice measures the stand-in (1.44 em)",
    "tables-merged-cells.docx": "single spacing: LibreOffice measures the stand-in (1.44 em)",
    "tables-style-borders-shading.docx": "single spacing: LibreOffice measures the stand-in (1.44 em)",
    "tables-widths-margins.docx": "a row with more cells than the grid: LibreOffice hides them",
}
"""Corpus files where LibreOffice 7.4 lays out differently from Word and reportgen follows Word
(README, “转换保真度”, lists the evidence); the table's second totals row leaves them out."""


def totals_row(rows: list[Row], label: str) -> list[str]:
    """Return a totals row over `rows` (files compared with LibreOffice)."""
    same_count = sum(len(r.ours) == len(r.theirs or []) for r in rows)
    equal, total = sum(r.equal_pages for r in rows), sum(r.total_pages for r in rows)
    forgiven = sum(r.equal_but_dropped for r in rows)
    lines_same = sum(same_lines(r.our_lines, r.their_lines) for r in rows)
    lines_total = sum(len(r.their_lines) for r in rows)
    return [
        label,
        f"page count equal on {same_count}/{len(rows)}",
        "",
        f"{equal}/{total} = {percent(equal, total)}",
        f"{forgiven}/{total} = {percent(forgiven, total)}",
        f"{lines_same}/{lines_total} = {percent(lines_same, lines_total)}",
        str(sum(len(r.warnings) for r in rows)),
    ]


def table(rows: list[Row], markdown: bool) -> list[str]:
    """Return the lines of the result table, totals last."""
    head = [
        "file",
        "our pages",
        "LO pages",
        "identical pages",
        "… but for LO's dropped marks",
        "identical lines",
        "our warnings",
    ]
    body = []
    for row in rows:
        lo = "–" if row.theirs is None else str(len(row.theirs))
        body.append(
            [
                row.name,
                str(len(row.ours)),
                lo,
                f"{row.equal_pages}/{row.total_pages}",
                f"{row.equal_but_dropped}/{row.total_pages}",
                f"{same_lines(row.our_lines, row.their_lines)}/{len(row.their_lines)}",
                str(len(row.warnings)),
            ]
        )
    compared = [r for r in rows if r.theirs is not None]
    plain = [r for r in compared if r.name not in LIBREOFFICE_DEPARTS]
    label = "**total** ({n} files{what})" if markdown else "total ({n} files{what})"
    totals = [
        totals_row(compared, label.format(n=len(compared), what="")),
        totals_row(plain, label.format(n=len(plain), what=" where LibreOffice follows Word")),
    ]
    lines = [head, *body, *totals]
    if markdown:
        out = ["| " + " | ".join(head) + " |", "|" + "|".join(["---"] + ["--:"] * (len(head) - 1)) + "|"]
        return out + ["| " + " | ".join(cells) + " |" for cells in lines[1:]]
    widths = [max(len(cells[i]) for cells in lines) for i in range(len(head))]
    return [
        "  ".join(
            c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        )
        for cells in lines
    ]


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if "--word" in argv:  # the Word yardstick (bench/word.py) shares this file's helpers
        import word

        return int(word.main([a for a in argv if a != "--word"]))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, help="only these .docx files (default: the corpus)")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown (for README)")
    parser.add_argument(
        "--keep",
        type=Path,
        help="write both PDFs of every file (and our HTML and the .docx) into this folder",
    )
    args = parser.parse_args(argv)
    fonts = FontMap.load()
    docs = dict(sources(args.files))
    with tempfile.TemporaryDirectory(prefix="reportgen-fidelity-") as name:
        tmp = Path(name)
        keep = args.keep or tmp
        (keep / "ours").mkdir(parents=True, exist_ok=True)
        (keep / "libreoffice").mkdir(parents=True, exist_ok=True)
        rows = [ours(name, data, fonts, keep / "ours", bool(args.keep)) for name, data in docs.items()]
        libreoffice(rows, docs, fonts, tmp, keep / "libreoffice")
    if soffice() is None:
        print("LibreOffice (soffice) is not installed: only our page counts are shown")
    print("\n".join(table(rows, args.markdown)))
    heading = "Warnings of our converter (and WeasyPrint), per file:"
    print(f"\n**{heading}**\n" if args.markdown else f"\n{heading}")
    for row in rows:
        for problem in row.warnings:
            print(f"- {row.name}: {problem.format()}")
    notes = sorted({p.format() for row in rows for p in row.font_notes})
    heading = "Font substitution notes (any file; not counted above):"
    print(f"\n**{heading}**\n" if args.markdown else f"\n{heading}")
    print("\n".join(f"- {note}" for note in notes) or "- none")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

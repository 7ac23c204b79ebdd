"""Word yardstick bench: our PDF of each public .docx against the PDF Microsoft Word made of it.

Usage: .venv/bin/python bench/word.py [--markdown] [--keep DIR] [--skip-long] [FILE.docx ...]
(also reached as `bench/fidelity.py --word …`)

Files: every ../shared/wordpdf/**/*.docx (README there: 47 public files, each with Word's PDF as
NAME.pdf beside it), or only the FILEs given. Ours: reportgen.docx.docx_to_html +
reportgen.pdf.html_to_pdf in this process (bench/fidelity.py's run); a file that fails to convert
prints its error and counts 0. LibreOffice, where `soffice` is installed: bench/fidelity.py's one
run over all files with the same stand-in fonts; otherwise its columns are left out.

Compared with Word's PDF, per file and in total:
- pages: page count;
- identical pages: page text (pdftotext) equal once whitespace is removed, out of the larger count;
- lines: Word's printed lines (pdftotext -layout, in order) that the PDF prints identically;
- ink: each page rendered at 40 dpi greyscale (pdftoppm), dark pixels taken as marks and dilated
  by one pixel; overlap |A∩B| / |A∪B| per page, averaged over the larger page count (a page only
  one PDF has counts 0; two blank pages count 1). Totals weigh every page the same.
Subsets: the 6 Chinese forms (ChineseResearchLaTeX/), the files without drawings (all but the
docxide-pdf cases with floating images, shapes, text boxes, charts and SmartArt) and those ten.
--keep DIR: Word's page (left) beside ours (right) as DIR/NAME-pNNN.png, and all PDFs.
--skip-long: leave out files whose Word PDF has more than 50 pages (case13: 205 pages).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageChops, ImageFilter

sys.path.insert(0, str(Path(__file__).resolve().parent))

import fidelity  # noqa: E402
from fidelity import FontMap, Row, page_texts, percent, printed_lines, safe, same_lines, soffice  # noqa: E402

WORDPDF = fidelity.ROOT.parent / "shared" / "wordpdf"
CHINESE = "ChineseResearchLaTeX"
DRAWINGS = {f"case{n}" for n in (29, 30, 31, 34, 35, 36, 37, 38)} | {"sample100kB", "sample500kB"}
"""docxide-pdf files whose content is mostly drawings (floating images, shapes, text boxes, charts)."""
DPI = 40
LONG = 50


@dataclass
class Scores:
    """One PDF measured against Word's: pages, identical pages, lines and ink (None: no PDF)."""

    pages: int = 0
    word_pages: int = 0
    equal_pages: int = 0
    lines: int = 0
    word_lines: int = 0
    ink: list[float] = field(default_factory=list)  # one overlap per page of the larger count

    @property
    def total_pages(self) -> int:
        return max(self.pages, self.word_pages)


@dataclass
class Result:
    """One file: its name (relative to wordpdf/), Word's page count, and our and LibreOffice's scores."""

    name: str
    ours: Scores
    theirs: Scores | None = None
    error: str = ""


def marks(image: Image.Image) -> Image.Image:
    """Return the page's marks (255 where the greyscale is dark), dilated by one pixel."""
    dark = image.convert("L").point(lambda v: 255 if v < 128 else 0)
    return dark.filter(ImageFilter.MaxFilter(3))


def ink_overlap(a: Image.Image, b: Image.Image) -> float:
    """Return |A∩B| / |A∪B| of two pages' dilated marks (top-left aligned); 1.0 when both are blank."""
    size = (max(a.width, b.width), max(a.height, b.height))
    layers = []
    for image in (a, b):
        canvas = Image.new("L", size, 0)
        canvas.paste(marks(image), (0, 0))
        layers.append(canvas.convert("1"))
    both = ImageChops.logical_and(*layers).convert("L").histogram()[255]
    either = ImageChops.logical_or(*layers).convert("L").histogram()[255]
    return both / either if either else 1.0


def page_images(pdf: Path, folder: Path) -> list[Image.Image]:
    """Return the PDF's pages rendered at 40 dpi greyscale (pdftoppm), in page order."""
    folder.mkdir(parents=True, exist_ok=True)
    prefix = folder / "p"
    subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", str(pdf), str(prefix)], check=True)
    files = sorted(folder.glob("p-*.pgm"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    images = []
    for path in files:
        with Image.open(path) as image:
            images.append(image.convert("L"))
    return images


def ink(ours: list[Image.Image], word: list[Image.Image]) -> list[float]:
    """Return each page's overlap over the larger page count; pages only one side has count 0."""
    common = [ink_overlap(a, b) for a, b in zip(ours, word, strict=False)]
    return common + [0.0] * (max(len(ours), len(word)) - len(common))


def compare(pdf: Path | None, word: Path, tmp: Path) -> tuple[Scores, list[Image.Image], list[Image.Image]]:
    """Return the scores of `pdf` against Word's PDF `word`, and both PDFs' page images.

    A missing `pdf` (None: the conversion failed) scores 0 on everything."""
    word_texts, word_lines = page_texts(word), printed_lines(word)
    word_images = page_images(word, tmp / "word")
    scores = Scores(word_pages=len(word_texts), word_lines=len(word_lines))
    if pdf is None or not pdf.is_file():
        scores.ink = [0.0] * len(word_texts)
        return scores, [], word_images
    texts = page_texts(pdf)
    images = page_images(pdf, tmp / "other")
    scores.pages = len(texts)
    scores.equal_pages = sum(a == b for a, b in zip(texts, word_texts, strict=False))
    scores.lines = same_lines(printed_lines(pdf), word_lines)
    scores.ink = ink(images, word_images)
    return scores, images, word_images


def side_by_side(word: list[Image.Image], ours: list[Image.Image], stem: Path) -> None:
    """Write Word's page (left) beside ours (right) as STEM-pNNN.png, one file per page."""
    for index in range(max(len(word), len(ours))):
        pair = [pages[index] if index < len(pages) else None for pages in (word, ours)]
        width = max((p.width for p in pair if p), default=1)
        height = max((p.height for p in pair if p), default=1)
        canvas = Image.new("L", (2 * width + 8, height), 128)
        for slot, page in enumerate(pair):
            if page is not None:
                canvas.paste(page, (slot * (width + 8), 0))
        canvas.save(f"{stem}-p{index + 1:03d}.png")


def sources(files: list[Path], skip_long: bool) -> list[tuple[str, Path]]:
    """Return (name relative to wordpdf/, .docx path) of the files with a Word PDF beside them."""
    paths = files or sorted(WORDPDF.glob("**/*.docx"))
    out = []
    for path in paths:
        if not path.with_suffix(".pdf").is_file():
            print(f"{path}: no Word PDF beside it, left out", file=sys.stderr)
            continue
        if skip_long and len(page_texts(path.with_suffix(".pdf"))) > LONG:
            print(
                f"{path.name}: Word's PDF has more than {LONG} pages, left out (--skip-long)", file=sys.stderr
            )
            continue
        resolved = path.resolve()
        name = (
            str(resolved.relative_to(WORDPDF.resolve()))
            if resolved.is_relative_to(WORDPDF.resolve())
            else path.name
        )
        out.append((name, path))
    return out


def run(docs: list[tuple[str, Path]], keep: Path | None) -> list[Result]:
    """Convert every file (ours, and LibreOffice where installed) and score both against Word's PDF."""
    fonts = FontMap.load()
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="reportgen-word-") as name:
        tmp = Path(name)
        out = keep or tmp
        for folder in ("ours", "libreoffice", "pages"):
            (out / folder).mkdir(parents=True, exist_ok=True)
        rows: list[Row] = []
        data = {name: path.read_bytes() for name, path in docs}
        errors: dict[str, str] = {}
        for name, _ in docs:
            started = time.monotonic()
            try:
                rows.append(fidelity.ours(name, data[name], fonts, out / "ours"))
            except Exception as exc:  # a file that fails counts 0, the bench goes on
                errors[name] = f"{type(exc).__name__}: {exc}"
                print(f"{name}: conversion failed: {errors[name]}", file=sys.stderr)
                rows.append(Row(name))
            print(f"{name}: {time.monotonic() - started:.1f} s", file=sys.stderr)
        fidelity.libreoffice(rows, data, fonts, tmp, out / "libreoffice")
        installed = soffice() is not None
        for index, (name, path) in enumerate(docs):
            pdf = None if name in errors else out / "ours" / f"{safe(name)}.pdf"
            work = tmp / "render" / str(index)
            scores, images, word_images = compare(pdf, path.with_suffix(".pdf"), work / "ours")
            result = Result(name, scores, error=errors.get(name, ""))
            if installed:
                result.theirs = compare(
                    out / "libreoffice" / f"{safe(name)}.pdf", path.with_suffix(".pdf"), work / "lo"
                )[0]
            if keep:
                side_by_side(word_images, images, out / "pages" / safe(name))
            results.append(result)
    return results


def totals(scores: list[Scores]) -> list[str]:
    """Return the total cells over `scores`: page counts equal, identical pages, lines, ink."""
    same = sum(s.pages == s.word_pages for s in scores)
    equal, pages = sum(s.equal_pages for s in scores), sum(s.total_pages for s in scores)
    lines, word_lines = sum(s.lines for s in scores), sum(s.word_lines for s in scores)
    inks = [v for s in scores for v in s.ink]
    return [
        f"equal on {same}/{len(scores)}",
        f"{equal}/{pages} = {percent(equal, pages)}",
        f"{lines}/{word_lines} = {percent(lines, word_lines)}",
        f"{sum(inks) / len(inks):.2f}" if inks else "–",
    ]


def cells(scores: Scores | None) -> list[str]:
    """Return one file's cells: pages, identical pages, lines, ink ("–" without a PDF)."""
    if scores is None:
        return ["–"] * 4
    mean = sum(scores.ink) / len(scores.ink) if scores.ink else 0.0
    return [
        str(scores.pages),
        f"{scores.equal_pages}/{scores.total_pages}",
        f"{scores.lines}/{scores.word_lines}",
        f"{mean:.2f}",
    ]


def table(results: list[Result], markdown: bool) -> list[str]:
    """Return the lines of the result table, per file and then the totals (all, Chinese, without and
    with drawings)."""
    with_lo = any(r.theirs is not None for r in results)
    head = ["file", "Word pages", "our pages", "identical pages", "lines", "ink"]
    if with_lo:
        head += ["LO pages", "LO identical pages", "LO lines", "LO ink"]
    body = []
    for r in results:
        body.append([r.name + (" (failed)" if r.error else ""), str(r.ours.word_pages), *cells(r.ours)])
        if with_lo:
            body[-1] += cells(r.theirs)
    subsets = [
        ("", results),
        (" Chinese", [r for r in results if r.name.startswith(CHINESE + "/")]),
        (" without drawings", [r for r in results if Path(r.name).stem not in DRAWINGS]),
        (" with drawings", [r for r in results if Path(r.name).stem in DRAWINGS]),
    ]
    label = "**total**{what} ({n} files)" if markdown else "total{what} ({n} files)"
    for what, chosen in subsets:
        row = [label.format(what=what, n=len(chosen)), str(sum(r.ours.word_pages for r in chosen))]
        row += totals([r.ours for r in chosen])
        if with_lo:
            theirs = [r.theirs for r in chosen if r.theirs is not None]
            row += totals(theirs) if theirs else ["–"] * 4
        body.append(row)
    lines = [head, *body]
    if markdown:
        out = ["| " + " | ".join(head) + " |", "|" + "|".join(["---"] + ["--:"] * (len(head) - 1)) + "|"]
        return out + ["| " + " | ".join(row) + " |" for row in body]
    widths = [max(len(row[i]) for row in lines) for i in range(len(head))]
    return [
        "  ".join(
            c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True))
        )
        for row in lines
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "files", nargs="*", type=Path, help="only these .docx files (default: ../shared/wordpdf)"
    )
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown (for README)")
    parser.add_argument("--keep", type=Path, help="write the PDFs and Word's page beside ours (PNG) here")
    parser.add_argument("--skip-long", action="store_true", help=f"leave out Word PDFs over {LONG} pages")
    args = parser.parse_args(argv)
    docs = sources(args.files, args.skip_long)
    if not docs:
        print(f"no .docx with a Word PDF beside it (looked in {WORDPDF})", file=sys.stderr)
        return 1
    started = time.monotonic()
    results = run(docs, args.keep)
    if soffice() is None:
        print("LibreOffice (soffice) is not installed: its columns are left out")
    print("\n".join(table(results, args.markdown)))
    for r in results:
        if r.error:
            print(f"- {r.name}: conversion failed: {r.error}")
    print(f"\n{len(results)} files in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Generate the hostile-file corpus: templates, Word files and inputs made to hurt, one folder each.

Usage: .venv/bin/python tests/resources/hostile/make_hostile.py OUT_DIR [NAME ...]

Nothing large is committed: every case is built here, at test time, in a few milliseconds. A zip
holding a 5 GiB entry is 5 MB: a raw deflate block of 1 MiB of zeros, ended with a full flush
(which resets the compressor's history), compresses to the same 1 037 bytes every time, so the
entry's data is that block 5 120 times. Each case is a folder (the child's working directory)
and a command line; `NAME.expected` beside this script holds the exit code and exactly what
reportgen prints on stderr (tests/test_hostile.py; REPORTGEN_REGENERATE=1 rewrites them).
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import shutil
import struct
import sys
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
LEGACY = ROOT / "src" / "reportgen" / "templates" / "legacy.docx"
MARKER = "HOSTILE-MARKER"
"""Text a hostile file tries to smuggle into the PDF: it must never be printed."""

REPORT = {
    "format": "legacy",
    "issuer": "某某县",
    "year": 2016,
    "sections": [{"heading": "一、概述", "content": ["本年度政府信息公开工作平稳有序。"]}],
}


@dataclass(frozen=True)
class Case:
    """A folder to build and the reportgen command to run in it."""

    name: str
    what: str
    args: tuple[str, ...]
    build: Callable[[Path], None]
    outputs: tuple[str, ...] = ("out/input.docx", "out/input.pdf")
    """The outputs of the command: they exist before (“earlier”) and must be unchanged on failure."""
    expect_exit: int = 1


CASES: dict[str, Case] = {}


def case(name: str, what: str, *args: str, outputs: tuple[str, ...] = (), expect_exit: int = 1) -> Callable:
    def register(build: Callable[[Path], None]) -> Callable[[Path], None]:
        CASES[name] = Case(name, what, args, build, outputs or Case.outputs, expect_exit)
        return build

    return register


# --- a zip writer that takes raw deflate data (for entries far larger than their bytes) ---------


@dataclass
class Entry:
    name: str
    data: bytes
    """Raw deflate data (method 8), or the bytes themselves (method 0)."""
    crc: int
    size: int
    method: int = 8


def deflated(name: str, blob: bytes) -> Entry:
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    return Entry(name, compressor.compress(blob) + compressor.flush(), zlib.crc32(blob), len(blob))


def repeated(name: str, head: bytes, chunk: bytes, times: int, tail: bytes, crc: int | None = None) -> Entry:
    """Return an entry of `head + chunk * times + tail` holding `chunk`'s compressed form only once."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = compressor.compress(head) + compressor.flush(zlib.Z_FULL_FLUSH)
    block = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    again = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    assert block == again  # a full flush resets the history: the same chunk, the same bytes
    end = compressor.compress(tail) + compressor.flush()
    if crc is None:
        crc = zlib.crc32(head)
        for _ in range(times):
            crc = zlib.crc32(chunk, crc)
        crc = zlib.crc32(tail, crc)
    size = len(head) + len(chunk) * times + len(tail)
    return Entry(name, first + block * times + end, crc, size)


def write_zip(path: Path, entries: list[Entry]) -> None:
    """Write a zip (zip64 sizes where needed) of entries whose data is already compressed."""
    out, central = bytearray(), bytearray()
    for e in entries:
        name = e.name.encode()
        big = e.size >= 0xFFFFFFFF or len(e.data) >= 0xFFFFFFFF
        sizes = (0xFFFFFFFF, 0xFFFFFFFF) if big else (len(e.data), e.size)
        extra = struct.pack("<HHQQ", 1, 16, e.size, len(e.data)) if big else b""
        offset = len(out)
        out += struct.pack("<IHHHHHIII", 0x04034B50, 45, 0, e.method, 0, 0x21, e.crc, *sizes)
        out += struct.pack("<HH", len(name), len(extra)) + name + extra + e.data
        central += struct.pack("<IHHHHHHIII", 0x02014B50, 45, 45, 0, e.method, 0, 0x21, e.crc, *sizes)
        central += struct.pack("<HHHHHII", len(name), len(extra), 0, 0, 0, 0o600 << 16, offset)
        central += name + extra
    start = len(out)
    out += central
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(central), start, 0)
    path.write_bytes(bytes(out))


# --- Word files: the default legacy template, changed ----------------------------------------


def legacy_parts() -> dict[str, bytes]:
    import zipfile

    with zipfile.ZipFile(LEGACY) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def word_file(path: Path, change: Callable[[dict[str, bytes]], None], extra: list[Entry] = ()) -> None:
    """Write the legacy template with `change` applied to its parts (name → bytes), plus `extra`."""
    parts = legacy_parts()
    change(parts)
    write_zip(path, [deflated(name, blob) for name, blob in parts.items()] + list(extra))


def add_paragraph(parts: dict[str, bytes], xml: str) -> None:
    """Append a paragraph (raw WordprocessingML) at the end of the body."""
    document = parts["word/document.xml"].decode()
    parts["word/document.xml"] = document.replace("<w:sectPr>", xml + "<w:sectPr>", 1).encode()


def text_paragraph(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'


def add_relationship(
    parts: dict[str, bytes], rid: str, kind: str, target: str, external: bool = False
) -> None:
    rels = parts["word/_rels/document.xml.rels"].decode()
    mode = ' TargetMode="External"' if external else ""
    rel = (
        f'<Relationship Id="{rid}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'relationships/{kind}" Target="{escape(target, {chr(34): "&quot;"})}"{mode}/>'
    )
    parts["word/_rels/document.xml.rels"] = rels.replace(
        "</Relationships>", rel + "</Relationships>"
    ).encode()


def add_content_type(parts: dict[str, bytes], part: str, content_type: str) -> None:
    types = parts["[Content_Types].xml"].decode()
    override = f'<Override PartName="{part}" ContentType="{escape(content_type, {chr(34): "&quot;"})}"/>'
    parts["[Content_Types].xml"] = types.replace("</Types>", override + "</Types>").encode()


def picture_paragraph(rid: str) -> str:
    return (
        '<w:p><w:r><w:drawing><wp:inline><wp:extent cx="1828800" cy="914400"/><wp:docPr id="9" name="p"/>'
        '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        '<pic:pic><pic:nvPicPr><pic:cNvPr id="9" name="p"/><pic:cNvPicPr/></pic:nvPicPr>'
        f'<pic:blipFill><a:blip r:embed="{rid}"/></pic:blipFill><pic:spPr/></pic:pic>'
        "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"
    )


def with_picture(name: str, blob: bytes, content_type: str) -> Callable[[dict[str, bytes]], None]:
    def change(parts: dict[str, bytes]) -> None:
        parts[f"word/media/{name}"] = blob
        add_relationship(parts, "rIdHostilePicture", "image", f"media/{name}")
        add_content_type(parts, f"/word/media/{name}", content_type)
        add_paragraph(parts, picture_paragraph("rIdHostilePicture"))

    return change


def png(width: int = 40, height: int = 20) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = (b"\x00" + b"\xc8\x1e\x1e" * width) * height if width * height <= 10**6 else b"\x00"
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def write_input(folder: Path, report: dict | None = None) -> None:
    (folder / "input.json").write_text(json.dumps(report or REPORT, ensure_ascii=False), encoding="utf-8")


# --- template bombs: the legacy template with one more paragraph ------------------------------


def template_bomb(name: str, what: str, tag: str) -> None:
    @case(name, what, "render", "input.json", "--template", "t.docx", "--out-dir", "out")
    def build(folder: Path) -> None:
        write_input(folder)
        word_file(folder / "t.docx", lambda parts: add_paragraph(parts, text_paragraph(tag)))


template_bomb("template-format-width", "a format width of 10⁹", "{{ '{:>1000000000}'.format('a') }}")
template_bomb("template-center", "center() to 10⁹ characters", "{{ 'a'|center(10**9) }}")
template_bomb(
    "template-nested-loops",
    "two nested range(100000) loops: 10¹⁰ iterations",
    "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
)
template_bomb("template-power-chain", "a chain of **", "{{ 9**64**64**64 }}")
template_bomb("template-printf-star", "%*s with a width of 10⁹", "{{ '%*s' % (10**9, 'a') }}")
template_bomb(
    "template-namespace-doubling",
    "a namespace string doubled in a loop",
    "{% set ns = namespace(s='x') %}{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s|length }}",
)
template_bomb(
    "template-join-separator", "join with a huge separator", "{{ range(100000)|join('x' * 100000) }}"
)
template_bomb(
    "template-recursive-macro",
    "a macro calling itself",
    "{% macro m(n) %}{{ m(n + 1) }}{% endmacro %}{{ m(0) }}",
)
template_bomb(
    "template-huge-int-printed", "an integer of 8 193 digits printed", "{{ (10**64)**64 * (10**64)**64 }}"
)
template_bomb("template-int-literal", "an integer literal of 5 000 digits", "{{ " + "9" * 5000 + " }}")
template_bomb(
    "template-many-large-strings",
    "a hundred thousand strings of a million characters",
    "{{ range(100000)|map('center', 1000000)|list|length }}",
)
template_bomb(
    "template-static-output",
    "3 000 characters of text written 30 000 times (90 MB)",
    "{% for i in range(30000) %}" + "报" * 3000 + "{% endfor %}",
)


# --- hostile Word files: each as --template (render) and as the file to convert (pdf) ----------

WORD_FILES: dict[str, tuple[str, Callable[[Path], None], int]] = {}


def word_case(name: str, what: str, render_exit: int = 1, pdf_exit: int | None = None) -> Callable:
    def register(build: Callable[[Path], None]) -> Callable[[Path], None]:
        def build_render(folder: Path) -> None:
            write_input(folder)
            build(folder / "t.docx")

        def build_pdf(folder: Path) -> None:
            build(folder / "t.docx")
            (folder / "out").mkdir()

        CASES[f"{name}--template"] = Case(
            f"{name}--template",
            what + " (as --template)",
            ("render", "input.json", "--template", "t.docx", "--out-dir", "out"),
            build_render,
            expect_exit=render_exit,
        )
        CASES[f"{name}--pdf"] = Case(
            f"{name}--pdf",
            what + " (reportgen pdf)",
            ("pdf", "t.docx", "-o", "out/t.pdf"),
            build_pdf,
            ("out/t.pdf",),
            render_exit if pdf_exit is None else pdf_exit,
        )
        return build

    return register


ZEROS_5GIB_CRC = 0x193838C3
"""zlib.crc32 of 5 GiB of zeros (computed once: 5 120 × 1 MiB)."""


@functools.cache
def zip_bomb() -> bytes:
    parts = legacy_parts()
    entries = [deflated(name, blob) for name, blob in parts.items()]
    entries.append(repeated("word/media/zeros.bin", b"", bytes(2**20), 5 * 1024, b"", ZEROS_5GIB_CRC))
    path = Path(os.environ.get("TMPDIR", "/tmp")) / f"reportgen-zip-bomb-{os.getpid()}.docx"
    write_zip(path, entries)
    try:
        return path.read_bytes()
    finally:
        path.unlink()


@word_case("docx-zip-bomb", "a 5 MB zip holding a 5 GiB entry")
def _zip_bomb(path: Path) -> None:
    path.write_bytes(zip_bomb())


@word_case("docx-huge-document-xml", "a 200 MB document.xml, 650 KB zipped")
def _huge_document(path: Path) -> None:
    parts = legacy_parts()
    head, _, tail = parts.pop("word/document.xml").partition(b"<w:sectPr>")
    paragraph = text_paragraph("报告正文。" * 8).encode()
    chunk = paragraph * (2**20 // len(paragraph))
    entries = [deflated(name, blob) for name, blob in parts.items()]
    times = 200 * 2**20 // len(chunk)
    entries.append(repeated("word/document.xml", head, chunk, times, b"<w:sectPr>" + tail))
    write_zip(path, entries)


@word_case("docx-many-entries", "20 000 files in the zip")
def _many_entries(path: Path) -> None:
    word_file(path, lambda parts: None, [deflated(f"customXml/item{i}.bin", b"x") for i in range(20000)])


def svg_bomb() -> bytes:
    defs = ['<g id="a0"><rect width="1" height="1"/></g>']
    for level in range(1, 10):
        uses = "".join(f'<use xlink:href="#a{level - 1}"/>' for _ in range(10))
        defs.append(f'<g id="a{level}">{uses}</g>')
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'width="100" height="100"><defs>{"".join(defs)}</defs><use xlink:href="#a9"/></svg>'
    ).encode()


@word_case("docx-svg-use-bomb", "an SVG picture whose <use> elements ask for 10⁹ shapes", render_exit=0)
def _svg(path: Path) -> None:
    word_file(path, with_picture("image1.svg", svg_bomb(), "image/svg+xml"))


@word_case("docx-picture-huge-pixels", "a 100 KB PNG claiming 100 000 × 100 000 pixels")
def _huge_pixels(path: Path) -> None:
    word_file(path, with_picture("image1.png", png(100000, 100000), "image/png"))


@word_case("docx-picture-not-a-picture", "1 MB of noise declared image/png", render_exit=0)
def _noise(path: Path) -> None:
    word_file(path, with_picture("image1.png", bytes(range(256)) * 4096, "image/png"))


@word_case("docx-content-type-injection", "a picture's content type carrying HTML", render_exit=0)
def _content_type(path: Path) -> None:
    injected = f'image/png;base64,AAAA"><p>{MARKER}-CONTENT-TYPE</p><img alt="'
    word_file(path, with_picture("image1.png", png(), injected))


@word_case("docx-colour-injection", "a run colour carrying CSS", render_exit=0)
def _colour(path: Path) -> None:
    colour = '000000;}body::before{content:"' + MARKER + '-CSS"}x{color:#000'
    run = (
        f'<w:p><w:r><w:rPr><w:color w:val="{escape(colour, {chr(34): "&quot;"})}"/></w:rPr>'
        "<w:t>颜色</w:t></w:r></w:p>"
    )
    word_file(path, lambda parts: add_paragraph(parts, run))


@word_case("docx-hyperlink-file-url", "a hyperlink to file:///etc/passwd", render_exit=0)
def _file_link(path: Path) -> None:
    def change(parts: dict[str, bytes]) -> None:
        add_relationship(parts, "rIdLink", "hyperlink", "file:///etc/passwd", external=True)
        add_paragraph(
            parts, '<w:p><w:hyperlink r:id="rIdLink"><w:r><w:t>链接</w:t></w:r></w:hyperlink></w:p>'
        )

    word_file(path, change)


def with_styles_dtd(dtd: str, use: str) -> Callable[[dict[str, bytes]], None]:
    def change(parts: dict[str, bytes]) -> None:
        styles = parts["word/styles.xml"].decode()
        declaration, _, rest = styles.partition("?>")
        root = rest.lstrip()
        name = root[1 : root.index(" ")]
        body = root.replace("</w:styles>", f"{use}</w:styles>")
        parts["word/styles.xml"] = f"{declaration}?><!DOCTYPE {name} [{dtd}]>{body}".encode()

    return change


@word_case("docx-entity-bomb-in-styles", "entity declarations (“billion laughs”) in styles.xml")
def _laughs(path: Path) -> None:
    dtd = '<!ENTITY l0 "ha">' + "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    use = '<w:style w:type="paragraph" w:styleId="Laugh"><w:name w:val="&l9;"/></w:style>'
    word_file(path, with_styles_dtd(dtd, use))


@word_case("docx-external-entity-in-styles", "an external entity (file:///etc/passwd) in styles.xml")
def _external_entity(path: Path) -> None:
    dtd = '<!ENTITY ext SYSTEM "file:///etc/passwd">'
    use = '<w:style w:type="paragraph" w:styleId="Ext"><w:name w:val="Ext"/>&ext;</w:style>'
    word_file(path, with_styles_dtd(dtd, use))


@word_case("docx-broken-xml", "styles.xml cut short")
def _broken(path: Path) -> None:
    def change(parts: dict[str, bytes]) -> None:
        parts["word/styles.xml"] = parts["word/styles.xml"][:-40]

    word_file(path, change)


@word_case("docx-external-header", 'a header relationship with TargetMode="External"')
def _external_header(path: Path) -> None:
    def change(parts: dict[str, bytes]) -> None:
        add_relationship(parts, "rIdHead", "header", "http://example.invalid/header1.xml", external=True)
        document = parts["word/document.xml"].decode()
        reference = '<w:headerReference w:type="default" r:id="rIdHead"/>'
        parts["word/document.xml"] = document.replace("<w:sectPr>", "<w:sectPr>" + reference).encode()

    word_file(path, change)


@word_case("docx-style-chain", "5 000 styles, each based on the next", render_exit=0)
def _style_chain(path: Path) -> None:
    def change(parts: dict[str, bytes]) -> None:
        chain = "".join(
            f'<w:style w:type="paragraph" w:styleId="S{i}"><w:name w:val="S{i}"/>'
            f'<w:basedOn w:val="S{i + 1}"/></w:style>'
            for i in range(5000)
        )
        styles = parts["word/styles.xml"].decode()
        parts["word/styles.xml"] = styles.replace("</w:styles>", chain + "</w:styles>").encode()
        add_paragraph(parts, '<w:p><w:pPr><w:pStyle w:val="S0"/></w:pPr><w:r><w:t>链</w:t></w:r></w:p>')

    word_file(path, change)


@word_case("docx-absurd-numbers", "sizes of 1e308 and inf, a cell spanning 2³¹ columns", render_exit=0)
def _numbers(path: Path) -> None:
    table = (
        '<w:tbl><w:tblGrid><w:gridCol w:w="inf"/></w:tblGrid><w:tr><w:tc><w:tcPr><w:gridSpan w:val="2147483647"/>'
        '</w:tcPr><w:p><w:r><w:rPr><w:sz w:val="inf"/></w:rPr><w:t>表</w:t></w:r></w:p></w:tc></w:tr></w:tbl>'
        '<w:p><w:pPr><w:ind w:left="1e308"/></w:pPr><w:r><w:sym w:char="FFFFFFFFFFFFFFFFFFFF"/></w:r></w:p>'
    )
    word_file(path, lambda parts: add_paragraph(parts, table))


# --- inputs naming pictures ----------------------------------------------------------------------


def picture_input(folder: Path, image: str) -> None:
    report = json.loads(json.dumps(REPORT))
    report["sections"][0]["content"].append({"image": image, "caption": "图1 示意"})
    write_input(folder, report)


def picture_case(name: str, what: str, *extra: str, expect_exit: int = 1) -> Callable:
    return case(name, what, "render", "input.json", "--out-dir", "out", *extra, expect_exit=expect_exit)


@picture_case("input-picture-absolute", "a picture at /etc/passwd")
def _absolute(folder: Path) -> None:
    picture_input(folder, "/etc/passwd")


@picture_case("input-picture-dotdot", "a picture at ../../…/etc/passwd")
def _dotdot(folder: Path) -> None:
    picture_input(folder, "../" * 30 + "etc/passwd")


@picture_case("input-picture-symlink", "a picture that is a link to /etc/passwd")
def _symlink(folder: Path) -> None:
    (folder / "图.png").symlink_to("/etc/passwd")
    picture_input(folder, "图.png")


@picture_case("input-picture-linked-folder", "a picture in a folder that is a link elsewhere")
def _linked_folder(folder: Path) -> None:
    elsewhere = folder.parent / "elsewhere"
    elsewhere.mkdir(exist_ok=True)
    (elsewhere / "pic.png").write_bytes(png())
    (folder / "pics").symlink_to(elsewhere)
    picture_input(folder, "pics/pic.png")


@picture_case("input-picture-elsewhere", "a real picture outside the input's folder")
def _elsewhere(folder: Path) -> None:
    elsewhere = folder.parent / "elsewhere"
    elsewhere.mkdir(exist_ok=True)
    (elsewhere / "pic.png").write_bytes(png())
    picture_input(folder, "../elsewhere/pic.png")


@picture_case(
    "input-picture-images-dir", "the same picture, its folder named with --images-dir", "--images-dir", "../elsewhere",
    expect_exit=0,
)  # fmt: skip
def _images_dir(folder: Path) -> None:
    _elsewhere(folder)


@picture_case("input-picture-sparse-1gb", "a 1 GB sparse file with a PNG header")
def _sparse(folder: Path) -> None:
    with (folder / "big.png").open("wb") as handle:
        handle.write(png())
        handle.truncate(2**30)
    picture_input(folder, "big.png")


@picture_case("input-picture-fifo", "a named pipe (reading it would wait for ever)")
def _fifo(folder: Path) -> None:
    os.mkfifo(folder / "pipe.png")
    picture_input(folder, "pipe.png")


@picture_case("input-picture-huge-pixels", "a small PNG claiming 100 000 × 100 000 pixels")
def _pixels(folder: Path) -> None:
    (folder / "huge.png").write_bytes(png(100000, 100000))
    picture_input(folder, "huge.png")


@picture_case("input-picture-not-a-picture", "a text file named .png")
def _text(folder: Path) -> None:
    (folder / "notes.png").write_text("这不是图片\n", encoding="utf-8")
    picture_input(folder, "notes.png")


@picture_case("input-picture-folder", "a folder named as the picture")
def _folder(folder: Path) -> None:
    (folder / "pics").mkdir()
    picture_input(folder, "pics")


@case(
    "validate-picture-symlink",
    "validate says what render says",
    "validate",
    "input.json",
    outputs=("input.json",),
)
def _validate_symlink(folder: Path) -> None:
    _symlink(folder)


def build(name: str, root: Path) -> Path:
    """Build case `name` under `root`; return its working folder (root/NAME/work)."""
    folder = root / name / "work"
    folder.mkdir(parents=True)
    CASES[name].build(folder)
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("names", nargs="*", help="only these cases (default: all)")
    args = parser.parse_args(argv)
    for name in args.names or sorted(CASES):
        shutil.rmtree(args.out / name, ignore_errors=True)
        folder = build(name, args.out)
        sys.stdout.write(
            f"{name}: {CASES[name].what}\n  cd {folder} && reportgen {' '.join(CASES[name].args)}\n"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

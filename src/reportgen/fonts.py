"""Font map: the faces a .docx names → the installed fonts the PDF embeds, and what was substituted."""

from __future__ import annotations

import functools
import json
import statistics
import struct
import subprocess
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape as xml_escape

from reportgen.errors import Problem, Result, UsageError
from reportgen.i18n import t


@dataclass(frozen=True)
class Face:
    """A font as the PDF uses it: an installed family, an optional forced weight, a warning note."""

    family: str
    weight: int | None = None
    note: str = ""


@dataclass(frozen=True)
class FittedFace:
    """A stand-in drawing a face that is not installed, laid out with Word's advance widths of that
    face (wordwidths.json) — the PDF stage makes the font (reportgen.pdf.faces)."""

    family: str
    """The CSS family the converter writes, a name of ours (a stand-in's reserved name may not be
    used by a modified font, OFL 1.1): "RG Cambria widths"."""
    face: str
    """The face the .docx names: "Cambria"."""
    stand_in: str
    """The installed family that draws the glyphs: "Caladea"."""


@functools.cache
def word_widths() -> dict[str, dict[str, dict[str, float]]]:
    """Return face → style ("regular", "bold", "italic", "bold italic") → character → width in
    1/1000 em, as Word's PDFs give them (wordwidths.json, made by bench/word_widths.py)."""
    text = resources.files("reportgen").joinpath("wordwidths.json").read_text("utf-8")
    faces: dict[str, dict[str, dict[str, float]]] = json.loads(text)["faces"]
    return faces


def fitted_advances(face: FittedFace, style: str, advances: dict[int, int], units: float) -> dict[int, int]:
    """Return code point → advance, in font units, of the stand-in's `style` laid out as Word lays out
    `face`: a character Word's PDFs show takes Word's width; any other its own advance × the median
    ratio of Word's widths to the stand-in's over those shown (a style without a table: the regular
    table's ratio). `advances`: the stand-in's, by code point; zero advances (marks) stay out."""
    widths = word_widths()[face.face]
    table = widths.get(style) or {}
    known = table or widths.get("regular", {})
    ratios = [w * units / 1000 / advances[ord(c)] for c, w in known.items() if advances.get(ord(c))]
    ratio = statistics.median(ratios) if ratios else 1.0
    out = {}
    for code, advance in advances.items():
        word = table.get(chr(code))
        if word is not None:
            out[code] = round(word * units / 1000)
        elif advance:
            out[code] = round(advance * ratio)
    return out


@functools.lru_cache(maxsize=1)
def installed_families() -> frozenset[str]:
    """Return every family name fontconfig knows (all localised names of each font)."""
    try:
        out = subprocess.run(
            ["fc-list", "--format", "%{family}\n"], capture_output=True, text=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return frozenset()
    return frozenset(name.strip() for line in out.splitlines() for name in line.split(",") if name)


@functools.lru_cache(maxsize=64)
def _font_file(family: str) -> tuple[Path, int] | None:
    """Return the file fontconfig (`fc-match`) draws `family` from and its index in a .ttc, or None."""
    try:
        out = subprocess.run(
            ["fc-match", "--format", "%{file}\n%{index}", family], capture_output=True, text=True, check=True
        ).stdout.split("\n")
        return Path(out[0]), int(out[1] or 0) if len(out) > 1 else 0
    except (OSError, subprocess.CalledProcessError, ValueError, IndexError):
        return None


@functools.lru_cache(maxsize=64)
def vertical_metrics(family: str) -> tuple[float, float] | None:
    """Return (ascent, descent) of an installed family in em (hhea, as Pango lays out), or None."""
    found = _font_file(family)
    try:
        return None if found is None else _hhea(found[0].read_bytes(), found[1])
    except (OSError, ValueError, IndexError, struct.error):
        return None


def _hhea(data: bytes, index: int) -> tuple[float, float] | None:
    """Return (ascender, -descender) / unitsPerEm of font `index` in an OpenType file or collection."""
    tables = _tables(data, index)
    if b"hhea" not in tables or b"head" not in tables:
        return None
    (units,) = struct.unpack_from(">H", data, tables[b"head"] + 18)
    ascender, descender = struct.unpack_from(">hh", data, tables[b"hhea"] + 4)
    return ascender / units, -descender / units


METRIC_COMPATIBLE = frozenset(
    {"Carlito", "Liberation Serif", "Liberation Sans", "Liberation Mono", "Tinos", "Arimo", "Cousine"}
)
"""Free faces made with the metrics of a proprietary one (Calibri, Times New Roman, Arial, Courier
New): their vertical metrics are the original's, so Word's line height can be read off them. Not
Caladea: its line (1.3 em) is not Cambria's (1.1724), nor are its widths (docs/converter.md)."""

WORD_LINES = {"Cambria": 1.1724, "Georgia": 1.1362, "Verdana": 1.2153, "Aptos": 1.2847, "Segoe UI": 1.3301}
"""Word's single line, in em, of Latin faces drawn by a stand-in whose metrics differ: (winAscent +
winDescent) / unitsPerEm of the face as embedded in Word's PDFs (../shared/wordpdf; Verdana 2059 + 430
of 2048; Georgia 1878 + 449: case7's 16 pt lines at 1.15 are 20.9 pt apart, not 23.9)."""


SYNTHETIC_BOLD = frozenset(
    {
        "宋体", "SimSun", "新宋体", "NSimSun", "仿宋", "FangSong", "仿宋_GB2312", "楷体", "KaiTi",
        "楷体_GB2312", "黑体", "SimHei", "方正小标宋简体", "方正仿宋_GBK", "方正楷体_GBK", "方正黑体_GBK",
    }
)  # fmt: skip
"""Chinese faces without a bold face: Word emboldens them itself, and each glyph is wider."""
_ZHONGYI = (0.859, 0.141)
WORD_FACE_METRICS: dict[str, tuple[float, float]] = {
    name: _ZHONGYI
    for name in ("宋体", "SimSun", "新宋体", "NSimSun", "楷体", "KaiTi", "楷体_GB2312", "仿宋", "FangSong",
                 "仿宋_GB2312", "黑体", "SimHei")
}  # fmt: skip
"""(ascent, descent) in em of Word's Chinese system faces (hhea 220/36 of 256, as embedded in Word's
PDFs of the Chinese forms), whose stand-ins' differ: Word centres them in a line by these."""

SYNTHETIC_BOLD_STROKE = 1 / 36
"""Word draws those glyphs filled and stroked (2 Tr), the line 1/36 of the size: 0.44 pt at 16 pt,
0.40 at 14, 0.48 at 18 in its PDFs of the Chinese forms (docs/converter.md)."""
SYNTHETIC_BOLD_WIDTH = 0.0193
"""How much wider, in em: bold 楷体 advances 14.27 pt at 14 pt and 16.31 pt at 16 pt in Word's PDFs of
the Chinese forms (our stand-ins have real bold faces, as wide as the regular)."""


@functools.lru_cache(maxsize=64)
def _gdi_metrics(family: str) -> tuple[int, int, int, int, int, int] | None:
    """Return (unitsPerEm, hhea ascender, descender, lineGap, OS/2 winAscent, winDescent) of an
    installed family, or None."""
    found = _font_file(family)
    if found is None:
        return None
    try:
        data = found[0].read_bytes()
        tables = _tables(data, found[1])
        if not {b"head", b"hhea", b"OS/2"} <= tables.keys():
            return None
        (units,) = struct.unpack_from(">H", data, tables[b"head"] + 18)
        ascender, descender, gap = struct.unpack_from(">hhh", data, tables[b"hhea"] + 4)
        win_ascent, win_descent = struct.unpack_from(">HH", data, tables[b"OS/2"] + 74)
    except (OSError, ValueError, IndexError, struct.error):
        return None
    return units, ascender, descender, gap, win_ascent, win_descent


def word_single_line(family: str) -> float | None:
    """Return Word's single line height of an installed family, in em, or None.

    Word (GDI) takes the OS/2 table's winAscent + winDescent and adds the external leading, what
    hhea's lineGap exceeds of their difference to hhea's ascender − descender: Calibri 1.2207 (11 pt:
    13.43 pt), Times New Roman 1.1499 (12 pt: 13.8 pt).
    """
    found = _gdi_metrics(family)
    if found is None:
        return None
    units, ascender, descender, gap, win_ascent, win_descent = found
    win = win_ascent + win_descent
    leading = max(0, gap - (win - (ascender - descender)))
    return float(win + leading) / units


WORD_ASCENTS = {
    "Cambria": 0.950,
    "Georgia": 0.917,
    "Verdana": 1.005,
    "Aptos": 0.939,
    "Aptos Display": 0.939,
    "Segoe UI": 1.079,
}
"""Word's ascent (winAscent / unitsPerEm) of Latin faces drawn by a stand-in whose metrics differ: the
/Ascent of the faces Word embeds in its PDFs (../shared/wordpdf)."""


def word_ascent(face: str, family: str) -> float | None:
    """Return, in em, how far below a line's top Word puts the baseline of Latin text in `face`
    drawn by `family`: its winAscent (WORD_ASCENTS, or the family's own when it is the face or
    metric-compatible with it); None when unknown."""
    if face in WORD_ASCENTS:
        return WORD_ASCENTS[face]
    if family != face and family not in METRIC_COMPATIBLE:
        return None
    found = _gdi_metrics(family)
    return None if found is None else found[4] / found[0]


def _tables(data: bytes, index: int) -> dict[bytes, int]:
    """Return the offsets of the tables of font `index` in an OpenType file or collection."""
    offset = struct.unpack_from(">I", data, 12 + 4 * index)[0] if data[:4] == b"ttcf" else 0
    (count,) = struct.unpack_from(">H", data, offset + 4)
    tables = {}
    for entry in range(count):
        tag, _, where, _ = struct.unpack_from(">4sIII", data, offset + 12 + 16 * entry)
        tables[tag] = where
    return tables


@dataclass
class FontMap:
    """Official face → ordered stand-ins, resolved against the installed fonts."""

    faces: dict[str, list[Face]]
    default: str
    installed: frozenset[str]
    _resolved: dict[str, Face] = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls, override: Path | None = None) -> FontMap:
        """Return the package's default map, with the entries of `override` (a TOML file) on top."""
        text = resources.files("reportgen").joinpath("fontmap.toml").read_text("utf-8")
        data = tomllib.loads(text)
        if override is not None:
            try:
                extra = tomllib.loads(override.read_text("utf-8"))
            except (OSError, tomllib.TOMLDecodeError) as exc:
                raise UsageError(t("无法读取字体映射文件：{error}", error=exc), path=override) from exc
            data["faces"] = {**data.get("faces", {}), **extra.get("faces", {})}
            data["default"] = extra.get("default", data["default"])
        faces = {name: [_face(v) for v in values] for name, values in data["faces"].items()}
        return cls(faces=faces, default=data["default"], installed=installed_families())

    def resolve(self, name: str) -> Face:
        """Return the installed face to use for `name` (cached)."""
        if name not in self._resolved:
            self._resolved[name] = self._resolve(name)
        return self._resolved[name]

    def _resolve(self, name: str) -> Face:
        if ";" in name:
            # LibreOffice and WPS write alternatives: "Liberation Sans;Arial", "楷体_GB2312;楷体" —
            # the first one installed or mapped to an installed stand-in (Word took Arial there)
            names = [part.strip() for part in name.split(";") if part.strip()]
            for part in names:
                if self._available(part):
                    return self.resolve(part)
            name = names[0] if names else name
        if name in self.installed:
            return Face(name)
        for face in self.faces.get(name, []):
            if face.family in self.installed:
                return face
        note = t(
            "字体“{name}”没有安装，字体映射中也没有已安装的替代字体；PDF 中用 {default} 代替",
            name=name,
            default=self.default,
        )
        return Face(self.default, note=note)

    def fitted(self, name: str) -> FittedFace | None:
        """Return the fitted face for `name` when a stand-in draws it and Word's widths of it are
        known (wordwidths.json); None when it is installed, unknown, or falls to the default."""
        face = self.resolve(name)
        if face.family == name or face.note or name not in word_widths():
            return None
        return FittedFace(f"RG {name} widths", name, face.family)

    def _available(self, name: str) -> bool:
        """Return True when `name` is installed or has an installed stand-in in the map."""
        return name in self.installed or any(
            face.family in self.installed for face in self.faces.get(name, [])
        )

    def report(self, names: Iterable[str]) -> Result[list[str]]:
        """Return one line per substitution made for the faces a document used, with warnings."""
        lines: list[str] = []
        warnings: list[Problem] = []
        for name in sorted(names):
            face = self.resolve(name)
            if face.family != name:
                weight = f"（{face.weight}）" if face.weight else ""
                fitted = t("（字宽按 Word 的 {name}）", name=name) if self.fitted(name) else ""
                lines.append(f"{name} → {face.family}{weight}{fitted}")
            if face.note:
                note = face.note if name in face.note else f"{name}：{face.note}"
                warnings.append(Problem(t("字体"), note))
        return Result(lines, warnings)


def _face(value: Any) -> Face:
    if isinstance(value, str):
        return Face(value)
    return Face(value["family"], value.get("weight"), value.get("note", ""))


def fontconfig_aliases(fonts: FontMap, names: set[str]) -> str:
    """Return a fonts.conf that maps each of `names` to its stand-in, for other engines (LibreOffice).

    Use it with FONTCONFIG_FILE so that LibreOffice prints with the same stand-ins as our PDF.
    """
    rules = []
    for name in sorted(names):
        face = fonts.resolve(name)
        if face.family == name:
            continue
        weight = '<edit name="weight" mode="assign"><const>bold</const></edit>' if face.weight else ""
        rules.append(
            f'<match target="pattern"><test name="family"><string>{xml_escape(name)}</string></test>'
            f'<edit name="family" mode="assign" binding="strong"><string>{xml_escape(face.family)}</string>'
            f"</edit>{weight}</match>"
        )
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
        + "\n".join(rules)
        + "\n</fontconfig>\n"
    )

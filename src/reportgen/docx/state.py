"""What the conversion stages share: the document's resources and warnings, and where the walk is."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reportgen.docx.css import WORD_SINGLE_LINE, ClassTable, Grid, font_size
from reportgen.docx.numbering import Numbering
from reportgen.docx.ooxml import Element
from reportgen.docx.properties import Props, StyleSheet
from reportgen.errors import Problem
from reportgen.fonts import METRIC_COMPATIBLE, WORD_LINES, FontMap, word_single_line

WARNING_CHARS = 300


class ConversionState:
    """One document's conversion: its styles, fonts, numbering, theme and footnotes, the CSS class
    table, and what the stages noticed (warnings, the font faces used)."""

    def __init__(
        self,
        styles: StyleSheet,
        fonts: FontMap,
        classes: ClassTable,
        numbering: Numbering,
        theme: dict[str, str] | None = None,
        footnotes: tuple[Any, dict[str, Element]] | None = None,
    ) -> None:
        self.styles = styles
        self.numbering = numbering
        self.theme = theme or {}
        part, notes = footnotes or (None, {})
        self.footnotes_part: Any = part  # python-docx's footnotes part (None without footnotes)
        self.footnotes: dict[str, Element] = notes
        self.fonts = fonts
        self.classes = classes
        self.warnings: list[Problem] = []
        self.used_faces: set[str] = set()
        self._warned: set[tuple[str, str]] = set()
        self.default_tab = 36.0  # pt, w:defaultTabStop (set by docx_to_html)
        self.page: Any = None  # the PageSetup of the section being converted (floating drawings)
        normal_run = {**styles.defaults_r, **styles.resolve(styles.default_para)[1]}
        self.normal_size = font_size(normal_run)  # the character grid's cell: this + charSpace

    def single_line(self, face: str, script: str) -> float:
        """Return Word's single line, in em, of text in `face` and `script` ("latin" or "ea").

        East Asian text: 1.3 (Word's for the official faces, whose metrics the stand-ins do not
        share). Latin text in a face whose metrics are known — installed itself, or drawn by a
        metric-compatible stand-in (Carlito for Calibri) — the font's own (fonts.word_single_line);
        Georgia, Verdana, Aptos, Segoe UI: their line as Word's PDFs embed them (fonts.WORD_LINES).
        """
        if script == "ea":
            return WORD_SINGLE_LINE
        if face in WORD_LINES:
            return WORD_LINES[face]
        family = self.fonts.resolve(face).family
        if family not in METRIC_COMPATIBLE and not (family == face and face in LATIN_FACES):
            return WORD_SINGLE_LINE
        return word_single_line(family) or WORD_SINGLE_LINE

    def warn(self, where: str, message: str) -> None:
        """Record a warning once per (place, message); a name taken from the file cannot make it
        longer than WARNING_CHARS."""
        if len(message) > WARNING_CHARS:
            message = message[: WARNING_CHARS - 1] + "…"
        if (where, message) not in self._warned:
            self._warned.add((where, message))
            self.warnings.append(Problem(where, message))


@dataclass
class Story:
    """Where the converter is: the package part (for relationships) and a label for messages."""

    part: Any
    label: str
    paragraphs: int = 0
    tables: int = 0
    area: str = "body"  # body, header, footer or note: where floating drawings are placed from


LATIN_FACES = frozenset({"Calibri", "Times New Roman", "Arial", "Courier New"})
"""Latin faces whose own line Word uses when the machine has them installed."""


@dataclass
class RunContext:
    """One paragraph's setting for its runs: place, grid, base formatting, strut and sizes seen."""

    where: str
    story: Story
    grid: Grid
    snap: bool
    base_run: Props
    plain: list[str] = field(default_factory=list)
    auto_space: bool = True
    para: Props = field(default_factory=dict)
    sizes: set[float] = field(default_factory=set)
    strut_size: float | None = None
    text_size: float = 0.0
    single: float = 0.0
    """Word's single line (em) of the faces the paragraph's text uses so far: the largest."""


@dataclass
class Field:
    """A complex field being read (w:fldChar begin … separate … end)."""

    instr: str = ""
    showing_result: bool = False
    counter: str | None = None


@dataclass
class Latin:
    """The Latin segment last emitted, and where: it may still get an auto space after it."""

    text: str
    run: Props
    space_before: float
    chunk: list[str]
    index: int


@dataclass
class ParagraphState:
    """The HTML of a paragraph being written: one chunk per page it spans, and the open fields."""

    chunks: list[list[str]] = field(default_factory=lambda: [[]])
    breaks: list[str] = field(default_factory=list)
    """Before each chunk after the first: "page" or "column" (w:br type=page|column)."""
    fields: list[Field] = field(default_factory=list)
    last_char: str = ""
    has_tab: bool = False
    has_image: bool = False
    last_latin: Latin | None = None
    floats: list[Any] = field(default_factory=list)  # drawings.Floating, out of the text flow

    def visible(self) -> bool:
        """Return whether what is emitted now reaches the paragraph (see emit)."""
        return not any(f.counter or not f.showing_result for f in self.fields)

    def emit(self, html_text: str) -> None:
        if not self.visible():
            return  # inside field instructions, or the cached result of a page-number field
        self.chunks[-1].append(html_text)

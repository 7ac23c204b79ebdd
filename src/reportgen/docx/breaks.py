"""Markup that mends Pango's line breaking where Word and LibreOffice break differently."""

from __future__ import annotations

import html
import re

from reportgen.docx.hints import nowrap

DIGIT_HYPHEN = re.compile(r"(?<=\d-)(?=\d)")
URL = re.compile(r"(?:https?://|www\.)[^\s?/][^\s?]*\??")
"""A URL up to its “?” (LibreOffice breaks after it; Word's PDFs have no URL at a line end to say)."""
SLASH_WORD = re.compile(
    r"(?<![\w/:.])\w{1,12}(?:/\w{1,12}){1,3}(?![\w/:])"  # “GB/T”, “and/or”, “1/2”
    r"|" + URL.pattern
)
"""Words joined by slashes and URLs: kept on one line, where Pango would break after a “/”."""
AFTER_HYPHEN = re.compile(r"(?<=-)(?=\w)")
"""Inside a URL Word breaks after a hyphen only, as in any word (“2019-|04”, “e-|gov”)."""
QUOTE_BREAK = re.compile(r"(?<=[”’])(?=.)|(?<=.)(?=[“‘])")


def latin_parts(text: str, on_char_grid: bool) -> list[str]:
    """Return a Latin segment's parts, each a box of its own.

    “9704-2012” may break after the hyphen in Word and LibreOffice, not in Pango: the parts are
    separate boxes, and engine/breaks.can_break_text allows that break. A URL with a slash stays
    one part (keep_slash_words cuts it after its hyphens). On a character grid one Latin run fills
    whole cells: it is kept whole (each piece would round up).
    """
    if on_char_grid:
        return [text]
    urls = [match.span() for match in URL.finditer(text) if "/" in match.group()]
    cuts = [
        match.start()
        for match in DIGIT_HYPHEN.finditer(text)
        if not any(start < match.start() < end for start, end in urls)
    ]
    return [text[start:end] for start, end in zip([0, *cuts], [*cuts, len(text)], strict=True)]


def _unbreakable(word: str) -> str:
    """Return escaped markup of a slash-joined word or URL: one rg-nowrap box per piece between
    the places Word may break (after a hyphen of a URL)."""
    pieces = AFTER_HYPHEN.split(word) if URL.match(word) else [word]
    return "".join(nowrap(html.escape(piece, quote=False)) for piece in pieces)


def keep_slash_words(text: str) -> str:
    """Return escaped Latin text whose slash-joined words and URLs break only where Word breaks them.

    “GB/T”, “and/or”, URLs: Word does not break after a slash (Pango does, UAX #14 class SY),
    nor at “.”, “:” or “@”; in a URL it breaks after a hyphen, as in any word. A URL longer than
    a line breaks at the margin (engine/breaks.split_first_line).
    """
    out: list[str] = []
    pos = 0
    for match in SLASH_WORD.finditer(text):
        out.append(html.escape(text[pos : match.start()], quote=False))
        out.append(_unbreakable(match.group()))
        pos = match.end()
    out.append(html.escape(text[pos:], quote=False))
    return "".join(out)


def quote_pieces(text: str) -> list[str]:
    """Return East Asian text cut after each ” ’ and before each “ ‘.

    Chinese quotation marks: Word and LibreOffice break before “ and after ” between ideographs,
    Pango (UAX #14 before LB19a) never does. Each piece is a box of its own; engine/breaks.can_break_text
    allows the break between them.
    """
    return QUOTE_BREAK.split(text)

"""Markup that mends Pango's line breaking where Word and LibreOffice break differently."""

from __future__ import annotations

import html
import re

from reportgen.docx.hints import nowrap

DIGIT_HYPHEN = re.compile(r"(?<=\d-)(?=\d)")
SLASH_WORD = re.compile(
    r"(?<![\w/:.])\w{1,12}(?:/\w{1,12}){1,3}(?![\w/:])"  # “GB/T”, “and/or”, “1/2”
    r"|(?:https?://|www\.)[^\s?/][^\s?]{0,58}\??"  # a URL up to its “?” (LibreOffice breaks after it)
)
"""Words joined by slashes and URLs: kept on one line, where Pango would break after a “/”."""
QUOTE_BREAK = re.compile(r"(?<=[”’])(?=.)|(?<=.)(?=[“‘])")


def latin_parts(text: str, on_char_grid: bool) -> list[str]:
    """Return a Latin segment's parts, each a box of its own.

    “9704-2012” may break after the hyphen in Word and LibreOffice, not in Pango: the parts are
    separate boxes, and cjk_justify.can_break_text allows that break. On a character grid one
    Latin run fills whole cells: it is kept whole (each piece would round up).
    """
    return [text] if on_char_grid else DIGIT_HYPHEN.split(text)


def keep_slash_words(text: str) -> str:
    """Return escaped Latin text whose slash-joined words and URLs are kept on one line.

    “GB/T”, “and/or”, URLs: Word and LibreOffice do not break after a slash, Pango does
    (UAX #14 class SY).
    """
    return SLASH_WORD.sub(lambda m: nowrap(m.group()), html.escape(text, quote=False))


def quote_pieces(text: str) -> list[str]:
    """Return East Asian text cut after each ” ’ and before each “ ‘.

    Chinese quotation marks: Word and LibreOffice break before “ and after ” between ideographs,
    Pango (UAX #14 before LB19a) never does. Each piece is a box of its own; cjk_justify.can_break_text
    allows the break between them.
    """
    return QUOTE_BREAK.split(text)

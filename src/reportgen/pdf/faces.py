"""Fitted faces: a free stand-in whose advance widths are Word's widths of the face it draws.

Cambria, Aptos, Georgia, Verdana and Segoe UI have no free face with their widths (Caladea is not
the current Cambria's: its “e” is 441/1000 em, Word's 488), so lines set in them broke elsewhere than
in Word. The PDF stage makes, once per process, a copy of the stand-in (fontTools) whose advances are
Word's (fonts.word_widths, read off Word's own PDFs) and registers it with WeasyPrint's font
configuration under a name of ours ("RG Cambria widths"): the glyphs are the stand-in's, each placed
on Word's advance, so lines, breaks and justification follow Word. Characters Word's PDFs did not
show take the stand-in's width scaled by the median ratio of those they did. The copy has no
kerning (Word's pairs are not known) and carries the stand-in's licence; its name avoids the
stand-in's reserved names (OFL 1.1 §3).
"""

from __future__ import annotations

import base64
import functools
import io
import logging
from collections.abc import Iterable
from typing import Any

from reportgen.fonts import FittedFace, _font_file, fitted_advances, word_widths

STYLES = {
    (False, False): "regular",
    (True, False): "bold",
    (False, True): "italic",
    (True, True): "bold italic",
}
DROPPED = ("kern", "GPOS", "hdmx", "LTSH", "VDMX", "DSIG")
"""Tables that would contradict the new advances (device widths, kerning by the stand-in's pairs)."""


def register(config: Any, faces: Iterable[FittedFace], fetcher: Any, done: set[tuple[str, str]]) -> None:
    """Add the four styles of each fitted face to WeasyPrint's font configuration `config` (once:
    `done` holds what this configuration has)."""
    for face in faces:
        for (bold, italic), style in STYLES.items():
            if (face.family, style) in done:
                continue
            data = fitted_font(face, style)
            if data is not None:
                descriptors = {
                    "src": [("external", "data:font/ttf;base64," + base64.b64encode(data).decode())],
                    "font_family": face.family,
                    "font_weight": 700 if bold else 400,
                    "font_style": "italic" if italic else "normal",
                }
                config.add_font_face(descriptors, fetcher)
            done.add((face.family, style))


@functools.cache
def fitted_font(face: FittedFace, style: str) -> bytes | None:
    """Return the stand-in's font file of `style` with Word's advances of `face`, or None when the
    stand-in's file cannot be found or read."""
    bold, italic = "bold" in style, "italic" in style
    query = face.stand_in + (":weight=bold" if bold else "") + (":slant=italic" if italic else "")
    found = _font_file(query)
    if found is None:
        return None
    from fontTools.ttLib import TTFont, TTLibError

    quiet = logging.getLogger("fontTools")  # it warns of odd dates in some fonts' head table
    level = quiet.level
    quiet.setLevel(logging.ERROR)
    out = io.BytesIO()
    try:
        with TTFont(str(found[0]), fontNumber=found[1], recalcTimestamp=False, lazy=True) as font:
            _set_advances(font, face, style)
            for tag in DROPPED:
                if tag in font:
                    del font[tag]
            _rename(font, face.family, style)
            font.save(out)
    except (OSError, TTLibError, KeyError, ValueError) as exc:
        raise ValueError(f"{found[0]}: {exc}") from exc
    finally:
        quiet.setLevel(level)
    return out.getvalue()


def _set_advances(font: Any, face: FittedFace, style: str) -> None:
    """Give every encoded glyph its advance from fonts.fitted_advances, centring the outline on it; a
    glyph two characters share takes the listed character's width."""
    cmap, units, metrics = font.getBestCmap(), font["head"].unitsPerEm, font["hmtx"].metrics
    advances = fitted_advances(face, style, {code: metrics[glyph][0] for code, glyph in cmap.items()}, units)
    listed = word_widths()[face.face].get(style) or {}
    new: dict[str, int] = {}
    for code in sorted(advances):
        if chr(code) in listed:
            new[cmap[code]] = advances[code]
        else:
            new.setdefault(cmap[code], advances[code])
    for glyph, advance in new.items():
        old, bearing = metrics[glyph]
        metrics[glyph] = (advance, bearing + (advance - old) // 2)  # the outline centred on it


def _rename(font: Any, family: str, style: str) -> None:
    """Name the font `family` (name IDs 1, 4, 6, 16, 17 replaced; copyright and licence kept)."""
    name = font["name"]
    name.names = [record for record in name.names if record.nameID not in (1, 2, 3, 4, 6, 16, 17, 21, 22)]
    subfamily = style.title() if style != "regular" else "Regular"
    postscript = (family + "-" + subfamily).replace(" ", "")
    for name_id, value in (
        (1, family),
        (2, subfamily),
        (3, postscript),
        (4, f"{family} {subfamily}"),
        (6, postscript),
    ):
        name.setName(value, name_id, 3, 1, 0x409)

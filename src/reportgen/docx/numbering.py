"""Numbered and bulleted lists: numbering.xml definitions, counters per list, labels as Word prints them."""

from __future__ import annotations

from dataclasses import dataclass, field

from reportgen.docx.ooxml import Element, child, to_int, w, wattr
from reportgen.docx.properties import Props, parse_ppr, parse_rpr

CHINESE_DIGITS = "〇一二三四五六七八九"
HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
SYMBOL_BULLETS = {  # Symbol/Wingdings private-use bullets Word writes → Unicode
    "\uf0b7": "•",
    "\uf0a7": "▪",
    "\uf06c": "●",
    "\uf06e": "■",
    "\uf075": "◆",
    "\uf076": "❖",
    "\uf0d8": "➢",
    "\uf0fc": "✓",
    "\uf0a8": "◦",
    "\uf06f": "□",
}


@dataclass(frozen=True)
class Level:
    """One level of a list definition (w:lvl)."""

    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    suffix: str = "tab"
    restart: int | None = None
    ppr: Props = field(default_factory=dict)
    rpr: Props = field(default_factory=dict)


@dataclass(frozen=True)
class Label:
    """The printed label of a numbered paragraph and the formatting it brings."""

    text: str
    suffix: str
    ppr: Props
    rpr: Props


class Numbering:
    """The document's list definitions and the running counters of every list."""

    def __init__(self, numbering_el: Element | None) -> None:
        self._abstract: dict[str, dict[int, Level]] = {}
        self._nums: dict[str, tuple[str, dict[int, int]]] = {}
        self._counters: dict[str, dict[int, int]] = {}
        if numbering_el is None:
            return
        for abstract in numbering_el.iter(w("abstractNum")):
            levels = {}
            for lvl in abstract.iter(w("lvl")):
                ilvl = to_int(wattr(lvl, "ilvl")) or 0
                levels[ilvl] = Level(
                    start=_start(lvl),
                    fmt=wattr(child(lvl, "numFmt"), "val", "decimal") or "decimal",
                    text=wattr(child(lvl, "lvlText"), "val", "") or "",
                    suffix=wattr(child(lvl, "suff"), "val", "tab") or "tab",
                    restart=to_int(wattr(child(lvl, "lvlRestart"), "val")),
                    ppr=parse_ppr(child(lvl, "pPr")),
                    rpr=parse_rpr(child(lvl, "rPr")),
                )
            self._abstract[wattr(abstract, "abstractNumId") or ""] = levels
        for num in numbering_el.iter(w("num")):
            overrides: dict[int, int] = {}
            for override in num.iter(w("lvlOverride")):
                start = child(override, "startOverride")
                if start is not None:
                    overrides[to_int(wattr(override, "ilvl")) or 0] = to_int(wattr(start, "val")) or 0
            self._nums[wattr(num, "numId") or ""] = (
                wattr(child(num, "abstractNumId"), "val") or "",
                overrides,
            )

    def label(self, num_id: str, ilvl: int) -> Label | None:
        """Advance list `num_id` at level `ilvl` and return its label; None for numId 0 or unknown."""
        if num_id == "0" or num_id not in self._nums:
            return None
        abstract_id, overrides = self._nums[num_id]
        levels = self._abstract.get(abstract_id, {})
        level = levels.get(ilvl, Level())
        counters = self._counters.setdefault(num_id, {})
        if ilvl in counters:
            counters[ilvl] += 1
        else:
            counters[ilvl] = overrides.get(ilvl, level.start)
        for deeper in [k for k in counters if k > ilvl]:
            restart = levels.get(deeper, Level()).restart
            if restart is None or restart == 0 or restart > ilvl:
                del counters[deeper]
        text = level.text
        for index in range(9):
            placeholder = f"%{index + 1}"
            if placeholder in text:
                value = counters.get(index, levels.get(index, Level()).start)
                text = text.replace(placeholder, format_number(value, levels.get(index, Level()).fmt))
        if level.fmt == "bullet":
            text = (
                "".join(SYMBOL_BULLETS.get(c, "•") if 0xF000 <= ord(c) <= 0xF0FF else c for c in level.text)
                or "•"
            )
        if level.fmt == "none":
            text = ""
        return Label(text, level.suffix, level.ppr, level.rpr)


def _start(lvl: Element) -> int:
    start = to_int(wattr(child(lvl, "start"), "val"))
    return 1 if start is None else start


def format_number(value: int, fmt: str) -> str:
    """Return `value` in one of Word's number formats (decimal where the format is unknown)."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "ideographDigital"):
        return (
            chinese_number(value)
            if fmt != "ideographDigital"
            else "".join(CHINESE_DIGITS[int(d)] for d in str(value))
        )
    if fmt == "ideographTraditional":
        return HEAVENLY_STEMS[(value - 1) % 10]
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return CIRCLED[value - 1] if 1 <= value <= len(CIRCLED) else str(value)
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(d) + 0xFEE0) for d in str(value))
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt in ("upperLetter", "lowerLetter"):
        letters = ""
        n = value
        while n > 0:
            n, rem = divmod(n - 1, 26)
            letters = chr(65 + rem) + letters
        return letters if fmt == "upperLetter" else letters.lower()
    if fmt in ("upperRoman", "lowerRoman") and 0 < value < 4000:  # beyond: decimal (no "M" × 10⁶)
        roman = _roman(value)
        return roman if fmt == "upperRoman" else roman.lower()
    return str(value)


def chinese_number(value: int) -> str:
    """Return 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (up to 9999)."""
    if value <= 0 or value > 9999:
        return str(value)
    units = ["", "十", "百", "千"]
    digits = [int(d) for d in str(value)]
    out, zero = "", False
    for position, digit in enumerate(digits):
        unit = units[len(digits) - position - 1]
        if digit == 0:
            zero = True
            continue
        if zero and out:
            out += "零"
        zero = False
        out += CHINESE_DIGITS[digit] + unit
    if 10 <= value < 20:
        out = out[1:]  # 十二, not 一十二
    return out


def _roman(value: int) -> str:
    numerals = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ]
    out = ""
    for number, numeral in numerals:
        while value >= number:
            out += numeral
            value -= number
    return out

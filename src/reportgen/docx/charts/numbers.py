"""Numbers in a chart: Excel number format codes (the common ones) and Excel's automatic axis scale.

The scale (docs/drawings.md, Charts): the axis starts at 0 when every value is ≥ 0 and the
smallest is below 5/6 of the largest (mirrored for negatives); otherwise at the smallest value
less 5 % of the range. The top is the largest value plus 5 % of the span from the axis start.
The major unit is the smallest 1, 2 or 5 × 10ⁿ that divides that span into at most 10 steps; the
ends are rounded outwards to whole units. Fixed c:min, c:max and c:majorUnit are kept.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

MAX_STEPS = 10
HEADROOM = 0.05
ZERO_RATIO = 5 / 6
_QUOTED = re.compile(r'"([^"]*)"|\\(.)|\[[^\]]*\]|_.|\*.')


@dataclass(frozen=True)
class Scale:
    """An axis scale: its ends and the major unit."""

    low: float
    high: float
    unit: float

    def ticks(self) -> list[float]:
        """Return the values of the major ticks from low to high."""
        count = round((self.high - self.low) / self.unit)
        return [_clean(self.low + i * self.unit) for i in range(min(count, 1000) + 1)]

    def place(self, value: float) -> float:
        """Return where `value` lies between the ends: 0 at low, 1 at high."""
        span = self.high - self.low
        return (value - self.low) / span if span else 0.0


def auto_scale(
    low: float, high: float, fixed_low: float | None = None, fixed_high: float | None = None,
    unit: float | None = None, zero_based: bool = True, max_steps: int = MAX_STEPS,
) -> Scale:  # fmt: skip
    """Return Excel's automatic scale for data from `low` to `high` (the rule in the module docstring);
    `max_steps`: at most this many major units (a short axis, as a radar's, has fewer)."""
    if low > high:
        low, high = high, low
    if low == high:
        low, high = (min(low, 0.0), max(high, 0.0)) if low else (0.0, 1.0)
        if low == high:
            high = low + 1
    if zero_based and 0 <= low < ZERO_RATIO * high:
        start, top = 0.0, high + HEADROOM * high
    elif zero_based and ZERO_RATIO * low < high <= 0:
        start, top = low + HEADROOM * low, 0.0
    else:
        start, top = low - HEADROOM * (high - low), high + HEADROOM * (high - low)
        start = 0.0 if low >= 0 > start else start
        top = 0.0 if high <= 0 < top else top
    if fixed_low is not None:
        start = fixed_low
    if fixed_high is not None:
        top = fixed_high
    if top <= start:
        top = start + 1
    step = unit or _unit(top - start, max_steps)
    lo = fixed_low if fixed_low is not None else math.floor(start / step + 1e-9) * step
    hi = fixed_high if fixed_high is not None else math.ceil(top / step - 1e-9) * step
    if hi <= lo:
        hi = lo + step
    return Scale(_clean(lo), _clean(hi), step)


def _unit(span: float, max_steps: int = MAX_STEPS) -> float:
    """Return the smallest 1, 2 or 5 × 10ⁿ dividing `span` into at most `max_steps` steps."""
    power = 10 ** math.floor(math.log10(span / MAX_STEPS))
    for factor in (1, 2, 5, 10, 20, 50, 100):
        step = factor * power
        if span / step <= max_steps + 1e-9:
            return _clean(step)
    return _clean(50 * power)


def _clean(value: float) -> float:
    """Return `value` without binary noise (0.30000000000000004 → 0.3)."""
    return float(f"{value:.12g}")


def format_number(value: float, code: str | None) -> str:
    """Return `value` formatted with Excel number format `code` (General, 0, 0.0, #,##0, 0%, 0.0%,
    literal text and currency signs, sections for negatives and zero); anything else as General."""
    code = (code or "General").strip()
    sections = _split_sections(code)
    section = sections[0]
    negative = value < 0
    if negative and len(sections) > 1:
        section, value = sections[1], -value
        negative = False
    elif value == 0 and len(sections) > 2:
        section = sections[2]
    if section.lower() in ("general", ""):
        text = _general(abs(value))
        return ("-" if negative and text != "0" else "") + text
    literal_free = _QUOTED.sub("", section)
    if not re.search(r"[0#?]", literal_free):
        return _literal(section)
    percent = "%" in literal_free
    number = abs(value) * (100 if percent else 1)
    digits = re.search(r"[0#?][0#?,]*(\.([0#?]*))?", literal_free)
    decimals = len(digits.group(2) or "") if digits else 0
    grouped = digits is not None and "," in digits.group(0).split(".")[0]
    rounded = Decimal(repr(number)).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    body = f"{rounded:,f}" if grouped else f"{rounded:f}"
    if (
        digits
        and digits.group(0).split(".")[0].strip(",").startswith("#")
        and body.startswith("0")
        and len(body.split(".")[0]) == 1
    ):
        body = body[1:] if decimals else body  # '#.0' writes .5, '#,##0' still writes 0
    prefix, suffix = _around(section)
    sign = "-" if negative and float(body.replace(",", "") or 0) != 0 else ""
    return f"{sign}{prefix}{body}{suffix}"


def _split_sections(code: str) -> list[str]:
    sections, current, quoted = [], "", False
    for char in code:
        if char == '"':
            quoted = not quoted
        if char == ";" and not quoted:
            sections.append(current)
            current = ""
        else:
            current += char
    sections.append(current)
    return sections


def _around(section: str) -> tuple[str, str]:
    """Return the literal text before and after the digits of a format section."""
    match = re.search(r"[0#?]", _mask(section))
    last = max((m.end() for m in re.finditer(r"[0#?.,]", _mask(section))), default=0)
    if match is None:
        return "", ""
    return _literal(section[: match.start()]), _literal(section[last:])


def _mask(section: str) -> str:
    """Return `section` with quoted and escaped text blanked (same length), so digits are found."""
    return _QUOTED.sub(lambda m: " " * len(m.group(0)), section)


def _literal(text: str) -> str:
    """Return the printed text of literal format characters: quotes and escapes removed."""
    out = _QUOTED.sub(lambda m: m.group(1) if m.group(1) is not None else (m.group(2) or ""), text)
    return out.replace("%", "%")


def _general(value: float) -> str:
    """Return Excel's General format of a non-negative number (up to 10 significant digits)."""
    if value == 0:
        return "0"
    if value >= 1e11 or value < 1e-9:
        mantissa, exponent = f"{value:.5E}".split("E")
        mantissa = mantissa.rstrip("0").rstrip(".")
        return f"{mantissa}E{int(exponent):+03d}"
    digits = max(0, 10 - (math.floor(math.log10(value)) + 1))
    text = f"{round(value, digits):.{digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text

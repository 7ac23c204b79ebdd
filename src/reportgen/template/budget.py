"""What one fill of a template may spend: steps, nesting, the size of every value it makes, time.

The sandbox (`sandbox.py`) charges every loop iteration, call and filter to a `Budget`, and
measures every value those make before or as it is made, so that a template cannot loop for
ever, recurse until Python gives up, or build a string of gigabytes. The limits are named in
`reportgen.limits`; a template reaching one gets `TemplateLimit`, which the fill stage reports with
the template's file and the text near the tag.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from jinja2.exceptions import SecurityError

from reportgen import limits
from reportgen.i18n import t
from reportgen.limits import LimitExceeded, check_deadline

_DIGITS_PER_BIT = 0.30103  # log10(2)
_PRINTF = re.compile(r"%(?:\([^)]*\))?[#0 +\-]*(\*|\d+)?(?:\.(\*|\d+))?[hlL]?([diouxXeEfFgGcrsa%])")
_SPEC = re.compile(r"(?:.?[<>=^])?[+\- ]?z?#?0?(\d*)[_,]?(?:\.(\d+))?[a-zA-Z%]?")


class TemplateLimit(SecurityError):
    """A template reached one of the limits (its message names the limit)."""


class Budget:
    """One fill's account: steps taken, calls open, characters made."""

    def __init__(self) -> None:
        self.steps = 0
        self.depth = 0
        self.made = 0

    def step(self) -> None:
        """Count one step (an iteration, a call, a filter); look at the clock every 1 024 steps."""
        self.steps += 1
        if self.steps > limits.TEMPLATE_STEPS:
            raise TemplateLimit(
                t("循环、调用和过滤器共超过 {limit} 步的上限", limit=f"{limits.TEMPLATE_STEPS:,}")
            )
        if not self.steps & 1023:
            deadline()

    def enter(self) -> None:
        """Count a call opening (macros, recursive loops); raise when calls nest too deep."""
        self.depth += 1
        if self.depth > limits.TEMPLATE_DEPTH:
            raise TemplateLimit(
                t("调用嵌套超过 {limit} 层的上限（宏或循环在递归调用自己？）", limit=limits.TEMPLATE_DEPTH)
            )

    def leave(self) -> None:
        self.depth -= 1

    def value(self, value: Any) -> Any:
        """Return `value` once it is known to be within the limits, charging its size."""
        if isinstance(value, int) and not isinstance(value, bool):
            integer(value)
        elif isinstance(value, str | list | tuple | dict | set | bytes):
            self.charge(len(value))
        return value

    def charge(self, size: int) -> None:
        """Charge `size` characters (or items) about to be made; raise when one or all are too many."""
        length(size)
        self.made += size
        if self.made > limits.TEMPLATE_OUTPUT_CHARS:
            raise TemplateLimit(too_much_output())

    def counted(self, iterable: Iterable[Any]) -> Iterator[Any]:
        """Yield the items of a loop's iterable, one step each."""
        for item in iterable:
            self.step()
            yield item


def too_much_output() -> str:
    """Return the message for a fill that makes more than TEMPLATE_OUTPUT_CHARS characters."""
    return t("模板生成的文字共超过 {limit} 个字符的上限", limit=f"{limits.TEMPLATE_OUTPUT_CHARS:,}")


def deadline() -> None:
    """Raise TemplateLimit when the render has run out of time."""
    try:
        check_deadline()
    except LimitExceeded as exc:
        raise TemplateLimit(exc.message) from exc


def length(size: int) -> None:
    """Raise TemplateLimit when one string or list of `size` characters or items would be too long."""
    if size > limits.TEMPLATE_STRING_CHARS:
        shown = f"{size:,}" if size < 10**18 else "10¹⁸+"
        raise TemplateLimit(
            t(
                "要生成的文字或列表长 {size}，上限 {limit}",
                size=shown,
                limit=f"{limits.TEMPLATE_STRING_CHARS:,}",
            )
        )


def integer(value: int) -> int:
    """Return `value` when it has at most TEMPLATE_INT_DIGITS digits; else raise TemplateLimit."""
    if value.bit_length() * _DIGITS_PER_BIT > limits.TEMPLATE_INT_DIGITS:
        raise _too_many_digits(int(value.bit_length() * _DIGITS_PER_BIT))
    return value


def int_bits(bits: float) -> None:
    """Raise TemplateLimit when an integer of `bits` bits would have too many digits."""
    if bits * _DIGITS_PER_BIT > limits.TEMPLATE_INT_DIGITS:
        raise _too_many_digits(int(min(bits * _DIGITS_PER_BIT, 10**18)))


def _too_many_digits(digits: int) -> TemplateLimit:
    return TemplateLimit(
        t("整数将有约 {digits} 位，上限 {limit} 位", digits=f"{digits:,}", limit=limits.TEMPLATE_INT_DIGITS)
    )


def width(value: int | str) -> None:
    """Raise TemplateLimit when a width or precision (an int, or written as digits) is over
    TEMPLATE_STRING_CHARS: `'a'.center(10**9)`, `'{:>1000000000}'`, `'%1000000000s'`."""
    number = int(value[:19] or 0) if isinstance(value, str) else abs(value)
    length(number)


def format_spec(spec: str) -> None:
    """Check the width and precision of a str.format spec ("{:>1000000000}")."""
    match = _SPEC.fullmatch(spec)
    if match:
        width(match.group(1) or "")
        width(match.group(2) or "")


def printf(fmt: str, args: Any) -> None:
    """Check the widths and precisions of `fmt % args`, including `*` ones taken from `args`."""
    values = list(args) if isinstance(args, tuple) else [args]
    index = 0
    for match in _PRINTF.finditer(fmt):
        for part in match.group(1, 2):
            if part == "*":
                taken = values[index] if index < len(values) else 0
                index += 1
                if isinstance(taken, int) and abs(taken) > limits.TEMPLATE_STRING_CHARS:
                    length(abs(taken))
            elif part:
                width(part)
        if match.group(3) != "%":
            index += 1


def size_of(value: Any) -> int:
    """Return how many characters `value` prints as, without calling str() on unknown objects."""
    if isinstance(value, str):
        return len(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return int(value.bit_length() * _DIGITS_PER_BIT) + 2
    return 16  # a number, None, a picture: small (and str() of a picture would place it twice)

"""Message language: Chinese by default, English on request (`--lang en` or REPORTGEN_LANG=en).

Every user-facing message is written in Chinese at its source and passed through `t()`; the
English catalogue (en_*.py, one per stage) is keyed by the Chinese template. tests/test_robustness.py fails when a
message has no English entry, so the two cannot drift apart; tests/test_i18n.py fails when an
English entry prints a value its Chinese source does not, or says "1 problems".

The language belongs to the caller, not to the process: it is a context variable, set for a
stretch of code by `with use_language("en"):` and restored on leaving it, so one command (or one
request of a server thread) cannot leak its language into the next. A new thread starts with
the default (REPORTGEN_LANG, else Chinese); worker processes are handed the caller's language.

Plurals: Chinese needs none. An English entry chooses a word by a number with the format spec
`{n:one|other}`: "{count} {count:problem|problems}" says "1 problem" and "2 problems".
"""

from __future__ import annotations

import os
import string
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from reportgen.i18n import en_input, en_limits, en_render, en_serve, en_template

LANGUAGES = ("zh", "en")


def _normalise(language: str) -> str:
    return "en" if language.lower().startswith("en") else "zh"


DEFAULT_LANGUAGE = _normalise(os.environ.get("REPORTGEN_LANG", ""))
"""The language of a thread that chose none: REPORTGEN_LANG when it starts with "en", else Chinese."""

_LANGUAGE: ContextVar[str] = ContextVar("reportgen_language", default=DEFAULT_LANGUAGE)


def language() -> str:
    """Return the language of messages created now ('zh' or 'en')."""
    return _LANGUAGE.get()


@contextmanager
def use_language(language: str) -> Iterator[str]:
    """Create messages in `language` ('zh' or 'en') inside the block; restore the caller's on leaving it."""
    token = _LANGUAGE.set(_normalise(language))
    try:
        yield _LANGUAGE.get()
    finally:
        _LANGUAGE.reset(token)


def set_language(language: str) -> None:
    """Choose the language of messages from now on in the current context (thread, or a worker process).

    Kept for compatibility and for worker processes; code serving a caller uses `use_language()`,
    which cannot leak into the next caller.
    """
    _LANGUAGE.set(_normalise(language))


class _English(string.Formatter):
    """str.format, plus the plural spec `{n:one|other}`: `one` when n is 1, else `other`."""

    def format_field(self, value: object, format_spec: str) -> str:
        if "|" in format_spec:
            one, _, other = format_spec.partition("|")
            return one if value == 1 else other
        formatted: str = super().format_field(value, format_spec)
        return formatted


_ENGLISH = _English()


def t(template: str, /, **values: object) -> str:
    """Return the message `template` (Chinese source text) in the current language, filled."""
    if _LANGUAGE.get() == "en":
        return _ENGLISH.format(EN.get(template, template), **values)
    return template.format(**values)


CATALOGUES = (en_input.EN, en_template.EN, en_limits.EN, en_render.EN, en_serve.EN)
"""The English catalogue, one part per stage (tests/test_i18n.py checks that no key is in two)."""
EN: dict[str, str] = {key: value for part in CATALOGUES for key, value in part.items()}

"""The Jinja environment templates run in: sandboxed, strict, escaping every value, with the filters."""

from __future__ import annotations

from typing import Any

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from reportgen.template.filters import FILTERS

MAX_REPEAT = 100_000
"""Longest string or list `*` may build, and largest result `**` may give, inside a template."""


class Sandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, with a loader that finds no file and with bounded `*` and `**`.

    The sandbox refuses attributes starting with `_` (`''.__class__`), unsafe callables and
    changing lists or dicts; the empty loader refuses `include`/`import`/`extends`; templates get no
    module, file or network object, only the report's plain values and the filters of `filters.py`.
    """

    intercepted_binops = frozenset({"*", "**"})

    def __init__(self, **options: Any) -> None:
        super().__init__(loader=jinja2.FunctionLoader(lambda name: None), **options)
        del self.globals["lipsum"]  # lipsum(10**6) would fill the memory

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(right, int | float) and abs(right) > 64:
            raise SecurityError(f"exponent {right} is too large")
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if (
                    isinstance(seq, str | list | tuple)
                    and isinstance(times, int)
                    and len(seq) * times > MAX_REPEAT
                ):
                    raise SecurityError(f"repetition to {len(seq) * times} items is too large")
        return super().call_binop(context, operator, left, right)


def make_environment() -> jinja2.Environment:
    """Return the Jinja environment templates run in: sandboxed, strict, escaping every value."""
    env = Sandbox(undefined=jinja2.StrictUndefined, autoescape=True)
    env.filters.update(FILTERS)
    return env

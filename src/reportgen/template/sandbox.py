"""The Jinja environment templates run in: sandboxed, strict, escaping every value, within a budget.

Jinja's immutable sandbox refuses attributes starting with `_` (`''.__class__`), unsafe callables
and changing lists or dicts; the empty loader refuses `include`/`import`/`extends`; templates get
no module, file or network object, only the report's plain values and the filters of `filters.py`.

It does not bound what a template may ask for: `'{:>1000000000}'.format('a')`, two nested
`range(100000)` loops, a macro calling itself. This environment charges each fill's `Budget`
(`budget.py`, limits in `reportgen.limits`) through the sandbox's own hooks:

- `call` — every call is a step and a level of nesting; methods that multiply a string (`center`,
  `join`, `replace`, …) are measured before they run, every result after;
- `call_binop` — `*`, `**`, `+` and `%` are measured before they run (sizes, integer digits,
  printf widths); `wrap_str_format` — `str.format` widths and precisions;
- `code_generator_class` — every `for` loop counts its iterations, every `~` measures its result;
- every filter is wrapped: a step, its amplifying arguments measured, its result measured;
- `finalize` and `concat` — every printed value and everything a fill writes is charged.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Iterable
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.runtime import LoopContext
from jinja2.sandbox import ImmutableSandboxedEnvironment, SandboxedEscapeFormatter, SandboxedFormatter
from markupsafe import Markup

from reportgen import limits
from reportgen.template import budget
from reportgen.template.budget import Budget, TemplateLimit
from reportgen.template.filters import FILTERS

__all__ = ["Sandbox", "TemplateLimit", "make_environment"]


class Sandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox with a loader that finds no file, charging one fill's `Budget`."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, **options: Any) -> None:
        super().__init__(loader=jinja2.FunctionLoader(lambda name: None), **options)
        del self.globals["lipsum"]  # lipsum(10**6) would fill the memory
        self.budget = Budget()
        self.code_generator_class = _CodeGenerator
        self.finalize = self._finalize
        self.source = ""
        """The source last compiled (docxtpl's XML of a part): where a runtime error is looked up."""
        self.filters = {name: _bounded(self, name, f) for name, f in {**self.filters, **FILTERS}.items()}

    def from_string(self, source: Any, *args: Any, **kwargs: Any) -> Any:
        self.source = source if isinstance(source, str) else ""
        return super().from_string(source, *args, **kwargs)

    def call(self, context: Any, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        self.budget.step()
        if isinstance(obj, LoopContext) and args:  # loop(children) in a recursive loop
            args = (self.budget.counted(args[0]), *args[1:])
        _before_method(obj, args, kwargs)
        self.budget.enter()
        try:
            result = super().call(context, obj, *args, **kwargs)
        finally:
            self.budget.leave()
        return self.budget.value(result)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        _before_binop(operator, left, right)
        return self.budget.value(super().call_binop(context, operator, left, right))

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """Return Jinja's sandboxed str.format / format_map, with its widths measured."""
        if getattr(value, "__name__", "") not in ("format", "format_map"):
            return None
        owner = getattr(value, "__self__", None)
        if not isinstance(owner, str) or not callable(value):
            return None
        formatter: SandboxedFormatter
        if isinstance(owner, Markup):
            formatter = _EscapeFormatter(self, escape=owner.escape)
        else:
            formatter = _Formatter(self)
        kind, is_map = type(owner), value.__name__ == "format_map"

        def wrapper(*args: Any, **kwargs: Any) -> str:
            if is_map:
                if kwargs or len(args) != 1:
                    raise TypeError("format_map() takes exactly one argument")
                kwargs, args = args[0], ()
            made: str = self.budget.value(kind(formatter.vformat(owner, args, kwargs)))
            return made

        return functools.update_wrapper(wrapper, value)

    def iterate(self, iterable: Iterable[Any]) -> Any:
        """Return a loop's iterable, counting a step per iteration (called by the generated code)."""
        return self.budget.counted(iterable)

    def joined(self, join: Callable[[Any], str], items: tuple[Any, ...]) -> str:
        """Return `a ~ b ~ …` once its length is known to be within the limits (generated code)."""
        self.budget.charge(sum(budget.size_of(item) for item in items))
        return join(items)

    def concat(self, pieces: Iterable[str]) -> str:  # Environment.concat is "".join
        """Return the pieces of a fill (or of a macro, a block) joined, charging them as they come."""
        out: list[str] = []
        total = 0
        for piece in pieces:
            total += len(piece)
            if total > limits.TEMPLATE_OUTPUT_CHARS:
                raise TemplateLimit(budget.too_much_output())
            out.append(piece)
            if not len(out) & 4095:
                budget.deadline()
        return "".join(out)

    def _finalize(self, value: Any) -> Any:
        """Charge a printed value ({{ … }}); return it unchanged."""
        if isinstance(value, int) and not isinstance(value, bool):
            budget.integer(value)
        elif isinstance(value, str):
            self.budget.charge(len(value))
        return value


class _BoundedFormat(SandboxedFormatter):
    def format_field(self, value: Any, format_spec: str) -> Any:
        budget.format_spec(format_spec)
        return super().format_field(value, format_spec)


class _Formatter(_BoundedFormat, SandboxedFormatter):
    pass


class _EscapeFormatter(_BoundedFormat, SandboxedEscapeFormatter):
    pass


class _CodeGenerator(CodeGenerator):
    """Jinja's code generator, with counted loops and measured `~` (Environment.code_generator_class)."""

    def visit_For(self, node: nodes.For, frame: Frame) -> None:
        if not _counted(node.iter):  # for x in environment.iterate(<iterable>)
            node.iter = nodes.Call(nodes.EnvironmentAttribute("iterate"), [node.iter], [], None, None)
            node.iter.set_lineno(node.lineno)
        super().visit_For(node, frame)

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        if frame.eval_ctx.volatile:
            join = "(markup_join if context.eval_ctx.volatile else str_join)"
        else:
            join = "markup_join" if frame.eval_ctx.autoescape else "str_join"
        self.write(f"environment.joined({join}, (")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


def _counted(node: nodes.Node) -> bool:
    return (
        isinstance(node, nodes.Call)
        and isinstance(node.node, nodes.EnvironmentAttribute)
        and node.node.name == "iterate"
    )


def _before_binop(operator: str, left: Any, right: Any) -> None:
    """Raise TemplateLimit when `left operator right` would be too large to make."""
    if operator == "%" and isinstance(left, str):
        budget.printf(left, right)
    elif operator == "+" and isinstance(left, str | list | tuple) and isinstance(right, str | list | tuple):
        budget.length(len(left) + len(right))
    elif operator == "*":
        if _is_int(left) and _is_int(right):
            budget.int_bits(left.bit_length() + right.bit_length())
        for seq, times in ((left, right), (right, left)):
            if isinstance(seq, str | list | tuple) and _is_int(times):
                budget.length(len(seq) * max(times, 0))
    elif operator == "**" and _is_int(left) and _is_int(right) and right > 0 and abs(left) > 1:
        budget.int_bits(math.log2(abs(left)) * right)


def _before_method(obj: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Raise TemplateLimit when a string or list method would make too much (`'a'.center(10**9)`)."""
    owner, name = getattr(obj, "__self__", None), getattr(obj, "__name__", "")
    if not isinstance(owner, str | list | tuple):
        return
    values = (*args, *kwargs.values())
    for value in values:
        if _is_int(value):
            budget.width(value)
    if name == "join" and args and isinstance(args[0], list | tuple):
        budget.length(len(owner) * len(args[0]) + sum(budget.size_of(item) for item in args[0]))
    elif name == "replace" and len(args) >= 2 and isinstance(owner, str):
        budget.length(_replaced(owner, args[0], args[1]))
    elif name == "expandtabs" and isinstance(owner, str) and values and _is_int(values[0]):
        budget.length(len(owner) + owner.count("\t") * values[0])
    elif name == "translate" and isinstance(owner, str) and args and isinstance(args[0], dict):
        longest = max((budget.size_of(v) for v in args[0].values()), default=1)
        budget.length(len(owner) * max(longest, 1))


def _replaced(text: str, old: Any, new: Any) -> int:
    """Return an upper bound of len(text.replace(old, new))."""
    old, new = str(old), str(new)
    times = len(text) + 1 if not old else len(text) // len(old)
    return len(text) + times * max(len(new) - len(old), 0)


def _bounded(env: Sandbox, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """Return filter `function` charging a step, measuring amplifying arguments and the result."""
    skip = 1 if getattr(function, "jinja_pass_arg", None) is not None else 0  # context/environment first

    @functools.wraps(function)
    def bounded(*args: Any, **kwargs: Any) -> Any:
        env.budget.step()
        data, extra = args[skip : skip + 1], (*args[skip + 1 :], *kwargs.values())
        for value in extra:
            if _is_int(value):
                budget.width(value)
        if data:
            if name == "join" and not isinstance(data[0], str | dict):  # a generator: count its items
                data = (list(data[0]),)
                args = (*args[:skip], data[0], *args[skip + 1 :])
            _before_filter(name, data[0], args[skip + 1 :], kwargs)
        return env.budget.value(function(*args, **kwargs))

    return bounded


def _before_filter(name: str, value: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Raise TemplateLimit when filter `name` would make too much of `value` (join, replace, …)."""
    text = value if isinstance(value, str) else ""
    if name == "join" and isinstance(value, list | str | dict):
        separator = args[0] if args else kwargs.get("d", "")
        items = list(value)
        budget.length(budget.size_of(separator) * len(items) + sum(budget.size_of(i) for i in items))
    elif name == "replace" and len(args) >= 2:
        budget.length(_replaced(text, args[0], args[1]))
    elif name == "indent":
        indent = args[0] if args else kwargs.get("width", 4)
        each = indent if _is_int(indent) else budget.size_of(indent)
        budget.length(len(text) + (text.count("\n") + 1) * max(each, 0))
    elif name == "wordwrap":
        wrap_width = args[0] if args else kwargs.get("width", 79)
        wrapstring = args[2] if len(args) > 2 else kwargs.get("wrapstring", "\n")
        lines = len(text) // max(wrap_width if _is_int(wrap_width) else 1, 1) + 1
        budget.length(len(text) + lines * budget.size_of(wrapstring))
    elif name == "format" and isinstance(value, str):
        budget.printf(value, kwargs or tuple(args))


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def make_environment() -> Sandbox:
    """Return the Jinja environment templates run in: sandboxed, strict, escaping every value, with
    a fresh budget (make one per fill)."""
    return Sandbox(undefined=jinja2.StrictUndefined, autoescape=True)

"""Follow the names a parsed template uses through its loops: unknown variables, fields and filters, sandbox.

A loop variable takes the shape of its list's items (`variables.py`), so `section.headng`
inside `{%p for section in sections %}` is found before any data is filled in, with a “did you
mean”. Python internals (`__class__`) and other files (include/import/extends) are refused here,
before the sandbox would refuse them at fill time.
"""

from __future__ import annotations

import difflib

import jinja2
from jinja2 import nodes

from reportgen.errors import Problem
from reportgen.i18n import t
from reportgen.template.scan import Para, where
from reportgen.template.variables import ANY, LIST, OBJECT, TEXT, Var

_REPORTED = Var(ANY)
"""The value of an expression already reported as an error (no second error for its attributes)."""


class Walker:
    """Follows names through the Jinja tree: loop variables take the shape of their list's items."""

    GLOBALS_OK = {
        "range",
        "dict",
        "namespace",
        "loop",
        "caller",
        "varargs",
        "kwargs",
        "true",
        "false",
        "none",
    }

    def __init__(self, env: jinja2.Environment, variables: dict[str, Var], errors: list[Problem]) -> None:
        self.env, self.variables, self.errors = env, variables, errors
        self.scopes: list[dict[str, tuple[Var, str]]] = [{}]
        self.used: set[str] = set()
        self.paras: list[Para] = []
        self.guarded: list[str] = []
        """Names inside `{% if name is defined %}`: absent from the data is fine there."""

    def error(self, node: nodes.Node, message: str, needle: str = "") -> None:
        para = self.paras[min(max(node.lineno - 1, 0), len(self.paras) - 1)]
        at = para.text.find(needle) if needle else -1
        self.errors.append(Problem(where(para, max(at, 0), max(at, 0) + len(needle)), message))

    def bind(self, target: nodes.Node, var: Var, path: str) -> None:
        if isinstance(target, nodes.Name):
            self.scopes[-1][target.name] = (var, path)
        for child in target.iter_child_nodes():
            self.bind(child, Var(ANY), "")

    def visit(self, node: nodes.Node, lenient: bool = False) -> tuple[Var, str]:
        """Check `node` and its children; return the shape of its value and its variable path."""
        method = getattr(self, f"visit_{type(node).__name__}", None)
        if method is not None:
            return method(node, lenient)  # type: ignore[no-any-return]
        if isinstance(node, nodes.Include | nodes.Import | nodes.FromImport | nodes.Extends):
            self.error(node, t("模板不能引用其他文件（include、import、extends）：模板只能使用报告数据"))
            return Var(ANY), ""
        for child in node.iter_child_nodes():
            self.visit(child, lenient)
        return Var(ANY), ""

    def visit_Name(self, node: nodes.Name, lenient: bool) -> tuple[Var, str]:
        if node.ctx != "load":
            return Var(ANY), ""
        for scope in reversed(self.scopes):
            if node.name in scope:
                var, path = scope[node.name]
                self.used.add(path)
                return var, path
        if node.name in self.variables:
            self.used.add(node.name)
            return self.variables[node.name], node.name
        if node.name not in self.GLOBALS_OK and node.name not in self.guarded and not lenient:
            known = [*self.variables, *(n for s in self.scopes for n in s)]
            self.error(node, _unknown(node.name, node.name, known), node.name)
        return Var(ANY), ""

    def _member(self, node: nodes.Node, base: nodes.Node, attr: str, lenient: bool) -> tuple[Var, str]:
        var, path = self.visit(base, lenient)
        if var is _REPORTED:
            return var, ""
        if attr.startswith("_"):
            self.error(
                node,
                t("模板试图访问 Python 内部属性 {name}：模板在沙箱中运行，不允许这样做", name=attr),
                attr,
            )
            return _REPORTED, ""
        if var.kind == OBJECT:
            if attr in var.fields:
                self.used.add(f"{path}.{attr}")
                return var.fields[attr], f"{path}.{attr}"
            if not lenient:
                self.error(
                    node,
                    _unknown(f"{_dotted(base)}.{attr}", attr, list(var.fields), _dotted(base) + "."),
                    attr,
                )
            return Var(ANY), ""
        builtin = {LIST: list, TEXT: str}.get(var.kind)
        if builtin is not None and not hasattr(builtin, attr) and not lenient:
            self.error(node, _unknown(f"{_dotted(base)}.{attr}", attr, []), attr)
        return Var(ANY), ""

    def visit_Getattr(self, node: nodes.Getattr, lenient: bool) -> tuple[Var, str]:
        return self._member(node, node.node, node.attr, lenient)

    def visit_Getitem(self, node: nodes.Getitem, lenient: bool) -> tuple[Var, str]:
        if isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
            return self._member(node, node.node, node.arg.value, lenient)
        var, path = self.visit(node.node, lenient)
        self.visit(node.arg, lenient)
        if var.kind == LIST and var.item is not None:
            self.used.add(f"{path}[]")
            return var.item, f"{path}[]"
        return Var(ANY), ""

    def visit_Filter(self, node: nodes.Filter, lenient: bool) -> tuple[Var, str]:
        var, path = (
            self.visit(node.node, lenient or node.name in ("default", "d")) if node.node else (Var(ANY), "")
        )
        if node.name not in self.env.filters:
            self.error(node, _unknown_filter(node.name, list(self.env.filters)), node.name)
        if node.name == "attr" and any(
            isinstance(a, nodes.Const) and str(a.value).startswith("_") for a in node.args
        ):
            name = next(str(a.value) for a in node.args if isinstance(a, nodes.Const))
            self.error(
                node,
                t("模板试图访问 Python 内部属性 {name}：模板在沙箱中运行，不允许这样做", name=name),
                name,
            )
        for child in [*node.args, *node.kwargs]:
            self.visit(child, lenient)
        if node.name in ("first", "last") and var.kind == LIST and var.item is not None:
            return var.item, f"{path}[]"
        if node.name in ("default", "d", "sort", "reverse", "unique", "list", "selectattr", "rejectattr"):
            return var, path
        return Var(ANY), ""

    def visit_Test(self, node: nodes.Test, lenient: bool) -> tuple[Var, str]:
        self.visit(node.node, lenient or node.name in ("defined", "undefined"))
        for child in [*node.args, *node.kwargs]:
            self.visit(child, lenient)
        return Var(ANY), ""

    def visit_If(self, node: nodes.If, lenient: bool) -> tuple[Var, str]:
        self.visit(node.test, lenient)
        test = node.test
        guard = isinstance(test, nodes.Test) and test.name == "defined" and isinstance(test.node, nodes.Name)
        if guard:
            self.guarded.append(test.node.name)  # type: ignore[attr-defined]
        for child in node.body:
            self.visit(child, lenient)
        if guard:
            self.guarded.pop()
        for child in [*node.elif_, *node.else_]:
            self.visit(child, lenient)
        return Var(ANY), ""

    def visit_For(self, node: nodes.For, lenient: bool) -> tuple[Var, str]:
        var, path = self.visit(node.iter, lenient)
        self.scopes.append({"loop": (Var(ANY), "")})
        if var.kind == LIST and var.item is not None:
            self.bind(node.target, var.item, f"{path}[]")
        else:
            self.bind(node.target, Var(ANY), "")
        for child in [*([node.test] if node.test else []), *node.body]:
            self.visit(child, lenient)
        self.scopes.pop()
        for child in node.else_:
            self.visit(child, lenient)
        return Var(ANY), ""

    def visit_Assign(self, node: nodes.Assign, lenient: bool) -> tuple[Var, str]:
        var, path = self.visit(node.node, lenient)
        self.bind(node.target, var, path)
        return Var(ANY), ""

    def visit_AssignBlock(self, node: nodes.AssignBlock, lenient: bool) -> tuple[Var, str]:
        for child in node.body:
            self.visit(child, lenient)
        self.bind(node.target, Var(TEXT), "")
        return Var(ANY), ""

    def visit_With(self, node: nodes.With, lenient: bool) -> tuple[Var, str]:
        shapes = [self.visit(value, lenient) for value in node.values]
        self.scopes.append({})
        for target, (var, path) in zip(node.targets, shapes, strict=False):
            self.bind(target, var, path)
        for child in node.body:
            self.visit(child, lenient)
        self.scopes.pop()
        return Var(ANY), ""

    def visit_Macro(self, node: nodes.Macro, lenient: bool) -> tuple[Var, str]:
        self.scopes[-1][node.name] = (Var(ANY), "")
        self.scopes.append({})
        for arg in node.args:
            self.bind(arg, Var(ANY), "")
        for child in [*node.defaults, *node.body]:
            self.visit(child, lenient)
        self.scopes.pop()
        return Var(ANY), ""

    def visit_CallBlock(self, node: nodes.CallBlock, lenient: bool) -> tuple[Var, str]:
        self.visit(node.call, lenient)
        self.scopes.append({})
        for arg in node.args:
            self.bind(arg, Var(ANY), "")
        for child in node.body:
            self.visit(child, lenient)
        self.scopes.pop()
        return Var(ANY), ""


def _dotted(node: nodes.Node) -> str:
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return f"{_dotted(node.node)}.{node.attr}"
    if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
        return f"{_dotted(node.node)}.{node.arg.value}"
    if isinstance(node, nodes.Const):
        return repr(node.value)
    return "…"


def _close(name: str, known: list[str]) -> str | None:
    lowered = {k.lower(): k for k in known}
    match = difflib.get_close_matches(name.lower(), list(lowered), n=1, cutoff=0.6)
    return lowered[match[0]] if match else None


def _unknown(full: str, name: str, known: list[str], prefix: str = "") -> str:
    message = t("模板使用了输入中没有的变量 {name}", name=full)
    close = _close(name, known)
    return message + (t("；是不是 {name}？", name=prefix + close) if close else "")


def _unknown_filter(name: str, known: list[str]) -> str:
    close = _close(name, known)
    message = t("没有名为 {name} 的过滤器", name=name)
    return message + (t("；是不是 {name}？", name=close) if close else "")

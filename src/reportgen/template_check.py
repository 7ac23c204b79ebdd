"""Check a .docx template against a report format before filling it: every problem, with its place.

Three passes over the paragraphs `template_scan` read (Word's habits already repaired):
1. the tags of each paragraph: unclosed `{{`, stray `}}`, `{%p %}` not alone in its paragraph,
   `{%tr %}` outside a table, blocks (`for`/`if`) not closed or closed at a different place;
2. Jinja's parser, one source line per paragraph, so its line number is a paragraph;
3. the parsed template against the format's variables (`reportgen.variables`): unknown names and
   fields (with a “did you mean”), unknown filters, Python internals and other files (sandbox).
Fields of the format the template never uses are warnings: that part of the input is not printed.
"""

from __future__ import annotations

import difflib
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from jinja2 import nodes

from reportgen.errors import Problem, TemplateError
from reportgen.i18n import language, t
from reportgen.template_scan import PREFIX, TAG, Para, Scan, scan, where
from reportgen.variables import ANY, LIST, OBJECT, TEXT, Var, template_variables, walk

OPENERS = {"for", "if", "macro", "call", "filter", "with", "autoescape", "raw", "block", "set"}
MIDDLES = {"elif": {"if"}, "else": {"if", "for"}}
_REPORTED = Var(ANY)
"""The value of an expression already reported as an error (no second error for its attributes)."""
CLOSES = {"}}": "{{", "%}": "{%", "#}": "{#"}


@dataclass
class TemplateCheck:
    """The outcome of checking a template: the repaired .docx and what is wrong or was repaired."""

    path: Path
    report_format: str
    docx: bytes
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    repairs: list[Problem] = field(default_factory=list)

    def raise_for_errors(self) -> None:
        """Raise TemplateError listing every error; return quietly when there is none."""
        if self.errors:
            count = len(self.errors)
            raise TemplateError(
                t("模板有误（{count} 处）", count=count), path=self.path, problems=self.errors
            )


@dataclass
class _Tag:
    para: Para
    index: int
    start: int
    end: int
    text: str
    prefix: str
    word: str

    @property
    def level(self) -> str:
        return self.prefix if self.prefix in ("p", "tr", "tc") else ""

    def container(self) -> object:
        cell = self.para.cell
        if self.level == "tr":
            return (self.para.part, cell[:1] if cell else None)
        if self.level == "tc":
            return (self.para.part, cell[:2] if cell else None)
        return (self.para.part, cell)


def read_template(path: Path) -> Scan:
    """Return the scanned template at `path`; raise TemplateError if it is missing or not a .docx."""
    if not path.is_file():
        raise TemplateError(t("找不到模板文件"), path=path)
    try:
        return scan(path.read_bytes())
    except (
        zipfile.BadZipFile,
        KeyError,
        ValueError,
        OSError,
    ) as exc:  # lxml's XMLSyntaxError is a ValueError
        raise TemplateError(t("模板不是有效的 Word（.docx）文件，或文件已损坏"), path=path) from exc


def check_template(path: Path, report_format: str) -> TemplateCheck:
    """Return every problem of template `path` for `report_format`; raise only if it cannot be read."""
    from reportgen.template import make_environment

    scanned = read_template(path)
    result = TemplateCheck(path, report_format, scanned.docx, repairs=scanned.repairs)
    variables = template_variables(report_format)
    env = make_environment()
    walker = _Walker(env, variables, result.errors)
    for part in dict.fromkeys(p.part for p in scanned.paragraphs):
        paras = [p for p in scanned.paragraphs if p.part == part]
        before = len(result.errors)
        tags = [tag for i, para in enumerate(paras) for tag in _tags(para, i, result.errors)]
        _structure(tags, result.errors)
        if len(result.errors) > before:
            continue  # Jinja would only repeat these in its own words
        source = "\n".join(_source_line(p) for p in paras)
        try:
            tree = env.parse(source)
        except jinja2.TemplateSyntaxError as exc:
            para = paras[min(max((exc.lineno or 1) - 1, 0), len(paras) - 1)]
            result.errors.append(Problem(where(para), t("模板语法错误：{detail}", detail=exc.message)))
            continue
        walker.paras = paras
        walker.visit(tree)
    result.errors[:] = list(dict.fromkeys(result.errors))
    result.warnings += _unused(variables, walker.used)
    return result


def _tags(para: Para, index: int, errors: list[Problem]) -> list[_Tag]:
    """Return the tags of one paragraph; report unclosed and stray delimiters and misplaced p/tr/tc tags."""
    out, rest = [], para.text
    for m in TAG.finditer(para.text):
        text = m.group()
        prefix_match = PREFIX.match(text, 2)
        prefix = prefix_match.group().strip() if prefix_match else ""
        body = text[2 + len(prefix) : -2].strip(" -+")
        word = body.split()[0] if body.split() and text.startswith("{%") else ""
        out.append(_Tag(para, index, m.start(), m.end(), text, prefix, word))
        rest = rest[: m.start()] + " " * len(text) + rest[m.end() :]
    for m in re.finditer(r"\{\{|\{%|\{#", rest):
        tag = para.text[m.start() : m.start() + 24].rstrip()
        close = {"{{": "}}", "{%": "%}", "{#": "#}"}[m.group()]
        errors.append(
            Problem(
                where(para, m.start()),
                t("标记 {tag} 没有结束：缺少 {close}（一个标记要写在同一段里）", tag=tag, close=close),
            )
        )
    for m in re.finditer(r"\}\}|%\}|#\}", rest):
        errors.append(
            Problem(
                where(para, m.start()),
                t("多了 {close}，或者前面少了 {open}", close=m.group(), open=CLOSES[m.group()]),
            )
        )
    _placement(para, out, rest, errors)
    return out


def _placement(para: Para, tags: list[_Tag], rest: str, errors: list[Problem]) -> None:
    """Report `{%p %}`, `{%tr %}`, `{%tc %}` tags that would delete other text or have no table."""
    levelled = [tag for tag in tags if tag.level]
    if len(levelled) > 1:
        names = "、".join(tag.text for tag in levelled)
        errors.append(
            Problem(
                where(para),
                t("一段里有 {count} 个段落标记（{tags}）：每个要独占一段", count=len(levelled), tags=names),
            )
        )
        return
    for tag in levelled:
        others = (rest[: tag.start] + rest[tag.end :]).strip()
        if tag.level == "p" and others:
            message = t("{tag} 要独占一段：本段的其他文字“{text}”在生成时会被删掉", tag=tag.text, text=others)
            errors.append(Problem(where(para, tag.start, tag.end), message))
        elif tag.level in ("tr", "tc") and para.cell is None:
            unit = t("一行") if tag.level == "tr" else t("一格")
            errors.append(
                Problem(where(para), t("{tag} 只能写在表格里（它控制表格的{unit}）", tag=tag.text, unit=unit))
            )
        elif tag.level in ("tr", "tc"):
            scope = para.row_text if tag.level == "tr" else para.cell_text
            others = scope.replace(tag.text, "", 1).strip()
            if others:
                unit = t("一行") if tag.level == "tr" else t("一格")
                message = t(
                    "{tag} 要独占表格的{unit}：其他文字“{text}”在生成时会被删掉",
                    tag=tag.text,
                    unit=unit,
                    text=others,
                )
                errors.append(Problem(where(para), message))


def _structure(tags: list[_Tag], errors: list[Problem]) -> None:
    """Pair block tags (for/endfor, if/endif, ...) and report what does not pair, where."""
    stack: list[_Tag] = []
    for tag in tags:
        word = tag.word
        if word == "set" and "=" in tag.text:
            continue
        if word in OPENERS:
            stack.append(tag)
        elif word in MIDDLES or word.startswith("end"):
            name = word[3:] if word.startswith("end") else ""
            if not stack:
                opener = "{%" + (f"{tag.prefix} " if tag.prefix else " ") + f"{name or 'if'} … %}}"
                errors.append(
                    Problem(where(tag.para), t("{tag} 前面没有对应的 {opener}", tag=tag.text, opener=opener))
                )
                continue
            top = stack[-1]
            if (name and top.word != name) or (not name and top.word not in MIDDLES[word]):
                errors.append(
                    Problem(
                        where(tag.para),
                        t(
                            "{tag} 与{place}的 {other} 不配对",
                            tag=tag.text,
                            place=top.para.place,
                            other=top.text,
                        ),
                    )
                )
                if name and any(s.word == name for s in stack):
                    while stack and stack[-1].word != name:
                        stack.pop()
                    stack.pop()
                continue
            if tag.level != top.level:
                message = t(
                    "{tag} 与{place}的 {other} 要用同一种写法（都带 p、都带 tr，或都不带）",
                    tag=tag.text,
                    place=top.para.place,
                    other=top.text,
                )
                errors.append(Problem(where(tag.para), message))
            elif tag.container() != top.container():
                message = t(
                    "{tag} 与{place}的 {other} 要在同一处（同在正文里，或同在表格的同一格）",
                    tag=tag.text,
                    place=top.para.place,
                    other=top.text,
                )
                errors.append(Problem(where(tag.para), message))
            if name:
                stack.pop()
    for tag in stack:
        closer = "{%" + (f"{tag.prefix} " if tag.prefix else " ") + f"end{tag.word} %}}"
        errors.append(Problem(where(tag.para), t("{tag} 没有对应的 {closer}", tag=tag.text, closer=closer)))


def _source_line(para: Para) -> str:
    """Return the paragraph as docxtpl hands it to Jinja: `{%p if x %}` → `{% if x %}`."""

    def strip_prefix(m: re.Match[str]) -> str:
        text = m.group()
        prefix = PREFIX.match(text, 2)
        return text[:2] + " " + text[prefix.end() :] if prefix else text

    return TAG.sub(strip_prefix, para.text.replace("\n", " "))


class _Walker:
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
        if node.name not in self.GLOBALS_OK and not lenient:
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


def _unused(variables: dict[str, Var], used: set[str]) -> list[Problem]:
    """Return a warning for every field to be shown that the template never uses (outermost only)."""
    out, skipped = [], []
    for path, var in walk(variables):
        if any(path.startswith(s + ".") or path.startswith(s + "[]") for s in skipped):
            continue
        if not var.shown or path in used:
            if not var.shown:
                skipped.append(path)
            continue
        skipped.append(path)
        title = f"（{var.title}）" if var.title and language() == "zh" else ""
        out.append(
            Problem("", t("模板没有用到 {name}{title}：输入中的这项内容不会印出", name=path, title=title))
        )
    return out

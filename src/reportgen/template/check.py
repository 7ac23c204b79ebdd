"""Check a .docx template against a report format before filling it: every problem, with its place.

Three passes over the paragraphs `scan.py` read (Word's habits already repaired):
1. the tags of each paragraph: unclosed `{{`, stray `}}`, `{%p %}` not alone in its paragraph,
   `{%tr %}` outside a table, blocks (`for`/`if`) not closed or closed at a different place;
2. Jinja's parser, one source line per paragraph, so its line number is a paragraph;
3. the parsed template against the format's variables (`variables.py`): unknown names and
   fields (with a “did you mean”), unknown filters, Python internals and other files (sandbox).
Fields of the format the template never uses are warnings: that part of the input is not printed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from reportgen.errors import Problem, TemplateError
from reportgen.i18n import language, t
from reportgen.template.names import Walker
from reportgen.template.sandbox import make_environment
from reportgen.template.scan import PREFIX, TAG, Para, read_template, where
from reportgen.template.variables import Var, template_variables, walk

OPENERS = {"for", "if", "macro", "call", "filter", "with", "autoescape", "raw", "block", "set"}
MIDDLES = {"elif": {"if"}, "else": {"if", "for"}}
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


def check_template(path: Path, report_format: str) -> TemplateCheck:
    """Return every problem of template `path` for `report_format`; raise only if it cannot be read."""
    scanned = read_template(path)
    result = TemplateCheck(path, report_format, scanned.docx, repairs=scanned.repairs)
    variables = template_variables(report_format)
    env = make_environment()
    walker = Walker(env, variables, result.errors)
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
        except ValueError:  # Jinja's lexer: an integer literal longer than Python converts (4 300 digits)
            para = next((p for p in paras if re.search(r"\d{4300}", p.text)), paras[0])
            detail = t("数字超过 {limit} 位", limit=4300)
            result.errors.append(Problem(where(para), t("模板语法错误：{detail}", detail=detail)))
            continue
        walker.paras = paras
        walker.visit(tree)
    result.errors[:] = list(dict.fromkeys(result.errors))
    if not result.errors:  # with errors, parts went unread: every field would look unused
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
    for tag in tags:
        if tag.prefix and any(
            c in tag.text[2 + len(tag.prefix) : -2] for c in "}%"
        ):  # docxtpl's pattern stops there
            message = t(
                "带 {prefix} 的标记 {tag} 里不能有“}}”或“%”（先在单独一段用 {{% set 名字 = … %}} 算好）",
                prefix=tag.prefix,
                tag=tag.text,
            )
            errors.append(Problem(where(para, tag.start, tag.end), message))
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


def _unused(variables: dict[str, Var], used: set[str]) -> list[Problem]:
    """Return a warning for every field to be shown that the template never uses (outermost only)."""
    out: list[Problem] = []
    skipped: list[str] = []
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

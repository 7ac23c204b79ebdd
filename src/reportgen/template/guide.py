"""Generate the parts of docs/template-guide.md that come from code: variables per format, filters.

`python -m reportgen.template.guide docs/template-guide.md` (`make docs`) rewrites the text between the
`<!-- BEGIN name -->` and `<!-- END name -->` markers; the rest of the guide is written by hand.
tests/test_template_guide.py fails when the committed guide differs from what this produces.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from reportgen.input.model import MODELS
from reportgen.template.filters import EXAMPLES
from reportgen.template.sandbox import make_environment
from reportgen.template.variables import LIST, OBJECT, Var, template_variables, walk


def variables_markdown() -> str:
    """Return one table per report format: every variable, its Chinese title, kind and notes."""
    out = []
    for report_format in MODELS:
        out += [f"### 格式 `{report_format}`", "", "| 变量 | 名称 | 类型 | 说明 |", "|---|---|---|---|"]
        for path, var in walk(template_variables(report_format)):
            note = _cell(var.description)
            if not var.shown:
                note = (note + "；" if note else "") + "模板可以不用（不提示）"
            out.append(f"| `{path}` | {_cell(var.title)} | {_kind(var)} | {note} |")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def _kind(var: Var) -> str:
    if var.kind == LIST and var.item is not None and var.item.kind != OBJECT:
        return f"{var.kind}（每项是{var.item.kind}）"
    return var.kind


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def filters_markdown() -> str:
    """Return the filter examples with the output the filters really give."""
    env = make_environment()
    out = ["| 写法 | 印出 | 说明 |", "|---|---|---|"]
    for expression, note in EXAMPLES:
        result = env.from_string("{% for _ in [1] %}" + expression + "{% endfor %}").render()
        out.append(f"| `{_cell(expression)}` | {result} | {_cell(note)} |")
    return "\n".join(out) + "\n"


SECTIONS = {"variables": variables_markdown, "filters": filters_markdown}


def update(text: str) -> str:
    """Return `text` with every generated section replaced by its current content."""
    for name, make in SECTIONS.items():
        pattern = re.compile(rf"(<!-- BEGIN {name} -->\n).*?(<!-- END {name} -->)", re.DOTALL)
        text = pattern.sub(lambda m, make=make: m.group(1) + "\n" + make() + "\n" + m.group(2), text)  # type: ignore[misc]
    return text


def main(argv: list[str] | None = None) -> int:
    """Rewrite the guide given as the only argument in place; return 0."""
    path = Path((argv if argv is not None else sys.argv[1:])[0])
    text = path.read_text("utf-8")
    path.write_text(update(text), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

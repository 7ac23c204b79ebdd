"""The template stage: validated report → template context → checked, filled, reproducible .docx.

  filters.py    Jinja filters for official writing (Chinese numerals, 万元, dates, change)
  sandbox.py    the sandboxed, strict, escaping Jinja environment with those filters, and its limits
  context.py    validated report → the plain values a template sees
  title.py      the title's lines broken to fit the template's title line (measured from its style)
  variables.py  the variables a template of each format can use, as a tree with Chinese titles
  scan.py       read a .docx template, repairing Word's habits inside Jinja tags
  names.py      follow the names a parsed template uses through its loops
  check.py      check a template against a report format: every problem, with its place
  fill_docx.py  fill a template through docxtpl; the .docx in a reproducible form
  guide.py      the generated parts of docs/template-guide.md (`python -m reportgen.template.guide`)

Each module imports only modules listed above it, by their own names (`reportgen.template.scan`,
...), never through this file, which re-exports the stage's public API.
"""

from __future__ import annotations

from reportgen.template.check import TemplateCheck, check_template
from reportgen.template.context import ImageRef, build_context
from reportgen.template.fill_docx import fill
from reportgen.template.sandbox import make_environment
from reportgen.template.scan import read_template
from reportgen.template.title import TitleLine, fit_title, title_line

__all__ = [
    "ImageRef",
    "TemplateCheck",
    "TitleLine",
    "build_context",
    "check_template",
    "fill",
    "fit_title",
    "make_environment",
    "read_template",
    "title_line",
]

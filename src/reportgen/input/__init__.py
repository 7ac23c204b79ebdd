"""The input stage: input file → JSON value → validated report model, every problem collected.

  load.py      read the file: encodings, JSON syntax errors with line, column and a hint
  validate.py  JSON value → model; problems named by JSON path and Chinese title
  checks.py    national-2021 arithmetic (numbered checks), blank cells, acknowledged checks
  model/       the Pydantic input models, one module per report format

Modules of this package import each other by their own names (`reportgen.input.model`, ...),
never through this file, so that it can re-export them all without an import cycle.
"""

from __future__ import annotations

from reportgen.input.load import Loaded, load_json, read_input
from reportgen.input.model import MODELS, Report, json_schema
from reportgen.input.validate import validate

__all__ = [
    "MODELS",
    "Loaded",
    "Report",
    "json_schema",
    "load_json",
    "read_input",
    "validate",
]

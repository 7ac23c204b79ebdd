"""The command line, in three parts: the argument parser (parser.py), the command handlers (main.py:
call the pipeline, print warnings and results, return the exit code) and the `build` progress
display (dashboard.py). `reportgen = "reportgen.cli:run"` is the console entry point.
"""

from __future__ import annotations

from reportgen.cli.main import main, run
from reportgen.cli.parser import build_parser

__all__ = ["build_parser", "main", "run"]

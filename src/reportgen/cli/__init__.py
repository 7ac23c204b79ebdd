"""The command line, in three parts: the argument parser (parser.py), the command handlers (main.py:
call the pipeline, print warnings and results, return the exit code) and the `build` progress
display (dashboard.py). `reportgen = "reportgen.cli:run"` is the console entry point.

This module imports nothing else at first, so that `run()` handles Ctrl-C before the command line
is loaded (`main` and `build_parser` are loaded on first use).
"""

from __future__ import annotations

import os
import signal
import sys
import types
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reportgen.cli.main import main
    from reportgen.cli.parser import build_parser

__all__ = ["build_parser", "main", "run"]


def run() -> None:
    """The console entry point (`reportgen`, `python -m reportgen`): run main(), then leave without
    tearing the interpreter down.

    Ctrl-C is handled from the first line on (only Python's start and `import reportgen` come
    before it), so it never shows a traceback: while the command line is still loading (nothing
    was written: exit 130 and one line), during the command (main() says what was and was not
    written), and after it. Once the outputs are in place, SIGINT is
    ignored (`reportgen.output.ignore_sigint_once_written`): it can stop nothing any more, and the
    command ends as it would have. A second Ctrl-C while the first is handled changes nothing.

    Outputs are written atomically and the streams flushed by then; Python's teardown (freeing
    every object WeasyPrint made, a last garbage collection) would add ~0.1 s to every render
    (measured, bench/render.py). --help and --version leave through SystemExit as usual.
    """
    signal.signal(signal.SIGINT, _interrupt_once)
    try:
        from reportgen.output import ignore_sigint_once_written

        ignore_sigint_once_written()
        from reportgen.cli.main import main

        code = main()
    except KeyboardInterrupt:  # before main() began or as it returned: nothing was written
        code = _interrupted()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the command is over: too late to stop it
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed or broken stream: leave the ordinary way
        raise SystemExit(code) from None
    os._exit(code)


def _interrupt_once(signum: int, frame: types.FrameType | None) -> None:
    """Stop the command (KeyboardInterrupt) at the first Ctrl-C; ignore any further one."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    raise KeyboardInterrupt


def _interrupted() -> int:
    from reportgen.cli.parser import requested_language
    from reportgen.errors import EXIT_INTERRUPTED
    from reportgen.i18n import language, t, use_language

    with use_language(requested_language(sys.argv[1:]) or language()):
        print(t("已中断；没有写出任何文件。"), file=sys.stderr)
    return EXIT_INTERRUPTED


class _Package(types.ModuleType):
    """This package, whose `main` is always the function `reportgen.cli.main.main`, loaded on first
    use: importing the submodule of the same name would otherwise rebind `reportgen.cli.main` to
    the module (the import system sets it on the package, here ignored)."""

    @property
    def main(self) -> Callable[[list[str] | None], int]:
        from reportgen.cli.main import main

        return main

    @main.setter
    def main(self, module: object) -> None:
        pass


sys.modules[__name__].__class__ = _Package


def __getattr__(name: str) -> Any:
    if name == "build_parser":
        from reportgen.cli.parser import build_parser

        return build_parser
    raise AttributeError(f"module 'reportgen.cli' has no attribute {name!r}")

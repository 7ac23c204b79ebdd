"""The hostile-file corpus (tests/resources/hostile/make_hostile.py): bombs, traps and injections.

Each case is built at test time in its own folder and run in a child process limited to 2 GiB of
address space (RLIMIT_AS) and 30 s. It must end by itself with exit 0 or 1, well within those
limits, print exactly its `NAME.expected` (exit code and stderr; the font-substitution warning of
a successful render, which depends on the machine's fonts, is left out), leave earlier outputs
untouched when it fails, and never let a hostile file's text into a PDF. Regenerate the expected
files after a deliberate wording change with REPORTGEN_REGENERATE=1 and review the diff.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import resource
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import pdftotext, resource_path

HOSTILE = resource_path("hostile")
ADDRESS_SPACE = 2 * 2**30
TIMEOUT = 30.0
WELL_WITHIN = 20.0
"""Seconds a case may take (the timeout is 30 s; a refused file takes one or two)."""
RESIDENT = 1.5 * 2**30
"""Peak resident memory a case may reach (bytes)."""


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_hostile", HOSTILE / "make_hostile.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_hostile"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


CORPUS = _load()
NAMES = sorted(CORPUS.CASES)


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str
    seconds: float
    peak: int
    """Peak resident memory (bytes)."""


def _limit() -> None:  # in the child, before reportgen starts
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))


def run_limited(args: tuple[str, ...], cwd: Path) -> Run:
    """Run `python -m reportgen ARGS` in `cwd` under the limits; kill it after TIMEOUT seconds."""
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "REPORTGEN_LANG")}
    out, err = cwd.parent / "stdout", cwd.parent / "stderr"
    with out.open("wb") as stdout, err.open("wb") as stderr:
        start = time.monotonic()
        proc = subprocess.Popen(
            [sys.executable, "-m", "reportgen", *args],
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=stdout,
            stderr=stderr,
            preexec_fn=_limit,
        )
        timer = threading.Timer(TIMEOUT, proc.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.monotonic() - start
    text = (out.read_text("utf-8", "replace"), err.read_text("utf-8", "replace"))
    return Run(proc.returncode, *text, seconds, usage.ru_maxrss * 1024)


def snapshot(folder: Path, names: tuple[str, ...]) -> dict[str, str]:
    return {name: hashlib.sha256((folder / name).read_bytes()).hexdigest() for name in names}


def without_font_notes(stderr: str) -> str:
    """Return stderr without the warning that no free 仿宋 is installed (it depends on the machine)."""
    return "".join(line for line in stderr.splitlines(keepends=True) if ": 字体: " not in line)


def test_the_corpus_covers_every_kind_of_attack() -> None:
    kinds = {name.split("-")[0] for name in NAMES}
    assert kinds == {"template", "docx", "input", "validate"}
    assert len(NAMES) >= 50


@pytest.mark.parametrize("name", NAMES)
def test_hostile_file_is_refused_by_name_within_limits(name: str, tmp_path: Path) -> None:
    case = CORPUS.CASES[name]
    folder = CORPUS.build(name, tmp_path)
    (folder / "out").mkdir(exist_ok=True)
    for output in case.outputs:
        if not (folder / output).exists():
            (folder / output).write_bytes(b"earlier " + output.encode())
    before = snapshot(folder, case.outputs)

    run = run_limited(case.args, folder)

    actual = f"exit: {run.code}\n{without_font_notes(run.stderr)}"
    expected_file = HOSTILE / f"{name}.expected"
    if os.environ.get("REPORTGEN_REGENERATE"):
        expected_file.write_text(actual, encoding="utf-8")
    assert actual == expected_file.read_text(encoding="utf-8")
    assert run.code == case.expect_exit
    assert "Traceback" not in run.stderr
    assert run.seconds < WELL_WITHIN, f"{run.seconds:.1f} s"
    assert run.peak < RESIDENT, f"{run.peak / 2**20:.0f} MB"
    if run.code:
        assert snapshot(folder, case.outputs) == before
    for pdf in (folder / output for output in case.outputs if output.endswith(".pdf")):
        if run.code == 0:
            assert CORPUS.MARKER not in pdftotext(pdf)

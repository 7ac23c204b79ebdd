"""Interrupt a reportgen child process at a known stage, without timing it.

`start_paused` runs `python -m tests.handshake ARGS`: `python -m reportgen ARGS` with one addition,
a pause at the given stage: the child writes "paused LABEL PID" (LABEL: the input's stem, or the
stage) on a pipe of its own (stdout and stderr stay the command's) and waits there for the
test's signal. The test reads that line
(`wait_until_paused`), then signals: the signal can come neither too early (the child is waiting
at that stage) nor too late (the child cannot go on without it). Stages:

- "1/5" … "5/5": when that progress step (`reportgen.progress`) begins ("4/5": typesetting,
  "5/5": both files made, about to be written);
- "import": while Python imports the command line (`reportgen.cli.main`), before any command;
- "temporaries": every temporary file written, before the first rename onto an output;
- "commit": just after the first rename onto an output, before the next;
- "written": just after the outputs were put in place (`reportgen.output.write_all` returned);
- "flush": at the command line's last flush of stdout, after the command has ended.

- SIGINT or SIGTERM, in a process that handles it: taken with sigwait, so it is caught however
  soon after the line it comes, then raised again for the process's own handler — right there,
  as a Ctrl-C (or `kill`) at that moment would.
- SIGKILL: ends the waiting child where it is.
- A build worker (at a progress step) ignores SIGINT (Ctrl-C is the parent's): it waits for the
  parent to end it.
"""

from __future__ import annotations

import importlib.abc
import logging
import multiprocessing
import os
import runpy
import select
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

STAGE, INPUTS, PIPE = "REPORTGEN_TEST_PAUSE_AT", "REPORTGEN_TEST_PAUSE_FOR", "REPORTGEN_TEST_PAUSE_PIPE"
SIGNALS = {signal.SIGINT, signal.SIGTERM}


def start_paused(
    *args: str,
    stage: str,
    inputs: tuple[str, ...] = (),
    cwd: Path,
    new_session: bool = False,
    env: dict[str, str] | None = None,
) -> subprocess.Popen[str]:
    """Start reportgen ARGS in a child process that pauses at `stage` (see the module docstring),
    for every report or only for the inputs whose stems are given."""
    pauses, said = os.pipe()
    base = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    base |= {STAGE: stage, INPUTS: ",".join(inputs), PIPE: str(said)} | (env or {})
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.handshake", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=cwd,
        env=base,
        start_new_session=new_session,
        pass_fds=(said,),
    )
    os.close(said)
    proc.pauses = pauses  # read by paused_processes
    return proc


def wait_until_paused(proc: subprocess.Popen[str], count: int = 1) -> list[str]:
    """Return the labels (input stems) the child paused at, once `count` have; fail if it ends first."""
    return sorted(paused_processes(proc, count))


def paused_processes(proc: subprocess.Popen[str], count: int = 1) -> dict[str, int]:
    """Return {label: pid of the paused process} once `count` have paused; fail if the child ends first.

    Call it once per child. The limit is a safety net against a hung child, not a timing: a pause comes in seconds.
    """
    fd, data = proc.pauses, b""
    while data.count(b"\n") < count:
        ready, _, _ = select.select([fd], [], [], 300)
        assert ready, f"no pause after 300 s: {data!r}"
        chunk = os.read(fd, 4096)
        assert chunk, f"the child ended before it paused: {data!r}, {proc.communicate()}"
        data += chunk
    os.close(fd)  # one wait per child
    lines = data.decode().splitlines()
    assert all(line.startswith("paused ") for line in lines), lines
    return {label: int(pid) for label, pid in (line.split()[1:] for line in lines)}


def _wait_for_signal(label: str) -> None:
    """Say "paused LABEL PID", wait for SIGINT or SIGTERM, then let it act here."""
    signal.pthread_sigmask(signal.SIG_BLOCK, SIGNALS)
    _say_paused(label)
    received = signal.sigwait(SIGNALS)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, SIGNALS)
    signal.raise_signal(received)


def _say_paused(label: str) -> None:
    os.write(int(os.environ[PIPE]), f"paused {label} {os.getpid()}\n".encode())


def _wanted(label: str) -> bool:
    only = set(filter(None, os.environ.get(INPUTS, "").split(",")))
    return not only or label in only


class _Pause(logging.Handler):
    """The child's progress handler: pause when the stage begins (see the module docstring)."""

    def __init__(self) -> None:
        super().__init__()
        self.stage = os.environ[STAGE] + " "
        self.input = ""

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if message.startswith("1/5 "):  # "1/5 读取并检查 PATH": the report this process works on
            self.input = Path(message.split(" ", 2)[2]).stem
        if not message.startswith(self.stage) or not _wanted(self.input):
            return
        if multiprocessing.parent_process() is not None:  # a build worker
            _say_paused(self.input)
            while True:
                signal.pause()  # until the build's parent ends this worker (SIGTERM)
        _wait_for_signal(self.input)


class _PauseAtImport(importlib.abc.MetaPathFinder):
    """Pause when Python starts importing the command line's handlers."""

    def find_spec(self, name: str, path: Any, target: Any = None) -> None:
        if name == "reportgen.cli.main":
            sys.meta_path.remove(self)
            _wait_for_signal("import")


def _pause_at_rename(stage: str) -> None:
    """Pause before ("temporaries") or after ("commit") the first rename onto an output."""
    replace, done = os.replace, []

    def paused_replace(src: Any, dst: Any, **kwargs: Any) -> None:
        first = not done and not Path(dst).name.startswith(".reportgen-") and _wanted(Path(dst).stem)
        if first:
            done.append(dst)
        if first and stage == "temporaries":
            _wait_for_signal(Path(dst).stem)
        replace(src, dst, **kwargs)
        if first and stage == "commit":
            _wait_for_signal(Path(dst).stem)

    os.replace = paused_replace


def _pause_when_written() -> None:
    from reportgen import output

    write_all = output.write_all

    def paused_write_all(files: dict[Path, bytes]) -> None:
        write_all(files)
        _wait_for_signal(next(iter(files)).stem)

    output.write_all = paused_write_all


class _PausingStdout:
    """sys.stdout, pausing at its first explicit flush (the command line's last act)."""

    def __init__(self, stream: Any) -> None:
        self._stream, self._paused = stream, False

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)

    def flush(self) -> None:
        if not self._paused:  # before the output goes out: the test reads the pause line first
            self._paused = True
            _wait_for_signal("flush")
        self._stream.flush()


if __name__ == "__main__":
    stage = os.environ[STAGE]
    if stage == "import":
        sys.meta_path.insert(0, _PauseAtImport())
    elif stage in ("temporaries", "commit"):
        _pause_at_rename(stage)
    elif stage == "written":
        _pause_when_written()
    elif stage == "flush":
        sys.stdout = _PausingStdout(sys.stdout)
    else:
        progress = logging.getLogger("reportgen.progress")
        progress.addHandler(_Pause())
        progress.setLevel(logging.INFO)
    runpy.run_module("reportgen", run_name="__main__", alter_sys=True)

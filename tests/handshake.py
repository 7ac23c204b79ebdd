"""Interrupt a reportgen child process at a known stage, without timing it.

`start_paused` runs `python -m tests.handshake ARGS`: `python -m reportgen ARGS` with one addition,
a handler on the progress logger (`reportgen.progress`: "1/5 …" … "5/5 …") that, when the given
stage begins, prints "paused STEM" (the input's stem) on stdout and waits there for the test's
signal. The test reads that line (`wait_until_paused`), then signals: the signal can come neither
too early (the child is waiting at that stage) nor too late (the child cannot go on without it).

- SIGINT, in a process that handles it (render): taken with sigwait, so it is caught however soon
  after the line it comes, then raised again for Python's own handler — KeyboardInterrupt right
  there, inside the pipeline, as a Ctrl-C at that moment would.
- SIGKILL: ends the waiting child where it is.
- A build worker ignores SIGINT (Ctrl-C is the parent's): it waits for the parent to end it.
"""

from __future__ import annotations

import logging
import os
import runpy
import select
import signal
import subprocess
import sys
from pathlib import Path

STAGE, INPUTS = "REPORTGEN_TEST_PAUSE_AT", "REPORTGEN_TEST_PAUSE_FOR"


def start_paused(
    *args: str, stage: str, inputs: tuple[str, ...] = (), cwd: Path, new_session: bool = False
) -> subprocess.Popen[str]:
    """Start reportgen ARGS in a child process that pauses when progress stage `stage` ("4/5",
    "5/5") begins, for every report or only for the inputs whose stems are given."""
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env |= {STAGE: stage, INPUTS: ",".join(inputs)}
    return subprocess.Popen(
        [sys.executable, "-m", "tests.handshake", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=cwd,
        env=env,
        start_new_session=new_session,
    )


def wait_until_paused(proc: subprocess.Popen[str], count: int = 1) -> list[str]:
    """Return the stems of the inputs the child paused at, once `count` have; fail if it ends first.

    The limit is a safety net against a hung child, not a timing: a pause comes in seconds.
    """
    assert proc.stdout is not None
    fd, data = proc.stdout.fileno(), b""
    while data.count(b"\n") < count:
        ready, _, _ = select.select([fd], [], [], 300)
        assert ready, f"no pause after 300 s: {data!r}"
        chunk = os.read(fd, 4096)
        assert chunk, f"the child ended before it paused: {data!r}, {proc.communicate()}"
        data += chunk
    lines = data.decode().splitlines()
    assert all(line.startswith("paused ") for line in lines), lines
    return sorted(line.removeprefix("paused ") for line in lines)


class _Pause(logging.Handler):
    """The child's progress handler: pause when the stage begins (see the module docstring)."""

    def __init__(self) -> None:
        super().__init__()
        self.stage = os.environ[STAGE] + " "
        self.only = set(filter(None, os.environ.get(INPUTS, "").split(",")))
        self.input = ""

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if message.startswith("1/5 "):  # "1/5 读取并检查 PATH": the report this process works on
            self.input = Path(message.split(" ", 2)[2]).stem
        if not message.startswith(self.stage) or (self.only and self.input not in self.only):
            return
        if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:  # a build worker
            os.write(1, f"paused {self.input}\n".encode())
            while True:
                signal.pause()  # until the build's parent ends this worker (SIGTERM)
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        os.write(1, f"paused {self.input}\n".encode())
        signal.sigwait({signal.SIGINT})
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
        signal.raise_signal(signal.SIGINT)


if __name__ == "__main__":
    progress = logging.getLogger("reportgen.progress")
    progress.addHandler(_Pause())
    progress.setLevel(logging.INFO)
    runpy.run_module("reportgen", run_name="__main__", alter_sys=True)

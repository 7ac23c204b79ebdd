"""Interrupt a reportgen child process at a known stage, without timing it.

The child runs `python -m reportgen ARGS` with one addition: a handler on the progress logger
(`reportgen.progress`: "1/5 …" … "5/5 …") that, when the given stage begins, prints
"paused STEM" (the input's stem) on stdout and waits there for the test's signal. The test reads
that line, then signals: the signal cannot come too early (the child is waiting) nor too late
(the child cannot go on without it).

- SIGINT, in a process that handles it (render): taken with sigwait, so it is caught however soon
  after the line it comes, then raised again for Python's own handler — KeyboardInterrupt right
  there, inside the pipeline, as a Ctrl-C at that moment would.
- SIGKILL: ends the waiting child where it is.
- In a build worker (SIGINT ignored: Ctrl-C is the parent's), the child waits for its parent to
  end it (SIGTERM).
"""

from __future__ import annotations

import os
import select
import subprocess
import sys
from pathlib import Path

CHILD = r"""
import logging, os, runpy, signal, sys

STAGE = os.environ["REPORTGEN_TEST_PAUSE_AT"] + " "
ONLY = set(filter(None, os.environ.get("REPORTGEN_TEST_PAUSE_FOR", "").split(",")))


class Pause(logging.Handler):
    input = ""

    def emit(self, record):
        message = record.getMessage()
        if message.startswith("1/5 "):  # "1/5 读取并检查 PATH": the report this process works on
            Pause.input = os.path.splitext(os.path.basename(message.split(" ", 2)[2]))[0]
        if not message.startswith(STAGE) or (ONLY and Pause.input not in ONLY):
            return
        if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:  # a build worker
            os.write(1, f"paused {Pause.input}\n".encode())
            while True:
                signal.pause()  # until the build's parent ends this worker
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        os.write(1, f"paused {Pause.input}\n".encode())
        signal.sigwait({signal.SIGINT})
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
        signal.raise_signal(signal.SIGINT)


progress = logging.getLogger("reportgen.progress")
progress.addHandler(Pause())
progress.setLevel(logging.INFO)
runpy.run_module("reportgen", run_name="__main__", alter_sys=True)
"""


def start_paused(
    *args: str, stage: str, inputs: tuple[str, ...] = (), cwd: Path, new_session: bool = False
) -> subprocess.Popen[str]:
    """Start `python -m reportgen ARGS`, to pause when progress stage `stage` ("4/5", "5/5") begins,
    for every report or only for the inputs whose stems are given."""
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env |= {"REPORTGEN_TEST_PAUSE_AT": stage, "REPORTGEN_TEST_PAUSE_FOR": ",".join(inputs)}
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, *args],
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

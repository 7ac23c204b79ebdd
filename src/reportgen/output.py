"""Write outputs atomically: temporary files in the same folder, then renames, all files or none.

The files of one call are replaced together or not at all: every target is checked and every
temporary file written and synced before the first rename; the previous files stay aside (hard
links) until all new ones are in place, and are put back when a rename fails, or when SIGINT or
SIGTERM arrives between the first rename and the last (those signals wait until the files are
consistent again, then act). Only SIGKILL or a power cut between two renames (microseconds) can
leave a new .docx beside an old PDF.

A temporary file's name says who writes it (`.reportgen-2015.pdf.pid4711-1a2b3c4d.k2x9.tmp`: process
id and machine). The next run in that folder removes those whose writer has ended (killed by
SIGKILL, power loss), never a live one's; names without a writer (older versions) are removed
after STALE_SECONDS.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import secrets
import shutil
import signal
import socket
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import FrameType
from typing import Any

from reportgen.errors import OutputError, Problem, UsageError
from reportgen.i18n import t

TEMP_PREFIX = ".reportgen-"
STALE_SECONDS = 15 * 60
"""A temporary file of unknown writer this old was left by a killed render (a live one takes seconds)."""

HOST = hashlib.sha256(socket.gethostname().encode()).hexdigest()[:8]
"""This machine, in temporary names: a process id means nothing on another machine sharing the folder."""

_WRITER = re.compile(r"\.pid(\d+)-([0-9a-f]{8})\.\w+\.tmp$")

_HELD = (signal.SIGINT, signal.SIGTERM)
_ignore_sigint_once_written = False


def ignore_sigint_once_written() -> None:
    """From now on in this process, SIGINT is ignored once write_all has put a command's last files
    in place (`final`).

    The command line's entry point calls this: after the outputs are written, a Ctrl-C can stop
    nothing, and "interrupted, nothing written" would be untrue; the command finishes and says
    what it wrote. (A library caller keeps its own SIGINT handling.)
    """
    global _ignore_sigint_once_written
    _ignore_sigint_once_written = True


def temporary_prefix(name: str) -> str:
    """Return the start of this process's temporary names for the file `name`."""
    return f"{TEMP_PREFIX}{name}.pid{os.getpid()}-{HOST}."


def check_writable(folder: Path) -> None:
    """Create `folder` if needed; raise OutputError now if files cannot be written into it.

    Also removes the temporary files that killed runs left there (remove_abandoned).
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(t("无法创建输出文件夹（{reason}）", reason=exc.strerror), path=folder) from exc
    if not folder.is_dir():
        raise OutputError(t("输出位置不是文件夹"), path=folder)
    try:
        fd, probe = tempfile.mkstemp(dir=folder, prefix=temporary_prefix("check"), suffix=".tmp")
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise OutputError(t("输出文件夹不可写（{reason}）", reason=exc.strerror), path=folder) from exc
    remove_abandoned(folder)


def remove_abandoned(folder: Path) -> None:
    """Remove the temporary files in `folder` that nobody will finish: those whose writer (named in
    the file name) has ended, and those of an unknown writer older than STALE_SECONDS."""
    now = time.time()
    for path in folder.glob(TEMP_PREFIX + "*.tmp"):
        with contextlib.suppress(OSError):
            writer = _WRITER.search(path.name)
            if writer and writer[2] == HOST and os.name == "posix":
                abandoned = not _alive(int(writer[1]))
            else:
                abandoned = now - path.stat().st_mtime > STALE_SECONDS
            if abandoned:
                path.unlink()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def refuse_overwriting(source: Path, targets: Iterable[Path], option: str) -> None:
    """Raise UsageError when a target is the file `source` itself (by any path: relative, symlink,
    hard link); `option` is the command-line option that chooses the outputs' place."""
    for target in targets:
        with contextlib.suppress(OSError):  # a target that does not exist is not the source
            if os.path.samefile(source, target):
                raise UsageError(
                    t(
                        "输出 {output} 就是输入文件本身，写出会覆盖它；请用 {option} 另选位置",
                        output=target,
                        option=option,
                    ),
                    path=source,
                )


def write_all(files: dict[Path, bytes], *, final: bool = True) -> None:
    """Replace every file or none (see the module docstring).

    `final`: these are the last files the command writes (see ignore_sigint_once_written); not
    so for one report of a build. Raise OutputError naming the file that could not be written;
    the previous files are then as they were.
    """
    for target in files:
        if target.is_dir() and not target.is_symlink():
            raise OutputError(t("这里有同名的文件夹，无法写出这个文件"), path=target)
    temporaries: dict[Path, Path] = {}
    received: list[int] = []
    try:
        for target, data in files.items():
            _write_temporary(target, data, temporaries)
        with _signals_held(received) as held:
            _replace_all(temporaries, received)
            if final and _ignore_sigint_once_written and signal.SIGINT in held and not received:
                held[signal.SIGINT] = signal.SIG_IGN
    finally:
        for tmp in temporaries.values():
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)
        # the previous files are back: now SIGTERM ends the process, Ctrl-C stops the run
        for signum in sorted(set(received), key=lambda signum: signum != signal.SIGTERM):
            signal.raise_signal(signum)


def _write_temporary(target: Path, data: bytes, temporaries: dict[Path, Path]) -> None:
    """Write `data` to a new temporary file beside `target`, synced; record it in `temporaries`."""
    try:
        fd, name = tempfile.mkstemp(dir=target.parent, prefix=temporary_prefix(target.name), suffix=".tmp")
        temporaries[target] = Path(name)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(name, 0o644)
    except OSError as exc:
        raise _write_error(target, exc) from exc


def _replace_all(temporaries: dict[Path, Path], received: list[int]) -> None:
    """Rename every temporary over its target, keeping the previous files aside; put them back
    when a rename fails or a held signal arrived meanwhile."""
    previous: dict[Path, Path | None] = {}  # target → its previous file, set aside (None: there was none)
    try:
        for target, tmp in temporaries.items():
            aside = _set_aside(target)
            try:
                os.replace(tmp, target)
            except BaseException:  # this target is as it was
                if aside is not None:
                    aside.unlink(missing_ok=True)
                raise
            previous[target] = aside
    except OSError as exc:
        raise _write_error(target, exc, _put_back(previous)) from exc
    except BaseException:
        _put_back(previous)
        raise
    if received:
        _put_back(previous)
        return
    for kept in previous.values():
        if kept is not None:
            with contextlib.suppress(OSError):
                kept.unlink()


def _set_aside(target: Path) -> Path | None:
    """Return a second name for the file at `target` (a hard link; a copy where links are not
    possible), or None when there is no file there."""
    aside = target.with_name(f"{temporary_prefix(target.name)}{secrets.token_hex(4)}.tmp")
    try:
        os.link(target, aside, follow_symlinks=False)
    except FileNotFoundError:
        return None
    except OSError:  # no hard links on this file system, or not allowed (fs.protected_hardlinks)
        shutil.copy2(target, aside, follow_symlinks=False)
    return aside


def _put_back(previous: dict[Path, Path | None]) -> list[Problem]:
    """Return the targets' previous files to their places, last replaced first; return what could
    not be put back (a previous file that cannot go back is kept as NAME.previous)."""
    problems = []
    for target, kept in reversed(previous.items()):
        try:
            if kept is None:
                target.unlink(missing_ok=True)
            else:
                os.replace(kept, target)
        except OSError as exc:
            saved = target.with_name(f"{target.name}.previous")
            if kept is not None and _rename(kept, saved):
                message = t(
                    "没能恢复原来的文件（{reason}），它保存在 {saved}", reason=exc.strerror, saved=saved
                )
            else:
                message = t("没能恢复原来的文件（{reason}）", reason=exc.strerror)
            problems.append(Problem("", message, target))
    return problems


def _rename(source: Path, target: Path) -> bool:
    try:
        os.replace(source, target)
    except OSError:
        return False
    return True


def _write_error(target: Path, exc: OSError, problems: list[Problem] | None = None) -> OutputError:
    """Return the error of a file that could not be written, naming it (not its temporary)."""
    full = exc.errno in (errno.ENOSPC, errno.EDQUOT)
    reason = t("磁盘空间不足") if full else exc.strerror or str(exc)
    return OutputError(t("写入失败（{reason}）", reason=reason), path=target, problems=problems)


@contextlib.contextmanager
def _signals_held(received: list[int]) -> Iterator[dict[int, Any]]:
    """Within the block, SIGINT and SIGTERM are noted in `received` instead of acted upon.

    Yields the handlers to restore on leaving (the caller may change them). Only the main
    thread can set handlers (and signals are delivered there): elsewhere nothing changes. A
    signal this process ignores stays ignored.
    """
    held: dict[int, Any] = {}
    if threading.current_thread() is not threading.main_thread():
        yield held
        return

    def note(signum: int, frame: FrameType | None) -> None:
        received.append(signum)

    for signum in _HELD:
        handler = signal.getsignal(signum)
        if handler is not None and handler != signal.SIG_IGN:
            held[signum] = handler
            signal.signal(signum, note)
    try:
        yield held
    finally:
        for number, previous in held.items():
            signal.signal(number, previous)

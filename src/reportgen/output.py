"""Write outputs atomically: a temporary file in the same folder, then a rename, all or nothing."""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from pathlib import Path

from reportgen.errors import OutputError
from reportgen.i18n import t

TEMP_PREFIX = ".reportgen-"
STALE_SECONDS = 15 * 60
"""A temporary file this old was left by a killed render (a live render takes seconds)."""


def check_writable(folder: Path) -> None:
    """Create `folder` if needed; raise OutputError now if files cannot be written into it.

    Also removes temporary files that a killed render (SIGKILL, power loss) left behind.
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(t("无法创建输出文件夹（{reason}）", reason=exc.strerror), path=folder) from exc
    if not folder.is_dir():
        raise OutputError(t("输出位置不是文件夹"), path=folder)
    try:
        with tempfile.NamedTemporaryFile(dir=folder, prefix=TEMP_PREFIX + "check-"):
            pass
    except OSError as exc:
        raise OutputError(t("输出文件夹不可写（{reason}）", reason=exc.strerror), path=folder) from exc
    now = time.time()
    for stale in folder.glob(TEMP_PREFIX + "*.tmp"):
        with contextlib.suppress(OSError):
            if now - stale.stat().st_mtime > STALE_SECONDS:
                stale.unlink()


def write_all(files: dict[Path, bytes]) -> None:
    """Write every file or none: all temporaries are written and synced before any rename."""
    temporaries: list[tuple[str, Path]] = []
    try:
        for target, data in files.items():
            fd, tmp = tempfile.mkstemp(
                dir=target.parent, prefix=f"{TEMP_PREFIX}{target.name}.", suffix=".tmp"
            )
            temporaries.append((tmp, target))
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, 0o644)
        for tmp, target in temporaries:
            os.replace(tmp, target)
    except OSError as exc:
        raise OutputError(t("写入失败（{reason}）", reason=exc.strerror), path=exc.filename or None) from exc
    finally:
        for tmp, _ in temporaries:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)

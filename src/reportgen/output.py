"""Write outputs atomically: a temporary file in the same folder, then a rename, all or nothing."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from reportgen.errors import OutputError


def check_writable(folder: Path) -> None:
    """Create `folder` if needed; raise OutputError now if files cannot be written into it."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"无法创建输出文件夹（{exc.strerror}）", path=folder) from exc
    if not folder.is_dir():
        raise OutputError("输出位置不是文件夹", path=folder)
    try:
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".reportgen-check-"):
            pass
    except OSError as exc:
        raise OutputError(f"输出文件夹不可写（{exc.strerror}）", path=folder) from exc


def write_all(files: dict[Path, bytes]) -> None:
    """Write every file or none: all temporaries are written and synced before any rename."""
    temporaries: list[tuple[str, Path]] = []
    try:
        for target, data in files.items():
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
            temporaries.append((tmp, target))
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, 0o644)
        for tmp, target in temporaries:
            os.replace(tmp, target)
    except OSError as exc:
        raise OutputError(f"写入失败（{exc.strerror}）", path=exc.filename or None) from exc
    finally:
        for tmp, _ in temporaries:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)

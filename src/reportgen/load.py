"""Input file → JSON value, with syntax errors reported as line:column and the offending line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from reportgen.errors import InputError, Problem


def load_json(path: Path) -> Any:
    """Return the parsed JSON of `path`; raise InputError naming the file and position."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError as exc:
        raise InputError("找不到输入文件", path=path) from exc
    except OSError as exc:
        raise InputError(f"无法读取输入文件（{exc.strerror}）", path=path) from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"文件不是 UTF-8 编码（第 {exc.start + 1} 个字节无法解码）；请用“另存为 → UTF-8”保存",
            path=path,
        ) from exc
    if not text.strip():
        raise InputError("文件是空的", path=path)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        line = text.splitlines()[exc.lineno - 1] if exc.lineno - 1 < len(text.splitlines()) else ""
        raise InputError(
            "JSON 格式错误",
            path=path,
            problems=[Problem(f"第 {exc.lineno} 行第 {exc.colno} 列", f"{exc.msg}：{line.strip()}")],
        ) from exc

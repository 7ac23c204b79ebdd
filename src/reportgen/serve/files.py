"""The reports' folder: names inside DIR only, the list, reading, and saving as a person writes JSON.

Only `*.json` files directly in DIR are served; a name with a folder part, a hidden name or a
link (symlink) that leads out of DIR is refused before anything is read. A file's version is the
SHA-256 of its bytes: a save names the version it was opened at and is refused when the file
changed since (someone else, an editor, another tab).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportgen.errors import InputError, ReportgenError, UsageError, ValidationFailed
from reportgen.i18n import t
from reportgen.input import MODELS, load_json, validate
from reportgen.input.cycle import dumps
from reportgen.output import write_all

NAME = re.compile(r"[^/\\\x00-\x1f:*?\"<>|]{1,120}\.json")
"""A file name the page may use: no folder part, no character Windows refuses, ending in .json."""


class Refused(ReportgenError):
    """A request names a file the page may not use (outside DIR, not *.json, a link leading out)."""


class Missing(ReportgenError):
    """A request names a file that is not (or no longer) in DIR."""


class Conflict(ReportgenError):
    """The file changed on disk since the page opened it."""


def version(data: bytes | None) -> str | None:
    """Return the version of a file's bytes (SHA-256, hex); None for a file that does not exist."""
    return None if data is None else hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Entry:
    """One input in the list: what the page shows about it."""

    name: str
    issuer: str
    year: int | None
    format: str
    errors: int
    warnings: int
    problem: str
    """Why the file cannot be opened at all (not JSON), else ""."""
    modified: str
    rendered: str
    """When outputs/STEM.pdf was last written, when it is newer than the input, else ""."""

    def as_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


class Folder:
    """DIR, the only folder the page reads and writes inputs in, and the outputs folder beside it."""

    def __init__(self, root: Path, out_dir: Path) -> None:
        self.root = root.resolve()
        self.out_dir = out_dir

    def path(self, name: str) -> Path:
        """Return DIR/name; raise Refused unless it is a *.json name directly inside DIR."""
        if not NAME.fullmatch(name) or name.startswith(".") or name in (".json", "..json"):
            raise Refused(t("文件名应为 名称.json，不含文件夹"), path=name)
        candidate = self.root / name
        resolved = candidate.resolve()
        if not resolved.is_relative_to(self.root) or resolved.parent != self.root:
            raise Refused(t("文件不在报告文件夹 {folder} 里", folder=self.root), path=name)
        if candidate.is_symlink():
            raise Refused(t("文件是链接（符号链接）：不允许"), path=name)
        return candidate

    def names(self) -> list[str]:
        """Return the names of the inputs in DIR, sorted (links and hidden files left out)."""
        found = []
        for item in self.root.glob("*.json"):
            if item.name.startswith(".") or item.is_symlink() or not item.is_file():
                continue
            if NAME.fullmatch(item.name):
                found.append(item.name)
        return sorted(found)

    def read(self, name: str) -> tuple[bytes | None, Path]:
        """Return the bytes of DIR/name (None when it does not exist) and its path."""
        path = self.path(name)
        try:
            return path.read_bytes(), path
        except FileNotFoundError:
            return None, path

    def entry(self, name: str) -> Entry:
        """Return what the list shows of one input: issuer, year, format, its problems, its outputs."""
        path = self.path(name)
        modified = path.stat().st_mtime
        issuer, year, fmt, problem, errors, warnings = "", None, "", "", 0, 0
        try:
            data = load_json(path).value.data
        except InputError as exc:
            problem = exc.format_message()
            data = None
        if isinstance(data, dict):
            issuer, fmt = _text(data.get("issuer")), _text(data.get("format"))
            year = data["year"] if isinstance(data.get("year"), int) else None
            try:
                warnings = len(validate(data, path).warnings)
            except ValidationFailed as exc:
                errors = len(exc.problems)
        elif data is not None:
            errors = 1
        pdf = self.out_dir / f"{path.stem}.pdf"
        rendered = ""
        if pdf.is_file() and pdf.stat().st_mtime >= modified:
            rendered = _when(pdf.stat().st_mtime)
        return Entry(name, issuer, year, fmt, errors, warnings, problem, _when(modified), rendered)

    def save(self, name: str, data: Any, opened: str | None, *, replace: bool = False) -> tuple[str, Path]:
        """Write `data` to DIR/name as a person writes JSON, atomically; return the new version.

        `opened` is the version the page opened (None: a new file). Raise Conflict when the file on
        disk is not that version (changed, created or deleted since), unless `replace`; raise
        UsageError when `data` is not a report's JSON object (nothing is written then).
        """
        current, path = self.read(name)
        text = layout(data, _old_data(current))  # refuses what is not a report, before anything else
        if not replace and version(current) != opened:
            if current is None:
                message = t("文件在打开后被删除或改名了；没有保存。要重新创建，请点“仍然保存”")
            elif opened is None:
                message = t("已有同名文件；没有保存。请换一个文件名")
            else:
                message = t("文件在打开后被改动过（别的程序或别的窗口）；没有保存。请重新打开后再改")
            raise Conflict(message, path=name)
        write_all({path: text.encode("utf-8")}, final=False)
        return version(text.encode("utf-8")) or "", path


def layout(data: Any, old: Any = None) -> str:
    """Return `data` as the JSON text a person writes (`cycle.dumps`): keys in the order the file
    had them (new keys after), `$schema` first, 2-space indent, Chinese as is, a final newline.

    Raise UsageError when `data` is not a JSON object naming a known report format.
    """
    if not isinstance(data, dict):
        raise UsageError(t("要保存的内容不是一个报告（应为 JSON 对象）"))
    if data.get("format") not in MODELS:
        raise UsageError(t("要保存的内容没有已知的报告格式（format）"))
    arranged = _arrange(data, old)
    text = dumps(arranged)
    if json.loads(text) != data:  # the text says exactly what was sent, or nothing is written
        raise UsageError(t("要保存的内容无法写成 JSON"))
    return text


def _arrange(value: Any, old: Any) -> Any:
    """Return `value` with each object's keys in `old`'s order first (the file's), then the rest."""
    if isinstance(value, dict):
        before = list(old) if isinstance(old, dict) else []
        keys = [key for key in before if key in value] + [key for key in value if key not in before]
        if "$schema" in keys:
            keys.remove("$schema")
            keys.insert(0, "$schema")
        return {key: _arrange(value[key], old.get(key) if isinstance(old, dict) else None) for key in keys}
    if isinstance(value, list):
        olds = old if isinstance(old, list) else []
        return [_arrange(item, olds[i] if i < len(olds) else None) for i, item in enumerate(value)]
    return value


def _old_data(current: bytes | None) -> Any:
    if current is None:
        return None
    try:
        return json.loads(current.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        return None


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _when(timestamp: float) -> str:
    return dt.datetime.fromtimestamp(timestamp).strftime("%Y-%m-%d %H:%M")

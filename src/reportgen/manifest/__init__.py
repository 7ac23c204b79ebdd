"""The build manifest's layout, shards of a build, and `reportgen manifest merge`.

A build can be split over the machines of a CI matrix: `reportgen build --shard K/N` renders the
K-th of N slices of its inputs and writes `manifest.K-of-N.json`, the manifest of that slice
with a `shard` block (its index and count, how many inputs the whole build has and a digest of
their list, the build's settings). `merge` checks that the shards belong together (the same
inputs, settings and version; every shard once; no output twice) and returns the manifest the
single build would have written, byte for byte.

The slices are stable: the inputs are sorted by their path relative to the current folder
(as the manifest shows them) and the i-th of them (counting from 0) goes to shard i mod N + 1.
The slice of an input thus depends on the set of inputs and N alone, not on the order in which
they were given, and the slices differ in size by one at most.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportgen.errors import InputError, Problem, UsageError
from reportgen.i18n import t

MANIFEST = "manifest.json"
TOOL = "reportgen"


@dataclass(frozen=True)
class Shard:
    """The K-th (`index`, from 1) of `count` slices of a build's inputs."""

    index: int
    count: int

    @classmethod
    def parse(cls, text: str) -> Shard:
        """Return the shard `K/N` names; raise UsageError unless 1 ≤ K ≤ N."""
        match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", text)
        if match is None or not 1 <= int(match[1]) <= int(match[2]):
            raise UsageError(t("--shard 应为 K/N，1 ≤ K ≤ N，例如 2/3；不是 {value}", value=text))
        return cls(int(match[1]), int(match[2]))

    def select(self, inputs: Iterable[Path]) -> list[Path]:
        """Return this shard's inputs, in the order given (see the module docstring for the slicing)."""
        given = list(inputs)
        ranked = sorted(given, key=shown)
        mine = {path for number, path in enumerate(ranked) if number % self.count == self.index - 1}
        return [path for path in given if path in mine]

    @property
    def manifest_name(self) -> str:
        """Return the file name of this shard's manifest: manifest.2-of-3.json."""
        return f"manifest.{self.index}-of-{self.count}.json"

    def block(self, inputs: list[Path], settings: dict[str, Any]) -> dict[str, Any]:
        """Return the manifest's `shard` block; `inputs`: all the build's inputs, not only this shard's."""
        listing = "\n".join(sorted(shown(path) for path in inputs))
        return {
            "index": self.index,
            "count": self.count,
            "inputs": len(inputs),
            "inputs_sha256": hashlib.sha256(listing.encode("utf-8")).hexdigest(),
            "settings": settings,
        }


def shown(path: Path) -> str:
    """Return `path` relative to the current folder where it lies inside it, so manifests built in
    different checkouts compare equal; else the absolute path."""
    absolute = path.resolve()
    try:
        return absolute.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return absolute.as_posix()


def dumps(
    version: str,
    outputs: list[dict[str, Any]],
    failed: list[dict[str, Any]],
    shard: dict[str, Any] | None = None,
) -> str:
    """Return the manifest's text: outputs sorted by name, failed inputs sorted by input, then the shard block."""
    document: dict[str, Any] = {
        "tool": TOOL,
        "tool_version": version,
        "outputs": sorted(outputs, key=lambda entry: str(entry["path"])),
        "failed": sorted(failed, key=lambda entry: str(entry["input"])),
    }
    if shard is not None:
        document["shard"] = shard
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


AGREE = ("count", "inputs", "inputs_sha256", "settings")
"""What every shard of one build has alike in its `shard` block."""


def merge(paths: list[Path]) -> str:
    """Return the manifest a single build would have written, from the manifests of all its shards.

    Raise InputError listing every problem: a file that is not a shard's manifest, shards of
    different builds (inputs, settings, version), a shard missing or given twice, an output or a
    failed input in two shards.
    """
    read = [(path, _read(path)) for path in paths]
    problems = [problem for _, (_, problem) in read if problem is not None]
    if problems:
        raise InputError(t("不能合并：{count} 个文件不是分片的清单", count=len(problems)), problems=problems)
    manifests = [(path, document) for path, (document, _) in read]
    first_path, first = manifests[0]
    seen_shards: dict[int, Path] = {}
    seen_outputs: dict[str, Path] = {}
    seen_inputs: dict[str, Path] = {}
    for path, document in manifests:
        shard = document["shard"]
        if document["tool_version"] != first["tool_version"]:
            message = t(
                "由 reportgen {version} 生成，{first} 由 {first_version} 生成",
                version=document["tool_version"],
                first=first_path,
                first_version=first["tool_version"],
            )
            problems.append(Problem("$.tool_version", message, path))
        for key in AGREE:
            if shard[key] != first["shard"][key]:
                problems.append(
                    Problem(
                        f"$.shard.{key}", t("与 {first} 的不同：不是同一次生成的分片", first=first_path), path
                    )
                )
        other = seen_shards.setdefault(shard["index"], path)
        if other is not path:
            message = t(
                "分片 {index}/{count} 给了两次（也是 {other}）",
                index=shard["index"],
                count=shard["count"],
                other=other,
            )
            problems.append(Problem("$.shard.index", message, path))
        for entry in document["outputs"]:
            _once(seen_outputs, str(entry["path"]), path, "$.outputs", problems)
            seen_inputs.setdefault(str(entry["input"]), path)
        for entry in document["failed"]:
            _once(seen_inputs, str(entry["input"]), path, "$.failed", problems)
    count = first["shard"]["count"]
    missing = [str(index) for index in range(1, count + 1) if index not in seen_shards]
    if missing and not problems:
        problems.append(
            Problem(
                "",
                t(
                    "缺少分片 {missing}（共 {count} 个）",
                    missing="、".join(f"{m}/{count}" for m in missing),
                    count=count,
                ),
            )
        )
    if not problems and len(seen_inputs) != first["shard"]["inputs"]:
        message = t(
            "各分片共有 {found} 份输入，应为 {expected} 份",
            found=len(seen_inputs),
            expected=first["shard"]["inputs"],
        )
        problems.append(Problem("", message))
    if problems:
        raise InputError(t("不能合并这些清单（{count} 处问题）", count=len(problems)), problems=problems)
    outputs = [entry for _, document in manifests for entry in document["outputs"]]
    failed = [entry for _, document in manifests for entry in document["failed"]]
    return dumps(first["tool_version"], outputs, failed)


def _once(seen: dict[str, Path], name: str, path: Path, where: str, problems: list[Problem]) -> None:
    """Note that `name` is in the manifest `path`; a problem when another manifest has it too."""
    other = seen.setdefault(name, path)
    if other != path:
        problems.append(Problem(where, t("{name} 也在 {other} 中：分片有重叠", name=name, other=other), path))


def _read(path: Path) -> tuple[dict[str, Any], Problem | None]:
    """Return a shard's manifest, or the problem that makes it none."""
    try:
        document = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return {}, Problem("", t("找不到这个文件"), path)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        return {}, Problem("", t("不是 JSON 文件（{reason}）", reason=exc), path)
    shape = (
        isinstance(document, dict)
        and document.get("tool") == TOOL
        and isinstance(document.get("outputs"), list)
        and isinstance(document.get("failed"), list)
        and all(
            isinstance(entry, dict) and "path" in entry and "input" in entry for entry in document["outputs"]
        )
        and all(isinstance(entry, dict) and "input" in entry for entry in document["failed"])
    )
    if not shape:
        return {}, Problem("", t("不是 reportgen build 写出的清单"), path)
    shard = document.get("shard")
    if not isinstance(shard, dict) or not all(key in shard for key in ("index", *AGREE)):
        return {}, Problem("$.shard", t("没有分片信息：不是 reportgen build --shard 写出的清单"), path)
    return document, None


__all__ = ["MANIFEST", "Shard", "dumps", "merge", "shown"]

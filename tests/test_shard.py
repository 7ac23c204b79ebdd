"""`reportgen build --shard K/N` and `reportgen manifest merge`: shards joined give a single build's manifest."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from reportgen.cli.main import main
from reportgen.manifest import Shard
from tests.conftest import ROOT
from tests.test_reproducible import small_report

LEGACY = ROOT / "src" / "reportgen" / "templates" / "legacy.docx"


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A checkout with inputs/: two small reports and two that fail validation; the current folder."""
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    small_report(inputs, "a-county.json")
    (inputs / "b-broken.json").write_text(
        json.dumps({"format": "legacy", "issuer": "", "year": 2016, "sections": []}), encoding="utf-8"
    )
    (inputs / "c-broken.json").write_text("{", encoding="utf-8")
    small_report(inputs, "d-village.json", issuer="某某村")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def build(capsys: pytest.CaptureFixture[str], out_dir: str, *extra: str) -> int:
    argv = ["build", "inputs", "--jobs", "1", "--template", str(LEGACY), "--out-dir", out_dir, "-q", *extra]
    return run(argv, capsys)[0]


def test_the_shards_merged_are_the_single_builds_manifest(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert build(capsys, "single") == 1  # b-broken and c-broken fail, in both
    for k in (1, 2, 3):
        assert build(capsys, "sharded", "--shard", f"{k}/3") == (0 if k == 1 else 1)
    shards = [f"sharded/manifest.{k}-of-3.json" for k in (3, 1, 2)]  # in any order
    code, out, err = run(["manifest", "merge", *shards, "-o", "sharded/manifest.json"], capsys)
    assert (code, out, err) == (0, f"已写出 {Path('sharded/manifest.json')}\n", "")
    single = (project / "single" / "manifest.json").read_bytes()
    assert (project / "sharded" / "manifest.json").read_bytes() == single
    # each shard built its own slice: sorted inputs dealt in turn, a b c d → shards 1 2 3 1
    first = json.loads((project / "sharded" / "manifest.1-of-3.json").read_text("utf-8"))
    assert [entry["input"] for entry in first["outputs"]] == [
        "inputs/a-county.json",
        "inputs/a-county.json",
        "inputs/d-village.json",
        "inputs/d-village.json",
    ]
    assert first["failed"] == []
    assert {key: value for key, value in first["shard"].items() if key != "inputs_sha256"} == {
        "index": 1,
        "count": 3,
        "inputs": 4,
        "settings": {
            "template": LEGACY.as_posix(),  # outside the current folder: absolute
            "font_map": None,
            "strict": False,
            "pdf_variant": None,
            "images_dir": None,
        },
    }
    second = json.loads((project / "sharded" / "manifest.2-of-3.json").read_text("utf-8"))
    assert [entry["input"] for entry in second["failed"]] == ["inputs/b-broken.json"]

    # a shard missing, a shard twice, shards of another build's settings: refused, nothing written
    target = project / "merged.json"
    code, _, err = run(["manifest", "merge", shards[0], shards[1], "-o", str(target)], capsys)
    assert (code, err) == (1, "错误：不能合并这些清单（1 处问题）\n  缺少分片 2/3（共 3 个）\n")
    (project / "copy.json").write_bytes((project / shards[1]).read_bytes())
    code, _, err = run(["manifest", "merge", *shards, "copy.json", "-o", str(target)], capsys)
    assert code == 1
    assert err == (
        "错误：不能合并这些清单（5 处问题）\n"
        f"  copy.json: $.shard.index: 分片 1/3 给了两次（也是 {shards[1]}）\n"
        + "".join(
            f"  copy.json: $.outputs: {name} 也在 {shards[1]} 中：分片有重叠\n"
            for name in ("a-county.docx", "a-county.pdf", "d-village.docx", "d-village.pdf")
        )
    )
    strict = json.loads((project / shards[2]).read_text("utf-8"))
    strict["shard"]["settings"]["strict"] = True
    (project / "strict.json").write_text(json.dumps(strict), encoding="utf-8")
    code, _, err = run(["manifest", "merge", shards[0], shards[1], "strict.json", "-o", str(target)], capsys)
    assert (code, err) == (
        1,
        f"错误：不能合并这些清单（1 处问题）\n  strict.json: $.shard.settings: 与 {shards[0]} 的不同：不是同一次生成的分片\n",
    )
    code, _, err = run(["manifest", "merge", "single/manifest.json", "-o", str(target)], capsys)
    assert (code, err) == (
        1,
        "错误：不能合并：1 个文件不是分片的清单\n"
        "  single/manifest.json: $.shard: 没有分片信息：不是 reportgen build --shard 写出的清单\n",
    )
    assert not target.exists()


def test_every_input_is_in_exactly_one_shard_whatever_the_order_given() -> None:
    inputs = [Path(f"inputs/{name}.json") for name in ("x", "a", "m/b", "z", "c", "k", "e")]
    for count in range(1, 9):
        slices = [Shard(k, count).select(inputs) for k in range(1, count + 1)]
        assert sorted(p for s in slices for p in s) == sorted(inputs)  # each once: none twice, none left out
        assert max(map(len, slices)) - min(map(len, slices)) <= 1
        shuffled = random.Random(count).sample(inputs, len(inputs))
        assert [set(Shard(k, count).select(shuffled)) for k in range(1, count + 1)] == [
            set(s) for s in slices
        ]
    assert Shard(2, 3).select(inputs) == [Path("inputs/m/b.json"), Path("inputs/c.json")]  # a c e k m/b x z


@pytest.mark.parametrize("value", ["0/3", "4/3", "x", "1/0", "2", "1/3/5"])
def test_a_bad_shard_is_a_usage_error(value: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["build", str(tmp_path), "--shard", value], capsys)
    assert (code, out) == (2, "")
    assert err == f"错误：--shard 应为 K/N，1 ≤ K ≤ N，例如 2/3；不是 {value}\n"

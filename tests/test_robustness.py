"""Files secretaries really produce, interrupted and concurrent renders, schema, language."""

from __future__ import annotations

import ast
import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reportgen import i18n
from reportgen.cli import main
from reportgen.output import STALE_SECONDS, TEMP_PREFIX
from tests.conftest import ROOT
from tests.handshake import start_paused, wait_until_paused

INPUT = ROOT / "inputs" / "2015.json"


def data_2015() -> dict:
    return json.loads(INPUT.read_text("utf-8"))


def run_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.mark.parametrize(("encoding", "label"), [("gb18030", "GBK/GB18030"), ("utf-16", "UTF-16")])
def test_chinese_windows_encodings_are_read_with_a_warning(
    encoding: str, label: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "2015.json"
    path.write_bytes(INPUT.read_text("utf-8").encode(encoding))
    code, out, err = run_cli(["validate", str(path)], capsys)
    assert code == 0
    assert out == f"{path}：检查通过\n"
    assert err == f"警告：{path}: 文件是 {label} 编码，已按 {label} 读取；建议“另存为”UTF-8\n"
    assert run_cli(["validate", "--strict", str(path)], capsys)[0] == 1


def test_control_characters_are_removed_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = data_2015()
    data["sections"][0]["heading"] = "一、政府信息公开\u0007工作总体情况\u000b"
    data["preamble"][0] = "利通区\ud800" + data["preamble"][0][3:]
    path = tmp_path / "ctrl.json"
    path.write_text(json.dumps(data, ensure_ascii=True), encoding="utf-8")
    code, out, err = run_cli(["render", str(path), "--out-dir", str(tmp_path / "out")], capsys)
    assert code == 0, err
    assert err.splitlines()[:2] == [
        f"警告：{path}: $.preamble[0]（内容）: 删除了不可见的控制字符 U+D800（第 4 个字）",
        f"警告：{path}: $.sections[0].heading（部分标题）: 删除了不可见的控制字符 U+0007、U+000B（第 9、16 个字）",
    ]
    import docx

    texts = [p.text for p in docx.Document(str(tmp_path / "out" / "ctrl.docx")).paragraphs]
    assert "一、政府信息公开工作总体情况" in texts


def test_very_large_file_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "big.json"
    path.write_text(json.dumps({"format": "legacy", "pad": "x" * (11 * 1024 * 1024)}), encoding="utf-8")
    code, _, err = run_cli(["validate", str(path)], capsys)
    assert (code, err) == (1, f"错误：{path}: 文件太大（11.0 MB，上限 10 MB）\n")


def test_validate_reports_each_file_and_fails_if_any_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = ROOT / "tests" / "resources" / "bad" / "empty-issuer.json"
    code, out, err = run_cli(["validate", str(INPUT), str(bad)], capsys)
    assert code == 1
    assert out == f"{INPUT}：检查通过\n"
    assert err.startswith(f"错误：{bad}: 输入有误（1 处）")


def test_english_on_request(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    try:
        code, _, err = run_cli(
            ["--lang", "en", "validate", "tests/resources/bad/many-problems-at-once.json"], capsys
        )
    finally:
        i18n.set_language("zh")
    name = "tests/resources/bad/many-problems-at-once.json"
    assert code == 1
    assert err == (
        f"Error: {name}: invalid input (5 problems)\n"
        f"  {name}: $.issuer: must not be empty\n"
        f"  {name}: $.year: expected a whole number\n"
        f"  {name}: $.sections[0].heading: missing (required)\n"
        f"  {name}: $.sections[0].content[0]: expected a paragraph (text), a subsection (with title) "
        "or an image (with image)\n"
        f"  {name}: $.sections[0].headng: unknown field; did you mean “heading”?\n"
    )


def test_every_message_has_an_english_translation() -> None:
    """Every literal passed to t() in src/ has an entry in the English catalogue."""
    missing = []
    for path in (ROOT / "src" / "reportgen").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "t"
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                if node.args[0].value not in i18n.EN:
                    missing.append(f"{path.name}: {node.args[0].value}")
    assert missing == []


def test_no_command_is_bad_usage(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli([], capsys)
    assert code == 2
    assert "用法：" in err


@pytest.mark.parametrize(("fmt", "example"), [("legacy", "2015.json"), ("national-2021", "2024-huaian.json")])
def test_schema_is_printed_with_chinese_titles_and_matches_the_committed_copy(
    fmt: str, example: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run_cli(["schema", "--format", fmt], capsys)
    assert code == 0
    schema = json.loads(out)
    assert schema["properties"]["issuer"]["title"] == "发布机关"
    assert schema["properties"]["year"]["title"] == "报告年度"
    committed = (ROOT / "schemas" / f"{fmt}.schema.json").read_text("utf-8")
    assert out == committed, f"schemas/{fmt}.schema.json is stale: run make schemas"
    example_data = json.loads((ROOT / "inputs" / example).read_text("utf-8"))
    assert example_data["$schema"] == f"../schemas/{fmt}.schema.json"


def start_render(path: Path, out: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "reportgen", "render", str(path), "--out-dir", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )


@pytest.mark.parametrize("stage", ["4/5", "5/5"])  # typesetting; both files made, about to be written
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL])
def test_an_interrupted_render_leaves_earlier_outputs_untouched(
    sig: signal.Signals, stage: str, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "2015.docx").write_bytes(b"earlier docx")
    (out / "2015.pdf").write_bytes(b"earlier pdf")
    before = digest(out)
    proc = start_paused("render", str(INPUT), "--out-dir", str(out), stage=stage, cwd=ROOT)
    try:
        assert wait_until_paused(proc) == ["2015"]  # the render is at `stage` and waits for the signal
        proc.send_signal(sig)
        out_text, err = proc.communicate(timeout=60)
    finally:
        proc.kill()  # a child left paused by a failure (none after a pass: it has ended)
    assert digest(out) == before  # the earlier outputs, and nothing else: no temporary either
    if sig == signal.SIGINT:
        assert (proc.returncode, out_text, err) == (130, "", "已中断；没有写出任何文件。\n")
    else:
        assert proc.returncode == -signal.SIGKILL


def test_stale_temporaries_of_a_killed_render_are_removed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    stale, fresh = out / f"{TEMP_PREFIX}2015.pdf.old.tmp", out / f"{TEMP_PREFIX}2015.pdf.new.tmp"
    stale.write_bytes(b"partial")
    fresh.write_bytes(b"another render in progress")
    old = time.time() - STALE_SECONDS - 60
    os.utime(stale, (old, old))
    assert run_cli(["render", str(INPUT), "--out-dir", str(out), "-q"], capsys)[0] == 0
    assert not stale.exists()
    assert fresh.exists()


def test_two_renders_at_once_do_not_corrupt_each_other(tmp_path: Path) -> None:
    out = tmp_path / "out"
    procs = [start_render(INPUT, out) for _ in range(2)]
    for proc in procs:
        proc.communicate(timeout=120)
        assert proc.returncode == 0
    assert sorted(p.name for p in out.iterdir()) == ["2015.docx", "2015.pdf"]
    reference = tmp_path / "ref"
    assert (
        subprocess.run(
            [sys.executable, "-m", "reportgen", "render", str(INPUT), "--out-dir", str(reference)],
            cwd=ROOT,
            capture_output=True,
        ).returncode
        == 0
    )
    assert digest(out) == digest(reference)

"""The command line: help, version, render, exit codes, messages without tracebacks, nothing partial."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
from pathlib import Path

import pytest

from reportgen import __version__
from reportgen.cli import main
from tests.conftest import ROOT, run_reportgen

INPUT = ROOT / "inputs" / "2015.json"


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return run_reportgen(*args, cwd=cwd, env={"PYTHONHASHSEED": "0"})


def digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out == f"reportgen {__version__}\n"


def test_help_lists_render(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["render", "--help"])
    out = capsys.readouterr().out
    for option in ("--out-dir", "--template", "--strict", "INPUT"):
        assert option in out


def test_render_writes_both_files_and_says_so(tmp_path: Path) -> None:
    result = run("render", str(INPUT), "--out-dir", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    out = tmp_path / "out"
    assert sorted(p.name for p in out.iterdir()) == ["2015.docx", "2015.pdf"]
    assert f"已写出 {out / '2015.docx'}" in result.stdout
    assert f"已写出 {out / '2015.pdf'}（11 页）" in result.stdout
    assert "字体替代：" in result.stdout


def test_same_input_gives_the_same_bytes_across_processes(tmp_path: Path) -> None:
    for name in ("a", "b"):
        assert run("render", str(INPUT), "--out-dir", str(tmp_path / name)).returncode == 0
    assert digest(tmp_path / "a") == digest(tmp_path / "b")


def test_invalid_input_exits_1_without_traceback_and_keeps_earlier_outputs(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "bad.docx").write_bytes(b"earlier docx")
    (out / "bad.pdf").write_bytes(b"earlier pdf")
    before = digest(out)
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps({"format": "legacy", "issuer": "", "year": 2016, "sections": []}), encoding="utf-8"
    )
    result = run("render", str(bad), "--out-dir", str(out))
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"错误：{bad}: 输入有误（2 处）\n"
        f"  {bad}: $.issuer（发布机关）: 不能为空\n"
        f"  {bad}: $.sections（正文各部分）: 至少需要 1 项\n"
    )
    assert digest(out) == before


def test_bad_usage_exits_2(tmp_path: Path) -> None:
    result = run("render")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("错误：命令行有误：")


def test_strict_fails_on_warnings_and_writes_nothing(tmp_path: Path) -> None:
    result = run("render", str(INPUT), "--out-dir", str(tmp_path / "out"), "--strict")
    from reportgen.fonts import FontMap

    if FontMap.load().resolve("仿宋_GB2312").note:
        assert result.returncode == 1
        assert "--strict" in result.stderr
        assert list((tmp_path / "out").iterdir()) == []
    else:  # a machine with a real 仿宋 installed has nothing to warn about
        assert result.returncode == 0


def test_unwritable_output_folder_is_reported_before_any_work(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = run("render", str(INPUT), "--out-dir", str(blocker / "out"))
    assert result.returncode == 1
    assert result.stderr.startswith(f"错误：{blocker / 'out'}: 无法创建输出文件夹")
    assert "Traceback" not in result.stderr


def test_readme_documents_every_command_and_option() -> None:
    from reportgen.cli import build_parser

    readme = (ROOT / "README.md").read_text("utf-8")
    parser = build_parser()
    subparsers = next(a for a in parser._actions if a.dest == "command").choices
    for name, sub in subparsers.items():
        assert f"reportgen {name}" in readme, name
        for action in sub._actions:
            for option in action.option_strings:
                if option not in ("-h", "--help"):
                    assert re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", readme), f"{name} {option}"
    assert "--lang" in readme
    assert "--version" in readme


def test_subcommand_help_has_one_usage_prefix(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["render", "--help"])
    assert capsys.readouterr().out.startswith("用法：reportgen render ")

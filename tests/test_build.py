"""`reportgen build`: many inputs in worker processes, failures listed without stopping the others,
a manifest that says what was built from what."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from reportgen import __version__
from reportgen.build import BuildOptions, build, collect_inputs
from reportgen.errors import UsageError
from tests.conftest import ROOT, run_reportgen
from tests.test_reproducible import small_report

LEGACY = ROOT / "src" / "reportgen" / "templates" / "legacy.docx"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run_reportgen(*args, cwd=cwd)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """inputs/: two good reports and, between them by name, one that fails validation."""
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    small_report(inputs, "a-county.json")
    (inputs / "b-broken.json").write_text(
        json.dumps({"format": "legacy", "issuer": "", "year": 2016, "sections": []}), encoding="utf-8"
    )
    small_report(inputs, "c-town.json", issuer="某某镇")
    (inputs / "notes.txt").write_text("not an input", encoding="utf-8")
    return inputs


def test_a_failing_input_is_listed_and_the_others_are_built(folder: Path) -> None:
    root = folder.parent
    result = run("build", "inputs", "--jobs", "2", "--template", str(LEGACY), "--out-dir", "dist", cwd=root)
    assert result.returncode == 1
    bad = Path("inputs") / "b-broken.json"
    assert (
        f"错误：{bad}: 输入有误（2 处）\n"
        f"  {bad}: $.issuer（发布机关）: 不能为空\n"
        f"  {bad}: $.sections（正文各部分）: 至少需要 1 项\n"
    ) in result.stderr
    assert result.stderr.endswith(f"失败的输入：{bad}\n")
    assert "Traceback" not in result.stderr
    assert "共 3 份：成功 2 份，失败 1 份；" in result.stdout
    assert result.stdout.endswith(f"已写出 {Path('dist') / 'manifest.json'}\n")
    table = result.stdout.splitlines()
    assert table[0].split() == ["输入", "格式", "页数", "用时", "结果"]
    assert [row.split()[:3] for row in table[1:4]] == [
        ["inputs/a-county.json", "legacy", "1"],
        ["inputs/b-broken.json", "–", "–"],
        ["inputs/c-town.json", "legacy", "1"],
    ]
    assert [("成功" in row, "失败" in row) for row in table[1:4]] == [
        (True, False),
        (False, True),
        (True, False),
    ]

    dist = root / "dist"
    assert sorted(p.name for p in dist.iterdir()) == [
        "a-county.docx",
        "a-county.pdf",
        "c-town.docx",
        "c-town.pdf",
        "manifest.json",
    ]
    assert docx.Document(str(dist / "c-town.docx")).paragraphs[0].text.replace(" ", "") == "某某镇"
    assert len(PdfReader(dist / "a-county.pdf").pages) == 1

    manifest = json.loads((dist / "manifest.json").read_text("utf-8"))
    assert manifest["tool_version"] == __version__
    assert [e["path"] for e in manifest["outputs"]] == [
        "a-county.docx",
        "a-county.pdf",
        "c-town.docx",
        "c-town.pdf",
    ]
    for entry in manifest["outputs"]:
        source = root / entry["input"]
        assert entry["sha256"] == sha256(dist / entry["path"])
        assert entry["input_sha256"] == sha256(source)
        assert entry["template_sha256"] == sha256(LEGACY)
        assert entry["template"] == LEGACY.resolve().as_posix()  # outside the build folder: absolute
        assert (entry["format"], entry["tool_version"], entry["pdf_variant"]) == ("legacy", __version__, None)
        assert entry["pages"] == (1 if entry["path"].endswith(".pdf") else None)
    assert [e["input"] for e in manifest["outputs"]][::2] == ["inputs/a-county.json", "inputs/c-town.json"]
    (failed,) = manifest["failed"]
    assert failed["input"] == "inputs/b-broken.json"
    assert failed["error"].startswith("inputs/b-broken.json: 输入有误（2 处）")


def test_the_manifest_and_outputs_do_not_depend_on_the_number_of_processes(folder: Path) -> None:
    root = folder.parent
    for jobs, out in (("1", "one"), ("2", "two")):
        result = run(
            "build", "inputs", "-j", jobs, "--template", str(LEGACY), "--out-dir", out, "-q", cwd=root
        )
        assert result.returncode == 1
        assert result.stdout == ""
    one, two = root / "one", root / "two"
    assert {p.name: sha256(p) for p in one.iterdir()} == {p.name: sha256(p) for p in two.iterdir()}


def test_build_in_process_returns_every_outcome_in_input_order(folder: Path, tmp_path: Path) -> None:
    inputs = collect_inputs([folder])
    seen = []
    result = build(inputs, BuildOptions(tmp_path / "out", template=LEGACY), jobs=1, on_done=seen.append)
    assert [o.input.name for o in result.outcomes] == ["a-county.json", "b-broken.json", "c-town.json"]
    assert [o.ok for o in result.outcomes] == [True, False, True]
    assert result.exit_code == 1
    assert seen == result.outcomes
    good = result.outcomes[0]
    assert (good.format, good.pages, sorted(good.outputs)) == ("legacy", 1, ["a-county.docx", "a-county.pdf"])
    assert result.manifest == tmp_path / "out" / "manifest.json"


def test_pdf_variant_applies_to_every_report(folder: Path, tmp_path: Path) -> None:
    inputs = [folder / "a-county.json", folder / "c-town.json"]
    result = build(inputs, BuildOptions(tmp_path, template=LEGACY, pdf_variant="pdf/a-3b"), jobs=2)
    assert result.exit_code == 0
    manifest = json.loads(result.manifest.read_text("utf-8"))
    assert {e["pdf_variant"] for e in manifest["outputs"] if e["path"].endswith(".pdf")} == {"pdf/a-3b"}
    assert list(PdfReader(tmp_path / "c-town.pdf").attachments) == ["c-town.json"]


def test_folders_expand_to_their_json_files_and_repeats_are_dropped(folder: Path) -> None:
    names = [p.name for p in collect_inputs([folder, folder / "c-town.json"])]
    assert names == ["a-county.json", "b-broken.json", "c-town.json"]


def test_two_inputs_with_the_same_output_names_are_refused(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    a, b = small_report(tmp_path / "x", "2015.json"), small_report(tmp_path / "y", "2015.json")
    with pytest.raises(UsageError) as info:
        collect_inputs([a, b])
    assert info.value.format_message() == f"{a} 和 {b} 会写出同名的输出文件（2015.docx、2015.pdf）"


def test_an_empty_folder_is_refused(tmp_path: Path) -> None:
    result = run("build", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == f"错误：{tmp_path}: 文件夹中没有 .json 输入文件\n"


def test_jobs_must_be_positive(tmp_path: Path) -> None:
    result = run("build", "--jobs", "0", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == "错误：--jobs 应为正整数\n"


def test_help_names_the_command_once(capsys: pytest.CaptureFixture[str]) -> None:
    from reportgen.cli import main

    with pytest.raises(SystemExit):
        main(["build", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("用法：reportgen build [-h] [--jobs N] [--out-dir DIR]")
    for option in ("INPUT_OR_DIR", "--jobs", "--out-dir", "--pdf-variant", "--strict", "--template"):
        assert option in out


def test_ctrl_c_stops_every_worker_and_leaves_no_partial_file(tmp_path: Path) -> None:
    import contextlib
    import signal

    from tests.handshake import start_paused, wait_until_paused

    inputs = tmp_path / "inputs"
    inputs.mkdir()
    for name in ("a", "b", "c"):
        (inputs / f"{name}.json").write_text((ROOT / "inputs" / "2015.json").read_text("utf-8"), "utf-8")
    out = tmp_path / "out"
    out.mkdir()
    for name in ("b", "c"):  # an earlier build's outputs
        (out / f"{name}.docx").write_bytes(b"earlier docx")
        (out / f"{name}.pdf").write_bytes(b"earlier pdf")
    args = ("build", str(inputs), "--jobs", "2", "--out-dir", str(out), "-q")
    # its own process group, as a terminal's Ctrl-C reaches every process
    proc = start_paused(*args, stage="4/5", inputs=("b", "c"), cwd=ROOT, new_session=True)
    try:
        # Both workers wait before typesetting b and c; a is written, by the worker that then took c.
        assert wait_until_paused(proc, 2) == ["b", "c"]
        os.killpg(proc.pid, signal.SIGINT)
        out_text, err = proc.communicate(timeout=60)
    finally:
        with contextlib.suppress(ProcessLookupError):  # a worker left paused by a failure
            os.killpg(proc.pid, signal.SIGKILL)
    assert (proc.returncode, out_text) == (130, "")
    assert err == "已中断：已完成的报告已写出，未完成的没有写出任何文件，也没有写出 manifest.json。\n"
    # no manifest, no temporary; the unfinished reports left the earlier outputs as they were
    assert sorted(p.name for p in out.iterdir()) == ["a.docx", "a.pdf", "b.docx", "b.pdf", "c.docx", "c.pdf"]
    assert [(out / f"{name}.{kind}").read_bytes() for name in "bc" for kind in ("docx", "pdf")] == [
        b"earlier docx",
        b"earlier pdf",
    ] * 2
    title = docx.Document(str(out / "a.docx")).core_properties.title  # a finished report stays
    assert title == "吴忠市利通区2015年政府信息公开工作年度报告"
    assert len(PdfReader(out / "a.pdf").pages) == 11


def test_a_killed_build_takes_its_workers_with_it(tmp_path: Path) -> None:
    """kill -9 of `build` leaves nobody to stop the workers: they end with it (PR_SET_PDEATHSIG)."""
    import contextlib
    import select
    import signal

    from tests.handshake import paused_processes, start_paused

    inputs = tmp_path / "inputs"
    inputs.mkdir()
    for name in ("a", "b", "c"):
        (inputs / f"{name}.json").write_text((ROOT / "inputs" / "2015.json").read_text("utf-8"), "utf-8")
    out = tmp_path / "out"
    out.mkdir()
    for name in ("b", "c"):  # an earlier build's outputs
        (out / f"{name}.docx").write_bytes(b"earlier docx")
        (out / f"{name}.pdf").write_bytes(b"earlier pdf")
    args = ("build", str(inputs), "--jobs", "2", "--out-dir", str(out), "-q")
    proc = start_paused(*args, stage="4/5", inputs=("b", "c"), cwd=ROOT, new_session=True)
    try:
        workers = paused_processes(proc, 2)  # both workers wait before typesetting b and c
        ended = [os.pidfd_open(pid) for pid in workers.values()]  # readable once that process has ended
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        for pidfd in ended:
            assert select.select([pidfd], [], [], 60)[0], "a worker outlived its build"  # a safety net
            os.close(pidfd)
        proc.communicate(timeout=60)  # the workers held the pipes: closed now
    finally:
        with contextlib.suppress(ProcessLookupError):  # workers left running by a failure
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == -signal.SIGKILL
    assert sorted(p.name for p in out.iterdir()) == ["a.docx", "a.pdf", "b.docx", "b.pdf", "c.docx", "c.pdf"]
    assert [(out / f"{name}.{kind}").read_bytes() for name in "bc" for kind in ("docx", "pdf")] == [
        b"earlier docx",
        b"earlier pdf",
    ] * 2


def test_ctrl_c_stops_a_one_process_build_after_a_report_is_written(tmp_path: Path) -> None:
    """With one process the reports are written by the build's own process: a report written is not
    the build's end, Ctrl-C still stops it (only the manifest's writing ends what can be stopped)."""
    import signal

    from tests.handshake import start_paused, wait_until_paused

    inputs = tmp_path / "inputs"
    inputs.mkdir()
    for name in ("a", "b"):
        (inputs / f"{name}.json").write_text((ROOT / "inputs" / "2015.json").read_text("utf-8"), "utf-8")
    out = tmp_path / "out"
    args = ("build", str(inputs), "--jobs", "1", "--out-dir", str(out), "-q")
    proc = start_paused(*args, stage="4/5", inputs=("b",), cwd=ROOT)
    try:
        assert wait_until_paused(proc) == ["b"]  # a is written
        proc.send_signal(signal.SIGINT)
        out_text, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert (proc.returncode, out_text) == (130, "")
    assert err == "已中断：已完成的报告已写出，未完成的没有写出任何文件，也没有写出 manifest.json。\n"
    assert sorted(p.name for p in out.iterdir()) == ["a.docx", "a.pdf"]

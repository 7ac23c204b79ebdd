"""The outputs: replaced together or not at all, errors naming the file, temporaries of killed runs
removed, an input never overwritten, Ctrl-C at any moment, the same bytes in every locale."""

from __future__ import annotations

import errno
import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from reportgen.cli import main
from reportgen.output import HOST, STALE_SECONDS, TEMP_PREFIX, check_writable, temporary_prefix
from reportgen.pipeline import RenderResult
from tests.conftest import ROOT, run_reportgen
from tests.handshake import paused_processes, start_paused, wait_until_paused

INPUT = ROOT / "inputs" / "2015.json"
TITLE = "吴忠市利通区2015年政府信息公开工作年度报告"
INTERRUPTED = "已中断；没有写出任何文件。\n"


def listing(folder: Path) -> dict[str, str]:
    """Return every entry of `folder` (hidden ones too): a file's sha256, or "folder"."""
    return {
        p.name: "folder" if p.is_dir() else hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
    }


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """An output folder holding an earlier render's 2015.docx and 2015.pdf."""
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "2015.docx").write_bytes(b"earlier docx")
    (folder / "2015.pdf").write_bytes(b"earlier pdf")
    return folder


def render(out: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["render", str(INPUT), "--out-dir", str(out), "-q", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# -- replaced together or not at all ---------------------------------------------------------------


def test_a_folder_in_the_way_of_the_pdf_leaves_the_docx_as_it_was(
    out: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (out / "2015.pdf").unlink()
    (out / "2015.pdf").mkdir()
    before = listing(out)
    code, stdout, err = render(out, capsys)
    assert (code, stdout, err) == (1, "", f"错误：{out / '2015.pdf'}: 这里有同名的文件夹，无法写出这个文件\n")
    assert listing(out) == before  # the earlier .docx, and no temporary


def test_a_rename_failing_midway_puts_back_what_was_replaced(
    out: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    before, replace = listing(out), os.replace

    def failing(src: str, dst: str | Path) -> None:  # the .docx is in place when the PDF fails
        if Path(dst) == out / "2015.pdf":
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(dst))
        replace(src, dst)

    monkeypatch.setattr(os, "replace", failing)
    code, stdout, err = render(out, capsys)
    assert (code, stdout, err) == (1, "", f"错误：{out / '2015.pdf'}: 写入失败（Permission denied）\n")
    assert listing(out) == before


def test_a_previous_file_that_cannot_go_back_is_kept_and_named(
    out: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    earlier, replace, failed = listing(out), os.replace, []

    def failing(src: str, dst: str | Path) -> None:  # the PDF fails, then so does putting back the .docx
        if Path(dst) == out / "2015.pdf" or (failed and Path(dst) == out / "2015.docx"):
            failed.append(dst)
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(dst))
        replace(src, dst)

    monkeypatch.setattr(os, "replace", failing)
    code, stdout, err = render(out, capsys)
    docx_path = out / "2015.docx"
    assert (code, stdout, err) == (
        1,
        "",
        f"错误：{out / '2015.pdf'}: 写入失败（Permission denied）\n"
        f"  {docx_path}: 没能恢复原来的文件（Permission denied），它保存在 {docx_path}.previous\n",
    )
    assert sorted(listing(out)) == ["2015.docx", "2015.docx.previous", "2015.pdf"]
    assert listing(out)["2015.docx.previous"] == earlier["2015.docx"]
    assert listing(out)["2015.pdf"] == earlier["2015.pdf"]


def test_a_full_disk_names_the_file_and_changes_nothing(
    out: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    before, fsync = listing(out), os.fsync

    def full(fd: int) -> None:  # the disk fills up while the PDF is written (the .docx fitted)
        if os.readlink(f"/proc/self/fd/{fd}").startswith(str(out / f"{TEMP_PREFIX}2015.pdf.")):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        fsync(fd)

    monkeypatch.setattr(os, "fsync", full)
    code, stdout, err = render(out, capsys)
    assert (code, stdout, err) == (1, "", f"错误：{out / '2015.pdf'}: 写入失败（磁盘空间不足）\n")
    assert listing(out) == before


# -- temporaries of killed runs ---------------------------------------------------------------------


def test_the_temporaries_of_a_killed_render_are_removed_by_the_next_run(
    out: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = listing(out)
    proc = start_paused("render", str(INPUT), "--out-dir", str(out), stage="temporaries", cwd=ROOT)
    try:
        (pid,) = paused_processes(proc).values()  # both temporaries written, nothing renamed yet
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=60)
    finally:
        proc.kill()
    left = sorted(set(listing(out)) - set(before))
    assert {name.split(".pid")[0] for name in left} == {f"{TEMP_PREFIX}2015.docx", f"{TEMP_PREFIX}2015.pdf"}
    assert {name: listing(out)[name] for name in before} == before

    assert render(out, capsys) == (0, "", "")  # at once, not 15 minutes later: the writer is gone
    assert sorted(listing(out)) == ["2015.docx", "2015.pdf"]
    assert docx.Document(str(out / "2015.docx")).core_properties.title == TITLE
    assert all(f".pid{pid}-{HOST}." in name for name in left)  # the writer, named


def test_only_temporaries_nobody_will_finish_are_removed(tmp_path: Path) -> None:
    ended = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    dead = int(ended.stdout)  # a process that has ended (and been waited for)
    old = time.time() - STALE_SECONDS - 60
    files = {
        "dead": f"{TEMP_PREFIX}2015.pdf.pid{dead}-{HOST}.abc123.tmp",
        "live": temporary_prefix("2015.pdf") + "abc123.tmp",  # this process: a render in progress
        "live, old": temporary_prefix("2015.docx") + "old123.tmp",
        "other machine": f"{TEMP_PREFIX}2015.pdf.pid{dead}-00000000.abc123.tmp",
        "unknown, fresh": f"{TEMP_PREFIX}2015.pdf.abc123.tmp",
        "unknown, old": f"{TEMP_PREFIX}2015.docx.abc123.tmp",
    }
    for kind, name in files.items():
        (tmp_path / name).write_bytes(b"partial")
        if "old" in kind:
            os.utime(tmp_path / name, (old, old))
    check_writable(tmp_path)
    kept = {kind for kind, name in files.items() if (tmp_path / name).exists()}
    assert kept == {"live", "live, old", "other machine", "unknown, fresh"}


# -- an input is never an output ------------------------------------------------------------------


def test_pdf_refuses_to_write_over_its_input(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    rendered_2015: RenderResult,
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("x.docx").write_bytes(rendered_2015.docx_path.read_bytes())  # a Word file edited by hand
    Path("link.docx").symlink_to("x.docx")
    Path("sub").mkdir()
    before = listing(tmp_path)
    for output in ("x.docx", "./sub/../x.docx", str(tmp_path / "x.docx"), "link.docx"):
        code = main(["pdf", "x.docx", "-o", output])
        assert (code, *capsys.readouterr()) == (
            2,
            "",
            f"错误：x.docx: 输出 {Path(output)} 就是输入文件本身，写出会覆盖它；请用 -o 另选位置\n",
        )
    code = main(["pdf", "link.docx", "-o", "x.docx"])  # the input through a link, the output itself
    assert code == 2
    assert listing(tmp_path) == before


def test_render_refuses_an_output_folder_that_makes_an_output_its_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "2015.pdf"  # an input file (JSON) that happens to be named like an output
    source.write_bytes(INPUT.read_bytes())
    before = listing(tmp_path)
    code = main(["render", str(source), "--out-dir", str(tmp_path)])
    assert (code, *capsys.readouterr()) == (
        2,
        "",
        f"错误：{source}: 输出 {source} 就是输入文件本身，写出会覆盖它；请用 --out-dir 另选位置\n",
    )
    assert listing(tmp_path) == before


# -- Ctrl-C at any moment ----------------------------------------------------------------------------


def interrupt(out: Path, stage: str, sig: signal.Signals = signal.SIGINT, *args: str) -> tuple[int, str, str]:
    proc = start_paused(*args, "render", str(INPUT), "--out-dir", str(out), stage=stage, cwd=ROOT)
    try:
        wait_until_paused(proc)
        proc.send_signal(sig)
        stdout, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    return proc.returncode, stdout, err


def test_ctrl_c_while_the_command_line_is_loading(out: Path) -> None:
    before = listing(out)
    assert interrupt(out, "import") == (130, "", INTERRUPTED)
    assert interrupt(out, "import", signal.SIGINT, "--lang", "en") == (
        130,
        "",
        "interrupted; nothing was written.\n",
    )
    assert listing(out) == before


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_between_two_renames_puts_the_earlier_files_back(out: Path, sig: signal.Signals) -> None:
    before = listing(out)
    code, stdout, err = interrupt(out, "commit", sig)  # the .docx is replaced, the PDF not yet
    if sig == signal.SIGINT:
        assert (code, stdout, err) == (130, "", INTERRUPTED)
    else:
        assert (code, stdout) == (-signal.SIGTERM, "")
    assert listing(out) == before


@pytest.mark.parametrize("stage", ["written", "flush"])
def test_ctrl_c_after_the_outputs_are_written_is_too_late_to_stop_anything(out: Path, stage: str) -> None:
    code, stdout, err = interrupt(out, stage)
    assert (code, stdout.splitlines()[-2:]) == (
        0,
        [f"已写出 {out / '2015.docx'}", f"已写出 {out / '2015.pdf'}（11 页）"],
    )
    assert "中断" not in err
    assert "Traceback" not in err
    assert docx.Document(str(out / "2015.docx")).core_properties.title == TITLE
    assert len(PdfReader(out / "2015.pdf").pages) == 11


# -- the same bytes in every locale ----------------------------------------------------------------


def test_the_pdf_does_not_depend_on_the_locale(tmp_path: Path) -> None:
    locales = {
        "c": {"LC_ALL": "C"},
        "zh": {
            "LC_ALL": "zh_CN.UTF-8",
            "FC_LANG": "zh-cn",
            "LANGUAGE": "zh_CN",
            "LC_MESSAGES": "zh_CN.UTF-8",
        },
        "tw": {"LANG": "zh_TW.UTF-8", "FC_LANG": "zh-tw"},
    }
    for name, env in locales.items():
        done = run_reportgen("render", str(INPUT), "--out-dir", str(tmp_path / name), "-q", env=env)
        assert done.returncode == 0, done.stderr
    pdfs = {name: (tmp_path / name / "2015.pdf").read_bytes() for name in locales}
    fonts = {str(font["/BaseFont"]) for font in _fonts(PdfReader(tmp_path / "zh" / "2015.pdf"))}
    assert all(font.isascii() for font in fonts), fonts  # “LXGW-WenKai”, not “霞鹜文楷”
    assert pdfs["zh"] == pdfs["c"]
    assert pdfs["tw"] == pdfs["c"]


def _fonts(reader: PdfReader) -> list[dict[str, object]]:
    return [
        font.get_object()
        for page in reader.pages
        for font in (page["/Resources"].get("/Font") or {}).values()
    ]

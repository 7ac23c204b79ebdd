"""Numbers in an input: too many digits is a message, not a crash; −0 prints as 0."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import ROOT, pdftotext, run_reportgen

EXAMPLE = ROOT / "inputs" / "2024-huaian.json"


def _with_fees(tmp_path: Path, fees: str) -> Path:
    text = EXAMPLE.read_text("utf-8").replace('"fees": 96171.6', f'"fees": {fees}')
    assert f'"fees": {fees}' in text
    path = tmp_path / "in.json"
    path.write_text(text, "utf-8")
    return path


def test_a_number_with_thousands_of_digits_is_refused_with_its_place(tmp_path: Path) -> None:
    """It ended in exit 70: Python will not read an integer of more than 4 300 digits."""
    path = _with_fees(tmp_path, "9" * 5000)
    done = run_reportgen("validate", str(path))
    assert done.returncode == 1
    assert done.stderr == (
        f"错误：{path}: 输入有误（1 处）\n"
        f"  {path}: $.proactive.table.fees（行政事业性收费）: 数字的位数太多（5000 位，上限 30 位）\n"
    )


def test_a_long_decimal_is_refused_too(tmp_path: Path) -> None:
    done = run_reportgen("--lang", "en", "validate", str(_with_fees(tmp_path, "1." + "5" * 40)))
    assert done.returncode == 1
    assert "$.proactive.table.fees: a number with too many digits (41, at most 30)" in done.stderr


def test_minus_zero_prints_as_zero(tmp_path: Path) -> None:
    path = _with_fees(tmp_path, "-0.0")
    done = run_reportgen("render", str(path), "--out-dir", str(tmp_path / "out"), "-q")
    assert done.returncode == 0, done.stderr
    line = next(
        row
        for row in pdftotext(tmp_path / "out" / "in.pdf", "-layout").splitlines()
        if "行政事业性收费" in row
    )
    assert line.split()[-1] == "0"

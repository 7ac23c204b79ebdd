"""The corpus of bad inputs (tests/resources/bad/): one file per mistake, each with its exact message.

Each `NAME.json` has a `NAME.expected`: the exit code on the first line, then exactly what
`reportgen render` prints on stderr. Regenerate after a deliberate wording change with
REPORTGEN_REGENERATE=1 and review the diff.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from reportgen.cli import main
from tests.conftest import ROOT

BAD = ROOT / "tests" / "resources" / "bad"
CASES = sorted(p.stem for p in BAD.glob("*.json"))


def snapshot(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_the_corpus_is_large_enough() -> None:
    assert len(CASES) >= 40


@pytest.mark.parametrize("name", CASES)
def test_bad_input_is_refused_by_name(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    out = tmp_path / "out"
    out.mkdir()
    (out / f"{name}.docx").write_bytes(b"earlier docx")
    (out / f"{name}.pdf").write_bytes(b"earlier pdf")
    before = snapshot(out)

    code = main(["render", f"tests/resources/bad/{name}.json", "--out-dir", str(out)])
    captured = capsys.readouterr()
    actual = f"exit: {code}\n{captured.err}"

    expected_file = BAD / f"{name}.expected"
    if os.environ.get("REPORTGEN_REGENERATE"):
        expected_file.write_text(actual, encoding="utf-8")
    assert actual == expected_file.read_text(encoding="utf-8")
    assert code == 1
    assert captured.out == ""
    assert "Traceback" not in captured.err
    assert snapshot(out) == before


@pytest.mark.parametrize("name", CASES[:5])
def test_validate_gives_the_same_message(
    name: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    code = main(["validate", f"tests/resources/bad/{name}.json"])
    expected = (BAD / f"{name}.expected").read_text(encoding="utf-8")
    assert f"exit: {code}\n{capsys.readouterr().err}" == expected

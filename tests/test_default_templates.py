"""The default templates are package data: found without a checkout, after an office's own ./templates/."""

from __future__ import annotations

import fnmatch
import shutil
import tomllib
from pathlib import Path

import pytest

import reportgen
from reportgen.input import MODELS
from reportgen.pipeline import default_template
from tests.conftest import ROOT, run_reportgen

PACKAGE = Path(reportgen.__file__).resolve().parent


@pytest.mark.parametrize("report_format", list(MODELS))
def test_the_packaged_default_is_found_when_the_folder_has_no_templates(
    report_format: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    path = default_template(report_format)
    assert path.resolve() == PACKAGE / "templates" / f"{report_format}.docx"
    assert path.is_file()


def test_an_offices_own_template_in_the_current_folder_comes_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "templates").mkdir()
    own = tmp_path / "templates" / "legacy.docx"
    shutil.copyfile(PACKAGE / "templates" / "legacy.docx", own)
    monkeypatch.chdir(tmp_path)
    assert default_template("legacy") == own
    assert default_template("national-2021").resolve() == PACKAGE / "templates" / "national-2021.docx"


def test_every_default_template_is_declared_package_data() -> None:
    """`pip install .` (not editable) copies only declared package data: the templates must be in it."""
    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"][
        "package-data"
    ]["reportgen"]
    for report_format in MODELS:
        name = f"templates/{report_format}.docx"
        assert (PACKAGE / name).is_file(), name
        assert any(fnmatch.fnmatch(name, pattern) for pattern in patterns), name


def test_render_in_a_folder_without_templates(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    done = run_reportgen(
        "render", str(ROOT / "inputs" / "2015.json"), "--out-dir", "out", "-q", cwd=elsewhere
    )
    assert done.returncode == 0, done.stderr
    assert (elsewhere / "out" / "2015.docx").is_file()
    assert (elsewhere / "out" / "2015.pdf").is_file()

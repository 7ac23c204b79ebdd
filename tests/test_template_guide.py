"""The template guide and the variable tree cannot drift from the code."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reportgen.input import MODELS, validate
from reportgen.template import build_context
from reportgen.template.guide import update
from reportgen.template.variables import conformance, template_variables
from tests.conftest import ROOT, tiny_png

GUIDE = ROOT / "docs" / "template-guide.md"


def test_the_committed_guide_is_current() -> None:
    text = GUIDE.read_text("utf-8")
    assert update(text) == text, "docs/template-guide.md is stale: run make docs"


def test_the_guide_lists_every_format_and_filter() -> None:
    text = GUIDE.read_text("utf-8")
    for report_format in MODELS:
        assert f"### 格式 `{report_format}`" in text
    from reportgen.template.filters import FILTERS

    for name in FILTERS:
        assert f"\\|{name}" in text, name


EXAMPLES = sorted((ROOT / "inputs").glob("*.json"))


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_the_context_of_every_example_input_is_described(path: Path) -> None:
    report = validate(json.loads(path.read_text("utf-8")), path).value
    context = build_context(report, path.parent)
    assert conformance(context, template_variables(report.format)) == []


def test_the_legacy_context_with_every_kind_of_block_is_described(tmp_path: Path) -> None:
    (tmp_path / "pic.png").write_bytes(tiny_png())
    data = {
        "format": "legacy",
        "issuer": "某某县",
        "year": 2016,
        "title_lines": ["某某县", "报告"],
        "preamble": ["前言。", {"title": "（一）小节。", "text": "正文", "paragraphs": ["又一段"]}],
        "sections": [{"heading": "一、总体", "content": [{"image": "pic.png", "caption": "图1"}]}],
        "signature": {"issuer": "某某县人民政府办公室", "date": "2017-01-20"},
    }
    report = validate(data, tmp_path / "in.json").value
    assert conformance(build_context(report, tmp_path), template_variables("legacy")) == []


def test_conformance_names_what_is_not_described() -> None:
    variables = template_variables("legacy")
    context = {"issuer": 3, "sections": [{"heading": "一", "blocks": [], "extra": 1}], "budget": 1}
    assert conformance(context, variables) == [
        "issuer: expected text",
        "sections[].extra: not described",
        "budget: not described",
    ]

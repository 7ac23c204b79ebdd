"""The cold start: a command imports only what it needs (each check in a fresh process)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

from tests.conftest import ROOT


def fresh(script: str, *args: str) -> dict[str, object]:
    """Run `script` in a new interpreter at the project's root; return the JSON it prints last."""
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    result: dict[str, object] = json.loads(done.stdout.splitlines()[-1])
    return result


HEAVY = (
    "weasyprint",
    "docxtpl",
    "docx",
    "jinja2",
    "lxml",
    "fontTools",
    "reportgen.template",
    "reportgen.docx",
)


def test_validate_imports_neither_weasyprint_nor_docxtpl() -> None:
    result = fresh(
        """
        import json, sys
        from reportgen.cli import main
        code = main(["validate", "inputs/2015.json", "inputs/2024-huaian.json"])
        print(json.dumps({"code": code, "loaded": [m for m in sys.argv[1:] if m in sys.modules]}))
        """,
        *HEAVY,
    )
    assert result == {"code": 0, "loaded": []}


def test_validate_with_a_template_still_checks_it() -> None:
    result = fresh(
        """
        import json, sys
        from reportgen.cli import main
        code = main(["validate", "inputs/2015.json", "--template", "src/reportgen/templates/legacy.docx"])
        print(json.dumps({"code": code, "template": "reportgen.template" in sys.modules}))
        """
    )
    assert result == {"code": 0, "template": True}


def test_the_pdf_stage_leaves_fonttools_subsetter_and_instancer_unloaded() -> None:
    result = fresh(
        """
        import json, sys
        import reportgen.pdf.render
        loaded = sorted(m for m in sys.modules if m.startswith(("fontTools.subset", "fontTools.varLib")))
        from weasyprint.pdf import fonts
        options = fonts.subset.Options  # WeasyPrint's fontTools fallback: the real module on first use
        import fontTools.subset
        print(json.dumps({"before": loaded, "real": options is fontTools.subset.Options,
                          "instancer": fonts.instantiateVariableFont.__name__}))
        """
    )
    assert result == {"before": [], "real": True, "instancer": "_instantiate_variable_font"}


def test_weasyprints_instancer_stand_in_calls_fonttools() -> None:
    result = fresh(
        """
        import json
        import reportgen.pdf.render
        from fontTools.ttLib import TTFont
        from weasyprint.pdf import fonts
        font = TTFont()
        try:
            fonts.instantiateVariableFont(font, {"wght": 400})
        except ValueError as exc:  # a font without fvar: fontTools' own error
            print(json.dumps({"error": str(exc)}))
        """
    )
    assert result == {"error": "Missing required table fvar"}


def test_a_legacy_report_does_not_build_the_national_models() -> None:
    result = fresh(
        """
        import json
        from pathlib import Path
        from reportgen.input.model import LegacyReport, National2019Report, National2021Report
        from reportgen.pipeline import check_input
        check_input(Path("inputs/2015.json"))
        print(json.dumps([m.__pydantic_complete__ for m in (LegacyReport, National2019Report, National2021Report)]))
        """
    )
    assert result == [True, False, False]


def test_render_of_a_bad_input_fails_before_loading_docxtpl_and_weasyprint(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "legacy", "year": 2016}', encoding="utf-8")
    result = fresh(
        """
        import json, sys
        from reportgen.cli import main
        code = main(["render", sys.argv[1], "--out-dir", sys.argv[2], "-q"])
        print(json.dumps({"code": code, "loaded": [m for m in sys.argv[3:] if m in sys.modules]}))
        """,
        str(bad),
        str(tmp_path / "out"),
        *HEAVY,
    )
    assert result == {"code": 1, "loaded": []}
    assert not list((tmp_path / "out").glob("*"))

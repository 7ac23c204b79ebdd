"""The tree shows the pipeline: one package per stage, small modules, no import cycle."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

SOURCE = ROOT / "src"
MAX_LINES = 400
STAGES = ("input", "template", "docx", "pdf", "cli", "aggregate", "export", "manifest", "serve", "importer")


def modules() -> dict[str, Path]:
    found = {}
    for path in SOURCE.rglob("*.py"):
        name = ".".join(path.relative_to(SOURCE).with_suffix("").parts).removesuffix(".__init__")
        found[name] = path
    return found


def _module_level_imports(tree: ast.Module) -> list[ast.Import | ast.ImportFrom]:
    """Return the imports a module runs when it is imported (not under TYPE_CHECKING, not in functions)."""
    out: list[ast.Import | ast.ImportFrom] = []
    stack: list[ast.stmt] = list(tree.body)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Import | ast.ImportFrom):
            out.append(node)
        elif isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            continue
        elif isinstance(node, ast.With | ast.Try | ast.If):
            stack += node.body + getattr(node, "orelse", [])
            for handler in getattr(node, "handlers", []):
                stack += handler.body
    return out


def import_graph() -> dict[str, set[str]]:
    known = modules()
    graph: dict[str, set[str]] = {}
    for name, path in known.items():
        deps: set[str] = set()
        for node in _module_level_imports(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("reportgen"):
                subs = {f"{node.module}.{alias.name}" for alias in node.names} & known.keys()
                deps |= subs if len(subs) == len(node.names) else subs | {node.module}
            elif isinstance(node, ast.Import):
                deps |= {alias.name for alias in node.names if alias.name.startswith("reportgen")}
        graph[name] = (deps & known.keys()) - {name}
    return graph


def test_no_module_is_over_400_lines() -> None:
    sizes = {name: len(path.read_text("utf-8").splitlines()) for name, path in modules().items()}
    assert {name: n for name, n in sizes.items() if n > MAX_LINES} == {}


def test_one_package_per_stage() -> None:
    for stage in STAGES:
        assert (SOURCE / "reportgen" / stage / "__init__.py").is_file(), stage
    flat = {path.stem for path in (SOURCE / "reportgen").glob("*.py")}
    assert flat == {
        "__init__", "__main__", "build", "errors", "fonts", "hints", "limits", "output", "pictures",
        "pipeline"
    }  # fmt: skip


def test_no_import_cycle() -> None:
    graph = import_graph()
    cycles = []

    def visit(name: str, path: list[str]) -> None:
        for dep in sorted(graph[name]):
            if dep in path:
                cycle = path[path.index(dep) :] + [dep]
                # a package importing its own submodule, which imports a sibling through the package
                if not any(b.startswith(a + ".") for a, b in zip(cycle, cycle[1:], strict=False)):
                    cycles.append(" -> ".join(cycle))
            elif len(path) < 40:
                visit(dep, [*path, dep])

    for name in graph:
        visit(name, [name])
    assert cycles == []


def test_the_stages_before_the_pdf_do_not_load_weasyprint() -> None:
    """validate, check-template and the converter never wait for WeasyPrint (~0.5 s) to load."""
    script = (
        "import sys, reportgen.cli, reportgen.input, reportgen.template, reportgen.docx, reportgen.hints, "
        "reportgen.pipeline, reportgen.pdf; print(sorted(m for m in sys.modules if m.startswith(('weasyprint', 'pydyf'))))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert done.stdout == "[]\n"

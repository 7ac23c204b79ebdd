"""Benchmark: time and memory of reportgen side by side with LibreOffice, in one run.

Usage: .venv/bin/python bench/render.py [--runs N] [--reports N] [--jobs N] [--quick] [--against REV]

Prints, for issue 6:
  1. `reportgen render inputs/2015.json` (whole process, .docx + PDF) vs `soffice --headless
     --convert-to pdf` of the same .docx (target: ≤ ½ of LibreOffice);
  2. where the time of one render goes (imports, each stage, first vs warm render);
  3. `reportgen build` of N copies of the report with --jobs 2 (target: ≤ 0.2 s wall per report;
     LibreOffice driven through UNO does ≈ 0.12 s) and the peak memory of a worker (< 300 MB);
  4. how the time grows with the length of a report (about 10, 50 and 100 pages).
The machine's load average is printed before and after: other work on the machine makes every
figure slower, wall time more than CPU time.

With --against REV (a git revision), only this tree and REV are measured, side by side in one run
(runs interleaved, so that a change of the machine's load hits both): a whole-process render of
each example and a warm render (the second `render` in one process). Use it to show that a change
costs no time.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REPORTGEN = ROOT / ".venv" / "bin" / "reportgen"
INPUT = ROOT / "inputs" / "2015.json"
TABLES = ROOT / "inputs" / "2024-huaian.json"  # national-2021: three tables (issue 7: < 1 s)
LO_COPIES = 10  # documents one soffice process converts for the warm LibreOffice figure


def measure(
    cmd: list[str], env: dict[str, str] | None = None, cwd: Path | None = None
) -> tuple[float, float, float]:
    """Return (wall s, CPU s, peak RSS MB of the largest process in the tree) of one run of `cmd`."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=cwd)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        err = proc.stderr.read().decode() if proc.stderr else ""
        raise SystemExit(f"failed ({code}): {' '.join(cmd)}\n{err}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def series(cmd: list[str], runs: int, env: dict[str, str] | None = None) -> tuple[float, float, float]:
    """Return the median wall and CPU time and the largest peak memory of `runs` runs."""
    results = [measure(cmd, env) for _ in range(runs)]
    return (
        statistics.median(r[0] for r in results),
        statistics.median(r[1] for r in results),
        max(r[2] for r in results),
    )


def soffice_env(tmp: Path) -> dict[str, str]:
    """Return an environment in which LibreOffice finds the same stand-in fonts as reportgen."""
    sys.path.insert(0, str(ROOT / "src"))
    from reportgen.fonts import FontMap, fontconfig_aliases

    conf = tmp / "fonts.conf"
    names = {"仿宋_GB2312", "黑体", "楷体_GB2312", "方正小标宋简体", "宋体", "Times New Roman"}
    conf.write_text(fontconfig_aliases(FontMap.load(), names), encoding="utf-8")
    return {**os.environ, "FONTCONFIG_FILE": str(conf), "HOME": str(tmp)}


def single(tmp: Path, runs: int, source: Path = INPUT) -> dict[str, object]:
    out = tmp / "single"
    ours = series([str(REPORTGEN), "render", str(source), "--out-dir", str(out), "-q"], runs)
    row: dict[str, object] = {"ours": ours}
    soffice = shutil.which("soffice")
    if soffice:
        env = soffice_env(tmp)
        base = [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp / "lo")]
        docx_file = str(out / f"{source.stem}.docx")
        fresh = [
            measure([*base, f"-env:UserInstallation=file://{tmp}/lo-{i}", docx_file], env)
            for i in range(runs)
        ]
        row["lo_fresh"] = (statistics.median(f[0] for f in fresh), 0.0, max(f[2] for f in fresh))
        row["lo_reused"] = series([*base, f"-env:UserInstallation=file://{tmp}/lo-0", docx_file], runs, env)
    return row


def lo_warm(tmp: Path, docx_file: Path, runs: int) -> float | None:
    """Return the time LibreOffice takes for one more document in a running process: one soffice
    converting LO_COPIES copies against one converting one, (T(N) − T(1)) / (N − 1), interleaved.

    This stands in for a running soffice driven over UNO (python3-uno), which would add only the
    calls' overhead; None without soffice.
    """
    soffice = shutil.which("soffice")
    if not soffice:
        return None
    env = soffice_env(tmp)
    copies = tmp / "lo-copies"
    copies.mkdir(exist_ok=True)
    files = [shutil.copy(docx_file, copies / f"copy-{i:02d}.docx") for i in range(LO_COPIES)]
    base = [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp / "lo-warm")]
    base.append(f"-env:UserInstallation=file://{tmp}/lo-warm-profile")
    measure([*base, str(files[0])], env)  # the profile made once, as a running soffice has it
    one, many = [], []
    for _ in range(runs):
        one.append(measure([*base, str(files[0])], env)[0])
        many.append(measure([*base, *map(str, files)], env)[0])
    return (statistics.median(many) - statistics.median(one)) / (LO_COPIES - 1)


def uno_available() -> bool:
    """Return True when the system Python has LibreOffice's UNO bridge (python3-uno)."""
    python3 = shutil.which("python3") or "/usr/bin/python3"
    check = subprocess.run([python3, "-c", "import uno"], capture_output=True, env={"PATH": "/usr/bin:/bin"})
    return check.returncode == 0


def warm_ours(tmp: Path, runs: int, source: Path = INPUT) -> float:
    """Return the median time of a warm render (the second `render` in one process) over `runs` processes."""
    python = str(ROOT / ".venv" / "bin" / "python")
    times = [
        float(
            subprocess.run(
                [python, "-c", WARM, str(source), str(tmp / "warm")],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        )
        for _ in range(runs)
    ]
    return statistics.median(times)


PLAIN_IMPORT = r"""
import time; t = time.perf_counter(); import weasyprint; print(time.perf_counter() - t)
"""

CDEF = r"""
import ast, importlib.util, time
path = importlib.util.find_spec("weasyprint").submodule_search_locations[0] + "/text/ffi.py"
tree = ast.parse(open(path, encoding="utf-8").read())
cdef = next(n.args[0].value for n in ast.walk(tree) if isinstance(n, ast.Call)
            and getattr(n.func, "attr", "") == "cdef")
t = time.perf_counter(); import cffi; cffi.FFI().cdef(cdef); print(time.perf_counter() - t)
"""

STAGES = r"""
import json, sys, time
T = time.perf_counter
marks = {}
t = T()
from reportgen.pdf.libraries import no_library_search
with no_library_search():
    import weasyprint
marks["import WeasyPrint (libraries loaded directly, as reportgen does)"] = T() - t
t = T()
import reportgen.pipeline as p, reportgen.docx, reportgen.template
import reportgen.pdf.render
marks["import reportgen, pydantic, python-docx, docxtpl"] = T() - t
from pathlib import Path
from reportgen.docx import docx_to_html
from reportgen.fonts import FontMap
from reportgen.pdf import FONT_CONFIGURATIONS
from reportgen.pdf.engine import extended_layout
from reportgen.hints import LayoutOptions
from reportgen.template import build_context, check_template, fill
path = Path(sys.argv[1])
for label in ("first", "warm"):
    r = {}
    t = T(); report = p.check_input(path).value; r["read + validate"] = T() - t
    template = p.default_template(report.format)
    t = T(); checked = check_template(template, report.format); r["check the template"] = T() - t
    t = T()
    data = fill(template, build_context(report, path.parent), p.docx_properties(report), data=checked.docx)
    r["fill the template"] = T() - t
    t = T(); fonts = FontMap.load(); converted = docx_to_html(data, fonts, metadata=p.pdf_metadata(report)); r["font map + .docx → HTML"] = T() - t
    t = T(); lent = FONT_CONFIGURATIONS.lend(); config = lent.__enter__().config; r["font configuration"] = T() - t
    with extended_layout(LayoutOptions(converted.value.hang_punctuation)):
        t = T()
        doc = weasyprint.HTML(string=converted.value.html).render(stylesheets=[weasyprint.CSS(string=converted.value.css)], font_config=config)
        r["layout"] = T() - t
        t = T(); doc.write_pdf(pdf_identifier=True); r["write PDF (subset fonts, compress)"] = T() - t
    lent.__exit__(None, None, None)
    marks[label] = r
print(json.dumps(marks))
"""


def stages(runs: int) -> dict[str, object]:
    """Return the time of each import and stage of a render in one process (first and warm), the
    median of `runs` processes; and, each in a fresh process, WeasyPrint's import as it comes
    and the parsing of its C declarations alone."""
    python = str(ROOT / ".venv" / "bin" / "python")

    def child(script: str, *args: str) -> str:
        return subprocess.run(
            [python, "-c", script, *args], capture_output=True, text=True, check=True
        ).stdout

    samples = [json.loads(child(STAGES, str(INPUT))) for _ in range(runs)]
    marks: dict[str, object] = {}
    for key, value in samples[0].items():
        if isinstance(value, dict):
            marks[key] = {k: statistics.median(s[key][k] for s in samples) for k in value}
        else:
            marks[key] = statistics.median(s[key] for s in samples)
    marks["import WeasyPrint as it comes (ctypes searches for libraries)"] = statistics.median(
        float(child(PLAIN_IMPORT)) for _ in range(runs)
    )
    marks["parse WeasyPrint's C declarations alone (cffi, fresh process)"] = statistics.median(
        float(child(CDEF)) for _ in range(runs)
    )
    return marks


def batch(tmp: Path, reports: int, jobs: int, runs: int) -> tuple[float, float, float]:
    folder = tmp / "batch"
    folder.mkdir()
    for i in range(reports):
        shutil.copy(INPUT, folder / f"report-{i:03d}.json")
    cmd = [
        str(REPORTGEN),
        "build",
        str(folder),
        "--jobs",
        str(jobs),
        "--out-dir",
        str(tmp / "batch-out"),
        "-q",
    ]
    return series(cmd, runs)


def long_input(tmp: Path, repeat: int) -> Path:
    """Return an input whose sections are the 2015 report's sections repeated `repeat` times."""
    data = json.loads(INPUT.read_text("utf-8"))
    data.pop("$schema", None)
    data["sections"] = data["sections"] * repeat
    path = tmp / f"long-{repeat}.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def scaling(tmp: Path, runs: int) -> list[tuple[int, float, float, float]]:
    """Return (pages, wall, CPU, MB) of whole-process renders of ~10, ~50 and ~100-page reports."""
    sys.path.insert(0, str(ROOT / "src"))
    from pypdf import PdfReader

    rows = []
    for repeat in (1, 5, 10):
        path = long_input(tmp, repeat)
        out = tmp / "long"
        wall, cpu, mb = series([str(REPORTGEN), "render", str(path), "--out-dir", str(out), "-q"], runs)
        rows.append((len(PdfReader(out / f"{path.stem}.pdf").pages), wall, cpu, mb))
    return rows


WARM = r"""
import sys, time
from pathlib import Path
from reportgen.pipeline import render
source, out = Path(sys.argv[1]), Path(sys.argv[2])
render(source, out)
t = time.perf_counter(); render(source, out); print(time.perf_counter() - t)
"""


def against(rev: str, runs: int) -> int:
    """Print whole-process and warm render times of this tree and of `rev`, interleaved."""
    python = str(ROOT / ".venv" / "bin" / "python")
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        other = tmp / "rev"
        other.mkdir()
        archive = subprocess.run(["git", "archive", rev], cwd=ROOT, capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(other)], input=archive, check=True)
        trees = {"this tree": ROOT, rev: other}

        def env(tree: Path) -> dict[str, str]:
            return {**os.environ, "PYTHONPATH": str(tree / "src")}

        rows: dict[tuple[str, str], list[tuple[float, float, float]]] = {}
        for _ in range(runs):
            for label, tree in trees.items():
                for source in (INPUT, TABLES):
                    cmd = [
                        python,
                        "-m",
                        "reportgen",
                        "render",
                        str(source),
                        "--out-dir",
                        str(tmp / "o"),
                        "-q",
                    ]
                    rows.setdefault((label, f"whole process, {source.name}"), []).append(
                        measure(cmd, env(tree), tree)
                    )
                    warm = subprocess.run(
                        [python, "-c", WARM, str(source), str(tmp / "w")],
                        cwd=tree,
                        env=env(tree),
                        capture_output=True,
                        text=True,
                        check=True,
                    ).stdout
                    rows.setdefault((label, f"warm render, {source.name}"), []).append(
                        (float(warm), 0.0, 0.0)
                    )
    print(f"this tree against {rev}, median of {runs} interleaved runs (load {os.getloadavg()[0]:.2f})")
    for what in dict.fromkeys(key[1] for key in rows):
        ours = [rows[("this tree", what)][i] for i in range(runs)]
        theirs = [rows[(rev, what)][i] for i in range(runs)]
        a, b = statistics.median(r[0] for r in ours), statistics.median(r[0] for r in theirs)
        mem = ""
        if ours[0][2]:
            mem = f"   peak {max(r[2] for r in ours):4.0f} MB vs {max(r[2] for r in theirs):4.0f} MB"
        print(f"   {what:<42} {a:6.3f} s vs {b:6.3f} s   ratio {a / b:.3f}{mem}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--reports", type=int, default=40)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--quick", action="store_true", help="one run of each, no stage breakdown")
    parser.add_argument(
        "--against", metavar="REV", help="measure this tree and git revision REV side by side"
    )
    args = parser.parse_args()
    runs = 1 if args.quick else args.runs
    if args.against:
        return against(args.against, runs)
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        one = single(tmp, runs)
        tables = single(tmp, runs, TABLES)
        warm = warm_ours(tmp, runs)
        lo_one_more = lo_warm(tmp, tmp / "single" / f"{INPUT.stem}.docx", max(3, runs))
        parts = None if args.quick else stages(runs)
        built = batch(tmp, args.reports, args.jobs, max(1, runs // 2))
        grows = scaling(tmp, max(1, runs // 2))
    load_after = os.getloadavg()

    print(f"load average before {load_before[0]:.2f}, after {load_after[0]:.2f} (2 cores; > 0.3 means noisy)")
    ratios(one, warm, lo_one_more, built[0] / args.reports, args.jobs, built[2], grows[-1])
    print(f"\n1. single report, whole process, median of {runs} ({INPUT.name})")
    wall, cpu, mb = one["ours"]  # type: ignore[misc]
    print(f"   reportgen render (.docx + PDF)       {wall:5.2f} s  (CPU {cpu:.2f} s)  {mb:4.0f} MB")
    lo, lo_reused = one.get("lo_fresh"), one.get("lo_reused")
    if lo and lo_reused:
        print(f"   soffice --convert-to pdf, new profile {lo[0]:5.2f} s                {lo[2]:4.0f} MB")  # type: ignore[index]
        print(f"   soffice, profile reused              {lo_reused[0]:5.2f} s")  # type: ignore[index]
        print(f"   ratio ours / LibreOffice (new profile) {wall / lo[0]:.2f}  (target ≤ 0.5)")  # type: ignore[index]
    wall, cpu, mb = tables["ours"]  # type: ignore[misc]
    print(f"\n1b. the same for {TABLES.name} (national-2021, three tables; target < 1 s)")
    print(f"   reportgen render (.docx + PDF)       {wall:5.2f} s  (CPU {cpu:.2f} s)  {mb:4.0f} MB")
    lo = tables.get("lo_fresh")
    if lo:
        print(f"   soffice --convert-to pdf, new profile {lo[0]:5.2f} s")  # type: ignore[index]
    if parts:
        print("\n2. where a render's time goes (one process)")
        for key, value in parts.items():
            if isinstance(value, float):
                print(f"   {key:<52}{value:6.3f} s")
        for label in ("first", "warm"):
            stage = parts[label]
            total = sum(stage.values())
            detail = ", ".join(f"{k} {v:.3f}" for k, v in stage.items())
            print(f"   {label} render {total:.3f} s: {detail}")
    wall, cpu, mb = built
    n = args.reports
    print(f"\n3. reportgen build of {n} reports, --jobs {args.jobs}, whole process")
    per_report, per_core = cpu / n, cpu / n / args.jobs
    print(
        f"   wall {wall:.2f} s = {wall / n:.3f} s per report (target ≤ LibreOffice's warm time per document)"
    )
    print(
        f"   CPU {cpu:.2f} s = {per_report:.3f} s per report = {per_core:.3f} s per report on {args.jobs} idle cores"
    )
    print(f"   peak memory of the largest process (a worker) {mb:.0f} MB (target < 300)")
    print("\n4. length: whole-process render")
    first_pages, first_wall = grows[0][0], grows[0][1]
    for pages, wall, cpu, mb in grows:
        extra = (wall - first_wall) / (pages - first_pages) * 1000 if pages != first_pages else 0.0
        print(
            f"   {pages:4d} pages {wall:6.2f} s  (CPU {cpu:.2f} s) {mb:5.0f} MB   +{extra:.0f} ms per extra page"
        )
    return 0


def ratios(
    one: dict[str, object],
    warm: float,
    lo_one_more: float | None,
    per_report: float,
    jobs: int,
    build_mb: float,
    longest: tuple[int, float, float, float],
) -> None:
    """Print issue 15's figures: ours against LibreOffice measured in this same run."""
    print("\n0. against LibreOffice, measured in this run (issue 15's targets in brackets)")
    cold = one["ours"][0]  # type: ignore[index]
    lo, lo_reused = one.get("lo_fresh"), one.get("lo_reused")
    if lo and lo_reused:
        fresh, reused = lo[0], lo_reused[0]  # type: ignore[index]
        print(
            f"   cold: render {INPUT.name} {cold:.2f} s, soffice --convert-to pdf {reused:.2f} s (profile reused; "
            f"new profile {fresh:.2f} s): ratio {cold / reused:.2f} / {cold / fresh:.2f} (≤ 0.6)"
        )
    else:
        print(f"   cold: render {INPUT.name} {cold:.2f} s (soffice not installed)")
    uno = "" if uno_available() else "; python3-uno not installed, so not over UNO"
    if lo_one_more:
        print(
            f"   warm: one more report in a running process {warm:.3f} s, LibreOffice {lo_one_more:.3f} s "
            f"(one soffice converting {LO_COPIES} copies{uno}): ratio {warm / lo_one_more:.2f} (≤ 1.5)"
        )
        print(
            f"   build --jobs {jobs}: {per_report:.3f} s per report: ratio {per_report / lo_one_more:.2f} "
            f"to LibreOffice's warm document (≤ 1)"
        )
    else:
        print(
            f"   warm: one more report in a running process {warm:.3f} s; build {per_report:.3f} s per report"
        )
    pages, wall, _, mb = longest
    print(f"   memory: build worker {build_mb:.0f} MB; {pages} pages {wall:.2f} s, {mb:.0f} MB (< 300)")


if __name__ == "__main__":
    raise SystemExit(main())

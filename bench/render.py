"""Benchmark: wall time and peak memory of `reportgen render` (whole process), side by side with
LibreOffice's `soffice --headless --convert-to pdf` of the same .docx, where LibreOffice is installed.

Usage: .venv/bin/python bench/render.py [INPUT ...] [--runs N]
Targets (issue 2): our whole render ≤ ½ of LibreOffice's conversion alone; peak memory < 300 MB.
"""

from __future__ import annotations

import argparse
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


def measure(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Return (wall seconds, peak RSS in MB) of one run of `cmd` (a whole process)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        err = proc.stderr.read().decode() if proc.stderr else ""
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{err}")
    return wall, usage.ru_maxrss / 1024


def series(cmd: list[str], runs: int, env: dict[str, str] | None = None) -> tuple[float, float]:
    results = [measure(cmd, env) for _ in range(runs)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="*", type=Path, default=[ROOT / "inputs" / "2015.json"])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    from reportgen.fonts import FontMap, fontconfig_aliases

    soffice = shutil.which("soffice")
    rows = []
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        for path in args.inputs:
            out = tmp / "out"
            ours = series([str(REPORTGEN), "render", str(path), "--out-dir", str(out), "-q"], args.runs)
            row = {"input": path.name, "ours": ours, "lo_fresh": None, "lo_reused": None}
            if soffice:
                conf = tmp / "fonts.conf"
                names = {"仿宋_GB2312", "黑体", "楷体_GB2312", "方正小标宋简体", "宋体", "Times New Roman"}
                conf.write_text(fontconfig_aliases(FontMap.load(), names), encoding="utf-8")
                env = {**os.environ, "FONTCONFIG_FILE": str(conf), "HOME": str(tmp)}
                docx_file = out / f"{path.stem}.docx"
                base = [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp / "lo")]
                fresh = []
                for i in range(args.runs):
                    profile = f"-env:UserInstallation=file://{tmp}/profile-{i}"
                    fresh.append(measure([*base, profile, str(docx_file)], env))
                row["lo_fresh"] = (statistics.median(f[0] for f in fresh), max(f[1] for f in fresh))
                reused = f"-env:UserInstallation=file://{tmp}/profile-0"
                row["lo_reused"] = series([*base, reused, str(docx_file)], args.runs, env)
            rows.append(row)

    print(f"reportgen render vs LibreOffice, median of {args.runs} runs, whole processes")
    print(
        f"{'input':<18}{'ours s':>8}{'ours MB':>9}{'LO fresh s':>12}"
        f"{'LO reused s':>13}{'LO MB':>8}{'ours/LO':>9}"
    )
    ok = True
    for row in rows:
        wall, mem = row["ours"]
        lo = row["lo_fresh"]
        lo_reused = row["lo_reused"]
        ratio = f"{wall / lo[0]:.2f}" if lo else "–"
        print(
            f"{row['input']:<18}{wall:>8.2f}{mem:>9.0f}"
            f"{(f'{lo[0]:.2f}' if lo else '–'):>12}{(f'{lo_reused[0]:.2f}' if lo_reused else '–'):>13}"
            f"{(f'{max(lo[1], lo_reused[1]):.0f}' if lo and lo_reused else '–'):>8}{ratio:>9}"
        )
        ok &= mem < 300 and (lo is None or wall <= lo[0] / 2)
    print("targets (≤ ½ LibreOffice, < 300 MB):", "met" if ok else "NOT met")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

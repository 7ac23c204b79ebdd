"""Many reports at once: parallel worker processes, failures collected per input, a manifest.

`build()` renders every input with the same pipeline as `render`, in worker processes that each
load WeasyPrint once and keep one font configuration (`pdf.FONT_CONFIGURATIONS`) for all their
reports. One failing input never stops the others. The manifest (`DIR/manifest.json`) tells
reviewers what was built from what: for each output its sha256, the input's and the template's
sha256, the report format, the page count and the tool version. It holds no time, so equal
inputs give an equal manifest. With a shard (`--shard K/N`, reportgen.manifest) only that slice
of the inputs is built, and its manifest (`manifest.K-of-N.json`) says which slice of what.
"""

from __future__ import annotations

import ctypes
import gc
import hashlib
import multiprocessing
import os
import resource
import signal
import sys
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportgen import __version__
from reportgen.errors import Problem, ReportgenError, UsageError
from reportgen.i18n import language, set_language, t
from reportgen.manifest import MANIFEST, Shard, dumps, shown
from reportgen.output import check_writable, refuse_overwriting, remove_abandoned, write_all
from reportgen.pipeline import output_paths, produce


@dataclass(frozen=True)
class BuildOptions:
    """What every report of a build shares (the options of `reportgen build`)."""

    out_dir: Path = Path("outputs")
    template: Path | None = None
    font_map: Path | None = None
    strict: bool = False
    pdf_variant: str | None = None
    images_dir: Path | None = None


@dataclass
class Outcome:
    """One input's result: its outputs (name → sha256) and page count, or the error that stopped it."""

    input: Path
    seconds: float = 0.0
    format: str = ""
    pages: int = 0
    outputs: dict[str, str] = field(default_factory=dict)
    input_sha256: str = ""
    template: Path | None = None
    template_sha256: str = ""
    warnings: list[Problem] = field(default_factory=list)
    substitutions: list[str] = field(default_factory=list)
    error: str = ""
    exit_code: int = 0
    peak_mb: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.error


@dataclass
class BuildResult:
    """Every input's outcome, in input order, and where the manifest was written."""

    outcomes: list[Outcome]
    manifest: Path
    seconds: float
    jobs: int

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.ok]

    @property
    def exit_code(self) -> int:
        return max((o.exit_code for o in self.outcomes), default=0)


def collect_inputs(items: Iterable[Path]) -> list[Path]:
    """Return the input files: folders expanded to their *.json files (by name), repeats dropped.

    A path that does not exist stays in the list and fails as that input's own error, as in
    `render`. Raise UsageError for a folder without .json files and for two inputs whose outputs
    would have the same name.
    """
    found: dict[Path, Path] = {}  # resolved → as given
    for item in items:
        if item.is_dir():
            files = sorted(p for p in item.glob("*.json") if p.is_file() and not p.name.startswith("."))
            if not files:
                raise UsageError(t("文件夹中没有 .json 输入文件"), path=item)
        else:
            files = [item]
        for path in files:
            found.setdefault(path.resolve(), path)
    by_stem: dict[str, Path] = {}
    for path in found.values():
        other = by_stem.setdefault(path.stem, path)
        if other is not path:
            raise UsageError(
                t(
                    "{a} 和 {b} 会写出同名的输出文件（{stem}.docx、{stem}.pdf）",
                    a=other,
                    b=path,
                    stem=path.stem,
                )
            )
    return list(found.values())


def default_jobs() -> int:
    """Return the number of CPUs this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def build(
    inputs: list[Path],
    options: BuildOptions,
    jobs: int = 1,
    on_done: Callable[[Outcome], None] | None = None,
    shard: Shard | None = None,
) -> BuildResult:
    """Render every input (with `shard`, that slice of them) into options.out_dir with `jobs`
    processes and write the manifest (the shard's manifest).

    `on_done` is called in this process as each input finishes (in finishing order).
    Raise OutputError before any work when the output folder cannot be written.
    """
    start = time.perf_counter()
    check_writable(options.out_dir)
    everything = inputs
    if shard is not None:
        inputs = shard.select(everything)
    jobs = max(1, min(jobs, len(inputs)))
    outcomes: dict[Path, Outcome] = {}
    for outcome in _run(inputs, options, jobs):
        outcomes[outcome.input] = outcome
        if on_done is not None:
            on_done(outcome)
    ordered = [outcomes[path] for path in inputs]
    manifest = options.out_dir / (shard.manifest_name if shard is not None else MANIFEST)
    block = shard.block(everything, settings(options)) if shard is not None else None
    write_all({manifest: manifest_json(ordered, options, block).encode("utf-8")})
    return BuildResult(ordered, manifest, time.perf_counter() - start, jobs)


def _run(inputs: list[Path], options: BuildOptions, jobs: int) -> Iterable[Outcome]:
    """Yield each input's outcome as it finishes, from this process (jobs=1) or from worker processes."""
    # Load the pipeline's heavy modules (WeasyPrint: ~0.5 s) once, before the workers fork: they
    # inherit them instead of importing them each. Then freeze what exists: the collection after
    # each report (see _build_and_collect) need not scan it, ~0.05 s less per report (measured).
    import reportgen.docx
    import reportgen.pdf.render
    import reportgen.template  # noqa: F401

    gc.freeze()
    try:
        yield from _outcomes(inputs, options, jobs)
    finally:
        gc.unfreeze()


def _outcomes(inputs: list[Path], options: BuildOptions, jobs: int) -> Iterable[Outcome]:
    if jobs == 1:
        for path in inputs:
            yield _build_and_collect(path, options)
        return
    # Workers are started before any thread exists in this process (ProcessPoolExecutor starts
    # them all at the first submit when it forks; the CLI's progress bar runs no thread).
    fork = "fork" in multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if fork else None)
    # The workers are handed the caller's message language (use_language around the build).
    initargs = (language(), os.getpid())
    executor = ProcessPoolExecutor(jobs, context, initializer=_init_worker, initargs=initargs)
    try:
        futures = {executor.submit(_build_and_collect, path, options): path for path in inputs}
        for future in as_completed(futures):
            try:
                yield future.result()
            except BrokenProcessPool:  # a worker was killed (out of memory?): its input fails
                yield Outcome(
                    futures[future], error=t("生成这份报告的工作进程意外退出（内存不足？）"), exit_code=70
                )
    except BaseException:  # Ctrl-C: stop at once; finished reports stay, unfinished ones leave nothing
        executor.shutdown(wait=False, cancel_futures=True)
        workers = multiprocessing.active_children()
        for child in workers:
            child.terminate()  # SIGTERM: a worker putting its files in place puts the previous ones back
        for child in workers:
            child.join(10)  # reaped, its temporaries are a dead process's: removed below
        remove_abandoned(options.out_dir)
        raise
    executor.shutdown()


def _build_and_collect(path: Path, options: BuildOptions) -> Outcome:
    """Return build_one's outcome, then free the report's reference cycles.

    The CLI runs with the cyclic collector off (a render makes no long-lived cycles, and
    collecting costs time); over many reports WeasyPrint's cycles would add ~2.5 MB a report.
    """
    if _PARENT is not None and os.getppid() != _PARENT:  # the build has ended (see _end_with)
        os.kill(os.getpid(), signal.SIGTERM)
    outcome = build_one(path, options)
    gc.collect()
    return outcome


def _init_worker(lang: str, parent: int) -> None:
    """Start a worker process: it serves this one build, so the caller's language is its own."""
    _end_with(parent)
    set_language(lang)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle


PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
_PARENT: int | None = None
"""In a worker process: the build's process."""


def _end_with(parent: int) -> None:
    """Make this worker end when the build's process ends, however it ends (kill -9 included).

    On Linux the kernel sends the worker SIGTERM when its parent dies (prctl PR_SET_PDEATHSIG).
    SIGTERM rather than SIGKILL: a worker in the middle of putting its files in place first puts
    the previous ones back (reportgen.output), and its temporaries are removed by the next run.
    A parent that died before the prctl call is seen in the parent pid. Elsewhere, a worker
    whose parent has gone ends before its next report (_build_and_collect).
    """
    global _PARENT
    _PARENT = parent
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    if os.getppid() != parent:
        os.kill(os.getpid(), signal.SIGTERM)


def build_one(path: Path, options: BuildOptions) -> Outcome:
    """Return the outcome of rendering one input; errors are caught and become the outcome's."""
    start = time.perf_counter()
    outcome = Outcome(path)
    try:
        docx_path, pdf_path = output_paths(path, options.out_dir)
        refuse_overwriting(path, (docx_path, pdf_path), "--out-dir")
        made = produce(
            path,
            options.template,
            fonts=_font_map(options.font_map),
            strict=options.strict,
            pdf_variant=options.pdf_variant,
            images_dir=options.images_dir,
        )
        write_all({docx_path: made.docx, pdf_path: made.pdf.data}, final=False)  # the manifest comes last
        outcome.format = made.report.format
        outcome.pages = made.pdf.pages
        outcome.outputs = {docx_path.name: _sha256(made.docx), pdf_path.name: _sha256(made.pdf.data)}
        outcome.input_sha256 = _sha256(made.source)
        outcome.template = made.template
        outcome.template_sha256 = _sha256(made.template.read_bytes())
        outcome.warnings = made.warnings
        outcome.substitutions = made.substitutions
    except ReportgenError as exc:
        outcome.error, outcome.exit_code = exc.format_message(), exc.exit_code
    except Exception as exc:  # a bug: this input fails with one line (as in the CLI), the others go on
        outcome.error = t(
            "内部错误（{kind}）：{error}。这是 reportgen 的缺陷，请把这条信息和输入文件一起报告。",
            kind=type(exc).__name__,
            error=exc,
        )
        outcome.exit_code = 70
    outcome.seconds = time.perf_counter() - start
    outcome.peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return outcome


_FONT_MAPS: dict[Path | None, Any] = {}


def _font_map(override: Path | None) -> Any:
    """Return the font map, loaded once per process (it runs fc-list)."""
    from reportgen.fonts import FontMap

    if override not in _FONT_MAPS:
        _FONT_MAPS[override] = FontMap.load(override)
    return _FONT_MAPS[override]


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def settings(options: BuildOptions) -> dict[str, Any]:
    """Return the options every shard of a build must share, as its manifest records them."""
    return {
        "template": shown(options.template) if options.template else None,
        "font_map": shown(options.font_map) if options.font_map else None,
        "strict": options.strict,
        "pdf_variant": options.pdf_variant,
        "images_dir": shown(options.images_dir) if options.images_dir else None,
    }


def manifest_json(outcomes: list[Outcome], options: BuildOptions, shard: dict[str, Any] | None = None) -> str:
    """Return the manifest: one entry per output file (sorted by name), one per failed input (sorted
    by input), and a shard's `shard` block."""
    entries = []
    for o in outcomes:
        for name, digest in o.outputs.items():
            entries.append(
                {
                    "path": name,
                    "sha256": digest,
                    "format": o.format,
                    "pages": o.pages if name.endswith(".pdf") else None,
                    "pdf_variant": options.pdf_variant if name.endswith(".pdf") else None,
                    "input": shown(o.input),
                    "input_sha256": o.input_sha256,
                    "template": shown(o.template) if o.template else None,
                    "template_sha256": o.template_sha256,
                    "tool": "reportgen",
                    "tool_version": __version__,
                }
            )
    failed = [{"input": shown(o.input), "error": o.error} for o in outcomes if not o.ok]
    return dumps(__version__, entries, failed, shard)

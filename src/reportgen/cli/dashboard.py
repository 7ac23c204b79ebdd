"""What `reportgen build` shows: a progress bar while reports are made, each warning once, a summary.

Errors and warnings appear as reports finish (above the bar when it shows, plain lines on stderr
otherwise); a warning that several reports share (the same missing font for 40 reports) is shown
once and the repeats are counted. The summary table and totals go to stdout.
"""

from __future__ import annotations

import sys

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from reportgen.build import BuildResult, Outcome
from reportgen.i18n import t


class Dashboard:
    """The progress of one build: `with dashboard:` around build(…, on_done=dashboard.done), then summary()."""

    def __init__(self, total: int, *, quiet: bool) -> None:
        self.quiet = quiet
        stderr = Console(stderr=True, highlight=False)
        # No refresh thread: the workers fork from this process and must not inherit a running thread.
        self.bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=stderr,
            auto_refresh=False,
            transient=True,
            disable=quiet or not stderr.is_terminal,
        )
        self.task = self.bar.add_task(t("生成报告"), total=total)
        self.shown: set[str] = set()
        self.repeated = 0

    def __enter__(self) -> Dashboard:
        self.bar.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.bar.__exit__(*exc)  # type: ignore[arg-type]

    def done(self, outcome: Outcome) -> None:
        """Show one finished report's error, or its warnings not shown before; advance the bar."""
        if outcome.error:
            self._emit(t("错误：") + outcome.error)
        elif not self.quiet:
            for warning in outcome.warnings:  # the same font warning for 40 reports is shown once
                self.repeated += warning.format() in self.shown
                if warning.format() not in self.shown:
                    self.shown.add(warning.format())
                    self._emit(t("警告：") + warning.format_in(outcome.input))
        self.bar.advance(self.task)
        self.bar.refresh()

    def _emit(self, line: str) -> None:  # above the progress bar when it shows, plain text otherwise
        if self.bar.disable:
            print(line, file=sys.stderr)
        else:
            self.bar.console.print(line, markup=False, highlight=False, soft_wrap=True)

    def summary(self, result: BuildResult) -> None:
        """Print the table of reports and the totals (unless quiet), the repeats and the failures."""
        if not self.quiet:
            table = Table(t("输入"), t("格式"), t("页数"), t("用时"), t("结果"), box=None, pad_edge=False)
            for o in result.outcomes:
                status = t("失败") if o.error else t("成功")
                if o.warnings:
                    status += t("（{n} 个警告）", n=len(o.warnings))
                table.add_row(
                    str(o.input), o.format or "–", str(o.pages) if o.ok else "–", f"{o.seconds:.2f}", status
                )
            Console(highlight=False, soft_wrap=True).print(table)
            count = len(result.outcomes)
            print(
                t(
                    "共 {count} 份：成功 {ok} 份，失败 {failed} 份；用时 {seconds:.1f} 秒，{jobs} 个进程，平均每份 {each:.2f} 秒",
                    count=count,
                    ok=count - len(result.failed),
                    failed=len(result.failed),
                    seconds=result.seconds,
                    jobs=result.jobs,
                    each=result.seconds / max(count, 1),
                )
            )
            print(t("已写出 {path}", path=result.manifest))
        if self.repeated:
            print(
                t("另有 {n} 条警告与上面的相同（出自其他报告），不再重复显示", n=self.repeated),
                file=sys.stderr,
            )
        if result.failed:
            print(t("失败的输入：") + "、".join(str(o.input) for o in result.failed), file=sys.stderr)

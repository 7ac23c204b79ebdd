"""The command line: parse arguments, call the pipeline, print results and errors, return the exit code.

Language policy: every message is Chinese unless English is asked for (`--lang en` or
REPORTGEN_LANG=en); option and command names stay English. Only this module prints.
"""

from __future__ import annotations

import argparse
import gc
import json
import logging
import os
import re
import sys
from pathlib import Path
from typing import Any

from reportgen import __version__
from reportgen.errors import Problem, ReportgenError, UsageError
from reportgen.i18n import language, set_language, t


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        # argparse passes prefix="" when it builds a sub-command's prog: keep that one empty
        super().add_usage(usage, actions, groups, prefix=t("用法：") if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = t("参数")
        self._optionals.title = t("选项")
        self.add_argument("-h", "--help", action="help", help=t("显示帮助并退出"))

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(t("命令行有误：{message}（用 --help 查看用法）", message=_argparse_message(message)))


_ARGPARSE = [
    (r"the following arguments are required: (?P<names>.+)", "缺少参数：{names}"),
    (r"unrecognized arguments: (?P<names>.+)", "不认识的参数：{names}"),
    (
        r"argument (?P<name>\S+): invalid choice: (?P<value>.+?) \(choose from (?P<choices>.+)\)",
        "参数 {name} 的值 {value} 无效，可选：{choices}",
    ),
    (r"argument (?P<name>\S+): expected one argument", "参数 {name} 后面缺少值"),
    (r"argument (?P<name>\S+): invalid \w+ value: (?P<value>.+)", "参数 {name} 的值 {value} 无效"),
]


def _argparse_message(message: str) -> str:
    """Return argparse's English error in the message language (English stays as argparse wrote it)."""
    if language() == "en":
        return message
    for pattern, template in _ARGPARSE:
        match = re.fullmatch(pattern, message)
        if match:
            return template.format(**match.groupdict())
    return message


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser (messages in the current language)."""
    parser = _Parser(
        prog="reportgen",
        description=t("政府信息公开工作年度报告：由一个 JSON 文件生成 Word（.docx）和发布用 PDF。"),
    )
    parser.add_argument(
        "--version", action="version", version=f"reportgen {__version__}", help=t("显示版本并退出")
    )
    parser.add_argument(
        "--lang",
        choices=("zh", "en"),
        help=t("消息语言：zh（中文，默认）或 en（英文）；也可设环境变量 REPORTGEN_LANG"),
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser, title=t("命令"))

    render = commands.add_parser(
        "render",
        help=t("生成 .docx 和 .pdf"),
        description=t("检查 INPUT，填写模板，写出 DIR/名称.docx 和 DIR/名称.pdf。"),
    )
    render.add_argument("input", type=Path, metavar="INPUT", help=t("输入文件，例如 inputs/2015.json"))
    _add_render_options(render)
    render.add_argument(
        "--pdf-engine",
        choices=("weasyprint", "libreoffice"),
        default="weasyprint",
        help=t("PDF 引擎：weasyprint（内置，默认）或 libreoffice（需已安装）"),
    )
    _add_pdf_variant(render)
    render.add_argument("-v", "--verbose", action="store_true", help=t("显示每一步"))
    render.add_argument("-q", "--quiet", action="store_true", help=t("只显示错误"))

    validate = commands.add_parser(
        "validate",
        help=t("检查输入文件，一次列出全部问题"),
        description=t("检查一个或多个输入文件；全部有效时退出码为 0，否则为 1。"),
    )
    validate.add_argument("inputs", type=Path, nargs="+", metavar="INPUT", help=t("输入文件"))
    validate.add_argument("--strict", action="store_true", help=t("有任何警告也算无效"))
    validate.add_argument(
        "--template", type=Path, metavar="PATH", help=t("同时检查这个 Word 模板是否适用于各输入文件的格式")
    )

    check = commands.add_parser(
        "check-template",
        help=t("检查 Word 模板：标记写法、变量名、沙箱规则"),
        description=t(
            "检查 TEMPLATE 里的每个 {{{{ … }}}} 和 {{% … %}} 标记（正文、表格、页眉、页脚、脚注），"
            "列出全部错误和位置；自动修正 Word 造成的问题（标记被拆开、中文引号、全角括号）。"
            "没有错误时退出码为 0，否则为 1。"
        ),
    )
    check.add_argument("template", type=Path, metavar="TEMPLATE", help=t("Word 模板（.docx）"))
    check.add_argument(
        "--format", choices=_formats(), help=t("报告格式（默认按模板文件名，例如 legacy.docx → legacy）")
    )
    check.add_argument("--strict", action="store_true", help=t("有任何警告也算不通过"))

    pdf = commands.add_parser(
        "pdf",
        help=t("把任意 .docx 转成 PDF"),
        description=t("用 render 相同的转换器把 .docx（例如手工修改过的报告）转成 PDF。"),
    )
    pdf.add_argument("docx", type=Path, metavar="FILE.docx", help=t("Word 文件"))
    pdf.add_argument(
        "-o", "--output", type=Path, metavar="OUT.pdf", help=t("输出的 PDF（默认与 .docx 同名同目录）")
    )
    pdf.add_argument("--font-map", type=Path, metavar="TOML", help=t("覆盖默认字体映射的 TOML 文件"))
    pdf.add_argument("--strict", action="store_true", help=t("有任何警告就失败，不写出文件"))
    pdf.add_argument(
        "--pdf-engine",
        choices=("weasyprint", "libreoffice"),
        default="weasyprint",
        help=t("PDF 引擎：weasyprint（内置，默认）或 libreoffice（需已安装）"),
    )
    pdf.add_argument("-q", "--quiet", action="store_true", help=t("只显示错误"))

    schema = commands.add_parser(
        "schema",
        help=t("打印输入文件的 JSON Schema（供 VS Code 等编辑器提示和检查）"),
        description=t("打印输入文件的 JSON Schema（供 VS Code 等编辑器提示和检查）"),
    )
    schema.add_argument("--format", default="legacy", choices=_formats(), help=t("报告格式（默认 legacy）"))
    _add_build_parser(commands)
    return parser


def _formats() -> list[str]:
    from reportgen.model import MODELS

    return list(MODELS)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; return the exit code (0 ok, 1 failed report, 2 bad usage, 130 interrupted)."""
    # A render allocates many short-lived objects and no long-lived cycles: the cyclic collector
    # costs ~0.06 s of a 1 s run and frees nothing worth having (measured, bench/render.py).
    gc_was_enabled = gc.isenabled()
    gc.disable()
    argv = sys.argv[1:] if argv is None else argv
    if "--lang" in argv[:-1]:
        set_language(argv[argv.index("--lang") + 1])
    try:
        args = build_parser().parse_args(argv)
        if args.command is None:
            build_parser().print_help(sys.stderr)
            return 2
        commands = {
            "render": _render,
            "validate": _validate,
            "schema": _schema,
            "check-template": _check_template,
            "pdf": _pdf,
            "build": _build,
        }
        return commands[args.command](args)
    except ReportgenError as exc:
        print(t("错误：") + exc.format_message(), file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print(t("已中断；没有写出任何文件。"), file=sys.stderr)
        return 130
    except Exception as exc:  # the last line of defence: a bug must not greet users with a traceback
        if "REPORTGEN_DEBUG" in os.environ:
            raise
        message = t(
            "内部错误（{kind}）：{error}。这是 reportgen 的缺陷，请把这条信息和输入文件一起报告。",
            kind=type(exc).__name__,
            error=exc,
        )
        print(t("错误：") + message, file=sys.stderr)
        return 70
    finally:
        if gc_was_enabled:
            gc.enable()


def run() -> None:
    """The console entry point: run main(), then leave without tearing the interpreter down.

    Outputs are written atomically and the streams flushed by then; Python's teardown (freeing
    every object WeasyPrint made, a last garbage collection) would add ~0.1 s to every render
    (measured, bench/render.py). --help and --version leave through SystemExit as usual.
    """
    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed or broken stream: leave the ordinary way
        raise SystemExit(code) from None
    os._exit(code)


def _warn(source: Path, warnings: list[Problem]) -> None:
    for warning in warnings:
        print(f"{t('警告：')}{source}: {warning.format()}", file=sys.stderr)


def _render(args: argparse.Namespace) -> int:
    from reportgen.fonts import FontMap
    from reportgen.pipeline import render

    progress = logging.getLogger("reportgen.progress")
    if args.verbose:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(message)s"))
        progress.addHandler(handler)
        progress.setLevel(logging.INFO)
    fonts = FontMap.load(_font_map(args.font_map))
    result = render(
        args.input,
        args.out_dir,
        args.template,
        fonts=fonts,
        strict=args.strict,
        engine=args.pdf_engine,
        pdf_variant=args.pdf_variant,
    )
    if not args.quiet:
        _warn(args.input, result.warnings)
        if args.verbose:
            _repaired(result.repairs)
        if result.substitutions:
            print(t("字体替代：") + "；".join(result.substitutions))
        print(t("已写出 {path}", path=result.docx_path))
        print(t("已写出 {path}（{pages} 页）", path=result.pdf_path, pages=result.pages))
    return 0


def _font_map(option: Path | None) -> Path | None:
    """Return --font-map, else a project's fontmap.toml in the current folder, else None."""
    if option is not None:
        return option
    project = Path("fontmap.toml")
    return project if project.is_file() else None


def _pdf(args: argparse.Namespace) -> int:
    from reportgen.fonts import FontMap
    from reportgen.pipeline import docx_to_pdf

    fonts = FontMap.load(_font_map(args.font_map))
    result = docx_to_pdf(args.docx, args.output, fonts=fonts, strict=args.strict, engine=args.pdf_engine)
    if not args.quiet:
        _warn(args.docx, result.warnings)
        if result.substitutions:
            print(t("字体替代：") + "；".join(result.substitutions))
        print(t("已写出 {path}（{pages} 页）", path=result.pdf_path, pages=result.pages))
    return 0


def _repaired(repairs: list[Problem]) -> None:
    for repair in repairs:
        print(t("已自动修正：") + repair.format())


def _validate(args: argparse.Namespace) -> int:
    from reportgen.pipeline import StrictFailure, check_input
    from reportgen.template_check import check_template

    code = 0
    for path in args.inputs:
        try:
            report, warnings = check_input(path)
            if args.template is not None:
                checked = check_template(args.template, report.format)
                checked.raise_for_errors()
                warnings += [Problem(str(args.template), w.format()) for w in checked.warnings]
            if args.strict and warnings:
                raise StrictFailure(t("有警告（--strict 模式下视为错误）"), path=path, problems=warnings)
        except ReportgenError as exc:
            print(t("错误：") + exc.format_message(), file=sys.stderr)
            code = max(code, exc.exit_code)
            continue
        _warn(path, warnings)
        print(t("{path}：检查通过", path=path))
    return code


def _check_template(args: argparse.Namespace) -> int:
    from reportgen.model import MODELS
    from reportgen.pipeline import StrictFailure
    from reportgen.template_check import check_template

    report_format = args.format or (args.template.stem if args.template.stem in MODELS else "legacy")
    checked = check_template(args.template, report_format)
    _repaired([Problem(f"{args.template}: {r.location}", r.message) for r in checked.repairs])
    for warning in checked.warnings:
        print(f"{t('警告：')}{args.template}: {warning.format()}", file=sys.stderr)
    checked.raise_for_errors()
    if args.strict and checked.warnings:
        raise StrictFailure(t("有警告（--strict 模式下视为错误）"), path=args.template)
    print(t("{path}：检查通过（格式 {format}）", path=args.template, format=report_format))
    return 0


def _schema(args: argparse.Namespace) -> int:
    from reportgen.model import json_schema

    print(json.dumps(json_schema(args.format), ensure_ascii=False, indent=2))
    return 0


def _add_pdf_variant(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--pdf-variant",
        choices=("pdf/a-3b",),  # reportgen.pdf.PDF_VARIANTS, not imported: it loads WeasyPrint
        help=t("存档用 PDF/A-3b：标记结构，嵌入输入的 JSON 文件"),
    )


def _add_build_parser(commands: Any) -> None:
    build = commands.add_parser(
        "build",
        help=t("并行生成多份报告，写出清单 manifest.json"),
        description=t(
            "生成每个输入文件（文件夹则取其中的 *.json，默认 inputs/）的 .docx 和 .pdf，"
            "写出 DIR/manifest.json；某份报告失败不影响其他报告，有失败时退出码为 1。"
        ),
    )
    build.add_argument(
        "inputs", type=Path, nargs="*", metavar="INPUT_OR_DIR", help=t("输入文件或文件夹（默认 inputs/）")
    )
    build.add_argument("--jobs", "-j", type=int, metavar="N", help=t("同时运行的进程数（默认为 CPU 核数）"))
    _add_render_options(build)
    _add_pdf_variant(build)
    build.add_argument("-q", "--quiet", action="store_true", help=t("只显示错误"))


def _add_render_options(parser: argparse.ArgumentParser) -> None:
    """Add the options `render` and `build` share: output folder, template, font map, --strict."""
    parser.add_argument(
        "--out-dir", type=Path, default=Path("outputs"), metavar="DIR", help=t("输出文件夹（默认 outputs/）")
    )
    parser.add_argument(
        "--template", type=Path, metavar="PATH", help=t("Word 模板（默认 templates/<格式>.docx）")
    )
    parser.add_argument("--font-map", type=Path, metavar="TOML", help=t("覆盖默认字体映射的 TOML 文件"))
    parser.add_argument("--strict", action="store_true", help=t("有任何警告就失败，不写出文件"))


def _build(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
    from rich.table import Table

    from reportgen.build import BuildOptions, Outcome, build, collect_inputs, default_jobs

    if args.jobs is not None and args.jobs < 1:
        raise UsageError(t("--jobs 应为正整数"))
    inputs = collect_inputs(args.inputs or [Path("inputs")])
    options = BuildOptions(
        args.out_dir, args.template, _font_map(args.font_map), args.strict, args.pdf_variant
    )
    stderr = Console(stderr=True, highlight=False)
    # No refresh thread: the workers fork from this process and must not inherit a running thread.
    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=stderr,
        auto_refresh=False,
        transient=True,
        disable=args.quiet or not stderr.is_terminal,
    )
    task = bar.add_task(t("生成报告"), total=len(inputs))

    def emit(line: str) -> None:  # above the progress bar when it shows, plain text otherwise
        if bar.disable:
            print(line, file=sys.stderr)
        else:
            bar.console.print(line, markup=False, highlight=False, soft_wrap=True)

    shown: set[str] = set()
    repeated = 0

    def done(outcome: Outcome) -> None:
        nonlocal repeated
        if outcome.error:
            emit(t("错误：") + outcome.error)
        elif not args.quiet:
            for warning in outcome.warnings:  # the same font warning for 40 reports is shown once
                repeated += warning.format() in shown
                if warning.format() not in shown:
                    shown.add(warning.format())
                    emit(f"{t('警告：')}{outcome.input}: {warning.format()}")
        bar.advance(task)
        bar.refresh()

    try:
        with bar:
            result = build(inputs, options, args.jobs or default_jobs(), on_done=done)
    except KeyboardInterrupt:
        print(
            t("已中断：已完成的报告已写出，未完成的没有写出任何文件，也没有写出 manifest.json。"),
            file=sys.stderr,
        )
        return 130
    if not args.quiet:
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
    if repeated:
        print(t("另有 {n} 条警告与上面的相同（出自其他报告），不再重复显示", n=repeated), file=sys.stderr)
    if result.failed:
        print(t("失败的输入：") + "、".join(str(o.input) for o in result.failed), file=sys.stderr)
    return result.exit_code

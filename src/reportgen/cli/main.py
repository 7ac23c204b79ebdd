"""The command line: parse arguments, call the pipeline, print results and errors, return the exit code.

Language policy: every message is Chinese unless English is asked for (`--lang en` or
REPORTGEN_LANG=en); option and command names stay English. The language holds for one call of
`main()` only (`reportgen.i18n.use_language`). Only this package prints.
"""

from __future__ import annotations

import argparse
import gc
import json
import logging
import os
import sys
from pathlib import Path

from reportgen.cli.parser import build_parser, requested_language
from reportgen.errors import (
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    Problem,
    ReportgenError,
    StrictFailure,
    UsageError,
)
from reportgen.i18n import language, t, use_language


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; return the exit code (0 ok, 1 failed report, 2 bad usage, 70 bug, 130 interrupted).

    The message language (--lang, else the caller's) holds for this call only.
    """
    argv = sys.argv[1:] if argv is None else argv
    with use_language(requested_language(argv) or language()):
        return _main(argv)


def _main(argv: list[str]) -> int:
    # A render allocates many short-lived objects and no long-lived cycles: the cyclic collector
    # costs ~0.06 s of a 1 s run and frees nothing worth having (measured, bench/render.py).
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        args = build_parser().parse_args(argv)
        if args.command is None:
            build_parser().print_help(sys.stderr)
            return EXIT_USAGE
        commands = {
            "render": _render,
            "validate": _validate,
            "schema": _schema,
            "check-template": _check_template,
            "pdf": _pdf,
            "build": _build,
            "new": _new,
            "import": _import,
            "serve": _serve,
            "aggregate": _aggregate,
            "export": _export,
            "manifest": _manifest,
        }
        return commands[args.command](args)
    except ReportgenError as exc:
        print(t("错误：") + exc.format_message(), file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print(t("已中断；没有写出任何文件。"), file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as exc:  # the last line of defence: a bug must not greet users with a traceback
        if "REPORTGEN_DEBUG" in os.environ:
            raise
        message = t(
            "内部错误（{kind}）：{error}。这是 reportgen 的缺陷，请把这条信息和输入文件一起报告。",
            kind=type(exc).__name__,
            error=exc,
        )
        print(t("错误：") + message, file=sys.stderr)
        return EXIT_INTERNAL
    finally:
        if gc_was_enabled:
            gc.enable()


def _serve(args: argparse.Namespace) -> int:
    from reportgen.serve import LOOPBACK, is_loopback, prepare

    host = args.host or LOOPBACK
    server = prepare(args.folder, args.out_dir, host, args.port, language())
    if not is_loopback(host):
        print(t("警告：") + t("网页绑定在 {host}，网络上的其他电脑也能连上（仍需令牌）；只在可信的网络里这样做", host=host), file=sys.stderr)
    print(t("报告文件夹：{folder}", folder=server.folder.root))
    print(t("请在浏览器中打开：{address}", address=server.address))
    print(t("按 Ctrl-C 停止。"), flush=True)
    try:
        server.run()
    except KeyboardInterrupt:
        print(t("网页已停止。"), file=sys.stderr)
        return EXIT_INTERRUPTED
    return EXIT_OK


def _warn(source: Path, warnings: list[Problem]) -> None:
    for warning in warnings:
        print(t("警告：") + warning.format_in(source), file=sys.stderr)


def _render(args: argparse.Namespace) -> int:
    from reportgen.fonts import FontMap
    from reportgen.pipeline import render

    progress = logging.getLogger("reportgen.progress")
    handler, level = logging.StreamHandler(sys.stderr), progress.level
    if args.verbose:  # for this call only: a later main() in the same process is not verbose
        handler.setFormatter(logging.Formatter("%(message)s"))
        progress.addHandler(handler)
        progress.setLevel(logging.INFO)
    try:
        fonts = FontMap.load(_font_map(args.font_map))
        result = render(
            args.input,
            args.out_dir,
            args.template,
            fonts=fonts,
            strict=args.strict,
            engine=args.pdf_engine,
            pdf_variant=args.pdf_variant,
            images_dir=args.images_dir,
            previous=args.previous,
        )
    finally:
        if args.verbose:
            progress.removeHandler(handler)
            progress.setLevel(level)
    if not args.quiet:
        _warn(args.input, result.warnings)
        if args.verbose:
            _repaired(result.repairs)
        if result.substitutions:
            print(t("字体替代：") + "；".join(result.substitutions))
        print(t("已写出 {path}", path=result.docx_path))
        print(t("已写出 {path}（{pages} 页）", path=result.pdf_path, pages=result.pages))
    return EXIT_OK


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
    return EXIT_OK


def _repaired(repairs: list[Problem]) -> None:
    for repair in repairs:
        print(t("已自动修正：") + repair.format())


def _validate(args: argparse.Namespace) -> int:
    from reportgen.pipeline import against_previous, check_input

    code = 0
    for path in args.inputs:
        try:
            checked_input = check_input(path, args.images_dir)
            report, warnings = checked_input.value, checked_input.warnings
            warnings += against_previous(report, path, args.previous, args.images_dir).warnings
            if args.template is not None:
                from reportgen.template import check_template  # docxtpl, Jinja2: only for --template

                checked = check_template(args.template, report.format)
                checked.raise_for_errors()
                warnings += [warning.in_file(args.template) for warning in checked.warnings]
            if args.strict and warnings:
                raise StrictFailure(t("有警告（--strict 模式下视为错误）"), path=path, problems=warnings)
        except ReportgenError as exc:
            print(t("错误：") + exc.format_message(), file=sys.stderr)
            code = max(code, exc.exit_code)
            continue
        _warn(path, warnings)
        print(t("{path}：检查通过", path=path))
    return code


def _new(args: argparse.Namespace) -> int:
    from reportgen.pipeline import new_year

    made = new_year(args.source, args.output, force=args.force)
    print(t("已写出 {path}", path=made.value))
    if made.warnings:
        print(
            t("待填写 {count} 处；用 reportgen validate {path} 列出", count=len(made.warnings), path=made.value)
        )
    return EXIT_OK


def _import(args: argparse.Namespace) -> int:
    from reportgen.importer import import_report

    made = import_report(args.report, args.output, force=args.force)
    _warn(args.report, made.warnings)
    print(t("已写出 {path}", path=made.value))
    if made.warnings:
        print(t("有 {count} 处要核对（见上面的警告）；改好后用 reportgen validate {path} 检查", count=len(made.warnings), path=made.value))
    return EXIT_OK


def _check_template(args: argparse.Namespace) -> int:
    from reportgen.input import MODELS
    from reportgen.template import check_template

    report_format = args.format or (args.template.stem if args.template.stem in MODELS else "legacy")
    checked = check_template(args.template, report_format)
    _repaired([repair.in_file(args.template) for repair in checked.repairs])
    for warning in checked.warnings:
        print(t("警告：") + warning.format_in(args.template), file=sys.stderr)
    checked.raise_for_errors()
    if args.strict and checked.warnings:
        raise StrictFailure(t("有警告（--strict 模式下视为错误）"), path=args.template)
    print(t("{path}：检查通过（格式 {format}）", path=args.template, format=report_format))
    return EXIT_OK


def _schema(args: argparse.Namespace) -> int:
    from reportgen.input import json_schema

    print(json.dumps(json_schema(args.format), ensure_ascii=False, indent=2))
    return EXIT_OK


def _build(args: argparse.Namespace) -> int:
    from reportgen.build import BuildOptions, build, collect_inputs, default_jobs
    from reportgen.cli.dashboard import Dashboard
    from reportgen.manifest import Shard

    if args.jobs is not None and args.jobs < 1:
        raise UsageError(t("--jobs 应为正整数"))
    shard = Shard.parse(args.shard) if args.shard is not None else None
    inputs = collect_inputs(args.inputs or [Path("inputs")])
    options = BuildOptions(
        args.out_dir, args.template, _font_map(args.font_map), args.strict, args.pdf_variant, args.images_dir
    )
    dashboard = Dashboard(len(shard.select(inputs) if shard else inputs), quiet=args.quiet)
    try:
        with dashboard:
            result = build(inputs, options, args.jobs or default_jobs(), on_done=dashboard.done, shard=shard)
    except KeyboardInterrupt:
        print(
            t("已中断：已完成的报告已写出，未完成的没有写出任何文件，也没有写出 manifest.json。"),
            file=sys.stderr,
        )
        return EXIT_INTERRUPTED
    dashboard.summary(result)
    return result.exit_code


def _aggregate(args: argparse.Namespace) -> int:
    from reportgen.aggregate import aggregate

    made = aggregate(args.units, args.issuer, args.year, args.output, force=args.force)
    for warning in made.warnings:
        print(t("警告：") + warning.format(), file=sys.stderr)
    done = made.value
    print(t("已汇总 {count} 个单位的统计表", count=len(done.units)))
    print(t("已写出 {path}", path=done.output))
    print(t("已写出 {path}", path=done.side_file))
    if done.to_fill:
        count = len(done.to_fill)
        print(t("待填写 {count} 处；用 reportgen validate {path} 列出", count=count, path=done.output))
    return EXIT_OK


def _export(args: argparse.Namespace) -> int:
    from reportgen.export import export

    made = export(args.input, args.output)
    _warn(args.input, made.warnings)
    print(t("已写出 {path}", path=made.value))
    return EXIT_OK


def _manifest(args: argparse.Namespace) -> int:
    from reportgen.manifest import merge
    from reportgen.output import check_writable, write_all

    text = merge(args.manifests)
    check_writable(args.output.parent)
    write_all({args.output: text.encode("utf-8")})
    print(t("已写出 {path}", path=args.output))
    return EXIT_OK

"""The command line: parse arguments, call the pipeline, print results and errors, return the exit code.

Language policy: every message is Chinese (office staff are the users); option names stay English.
"""

from __future__ import annotations

import argparse
import gc
import logging
import sys
from pathlib import Path

from reportgen import __version__
from reportgen.errors import ReportgenError, UsageError


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"命令行有误：{message}（用 --help 查看用法）")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="reportgen",
        description="政府信息公开工作年度报告：由一个 JSON 文件生成 Word（.docx）和发布用 PDF。",
    )
    parser.add_argument("--version", action="version", version=f"reportgen {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    render = commands.add_parser(
        "render",
        help="生成 .docx 和 .pdf",
        description="检查 INPUT，填写模板，写出 DIR/名称.docx 和 DIR/名称.pdf。",
    )
    render.add_argument("input", type=Path, metavar="INPUT", help="输入文件，例如 inputs/2015.json")
    render.add_argument(
        "--out-dir", type=Path, default=Path("outputs"), metavar="DIR", help="输出文件夹（默认 outputs/）"
    )
    render.add_argument(
        "--template", type=Path, metavar="PATH", help="Word 模板（默认 templates/<格式>.docx）"
    )
    render.add_argument("--font-map", type=Path, metavar="TOML", help="覆盖默认字体映射的 TOML 文件")
    render.add_argument("--strict", action="store_true", help="有任何警告就失败，不写出文件")
    render.add_argument("-v", "--verbose", action="store_true", help="显示每一步")
    render.add_argument("-q", "--quiet", action="store_true", help="只显示错误")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; return the exit code (0 ok, 1 failed report, 2 bad usage, 130 interrupted)."""
    # A render allocates many short-lived objects and no long-lived cycles: the cyclic collector
    # costs ~0.1 s of a 1 s run and frees nothing worth having (measured, bench/render.py).
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        args = build_parser().parse_args(argv)
        if args.command is None:
            build_parser().print_help()
            return 2
        return _render(args)
    except ReportgenError as exc:
        print(f"错误：{exc.format_message()}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("已中断；没有写出任何文件。", file=sys.stderr)
        return 130
    finally:
        if gc_was_enabled:
            gc.enable()


def _render(args: argparse.Namespace) -> int:
    from reportgen.fonts import FontMap
    from reportgen.pipeline import render

    progress = logging.getLogger("reportgen.progress")
    if args.verbose:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(message)s"))
        progress.addHandler(handler)
        progress.setLevel(logging.INFO)
    fonts = FontMap.load(args.font_map)
    result = render(args.input, args.out_dir, args.template, fonts=fonts, strict=args.strict)
    if not args.quiet:
        for warning in result.warnings:
            print(f"警告：{args.input}: {warning.format()}", file=sys.stderr)
        if result.substitutions:
            print("字体替代：" + "；".join(result.substitutions))
        print(f"已写出 {result.docx_path}")
        print(f"已写出 {result.pdf_path}（{result.pages} 页）")
    return 0

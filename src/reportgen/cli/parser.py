"""The argument parser: commands, options and their help, argparse's own messages in Chinese.

Messages are made in the current language (`reportgen.i18n`), so build the parser inside the
caller's `use_language()`.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path
from typing import Any

from reportgen import __version__
from reportgen.errors import UsageError
from reportgen.i18n import language, t


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
    _add_previous(render)
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
    _add_images_dir(validate)
    _add_previous(validate)

    new = commands.add_parser(
        "new",
        help=t("由上年的输入文件生成下一年的输入文件"),
        description=t(
            "由上年的输入文件生成下一年的：年度加 1，保留发布机关、各部分标题、小标题和落款机关；"
            "“二、上年结转”取上年的“四、结转下年度继续办理”，其他数字留空（null），正文留空，"
            "待填写的内容由 reportgen validate 列出。已有同名文件时不覆盖（退出码 2），除非加 --force。"
        ),
    )
    new.add_argument(
        "--from", dest="source", type=Path, required=True, metavar="LAST_YEAR.json", help=t("上年的输入文件")
    )
    new.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="NEXT_YEAR.json",
        help=t("输出文件（默认把文件名中的年份加 1，例如 2024.json → 2025.json；没有年份时为 名称-年份.json）"),
    )
    new.add_argument("--force", action="store_true", help=t("覆盖已有的输出文件"))

    imp = commands.add_parser(
        "import",
        help=t("由已发布的报告（.docx 或网页）生成输入文件"),
        description=t(
            "读取已发布的 national-2021 或 national-2019 格式报告（reportgen 生成的或办公室自己排版的 .docx，"
            "或政府网站发布的 .html 网页），写出输入文件：标题中的发布机关和年度、六个部分的正文和小节、"
            "三张统计表（按行和列的标签对应）、落款。不能确定的数字不猜，留空（null）并给出警告，写明位置。"
            "已有同名文件时不覆盖（退出码 2），除非加 --force。"
        ),
    )
    imp.add_argument("report", type=Path, metavar="REPORT", help=t("已发布的报告：.docx 或 .html"))
    imp.add_argument(
        "-o", "--output", type=Path, metavar="FILE.json", help=t("输出文件（默认与报告同名同目录，扩展名 .json）")
    )
    imp.add_argument("--force", action="store_true", help=t("覆盖已有的输出文件"))

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
    _add_serve_parser(commands)
    _add_cycle_parsers(commands)
    return parser


def _formats() -> list[str]:
    from reportgen.input import MODELS

    return list(MODELS)


def _add_serve_parser(commands: Any) -> None:
    serve = commands.add_parser(
        "serve",
        help=t("打开网页：在浏览器中填写报告，实时检查和预览"),
        description=t(
            "在本机提供一个网页，列出 DIR 中的报告（默认 inputs/），在浏览器中填写、检查、预览和保存；"
            "只监听本机地址 127.0.0.1，打印的地址含一次性令牌。按 Ctrl-C 停止。"
        ),
    )
    serve.add_argument(
        "folder", type=Path, nargs="?", default=Path("inputs"), metavar="DIR", help=t("报告文件夹（默认 inputs/）")
    )
    serve.add_argument("--port", type=int, default=8765, metavar="N", help=t("端口（默认 8765；0 表示任选一个空闲端口）"))
    serve.add_argument(
        "--host", metavar="ADDRESS", help=t("监听的地址（默认 127.0.0.1，只有本机能访问）；其他地址会打印警告")
    )
    serve.add_argument(
        "--out-dir", type=Path, default=Path("outputs"), metavar="DIR", help=t("“生成”按钮写出文件的文件夹（默认 outputs/）")
    )


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
    build.add_argument(
        "--shard",
        metavar="K/N",
        help=t(
            "只生成输入的第 K 份（共 N 份，按相对路径排序后轮流分配），清单写为 manifest.K-of-N.json；"
            "用 reportgen manifest merge 合并"
        ),
    )
    build.add_argument("-q", "--quiet", action="store_true", help=t("只显示错误"))


def _add_cycle_parsers(commands: Any) -> None:
    """Add `aggregate`, `export` and `manifest merge`."""
    aggregate = commands.add_parser(
        "aggregate",
        help=t("把各单位的输入文件汇总为一份（统计表逐格相加）"),
        description=t(
            "检查每个单位的输入文件，把三张统计表逐格相加，写出汇总的输入文件（记录各单位文件及其 SHA-256，"
            "正文留空、保留各单位共同的小标题）和旁边的 名称.units.md（各单位的正文，按部分排列，供编写参考）。"
            "各单位须为同一格式、--year 年度。已有同名文件时不覆盖（退出码 2），除非加 --force。"
        ),
    )
    aggregate.add_argument("units", type=Path, nargs="+", metavar="UNIT.json", help=t("各单位的输入文件"))
    aggregate.add_argument("--issuer", required=True, metavar="NAME", help=t("汇总报告的发布机关"))
    aggregate.add_argument(
        "--year", required=True, type=int, metavar="YEAR", help=t("报告年度，须与各单位的相同")
    )
    aggregate.add_argument(
        "-o", "--output", type=Path, required=True, metavar="FILE.json", help=t("汇总的输入文件")
    )
    aggregate.add_argument("--force", action="store_true", help=t("覆盖已有的输出文件"))

    export = commands.add_parser(
        "export",
        help=t("把三张统计表导出为 Excel（.xlsx）或 CSV"),
        description=t(
            "检查 FILE.json，把三张统计表按规定的行列名称导出：.xlsx 每张表一个工作表，合并单元格与印出的表格相同；"
            ".csv 为一个文件，每个数字一行（发布机关、年度、表格、行、列、数值、字段），UTF-8 带 BOM。"
        ),
    )
    export.add_argument("input", type=Path, metavar="FILE.json", help=t("输入文件"))
    export.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="TABLES.xlsx|.csv",
        help=t("输出文件，按扩展名选择格式（默认与输入同名的 .xlsx）"),
    )

    manifest = commands.add_parser(
        "manifest",
        help=t("处理 build 写出的清单"),
        description=t("处理 reportgen build 写出的清单（manifest.json）。"),
    )
    actions = manifest.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser, title=t("命令"))
    actions.required = True
    merge = actions.add_parser(
        "merge",
        help=t("把各分片的清单合并为一份"),
        description=t(
            "把 reportgen build --shard K/N 写出的各分片清单合并为整体生成时的 manifest.json；"
            "分片不全、重复、设置不同或有重叠时报错。"
        ),
    )
    merge.add_argument("manifests", type=Path, nargs="+", metavar="MANIFEST.json", help=t("各分片的清单"))
    merge.add_argument(
        "-o", "--output", type=Path, required=True, metavar="manifest.json", help=t("合并后的清单")
    )


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
    _add_images_dir(parser)


def _add_previous(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--previous",
        type=Path,
        metavar="LAST_YEAR.json",
        help=t("上年的输入文件：核对“二、上年结转”等于上年的“四、结转下年度继续办理”，模板可用上年数据 prev"),
    )


def _add_images_dir(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--images-dir",
        type=Path,
        metavar="DIR",
        help=t("图片也可以放在这个文件夹里（默认只能在输入文件所在的文件夹里）"),
    )


def requested_language(argv: list[str]) -> str | None:
    """Return the value of --lang in `argv` (read before parsing: the parser speaks that language)."""
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith("--lang="):
            return arg.removeprefix("--lang=")
    return None

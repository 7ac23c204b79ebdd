"""Message language: Chinese by default, English on request (`--lang en` or REPORTGEN_LANG=en).

Every user-facing message is written in Chinese at its source and passed through `t()`; the
English catalogue below is keyed by the Chinese template. tests/test_robustness.py fails when a
message has no English entry, so the two cannot drift apart; tests/test_i18n.py fails when an
English entry prints a value its Chinese source does not, or says "1 problems".

The language belongs to the caller, not to the process: it is a context variable, set for a
stretch of code by `with use_language("en"):` and restored on leaving it, so one command (or one
request of a server thread) cannot leak its language into the next. A new thread starts with
the default (REPORTGEN_LANG, else Chinese); worker processes are handed the caller's language.

Plurals: Chinese needs none. An English entry chooses a word by a number with the format spec
`{n:one|other}`: "{count} {count:problem|problems}" says "1 problem" and "2 problems".
"""

from __future__ import annotations

import os
import string
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

LANGUAGES = ("zh", "en")


def _normalise(language: str) -> str:
    return "en" if language.lower().startswith("en") else "zh"


DEFAULT_LANGUAGE = _normalise(os.environ.get("REPORTGEN_LANG", ""))
"""The language of a thread that chose none: REPORTGEN_LANG when it starts with "en", else Chinese."""

_LANGUAGE: ContextVar[str] = ContextVar("reportgen_language", default=DEFAULT_LANGUAGE)


def language() -> str:
    """Return the language of messages created now ('zh' or 'en')."""
    return _LANGUAGE.get()


@contextmanager
def use_language(language: str) -> Iterator[str]:
    """Create messages in `language` ('zh' or 'en') inside the block; restore the caller's on leaving it."""
    token = _LANGUAGE.set(_normalise(language))
    try:
        yield _LANGUAGE.get()
    finally:
        _LANGUAGE.reset(token)


def set_language(language: str) -> None:
    """Choose the language of messages from now on in the current context (thread, or a worker process).

    Kept for compatibility and for worker processes; code serving a caller uses `use_language()`,
    which cannot leak into the next caller.
    """
    _LANGUAGE.set(_normalise(language))


class _English(string.Formatter):
    """str.format, plus the plural spec `{n:one|other}`: `one` when n is 1, else `other`."""

    def format_field(self, value: object, format_spec: str) -> str:
        if "|" in format_spec:
            one, _, other = format_spec.partition("|")
            return one if value == 1 else other
        formatted: str = super().format_field(value, format_spec)
        return formatted


_ENGLISH = _English()


def t(template: str, /, **values: object) -> str:
    """Return the message `template` (Chinese source text) in the current language, filled."""
    if _LANGUAGE.get() == "en":
        return _ENGLISH.format(EN.get(template, template), **values)
    return template.format(**values)


EN: dict[str, str] = {
    # files and JSON syntax (input/load.py)
    "找不到输入文件": "input file not found",
    "无法读取输入文件（{reason}）": "cannot read the input file ({reason})",
    "文件是空的": "the file is empty",
    "文件太大（{size} MB，上限 {limit} MB）": "the file is too large ({size} MB, limit {limit} MB)",
    "这不是文本文件（含有 NUL 字节，可能是 Word 或 Excel 文件）": "this is not a text file (it contains NUL bytes: a Word or Excel file?)",
    "文件的编码既不是 UTF-8 也不是 GBK/GB18030（第 {offset} 个字节无法解码）；"
    "请在记事本或 WPS 中“另存为”，编码选 UTF-8": "the file is neither UTF-8 nor GBK/GB18030 (byte {offset} cannot be decoded); "
    "open it in Notepad or WPS and “Save as” with encoding UTF-8",
    "文件是 {encoding} 编码，已按 {encoding} 读取；建议“另存为”UTF-8": "the file is {encoding}-encoded and was read as such; better save it as UTF-8",
    "JSON 格式错误": "JSON syntax error",
    "第 {line} 行第 {column} 列": "line {line}, column {column}",
    "嵌套层数过深（超过 {limit} 层）": "nested too deeply (more than {limit} {limit:level|levels})",
    "最后一项后面多了逗号，请删去这个逗号": "a comma after the last item: delete it",
    "字段名要用英文双引号括起": "a field name must be in straight double quotes",
    '这里用了中文引号“”，JSON 只认英文双引号 "': 'Chinese quotes “” used here: JSON needs straight quotes "',
    "这里用了单引号 '，JSON 只认英文双引号 \"": "single quote ' used here: JSON needs straight double quotes \"",
    "JSON 不允许注释（// 或 /* */）": "JSON does not allow comments (// or /* */)",
    "数字用了全角字符“{char}”，请改为半角数字": "full-width digit “{char}” in a number: use ASCII digits",
    "这里缺少一个值（文字要加英文双引号，数字直接写）": "a value is missing here (text in double quotes, numbers bare)",
    "这里用了中文逗号“，”，JSON 只认英文逗号 ,": "Chinese comma “，” used here: JSON needs ,",
    "这里用了中文冒号“：”，JSON 只认英文冒号 :": "Chinese colon “：” used here: JSON needs :",
    "上一项后面缺少逗号": "a comma is missing after the previous item",
    "字段名后面缺少冒号": "a colon is missing after the field name",
    "文字缺少结尾的英文双引号": "the text has no closing double quote",
    "文字中不能直接换行或含控制字符；换行请写成 \\n": "text cannot contain a raw line break or control character; write a line break as \\n",
    "JSON 在这里已经结束，后面还有多余的内容（多了括号，或少了开头的括号？）": "the JSON ended before this point and more follows (an extra bracket, or a missing opening one?)",
    "无效的转义符：反斜杠 \\ 要写成 \\\\": "invalid escape: write a backslash \\ as \\\\",
    "文件在这里意外结束：缺少结尾的 }} 或 ]（文件可能不完整）": "the file ends unexpectedly: a closing }} or ] is missing (is the file complete?)",
    # validation (input/validate.py)
    "输入有误（{count} 处）": "invalid input ({count} {count:problem|problems})",
    "应为一个对象（{{…}}），实际是{kind}": "expected an object ({{…}}), got {kind}",
    "列表": "a list",
    "文字": "text",
    "数字": "a number",
    "true/false": "true/false",
    "null": "null",
    "缺少此项；应为 {known} 之一": "missing; expected one of {known}",
    "不认识的格式 {value!r}；应为 {known} 之一": "unknown format {value!r}; expected one of {known}",
    "不认识的字段": "unknown field",
    "不认识的字段；是不是 “{name}”？": "unknown field; did you mean “{name}”?",
    "缺少此项（必填）": "missing (required)",
    "应为文字（用英文双引号括起）": "expected text (in double quotes)",
    "不能为空": "must not be empty",
    "太长（{length} 字，最多 {limit} 字）": "too long ({length} {length:character|characters}, at most {limit})",
    "应为整数": "expected a whole number",
    "应为整数，不能有小数": "expected a whole number, without decimals",
    "应为数字": "expected a number",
    '数字不要加引号：写成 {value}，不是 "{value}"': 'do not quote numbers: write {value}, not "{value}"',
    '应为半角数字：写成 {value}，不是 "{raw}"': 'use ASCII digits: write {value}, not "{raw}"',
    "应为 true 或 false": "expected true or false",
    "应为列表（[…]）": "expected a list ([…])",
    "应为对象（{{…}}）": "expected an object ({{…}})",
    "应为日期，格式 YYYY-MM-DD": "expected a date as YYYY-MM-DD",
    "不能小于 {limit}": "must not be less than {limit}",
    "不能大于 {limit}": "must not be greater than {limit}",
    "应大于 {limit}": "must be greater than {limit}",
    "应小于 {limit}": "must be less than {limit}",
    "至少需要 {count} 项": "needs at least {count} {count:item|items}",
    "应为 {expected}": "expected {expected}",
    "应为一段文字、一个小节（含 title）或一张图片（含 image）": "expected a paragraph (text), a subsection (with title) or an image (with image)",
    "找不到图片文件 {name}": "image file {name} not found",
    "应为 {expected} 个数字（{labels}），实际是 {actual} 个": "expected {expected} {expected:number|numbers} ({labels}), got {actual}",
    "应为数字；没有就写 0": "expected a number; write 0 for none",
    "应为一行 7 个数字（[…] 或 {{…}}），或三个子行（{{…}}）": "expected one row of 7 numbers ([…] or {{…}}) or the three sub-rows ({{…}})",
    "2019 年试行格式的（六）其他处理只有一行，不分子行：写 7 个数字（自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他、总计）": "in the 2019 trial format （六）其他处理 is one row without sub-rows: write 7 numbers (自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他、总计)",
    # arithmetic (input/checks.py)
    "{detail}（已确认：{reason}）": "{detail} (acknowledged: {reason})",
    "没有编号为 {check} 的检查": "there is no check {check}",
    "检查 {check} 并没有失败，可以删去这条确认": "check {check} does not fail; this acknowledgement can go",
    "没有编号以 {prefix} 开头的检查": "there is no check whose id begins with {prefix}",
    "没有失败的检查符合 {check}，可以删去这条确认": "no failing check matches {check}; this acknowledgement can go",
    "空": "blank",
    "{title}：{count} 个空白单元格，印为空白、按 0 计算：{cells}": "{title}: {count} blank {count:cell|cells}, printed blank and counted as 0: {cells}",
    "内容空白，待填写": "empty: still to be written",
    "小节“{title}”的正文空白，待填写": "the text of sub-section “{title}” is empty: still to be written",
    "落款日期空白，待填写": "the signature date is blank: still to be filled in",
    # the annual cycle (input/cycle.py, reportgen new, --previous)
    "--previous 只用于有统计表的格式（national-2019、national-2021）": "--previous applies only to the formats with tables (national-2019, national-2021)",
    "上年的文件是 {found} 年度的，应为 {expected} 年度": "last year's file is for {found}; expected {expected}",
    "{column}：本年“二、上年结转”为 {current}，上年 {previous_file} 的“四、结转下年度继续办理”为 {last}，两者应相等 [Y.carried_over.{id}]": "{column}: this year's 二、上年结转 is {current}, last year's 四、结转下年度继续办理 in {previous_file} is {last}; they should be equal [Y.carried_over.{id}]",
    "文件已存在，不覆盖；要覆盖请加 --force": "the file exists and is not overwritten; add --force to overwrite it",
    "由上年的输入文件生成下一年的输入文件": "make next year's input file from last year's",
    "由上年的输入文件生成下一年的：年度加 1，保留发布机关、各部分标题、小标题和落款机关；“二、上年结转”取上年的“四、结转下年度继续办理”，其他数字留空（null），正文留空，待填写的内容由 reportgen validate 列出。已有同名文件时不覆盖（退出码 2），除非加 --force。": "make next year's input from last year's: the year plus 1, the issuer, the headings, sub-section titles and the signing body kept; 二、上年结转 taken from last year's 四、结转下年度继续办理, every other figure blank (null), the prose empty; reportgen validate lists what is still to be filled. An existing file is not overwritten (exit code 2) unless --force is given.",
    "上年的输入文件": "last year's input file",
    "输出文件（默认把文件名中的年份加 1，例如 2024.json → 2025.json；没有年份时为 名称-年份.json）": "the output file (default: the year in the name plus 1, e.g. 2024.json → 2025.json; without a year NAME-YEAR.json)",
    "覆盖已有的输出文件": "overwrite an existing output file",
    "上年的输入文件：核对“二、上年结转”等于上年的“四、结转下年度继续办理”，模板可用上年数据 prev": "last year's input file: check that 二、上年结转 equals last year's 四、结转下年度继续办理; templates get last year's tables as prev",
    "待填写 {count} 处；用 reportgen validate {path} 列出": "{count} {count:item|items} still to be filled; reportgen validate {path} lists them",
    "字段“{key}”重复出现；只能写一次": "field “{key}” appears more than once; write it once",
    "{value} 不是有效的数字（JSON 不允许 NaN 和 Infinity）": "{value} is not a valid number (JSON allows neither NaN nor Infinity)",
    "数字的位数太多（{digits} 位，上限 {limit} 位）": "a number with too many digits ({digits}, at most {limit})",
    "删除了不可见的控制字符 {chars}（第 {positions} 个字）": "removed invisible control {kinds:character|characters} {chars} (at {places:character|characters} {positions})",
    # templates (template/fill_docx.py, pipeline.py)
    "找不到模板文件": "template file not found",
    "模板不是有效的 Word（.docx）文件，或文件已损坏": "the template is not a valid Word (.docx) file, or it is damaged",
    "模板语法错误": "template syntax error",
    "模板使用了输入中没有的变量": "the template uses a variable the input does not provide",
    "模板试图访问不允许的内容（模板在沙箱中运行）": "the template tried to reach something not allowed (templates run in a sandbox)",
    "（在“{text}”附近）": " (near “{text}”)",
    "找不到格式 {format} 的默认模板 templates/{format}.docx；请用 --template 指定": "no default template templates/{format}.docx for format {format}; use --template",
    # the title's lines (template/title.py)
    "标题的这一行太长（约 {ems:g} 字，一行只容 {capacity} 字），又没有合适的断行处"
    "（发布机关之后、“年度报告”之前）：“{line}”；Word 会在行末任意处折行，"
    "请在 title_lines 里自己分行": "this title line is too long (about {ems:g} {ems:character|characters}; a line holds {capacity}) "
    "and has no good place to break (after the issuer, before “年度报告”): “{line}”; Word will wrap it "
    "wherever the line is full: split it yourself in title_lines",
    # template check (template/check.py, template/scan.py, template/names.py)
    "模板有误（{count} 处）": "the template has {count} {count:error|errors}",
    "模板语法错误：{detail}": "template syntax error: {detail}",
    "模板使用了输入中没有的变量 {name}": "the template uses {name}, which the input does not provide",
    "；是不是 {name}？": "; did you mean {name}?",
    "没有名为 {name} 的过滤器": "there is no filter named {name}",
    "标记 {tag} 没有结束：缺少 {close}（一个标记要写在同一段里）": "tag {tag} is not closed: {close} is missing (a tag must be within one paragraph)",
    "多了 {close}，或者前面少了 {open}": "a stray {close}, or a missing {open} before it",
    "{tag} 要独占一段：本段的其他文字“{text}”在生成时会被删掉": "{tag} must be alone in its paragraph: the paragraph's other text “{text}” would be deleted",
    "一段里有 {count} 个段落标记（{tags}）：每个要独占一段": "{count} paragraph {count:tag|tags} in one paragraph ({tags}): each needs a paragraph of its own",
    "带 {prefix} 的标记 {tag} 里不能有“}}”或“%”（先在单独一段用 {{% set 名字 = … %}} 算好）": "tag {tag} with {prefix} cannot contain “}}” or “%” (compute the value first with {{% set name = … %}} in a paragraph of its own)",
    "一行": "row",
    "一格": "cell",
    "{tag} 只能写在表格里（它控制表格的{unit}）": "{tag} belongs in a table (it controls a table {unit})",
    "{tag} 要独占表格的{unit}：其他文字“{text}”在生成时会被删掉": "{tag} must be alone in its table {unit}: the other text “{text}” would be deleted",
    "{tag} 前面没有对应的 {opener}": "{tag} has no {opener} before it",
    "{tag} 与{place}的 {other} 不配对": "{tag} does not match {other} at {place}",
    "{tag} 与{place}的 {other} 要用同一种写法（都带 p、都带 tr，或都不带）": "{tag} and {other} at {place} must be of the same kind (both with p, both with tr, or both plain)",
    "{tag} 与{place}的 {other} 要在同一处（同在正文里，或同在表格的同一格）": "{tag} and {other} at {place} must be in the same place (both in the body, or both in the same table cell)",
    "{tag} 没有对应的 {closer}": "{tag} has no matching {closer}",
    "模板不能引用其他文件（include、import、extends）：模板只能使用报告数据": "a template cannot use other files (include, import, extends): only the report's data",
    "模板试图访问 Python 内部属性 {name}：模板在沙箱中运行，不允许这样做": "the template tries to reach the Python internal {name}: templates run in a sandbox, this is not allowed",
    "模板没有用到 {name}{title}：输入中的这项内容不会印出": "the template never uses {name}{title}: this part of the input is not printed",
    "已把标记 {tag} 中的中文引号改为英文引号": "smart quotes in tag {tag} replaced by straight quotes",
    "已把标记 {tag} 中的全角字符（括号、百分号、空格等）改为半角": "full-width characters (braces, percent signs, spaces, ...) in tag {tag} replaced by ASCII",
    "标记 {tag} 的各部分格式不同，已合并，按“{name}”的格式印出": "tag {tag} was split into differently formatted pieces; merged, printed in the format of “{name}”",
    "脚注": "footnote",
    "（“{text}”）": " (“{text}”)",
    "第 {n} 条": " {n}",
    # filters (filters.py)
    "过滤器 {name} 需要一个数字，得到的是“{value}”": "filter {name} needs a number, got “{value}”",
    "过滤器 {name} 需要一个整数，得到的是“{value}”": "filter {name} needs a whole number, got “{value}”",
    "过滤器 {name} 需要一个日期（YYYY-MM-DD），得到的是“{value}”": "filter {name} needs a date (YYYY-MM-DD), got “{value}”",
    # limits and hostile files (limits.py, pictures.py, docx/package.py, template/budget.py, sandbox.py)
    "用时超过上限 {limit} 秒": "took longer than the limit of {limit} seconds",
    "超出限制": "over a limit",
    "超过 {limit} 页的上限": "more pages than the limit of {limit}",
    "PDF 第 {page} 页": "PDF page {page}",
    "模板超出限制": "the template goes over a limit",
    "（在 {part} 中）": " (in {part})",
    "数字超过 {limit} 位": "a number of more than {limit} digits",
    "图片 {name} 是链接（符号链接）：不允许，请放入图片文件本身": "picture {name} is a link (symlink): not allowed; put the picture file itself there",
    "模板填写失败": "filling the template failed",
    "Word 文件超出限制": "the Word file goes over a limit",
    "循环、调用和过滤器共超过 {limit} 步的上限": "more than the limit of {limit} loop iterations, calls and filters",
    "调用嵌套超过 {limit} 层的上限（宏或循环在递归调用自己？）": "calls nested deeper than the limit of {limit} (a macro or loop calling itself?)",
    "要生成的文字或列表长 {size}，上限 {limit}": "a text or list of length {size} would be made; the limit is {limit}",
    "模板生成的文字共超过 {limit} 个字符的上限": "the template makes more text than the limit allows (in characters: {limit})",
    "整数将有约 {digits} 位，上限 {limit} 位": "an integer of about {digits} digits would be made; the limit is {limit}",
    "图片文件 {size} MB，上限 {limit} MB": "the picture file is {size} MB; the limit is {limit} MB",
    "图片有 {width} × {height} 像素，上限 {limit} 像素": "the picture has {width} × {height} pixels; the limit is {limit}",
    "图片 {name} 不在输入文件所在的文件夹里（其他文件夹中的图片请用 --images-dir 指定）": "picture {name} is not in the input file's folder (name another folder with --images-dir)",
    "图片 {name} 既不在输入文件所在的文件夹里，也不在 --images-dir {folder} 里": "picture {name} is neither in the input file's folder nor in --images-dir {folder}",
    "图片 {name} 经过链接（符号链接）{link}：不允许": "picture {name} is reached through the link (symlink) {link}: not allowed",
    "图片 {name} 不是普通文件": "picture {name} is not a regular file",
    "不是普通文件": "not a regular file",
    "{name} 不是可用的图片（{kinds}）": "{name} is not a picture that can be used ({kinds})",
    "无法读取图片文件 {name}（{reason}）": "cannot read the picture file {name} ({reason})",
    "无法读取图片文件（{reason}）": "cannot read the picture file ({reason})",
    "图片 {name} 不是 {kinds} 图片，已略过": "picture {name} is not a {kinds} picture; skipped",
    "{where}的图片 {name}": "{where}, picture {name}",
    "超链接地址 {url} 不是网址或邮件地址，只保留文字": "hyperlink address {url} is neither a web nor a mail address; only its text is kept",
    "有 {count} 个文件，上限 {limit} 个": "holds {count} {count:file|files}; the limit is {limit}",
    "文件 {size} MB，上限 {limit} MB": "the file is {size} MB; the limit is {limit} MB",
    "解压后超过 {limit} MB 的上限": "unpacks to more than the limit of {limit} MB",
    "XML 部件解压后 {size} MB，上限 {limit} MB": "the XML part unpacks to {size} MB; the limit is {limit} MB",
    "压缩比 {ratio}:1，上限 {limit}:1（像是“zip 炸弹”）": "compression ratio {ratio}:1, the limit is {limit}:1 (a “zip bomb”?)",
    "文件已加密，无法读取": "the file is encrypted and cannot be read",
    "不支持的压缩方式 {method}": "unsupported compression method {method}",
    "zip 中的这个文件已损坏（{error}）": "this file in the zip is damaged ({error})",
    "XML 格式错误：{error}": "XML syntax error: {error}",
    "含有 DTD（<!DOCTYPE …>，可以声明实体）：Word 文件里不会有，出于安全不予读取": "holds a DTD (<!DOCTYPE …>, which can declare entities): Word never writes one, so it is not read, for safety",
    "关系 {id}（{kind}）指向文件之外的 {target}：只有超链接和链接的图片可以在文件之外": "relationship {id} ({kind}) points outside the file, to {target}: only hyperlinks and linked pictures may",
    "有多个 {kind} 部件，不知道用哪一个": "there are several {kind} parts; which one is meant is unknown",
    "图片也可以放在这个文件夹里（默认只能在输入文件所在的文件夹里）": "pictures may also be in this folder (by default only in the input file's folder)",
    # output (output.py)
    "无法创建输出文件夹（{reason}）": "cannot create the output folder ({reason})",
    "输出位置不是文件夹": "the output location is not a folder",
    "输出文件夹不可写（{reason}）": "the output folder is not writable ({reason})",
    "写入失败（{reason}）": "writing failed ({reason})",
    "磁盘空间不足": "the disk is full",
    "这里有同名的文件夹，无法写出这个文件": "a folder of this name is in the way; the file cannot be written",
    "没能恢复原来的文件（{reason}）": "the previous file could not be put back ({reason})",
    "没能恢复原来的文件（{reason}），它保存在 {saved}": "the previous file could not be put back ({reason}); it is kept as {saved}",
    "输出 {output} 就是输入文件本身，写出会覆盖它；请用 {option} 另选位置": "the output {output} is the input file itself and would overwrite it; choose another place with {option}",
    # conversion and PDF
    "不是有效的 Word（.docx）文件，或文件已损坏": "not a valid Word (.docx) file, or it is damaged",
    "WeasyPrint 无法生成 PDF：{error}": "WeasyPrint could not make the PDF: {error}",
    "reportgen 的排版扩展是为 WeasyPrint {supported} 编写的，本机安装的是 {installed}；"
    "请运行 make setup（或 pip install weasyprint=={supported}）": "reportgen's layout extensions were written for WeasyPrint {supported}, "
    "but {installed} is installed; run make setup (or pip install weasyprint=={supported})",
    "WeasyPrint {version} 缺少 reportgen 排版扩展所需的内部函数 {name}": "WeasyPrint {version} lacks the internal function {name} that reportgen's layout extensions need",
    "有警告（--strict 模式下视为错误）": "there are warnings (errors under --strict)",
    # reproducible builds, PDF/A (pipeline.py, pdf.py)
    "环境变量 SOURCE_DATE_EPOCH 应为整数秒数（Unix 时间），而不是 {value!r}": "the environment variable SOURCE_DATE_EPOCH must be whole seconds (Unix time), not {value!r}",
    "报告的输入数据（JSON）": "the report's input data (JSON)",
    "--pdf-variant 只能与 WeasyPrint 引擎一起使用": "--pdf-variant works only with the WeasyPrint engine",
    # many reports at once (build.py, cli/dashboard.py)
    "文件夹中没有 .json 输入文件": "the folder holds no .json input files",
    "{a} 和 {b} 会写出同名的输出文件（{stem}.docx、{stem}.pdf）": "{a} and {b} would write outputs of the same name ({stem}.docx, {stem}.pdf)",
    "生成这份报告的工作进程意外退出（内存不足？）": "the worker process making this report died (out of memory?)",
    "存档用 PDF/A-3b：标记结构，嵌入输入的 JSON 文件": "archival PDF/A-3b: tagged, with the input JSON file embedded",
    "并行生成多份报告，写出清单 manifest.json": "make many reports in parallel and write a manifest.json",
    "生成每个输入文件（文件夹则取其中的 *.json，默认 inputs/）的 .docx 和 .pdf，"
    "写出 DIR/manifest.json；某份报告失败不影响其他报告，有失败时退出码为 1。": "make the .docx and .pdf of every input file (the *.json files of a folder; "
    "default inputs/) and write DIR/manifest.json; a failing report does not stop the others, and any failure makes the exit code 1.",
    "输入文件或文件夹（默认 inputs/）": "input files or folders (default inputs/)",
    "同时运行的进程数（默认为 CPU 核数）": "number of processes run at once (default: the number of CPUs)",
    "--jobs 应为正整数": "--jobs must be a positive whole number",
    "生成报告": "rendering",
    "输入": "input",
    "格式": "format",
    "页数": "pages",
    "用时": "seconds",
    "结果": "result",
    "成功": "ok",
    "失败": "FAILED",
    "（{n} 个警告）": " ({n} {n:warning|warnings})",
    "共 {count} 份：成功 {ok} 份，失败 {failed} 份；用时 {seconds:.1f} 秒，{jobs} 个进程，平均每份 {each:.2f} 秒": "{count} {count:report|reports}: {ok} made, {failed} failed; {seconds:.1f} s with {jobs} {jobs:process|processes}, {each:.2f} s per report",
    "另有 {n} 条警告与上面的相同（出自其他报告），不再重复显示": "{n} more {n:warning repeats one|warnings repeat the ones} above (from other reports) and {n:is|are} not shown again",
    "失败的输入：": "failed inputs: ",
    "已中断：已完成的报告已写出，未完成的没有写出任何文件，也没有写出 manifest.json。": "interrupted: finished reports were written, unfinished ones wrote nothing, and no manifest.json was written.",
    # converter warnings (docx/)
    "正文": "body",
    "第 {n} 节": "section {n}",
    "第 {n} 段": " paragraph {n}",
    "表格 {n}": " table {n}",
    "第 {n} 行": " row {n}",
    "第 {n} 列": " column {n}",
    "页眉": "header",
    "页脚": "footer",
    "（偶数页）": " (even pages)",
    "（首页）": " (first page)",
    "不支持的内容 <w:{name}>，已略过": "unsupported content <w:{name}> skipped",
    "样式“{name}”不存在，按“正文”处理": "style “{name}” does not exist; Normal used",
    "不支持的段内内容 <w:{name}>，已略过": "unsupported paragraph content <w:{name}> skipped",
    "字符样式“{name}”不存在，已忽略": "character style “{name}” does not exist; ignored",
    "分栏符按换行处理": "column break printed as a line break",
    "无法识别的符号 {code}": "unknown symbol {code}",
    "旧式图形（VML 或嵌入对象）暂不支持，已略过": "legacy graphics (VML or embedded objects) are not supported; skipped",
    "尾注暂不支持，已略过": "endnotes are not supported yet; skipped",
    "表格样式“{name}”的条件格式（标题行、镶边行等）未应用": "the conditional formatting (header row, banded rows…) of table style “{name}” is not applied",
    "不支持的制表位类型“{kind}”，按左对齐制表位处理": "tab stops of kind “{kind}” are not supported; treated as left stops",
    "找不到脚注 {id}": "footnote {id} not found",
    "的脚注": " footnote",
    "不支持的文字内容 <w:{name}>，已略过": "unsupported run content <w:{name}> skipped",
    "浮动图片按嵌入图片处理（位置可能与 Word 不同）": "floating image placed inline (its position may differ from Word)",
    "图片缺少图像数据，已略过": "image without image data skipped",
    "连续分节符但页面设置不同：按分页处理": "continuous section break with a different page setup: treated as a page break",
    "找不到{label}部件 {rid}": "{label} part {rid} not found",
    # fonts and PDF
    "字体": "fonts",
    "字体“{name}”没有安装，字体映射中也没有已安装的替代字体；PDF 中用 {default} 代替": "font “{name}” is not installed and the font map has no installed stand-in; {default} used in the PDF",
    "无法读取字体映射文件：{error}": "cannot read the font map: {error}",
    "没有找到 libharfbuzz-subset0：WeasyPrint 改用 fontTools 嵌入字体，每个 PDF 要多花 5–8 秒；"
    "请运行 make setup（或 apt-get install libharfbuzz-subset0）": "libharfbuzz-subset0 not found: WeasyPrint embeds fonts with fontTools instead, 5–8 s more per PDF; "
    "run make setup (or apt-get install libharfbuzz-subset0)",
    # CLI
    "用法：": "usage: ",
    "参数": "arguments",
    "选项": "options",
    "命令": "commands",
    "显示帮助并退出": "show this help and exit",
    "显示版本并退出": "show the version and exit",
    "消息语言：zh（中文，默认）或 en（英文）；也可设环境变量 REPORTGEN_LANG": "message language: zh (Chinese, default) or en; or set REPORTGEN_LANG",
    "政府信息公开工作年度报告：由一个 JSON 文件生成 Word（.docx）和发布用 PDF。": "Annual government-information-disclosure reports: one JSON file to a Word (.docx) file and a release PDF.",
    "生成 .docx 和 .pdf": "make the .docx and the .pdf",
    "检查 INPUT，填写模板，写出 DIR/名称.docx 和 DIR/名称.pdf。": "check INPUT, fill the template, write DIR/NAME.docx and DIR/NAME.pdf.",
    "输入文件，例如 inputs/2015.json": "input file, e.g. inputs/2015.json",
    "输出文件夹（默认 outputs/）": "output folder (default outputs/)",
    "Word 模板（默认 templates/<格式>.docx）": "Word template (default templates/<format>.docx)",
    "覆盖默认字体映射的 TOML 文件": "TOML file overriding the default font map",
    "有任何警告就失败，不写出文件": "fail on any warning, write nothing",
    "显示每一步": "show each step",
    "只显示错误": "show errors only",
    "检查输入文件，一次列出全部问题": "check input files, listing every problem at once",
    "检查一个或多个输入文件；全部有效时退出码为 0，否则为 1。": "check one or more input files; exit 0 when all are valid, 1 otherwise.",
    "输入文件": "input files",
    "有任何警告也算无效": "count any warning as a failure",
    "打印输入文件的 JSON Schema（供 VS Code 等编辑器提示和检查）": "print the JSON Schema of input files (for completion and checks in editors such as VS Code)",
    "报告格式（默认 legacy）": "report format (default legacy)",
    "PDF 引擎：weasyprint（内置，默认）或 libreoffice（需已安装）": "PDF engine: weasyprint (built in, default) or libreoffice (must be installed)",
    "把任意 .docx 转成 PDF": "convert any .docx to PDF",
    "用 render 相同的转换器把 .docx（例如手工修改过的报告）转成 PDF。": "convert a .docx (e.g. a report edited by hand) to PDF with the converter render uses.",
    "Word 文件": "Word file",
    "输出的 PDF（默认与 .docx 同名同目录）": "output PDF (default: beside the .docx, same name)",
    "没有安装 LibreOffice（soffice），无法使用 --pdf-engine libreoffice；不加此选项即用内置引擎": "LibreOffice (soffice) is not installed, so --pdf-engine libreoffice cannot run; omit it to use the built-in engine",
    "LibreOffice 转换失败：{error}": "LibreOffice conversion failed: {error}",
    "同时检查这个 Word 模板是否适用于各输入文件的格式": "also check that this Word template fits each input's format",
    "检查 Word 模板：标记写法、变量名、沙箱规则": "check a Word template: tag syntax, variable names, sandbox rules",
    "检查 TEMPLATE 里的每个 {{{{ … }}}} 和 {{% … %}} 标记（正文、表格、页眉、页脚、脚注），"
    "列出全部错误和位置；自动修正 Word 造成的问题（标记被拆开、中文引号、全角括号）。"
    "没有错误时退出码为 0，否则为 1。": "check every {{{{ … }}}} and {{% … %}} tag of TEMPLATE (body, tables, headers, footers, "
    "footnotes) and list every error with its place; repair what Word does to tags (split runs, smart quotes, "
    "full-width braces). Exit 0 without errors, 1 otherwise.",
    "Word 模板（.docx）": "Word template (.docx)",
    "报告格式（默认按模板文件名，例如 legacy.docx → legacy）": "report format (default: from the file name, e.g. legacy.docx → legacy)",
    "有任何警告也算不通过": "count any warning as a failure",
    "已自动修正：": "repaired: ",
    "{path}：检查通过（格式 {format}）": "{path}: valid (format {format})",
    "错误：": "Error: ",
    "警告：": "Warning: ",
    "已写出 {path}": "wrote {path}",
    "已写出 {path}（{pages} 页）": "wrote {path} ({pages} {pages:page|pages})",
    "字体替代：": "font substitutions: ",
    "{path}：检查通过": "{path}: valid",
    "命令行有误：{message}（用 --help 查看用法）": "bad command line: {message} (see --help)",
    "已中断；没有写出任何文件。": "interrupted; nothing was written.",
    "内部错误（{kind}）：{error}。这是 reportgen 的缺陷，请把这条信息和输入文件一起报告。": "internal error ({kind}): {error}. This is a bug in reportgen; please report it with the input file.",
}

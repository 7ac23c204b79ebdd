"""English messages of the template stage: filling, titles, the template check, filters.

Keyed by the Chinese template (see reportgen.i18n)."""

EN: dict[str, str] = {
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
}

"""The text of a report: title, preamble, the six parts (headings, paragraphs, run-in sub-sections), 落款.

A part begins at its heading, “一、总体情况” … “六、其他需要报告的事项”, recognised by its number
in order and its words (a heading may be lengthened: “一、2024年政府信息公开工作总体情况”),
whether it is styled as a heading or typed as a bold paragraph. The title is what stands before
the preamble: paragraphs styled as a title, else the line naming the year and “报告” (with the
issuer's line above it). The 落款 is the first paragraph of the last part that is a date alone,
with the issuing body on the line above. Web pages bring their menus and footers: lines before
the title are left out, and so are lines of page furniture (“发布时间：…”, “【打印本页】”) between
the title and the first part, and after the end of the report — each leaving a warning.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from reportgen.errors import Problem
from reportgen.i18n import t
from reportgen.importer.document import Document, Paragraph, Table
from reportgen.importer.labels import chinese_number, nfkc

PARTS = ("general", "proactive", "applications", "reviews", "problems", "other")
NUMERALS = "一二三四五六"
PART_WORDS = {
    "general": ("总体", "概述", "基本情况"),
    "proactive": ("主动公开",),
    "applications": ("申请",),
    "reviews": ("复议", "诉讼"),
    "problems": ("问题", "改进"),
    "other": ("其他", "需要报告"),
}
_HEADING = re.compile(r"^\s*([一二三四五六])\s*[、.．]\s*(\S.*)$")
_SUBSECTION = re.compile(r"^\s*[（(]\s*[一二三四五六七八九十]+\s*[）)]")
_YEAR = re.compile(r"((?:19|20)\d{2}|[〇零○一二三四五六七八九]{4})\s*年")
_DATE = re.compile(
    r"^((?:19|20)\d{2}|[〇零○一二三四五六七八九]{4})年(\d{1,2}|[一二三四五六七八九十]{1,3})月(\d{1,2}|[一二三四五六七八九十]{1,3})日$"
)
_SENTENCE = re.compile(r"[。；，：:;,!?！？]")
_ORG = (
    "政府",
    "办公室",
    "办公厅",
    "委员会",
    "局",
    "厅",
    "部",
    "院",
    "署",
    "委",
    "中心",
    "办事处",
    "管委会",
    "公司",
    "所",
    "站",
    "会",
)
FURNITURE = re.compile(
    r"发布时间|发布日期|发文日期|成文日期[:：]|来源[:：]|信息来源|字号|打印|关闭|浏览次数|访问量|阅读量|分享到|扫一扫|"
    r"索引号|发布机构|责任编辑|网站标识码|ICP|公网安备|版权所有|主办[:：]|承办[:：]|技术支持|联系我们|网站地图|"
    r"当前位置|您的位置|首页|上一篇|下一篇|附件下载|【|】|\s[>＞»]\s"
)
"""Lines of a web page that are the site's, not the report's."""
TITLE_MAX = 60


@dataclass
class Part:
    heading: Paragraph
    blocks: list[Paragraph | Table] = field(default_factory=list)


@dataclass
class Layout:
    """The report's text cut into its places (tables stay where they were found)."""

    title: list[str] = field(default_factory=list)
    preamble: list[Paragraph | Table] = field(default_factory=list)
    parts: dict[str, Part] = field(default_factory=dict)
    signature: dict[str, str] = field(default_factory=dict)
    outside: list[Table] = field(default_factory=list)
    """Tables before the title or after the 落款 (a web page's information box)."""


def _heading(paragraph: Paragraph, after: int) -> int | None:
    """Return the part index (0–5) `paragraph` is the heading of, if it is the heading of a part after `after`."""
    text = nfkc(paragraph.text).strip()
    match = _HEADING.match(text)
    if not match or len(text) > TITLE_MAX or _SENTENCE.search(text.rstrip("。")):
        return None
    index = NUMERALS.index(match.group(1))
    if index <= after:
        return None
    words = PART_WORDS[PARTS[index]]
    styled = paragraph.role == "heading" or (paragraph.lead == paragraph.text)
    if any(word in match.group(2) for word in words) or (styled and index == after + 1):
        return index
    return None


def layout(document: Document, warnings: list[Problem]) -> Layout:
    """Return the report's text cut into title, preamble, parts and 落款, with warnings for what is left out."""
    blocks = [b for b in document.blocks if isinstance(b, Table) or b.text or b.pictures]
    heads: list[tuple[int, int]] = []
    for i, block in enumerate(blocks):
        if isinstance(block, Paragraph):
            index = _heading(block, heads[-1][1] if heads else -1)
            if index is not None:
                heads.append((i, index))
    out = Layout()
    first = heads[0][0] if heads else len(blocks)
    out.title, start = _title(blocks[:first], document)
    _front(out, blocks[start:first], document.web, warnings)
    out.outside += [b for b in blocks[:start] if isinstance(b, Table)]
    for n, (i, index) in enumerate(heads):
        end = heads[n + 1][0] if n + 1 < len(heads) else len(blocks)
        heading = blocks[i]
        assert isinstance(heading, Paragraph)
        out.parts[PARTS[index]] = Part(heading, list(blocks[i + 1 : end]))
    if heads:
        _end(out, out.parts[PARTS[heads[-1][1]]], document.web, warnings)
    return out


def _title(front: list[Paragraph | Table], document: Document) -> tuple[list[str], int]:
    """Return the title lines and the index of the first block after them (0 when none is found)."""
    styled = [i for i, b in enumerate(front) if isinstance(b, Paragraph) and b.role == "title"]
    if styled:
        return [_line(front[i]) for i in styled], styled[-1] + 1
    for i in range(len(front) - 1, -1, -1):
        block = front[i]
        if isinstance(block, Paragraph) and _titled(block.text):
            first = i
            while first > 0 and _title_line(front[first - 1]) and not _YEAR.search(_line(front[first - 1])):
                first -= 1
            return [_line(front[j]) for j in range(first, i + 1)], i + 1
    if _titled(document.page_title):
        return [re.split(r"\s*[_|｜]\s*|\s+-\s+", document.page_title)[0]], 0
    return [], 0


def _line(block: Paragraph | Table) -> str:
    return block.text if isinstance(block, Paragraph) else ""


def _titled(text: str) -> bool:
    return (
        len(text) <= TITLE_MAX
        and "报告" in text
        and bool(_YEAR.search(nfkc(text)))
        and not text.endswith("。")
    )


def _title_line(block: Paragraph | Table) -> bool:
    """Return whether a block above the title's year line is part of the title (the issuer's line)."""
    if not isinstance(block, Paragraph) or len(block.text) > 30 or _SENTENCE.search(block.text):
        return False
    return block.align == "center" or block.lead == block.text or block.role == "heading"


def _front(out: Layout, front: list[Paragraph | Table], web: bool, warnings: list[Problem]) -> None:
    """Put the blocks between the title and the first part into the preamble (a web page's furniture left out)."""
    left_out = []
    for block in front:
        if web and isinstance(block, Paragraph) and FURNITURE.search(block.text):
            left_out.append(block.text)
        elif web and isinstance(block, Table) and not _is_report_table(block):
            out.outside.append(block)
        else:
            out.preamble.append(block)
    if left_out:
        message = t(
            "标题与“一、”之间的 {count} 段网页文字没有导入（例如“{example}”）",
            count=len(left_out),
            example=left_out[0][:40],
        )
        warnings.append(Problem(t("前言"), message))


def _is_report_table(table: Table) -> bool:
    from reportgen.importer.tables import classify

    return bool(classify(table))


def _end(out: Layout, last: Part, web: bool, warnings: list[Problem]) -> None:
    """Take the 落款 out of the last part, and what follows it (or a web page's footer) out of the report."""
    paragraphs = [i for i, b in enumerate(last.blocks) if isinstance(b, Paragraph)]
    for n, i in enumerate(paragraphs):
        block = last.blocks[i]
        assert isinstance(block, Paragraph)
        date = _date(block.text)
        if date is None or n == 0:
            continue
        out.signature["date"] = date
        before = last.blocks[i - 1]
        cut = i
        if isinstance(before, Paragraph) and _issuer(before):
            out.signature["issuer"] = before.text
            cut = i - 1
        rest, last.blocks = last.blocks[i + 1 :], last.blocks[:cut]
        _after(out, rest, web, warnings)
        return
    if web:
        end = len(last.blocks)
        while (
            end
            and isinstance(last.blocks[end - 1], Paragraph)
            and FURNITURE.search(_line(last.blocks[end - 1]))
        ):
            end -= 1
        rest, last.blocks = last.blocks[end:], last.blocks[:end]
        _after(out, rest, web, warnings)


def _after(out: Layout, rest: list[Paragraph | Table], web: bool, warnings: list[Problem]) -> None:
    texts = [b.text for b in rest if isinstance(b, Paragraph) and b.text]
    out.outside += [b for b in rest if isinstance(b, Table)]
    if texts and not (web and all(FURNITURE.search(text) for text in texts)):
        message = t(
            "报告末尾之后的 {count} 段文字没有导入（例如“{example}”）",
            count=len(texts),
            example=texts[0][:40],
        )
        warnings.append(Problem(t("落款之后"), message))


def _date(text: str) -> str | None:
    """Return a date written alone on a line (“2025年1月20日”, “二〇二五年一月二十日”) as YYYY-MM-DD."""
    match = _DATE.match(re.sub(r"\s+", "", nfkc(text)))
    if not match:
        return None
    year, month, day = (chinese_number(part) for part in match.groups())
    if year is None or month is None or day is None:
        return None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _issuer(block: Paragraph) -> bool:
    """Return whether the line above a 落款 date names the issuing body."""
    text = block.text.strip()
    if not 2 <= len(text) <= 40 or _SENTENCE.search(text) or block.pictures:
        return False
    return block.role == "signature" or block.align == "right" or text.endswith(_ORG)


def title_fields(lines: list[str]) -> tuple[str | None, int | None]:
    """Return the issuer and the year the title names (None for what it does not say)."""
    text = re.sub(r"[\s\u3000]+", "", nfkc("".join(lines)))
    match = _YEAR.search(text)
    if not match:
        return None, None
    year = chinese_number(match.group(1))
    issuer = text[: match.start()]
    if not issuer:
        after = re.match(r"度?(.+?)政府信息公开", text[match.end() :])
        issuer = after.group(1) if after else ""
    return issuer or None, year


def content(blocks: list[Paragraph], where: str, warnings: list[Problem]) -> list[Any]:
    """Return paragraphs as the model's content blocks: text, or sub-sections with a run-in title.

    Paragraphs after a sub-section belong to it (its `paragraphs`), as the template prints them.
    """
    out: list[Any] = []
    current: dict[str, Any] | None = None
    for paragraph in blocks:
        if paragraph.pictures:
            message = t(
                "{where}的图片没有导入：图片文件要另外保存，再作为图片（image）写进内容",
                where=paragraph.where,
            )
            warnings.append(Problem(where, message))
        if not paragraph.text or (paragraph.role == "caption" and paragraph.pictures):
            continue
        titled = run_in(paragraph)
        if titled is not None:
            current = {"title": titled[0], "text": titled[1]}
            out.append(current)
        elif current is not None:
            current.setdefault("paragraphs", []).append(paragraph.text)
        else:
            out.append(paragraph.text)
    return out


def run_in(paragraph: Paragraph) -> tuple[str, str] | None:
    """Return (title, text) of a paragraph that begins with a sub-section title “（一）……。”, else None."""
    text = paragraph.text
    match = _SUBSECTION.match(text)
    if not match:
        return None
    lead = paragraph.lead
    if lead and lead != text and text.startswith(lead) and len(lead) > match.end():
        return lead, text[len(lead) :].lstrip(" \u3000")
    stop = text.find("。")
    if 0 < stop <= 40:
        return text[: stop + 1], text[stop + 1 :].lstrip(" \u3000")
    if len(text) <= 40 and not _SENTENCE.search(text):
        return text, ""
    return None

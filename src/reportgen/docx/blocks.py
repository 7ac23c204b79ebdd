"""A sequence of block-level elements (w:p, w:tbl, w:sdt, mc:AlternateContent) → HTML."""

from __future__ import annotations

from reportgen.docx.css import Grid
from reportgen.docx.ooxml import Element, alternate, child, local
from reportgen.docx.paragraphs import ParagraphConverter
from reportgen.docx.properties import Props
from reportgen.docx.runs import InlineConverter
from reportgen.docx.state import ConversionState, Story
from reportgen.docx.tables import TableConverter
from reportgen.docx.text import TextWriter
from reportgen.i18n import t

SKIPPED = {"sectPr", "bookmarkStart", "bookmarkEnd", "proofErr", "tblPr", "tcPr", "permStart", "permEnd", ""}
"""Block-level children that write nothing."""


class BlockConverter:
    """Converts block content of a story (body, header, footer, table cell) with the stages it composes."""

    def __init__(self, state: ConversionState) -> None:
        self.state = state
        text = TextWriter(state)
        inline = InlineConverter(state, text)
        inline.blocks = self.blocks  # a text box's paragraphs are converted like the body's
        self.paragraphs = ParagraphConverter(state, text, inline)
        self.tables = TableConverter(state, self.blocks)

    def blocks(
        self, elements: list[Element], story: Story, grid: Grid, table_style: tuple[Props, Props] = ({}, {})
    ) -> str:
        """Return the HTML of a sequence of block-level elements (w:p, w:tbl, w:sdt, ...)."""
        out: list[str] = []
        styles = [self.paragraphs.style_of(el) if local(el) == "p" else None for el in elements]
        for index, el in enumerate(elements):
            name = local(el)
            if name == "p":
                # w:contextualSpacing: no space between paragraphs of the same style
                same_before = index > 0 and styles[index - 1] == styles[index]
                same_after = index + 1 < len(elements) and styles[index + 1] == styles[index]
                out.append(self.paragraphs.paragraph(el, story, grid, table_style, (same_before, same_after)))
            elif name == "tbl":
                out.append(self.tables.table(el, story, grid))
            elif name == "sdt":
                content = child(el, "sdtContent")
                if content is not None:
                    out.append(self.blocks(list(content), story, grid, table_style))
            elif name == "AlternateContent":
                out.append(self.blocks(alternate(el), story, grid, table_style))
            elif name in ("customXml",):
                out.append(self.blocks(list(el), story, grid, table_style))
            elif name in SKIPPED:
                continue
            else:
                self.state.warn(story.label, t("不支持的内容 <w:{name}>，已略过", name=name))
        return "".join(out)

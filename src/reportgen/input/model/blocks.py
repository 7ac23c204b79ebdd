"""Content blocks shared by every format: paragraphs, run-in subsections, images."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import ConfigDict, Discriminator, Field, Tag

from reportgen.input.model.common import Base, OptionalText, Text


class Subsection(Base):
    """小节: a run-in title such as “（一）……。” followed by its text in the same paragraph."""

    model_config = ConfigDict(
        title="小节", json_schema_extra={"description": "小标题（如“（一）……。”）与正文印在同一段"}
    )

    title: Text = Field(title="小标题", description="带序号的小标题，原样印出，例如“（一）……。”")
    text: OptionalText = Field(default="", title="小节正文", description="紧接小标题、在同一段内的正文")
    paragraphs: list[Text] = Field(
        default_factory=list, title="后续段落", description="小节的其余段落，每项一段"
    )


class Figure(Base):
    """图片: an image file (relative to the input file) with an optional caption."""

    model_config = ConfigDict(title="图片", json_schema_extra={"description": "一张图片及其图题"})

    image: Text = Field(title="图片文件", description="PNG 或 JPEG 文件，路径相对于本输入文件")
    caption: OptionalText = Field(default="", title="图题", description="图片下方的说明文字，可为空")
    width_mm: float | None = Field(
        default=None,
        strict=True,
        gt=0,
        le=156,
        title="图片宽度",
        description="单位毫米，最大 156（版心宽度）；省略时按图片原始大小",
    )


BLOCK_TAGS = ("段落", "小节", "图片")


def _block_kind(value: Any) -> str | None:
    if isinstance(value, str):
        return "段落"
    if isinstance(value, dict):
        return "图片" if "image" in value else "小节"
    if isinstance(value, Subsection):
        return "小节"
    if isinstance(value, Figure):
        return "图片"
    return None


Block = Annotated[
    Annotated[Text, Tag("段落")] | Annotated[Subsection, Tag("小节")] | Annotated[Figure, Tag("图片")],
    Discriminator(
        _block_kind,
        custom_error_type="block_kind",
        custom_error_message="应为一段文字、一个小节（含 title）或一张图片（含 image）",
    ),
]

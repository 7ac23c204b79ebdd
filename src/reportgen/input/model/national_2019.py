"""Format "national-2019" (国办公开办函〔2019〕60号, the trial format of the reports for 2019 and 2020).

The six parts and Tables B and C are those of national-2021 (the same classes, imported), except
that Table B's （六）其他处理 is one row without sub-rows. Table A is its own: （一）项 counts what
was made and published, （五）（六）（八）项 count items (上一年项目数量, a signed 本年增/减) and
decisions, and an extra block （九）项 gives 政府集中采购. Every field's title is the label the
format prints; cells follow the rules of national-2021 (`null` for a blank cell, a row as an
object or as an array in printed order).
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Literal

from pydantic import BeforeValidator, ConfigDict, Field, Strict, field_validator
from pydantic_core import PydanticCustomError

from reportgen.input.model.blocks import Block
from reportgen.input.model.cells import Amount, Count, Row, _no_words, cell
from reportgen.input.model.common import Base, Text
from reportgen.input.model.national_2021 import (
    Applicants,
    NationalReport,
    NotDisclosed,
    NotProcessed,
    OtherHandling,
    OtherHandlingRow,
    UnableToProvide,
    content,
    heading,
    row,
)

Change = Annotated[Annotated[int, Strict()] | None, BeforeValidator(_no_words)]
"""本年增/减: a whole number that may be negative (a decrease), or null for a blank cell."""


# -- Table A: 二、主动公开政府信息情况 ------------------------------------------------------------


class MadeCounts(Row):
    """第二十条第（一）项: documents made, published this year, and published in all."""

    model_config = ConfigDict(
        title="制作、公开件数",
        json_schema_extra={
            "description": "第二十条第（一）项：本年新制作数量、本年新公开数量、对外公开总数量"
        },
    )

    made: Count = cell("本年新制作数量")
    published: Count = cell("本年新公开数量")
    published_total: Count = cell("对外公开总数量")


def change_cell() -> Any:
    return Field(title="本年增/减", description="本年增/减：减少写负数，例如 -8；空白单元格写 null")


class ItemCounts(Row):
    """第二十条第（五）（六）项: last year's number of items, this year's change, and decisions."""

    model_config = ConfigDict(
        title="项目数量和处理决定数量",
        json_schema_extra={
            "description": "第二十条第（五）（六）项：上一年项目数量、本年增/减、处理决定数量"
        },
    )

    previous_items: Count = cell("上一年项目数量")
    change: Change = change_cell()
    decisions: Count = cell("处理决定数量")

    CHANGES: ClassVar[tuple[str, str]] = ("previous_items", "change")
    """The two cells whose sum is this year's number of items (check A.items)."""


class FeeItems(Row):
    """第二十条第（八）项: last year's number of fee items and this year's change."""

    model_config = ConfigDict(
        title="收费项目数量",
        json_schema_extra={"description": "第二十条第（八）项：上一年项目数量、本年增/减"},
    )

    previous_items: Count = cell("上一年项目数量")
    change: Change = change_cell()

    CHANGES: ClassVar[tuple[str, str]] = ("previous_items", "change")


class Procurement(Row):
    """第二十条第（九）项: 政府集中采购."""

    model_config = ConfigDict(
        title="政府集中采购",
        json_schema_extra={"description": "第二十条第（九）项：采购项目数量、采购总金额（万元）"},
    )

    projects: Count = cell("采购项目数量")
    amount: Amount = cell(
        "采购总金额", "采购总金额，单位万元（印为“1236.58万元”），可有小数；空白单元格写 null"
    )


def item_row(label: str, item: str) -> Any:
    return Field(
        title=label,
        description=f"第二十条第（{item}）项：3 个数字（上一年项目数量、本年增/减、处理决定数量）",
    )


class TableA(Base):
    model_config = ConfigDict(title="主动公开政府信息情况（表一，2019 年试行格式）")

    rules: MadeCounts = Field(
        title="规章",
        description="第二十条第（一）项：3 个数字（本年新制作数量、本年新公开数量、对外公开总数量）",
    )
    normative_documents: MadeCounts = Field(
        title="规范性文件",
        description="第二十条第（一）项：3 个数字（本年新制作数量、本年新公开数量、对外公开总数量）",
    )
    licensing: ItemCounts = item_row("行政许可", "五")
    other_services: ItemCounts = item_row("其他对外管理服务事项", "五")
    penalties: ItemCounts = item_row("行政处罚", "六")
    enforcement: ItemCounts = item_row("行政强制", "六")
    fees: FeeItems = Field(
        title="行政事业性收费", description="第二十条第（八）项：2 个数字（上一年项目数量、本年增/减）"
    )
    procurement: Procurement = Field(
        title="政府集中采购", description="第二十条第（九）项：2 个数字（采购项目数量、采购总金额（万元））"
    )

    ITEMS: ClassVar[tuple[str, ...]] = ("licensing", "other_services", "penalties", "enforcement", "fees")
    """The rows with 上一年项目数量 and 本年增/减."""


# -- Table B: 三、收到和处理政府信息公开申请情况 ----------------------------------------------------


class Results(Base):
    model_config = ConfigDict(title="三、本年度办理结果")

    disclosed: Applicants = row("（一）予以公开")
    partially_disclosed: Applicants = row("（二）部分公开（区分处理的，只计这一情形，不计其他情形）")
    not_disclosed: NotDisclosed = Field(title="（三）不予公开")
    unable: UnableToProvide = Field(title="（四）无法提供")
    not_processed: NotProcessed = Field(title="（五）不予处理")
    other_handling: OtherHandlingRow = row("（六）其他处理")  # one row only: no sub-rows in 2019
    total: Applicants = row("（七）总计")

    GROUPS: ClassVar[tuple[str, ...]] = ("not_disclosed", "unable", "not_processed", "other_handling")

    @field_validator("other_handling", mode="before")
    @classmethod
    def _one_row_only(cls, value: Any) -> Any:
        """Refuse national-2021's sub-rows of （六） with one message instead of one per missing column."""
        if isinstance(value, dict) and value.keys() & (
            set(OtherHandling.model_fields) - set(Applicants.model_fields)
        ):
            raise PydanticCustomError("one_row_only", ONE_ROW_ONLY)
        return value


ONE_ROW_ONLY = "2019 年试行格式的（六）其他处理只有一行，不分子行：写 7 个数字（自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他、总计）"


class TableB(Base):
    model_config = ConfigDict(title="收到和处理政府信息公开申请情况（表二，2019 年试行格式）")

    new_received: Applicants = row("一、本年新收政府信息公开申请数量")
    carried_over: Applicants = row("二、上年结转政府信息公开申请数量")
    results: Results = Field(title="三、本年度办理结果")
    carried_forward: Applicants = row("四、结转下年度继续办理")


# -- the six parts (一、五、六 and 四 as in national-2021) ------------------------------------------


class Proactive(Base):
    model_config = ConfigDict(title="二、主动公开政府信息情况")
    heading: Text = heading("二、主动公开政府信息情况")
    content: list[Block] = content("表前文字")
    table: TableA = Field(title="表格")


class Applications(Base):
    model_config = ConfigDict(title="三、收到和处理政府信息公开申请情况")
    heading: Text = heading("三、收到和处理政府信息公开申请情况")
    content: list[Block] = content("表前文字")
    table: TableB = Field(title="表格")


class National2019Report(NationalReport):
    """A report in the 2019 trial format (reports for 2019 and 2020): its own Tables A and B."""

    model_config = ConfigDict(
        title="政府信息公开工作年度报告（national-2019 格式，2019–2020 年试行）",
        json_schema_extra={"description": "reportgen 的输入文件：一年的报告内容和三张统计表"},
    )

    format: Literal["national-2019"] = Field(title="报告格式", description="固定为 national-2019")
    proactive: Proactive = Field(title="二、主动公开政府信息情况")  # type: ignore[assignment]
    applications: Applications = Field(title="三、收到和处理政府信息公开申请情况")  # type: ignore[assignment]

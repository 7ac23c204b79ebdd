"""Format "national-2021" (国办公开办函〔2021〕30号, reports from 2021 on): six fixed parts, three tables.

Every field's title is the exact Chinese label the format prints. A table cell is a non-negative
integer, or `null` for a cell the publisher left blank (printed blank, counted as 0, reported as
a warning). A row may be written as an object with named cells or as an array in printed order
(cells.py). Table B's （六）其他处理 is its three sub-rows or, as many published reports print it,
one row (`OtherHandlingRow`, the only form of national-2019).
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Literal

from pydantic import ConfigDict, Discriminator, Field, Tag

from reportgen.input.model.blocks import Block
from reportgen.input.model.cells import Amount, Count, Row, cell  # national-2019 imports them from here too
from reportgen.input.model.common import Base, ReportHeader, Text

# -- Table A: 二、主动公开政府信息情况 ------------------------------------------------------------


class IssuedCounts(Row):
    model_config = ConfigDict(title="制发、废止和现行有效件数")

    issued: Count = cell("本年制发件数")
    repealed: Count = cell("本年废止件数")
    in_force: Count = cell("现行有效件数")


class TableA(Base):
    model_config = ConfigDict(title="主动公开政府信息情况（表一）")

    rules: IssuedCounts = Field(title="规章", description="第二十条第（一）项：规章")
    normative_documents: IssuedCounts = Field(
        title="行政规范性文件", description="第二十条第（一）项：行政规范性文件"
    )
    licensing: Count = cell("行政许可", "第二十条第（五）项：行政许可的本年处理决定数量")
    penalties: Count = cell("行政处罚", "第二十条第（六）项：行政处罚的本年处理决定数量")
    enforcement: Count = cell("行政强制", "第二十条第（六）项：行政强制的本年处理决定数量")
    fees: Amount = cell("行政事业性收费", "第二十条第（八）项：本年收费金额（单位：万元），可有小数")


# -- Table B: 三、收到和处理政府信息公开申请情况 ----------------------------------------------------


class Applicants(Row):
    """One row of Table B: the applicants' columns."""

    model_config = ConfigDict(title="申请人情况")

    natural_person: Count = cell("自然人")
    commercial: Count = cell("商业企业")
    research: Count = cell("科研机构")
    social_welfare: Count = cell("社会公益组织")
    legal_service: Count = cell("法律服务机构")
    other: Count = cell("其他")
    total: Count = cell("总计")

    PARTS: ClassVar[tuple[str, ...]] = (
        "natural_person",
        "commercial",
        "research",
        "social_welfare",
        "legal_service",
        "other",
    )


def row(label: str) -> Any:
    return Field(
        title=label,
        description=f"{label}：7 个数字（自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他、总计）",
    )


class NotDisclosed(Base):
    model_config = ConfigDict(title="（三）不予公开")

    state_secret: Applicants = row("1.属于国家秘密")
    prohibited_by_law: Applicants = row("2.其他法律行政法规禁止公开")
    three_safeties: Applicants = row("3.危及“三安全一稳定”")
    third_party: Applicants = row("4.保护第三方合法权益")
    internal_affairs: Applicants = row("5.属于三类内部事务信息")
    process_information: Applicants = row("6.属于四类过程性信息")
    enforcement_files: Applicants = row("7.属于行政执法案卷")
    inquiry_matters: Applicants = row("8.属于行政查询事项")


class UnableToProvide(Base):
    model_config = ConfigDict(title="（四）无法提供")

    not_held: Applicants = row("1.本机关不掌握相关政府信息")
    needs_creation: Applicants = row("2.没有现成信息需要另行制作")
    still_unclear: Applicants = row("3.补正后申请内容仍不明确")


class NotProcessed(Base):
    model_config = ConfigDict(title="（五）不予处理")

    complaints: Applicants = row("1.信访举报投诉类申请")
    repeated: Applicants = row("2.重复申请")
    publications: Applicants = row("3.要求提供公开出版物")
    mass_repeated: Applicants = row("4.无正当理由大量反复申请")
    confirmation: Applicants = row("5.要求行政机关确认或重新出具已获取信息")


class OtherHandling(Base):
    model_config = ConfigDict(title="（六）其他处理")

    no_correction: Applicants = row("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请")
    fee_unpaid: Applicants = row("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请")
    other: Applicants = row("3.其他")


class OtherHandlingRow(Applicants):
    """（六）其他处理 as one row without sub-rows: the 2019 trial format's only form, and how many
    published national-2021 reports print it."""

    model_config = ConfigDict(title="（六）其他处理（一行）")


ONE_ROW, SUB_ROWS = "一行", "三个子行"
"""The tags of （六）'s two forms; Pydantic puts them into error locations (they are not JSON keys)."""


def _other_handling_form(value: Any) -> str | None:
    """Return which form of （六） `value` is written in: a row of 7 numbers, or the three sub-rows."""
    if isinstance(value, list | OtherHandlingRow):
        return ONE_ROW
    if isinstance(value, OtherHandling):
        return SUB_ROWS
    if not isinstance(value, dict):
        return None
    sub_rows, columns = set(OtherHandling.model_fields), set(Applicants.model_fields)
    if value.keys() & (sub_rows - columns):
        return SUB_ROWS
    if value.keys() & (columns - sub_rows):
        return ONE_ROW
    shared = value.get("other")  # 3.其他 (a row) or the column 其他 (a number)
    return SUB_ROWS if shared is None or isinstance(shared, list | dict) else ONE_ROW


OtherHandlingEither = Annotated[
    Annotated[OtherHandling, Tag(SUB_ROWS)] | Annotated[OtherHandlingRow, Tag(ONE_ROW)],
    Discriminator(
        _other_handling_form,
        custom_error_type="other_handling_form",
        custom_error_message="应为一行 7 个数字（[…] 或 {…}），或三个子行（{…}）",
    ),
]
"""（六）其他处理 in national-2021: the three sub-rows of the format, or one row as many reports print it."""


class Results(Base):
    model_config = ConfigDict(title="三、本年度办理结果")

    disclosed: Applicants = row("（一）予以公开")
    partially_disclosed: Applicants = row("（二）部分公开（区分处理的，只计这一情形，不计其他情形）")
    not_disclosed: NotDisclosed = Field(title="（三）不予公开")
    unable: UnableToProvide = Field(title="（四）无法提供")
    not_processed: NotProcessed = Field(title="（五）不予处理")
    other_handling: OtherHandlingEither = Field(
        title="（六）其他处理", description="三个子行的对象，或者一行 7 个数字（不分子行的报告）"
    )
    total: Applicants = row("（七）总计")

    GROUPS: ClassVar[tuple[str, ...]] = ("not_disclosed", "unable", "not_processed", "other_handling")


class TableB(Base):
    model_config = ConfigDict(title="收到和处理政府信息公开申请情况（表二）")

    new_received: Applicants = row("一、本年新收政府信息公开申请数量")
    carried_over: Applicants = row("二、上年结转政府信息公开申请数量")
    results: Results = Field(title="三、本年度办理结果")
    carried_forward: Applicants = row("四、结转下年度继续办理")


# -- Table C: 四、政府信息公开行政复议、行政诉讼情况 -------------------------------------------------


class Outcomes(Row):
    model_config = ConfigDict(title="结果")

    upheld: Count = cell("结果维持")
    corrected: Count = cell("结果纠正")
    other: Count = cell("其他结果")
    pending: Count = cell("尚未审结")
    total: Count = cell("总计")

    PARTS: ClassVar[tuple[str, ...]] = ("upheld", "corrected", "other", "pending")


class TableC(Base):
    model_config = ConfigDict(title="政府信息公开行政复议、行政诉讼情况（表三）")

    review: Outcomes = Field(
        title="行政复议", description="5 个数字：结果维持、结果纠正、其他结果、尚未审结、总计"
    )
    litigation_direct: Outcomes = Field(title="行政诉讼 › 未经复议直接起诉", description="5 个数字")
    litigation_after_review: Outcomes = Field(title="行政诉讼 › 复议后起诉", description="5 个数字")


# -- the six parts -------------------------------------------------------------------------------


def heading(default: str) -> Any:
    return Field(default=default, title="标题", description=f"默认“{default}”；机关加长标题时可改写")


def content(title: str = "内容") -> Any:
    return Field(
        default_factory=list,
        title=title,
        description="依次排列的段落（文字）、小节（title + text）和图片（image）",
    )


class General(Base):
    model_config = ConfigDict(title="一、总体情况")
    heading: Text = heading("一、总体情况")
    content: list[Block] = content()


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


class Reviews(Base):
    model_config = ConfigDict(title="四、政府信息公开行政复议、行政诉讼情况")
    heading: Text = heading("四、政府信息公开行政复议、行政诉讼情况")
    content: list[Block] = content("表前文字")
    table: TableC = Field(title="表格")


class Problems(Base):
    model_config = ConfigDict(title="五、存在的主要问题及改进情况")
    heading: Text = heading("五、存在的主要问题及改进情况")
    content: list[Block] = content()


class OtherMatters(Base):
    model_config = ConfigDict(title="六、其他需要报告的事项")
    heading: Text = heading("六、其他需要报告的事项")
    content: list[Block] = content()


class Acknowledgement(Base):
    """A failing arithmetic check the publisher's report really contains, printed as published."""

    model_config = ConfigDict(title="确认的检查")

    check: Text = Field(
        title="检查", description="错误信息中方括号里的检查编号，例如 B.balance.natural_person"
    )
    reason: Text = Field(title="理由", description="为什么按原样发布，例如“按已公开的原文照录”")


class Source(Base):
    """One unit's input a compiled report was summed from (`reportgen aggregate`); never printed."""

    model_config = ConfigDict(title="汇总来源")

    file: Text = Field(title="文件", description="单位的输入文件，相对于本文件所在的文件夹")
    sha256: str = Field(
        pattern=r"^[0-9a-f]{64}$", title="SHA-256", description="汇总时该文件的 SHA-256（64 位十六进制）"
    )
    issuer: Text = Field(title="发布机关", description="该单位的发布机关")


class NationalReport(ReportHeader):
    """What the national formats (2019 trial, 2021) share: the six parts and the acknowledgements.

    A format subclass sets `format` and its title, and its own Table A or B where they differ;
    field order (the schema's and `reportgen new`'s key order) stays this class's.
    """

    format: str = Field(title="报告格式")
    preamble: list[Block] = content("前言")
    general: General = Field(title="一、总体情况")
    proactive: Proactive = Field(title="二、主动公开政府信息情况")
    applications: Applications = Field(title="三、收到和处理政府信息公开申请情况")
    reviews: Reviews = Field(title="四、政府信息公开行政复议、行政诉讼情况")
    problems: Problems = Field(title="五、存在的主要问题及改进情况")
    other: OtherMatters = Field(title="六、其他需要报告的事项")
    acknowledged: list[Acknowledgement] = Field(
        default_factory=list,
        title="确认的检查",
        description="照录已公开报告时，确认其中不相符的数字：该检查改为警告，不再阻止生成",
    )
    compiled_from: list[Source] = Field(
        default_factory=list,
        title="汇总自",
        description="reportgen aggregate 写入：汇总的各单位输入文件及其 SHA-256；不印出",
    )

    PARTS: ClassVar[tuple[str, ...]] = (
        "general",
        "proactive",
        "applications",
        "reviews",
        "problems",
        "other",
    )
    """The six parts' field names, in printed order."""

    @property
    def sections(self) -> list[Any]:
        """Return the six parts in printed order."""
        return [getattr(self, name) for name in self.PARTS]


class National2021Report(NationalReport):
    """A report in the national 2021 format."""

    model_config = ConfigDict(
        title="政府信息公开工作年度报告（national-2021 格式，2021 年起）",
        json_schema_extra={"description": "reportgen 的输入文件：一年的报告内容和三张统计表"},
    )

    format: Literal["national-2021"] = Field(title="报告格式", description="固定为 national-2021")

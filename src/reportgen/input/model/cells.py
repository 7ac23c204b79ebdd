"""Table cells and rows shared by the national formats: a count, an amount, a row of them.

A cell is a non-negative number, or `null` for a cell the publisher left blank; a word (“无”, “—”)
is refused with its own message. A row is written as an array of its cells in printed order or as
an object with their names, and its JSON Schema says both.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from typing import Annotated, Any

from annotated_types import Ge
from pydantic import BeforeValidator, Field, GetJsonSchemaHandler, Strict, WithJsonSchema, model_validator
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError

from reportgen.input.model.common import Base

NUMBER_TEXT = re.compile(r"-?\d+(\.\d+)?")
"""A number someone quoted (after NFKC, so full-width digits count): reported as such, not as a word."""


def _no_words(value: Any) -> Any:
    """Refuse a word where a cell's number belongs ("无", "—"); a quoted number goes on to its own message."""
    if isinstance(value, str) and not NUMBER_TEXT.fullmatch(unicodedata.normalize("NFKC", value).strip()):
        raise PydanticCustomError("number_word", "应为数字；没有就写 0")
    return value


Count = Annotated[Annotated[int, Strict(), Ge(0)] | None, BeforeValidator(_no_words)]
"""A table cell: a count (non-negative integer), or null for a blank cell."""


def _not_text(value: Any) -> Any:
    if isinstance(value, str | bool):
        raise PydanticCustomError("decimal_type", "应为数字")
    return value


Amount = Annotated[
    Annotated[
        Decimal,
        BeforeValidator(_not_text),
        Ge(0),
        WithJsonSchema({"type": "number", "minimum": 0}),
    ]
    | None,
    BeforeValidator(_no_words),
]
"""An amount in 万元 (non-negative decimal, never quoted), or null for a blank cell."""


def cell(label: str, description: str = "") -> Any:
    return Field(title=label, description=description or f"{label}；空白单元格写 null")


class Row(Base):
    """A table row whose cells may also be given as an array in printed order."""

    @model_validator(mode="before")
    @classmethod
    def _from_array(cls, value: Any) -> Any:
        if isinstance(value, list):
            names = list(cls.model_fields)
            if len(value) != len(names):
                labels = "、".join(info.title or name for name, info in cls.model_fields.items())
                raise PydanticCustomError(
                    "row_length",
                    "应为 {expected} 个数字（{labels}），实际是 {actual} 个",
                    {"expected": len(names), "labels": labels, "actual": len(value)},
                )
            return dict(zip(names, value, strict=True))
        return value

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        """Return the row's schema: its cells as an array in printed order, or as an object with names."""
        schema = handler(core_schema)
        target = handler.resolve_ref_schema(schema)
        as_object = {key: value for key, value in target.items() if key not in ("title", "description")}
        names = list(cls.model_fields)
        labels = "、".join(info.title or name for name, info in cls.model_fields.items())
        as_array = {
            "type": "array",
            "prefixItems": [as_object["properties"][name] for name in names],
            "items": False,
            "minItems": len(names),
            "maxItems": len(names),
        }
        extra = cls.model_config.get("json_schema_extra")
        described = extra.get("description") if isinstance(extra, dict) else None
        title = target.get("title")
        target.clear()
        target.update(
            title=title,
            description=f"{described or f'{len(names)} 个数字（{labels}）'}；按此顺序写成数组，或写成带字段名的对象",
            oneOf=[as_array, as_object],
        )
        return schema

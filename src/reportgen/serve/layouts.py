"""What the page needs beyond the models' JSON Schema: the printed tables' header bands, and new inputs.

The grids are made from the schema (rows, cells, their Chinese titles); the printed tables also
group some columns under a heading no model field has (表二's 法人或其他组织) and print 表三 across
(its three rows side by side). A new input is either an empty one made from the schema (every
figure blank) or next year's made from last year's (`reportgen new --from`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from reportgen.errors import UsageError
from reportgen.i18n import t
from reportgen.input import MODELS, json_schema
from reportgen.serve.files import Folder, Missing

LAYOUTS: dict[str, Any] = {
    "bands": {
        # a row model → the printed header band above its cells: (label, number of columns)
        "Applicants": [["自然人", 1], ["法人或其他组织", 5], ["总计", 1]],
    },
    "across": ["TableC"],
    "corner": {
        "TableA": "信息内容",
        "TableB": "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
        "TableC": "",
    },
}
"""Printed layout hints by the schema's definition names (the models' class names)."""


def skeleton(report_format: str) -> dict[str, Any]:
    """Return an empty input of `report_format`: every required field present, figures blank (null)."""
    schema = json_schema(report_format)
    defs: dict[str, Any] = dict(schema.get("$defs", {}))  # type: ignore[call-overload]
    data = _empty(schema, defs)
    data["$schema"] = f"../schemas/{report_format}.schema.json"
    data["year"] = dt.date.today().year - 1
    return {"$schema": data.pop("$schema"), **data}


def _empty(node: Any, defs: dict[str, Any]) -> Any:
    if not isinstance(node, dict):
        return None
    if "$ref" in node:
        return _empty(defs[node["$ref"].rsplit("/", 1)[-1]], defs)
    if "const" in node:
        return node["const"]
    if "default" in node:
        return node["default"]
    if "oneOf" in node:
        arrays = [option for option in node["oneOf"] if option.get("type") == "array"]
        if arrays and "prefixItems" in arrays[0]:  # a table row: its cells in printed order
            return [None] * len(arrays[0]["prefixItems"])
        return _empty(node["oneOf"][0], defs)
    kind = node.get("type")
    if kind == "object":
        required = node.get("required", [])
        return {
            key: _empty(value, defs) for key, value in node.get("properties", {}).items() if key in required
        }
    if kind == "array":
        return []
    if kind == "string":
        return ""
    return None


def new_input(folder: Folder, name: Any, source: Any, report_format: Any) -> str:
    """Create DIR/name: next year's from DIR/source (`reportgen new`), else an empty one; return the name.

    Raise UsageError when the name is taken or the format unknown; nothing is written then.
    """
    if not isinstance(name, str):
        raise UsageError(t("文件名应为 名称.json，不含文件夹"))
    target = folder.path(name)
    if target.exists():
        raise UsageError(t("已有同名文件；没有保存。请换一个文件名"), path=name)
    if isinstance(source, str) and source:
        from reportgen.pipeline import new_year

        origin = folder.path(source)
        if not origin.is_file():
            raise Missing(t("找不到这个文件"), path=source)
        new_year(origin, target)
        return name
    if report_format not in MODELS:
        raise UsageError(t("要保存的内容没有已知的报告格式（format）"))
    folder.save(name, skeleton(str(report_format)), None)
    return name

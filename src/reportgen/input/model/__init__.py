"""Pydantic input models, one module per report format; no I/O here."""

from __future__ import annotations

from reportgen.input.model.common import Base, ReportHeader, Signature
from reportgen.input.model.legacy import BLOCK_TAGS, Figure, LegacyReport, Section, Subsection
from reportgen.input.model.national_2019 import National2019Report
from reportgen.input.model.national_2021 import ONE_ROW, SUB_ROWS, National2021Report, NationalReport

Report = LegacyReport | National2019Report | National2021Report
"""Any validated report."""

MODELS: dict[str, type[ReportHeader]] = {
    "legacy": LegacyReport,
    "national-2019": National2019Report,
    "national-2021": National2021Report,
}
"""Report format name → its model, oldest format first."""

UNION_TAGS = frozenset((*BLOCK_TAGS, ONE_ROW, SUB_ROWS))
"""Discriminator tags Pydantic puts into error locations; they are not JSON keys."""

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def json_schema(report_format: str) -> dict[str, object]:
    """Return the JSON Schema of input files of `report_format`, with Chinese titles and descriptions."""
    schema = MODELS[report_format].model_json_schema(by_alias=True)
    return {"$schema": SCHEMA_DIALECT, **schema}


__all__ = [
    "MODELS",
    "UNION_TAGS",
    "json_schema",
    "Base",
    "Figure",
    "LegacyReport",
    "National2019Report",
    "National2021Report",
    "NationalReport",
    "Report",
    "ReportHeader",
    "Section",
    "Signature",
    "Subsection",
]

"""Make `presets.json` (the package's preset shape table) from ECMA-376's presetShapeDefinitions.xml.

Usage: python -m reportgen.docx.shapes.make_presets [presetShapeDefinitions.xml] [out.json]
(defaults: ../shared/reference/ooxml/presetShapeDefinitions.xml beside the repository, and the
package's presets.json). Deterministic: the same XML gives the same bytes, one shape a line.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from lxml import etree

from reportgen.docx.shapes.geometry import read_geometry

HERE = Path(__file__).resolve().parent
SOURCE = HERE.parents[3].parent / "shared" / "reference" / "ooxml" / "presetShapeDefinitions.xml"
TARGET = HERE / "presets.json"


def presets_json(xml: bytes) -> bytes:
    """Return the preset table (JSON, shapes in the file's order) of a presetShapeDefinitions.xml."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)
    root = etree.fromstring(xml, parser=parser)
    lines = []
    for shape in root:
        if not isinstance(shape.tag, str):
            continue
        data = json.dumps(read_geometry(shape), separators=(",", ":"), ensure_ascii=True)
        lines.append(f"{json.dumps(shape.tag)}:{data}")
    return ("{\n" + ",\n".join(lines) + "\n}\n").encode("ascii")


def main(argv: list[str] | None = None) -> int:
    """Write the table; return 0."""
    args = sys.argv[1:] if argv is None else argv
    source = Path(args[0]) if args else SOURCE
    target = Path(args[1]) if len(args) > 1 else TARGET
    target.write_bytes(presets_json(source.read_bytes()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

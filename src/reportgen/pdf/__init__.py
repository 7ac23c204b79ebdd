"""The PDF stage: HTML+CSS → PDF bytes with WeasyPrint and reportgen's layout extensions (engine/).

The names below load WeasyPrint (~0.5 s) on first use, not on `import reportgen.pdf`, so that
`reportgen.pdf.libraries` can prepare its loading first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reportgen.pdf.render import (
        FONT_CONFIGURATIONS,
        PDF_VARIANTS,
        SLOW_SUBSET,
        Attachment,
        Pdf,
        html_to_pdf,
    )

__all__ = ["FONT_CONFIGURATIONS", "PDF_VARIANTS", "SLOW_SUBSET", "Attachment", "Pdf", "html_to_pdf"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from reportgen.pdf import render

        return getattr(render, name)
    raise AttributeError(f"module 'reportgen.pdf' has no attribute {name!r}")

"""WeasyPrint extended for Word's CJK layout, entered only through `extended_layout()` around a render.

Inside the block, for the calling thread only: Chinese lines justify between characters
(justify), sentence punctuation hangs and Latin text takes whole grid cells (hanging), Pango's
missing break opportunities are mended (breaks), tabs reach Word's tab stops (tabs). The hints
these read come from the converter through reportgen.hints. Outside the block — other threads,
other users of WeasyPrint in the process, after the block — WeasyPrint behaves as shipped
(patches.py says how). All state is per render (state.RenderState).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager

import weasyprint

from reportgen.errors import PdfError
from reportgen.hints import LayoutOptions
from reportgen.i18n import t
from reportgen.pdf.engine.patches import INSTALLATION, MissingInternal
from reportgen.pdf.engine.state import CURRENT, RenderState, Widths

SUPPORTED_WEASYPRINT = "70.0"
"""The WeasyPrint release the extensions were written for and tested with (pyproject pins it)."""


def check_version(installed: str | None = None) -> None:
    """Raise PdfError unless WeasyPrint is the release the extensions were written for."""
    installed = installed or weasyprint.__version__
    if installed != SUPPORTED_WEASYPRINT:
        raise PdfError(
            t(
                "reportgen 的排版扩展是为 WeasyPrint {supported} 编写的，本机安装的是 {installed}；"
                "请运行 make setup（或 pip install weasyprint=={supported}）",
                supported=SUPPORTED_WEASYPRINT,
                installed=installed,
            )
        )


@contextmanager
def extended_layout(options: LayoutOptions, widths: Widths | None = None) -> Iterator[RenderState]:
    """Within the block, WeasyPrint lays out and writes with reportgen's extensions, for this thread.

    `widths`: the widths measured in earlier renders with the same font configuration (a dict the
    caller keeps with it and that no other render uses at the same time), else measured anew.
    Raise PdfError when WeasyPrint is not the supported release or lacks an internal the
    extensions replace. WeasyPrint is restored on leaving, error or not.
    """
    check_version()
    state = RenderState(options, widths={} if widths is None else widths)
    with ExitStack() as stack:
        try:
            stack.enter_context(INSTALLATION.active())
        except MissingInternal as exc:
            raise PdfError(
                t(
                    "WeasyPrint {version} 缺少 reportgen 排版扩展所需的内部函数 {name}",
                    version=weasyprint.__version__,
                    name=str(exc),
                )
            ) from exc
        stack.callback(CURRENT.reset, CURRENT.set(state))
        yield state


__all__ = ["SUPPORTED_WEASYPRINT", "RenderState", "Widths", "check_version", "extended_layout"]

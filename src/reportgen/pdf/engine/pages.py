"""Page starts: which breaks count as forced, so that a paragraph's space before drops after a natural one."""

from __future__ import annotations

from typing import Any

from reportgen.pdf.engine.state import RenderState


def make_page(
    state: RenderState,
    original: Any,
    context: Any,
    root_box: Any,
    page_type: Any,
    resume_at: Any,
    page_number: int,
    page_state: Any,
) -> Any:
    """WeasyPrint's make_page, with the page's break counted as forced only when it is.

    WeasyPrint (70) takes a page break as forced whenever the content carries a page name, and the
    converter names every section's page (its size and margins): so the space before of a paragraph
    that a natural break moves to the top of a page stayed (case13's headings: 24 pt), where Word drops
    it. A break is forced when the content asked for it (break-before) or the page name changes.
    """
    if page_number > 1 and context.forced_break:
        this, previous = context.page_maker[page_number - 1][1], context.page_maker[page_number - 2][1]
        if this["break"] == "any" and this["page"] == previous["page"]:
            context.forced_break = False
    return original(context, root_box, page_type, resume_at, page_number, page_state)

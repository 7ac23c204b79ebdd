"""Walking WeasyPrint's line boxes: text boxes in order, a line's edges, the classes of spans."""

from __future__ import annotations

from weasyprint.formatting_structure import boxes

from reportgen.hints import Class


def is_east_asian(char: str) -> bool:
    """Return True for characters Word lays out on the East Asian grid (ideographs, kana, CJK punctuation)."""
    code = ord(char)
    return (
        0x2E80 <= code <= 0x9FFF  # radicals, CJK symbols and punctuation, kana, ideographs
        or 0xAC00 <= code <= 0xD7AF  # Hangul
        or 0xF900 <= code <= 0xFAFF  # compatibility ideographs
        or 0xFE30 <= code <= 0xFE6F  # vertical and small forms (﹝﹞)
        or 0xFF00 <= code <= 0xFFEF  # full-width forms
        or 0x2010 <= code <= 0x206F  # quotes, dashes, ellipsis as used in Chinese text
        or 0x20000 <= code <= 0x3FFFF  # ideograph extensions
    )


def text_boxes(box: boxes.Box) -> list[boxes.TextBox | None]:
    """Return the line's boxes in order: text boxes, and None for anything that breaks the text."""
    if isinstance(box, boxes.TextBox):
        return [box]
    if isinstance(box, (boxes.LineBox, boxes.InlineBox)):
        return [item for child in box.children if child.is_in_normal_flow() for item in text_boxes(child)]
    return [None]


def edge(box: boxes.Box, last: bool) -> list[boxes.Box]:
    """Return `box` and its first (or last) in-flow child, that child's, … down to a leaf."""
    chain = [box]
    while isinstance(box, (boxes.LineBox, boxes.InlineBox)):
        children = [child for child in box.children if child.is_in_normal_flow()]
        if not children:
            break
        box = children[-1] if last else children[0]
        chain.append(box)
    return chain


def last_text_box(box: boxes.Box) -> boxes.TextBox | None:
    """Return the text box `box` ends with, or None when it ends with something else."""
    leaf = edge(box, last=True)[-1]
    return leaf if isinstance(leaf, boxes.TextBox) else None


def has_class(box: boxes.Box, name: Class) -> bool:
    """Return True for an inline box (a span) whose element has the class `name`."""
    element = getattr(box, "element", None)
    return (
        isinstance(box, boxes.InlineBox)
        and element is not None
        and name in (element.get("class") or "").split()
    )


def is_auto_space(box: boxes.Box) -> bool:
    """Return True for a span whose margin is the East Asian/Latin auto space."""
    return has_class(box, Class.AUTO_SPACE)


def is_tab_span(box: boxes.Box) -> bool:
    """Return True for the span of a tab character."""
    return has_class(box, Class.TAB)


def trailing_auto_spaces(box: boxes.Box) -> list[boxes.InlineBox]:
    """Return the spans with an auto space after them (right margin) that end `box`."""
    return [item for item in edge(box, last=True) if item.margin_right and is_auto_space(item)]

"""Filled .docx → HTML+CSS that WeasyPrint lays out like Word (see docs/converter.md)."""

from reportgen.docx.document import HtmlDocument, docx_to_html

__all__ = ["HtmlDocument", "docx_to_html"]

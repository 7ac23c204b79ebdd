"""reportgen: 政府信息公开工作年度报告 from one JSON file to a Word file and a release PDF."""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

__all__ = ["RenderResult", "__version__", "render"]


def __getattr__(name: str) -> Any:
    # Lazy: importing the pipeline loads WeasyPrint (~0.4 s); `reportgen --help` must not wait.
    if name in ("render", "RenderResult"):
        from reportgen import pipeline

        return getattr(pipeline, name)
    raise AttributeError(name)

"""reportgen: 政府信息公开工作年度报告 from one JSON file to a Word file and a release PDF."""

import logging

__version__ = "0.1.0"

logging.getLogger("reportgen").addHandler(logging.NullHandler())

from reportgen.pipeline import RenderResult, render  # noqa: E402

__all__ = ["RenderResult", "__version__", "render"]

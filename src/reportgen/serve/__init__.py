"""`reportgen serve`: the office's web page — the reports of a folder, a form made from the input
models, live checks in `validate`'s words, a live preview, saving as a person writes JSON.

  files.py    DIR and the names in it: the list, reading, versions, saving atomically
  checks.py   the problems `validate` reports, placed at their field or table cell
  preview.py  the warm render (the pipeline's stages in this process), one worker, page images
  layouts.py  the printed tables' header bands; new inputs (empty, or next year's)
  page.py     the page's HTML and its words (through reportgen.i18n)
  app.py      the Starlette application: token, size limits, the HTTP API
  server.py   bind the address, make the token, run uvicorn
  static/     the page's own scripts and style sheet (no third-party code, nothing from a CDN)

Modules import each other by their own names, never through this file.
"""

from __future__ import annotations

from reportgen.serve.server import DEFAULT_PORT, LOOPBACK, Server, is_loopback, prepare

__all__ = ["DEFAULT_PORT", "LOOPBACK", "Server", "is_loopback", "prepare"]

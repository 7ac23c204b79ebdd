"""The optional second PDF engine: LibreOffice (`soffice --headless --convert-to pdf`).

Never required: it is the fidelity yardstick and a fallback for users who have it. It prints with
the same stand-in fonts as our own engine (a fontconfig alias file made from the font map). Its
PDFs are not reproducible: LibreOffice writes the current time and a random /ID.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from io import BytesIO
from pathlib import Path

from reportgen.errors import PdfError
from reportgen.fonts import FontMap, fontconfig_aliases
from reportgen.i18n import t
from reportgen.pdf import Pdf

TIMEOUT = 300
FONT_TAG = re.compile(rb"<w:rFonts\b[^>]*>")
FONT_ATTR = re.compile(rb'w:(?:ascii|hAnsi|eastAsia|cs)="([^"]+)"')


def soffice() -> str | None:
    """Return the path of LibreOffice's soffice, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def faces_named(docx: bytes) -> set[str]:
    """Return every font face a .docx names in its styles, body, headers and footers."""
    names: set[str] = set()
    with zipfile.ZipFile(BytesIO(docx)) as package:
        for name in package.namelist():
            if name.startswith("word/") and name.endswith(".xml"):
                for tag in FONT_TAG.findall(package.read(name)):
                    names |= {m.decode("utf-8") for m in FONT_ATTR.findall(tag)}
    return names


def convert(docx: bytes, fonts: FontMap) -> Pdf:
    """Return LibreOffice's PDF of `docx`; raise PdfError when LibreOffice is missing or fails."""
    exe = soffice()
    if exe is None:
        raise PdfError(
            t("没有安装 LibreOffice（soffice），无法使用 --pdf-engine libreoffice；不加此选项即用内置引擎")
        )
    with tempfile.TemporaryDirectory(prefix="reportgen-lo-") as name:
        tmp = Path(name)
        source = tmp / "document.docx"
        source.write_bytes(docx)
        conf = tmp / "fonts.conf"
        conf.write_text(fontconfig_aliases(fonts, faces_named(docx)), encoding="utf-8")
        env = {**os.environ, "FONTCONFIG_FILE": str(conf), "HOME": str(tmp)}
        command = [
            exe,
            "--headless",
            "--norestore",
            f"-env:UserInstallation=file://{tmp}/profile",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp),
            str(source),
        ]
        try:
            subprocess.run(command, env=env, capture_output=True, timeout=TIMEOUT, check=True)
            data = (tmp / "document.pdf").read_bytes()
        except (OSError, subprocess.SubprocessError) as exc:
            raise PdfError(t("LibreOffice 转换失败：{error}", error=exc)) from exc
    pages = len(re.findall(rb"/Type\s*/Page(?![s\w])", data))
    return Pdf(data, pages)

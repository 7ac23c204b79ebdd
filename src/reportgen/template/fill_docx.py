"""Template + context → filled .docx bytes, through docxtpl in a sandboxed, escaping Jinja."""

from __future__ import annotations

import io
import os
import re
import zipfile
from pathlib import Path
from typing import Any

import jinja2
from docx.image.image import Image
from docx.opc.exceptions import PackageNotFoundError
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from jinja2.exceptions import SecurityError
from lxml import etree

from reportgen import pictures
from reportgen.docx.package import safe_parser
from reportgen.errors import InputError, TemplateError
from reportgen.i18n import t
from reportgen.limits import LimitExceeded, check_deadline
from reportgen.template.budget import TemplateLimit
from reportgen.template.context import ImageRef
from reportgen.template.sandbox import Sandbox, make_environment
from reportgen.template.scan import read_template

ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def open_template(path: Path, data: bytes | None = None) -> DocxTemplate:
    """Return the docxtpl template at `path` (or `data`, its repaired bytes); raise TemplateError if unreadable."""
    if data is None:
        data = read_template(path).docx
    try:
        tpl = DocxTemplate(io.BytesIO(data))
        tpl.init_docx()
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise TemplateError(t("模板不是有效的 Word（.docx）文件，或文件已损坏"), path=path) from exc
    return tpl


def fill(path: Path, context: dict[str, Any], properties: dict[str, Any], data: bytes | None = None) -> bytes:
    """Return the .docx bytes of template `path` filled with `context`.

    `data` is the template already read and repaired by `check_template` (read from `path` if None).
    `properties` become the document's core properties (title, author, created, ...); whatever
    the template carried there (its author, revision, dates, python-docx's defaults) is dropped.
    Raise TemplateError naming the template and the place for any template fault.
    """
    tpl = open_template(path, data)
    ctx = _with_images(tpl, context)
    env = make_environment()
    try:
        check_deadline()
        tpl.render(ctx, jinja_env=env, autoescape=True)
    except TemplateLimit as exc:
        part = str(getattr(getattr(tpl, "current_rendering_part", None), "partname", "")).lstrip("/")
        message = _one_line("模板超出限制", exc, exc.message or str(exc), env, part)
        raise TemplateError(message, path=path) from exc
    except LimitExceeded as exc:
        raise TemplateError(t("模板超出限制") + "：" + exc.message, path=path) from exc
    except RecursionError as exc:
        detail = t("调用嵌套超过 {limit} 层的上限（宏或循环在递归调用自己？）", limit="Python")
        raise TemplateError(_one_line("模板超出限制", exc, detail, env), path=path) from exc
    except TemplateError as exc:  # a filter refused its value
        raise TemplateError(exc.message, path=path) from exc
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(_one_line("模板语法错误", exc, exc.message or str(exc)), path=path) from exc
    except jinja2.UndefinedError as exc:
        raise TemplateError(_one_line("模板使用了输入中没有的变量", exc, _undefined(exc)), path=path) from exc
    except jinja2.TemplateNotFound as exc:
        message = t("模板不能引用其他文件（include、import、extends）：模板只能使用报告数据")
        raise TemplateError(message, path=path) from exc
    except (SecurityError, OverflowError) as exc:
        raise TemplateError(
            _one_line("模板试图访问不允许的内容（模板在沙箱中运行）", exc, str(exc), env), path=path
        ) from exc
    except (ArithmeticError, ValueError, TypeError, etree.LxmlError) as exc:  # a filter, a literal, docxtpl's XML
        plain = isinstance(exc, ArithmeticError) or not str(exc)  # decimal's message is a class list
        detail = type(exc).__name__ if plain else f"{type(exc).__name__}: {exc}"
        raise TemplateError(_one_line("模板填写失败", exc, detail, env), path=path) from exc
    check_deadline()
    core = tpl.docx.core_properties
    for element in list(core._element):  # python-docx has no public "clear"
        core._element.remove(element)
    for key, value in properties.items():
        setattr(core, key, value)
    buffer = io.BytesIO()
    tpl.save(buffer)
    return normalise_zip(buffer.getvalue())


def _with_images(tpl: DocxTemplate, value: Any) -> Any:
    """Return `value` with every ImageRef replaced by an InlineImage bound to `tpl`.

    The picture is read again here, without following a link, within the limits (validation
    checked it; it may have changed since), and python-docx must recognise it.
    """
    if isinstance(value, ImageRef):
        path = Path(os.path.normpath(os.path.abspath(value.path)))
        try:
            data = pictures.read_regular(path)
            Image.from_blob(data)  # python-docx reads the header now, not in the middle of the fill
        except LimitExceeded as exc:
            raise InputError(exc.message, path=value.path) from exc
        except OSError as exc:
            reason = exc.strerror or type(exc).__name__
            raise InputError(t("无法读取图片文件（{reason}）", reason=reason), path=value.path) from exc
        except Exception as exc:  # python-docx's UnrecognizedImageError and its parsers' errors
            name = value.path.name
            raise InputError(t("{name} 不是可用的图片（{kinds}）", name=name, kinds=pictures.KINDS), path=value.path) from exc
        width = Mm(value.width_mm) if value.width_mm else None
        return InlineImage(tpl, io.BytesIO(data), width=width)
    if isinstance(value, dict):
        return {k: _with_images(tpl, v) for k, v in value.items()}
    if isinstance(value, list):
        return [_with_images(tpl, v) for v in value]
    return value


def _one_line(summary: str, exc: Exception, detail: str, env: Sandbox | None = None, part: str = "") -> str:
    """Return 'summary（near “…”）：detail' on one line, near the template text docxtpl reports
    (a syntax error) or the line of the template the error was raised on (a runtime error), else
    naming the template's `part` (word/document.xml) when it is known."""
    context = getattr(exc, "docx_context", None)
    if context is None and env is not None:
        context = _runtime_context(exc, env.source)
    text = " ".join(re.sub(r"<[^>]+>", "", str(line)).strip() for line in context or [] if str(line).strip())
    text = " ".join(text.split())
    near = t("（在“{text}”附近）", text=text[:80]) if text else t("（在 {part} 中）", part=part) if part else ""
    return f"{t(summary)}{near}：{detail}"


def _runtime_context(exc: BaseException, source: str) -> list[str]:
    """Return the line of `source` (docxtpl's XML of the part: a paragraph a line) being run when
    `exc` was raised, from the frames Jinja gives the template's line numbers."""
    line, tb = 0, exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    lines = source.splitlines()
    return [lines[line - 1]] if 0 < line <= len(lines) else []


def _undefined(exc: jinja2.UndefinedError) -> str:
    """Return the name a template used that the context does not have."""
    message = str(exc.message)
    match = re.fullmatch(r"'(.+)' is undefined", message) or re.search(r"has no attribute '(.+)'", message)
    return match.group(1) if match else message


CONTENT_TYPES = "[Content_Types].xml"
PACKAGE_RELS = "_rels/.rels"
THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"
APP_XML = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    b"<Application>reportgen</Application></Properties>"
)
"""Extended properties: the template's own (editing time, word counts, Word version) describe the
template, not the report, so they are replaced."""


def normalise_zip(data: bytes) -> bytes:
    """Return the .docx in a reproducible form: equal input gives equal bytes.

    Entries in a fixed order ([Content_Types].xml, _rels/.rels, then by name) with fixed
    timestamps and attributes; no thumbnail (python-docx's default template has one);
    extended properties reduced to the application name.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        entries = {item.filename: src.read(item.filename) for item in src.infolist()}
    _drop_thumbnails(entries)
    if "docProps/app.xml" in entries:
        entries["docProps/app.xml"] = APP_XML
    first = [name for name in (CONTENT_TYPES, PACKAGE_RELS) if name in entries]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for name in first + sorted(set(entries) - set(first)):
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            dst.writestr(info, entries[name])
    return out.getvalue()


def _drop_thumbnails(entries: dict[str, bytes]) -> None:
    """Remove thumbnail parts, their package relationships and content-type overrides."""
    if PACKAGE_RELS not in entries:
        return
    rels = etree.fromstring(entries[PACKAGE_RELS], parser=safe_parser())
    dropped = []
    for rel in list(rels):
        if rel.get("Type") == THUMBNAIL:
            rels.remove(rel)
            dropped.append((rel.get("Target") or "").lstrip("/"))
    if not dropped:
        return
    entries[PACKAGE_RELS] = _xml_bytes(rels)
    for name in dropped:
        entries.pop(name, None)
    if CONTENT_TYPES in entries:
        types = etree.fromstring(entries[CONTENT_TYPES], parser=safe_parser())
        for override in list(types):
            if (override.get("PartName") or "").lstrip("/") in dropped:
                types.remove(override)
        entries[CONTENT_TYPES] = _xml_bytes(types)


def _xml_bytes(element: Any) -> bytes:
    return bytes(etree.tostring(element, xml_declaration=True, encoding="UTF-8", standalone=True))

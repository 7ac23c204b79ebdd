"""The page's HTML and its words: every string the page shows goes through `t()` (English: en_serve.py).

The words travel to the scripts as a JSON block (not a script: the Content-Security-Policy allows
only the package's own script files).
"""

from __future__ import annotations

import html
import json

from reportgen import __version__
from reportgen.i18n import language, t
from reportgen.serve.files import Folder


def strings() -> dict[str, str]:
    """Return the page's words in the current language, by the key the scripts use; `{name}` in a
    word is filled in by the scripts."""
    return {
        "app": t("政府信息公开工作年度报告"),
        "subtitle": t("填写与预览"),
        "files": t("报告文件"),
        "folder": t("文件夹"),
        "name": t("文件"),
        "issuer": t("发布机关"),
        "year": t("年度"),
        "format": t("格式"),
        "state": t("状态"),
        "rendered": t("最近生成"),
        "valid": t("检查通过"),
        "errors": t("{count} 处错误", count="{count}"),
        "warnings": t("{count} 条提示", count="{count}"),
        "unreadable": t("无法打开"),
        "open": t("打开"),
        "new": t("新建报告"),
        "newName": t("新文件名"),
        "newEmpty": t("空白报告，格式"),
        "newFrom": t("由上年的报告生成"),
        "create": t("创建"),
        "back": t("返回列表"),
        "save": t("保存"),
        "saved": t("已保存"),
        "unsaved": t("有未保存的修改"),
        "overwrite": t("仍然保存（覆盖磁盘上的文件）"),
        "reopen": t("重新打开"),
        "renderFiles": t("生成 Word 和 PDF"),
        "renderedTo": t("已写出 {docx} 和 {pdf}（{pages} 页）", docx="{docx}", pdf="{pdf}", pages="{pages}"),
        "preview": t("预览"),
        "previewWaiting": t("正在生成预览…"),
        "previewReady": t("已更新（{pages} 页，{seconds} 秒）", pages="{pages}", seconds="{seconds}"),
        "previewFailed": t("预览没有更新：请先改正错误"),
        "checkOk": t("检查通过"),
        "checkErrors": t("{count} 处错误", count="{count}"),
        "checkWarnings": t("{count} 条提示", count="{count}"),
        "errorsHeading": t("错误"),
        "warningsHeading": t("提示"),
        "acknowledge": t("确认按原样发布"),
        "ackReason": t("按已公开的原文照录"),
        "addParagraph": t("添加段落"),
        "addSubsection": t("添加小节"),
        "addFigure": t("添加图片"),
        "addItem": t("添加一项"),
        "addLine": t("添加一行"),
        "remove": t("删除"),
        "up": t("上移"),
        "down": t("下移"),
        "paragraph": t("段落"),
        "blankHint": t("空白单元格印为空白，按 0 计算"),
        "pasteHint": t("可从 Excel/WPS 复制一块数字，在单元格中粘贴"),
        "loadFailed": t("无法打开这个文件"),
        "leave": t("有未保存的修改，确定离开？"),
        "general": t("基本信息"),
    }


def html_page(folder: Folder) -> str:
    """Return the page (list and editor, one document; the scripts switch between them)."""
    words = strings()
    lang = "en" if language() == "en" else "zh-CN"
    data = json.dumps(
        {"strings": words, "version": __version__, "folder": str(folder.root)}, ensure_ascii=False
    ).replace("</", "<\\/")
    e = html.escape
    return f"""<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(words["app"])} · reportgen</title>
<link rel="stylesheet" href="/static/app.css">
<script type="application/json" id="boot">{data}</script>
<script src="/static/common.js" defer></script>
<script src="/static/grid.js" defer></script>
<script src="/static/form.js" defer></script>
<script src="/static/live.js" defer></script>
<script src="/static/app.js" defer></script>
</head>
<body>
<header class="masthead">
  <div class="brand"><span class="seal" aria-hidden="true">报</span>
    <span class="brand-text">{e(words["app"])}<small>{e(words["subtitle"])}</small></span></div>
  <div class="file-title" id="file-title"></div>
  <div class="actions" id="actions" hidden>
    <span class="save-state" id="save-state"></span>
    <button type="button" id="save" class="primary">{e(words["save"])}</button>
    <button type="button" id="render">{e(words["renderFiles"])}</button>
    <button type="button" id="back">{e(words["back"])}</button>
  </div>
</header>
<div class="banner" id="banner" hidden></div>
<main id="list-view" class="list-view">
  <h1>{e(words["files"])}</h1>
  <p class="folder">{e(words["folder"])}：<code>{e(str(folder.root))}</code></p>
  <table class="files"><thead><tr>
    <th>{e(words["name"])}</th><th>{e(words["issuer"])}</th><th>{e(words["year"])}</th>
    <th>{e(words["format"])}</th><th>{e(words["state"])}</th><th>{e(words["rendered"])}</th><th></th>
  </tr></thead><tbody id="file-rows"></tbody></table>
  <form class="new-file" id="new-file">
    <h2>{e(words["new"])}</h2>
    <label>{e(words["newName"])} <input name="name" required pattern="[^/\\\\]+\\.json" placeholder="2025.json"></label>
    <label><input type="radio" name="kind" value="empty" checked> {e(words["newEmpty"])}
      <select name="format"><option>national-2021</option><option>national-2019</option><option>legacy</option></select></label>
    <label><input type="radio" name="kind" value="from"> {e(words["newFrom"])} <select name="from" id="new-from"></select></label>
    <button type="submit" class="primary">{e(words["create"])}</button>
  </form>
</main>
<main id="edit-view" class="edit-view" hidden>
  <div class="form-pane" id="form-pane">
    <div class="check-summary" id="check-summary"></div>
    <form id="form" autocomplete="off" spellcheck="false"></form>
  </div>
  <aside class="preview-pane" id="preview-pane">
    <div class="preview-head"><strong>{e(words["preview"])}</strong>
      <span id="preview-state" class="preview-state"></span>
      <span class="downloads"><a id="download-docx" class="download" hidden>.docx</a>
      <a id="download-pdf" class="download" hidden>PDF</a></span></div>
    <div class="pages" id="pages"></div>
  </aside>
</main>
<div class="cell-note" id="cell-note" role="status" hidden></div>
</body>
</html>
"""

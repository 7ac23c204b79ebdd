"""`reportgen serve` in a real browser: Debian's Chromium, headless, driven by Playwright.

The scenario of issue 18: open a report, break a sum in Table B and see the message at that cell,
fix it, see the preview change, paste rows from a spreadsheet, save, and compare the file on disk.
`make screenshots` (REPORTGEN_SCREENSHOTS=1) keeps the screenshots in docs/screenshots/ for the
README and prints the edit → preview times and the server's peak memory.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():  # `make test` installs it (scripts/setup-system.sh); skip only where it is absent
    pytest.skip("Debian's chromium is not installed", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")

FLAGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage", "--font-render-hinting=none",
]  # fmt: skip
SHOTS = ROOT / "docs" / "screenshots"
HUAIAN = ROOT / "inputs" / "2024-huaian.json"
CELL = 'input.cell[data-place="{}"]'
B = "applications/table/"


class Served:
    def __init__(self, folder: Path) -> None:
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        env.pop("SOURCE_DATE_EPOCH", None)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "reportgen", "serve", str(folder), "--port", "0"],
            cwd=folder.parent, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
        )  # fmt: skip
        assert self.process.stdout is not None
        lines = [self.process.stdout.readline() for _ in range(3)]
        found = re.search(r"(http://127\.0\.0\.1:\d+/\?token=\S+)", lines[1])
        assert found, lines
        self.address = found.group(1)
        self.base = self.address.split("/?")[0]

    def peak_rss_mb(self) -> float:
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        return int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024  # type: ignore[union-attr]

    def stop(self) -> tuple[int, str]:
        self.process.send_signal(signal.SIGINT)
        _, err = self.process.communicate(timeout=30)
        return self.process.returncode, err


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    folder = tmp_path / "inputs"
    folder.mkdir()
    shutil.copy(HUAIAN, folder / "2024-huaian.json")
    shutil.copy(ROOT / "inputs" / "2020-example.json", folder / "2020-example.json")
    server = Served(folder)
    yield server
    if server.process.poll() is None:
        server.process.kill()
        server.process.communicate()


@pytest.fixture
def page(tmp_path: Path) -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        context = browser.new_context(
            viewport={"width": 1500, "height": 940}, locale="zh-CN", bypass_csp=True
        )  # the page forbids eval; wait_for_function needs it
        context.grant_permissions(["clipboard-read", "clipboard-write"])
        yield context.new_page()
        context.close()
        browser.close()


def shot(page: Any, name: str, tmp: Path, **options: Any) -> None:
    folder = SHOTS if os.environ.get("REPORTGEN_SCREENSHOTS") else tmp
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / name), **options)


def type_into(page: Any, place: str, text: str) -> None:
    cell = page.locator(CELL.format(place))
    cell.click()
    cell.press("Control+A")
    cell.type(text, delay=30)


def paste(page: Any, place: str, text: str) -> None:
    """Paste as from Excel/WPS: the clipboard holds tab-separated text, Ctrl-V in the focused cell."""
    page.evaluate("text => navigator.clipboard.writeText(text)", text)
    page.locator(CELL.format(place)).click()
    page.keyboard.press("Control+V")


def preview_shown_after(page: Any, previous: str | None) -> str:
    page.wait_for_function(
        "previous => { const p = document.getElementById('pages'); return p.dataset.shown && p.dataset.shown !== previous; }",
        arg=previous,
        timeout=30_000,
    )
    return str(page.locator("#pages").get_attribute("data-shown"))


def test_edit_check_preview_paste_and_save(served: Served, page: Any, tmp_path: Path) -> None:
    source = tmp_path / "inputs" / "2024-huaian.json"
    page.goto(served.address)
    page.wait_for_selector('tr[data-name="2024-huaian.json"]')
    assert page.url == served.base + "/"  # the token went into a cookie, out of the address bar
    row = page.locator('tr[data-name="2024-huaian.json"]')
    assert row.locator("td").nth(1).inner_text() == "淮安市人民政府"
    assert row.locator(".badge").inner_text() == "检查通过"
    shot(page, "01-list.png", tmp_path)

    row.get_by_role("button", name="打开").click()
    first = preview_shown_after(page, None)
    assert page.locator("#preview-state").inner_text().startswith("已更新（6 页")
    # the printed table's labels: 表二's corner note, bands, group labels
    grid = page.locator('table.grid[data-table="applications/table"]')
    assert "法人或其他组织" in grid.locator("thead").inner_text()
    assert grid.locator("th.group").first.inner_text().replace("\n", "") == "三、本年度办理结果"
    assert page.locator(CELL.format(B + "new_received/natural_person")).input_value() == "3001"
    shot(page, "02-editor.png", tmp_path)
    page.locator("#part-proactive table.grid").scroll_into_view_if_needed()
    assert page.locator("#part-proactive tr.caption-row").all_inner_texts() == [
        "第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项"
    ]  # fmt: skip
    shot(page, "05-table-a.png", tmp_path)

    # Tab and the arrow keys move between cells
    page.locator(CELL.format(B + "new_received/natural_person")).click()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.place") == B + "new_received/commercial"
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.dataset.place") == B + "carried_over/commercial"

    # break a sum: the message, in validate's words, at the cell
    type_into(page, B + "new_received/natural_person", "3000")
    note = page.locator("#cell-note")
    note.wait_for(state="visible")
    assert note.locator(".msg.error").all_inner_texts() == [
        "三、收到和处理政府信息公开申请情况 › 一、本年新收政府信息公开申请数量: 自然人(3000) + 商业企业(53) + 科研机构(0)"
        " + 社会公益组织(0) + 法律服务机构(61) + 其他(4) = 3118 ≠ 总计(3119) [B.row_total.new_received]",
        "三、收到和处理政府信息公开申请情况 › 自然人: 一(3000) + 二(34) = 3034 ≠ （七）总计(2932) + 四(103) = 3035"
        " [B.balance.natural_person]",
    ]
    assert "error" in str(page.locator(CELL.format(B + "new_received/total")).get_attribute("class"))
    assert page.locator("#check-summary .badge.bad").inner_text() == "2 处错误"
    page.wait_for_selector("#preview-pane.stale")
    shot(page, "03-error-at-the-cell.png", tmp_path)

    # fix it: the message goes, the preview comes back
    type_into(page, B + "new_received/natural_person", "3001")
    note.wait_for(state="hidden")
    assert page.locator("#check-summary .badge.ok").inner_text() == "检查通过"
    fixed = preview_shown_after(page, first)

    # edit the words on page 1: the page image changes
    before = page.request.get(f"{served.base}/api/previews/{fixed}/1.png").body()
    preamble = page.locator('textarea[name="preamble/0"]')
    preamble.click()
    preamble.press("Control+End")
    preamble.type("本报告由网页填写。", delay=40)
    changed = preview_shown_after(page, fixed)
    after = page.request.get(f"{served.base}/api/previews/{changed}/1.png").body()
    assert after != before

    # paste rows copied from a spreadsheet, a blank cell among them
    paste(page, B + "new_received/natural_person", "3002\t53\t0\t0\t61\t4\t3120")
    paste(page, B + "carried_forward/natural_person", "104\t0\t\t0\t0\t0\t104\r\n")
    assert page.locator(CELL.format(B + "new_received/total")).input_value() == "3120"
    assert page.locator(CELL.format(B + "carried_forward/research")).input_value() == ""
    page.wait_for_function("document.querySelector('#check-summary .badge.warn')")
    assert page.locator("#check-summary .badge.bad").count() == 0
    preview_shown_after(page, changed)
    shot(page, "04-pasted.png", tmp_path)

    # save: the file on disk is the original with exactly these changes, in the same layout
    page.get_by_role("button", name="保存").click()
    page.wait_for_function("document.getElementById('save-state').textContent.startsWith('已保存')")
    expected = HUAIAN.read_text("utf-8")
    expected = expected.replace(
        '"new_received": [3001, 53, 0, 0, 61, 4, 3119]', '"new_received": [3002, 53, 0, 0, 61, 4, 3120]'
    )
    expected = expected.replace(
        '"carried_forward": [103, 0, 0, 0, 0, 0, 103]', '"carried_forward": [104, 0, null, 0, 0, 0, 104]'
    )
    expected = expected.replace(
        "0517-83605210；电子邮箱：hazwgkc@163.com）。",
        "0517-83605210；电子邮箱：hazwgkc@163.com）。本报告由网页填写。",
    )
    assert source.read_text("utf-8") == expected

    # the downloads are the preview's files
    for kind, magic in (("docx", b"PK"), ("pdf", b"%PDF")):
        href = page.locator(f"#download-{kind}").get_attribute("href")
        assert page.request.get(served.base + str(href)).body().startswith(magic)

    report(page, served)
    code, err = served.stop()
    assert (code, err) == (130, "网页已停止。\n")


def report(page: Any, served: Served) -> None:
    """Print the edit → preview times the page measured (last keystroke → new page image shown)."""
    previews = page.evaluate("window.reportgen.metrics.previews")
    timings = [round(p["ms"]) for p in previews[1:]]  # the first is the cold opening render
    renders = [round(p["render"]) for p in previews[1:]]
    measured = {
        "edit_to_preview_ms": timings,
        "render_ms": renders,
        "server_peak_rss_mb": round(served.peak_rss_mb()),
    }
    sys.stdout.write(f"\nserve measurements: {json.dumps(measured)}\n")
    if os.environ.get("REPORTGEN_SCREENSHOTS"):
        (SHOTS / "measurements.json").write_text(json.dumps(measured, indent=2) + "\n", "utf-8")


def test_a_conflict_is_shown_and_nothing_is_overwritten(served: Served, page: Any, tmp_path: Path) -> None:
    source = tmp_path / "inputs" / "2024-huaian.json"
    page.goto(served.address)
    page.locator('tr[data-name="2024-huaian.json"]').get_by_role("link", name="2024-huaian.json").click()
    page.wait_for_selector(CELL.format(B + "new_received/natural_person"))  # the name opens it too
    changed = source.read_text("utf-8").replace('"issuer": "淮安市人民政府"', '"issuer": "淮安市政府"')
    source.write_text(changed, "utf-8")
    issuer = page.locator('input[name="issuer"]')
    issuer.fill("淮安市人民政府办公室")
    page.get_by_role("button", name="保存").click()
    banner = page.locator("#banner")
    banner.wait_for(state="visible")
    assert banner.locator("span").inner_text() == (
        "2024-huaian.json: 文件在打开后被改动过（别的程序或别的窗口）；没有保存。请重新打开后再改"
    )
    assert source.read_text("utf-8") == changed

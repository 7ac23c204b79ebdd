"""`reportgen serve` without a browser: the token, names outside DIR, saving (conflicts, layout,
refusals), size limits, the live checks against `validate`, the preview against `render`, the command."""

from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from reportgen.cli import main
from reportgen.input.model.national_2021 import Applicants
from reportgen.pipeline import produce
from reportgen.serve import app as serve_app
from reportgen.serve import prepare
from reportgen.serve.server import Server
from tests.conftest import ROOT

HUAIAN = ROOT / "inputs" / "2024-huaian.json"
EXAMPLE = ROOT / "inputs" / "2020-example.json"


@dataclass
class Client:
    """Plain HTTP to the server under test (the standard library's client: no cookie jar)."""

    server: Server

    def request(
        self,
        method: str,
        path: str,
        body: Any = None,
        *,
        token: str | None = "cookie",
        raw: bytes | None = None,
    ) -> tuple[int, dict[str, str], bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=60)
        headers = {"Content-Type": "application/json"}
        if token == "cookie":
            headers["Cookie"] = f"reportgen_token={self.server.token}"
        elif token is not None:
            headers["X-Reportgen-Token"] = token
        data = (
            raw
            if raw is not None
            else (None if body is None else json.dumps(body, ensure_ascii=False).encode())
        )
        connection.request(method, path, body=data, headers=headers)
        response = connection.getresponse()
        payload = response.read()
        connection.close()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, payload

    def json(self, method: str, path: str, body: Any = None, **options: Any) -> tuple[int, Any]:
        status, _, payload = self.request(method, path, body, **options)
        return status, json.loads(payload)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    shutil.copy(HUAIAN, inputs / "2024-huaian.json")
    shutil.copy(EXAMPLE, inputs / "2020-example.json")
    return inputs


@pytest.fixture
def client(folder: Path) -> Iterator[Client]:
    server = prepare(folder, folder.parent / "outputs", "127.0.0.1", 0, "zh")
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(200):  # until uvicorn answers
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=1)
        try:
            connection.request("GET", "/")
            connection.getresponse().read()
            break
        except OSError:
            time.sleep(0.02)
        finally:
            connection.close()
    yield Client(server)
    server.stop()
    thread.join(10)
    assert not thread.is_alive()


TOKEN_REFUSED = "没有令牌或令牌不对：请用 reportgen serve 打印的完整地址（含 ?token=…）打开"


def test_every_request_needs_the_token(client: Client) -> None:
    for path in ("/", "/api/files", "/static/app.js", "/api/files/2024-huaian.json"):
        status, _, body = client.request("GET", path, token=None)
        assert (status, body.decode()) == (403, TOKEN_REFUSED)
        status, _, body = client.request("GET", path, token="wrong")
        assert (status, body.decode()) == (403, TOKEN_REFUSED)
    status, _, body = client.request("GET", "/?token=wrong", token=None)
    assert status == 403


def test_the_token_in_the_address_becomes_a_cookie(client: Client) -> None:
    status, headers, _ = client.request("GET", f"/?token={client.server.token}", token=None)
    assert status == 303
    assert headers["location"] == "/"
    cookie = headers["set-cookie"]
    assert cookie.startswith(f"reportgen_token={client.server.token};")
    assert "HttpOnly" in cookie
    assert "SameSite=strict" in cookie
    status, headers, page = client.request("GET", "/")
    assert status == 200
    assert "script-src 'self'" in headers["content-security-policy"]
    assert '<html lang="zh-CN">' in page.decode()
    assert "报告文件" in page.decode()
    status, _, _ = client.request("GET", "/api/files", token=client.server.token)  # or as a header
    assert status == 200


def test_the_page_loads_nothing_from_elsewhere(client: Client) -> None:
    page = client.request("GET", "/")[2].decode()
    scripts = ["common.js", "grid.js", "form.js", "live.js", "app.js"]
    assert re.findall(r'(?:src|href)="([^"]+)"', page) == [
        "/static/app.css",
        *(f"/static/{n}" for n in scripts),
    ]
    for name in ("app.css", *scripts):
        status, _, text = client.request("GET", f"/static/{name}")
        assert status == 200
        assert b"http://" not in text
        assert b"https://" not in text
    assert client.request("GET", "/static/../app.py")[0] == 404
    assert client.request("GET", "/static/app.py")[0] == 404


def test_the_list_shows_each_input(client: Client, folder: Path) -> None:
    (folder / "broken.json").write_text("{", "utf-8")
    status, listing = client.json("GET", "/api/files")
    assert status == 200
    rows = {f["name"]: f for f in listing["files"]}
    assert list(rows) == ["2020-example.json", "2024-huaian.json", "broken.json"]
    assert (rows["2024-huaian.json"]["issuer"], rows["2024-huaian.json"]["year"]) == ("淮安市人民政府", 2024)
    assert (rows["2024-huaian.json"]["format"], rows["2024-huaian.json"]["errors"]) == ("national-2021", 0)
    assert rows["broken.json"]["problem"].startswith(f"{folder / 'broken.json'}: JSON 格式错误")


@pytest.mark.parametrize(
    "name",
    [
        "..%2Fsecret.json",
        "%2E%2E%2Fsecret.json",
        "sub%2Fx.json",
        ".hidden.json",
        "notes.txt",
        "..",
        "a%5Cb.json",
    ],
)
def test_names_outside_the_folder_are_refused(client: Client, folder: Path, name: str) -> None:
    (folder.parent / "secret.json").write_text('{"format": "legacy"}', "utf-8")
    status, _, body = client.request("GET", f"/api/files/{name}")
    assert status in (403, 404), body
    status, _, _ = client.request(
        "PUT", f"/api/files/{name}", {"data": {"format": "legacy"}, "version": None}
    )
    assert status in (403, 404, 405)
    assert (folder.parent / "secret.json").read_text("utf-8") == '{"format": "legacy"}'
    assert sorted(p.name for p in folder.iterdir()) == ["2020-example.json", "2024-huaian.json"]


def test_a_link_leading_out_of_the_folder_is_refused(client: Client, folder: Path) -> None:
    outside = folder.parent / "elsewhere.json"
    shutil.copy(HUAIAN, outside)
    (folder / "link.json").symlink_to(outside)
    status, body = client.json("GET", "/api/files/link.json")
    assert status == 403
    assert body["message"] == f"文件不在报告文件夹 {folder.resolve()} 里"
    status, body = client.json("PUT", "/api/files/link.json", {"data": {"format": "legacy"}, "version": None})
    assert status == 403
    assert outside.read_bytes() == HUAIAN.read_bytes()
    assert "link.json" not in [f["name"] for f in client.json("GET", "/api/files")[1]["files"]]


def test_saving_unchanged_gives_back_the_same_bytes(client: Client, folder: Path) -> None:
    status, opened = client.json("GET", "/api/files/2024-huaian.json")
    assert status == 200
    status, saved = client.json(
        "PUT", "/api/files/2024-huaian.json", {"data": opened["data"], "version": opened["version"]}
    )
    assert status == 200
    assert saved["version"] == opened["version"]
    assert (folder / "2024-huaian.json").read_bytes() == HUAIAN.read_bytes()


def test_saving_keeps_the_files_key_order_and_layout(client: Client, folder: Path) -> None:
    """2020-example.json has its 落款 last (the model has it first): a save keeps the file's order."""
    _, opened = client.json("GET", "/api/files/2020-example.json")
    data = opened["data"]
    data["signature"]["date"] = "2021-02-01"
    data["issuer"] = "示例县人民政府（改）"
    data = {"signature": data.pop("signature"), **data, "$schema": data.pop("$schema")}  # any order sent
    data["signature"] = {"date": "2021-02-01", "issuer": data["signature"]["issuer"]}
    status, _ = client.json(
        "PUT", "/api/files/2020-example.json", {"data": data, "version": opened["version"]}
    )
    assert status == 200
    text = (folder / "2020-example.json").read_text("utf-8")
    assert text.startswith(
        '{\n  "$schema": "../schemas/national-2019.schema.json",\n  "format": "national-2019",\n'
    )
    assert '  "issuer": "示例县人民政府（改）",\n' in text  # Chinese as is, indent 2
    assert text.endswith(
        '  "signature": {\n    "issuer": "示例县人民政府办公室",\n    "date": "2021-02-01"\n  }\n}\n'
    )
    assert '"new_received": [' in text
    assert "[\n        " not in text.split('"applications"')[1][:400]
    assert list(json.loads(text)) == list(json.loads(EXAMPLE.read_text("utf-8")))


def test_a_file_changed_on_disk_is_not_overwritten(client: Client, folder: Path) -> None:
    _, opened = client.json("GET", "/api/files/2024-huaian.json")
    changed = HUAIAN.read_text("utf-8").replace("淮安市人民政府", "淮安市政府", 1)
    (folder / "2024-huaian.json").write_text(changed, "utf-8")
    status, body = client.json(
        "PUT", "/api/files/2024-huaian.json", {"data": opened["data"], "version": opened["version"]}
    )
    assert status == 409
    assert body["message"] == "文件在打开后被改动过（别的程序或别的窗口）；没有保存。请重新打开后再改"
    assert (folder / "2024-huaian.json").read_text("utf-8") == changed
    (folder / "2024-huaian.json").unlink()
    status, body = client.json(
        "PUT", "/api/files/2024-huaian.json", {"data": opened["data"], "version": opened["version"]}
    )
    assert status == 409
    assert not (folder / "2024-huaian.json").exists()
    status, body = client.json(
        "PUT",
        "/api/files/2024-huaian.json",
        {"data": opened["data"], "version": opened["version"], "replace": True},
    )
    assert status == 200
    assert (folder / "2024-huaian.json").read_bytes() == HUAIAN.read_bytes()


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b'{"data": {"format": "national-2021",', "请求不是 JSON"),
        (b'["data"]', "请求不是 JSON"),
        (b'{"data": "text", "version": null}', "要保存的内容不是一个报告（应为 JSON 对象）"),
        (b'{"data": {"format": "nope"}}', "要保存的内容没有已知的报告格式（format）"),
        (b'{"data": {"format": "legacy", "n": NaN}}', "请求不是 JSON"),
    ],
)
def test_what_does_not_parse_is_never_written(
    client: Client, folder: Path, body: bytes, message: str
) -> None:
    version = client.json("GET", "/api/files/2024-huaian.json")[1]["version"]
    raw = body.replace(b"}}", f'}}, "version": "{version}"}}'.encode()) if b"version" not in body else body
    status, _, answer = client.request("PUT", "/api/files/2024-huaian.json", raw=raw)
    assert (status, json.loads(answer)["message"]) == (400, message)
    assert (folder / "2024-huaian.json").read_bytes() == HUAIAN.read_bytes()


def test_a_request_over_the_size_limit_is_refused(
    client: Client, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(serve_app, "MAX_BODY", 2**20)
    _, opened = client.json("GET", "/api/files/2024-huaian.json")
    opened["data"]["preamble"] = ["字" * 400_000]
    status, body = client.json(
        "PUT", "/api/files/2024-huaian.json", {"data": opened["data"], "version": opened["version"]}
    )
    assert (status, body["message"]) == (413, "请求太大（上限 1 MB）")
    assert (folder / "2024-huaian.json").read_bytes() == HUAIAN.read_bytes()


def _validate_lines(data: Any, path: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    assert main(["validate", str(path)]) == 1
    return capsys.readouterr().err.splitlines()[1:]


def test_live_checks_say_what_validate_says(
    client: Client, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, opened = client.json("GET", "/api/files/2024-huaian.json")
    data = opened["data"]
    data["reviews"]["table"]["review"][4] = "三百"
    data["issuer"] = ""
    status, checked = client.json("POST", "/api/check/2024-huaian.json", {"data": data})
    assert status == 200
    broken = tmp_path / "broken.json"
    assert [f"  {broken}: {p['text']}" for p in checked["errors"]] == _validate_lines(data, broken, capsys)
    assert [(p["place"], p["cells"]) for p in checked["errors"]] == [
        ("issuer", []),
        ("reviews/table/review/total", []),
    ]
    # the arithmetic (once the input is well-formed): the cells each check adds up
    data["reviews"]["table"]["review"][4] = 351
    data["issuer"] = "淮安市人民政府"
    data["applications"]["table"]["new_received"][0] = 3000  # 自然人: breaks its row and its column
    status, checked = client.json("POST", "/api/check/2024-huaian.json", {"data": data})
    assert [f"  {broken}: {p['text']}" for p in checked["errors"]] == _validate_lines(data, broken, capsys)
    row = [f"applications/table/new_received/{c}" for c in ("total", *Applicants.PARTS)]
    column = [
        f"applications/table/{r}/natural_person"
        for r in ("new_received", "carried_over", "results/total", "carried_forward")
    ]
    assert [(p["check"], p["cells"]) for p in checked["errors"]] == [
        ("B.row_total.new_received", row),
        ("B.balance.natural_person", column),
    ]
    assert checked["warnings"] == []


def test_the_preview_is_what_render_makes(
    client: Client, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    _, opened = client.json("GET", "/api/files/2024-huaian.json")
    status, made = client.json("POST", "/api/preview/2024-huaian.json", {"data": opened["data"]})
    assert status == 200
    assert made["pages"] == 6
    status, _, pdf = client.request("GET", f"/api/previews/{made['id']}/download.pdf")
    assert status == 200
    assert pdf == produce(folder / "2024-huaian.json").pdf.data
    status, headers, png = client.request("GET", f"/api/previews/{made['id']}/1.png")
    assert status == 200
    assert headers["content-type"] == "image/png"
    assert png.startswith(b"\x89PNG")
    status, headers, _ = client.request("GET", f"/api/previews/{made['id']}/download.docx")
    assert headers["content-disposition"].endswith("filename*=UTF-8''2024-huaian.docx")
    assert client.request("GET", f"/api/previews/{made['id']}/7.png")[0] == 404
    opened["data"]["issuer"] = ""
    status, failed = client.json("POST", "/api/preview/2024-huaian.json", {"data": opened["data"]})
    assert status == 422
    assert failed["message"] == "输入有误（1 处）"


def test_new_reports_empty_or_from_last_year(client: Client, folder: Path) -> None:
    status, body = client.json("POST", "/api/new", {"name": "2025-huaian.json", "from": "2024-huaian.json"})
    assert (status, body) == (200, {"name": "2025-huaian.json"})
    made = json.loads((folder / "2025-huaian.json").read_text("utf-8"))
    assert made["year"] == 2025
    assert made["applications"]["table"]["carried_over"] == [103, 0, 0, 0, 0, 0, 103]
    status, body = client.json("POST", "/api/new", {"name": "blank.json", "format": "national-2021"})
    assert status == 200
    _, opened = client.json("GET", "/api/files/blank.json")
    assert [p["text"] for p in opened["checks"]["errors"]] == ["$.issuer（发布机关）: 不能为空"]
    status, body = client.json("POST", "/api/new", {"name": "blank.json", "format": "legacy"})
    assert (status, body["message"]) == (400, "已有同名文件；没有保存。请换一个文件名")


def _start(*args: str, cwd: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(
        [sys.executable, "-m", "reportgen", *args],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def test_the_command_prints_the_address_and_stops_cleanly_on_ctrl_c(folder: Path) -> None:
    process = _start("serve", str(folder), "--port", "0", cwd=folder.parent)
    assert process.stdout is not None
    lines = [process.stdout.readline() for _ in range(3)]
    assert lines[0] == f"报告文件夹：{folder.resolve()}\n"
    assert re.fullmatch(r"请在浏览器中打开：http://127\.0\.0\.1:\d+/\?token=[\w-]{32}\n", lines[1])
    assert lines[2] == "按 Ctrl-C 停止。\n"
    port = int(re.search(r":(\d+)/", lines[1]).group(1))  # type: ignore[union-attr]
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", "/api/files")
    assert connection.getresponse().status == 403
    connection.close()
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=30)
    assert (process.returncode, err) == (130, "网页已停止。\n")


def test_another_interface_prints_a_warning(folder: Path) -> None:
    process = _start(
        "--lang", "en", "serve", str(folder), "--port", "0", "--host", "0.0.0.0", cwd=folder.parent
    )
    assert process.stdout is not None
    assert process.stderr is not None
    assert process.stdout.readline().startswith("Reports folder: ")
    warning = process.stderr.readline()
    process.send_signal(signal.SIGINT)
    process.communicate(timeout=30)
    assert warning == (
        "Warning: the page listens on 0.0.0.0: other computers on the network can connect "
        "(they still need the token); do this only on a trusted network\n"
    )


def test_a_missing_folder_or_a_taken_port_is_bad_usage(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", str(folder / "nope")]) == 2
    assert capsys.readouterr().err == f"错误：{folder / 'nope'}: 找不到报告文件夹\n"
    taken = prepare(folder, folder, "127.0.0.1", 0, "zh")
    try:
        assert main(["serve", str(folder), "--port", str(taken.port)]) == 2
        assert capsys.readouterr().err == f"错误：端口 {taken.port} 已被占用；请用 --port 换一个\n"
    finally:
        taken.sock.close()


def test_the_page_speaks_english_on_request(tmp_path: Path) -> None:
    from reportgen.i18n import use_language
    from reportgen.serve.files import Folder
    from reportgen.serve.page import html_page, strings

    with use_language("en"):
        page = html_page(Folder(tmp_path, tmp_path))
        words = strings()
    assert '<html lang="en">' in page
    assert "<h1>Reports</h1>" in page
    assert (words["save"], words["errors"].format(count=2)) == ("Save", "errors: 2")
    assert all(not re.search(r"[\u4e00-\u9fff]", text) for text in words.values())

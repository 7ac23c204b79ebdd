"""The web application (Starlette): the page, its files and the HTTP API behind it.

Every request carries the token: as `?token=` on the first load (answered with a cookie and a
redirect to the bare address), then as that cookie or the `X-Reportgen-Token` header; compared in
constant time. Bodies are limited in size; names are checked by `files.Folder` before any file is
touched. Blocking work (reading, validating, pdftoppm) runs in Starlette's thread pool; renders
run on the single render worker (preview.Renderer).
"""

from __future__ import annotations

import asyncio
import hmac
import json
from collections.abc import Awaitable, Callable
from concurrent.futures import Future
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from reportgen.errors import ReportgenError, ValidationFailed
from reportgen.i18n import t, use_language
from reportgen.input import MODELS, json_schema, load_json
from reportgen.serve import checks, layouts, page
from reportgen.serve.files import Conflict, Folder, Missing, Refused, version
from reportgen.serve.preview import Preview, Renderer, Superseded

COOKIE = "reportgen_token"
HEADER = "x-reportgen-token"
MAX_BODY = 12 * 2**20
"""Largest request body: an input file may have 10 MB (limits.INPUT_BYTES), as JSON text plus its wrapping."""
SCRIPTS = ("common.js", "grid.js", "form.js", "live.js", "app.js")
"""The page's scripts, in the order the page loads them (page.py)."""
STATIC = {**dict.fromkeys(SCRIPTS, "text/javascript"), "app.css": "text/css"}
SECURITY = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' blob: data:; style-src 'self'; "
    "script-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


@dataclass
class Settings:
    """What `reportgen serve` was started with."""

    folder: Folder
    token: str
    language: str


class TooLarge(ReportgenError):
    """A request body over MAX_BODY."""


class Guard:
    """ASGI middleware: the token on every request, security headers on every answer."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app, self.settings = app, settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        token = self.settings.token.encode()
        given = request.query_params.get("token")
        with use_language(self.settings.language):
            if given is not None and hmac.compare_digest(given.encode(), token):
                answer: Response = RedirectResponse("/", status_code=303)
                answer.set_cookie(COOKIE, self.settings.token, httponly=True, samesite="strict")
            elif any(
                hmac.compare_digest(value.encode(), token)
                for value in (request.cookies.get(COOKIE, ""), request.headers.get(HEADER, ""))
            ):

                async def secured(message: Any) -> None:
                    if message["type"] == "http.response.start":
                        headers = [(k.lower().encode(), v.encode()) for k, v in SECURITY.items()]
                        message["headers"] = list(message.get("headers", [])) + headers
                    await send(message)

                await self.app(scope, receive, secured)
                return
            else:
                answer = PlainTextResponse(
                    t("没有令牌或令牌不对：请用 reportgen serve 打印的完整地址（含 ?token=…）打开"),
                    status_code=403,
                    headers=SECURITY,
                )
        await answer(scope, receive, send)


def create_app(settings: Settings, renderer: Renderer) -> ASGIApp:
    """Return the application serving `settings.folder` with `renderer` for previews and renders,
    behind the token (`Guard`)."""
    folder = settings.folder

    def endpoint(
        handler: Callable[[Request], Awaitable[Response]],
    ) -> Callable[[Request], Awaitable[Response]]:
        async def wrapped(request: Request) -> Response:
            with use_language(settings.language):
                try:
                    return await handler(request)
                except ReportgenError as exc:
                    return _error(exc)

        return wrapped

    def blocking(function: Callable[..., Any], *args: Any) -> Awaitable[Any]:
        def run() -> Any:
            with use_language(settings.language):
                return function(*args)

        return run_in_threadpool(run)

    @endpoint
    async def index(request: Request) -> Response:
        return Response(page.html_page(folder), media_type="text/html; charset=utf-8")

    @endpoint
    async def static(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in STATIC:
            return PlainTextResponse("", status_code=404)
        text = (resources.files("reportgen.serve") / "static" / name).read_bytes()
        return Response(text, media_type=f"{STATIC[name]}; charset=utf-8")

    @endpoint
    async def listing(request: Request) -> Response:
        def entries() -> list[dict[str, Any]]:
            return [folder.entry(name).as_json() for name in folder.names()]

        return JSONResponse({"folder": str(folder.root), "files": await blocking(entries)})

    @endpoint
    async def schema(request: Request) -> Response:
        name = request.path_params["format"]
        if name not in MODELS:
            return PlainTextResponse("", status_code=404)
        return JSONResponse({"schema": json_schema(name), "layouts": layouts.LAYOUTS})

    @endpoint
    async def open_file(request: Request) -> Response:
        name = request.path_params["name"]

        def read() -> dict[str, Any]:
            raw, path = folder.read(name)
            if raw is None:
                raise Missing(t("找不到这个文件"), path=name)
            data = load_json(path).value.data  # InputError (not JSON): the page cannot show a form
            return {"name": name, "data": data, "version": version(raw), "checks": checks.run(data, path)}

        return JSONResponse(await blocking(read))

    @endpoint
    async def save(request: Request) -> Response:
        name = request.path_params["name"]
        body = await _body(request)
        data, opened = body.get("data"), body.get("version")

        def write() -> dict[str, Any]:
            new_version, path = folder.save(name, data, opened, replace=bool(body.get("replace")))
            return {"name": name, "version": new_version, "checks": checks.run(data, path)}

        return JSONResponse(await blocking(write))

    @endpoint
    async def new_file(request: Request) -> Response:
        body = await _body(request)
        made = await blocking(
            layouts.new_input, folder, body.get("name"), body.get("from"), body.get("format")
        )
        return JSONResponse({"name": made})

    @endpoint
    async def check(request: Request) -> Response:
        path = folder.path(request.path_params["name"])
        body = await _body(request)
        return JSONResponse(await blocking(checks.run, body.get("data"), path))

    @endpoint
    async def make_preview(request: Request) -> Response:
        name = request.path_params["name"]
        path = folder.path(name)
        body = await _body(request)
        try:
            made: Preview = await _wait(renderer.preview(name, body.get("data"), path))
        except Superseded:
            return JSONResponse({"superseded": True}, status_code=409)
        warnings = [checks.problem_json(w, "warning", None)["text"] for w in made.warnings]
        return JSONResponse(
            {"id": made.id, "pages": made.pages, "seconds": round(made.seconds, 3), "warnings": warnings}
        )

    @endpoint
    async def preview_page(request: Request) -> Response:
        made = renderer.get(request.path_params["id"])
        number = request.path_params["page"]
        if made is None or not 1 <= number <= made.pages:
            return PlainTextResponse("", status_code=404)
        png = await blocking(made.page_png, number)
        return Response(png, media_type="image/png")

    @endpoint
    async def download(request: Request) -> Response:
        made = renderer.get(request.path_params["id"])
        kind = request.path_params["kind"]
        if made is None or kind not in ("docx", "pdf"):
            return PlainTextResponse("", status_code=404)
        data = made.docx if kind == "docx" else made.pdf
        filename = quote(f"{Path(made.name).stem}.{kind}")
        media = (
            "application/pdf"
            if kind == "pdf"
            else ("application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        )
        disposition = f"attachment; filename=report.{kind}; filename*=UTF-8''{filename}"
        return Response(data, media_type=media, headers={"Content-Disposition": disposition})

    @endpoint
    async def render_file(request: Request) -> Response:
        from reportgen.pipeline import render

        path = folder.path(request.path_params["name"])
        result = await _wait(renderer.submit(f"render:{path.name}", lambda: render(path, folder.out_dir)))
        return JSONResponse(
            {"docx": str(result.docx_path), "pdf": str(result.pdf_path), "pages": result.pages}
        )

    routes = [
        Route("/", index),
        Route("/static/{name}", static),
        Route("/favicon.ico", lambda request: Response(status_code=204)),  # browsers ask; nothing to show
        Route("/api/files", listing),
        Route("/api/new", new_file, methods=["POST"]),
        Route("/api/schema/{format}", schema),
        Route("/api/files/{name}", open_file),
        Route("/api/files/{name}", save, methods=["PUT"]),
        Route("/api/check/{name}", check, methods=["POST"]),
        Route("/api/preview/{name}", make_preview, methods=["POST"]),
        Route("/api/previews/{id}/{page:int}.png", preview_page),
        Route("/api/previews/{id}/download.{kind}", download),
        Route("/api/render/{name}", render_file, methods=["POST"]),
    ]
    return Guard(Starlette(routes=routes), settings)


async def _wait(future: Future[Any]) -> Any:
    return await asyncio.wrap_future(future)


async def _body(request: Request) -> dict[str, Any]:
    """Return the request's JSON object; raise TooLarge past MAX_BODY, ReportgenError when not JSON."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY:
        raise TooLarge(t("请求太大（上限 {limit} MB）", limit=MAX_BODY // 2**20))
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:
            raise TooLarge(t("请求太大（上限 {limit} MB）", limit=MAX_BODY // 2**20))
        chunks.append(chunk)
    try:
        body = json.loads(b"".join(chunks).decode("utf-8"), parse_constant=_no_constant)
    except (UnicodeDecodeError, ValueError) as exc:
        raise ReportgenError(t("请求不是 JSON")) from exc
    if not isinstance(body, dict):
        raise ReportgenError(t("请求不是 JSON"))
    return body


def _no_constant(text: str) -> Any:
    raise ValueError(f"{text} is not JSON")  # NaN, Infinity: Python's json takes them, JSON does not


def _error(exc: ReportgenError) -> JSONResponse:
    status = 400
    if isinstance(exc, Refused):
        status = 403
    elif isinstance(exc, Missing):
        status = 404
    elif isinstance(exc, Conflict):
        status = 409
    elif isinstance(exc, TooLarge):
        status = 413
    elif isinstance(exc, ValidationFailed):
        status = 422
    problems = [{"location": p.location, "message": p.message, "text": p.format()} for p in exc.problems]
    return JSONResponse({"error": exc.format_message(), "message": exc.message, "problems": problems}, status)

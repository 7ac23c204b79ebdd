"""`reportgen serve`: bind the address, make the token, run uvicorn until Ctrl-C.

The CLI prints the address (with the token) and any warning; this module prints nothing.
"""

from __future__ import annotations

import errno
import ipaddress
import secrets
import socket
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportgen.errors import UsageError
from reportgen.i18n import t
from reportgen.serve.app import Settings, create_app
from reportgen.serve.files import Folder
from reportgen.serve.preview import Renderer

DEFAULT_PORT = 8765
LOOPBACK = "127.0.0.1"


def is_loopback(host: str) -> bool:
    """Return whether `host` names this machine only (127.0.0.0/8, ::1, localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass
class Server:
    """A bound, not yet running `reportgen serve`: its address and what it serves."""

    folder: Folder
    host: str
    port: int
    language: str
    sock: socket.socket
    token: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    running: Any = None
    """The uvicorn server while `run()` runs (for `stop()`)."""

    @property
    def address(self) -> str:
        """Return the page's address with the token, as printed for the user to open."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/?token={self.token}"

    def run(self) -> None:
        """Serve until Ctrl-C or SIGTERM; the KeyboardInterrupt of Ctrl-C reaches the caller after a
        clean shutdown (uvicorn re-raises the signal it caught)."""
        import uvicorn

        renderer = Renderer(self.language)
        app = create_app(Settings(self.folder, self.token, self.language), renderer)
        config = uvicorn.Config(
            app,
            log_level="warning",
            access_log=False,
            lifespan="off",
            timeout_graceful_shutdown=2,
            server_header=False,
        )
        self.running = uvicorn.Server(config)
        try:
            self.running.run(sockets=[self.sock])
        finally:
            renderer.close()
            self.sock.close()

    def stop(self) -> None:
        """Ask a running server (in another thread) to finish its requests and stop."""
        if self.running is not None:
            self.running.should_exit = True


def prepare(folder: Path, out_dir: Path, host: str, port: int, language: str) -> Server:
    """Return a server bound to host:port (0: any free port) for the inputs in `folder`.

    Raise UsageError when the folder does not exist or the port cannot be had.
    """
    if not folder.is_dir():
        raise UsageError(t("找不到报告文件夹"), path=folder)
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise UsageError(t("端口 {port} 已被占用；请用 --port 换一个", port=port)) from exc
        raise UsageError(
            t("无法在 {host}:{port} 上提供网页（{reason}）", host=host, port=port, reason=exc.strerror)
        ) from exc
    sock.listen(64)
    sock.set_inheritable(True)
    return Server(Folder(folder, out_dir), host, sock.getsockname()[1], language, sock)

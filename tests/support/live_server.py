"""Run an ASGI app under a real uvicorn server in a background thread, for end-to-end tests.

    with serve_app(app) as base_url:          # e.g. "http://127.0.0.1:54321"
        ckanapi.RemoteCKAN(base_url).action.status_show()

The socket is bound before the server starts (port 0, so the OS picks a free port and no
other process can take it in between); the context waits until uvicorn reports it has
started and stops it (and joins the thread) on exit.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import uvicorn


@contextmanager
def serve_app(
    app: Any, *, host: str = "127.0.0.1", timeout: float = 10.0, **config: Any
) -> Iterator[str]:
    """Serve `app` on `host` at a free port; yield its base URL (no trailing slash).

    Extra keyword arguments go to `uvicorn.Config` (e.g. `lifespan="on"`).
    """
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, 0))
    port = sock.getsockname()[1]
    config.setdefault("log_level", "warning")
    server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, **config))
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [sock]}, name=f"uvicorn-{port}", daemon=True
    )
    thread.start()
    try:
        deadline = time.monotonic() + timeout
        while not server.started:
            if not thread.is_alive():
                raise RuntimeError("uvicorn stopped before it started")
            if time.monotonic() > deadline:
                raise TimeoutError(f"uvicorn did not start within {timeout} s")
            time.sleep(0.01)
        yield f"http://{host}:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout)
        sock.close()

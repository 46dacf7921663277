"""Content negotiation on the HTML URLs, as ckanext-dcat's `enable_content_negotiation` does:
a GET/HEAD of `/dataset/{name}` (or `/`) whose Accept header prefers an RDF type is served
by `/dataset/{name}.{suffix}` (or `/catalog.{suffix}`); everything else passes untouched to
the web portal, which owns the HTML routes. Negotiable responses say `Vary: Accept`, so
caches keep the HTML and RDF answers apart.

A pure ASGI middleware: it rewrites the path before routing, so neither router needs to know
about the other.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from catalog.services.feeds.serialize import negotiate

_DATASET = re.compile(r"^/dataset/([^/.]+)$")


def rewritten_path(path: str, accept: str | None) -> str | None:
    """The feed path to serve instead of `path`, or None to leave the request alone."""
    if not _negotiable(path):
        return None
    suffix = negotiate(accept)
    if suffix is None:
        return None
    match = _DATASET.match(path)
    if match is not None:
        return f"/dataset/{match.group(1)}.{suffix}"
    return f"/catalog.{suffix}"


def _negotiable(path: str) -> bool:
    return path in ("/", "/catalog") or _DATASET.match(path) is not None


class RdfNegotiation:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        path = scope["path"]
        if not _negotiable(path):
            await self.app(scope, receive, send)
            return
        target = rewritten_path(path, Headers(scope=scope).get("accept"))
        if target is not None:
            scope = {**scope, "path": target, "raw_path": quote(target).encode("ascii")}

        async def send_with_vary(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                vary = headers.get("vary", "")
                if "accept" not in vary.lower():
                    headers["Vary"] = f"{vary}, Accept" if vary else "Accept"
            await send(message)

        await self.app(scope, receive, send_with_vary)

"""Static files (CSS, JS) with cache headers: templates link them with a content hash in the
query (`static()`), so a long max-age never serves a stale file."""

from __future__ import annotations

from typing import Any

from starlette.staticfiles import StaticFiles
from starlette.types import Scope

from app.web.rendering import STATIC_DIR

__all__ = ["CachedStaticFiles", "STATIC_DIR"]

VERSIONED = "public, max-age=31536000, immutable"
UNVERSIONED = "public, max-age=3600"


class CachedStaticFiles(StaticFiles):
    async def get_response(self, path: str, scope: Scope) -> Any:
        response = await super().get_response(path, scope)
        if response.status_code in (200, 304):
            versioned = b"v=" in scope.get("query_string", b"")
            response.headers["Cache-Control"] = VERSIONED if versioned else UNVERSIONED
            response.headers["X-Content-Type-Options"] = "nosniff"
        return response

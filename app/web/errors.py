"""Error pages in the site's style for every path outside `/api` (the API keeps CKAN's
answers, installed after this by app.api.router.install_api_error_handlers)."""

from __future__ import annotations

import inspect
import logging

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from app.web.rendering import render

log = logging.getLogger(__name__)


def is_page_path(request: Request) -> bool:
    path = request.url.path
    return not (path == "/api" or path.startswith("/api/") or path.startswith("/static/"))


def error_page(request: Request, status: int, headers: dict[str, str] | None = None) -> Response:
    try:
        context = {"status": status}
        return render(request, "error.html", context, status_code=status, headers=headers)
    except Exception:  # the error page itself must never fail
        log.exception("rendering the error page failed")
        return Response(f"Error {status}", status_code=status, media_type="text/plain")


def install_error_pages(app: FastAPI) -> None:
    previous = app.exception_handlers.get(StarletteHTTPException, http_exception_handler)

    async def http_error(request: Request, exc: Exception) -> Response:
        if isinstance(exc, StarletteHTTPException) and is_page_path(request):
            if exc.status_code >= 400:
                return error_page(request, exc.status_code, getattr(exc, "headers", None))
        answer = previous(request, exc)
        return await answer if inspect.isawaitable(answer) else answer

    async def server_error(request: Request, exc: Exception) -> Response:
        log.error("unhandled error on %s", request.url.path, exc_info=exc)
        if is_page_path(request):
            return error_page(request, 500)
        return Response("Internal Server Error", status_code=500, media_type="text/plain")

    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(Exception, server_error)

"""The routes of CKAN's Action API v3 over an `ActionRegistry`.

Verified against CKAN 2.11.5 `ckan/views/api.py` (route table at the bottom, `action`,
`get_api`) and Werkzeug 3.1's matcher:

* `/api/action/<name>` and `/api/<int(min=3, max=3)>/action/<name>`, GET and POST. The version
  is an integer converter, so `/api/03/action/x` works and `/api/1|2/action/x` is a 404. The
  action rules are strict-slash: `/api/3/action/x/` is a 404, never a redirect.
* `/api/` (non-strict slashes, so `/api` too) -> `{"version": 1}`; `/api/<int(1..3)>`, with or
  without a trailing slash -> `{"version": N}`; JSONP-able like any 200.
* Other methods -> 405 (HTML, `Allow` header); OPTIONS -> 200 with an empty body (Flask's
  automatic answer), plus CORS headers when there is an Origin.
* `action`: unknown name -> 400 `"Bad request - Action name not known: <name>"` before the
  request is read; `help` is `<site>/api/3/action/help_show?name=<name>` whatever the URL form;
  data parsing errors -> 400 `"Bad request - JSON Error: <reason>"`; a `callback` key in the
  data dict is removed and the call made anonymously (POST too); success is always 200.

Every route here matches all methods itself, so FastAPI never answers these URLs with its
`{"detail": ...}` shape; `install_api_error_handlers` does the same for other `/api` URLs.
The action, identification and serialisation run in the threadpool, never on the event loop.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import APIRouter, FastAPI
from fastapi.exception_handlers import http_exception_handler
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route, request_response
from starlette.types import Receive, Scope, Send

from app.api import errors
from app.api.request_data import FormError, RequestDataError, read_request_data
from app.api.responses import (
    ALLOWED_METHODS,
    error_envelope,
    finish,
    help_url,
    html_error,
    preflight,
    success_envelope,
)
from catalog.actions.registry import Action, ActionContext, ActionRegistry, Identity
from catalog.errors import ActionNotFound

log = logging.getLogger(__name__)

API_VERSION = 3
READ_METHODS = ("GET", "HEAD")
VERSION_ALLOW = "GET, HEAD, OPTIONS"

Handler = Callable[[Request], Awaitable[Response]]


class _AnyMethod:
    """An ASGI endpoint, so that Starlette routes every method to the handler."""

    def __init__(self, handler: Handler) -> None:
        self._app = request_response(handler)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self._app(scope, receive, send)


def _upload_names(data: dict[str, Any]) -> dict[str, Any]:
    """The request data as echoed by `Integrity Error`: uploads shown by file name."""
    return {k: v.filename if isinstance(v, UploadFile) else v for k, v in data.items()}


class _ActionApi:
    def __init__(
        self,
        registry: ActionRegistry,
        site_url: Callable[[], str],
        make_context: Callable[[Identity | None], ActionContext],
        identify: Callable[[Request], Identity | None],
    ) -> None:
        self.registry = registry
        self.site_url = site_url
        self.make_context = make_context
        self.identify = identify

    async def version(self, request: Request) -> Response:
        ver = request.path_params.get("ver", 1)
        if not 1 <= ver <= API_VERSION:
            return html_error(request, errors.NOT_FOUND)
        if request.method == "OPTIONS":
            return preflight(request)
        if request.method not in READ_METHODS:
            return html_error(request, errors.METHOD_NOT_ALLOWED, {"Allow": VERSION_ALLOW})
        return finish(request, errors.OK, {"version": ver})

    async def action(self, request: Request) -> Response:
        name: str = request.path_params["name"]
        if request.path_params.get("ver", API_VERSION) != API_VERSION or not name or "/" in name:
            return html_error(request, errors.NOT_FOUND)
        if request.method == "OPTIONS":
            return preflight(request)
        if request.method not in (*READ_METHODS, "POST"):
            return html_error(request, errors.METHOD_NOT_ALLOWED, {"Allow": ALLOWED_METHODS})
        try:
            action = self.registry.get(name)
        except ActionNotFound:
            log.info("Action name not known: %s", name)
            text = errors.bad_request_text(errors.ACTION_NOT_KNOWN.format(name=name))
            return finish(request, errors.BAD_REQUEST, text)

        help = help_url(self.site_url(), name)
        try:
            try:
                data = await read_request_data(request, try_url_params=action.side_effect_free)
            except RequestDataError as exc:
                log.info("Bad Action API request data: %s", exc)
                text = errors.bad_request_text(errors.JSON_ERROR.format(reason=exc))
                return finish(request, errors.BAD_REQUEST, text)
            except FormError as exc:
                log.info("Unreadable multipart body: %s", exc)
                return finish(request, errors.BAD_REQUEST, errors.bad_request_text(str(exc)))
            anonymous = "callback" in data
            data.pop("callback", None)
            return await run_in_threadpool(self._call, request, action, data, help, anonymous)
        finally:
            await request.close()  # closes uploaded files

    def _call(
        self, request: Request, action: Action, data: dict[str, Any], help: str, anonymous: bool
    ) -> Response:
        try:
            identity = None if anonymous else self.identify(request)
            context = self.make_context(identity)
            query = request.url.query
            context.current_url = request.url.path + (f"?{query}" if query else "")
            result = action(context, data)
            return finish(request, errors.OK, success_envelope(help, result))
        except Exception as exc:
            status, error = errors.action_error(exc, _upload_names(data))
            if status >= errors.INTERNAL_SERVER_ERROR:
                log.exception("Action %s failed", action.name)
            else:
                log.info("Action %s: %s %r", action.name, status, error.get("__type"))
            try:
                return finish(request, status, error_envelope(help, error))
            except (TypeError, ValueError):
                log.exception("Error of action %s is not serialisable", action.name)
                internal = error_envelope(help, errors.internal_error())
                return finish(request, errors.INTERNAL_SERVER_ERROR, internal)


def build_action_router(
    registry: ActionRegistry,
    *,
    site_url: Callable[[], str],
    make_context: Callable[[Identity | None], ActionContext],
    identify: Callable[[Request], Identity | None],
) -> APIRouter:
    """The `/api` routes: version endpoints and the Action API (see the module docstring).

    `site_url()` is the absolute site URL without a trailing slash; `identify(request)`
    returns None for anonymous callers (a bad token is anonymous); `make_context(identity)`
    builds the context each action call gets.
    """
    api = _ActionApi(registry, site_url, make_context, identify)
    router = APIRouter()
    routes: list[tuple[str, Handler, str]] = [
        ("/api", api.version, "api_root"),
        ("/api/", api.version, "api_root_slash"),
        ("/api/{ver:int}", api.version, "api_version"),
        ("/api/{ver:int}/", api.version, "api_version_slash"),
        ("/api/action/{name:path}", api.action, "api_action"),
        ("/api/{ver:int}/action/{name:path}", api.action, "api_action_versioned"),
    ]
    for path, handler, route_name in routes:
        router.routes.append(
            Route(path, endpoint=_AnyMethod(handler), name=route_name, include_in_schema=False)
        )
    return router


def _is_api_path(request: Request) -> bool:
    path = request.url.path
    root = request.scope.get("root_path", "")
    if root and path.startswith(root):
        path = path[len(root) :]
    return path == "/api" or path.startswith("/api/")


def install_api_error_handlers(app: FastAPI) -> None:
    """Answer 404/405 under `/api` as CKAN does (an HTML page), not as `{"detail": ...}`.

    Other statuses and other paths go to the HTTPException handler installed before this
    call (FastAPI's own by default), so install the web UI's handler first.
    """
    previous = app.exception_handlers.get(StarletteHTTPException, http_exception_handler)

    async def handler(request: Request, exc: Exception) -> Response:
        if (
            isinstance(exc, StarletteHTTPException)
            and exc.status_code in errors.HTTP_ERROR_PAGES
            and _is_api_path(request)
        ):
            return html_error(request, exc.status_code, exc.headers)
        answer = previous(request, exc)
        return await answer if inspect.isawaitable(answer) else answer

    app.add_exception_handler(StarletteHTTPException, handler)

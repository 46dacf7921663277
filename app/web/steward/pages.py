"""What every steward page shares: rendering with the CSRF token and session cookie, the
signed-in caller, reading and checking posted forms, error pages, safe redirects."""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import quote, urlsplit

from fastapi import Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.responses import RedirectResponse, Response

from app.web.auth import csrf_ok, csrf_token, current_identity, send_session
from app.web.rendering import gettext, href_for, render
from app.web.steward.access import Refused
from catalog.actions.registry import ActionContext, Identity
from catalog.errors import UploadTooLarge, ValidationFailed

MAX_FORM_FIELDS = 2000
MAX_FORM_FILES = 50


class PageRefusal(Exception):
    """Stop handling and answer with this response (a redirect or an error page)."""

    def __init__(self, response: Response) -> None:
        super().__init__(response.status_code)
        self.response = response


def page(
    request: Request, template: str, context: dict[str, Any] | None = None, status: int = 200
) -> Response:
    """A steward page: every one carries the session's CSRF token for its forms."""
    values = {"csrf_token": csrf_token(request), **(context or {})}
    response = render(request, template, values, status_code=status)
    response.headers["Cache-Control"] = "no-store"
    return send_session(request, response)


def error(request: Request, status: int, message: str | None = None) -> Response:
    """The site's error page for `status`, with an optional explanation (already translated)."""
    return page(request, "steward/refused.html", {"status": status, "message": message}, status)


def local_path(target: str | None, default: str = "/dashboard") -> str:
    """`target` if it is a path on this site (no scheme, host or `//`), else `default`."""
    if not target or not isinstance(target, str) or len(target) > 2000:
        return default
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or any(ord(c) < 32 for c in target):
        return default
    return target


def redirect(request: Request, path: str) -> Response:
    """A 303 to a local path (keeping a `/en/` prefix the request came with)."""
    target = path if path.startswith(("/en/", "/vi/")) else href_for(request)(path)
    return send_session(request, RedirectResponse(target, status_code=303))


def signed_in(request: Request) -> Identity:
    """The signed-in steward, or PageRefusal: a redirect to the sign-in page, back here after."""
    identity = current_identity(request)
    if identity is None:
        here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        target = href_for(request)("/user/login") + "?came_from=" + quote(here, safe="/")
        raise PageRefusal(send_session(request, RedirectResponse(target, status_code=303)))
    return identity


def acting(request: Request, identity: Identity | None) -> ActionContext:
    return request.app.state.web_make_context(identity)


async def posted_form(request: Request) -> FormData:
    """The posted form (uploads spooled to disk by Starlette's streaming parser, as for the
    API), refused with 403 and nothing done unless it carries this session's CSRF token."""
    try:
        form = await request.form(max_files=MAX_FORM_FILES, max_fields=MAX_FORM_FIELDS)
    except HTTPException as exc:
        raise PageRefusal(error(request, 400)) from exc
    if not csrf_ok(request, form):
        await form.close()
        raise PageRefusal(error(request, 403, csrf_message(request)))
    return form


async def in_thread(request: Request, work: Callable[[], Response]) -> Response:
    """`work` (blocking: it calls actions) run in the threadpool; a Refused it raises becomes
    the error page with its status."""

    def guarded() -> Response:
        try:
            return work()
        except Refused as refused:
            return error(request, refused.status)

    return await run_in_threadpool(guarded)


async def with_posted_form(request: Request, work: Callable[[FormData], Response]) -> Response:
    """`work` run in the threadpool (as by in_thread) on the posted, CSRF-checked form, whose
    spooled uploads are closed afterwards."""
    form = await posted_form(request)
    try:
        return await in_thread(request, lambda: work(form))
    finally:
        await form.close()


def failure_status(failed: ValidationFailed) -> int:
    """413 for an upload over the size limit, else 400."""
    return 413 if isinstance(failed, UploadTooLarge) else 400


def csrf_message(request: Request) -> str:
    return gettext(
        request,
        "The form could not be checked (it may have expired). Nothing was saved. "
        "Please go back, reload the page and try again.",
    )


def handles_refusals(
    handler: Callable[..., Awaitable[Response]],
) -> Callable[..., Awaitable[Response]]:
    """Route decorator: a PageRefusal raised inside becomes its response."""

    @functools.wraps(handler)
    async def wrapper(*args: Any, **kwargs: Any) -> Response:
        try:
            return await handler(*args, **kwargs)
        except PageRefusal as refusal:
            return refusal.response

    return wrapper

"""`/user/login` and `/user/logout`."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from app.web.auth import current_identity, end_session, start_session
from app.web.auth.login import FailureLimiter, authenticate
from app.web.rendering import gettext
from app.web.steward.pages import handles_refusals, local_path, page, posted_form, redirect


def build_sign_in_routes(router: APIRouter, limiter: FailureLimiter) -> None:
    @router.get("/user/login", include_in_schema=False)
    @handles_refusals
    async def login_page(request: Request) -> Response:
        came_from = local_path(request.query_params.get("came_from"))
        if await run_in_threadpool(current_identity, request) is not None:
            return redirect(request, came_from)
        return page(request, "steward/login.html", {"came_from": came_from, "login": ""})

    @router.post("/user/login", include_in_schema=False)
    @handles_refusals
    async def login(request: Request) -> Response:
        form = await posted_form(request)
        login_name = str(form.get("login") or "").strip()[:200]
        password = str(form.get("password") or "")[:1000]
        came_from = local_path(str(form.get("came_from") or ""))
        client = request.client.host if request.client else "-"
        keys = (f"login:{login_name.lower()}", f"client:{client}")
        if limiter.blocked(*keys):
            message = gettext(
                request, "Too many failed sign-in attempts. Please wait 15 minutes and try again."
            )
            return page(
                request,
                "steward/login.html",
                {"came_from": came_from, "login": login_name, "error": message},
                status=429,
            )

        def check() -> bool:
            with request.app.state.services.session() as db:
                user = authenticate(db, login_name, password)
                if user is None:
                    return False
                start_session(request, user)
                return True

        if await run_in_threadpool(check):
            limiter.succeeded(keys[0])
            return redirect(request, came_from)
        limiter.failed(*keys)
        message = gettext(request, "The user name or password is not correct.")
        context = {"came_from": came_from, "login": login_name, "error": message}
        return page(request, "steward/login.html", context, status=400)

    @router.get("/user/logout", include_in_schema=False)
    @handles_refusals
    async def logout_page(request: Request) -> Response:
        if await run_in_threadpool(current_identity, request) is None:
            return redirect(request, "/")
        return page(request, "steward/logout.html")

    @router.post("/user/logout", include_in_schema=False)
    @handles_refusals
    async def logout(request: Request) -> Response:
        await posted_form(request)
        end_session(request)
        return redirect(request, "/")

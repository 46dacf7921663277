"""The web portal: server-rendered pages for citizens (app.web.public) and for data stewards
(app.web.steward), on the same actions as the API.

`install_web(app, make_context=...)` is called by app.main.create_app after the
API and feed routers are included and before `install_api_error_handlers`, so error pages
outside `/api` are the site's own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI
from starlette.convertors import Convertor, register_url_convertor

from app.web.errors import install_error_pages
from app.web.rendering import LanguagePrefix, build_environment
from app.web.static import STATIC_DIR, CachedStaticFiles


class NameConvertor(Convertor[str]):
    """CKAN names and ids (no dots), so `/dataset/x.ttl` stays with the feeds."""

    regex = "[A-Za-z0-9_\\-]+"

    def convert(self, value: str) -> str:
        return value

    def to_string(self, value: str) -> str:
        return value


register_url_convertor("name", NameConvertor())


def install_web(
    app: FastAPI,
    *,
    make_context: Callable[[Any], Any],
) -> None:
    from app.web.auth import current_identity, current_user
    from app.web.public import build_public_router
    from app.web.steward import build_steward_router

    app.state.web_env = build_environment()
    app.state.web_make_context = make_context
    app.state.web_current_user = current_user
    app.state.web_identity = current_identity
    app.mount("/static", CachedStaticFiles(directory=str(STATIC_DIR)), name="static")
    app.include_router(build_steward_router())
    app.include_router(build_public_router())
    app.add_middleware(LanguagePrefix)
    install_error_pages(app)

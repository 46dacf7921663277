"""The web portal: server-rendered pages for citizens (app.web.public) and for data stewards
(app.web.steward), on the same actions as the API.

`install_web(app, make_context=..., identify=...)` is called by app.main.create_app after the
API and feed routers are included and before `install_api_error_handlers`, so error pages
outside `/api` are the site's own.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI
from starlette.convertors import Convertor, register_url_convertor

from app.web.errors import install_error_pages
from app.web.rendering import LanguagePrefix, build_environment
from app.web.static import STATIC_DIR, CachedStaticFiles

log = logging.getLogger(__name__)


class NameConvertor(Convertor[str]):
    """CKAN names and ids (no dots), so `/dataset/x.ttl` stays with the feeds."""

    regex = "[A-Za-z0-9_\\-]+"

    def convert(self, value: str) -> str:
        return value

    def to_string(self, value: str) -> str:
        return value


register_url_convertor("name", NameConvertor())


def _optional(module: str, attribute: str) -> Any:
    """web-steward's parts (sign-in, forms) when present."""
    try:
        return getattr(importlib.import_module(module), attribute)
    except (ImportError, AttributeError):
        return None


def install_web(
    app: FastAPI,
    *,
    make_context: Callable[[Any], Any],
    identify: Callable[[Any], Any],
) -> None:
    from app.web.public import build_public_router

    app.state.web_env = build_environment()
    app.state.web_make_context = make_context
    app.state.web_current_user = _optional("app.web.auth", "current_user")
    app.state.web_identity = _optional("app.web.auth", "current_identity")
    app.mount("/static", CachedStaticFiles(directory=str(STATIC_DIR)), name="static")
    build_steward_router = _optional("app.web.steward", "build_steward_router")
    if build_steward_router is not None:
        app.include_router(build_steward_router(make_context=make_context, identify=identify))
    app.include_router(build_public_router())
    app.add_middleware(LanguagePrefix)
    install_error_pages(app)

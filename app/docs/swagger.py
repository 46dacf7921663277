"""`/docs` (Swagger UI) and `/openapi.json`, with Swagger UI's assets served by the site
itself from the `swagger-ui-bundle` package: the page loads nothing from other hosts."""

from __future__ import annotations

from typing import Any

import swagger_ui_bundle
from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from app.docs.openapi import build_openapi
from catalog.actions.registry import ActionRegistry

ASSETS = "/docs/assets"


def install_api_docs(app: FastAPI, registry: ActionRegistry) -> None:
    """Serve the OpenAPI description and Swagger UI. Create the app with `docs_url=None`
    and `redoc_url=None` (FastAPI's pages load their assets from a CDN)."""
    cached: dict[str, Any] = {}

    def openapi() -> dict[str, Any]:
        if "schema" not in cached:
            cached["schema"] = build_openapi(app, registry)
        return cached["schema"]

    app.openapi = openapi  # type: ignore[method-assign]

    async def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title=f"{app.title} — API",
            swagger_js_url=f"{ASSETS}/swagger-ui-bundle.js",
            swagger_css_url=f"{ASSETS}/swagger-ui.css",
            swagger_favicon_url=f"{ASSETS}/favicon-32x32.png",
            swagger_ui_parameters={"docExpansion": "none", "filter": True},
        )

    app.add_api_route("/docs", docs, methods=["GET", "HEAD"], include_in_schema=False)
    app.mount(ASSETS, StaticFiles(directory=swagger_ui_bundle.swagger_ui_path), name="swagger-ui")

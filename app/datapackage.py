"""A dataset as a Frictionless Data Package: /dataset/{name_or_id}/datapackage.json.

The dataset is read through the package_show action as the caller, so a private or deleted
dataset is refused exactly as package_show refuses it (403 / 404).
"""

from __future__ import annotations

from collections.abc import Callable

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from catalog.actions.registry import ActionContext, Identity
from catalog.errors import NotAuthorized, NotFound, ValidationFailed
from catalog.services.datapackage_export import build_datapackage


def build_datapackage_router(
    make_context: Callable[[Identity | None], ActionContext],
    identify: Callable[[Request], Identity | None],
) -> APIRouter:
    router = APIRouter()

    async def datapackage(request: Request, name_or_id: str) -> Response:
        context = make_context(await run_in_threadpool(identify, request))
        try:
            package = await run_in_threadpool(context.call, "package_show", {"id": name_or_id})
        except (NotFound, ValidationFailed):
            return JSONResponse({"error": "Dataset not found"}, status_code=404)
        except NotAuthorized:
            return JSONResponse({"error": "Not authorized to read dataset"}, status_code=403)
        descriptor = build_datapackage(package, context.services.settings.site_url)
        return JSONResponse(descriptor, media_type="application/json")

    router.add_api_route(
        "/dataset/{name_or_id}/datapackage.json",
        datapackage,
        methods=["GET", "HEAD"],
        summary="The dataset as a Frictionless Data Package",
    )
    return router

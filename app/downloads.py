"""Resource file downloads at CKAN's URL: /dataset/{id}/resource/{rid}/download/{filename}."""

from __future__ import annotations

import mimetypes
import re
from collections.abc import Callable

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, PlainTextResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from catalog.actions.registry import ActionContext, Identity
from catalog.errors import NotAuthorized, NotFound, ValidationFailed

_TOKEN = re.compile(r"^[A-Za-z0-9!#$%&'*+.^_`|~-]+$")


def build_download_router(
    make_context: Callable[[Identity | None], ActionContext],
    identify: Callable[[Request], Identity | None],
) -> APIRouter:
    router = APIRouter()

    async def download(request: Request, id: str, resource_id: str) -> Response:
        context = make_context(await run_in_threadpool(identify, request))
        try:
            resource = await run_in_threadpool(context.call, "resource_show", {"id": resource_id})
        except (NotFound, ValidationFailed):
            return PlainTextResponse("Resource not found", status_code=404)
        except NotAuthorized:
            return PlainTextResponse("Not authorized to download resource", status_code=403)
        if resource["package_id"] != id and not _names_package(context, id, resource):
            return PlainTextResponse("Resource not found", status_code=404)
        if resource.get("url_type") != "upload":
            if resource.get("url"):
                return RedirectResponse(resource["url"], status_code=302)
            return PlainTextResponse("No download is available", status_code=404)
        storage = context.services.storage
        if not storage.exists(resource_id):
            return PlainTextResponse("Resource data not found", status_code=404)
        filename = resource["url"].rsplit("/", 1)[-1]
        media_type = resource.get("mimetype") or mimetypes.guess_type(filename)[0]
        media_type = media_type or "application/octet-stream"
        if media_type.startswith("text/") and "charset" not in media_type:
            media_type += "; charset=utf-8"
        if _TOKEN.match(filename):  # Werkzeug's send_file quotes only when it must
            headers = {"Content-Disposition": f"inline; filename={filename}"}
            return FileResponse(
                storage.path_for(resource_id), media_type=media_type, headers=headers
            )
        return FileResponse(
            storage.path_for(resource_id),
            media_type=media_type,
            filename=filename,
            content_disposition_type="inline",
        )

    async def download_named(
        request: Request, id: str, resource_id: str, filename: str
    ) -> Response:
        return await download(request, id, resource_id)

    router.add_api_route(
        "/dataset/{id}/resource/{resource_id}/download", download, methods=["GET", "HEAD"]
    )
    router.add_api_route(
        "/dataset/{id}/resource/{resource_id}/download/{filename}",
        download_named,
        methods=["GET", "HEAD"],
    )
    return router


def _names_package(context: ActionContext, reference: str, resource: dict) -> bool:
    """CKAN accepts the dataset's name as well as its id in the URL."""
    try:
        package = context.call("package_show", {"id": reference})
    except (NotFound, NotAuthorized):
        return False
    return package["id"] == resource["package_id"]

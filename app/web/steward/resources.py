"""A single resource: add (`/dataset/{name}/resource/new`), edit or replace its file
(`/dataset/{name}/resource/{id}/edit`), delete (`.../delete`, with a confirmation page), and
read its validation report (`.../report`)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.datastructures import FormData, UploadFile
from starlette.responses import Response

from app.web.rendering import gettext, translations
from app.web.steward.access import Refused, editable_package
from app.web.steward.forms import field_errors, resource_changes, resource_values
from app.web.steward.pages import (
    acting,
    error,
    failure_status,
    handles_refusals,
    in_thread,
    page,
    posted_form,
    redirect,
    signed_in,
    with_posted_form,
)
from app.web.validation_report import shape_report
from catalog.actions.registry import ActionContext
from catalog.errors import NotAuthorized, NotFound, ValidationFailed

FORM = "steward/resource_form.html"


def _resource(package: dict[str, Any], resource_id: str) -> dict[str, Any]:
    for resource in package.get("resources") or []:
        if resource["id"] == resource_id:
            return resource
    raise Refused(404)


def _editable_resource(
    context: ActionContext, name: str, resource_id: str
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The dataset and its resource, if the caller may edit the dataset; else Refused."""
    package = editable_package(context, name, "package_update")
    return package, _resource(package, resource_id)


def _read(form: FormData) -> tuple[dict[str, str], UploadFile | None]:
    values = {}
    for key in ("source", "url", "name", "format", "description"):
        value = form.get(key)
        values[key] = value.strip() if isinstance(value, str) else ""
    upload = form.get("upload")
    return values, upload if isinstance(upload, UploadFile) and upload.filename else None


def _errors(failed: ValidationFailed) -> dict[str, list[str]]:
    errors = failed.errors
    if isinstance(errors.get("resources"), list):  # the resource's own fields, nested
        nested = [e for e in errors["resources"] if e]
        errors = {**{k: v for k, v in errors.items() if k != "resources"}, **(nested[-1] or {})}
    mapped = field_errors(
        {"resources": [{k: v for k, v in errors.items() if k != "package_id"}]}, [0]
    )
    return {key.removeprefix("res-0-"): value for key, value in mapped.items()}


def build_resource_routes(router: APIRouter) -> None:
    def form_page(
        request: Request,
        package: dict,
        resource: dict | None,
        values: dict,
        errors: dict | None = None,
        status: int = 200,
    ) -> Response:
        context = {"package": package, "resource": resource, "form": values,
                   "errors": errors or {}, "done": request.query_params.get("done")}  # fmt: skip
        return page(request, FORM, context, status)

    def save(
        request: Request,
        context: ActionContext,
        name: str,
        resource_id: str | None,
        form: FormData,
    ) -> Response:
        package = editable_package(context, name, "package_update")
        resource = _resource(package, resource_id) if resource_id else None
        values, upload = _read(form)
        if resource is None and upload is None and not values["url"]:
            message = gettext(request, "Choose a file to upload or give a link to the data.")
            return form_page(request, package, None, values, {"upload": [message]}, 400)
        data = resource_changes(values, upload, resource)
        try:
            if resource is None:
                saved = context.call("resource_create", {**data, "package_id": package["id"]})
            else:
                saved = context.call("resource_patch", {**data, "id": resource["id"]})
        except ValidationFailed as failed:
            status = failure_status(failed)
            return form_page(request, package, resource, values, _errors(failed), status)
        except (NotAuthorized, NotFound):
            return error(request, 403)
        done = "created" if resource is None else "saved"
        return redirect(
            request, f"/dataset/{package['name']}/resource/{saved['id']}/edit?done={done}"
        )

    @router.get("/dataset/{name:name}/resource/new", include_in_schema=False)
    @handles_refusals
    async def new_resource(request: Request, name: str) -> Response:
        context = acting(request, signed_in(request))

        def show() -> Response:
            package = editable_package(context, name, "package_update")
            return form_page(request, package, None, {"source": "upload"})

        return await in_thread(request, show)

    @router.post("/dataset/{name:name}/resource/new", include_in_schema=False)
    @handles_refusals
    async def create_resource(request: Request, name: str) -> Response:
        context = acting(request, signed_in(request))
        return await with_posted_form(
            request, lambda form: save(request, context, name, None, form)
        )

    @router.get("/dataset/{name:name}/resource/{resource_id:name}/edit", include_in_schema=False)
    @handles_refusals
    async def edit_resource(request: Request, name: str, resource_id: str) -> Response:
        context = acting(request, signed_in(request))

        def show() -> Response:
            package, resource = _editable_resource(context, name, resource_id)
            return form_page(request, package, resource, resource_values(resource))

        return await in_thread(request, show)

    @router.post("/dataset/{name:name}/resource/{resource_id:name}/edit", include_in_schema=False)
    @handles_refusals
    async def update_resource(request: Request, name: str, resource_id: str) -> Response:
        context = acting(request, signed_in(request))
        return await with_posted_form(
            request, lambda form: save(request, context, name, resource_id, form)
        )

    @router.get("/dataset/{name:name}/resource/{resource_id:name}/delete", include_in_schema=False)
    @handles_refusals
    async def confirm_delete(request: Request, name: str, resource_id: str) -> Response:
        context = acting(request, signed_in(request))

        def show() -> Response:
            package, resource = _editable_resource(context, name, resource_id)
            values = {"package": package, "resource": resource}
            return page(request, "steward/confirm_delete.html", values)

        return await in_thread(request, show)

    @router.post("/dataset/{name:name}/resource/{resource_id:name}/delete", include_in_schema=False)
    @handles_refusals
    async def delete_resource(request: Request, name: str, resource_id: str) -> Response:
        context = acting(request, signed_in(request))
        await posted_form(request)

        def remove() -> Response:
            package, resource = _editable_resource(context, name, resource_id)
            try:
                context.call("resource_delete", {"id": resource["id"]})
            except (NotAuthorized, NotFound):
                return error(request, 403)
            return redirect(request, f"/dataset/edit/{package['name']}?done=resource-deleted")

        return await in_thread(request, remove)

    @router.get("/dataset/{name:name}/resource/{resource_id:name}/report", include_in_schema=False)
    @handles_refusals
    async def report(request: Request, name: str, resource_id: str) -> Response:
        context = acting(request, signed_in(request))

        def show() -> Response:
            package, resource = _editable_resource(context, name, resource_id)
            try:
                validation = context.call("resource_validation_show", {"resource_id": resource_id})
            except NotFound:
                validation = None
            report = None
            if validation is not None:
                report = shape_report(validation, translations(request), resource_id=resource_id)
            values = {"package": package, "resource": resource, "report": report}
            return page(request, "steward/report.html", values)

        return await in_thread(request, show)

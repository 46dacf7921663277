"""`/dataset/new`, `/dataset/edit/{name}`, `/dataset/delete/{name}`: one form for a dataset
and its resources, saved by one package_create / package_patch call (uploads included), so
the dataset and its files are written together or not at all."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.datastructures import FormData
from starlette.responses import Response

from app.web.rendering import gettext
from app.web.steward.access import (
    assignable_themes,
    editable_package,
    publishable_organizations,
)
from app.web.steward.forms import (
    DatasetForm,
    ResourceBlock,
    field_errors,
    form_from_package,
    package_input,
    read_dataset_form,
    slugify,
)
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
from catalog.actions.registry import ActionContext
from catalog.errors import NotAuthorized, NotFound, ValidationFailed

FORM = "steward/dataset_form.html"


def _choices(
    context: ActionContext, request: Request, package: dict[str, Any] | None
) -> dict[str, Any]:
    """The options of the form's lists: organizations, themes (those the steward may add the
    dataset to, and those it already has), licenses, frequencies."""
    frequency_labels = {
        "daily": gettext(request, "Daily"),
        "weekly": gettext(request, "Weekly"),
        "monthly": gettext(request, "Monthly"),
        "quarterly": gettext(request, "Quarterly"),
        "annual": gettext(request, "Annually"),
        "seasonal": gettext(request, "Seasonal"),
        "irregular": gettext(request, "When it changes"),
    }
    return {
        "organizations": [
            (org["id"], org.get("display_name") or org["name"])
            for org in publishable_organizations(context)
        ],
        "themes": assignable_themes(
            context, [group["name"] for group in (package or {}).get("groups") or []]
        ),
        "licenses": [(lic["id"], lic["title"]) for lic in context.call("license_list", {})],
        "frequencies": list(frequency_labels.items()),
    }


def _form_page(
    request: Request,
    context: ActionContext,
    form: DatasetForm,
    *,
    package: dict[str, Any] | None,
    errors: dict[str, list[str]] | None = None,
    status: int = 200,
) -> Response:
    block_errors: dict[int, dict[str, list[str]]] = {}
    for key, messages in (errors or {}).items():
        if key.startswith("res-"):
            number, _, short = key[4:].partition("-")
            if number.isdigit():
                block_errors.setdefault(int(number), {})[short] = messages
    values = {
        "form": form.values,
        "blocks": form.resources,
        "block_errors": block_errors,
        "package": package,
        "resources_by_id": {r["id"]: r for r in (package or {}).get("resources") or []},
        "errors": errors or {},
        "done": request.query_params.get("done"),
        **_choices(context, request, package),
    }
    return page(request, FORM, values, status)


def _checked_before_saving(
    request: Request, form: DatasetForm, creating: bool
) -> dict[str, list[str]]:
    """What the form itself requires beyond the actions' rules (one submission creates the
    dataset with its first resource)."""
    missing = gettext(request, "Missing value")
    problems: dict[str, list[str]] = {}
    if not form.values["title_vi"]:
        problems["title_vi"] = [missing]
    if not form.values["owner_org"]:
        problems["owner_org"] = [missing]
    if creating:
        first = form.resources[0] if form.resources else ResourceBlock(0)
        if first.upload is None and not first.values.get("url"):
            problems["res-0-upload"] = [
                gettext(request, "Choose a file to upload or give a link to the data.")
            ]
    return problems


def _save(
    request: Request, context: ActionContext, form: DatasetForm, package: dict[str, Any] | None
) -> Response:
    """Create the dataset (`package` None) or patch `package` from the form, redirecting to its
    edit page; the form again, with the errors, if it is refused."""
    creating = package is None
    problems = _checked_before_saving(request, form, creating=creating)
    if problems:
        return _form_page(request, context, form, package=package, errors=problems, status=400)
    data, origin = package_input(form, package)
    denied = (NotAuthorized,) if creating else (NotAuthorized, NotFound)
    try:
        saved = context.call("package_create" if creating else "package_patch", data)
    except ValidationFailed as failed:
        errors = field_errors(failed.errors, origin)
        return _form_page(request, context, form, package=package, errors=errors,
                          status=failure_status(failed))  # fmt: skip
    except denied:
        return error(request, 403)
    done = "created" if creating else "saved"
    return redirect(request, f"/dataset/edit/{saved['name']}?done={done}")


def build_dataset_routes(router: APIRouter) -> None:
    @router.get("/dataset/new", include_in_schema=False)
    @handles_refusals
    async def new_dataset(request: Request) -> Response:
        context = acting(request, signed_in(request))

        def show() -> Response:
            if not context.is_sysadmin and not publishable_organizations(context):
                return error(request, 403)
            form = DatasetForm(
                {"private": "false", "groups": []}, [ResourceBlock(0, {"source": "upload"})]
            )
            return _form_page(request, context, form, package=None)

        return await in_thread(request, show)

    @router.post("/dataset/new", include_in_schema=False)
    @handles_refusals
    async def create_dataset(request: Request) -> Response:
        context = acting(request, signed_in(request))

        def save(posted: FormData) -> Response:
            form = read_dataset_form(posted)
            if not form.values["name"]:
                form.values["name"] = slugify(form.values["title_vi"])
            if not form.resources:
                form.resources.append(ResourceBlock(0, {"source": "upload"}))
            return _save(request, context, form, None)

        return await with_posted_form(request, save)

    @router.get("/dataset/edit/{name:name}", include_in_schema=False)
    @handles_refusals
    async def edit_dataset(request: Request, name: str) -> Response:
        context = acting(request, signed_in(request))

        def show() -> Response:
            package = editable_package(context, name, "package_update")
            form = form_from_package(package)
            form.resources.append(ResourceBlock(len(form.resources), {"source": "upload"}))
            return _form_page(request, context, form, package=package)

        return await in_thread(request, show)

    @router.post("/dataset/edit/{name:name}", include_in_schema=False)
    @handles_refusals
    async def update_dataset(request: Request, name: str) -> Response:
        context = acting(request, signed_in(request))

        def save(posted: FormData) -> Response:
            package = editable_package(context, name, "package_update")
            return _save(request, context, read_dataset_form(posted), package)

        return await with_posted_form(request, save)

    @router.get("/dataset/delete/{name:name}", include_in_schema=False)
    @handles_refusals
    async def confirm_delete(request: Request, name: str) -> Response:
        context = acting(request, signed_in(request))

        def show() -> Response:
            package = editable_package(context, name, "package_delete")
            return page(request, "steward/confirm_delete.html", {"package": package})

        return await in_thread(request, show)

    @router.post("/dataset/delete/{name:name}", include_in_schema=False)
    @handles_refusals
    async def delete_dataset(request: Request, name: str) -> Response:
        context = acting(request, signed_in(request))
        await posted_form(request)

        def remove() -> Response:
            package = editable_package(context, name, "package_delete")
            try:
                context.call("package_delete", {"id": package["id"]})
            except (NotAuthorized, NotFound):
                return error(request, 403)
            return redirect(request, "/dashboard?done=deleted")

        return await in_thread(request, remove)

"""Resource write actions: create (multipart `upload` or a `url`), update, patch, delete,
and the Frictionless validation of their data (resource_validation_show / _run).

An uploaded file is staged and validated before the database transaction starts; only when
the dataset has been saved is the file moved into place. A refused upload (too large,
invalid in `block` mode, a validation error in the metadata) leaves nothing behind.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from catalog.actions.auth import authorize
from catalog.actions.common import (
    active_resource,
    package_dict,
    readable_package,
    site_url,
    utcnow,
)
from catalog.actions.harvest_guard import ensure_writable
from catalog.actions.package_writes import current_input, locked_package, write_package
from catalog.actions.registry import ActionContext, action
from catalog.actions.resource_files import check_link as _check_link
from catalog.actions.resource_files import (
    discard_link_copy,
    fetch_and_validate,
    place_link_copy,
    record_new_data,
)
from catalog.actions.resource_files import prepare as _prepare
from catalog.actions.resource_files import with_upload as _with_upload
from catalog.db.models import Resource, ResourceValidation, new_id
from catalog.errors import NotFound, ValidationFailed
from catalog.services.datastore.jobs import mark_load
from catalog.services.dictization import iso, with_download_urls
from catalog.services.packages import RESOURCE_KEPT, reindex
from catalog.services.uploads import CheckedLink, PreparedUpload, store_validation, validate_table

Change = Callable[[list[dict[str, Any]]], dict[str, Any] | None]


def _change_resources(
    context: ActionContext,
    package_ref: Any,
    permission: str,
    change: Change,
    prepared: PreparedUpload | None,
    resource_for_auth: Resource | None = None,
    link: CheckedLink | None = None,
    data_replaced: bool = False,
) -> dict[str, Any] | None:
    """Apply `change` to the dataset's resource list under lock, save, then place the file
    (an upload's, or a validated link's copy for the DataStore).

    `change` edits the list in place and returns the resource dict it touched (or None).
    """
    storage = context.services.storage
    try:
        with context.services.session(write=True) as session:
            package = locked_package(session, package_ref)
            objects = {"package": package}
            if resource_for_auth is not None:
                objects["resource"] = resource_for_auth
            authorize(context, session, permission, **objects)
            ensure_writable(context, session, package)
            data = current_input(session, package, site_url(context))
            touched = change(data["resources"])
            saved = write_package(context, session, data, package)
            resource_id = touched["id"] if touched else None
            outcome = prepared.outcome if prepared is not None else (link.outcome if link else None)
            if resource_id and (outcome is not None or data_replaced):
                record_new_data(session, resource_id, outcome)
                session.flush()
                mark_load(session, resource_id, submit=False)  # submitted below
                saved = reindex(session, context.services.search, package, site_url(context))
        if prepared is not None and resource_id:
            storage.commit(prepared.staged, resource_id)
        if resource_id and (outcome is not None or data_replaced):
            place_link_copy(context, resource_id, link)  # or delete the old copy
            context.services.datastore_jobs.submit({resource_id: "load"})  # file in place
    except BaseException:
        if prepared is not None:
            storage.discard(prepared.staged)
        discard_link_copy(context, link)
        raise
    saved = with_download_urls(saved, site_url(context))
    return next((r for r in saved["resources"] if r["id"] == resource_id), None)


@action()
def resource_create(context: ActionContext, data_dict: dict[str, Any]) -> dict[str, Any]:
    """Add a resource to a dataset: a file (multipart field `upload`) or a link (`url`).

    :param package_id: the dataset; :param name, description, format, schema (Table Schema
        for validation), and any other field as in CKAN
    Tabular uploads are validated with Frictionless; see validation_status.
    """
    if data_dict.get("package_id") in (None, ""):
        raise ValidationFailed({"package_id": ["Missing value"]})
    prepared = _prepare(context, data_dict)
    link = _check_link(context, data_dict, None)
    resource = _with_upload(data_dict, prepared)
    resource["id"] = new_id()
    resource.pop("package_id", None)

    def append(resources: list[dict[str, Any]]) -> dict[str, Any]:
        resources.append(resource)
        return resource

    created = _change_resources(
        context, data_dict["package_id"], "resource_create", append, prepared, link=link,
    )  # fmt: skip
    assert created is not None
    return created


def _existing_resource(context: ActionContext, resource_id: Any) -> Resource:
    with context.services.session() as session:
        return active_resource(session, resource_id)


def _replace(current: dict[str, Any], given: dict[str, Any]) -> dict[str, Any]:
    """CKAN's resource_update: cleared fields and extras go unless given; kept ones stay."""
    new = {key: current[key] for key in RESOURCE_KEPT if key in current}
    new.update(id=current["id"], position=current.get("position"))
    if "url" not in given and current.get("url_type") == "upload":
        new["url"] = current.get("url")
    new.update(given)
    return new


def _update(context: ActionContext, data_dict: dict[str, Any], merge: bool) -> dict[str, Any]:
    row = _existing_resource(context, data_dict.get("id"))
    prepared = _prepare(context, data_dict)
    link = _check_link(context, data_dict, row.url)
    given = _with_upload(data_dict, prepared)

    def replace(resources: list[dict[str, Any]]) -> dict[str, Any]:
        for index, current in enumerate(resources):
            if current["id"] == row.id:
                new = {**current, **given} if merge else _replace(current, given)
                resources[index] = new
                return new
        raise NotFound("Resource was not found.")

    permission = "resource_patch" if merge else "resource_update"
    url = data_dict.get("url")
    replaced = prepared is not None or (isinstance(url, str) and url != row.url)
    updated = _change_resources(
        context, row.package_id, permission, replace, prepared, row, link, replaced
    )
    assert updated is not None
    return updated


@action()
def resource_update(context: ActionContext, data_dict: dict[str, Any]) -> dict[str, Any]:
    """Replace a resource's metadata (url, description, resource_type, mimetype and custom
    fields not given are cleared, as in CKAN), optionally with a new `upload`.

    :param id: the resource id
    """
    return _update(context, data_dict, merge=False)


@action()
def resource_patch(context: ActionContext, data_dict: dict[str, Any]) -> dict[str, Any]:
    """Change only the given fields of a resource, optionally with a new `upload`.

    :param id: the resource id
    """
    return _update(context, data_dict, merge=True)


@action()
def resource_delete(context: ActionContext, data_dict: dict[str, Any]) -> None:
    """Remove a resource from its dataset.

    :param id: the resource id
    """
    row = _existing_resource(context, data_dict.get("id"))

    def remove(resources: list[dict[str, Any]]) -> None:
        resources[:] = [r for r in resources if r["id"] != row.id]

    _change_resources(context, row.package_id, "resource_delete", remove, None, row)
    return None


def _validation_dict(row: ResourceValidation) -> dict[str, Any]:
    return {
        "resource_id": row.resource_id,
        "status": row.status,
        "created": iso(row.created),
        "finished": iso(row.finished),
        "report": row.report,
    }


def _readable_resource(context: ActionContext, session: Session, resource_id: Any) -> Resource:
    row = _existing_resource(context, resource_id)
    readable_package(context, session, row.package_id)
    return row


@action(side_effect_free=True)
def resource_validation_show(context: ActionContext, data_dict: dict[str, Any]) -> dict:
    """Return the stored Frictionless validation of a resource: status and report.

    :param resource_id: the resource id
    """
    with context.services.session() as session:
        row = _readable_resource(context, session, data_dict.get("resource_id"))
        validation = session.get(ResourceValidation, row.id)
        if validation is None:
            raise NotFound(f"No validation report exists for this resource: {row.id}")
        return _validation_dict(validation)


@action()
def resource_validation_run(context: ActionContext, data_dict: dict[str, Any]) -> dict:
    """Validate a resource's data again and keep the new report: an uploaded file as it is
    stored, a link's file fetched again. A file that passes is loaded into the DataStore.

    :param resource_id: the resource id
    """
    row = _existing_resource(context, data_dict.get("resource_id"))
    with context.services.session() as session:
        package = readable_package(context, session, row.package_id)
        authorize(context, session, "resource_update", package=package, resource=row)
        resource = next(
            r for r in package_dict(context, session, package)["resources"] if r["id"] == row.id
        )
    path = context.services.storage.path_for(row.id)
    started = utcnow()
    link: CheckedLink | None = None
    if row.url_type == "upload" and path.is_file():
        with tempfile.TemporaryDirectory(dir=context.services.storage.root) as workdir:
            outcome = validate_table(path, row.format, row.url, resource.get("schema"),
                                     Path(workdir))  # fmt: skip
    elif row.url_type != "upload" and (row.url or "").startswith(("http://", "https://")):
        link = fetch_and_validate(context, row.url, row.format, resource.get("schema"))
        outcome = link.outcome if link else None
    else:
        message = "Only uploaded files and http(s) links can be validated"
        raise ValidationFailed({"resource_id": [message]})
    if outcome is None:
        raise ValidationFailed({"resource_id": ["This resource is not a table"]})
    try:
        with context.services.session(write=True) as session:
            package = locked_package(session, row.package_id)
            validation = store_validation(session, row.id, outcome, started)
            session.flush()
            mark_load(session, row.id, submit=False)  # submitted once the file is in place
            reindex(session, context.services.search, package, site_url(context))
            result = _validation_dict(validation)
        if row.url_type != "upload":
            place_link_copy(context, row.id, link)  # or delete the old copy
        context.services.datastore_jobs.submit({row.id: "load"})
    except BaseException:
        discard_link_copy(context, link)
        raise
    return result

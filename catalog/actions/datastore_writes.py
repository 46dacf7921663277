"""The steward's DataStore actions, as CKAN 2.11 has them (ckanext/datastore/logic/action.py):
datastore_create, datastore_upsert, datastore_delete, datastore_info; and the load state of
a resource's file as ckanext-xloader shows it (xloader_status, xloader_submit).

Checks in CKAN's order: parameters (409), permission (403: resource_update, package_update
for a new resource, resource_show for datastore_info), the table (404 `Resource "<id>" was
not found.`), read-only resources (409 unless `force`). Each write is one transaction.
"""

from __future__ import annotations

from typing import Any

from catalog.actions.auth import authorize
from catalog.actions.common import site_url, user_label
from catalog.actions.registry import ActionContext, action
from catalog.db.datastore_models import DatastoreJob
from catalog.db.models import Package, Resource
from catalog.errors import NotAuthorized, NotFound, ValidationFailed
from catalog.services.datastore import writes
from catalog.services.datastore.jobs import mark_load, set_active
from catalog.services.datastore.types import POSTGRES_COLUMN, SQLITE_COLUMN
from catalog.services.dictization import iso
from catalog.services.packages import reindex
from catalog.services.validation import as_bool

READ_ONLY = (
    "Cannot edit read-only resource because changes made may be lost. Use a resource "
    'created for editing e.g. with datastore_create or use "force=True" to ignore this '
    "warning."
)
CREATE_KEYS = {
    "resource_id", "id", "force", "resource", "aliases", "fields", "records", "primary_key",
    "indexes", "triggers", "delete_fields", "calculate_record_count",
}  # fmt: skip
UPSERT_KEYS = {"resource_id", "id", "force", "records", "method", "calculate_record_count",
               "dry_run"}  # fmt: skip
DELETE_KEYS = {"resource_id", "id", "force", "filters", "calculate_record_count"}


def _checked(data_dict: dict[str, Any], allowed: set[str], required: bool = True) -> dict:
    """CKAN's navl steps: `id` renamed to `resource_id`, junk keys refused, booleans read."""
    data = dict(data_dict)
    if "id" in data and "resource_id" not in data:
        data["resource_id"] = data.pop("id")
    data.pop("id", None)
    errors: dict[str, Any] = {}
    junk = sorted(str(key) for key in data if key not in allowed)
    if junk:
        errors["__junk"] = [f"The input field {[(key,) for key in junk]} was not expected."]
    resource_id = data.get("resource_id")
    if resource_id in (None, "") and required:
        errors["resource_id"] = ["Missing value"]
    elif resource_id is not None:
        data["resource_id"] = safe_id(resource_id)
    for key in ("force", "delete_fields", "calculate_record_count", "dry_run"):
        if key in data:
            try:
                data[key] = as_bool(data[key])
            except (ValueError, TypeError):
                errors[key] = ["Value must be one of ['true', 'false']"]
    if errors:
        raise ValidationFailed(errors)
    return data


def safe_id(value: Any) -> str:
    """An id as text the databases can look up (a lone surrogate or an odd type cannot be an
    id: such a value becomes one that matches nothing)."""
    text = value if isinstance(value, str) else str(value)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "replace").decode("utf-8")
    return text[:200]


def _key_list(value: Any, key: str) -> list[str] | None:
    """CKAN's list_of_strings_or_string."""
    if value is None:
        return None
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return value
    raise ValidationFailed({key: ["Not a list of strings"]})


def _resource_for_write(context: ActionContext, resource_id: str, force: bool) -> Resource:
    """The resource after the 403 and read-only checks (404 when it does not exist)."""
    with context.services.session() as session:
        resource = session.get(Resource, resource_id)
        package = session.get(Package, resource.package_id) if resource else None
        if resource is None or package is None or resource.state != "active":
            raise NotFound(f'Resource "{resource_id}" was not found.')
        try:
            authorize(context, session, "resource_update", package=package, resource=resource)
        except NotAuthorized:
            raise NotAuthorized(
                f"User {user_label(context)} not authorized to update resource {resource_id}"
            ) from None
        if not force and resource.url_type != "datastore":
            raise ValidationFailed({"read-only": [READ_ONLY]})
        return resource


def _record_active(context: ActionContext, resource: Resource, active: bool,
                   rows: int | None) -> None:  # fmt: skip
    with context.services.session(write=True) as session:
        if set_active(session, resource.id, active, rows=rows):
            package = session.get(Package, resource.package_id)
            if package is not None:
                reindex(session, context.services.search, package, site_url(context))


@action()
def datastore_create(context: ActionContext, data_dict: dict[str, Any]) -> dict[str, Any]:
    """Add a DataStore table to a resource (or change its fields), optionally with rows.

    :param resource_id: an existing resource, or :param resource: a resource dict (with
        package_id) to create one whose data lives only in the DataStore
    :param fields: [{"id", "type", "info"}]; :param records: rows to append;
    :param primary_key: field(s) that are unique; :param delete_fields: drop fields not given;
    :param force: edit a resource whose data comes from a file
    """
    data = _checked(data_dict, CREATE_KEYS, required=False)
    specs = writes.parse_fields(data.get("fields"))
    records = writes.parse_records(data.get("records"))
    primary_key = _key_list(data.get("primary_key"), "primary_key")
    _key_list(data.get("indexes"), "indexes")
    aliases = _key_list(data.get("aliases"), "aliases")
    if aliases:
        raise ValidationFailed({"aliases": ["Aliases are not supported"]})
    if data.get("triggers"):
        raise ValidationFailed({"triggers": ["Triggers are not supported"]})
    resource_input = data.get("resource")
    if resource_input is not None and data.get("resource_id"):
        raise ValidationFailed({"resource": ["resource cannot be used with resource_id"]})
    if resource_input is None and not data.get("resource_id"):
        raise ValidationFailed({"resource_id": ["resource_id or resource required"]})
    if resource_input is not None:
        if not isinstance(resource_input, dict):
            raise ValidationFailed({"resource": ["Not a dict"]})
        if "url" in resource_input or "upload" in resource_input:
            raise ValidationFailed(
                {"resource": ["A file is loaded from an upload or link with resource_create"]}
            )
        created = context.call(
            "resource_create", {**resource_input, "url": "", "url_type": "datastore"}
        )
        resource_id = created["id"]
        force = True
    else:
        resource_id = data["resource_id"]
        force = bool(data.get("force"))
    resource = _resource_for_write(context, resource_id, force)
    info = writes.create(context.services.datastore, resource_id, specs, records, primary_key,
                         bool(data.get("delete_fields")))  # fmt: skip
    _record_active(context, resource, True, info.count)
    result: dict[str, Any] = {
        "resource_id": resource_id,
        "fields": [field.as_dict() for field in info.fields],
        "method": "insert",
    }
    if info.primary_key:
        result["primary_key"] = info.primary_key
    if resource_input is not None:
        result["resource"] = context.call("resource_show", {"id": resource_id})
    return result


@action()
def datastore_upsert(context: ActionContext, data_dict: dict[str, Any]) -> dict[str, Any]:
    """Insert, update or upsert rows of a DataStore table (update/upsert find rows by the
    table's primary key or by `_id`).

    :param resource_id: the resource; :param records: the rows;
    :param method: upsert (default), insert or update; :param dry_run: check only;
    :param force: edit a resource whose data comes from a file
    """
    data = _checked(data_dict, UPSERT_KEYS)
    method = data.get("method", "upsert")
    if method not in writes.METHODS:
        raise ValidationFailed({"method": [f"Value must be one of {list(writes.METHODS)}"]})
    records = writes.parse_records(data.get("records"))
    resource_id = data["resource_id"]
    resource = _resource_for_write(context, resource_id, bool(data.get("force")))
    if context.services.datastore.describe(resource_id) is None:
        raise NotFound(f'Resource "{resource_id}" was not found.')
    if records:
        try:
            writes.upsert(context.services.datastore, resource_id, records, method,
                          dry_run=bool(data.get("dry_run")))  # fmt: skip
        except LookupError:
            raise NotFound(f'Resource "{resource_id}" was not found.') from None
        info = context.services.datastore.describe(resource_id)
        _record_active(context, resource, True, info.count if info else None)
    return {"resource_id": resource_id, "method": method, "records": records}


@action()
def datastore_delete(context: ActionContext, data_dict: dict[str, Any]) -> dict[str, Any]:
    """Delete rows matching `filters` ({"field": value or [values]}), or the whole table.

    :param resource_id: the resource; :param filters: which rows (none: the table);
    :param force: edit a resource whose data comes from a file
    """
    data = _checked(data_dict, DELETE_KEYS)
    filters = data.get("filters")
    if filters is not None and not isinstance(filters, dict):
        raise ValidationFailed({"filters": ["filters must be either a dict or null."]})
    resource_id = data["resource_id"]
    resource = _resource_for_write(context, resource_id, bool(data.get("force")))
    if not writes.delete(context.services.datastore, resource_id, filters):
        raise NotFound(f'Resource "{resource_id}" was not found.')
    if filters is None:
        _record_active(context, resource, False, 0)
    else:
        info = context.services.datastore.describe(resource_id)
        _record_active(context, resource, True, info.count if info else None)
    result: dict[str, Any] = {"resource_id": resource_id}
    if filters is not None:
        result["filters"] = filters
    return result


def _readable(context: ActionContext, resource_id: Any) -> Resource:
    if resource_id in (None, ""):
        raise ValidationFailed({"resource_id": ["Missing value"]})
    resource_id = safe_id(resource_id)
    with context.services.session() as session:
        resource = session.get(Resource, resource_id)
        package = session.get(Package, resource.package_id) if resource else None
        if resource is None or package is None or resource.state != "active":
            raise NotFound(f'Resource/Alias "{resource_id}" was not found.')
        authorize(context, session, "resource_show", package=package, resource=resource)
        return resource


@action(side_effect_free=True)
def datastore_info(context: ActionContext, data_dict: dict[str, Any]) -> dict[str, Any]:
    """A DataStore table's row count, fields with their database types, and the state of
    the last load of the resource's file.

    :param resource_id: the resource (also `id`)
    """
    resource_id = data_dict.get("resource_id", data_dict.get("id"))
    resource = _readable(context, resource_id)
    store = context.services.datastore
    info = store.describe(resource.id)
    if info is None:
        raise NotFound(f'Resource/Alias "{resource.id}" was not found.')
    native = SQLITE_COLUMN if store.dialect == "sqlite" else POSTGRES_COLUMN
    key = set(info.primary_key)
    fields = []
    for field in info.fields:
        item = field.as_dict()
        item["schema"] = {
            "native_type": native[field.type],
            "index_name": f"{info.table}_pk" if field.id in key else None,
            "is_index": field.id in key,
            "notnull": False,
            "uniquekey": field.id in key and len(key) == 1,
        }
        fields.append(item)
    meta = {
        "id": resource.id, "count": info.count, "table_type": "BASE TABLE", "size": 0,
        "db_size": 0, "idx_size": 0, "aliases": [], "last_modified": iso(info.modified),
    }  # fmt: skip
    status = _status(context, resource.id)
    if status is not None:
        meta["load"] = status
    return {"meta": meta, "fields": fields}


def _status(context: ActionContext, resource_id: str) -> dict[str, Any] | None:
    with context.services.session() as session:
        job = session.get(DatastoreJob, resource_id)
        if job is None:
            return None
        return {
            "status": job.status,
            "job_id": job.job_id,
            "job_url": None,
            "last_updated": iso(job.last_updated),
            "error": {"message": job.error} if job.error else None,
            "task_info": {
                "source": job.source,
                "created": iso(job.created),
                "started": iso(job.started),
                "finished": iso(job.finished),
                "rows": job.rows,
                "datastore_active": job.active,
            },
        }


def _writable(context: ActionContext, data_dict: dict[str, Any]) -> Resource:
    resource_id = data_dict.get("resource_id", data_dict.get("id"))
    if resource_id in (None, ""):
        raise ValidationFailed({"resource_id": ["Missing value"]})
    return _resource_for_write(context, safe_id(resource_id), force=True)


@action(side_effect_free=True)
def xloader_status(context: ActionContext, data_dict: dict[str, Any]) -> dict[str, Any]:
    """The state of the DataStore load of a resource's file, as ckanext-xloader shows it:
    status (pending, running, indexing, complete, error), job_id, last_updated, error, task_info
    (created, started, finished, rows).

    :param resource_id: the resource (also `id`)
    """
    resource = _writable(context, data_dict)
    status = _status(context, resource.id)
    if status is None:
        raise NotFound("Task status not found")
    return status


@action()
def xloader_submit(context: ActionContext, data_dict: dict[str, Any]) -> bool:
    """Load the resource's validated file into the DataStore again (in the background).

    :param resource_id: the resource (also `id`)
    """
    resource = _writable(context, data_dict)
    with context.services.session(write=True) as session:
        mark_load(session, resource.id)
    return True

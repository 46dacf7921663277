"""package_create for many datasets at once: what a bulk importer (the harvester) uses.

Each dataset is checked as package_create checks it (authorization, the harvest guard on
reserved extras, validation with the names and ids taken, those of the datasets before it
in the list included); the valid ones are then written together (rows, search index and
"new package" activities with a few statements for all) inside one savepoint. Should that
bulk write fail, or a dataset need more than a plain create (uploads, a deleted dataset to
rename), those datasets go through package_create one by one, each in its own savepoint:
one failing dataset never takes another with it and leaves nothing behind.

Not an action of the API: called in-process with a context, inside a write batch
(catalog.actions.batch) or not (then it opens one).
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from catalog.actions.auth import authorize
from catalog.actions.batch import BatchServices, write_batch
from catalog.actions.common import site_url, utcnow
from catalog.actions.harvest_guard import check_reserved_extras
from catalog.actions.package_writes import group_ids_named
from catalog.actions.registry import ActionContext
from catalog.db.models import Package
from catalog.errors import CatalogError, ValidationFailed
from catalog.services.activity import record_new_package_activities
from catalog.services.dictization import with_download_urls
from catalog.services.packages import add_new_packages, find_group, reindex_new
from catalog.services.validation import validate_package

Result = dict[str, Any] | Exception  # the dataset as package_create returns it, or its error


def create_packages(context: ActionContext, data_dicts: list[dict[str, Any]]) -> list[Result]:
    """package_create of each data dict; a list of results in the same order: the dataset
    dict, or the exception package_create would have raised (nothing of it is written)."""
    if not isinstance(context.services, BatchServices):
        with write_batch(context) as batch:
            return create_packages(batch, data_dicts)
    results: list[Result | None] = [None] * len(data_dicts)
    alone: list[int] = []  # through package_create, one at a time
    with context.services.session(write=True) as session:
        checked = _check(context, session, data_dicts, results, alone)
        if checked:
            try:
                with session.begin_nested():
                    written = _write(context, session, [clean for _, clean in checked])
            except Exception:  # noqa: BLE001  (each is tried alone below and gets its own error)
                alone.extend(index for index, _ in checked)
            else:
                for (index, _), data in zip(checked, written, strict=True):
                    results[index] = with_download_urls(data, site_url(context))
    for index in sorted(alone):
        try:
            results[index] = context.call("package_create", data_dicts[index])
        except Exception as error:  # noqa: BLE001  (the caller records it)
            results[index] = error
    return [result if result is not None else RuntimeError("not written") for result in results]


def _check(
    context: ActionContext,
    session: Session,
    data_dicts: list[dict[str, Any]],
    results: list[Result | None],
    alone: list[int],
) -> list[tuple[int, dict[str, Any]]]:
    """The valid, plain creates as (index, cleaned dict); errors go to `results`, the
    datasets that need package_create itself to `alone`."""
    names = {d.get("name") for d in data_dicts if isinstance(d.get("name"), str)}
    ids = {_uuid(d.get("id")) for d in data_dicts} - {None}
    rows = session.execute(
        select(Package.id, Package.name, Package.state).where(
            or_(Package.name.in_(names), Package.id.in_(ids))
        )
    ).all()
    taken = {name for _, name, state in rows if state != "deleted"}
    held_by_deleted = {name for _, name, state in rows if state == "deleted"}
    used_ids = {package_id for package_id, _, _ in rows}
    orgs: dict[str, Any] = {}
    checked: list[tuple[int, dict[str, Any]]] = []
    for index, data_dict in enumerate(data_dicts):
        resources = data_dict.get("resources")
        if isinstance(resources, list) and any(
            isinstance(r, dict) and r.get("upload") not in (None, "") for r in resources
        ):
            alone.append(index)
            continue
        try:
            owner = data_dict.get("owner_org")
            if owner and str(owner) not in orgs:
                orgs[str(owner)] = find_group(session, str(owner), is_organization=True)
            org = orgs.get(str(owner)) if owner else None
            group_ids = group_ids_named(session, data_dict.get("groups"))
            authorize(context, session, "package_create", owner_org=org.id if org else None,
                      groups=list(group_ids.values()))  # fmt: skip
            check_reserved_extras(context, data_dict)
            name = data_dict.get("name")
            name = name if isinstance(name, str) else None
            if name in held_by_deleted:
                alone.append(index)  # package_create renames the deleted dataset first
                continue
            clean = validate_package(
                data_dict,
                name_taken=name in taken,
                organization_id=org.id if org else None,
                group_ids=group_ids,
                creating=True,
            )
            if clean.get("id") and clean["id"] in used_ids:
                raise ValidationFailed({"id": ["Dataset id already exists"]})
        except CatalogError as error:
            results[index] = error
            continue
        except Exception:  # noqa: BLE001  (package_create raises it again, for the record)
            alone.append(index)
            continue
        taken.add(clean["name"])
        if clean.get("id"):
            used_ids.add(clean["id"])
        checked.append((index, clean))
    return checked


def _uuid(value: Any) -> str | None:
    try:
        return str(uuid.UUID(str(value))) if value else None
    except ValueError:
        return None


def _write(context: ActionContext, session: Session, cleans: list[dict[str, Any]]) -> list[dict]:
    """Rows, index entries and activities of the checked datasets; their dicts."""
    packages = add_new_packages(session, cleans, user_id=context.user_id, now=utcnow())
    written = reindex_new(session, context.services.search, packages, site_url(context))
    record_new_package_activities(session, user_id=context.user_id, package_dicts=written)
    session.flush()
    return written

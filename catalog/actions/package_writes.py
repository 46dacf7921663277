"""Dataset write actions with CKAN 2.11's semantics: create, update (full replacement),
patch, revise, delete (soft), purge, owner_org_update.

Every write runs in a write session with the dataset's row locked, validates everything
before changing anything, reindexes the dataset and records its activity in the same
transaction: a failed write leaves nothing behind.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from catalog.actions.auth import authorize
from catalog.actions.common import site_url, utcnow
from catalog.actions.harvest_guard import check_reserved_extras, ensure_writable
from catalog.actions.params import Params
from catalog.actions.registry import ActionContext, action
from catalog.actions.resource_files import StagedFiles, stage_package_files
from catalog.db.models import Member, Package, PackageExtra, PackageTag, Resource
from catalog.errors import NotFound, ValidationFailed
from catalog.services.activity import record_package_activity
from catalog.services.datastore.jobs import mark_drop
from catalog.services.dictization import package_dictize, with_download_urls
from catalog.services.packages import find_group, find_package, reindex, save_package
from catalog.services.revise import (
    RevisionError,
    filter_globs,
    json_or_string,
    match_key,
    merge,
    merge_key,
    mismatches,
)
from catalog.services.search.indexer import unindex_package
from catalog.services.validation import validate_package


def locked_package(session: Session, reference: Any) -> Package:
    """The dataset by id or name, locked for this transaction; NotFound as CKAN says it."""
    if reference in (None, ""):
        raise ValidationFailed({"id": ["Missing value"]})
    package = find_package(session, str(reference), for_update=True)
    if package is None:
        raise NotFound("Package was not found.")
    return package


def _added_group_ids(session: Session, package: Package, groups: Any) -> list[str]:
    """The groups `groups` puts the dataset into that it is not in yet: as CKAN's
    package_update auth (`_check_group_auth`), only these need the caller's group rights."""
    current = set(
        session.execute(
            select(Member.group_id).where(
                Member.table_name == "package",
                Member.table_id == package.id,
                Member.state == "active",
            )
        ).scalars()
    )
    return [gid for gid in group_ids_named(session, groups).values() if gid not in current]


def group_ids_named(session: Session, groups: Any) -> dict[str, str]:
    """The ids of the existing groups a `groups` input names, by the reference given."""
    found: dict[str, str] = {}
    for group in groups if isinstance(groups, list) else []:
        if isinstance(group, dict):
            ref = group.get("id") or group.get("name")
            row = find_group(session, str(ref), is_organization=False) if ref else None
            if row is not None:
                found[str(ref)] = row.id
    return found


def write_package(
    context: ActionContext,
    session: Session,
    data_dict: dict[str, Any],
    existing: Package | None,
) -> dict[str, Any]:
    """Validate and save a whole package dict; reindex; record the activity.

    Returns the new package dict with relative upload URLs (the cached form).
    """
    check_reserved_extras(context, data_dict)
    name = data_dict.get("name") or (existing.name if existing else None)
    clash = None
    if name and isinstance(name, str):
        clash = session.execute(
            select(Package.id).where(Package.name == name, Package.state != "deleted")
        ).scalar_one_or_none()
    owner = data_dict.get("owner_org")
    org = find_group(session, str(owner), is_organization=True) if owner else None
    clean = validate_package(
        {**data_dict, "name": name},
        name_taken=clash is not None and (existing is None or clash != existing.id),
        organization_id=org.id if org else None,
        group_ids=group_ids_named(session, data_dict.get("groups")),
        creating=existing is None,
    )
    if existing is None and clean.get("id") and session.get(Package, clean["id"]):
        raise ValidationFailed({"id": ["Dataset id already exists"]})
    _free_name_of_deleted(context, session, clean["name"], existing)
    package = save_package(session, clean, existing=existing, user_id=context.user_id, now=utcnow())
    data = reindex(session, context.services.search, package, site_url(context))
    record_package_activity(
        session,
        user_id=context.user_id,
        activity_type="new package" if existing is None else "changed package",
        package_dict=data,
    )
    return data


def _free_name_of_deleted(
    context: ActionContext, session: Session, name: str, existing: Package | None
) -> None:
    """A deleted dataset gives up its name to a new one: it is renamed to its id (CKAN)."""
    for old in session.execute(
        select(Package).where(Package.name == name, Package.state == "deleted")
    ).scalars():
        if existing is None or old.id != existing.id:
            old.name = old.id
            session.flush()
            reindex(session, context.services.search, old, site_url(context))


def current_input(session: Session, package: Package, url: str) -> dict[str, Any]:
    """The package as an update input: package_show's dict, read fresh from the tables."""
    return copy.deepcopy(package_dictize(session, package, url))


def _shown(context: ActionContext, data: dict[str, Any]) -> dict[str, Any]:
    return with_download_urls(data, site_url(context))


@contextmanager
def _placing(context: ActionContext, staged: StagedFiles) -> Iterator[None]:
    """Move the staged files into place once the write has committed; else drop them."""
    try:
        yield
    except BaseException:
        staged.discard(context)
        raise
    staged.commit(context)


def _with_reports(
    context: ActionContext, session: Session, staged: StagedFiles, data: dict[str, Any]
) -> dict[str, Any]:
    """Store the validation reports of the uploaded files; the dict shows their status."""
    if not staged.record(session):
        return data
    package = locked_package(session, data["id"])
    return reindex(session, context.services.search, package, site_url(context))


@action()
def package_create(context: ActionContext, data_dict: dict[str, Any]) -> dict[str, Any]:
    """Create a dataset in an organization the caller is an editor or admin of.

    :param name: the URL name (2-100 of a-z 0-9 - _); :param owner_org: organization id/name
    :param title, notes, url, version, author, author_email, maintainer, maintainer_email,
        license_id, private, tags, extras, resources, groups: as in CKAN; a resource may
        carry an `upload` (a file object, for in-process callers such as the web forms),
        staged and validated as resource_create does
    """
    data_dict, staged = stage_package_files(context, data_dict)
    with _placing(context, staged):
        with context.services.session(write=True) as session:
            owner = data_dict.get("owner_org")
            org = find_group(session, str(owner), is_organization=True) if owner else None
            authorize(
                context,
                session,
                "package_create",
                owner_org=org.id if org else None,
                groups=list(group_ids_named(session, data_dict.get("groups")).values()),
            )
            data = write_package(context, session, data_dict, None)
            data = _with_reports(context, session, staged, data)
    return _shown(context, data)


@action()
def package_update(context: ActionContext, data_dict: dict[str, Any]) -> dict[str, Any]:
    """Replace a dataset: fields, tags, extras, groups and resources not given are cleared.

    :param id: the dataset's id or name (or `name`)
    """
    data_dict, staged = stage_package_files(context, data_dict)
    with _placing(context, staged):
        with context.services.session(write=True) as session:
            package = locked_package(session, data_dict.get("id") or data_dict.get("name"))
            added = _added_group_ids(session, package, data_dict.get("groups"))
            authorize(context, session, "package_update", package=package, groups=added)
            ensure_writable(context, session, package)
            data = write_package(context, session, data_dict, package)
            data = _with_reports(context, session, staged, data)
    return _shown(context, data)


@action()
def package_patch(context: ActionContext, data_dict: dict[str, Any]) -> dict[str, Any]:
    """Change only the given top-level fields of a dataset (lists given replace the old).

    :param id: the dataset's id or name
    """
    data_dict, staged = stage_package_files(context, data_dict)
    with _placing(context, staged):
        with context.services.session(write=True) as session:
            package = locked_package(session, data_dict.get("id"))
            added = _added_group_ids(session, package, data_dict.get("groups"))
            authorize(context, session, "package_patch", package=package, groups=added)
            ensure_writable(context, session, package)
            patched = current_input(session, package, site_url(context))
            patched.update({key: value for key, value in data_dict.items() if key != "id"})
            data = write_package(context, session, patched, package)
            data = _with_reports(context, session, staged, data)
    return _shown(context, data)


@action()
def package_delete(context: ActionContext, data_dict: dict[str, Any]) -> None:
    """Delete a dataset (state "deleted"): gone from lists and search, kept for its editors.

    :param id: the dataset's id or name
    """
    with context.services.session(write=True) as session:
        package = locked_package(session, data_dict.get("id"))
        authorize(context, session, "package_delete", package=package)
        ensure_writable(context, session, package)
        session.execute(
            delete(Member).where(Member.table_name == "package", Member.table_id == package.id)
        )
        package.state = "deleted"
        package.metadata_modified = utcnow()
        data = reindex(session, context.services.search, package, site_url(context))
        record_package_activity(
            session, user_id=context.user_id, activity_type="deleted package", package_dict=data
        )
    return None


@action()
def dataset_purge(context: ActionContext, data_dict: dict[str, Any]) -> None:
    """Remove a dataset and everything of it for good (sysadmins).

    :param id: the dataset's id or name
    """
    with context.services.session(write=True) as session:
        package = locked_package(session, data_dict.get("id"))
        authorize(context, session, "dataset_purge", package=package)
        resource_ids = list(
            session.execute(select(Resource.id).where(Resource.package_id == package.id)).scalars()
        )
        unindex_package(session, context.services.search, package.id)
        for table in (PackageTag, PackageExtra, Resource):
            session.execute(delete(table).where(table.package_id == package.id))
        session.execute(
            delete(Member).where(Member.table_name == "package", Member.table_id == package.id)
        )
        session.delete(package)
        for resource_id in resource_ids:
            mark_drop(session, resource_id)  # after commit: the DataStore tables go
    for resource_id in resource_ids:
        context.services.storage.delete(resource_id)
    return None


@action()
def package_owner_org_update(context: ActionContext, data_dict: dict[str, Any]) -> None:
    """Move a dataset to another organization.

    :param id: the dataset's id or name; :param organization_id: the new organization
    """
    with context.services.session(write=True) as session:
        package = locked_package(session, data_dict.get("id"))
        authorize(context, session, "package_owner_org_update", package=package)
        ensure_writable(context, session, package)
        reference = data_dict.get("organization_id")
        org = find_group(session, str(reference), is_organization=True) if reference else None
        if org is None:
            raise ValidationFailed({"organization_id": ["Organization does not exist"]})
        authorize(context, session, "package_create", owner_org=org.id, groups=[])
        moved = current_input(session, package, site_url(context))
        moved["owner_org"] = org.id
        write_package(context, session, moved, package)
    return None


def _revision_parts(data_dict: dict[str, Any]) -> tuple[dict, dict, dict, dict, list, list]:
    match = json_or_string(data_dict.get("match", {}))
    update = json_or_string(data_dict.get("update", {}))
    if not isinstance(match, dict) or not isinstance(update, dict):
        raise ValidationFailed(
            {"match" if not isinstance(match, dict) else "update": ["Not a dict"]}
        )
    flat_match = {k[7:]: json_or_string(v) for k, v in data_dict.items() if k.startswith("match__")}
    flat_update = {
        k[8:]: json_or_string(v) for k, v in data_dict.items() if k.startswith("update__")
    }
    patterns = Params(data_dict).comma_list("filter") or []
    include = Params(data_dict).comma_list("include") or []
    return match, flat_match, update, flat_update, patterns, include


@action()
def package_revise(context: ActionContext, data_dict: dict[str, Any]) -> dict[str, Any]:
    """Change parts of a dataset only if it still looks as expected (CKAN 2.9+).

    :param match: values the dataset must have now (must include id or name); or flattened
        `match__<path>` keys, e.g. `match__resources__0__name`
    :param filter: patterns of fields to remove first, e.g. `["-resources__*__description"]`
    :param update: a dict merged deeply into the dataset; or `update__<path>` keys; a list
        item is addressed by index or by the first 5+ characters of its id;
        `update__resources__extend` appends resources
    :param include: patterns limiting the returned dict
    Returns `{"package": <the updated dataset>}`.
    """
    match, flat_match, update, flat_update, patterns, include = _revision_parts(data_dict)
    reference = (
        flat_match.get("id") or match.get("id") or flat_match.get("name") or match.get("name")
    )
    if reference is None:
        raise ValidationFailed({"match__id": "Missing value"})
    with context.services.session(write=True) as session:
        package = locked_package(session, reference)
        authorize(context, session, "package_revise", package=package)
        ensure_writable(context, session, package)
        current = with_download_urls(
            current_input(session, package, site_url(context)), site_url(context)
        )
        unmatched = mismatches(current, match)
        try:
            for key, value in sorted(flat_match.items()):
                unmatched.extend(match_key(current, key, value))
        except RevisionError as error:
            raise ValidationFailed({"match": [str(error)]}) from None
        if unmatched:
            raise ValidationFailed(
                {"match": ["__".join(str(p) for p in path) for path in unmatched]}
            )
        if patterns:
            filter_globs(current, patterns)
            current["id"] = package.id
        try:
            merge(current, update)
        except RevisionError as error:
            raise ValidationFailed({"update": [str(error)]}) from None
        for key, value in sorted(flat_update.items(), key=lambda kv: kv[0].endswith("extend")):
            try:
                merge_key(current, key, value)
            except RevisionError as error:
                raise ValidationFailed({f"update__{key}": [str(error)]}) from None
        added = _added_group_ids(session, package, current.get("groups"))
        if added:
            authorize(context, session, "package_revise", package=package, groups=added)
        data = write_package(context, session, current, package)
    result = {"package": _shown(context, data)}
    if include:
        filter_globs(result, include)
    return result

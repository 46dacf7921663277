"""Reading and saving packages (datasets) with their resources, tags, extras and groups.

`save_package` takes input that has already been validated (catalog.services.validation)
and applies CKAN's package_update semantics: lists given are replaced wholesale.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from catalog.db.models import (
    Group,
    Member,
    Package,
    PackageExtra,
    PackageTag,
    Resource,
    Tag,
    new_id,
)
from catalog.services.datastore.jobs import mark_drop
from catalog.services.dictization import package_dictize, package_dictize_many
from catalog.services.search.backend import SearchBackend
from catalog.services.search.indexer import index_new_packages, index_package

# Columns package_update clears when omitted (CKAN's `remove_if_not_provided`).
CLEARED_WHEN_OMITTED = (
    "title", "notes", "url", "version", "author", "author_email", "maintainer",
    "maintainer_email", "license_id",
)  # fmt: skip
KEPT_WHEN_OMITTED = ("owner_org", "private", "state", "type")
RESOURCE_CLEARED = ("url", "description", "resource_type", "mimetype", "mimetype_inner")
RESOURCE_KEPT = (
    "name", "format", "hash", "size", "url_type", "cache_url", "created", "last_modified",
    "cache_last_updated",
)  # fmt: skip
RESOURCE_CORE = frozenset(
    {*RESOURCE_CLEARED, *RESOURCE_KEPT, "id", "package_id", "position", "state",
     "metadata_modified", "datastore_active", "tracking_summary", "upload", "clear_upload",
     "validation_status", "validation_timestamp"}
)  # fmt: skip


def find_package(session: Session, id_or_name: str, *, for_update: bool = False) -> Package | None:
    """By id, else by name (an id wins over another dataset's name, as in CKAN)."""
    query = select(Package).where(or_(Package.id == id_or_name, Package.name == id_or_name))
    if for_update:
        query = query.with_for_update()
    rows = list(session.execute(query).scalars())
    return next((row for row in rows if row.id == id_or_name), rows[0] if rows else None)


def find_group(session: Session, id_or_name: str, *, is_organization: bool) -> Group | None:
    return session.execute(
        select(Group).where(
            or_(Group.id == id_or_name, Group.name == id_or_name),
            Group.is_organization.is_(is_organization),
        )
    ).scalar_one_or_none()


def _save_tags(session: Session, package: Package, tags: list[dict[str, Any]]) -> None:
    wanted = {tag["name"] for tag in tags}
    existing = {
        tag.name: link
        for link, tag in session.execute(
            select(PackageTag, Tag)
            .join(Tag, Tag.id == PackageTag.tag_id)
            .where(PackageTag.package_id == package.id)
        ).all()
    }
    for name, link in existing.items():
        if name not in wanted:
            session.delete(link)
        elif link.state != "active":
            link.state = "active"
    missing = sorted(wanted - existing.keys())
    if not missing:
        return
    known = _tags_named(session, set(missing))
    session.flush()
    for name in missing:
        session.add(PackageTag(package_id=package.id, tag_id=known[name].id))


def _save_extras(session: Session, package: Package, extras: list[dict[str, Any]]) -> None:
    wanted = {extra["key"]: str(extra["value"]) for extra in extras}
    current = {
        extra.key: extra
        for extra in session.execute(
            select(PackageExtra).where(PackageExtra.package_id == package.id)
        ).scalars()
    }
    for key, row in current.items():
        if key not in wanted:
            session.delete(row)
        else:
            row.value, row.state = wanted[key], "active"
    for key in wanted.keys() - current.keys():
        session.add(PackageExtra(package_id=package.id, key=key, value=wanted[key]))


def _save_groups(session: Session, package: Package, group_ids: list[str]) -> None:
    current = {
        member.group_id: member
        for member in session.execute(
            select(Member)
            .join(Group, Group.id == Member.group_id)
            .where(
                Member.table_name == "package",
                Member.table_id == package.id,
                Group.is_organization.is_(False),
            )
        ).scalars()
    }
    for group_id, member in current.items():
        member.state = "active" if group_id in group_ids else "deleted"
    for group_id in set(group_ids) - current.keys():
        session.add(
            Member(group_id=group_id, table_id=package.id, table_name="package", capacity="public")
        )


def _resource_values(data: dict[str, Any]) -> dict[str, Any]:
    return {key: data.get(key) for key in (*RESOURCE_CLEARED, *RESOURCE_KEPT) if key in data}


def _fill_resource(row: Resource, data: dict[str, Any], position: int) -> None:
    for key in RESOURCE_CLEARED:
        setattr(row, key, data.get(key) if key != "url" else (data.get("url") or ""))
    for key in RESOURCE_KEPT:
        if key in data and not (key == "created" and data[key] is None):
            setattr(row, key, data[key])
    if row.url_type == "upload":
        row.url = row.url.rsplit("/", 1)[-1]  # a download URL sent back -> its file name
    row.extras = {k: v for k, v in data.items() if k not in RESOURCE_CORE} or None
    row.position = position
    row.state = "active"


def _new_resource(package_id: str, data: dict[str, Any], position: int, now: datetime) -> Resource:
    row = Resource(package_id=package_id, created=data.get("created") or now)
    if data.get("id"):
        row.id = data["id"]
    _fill_resource(row, data, position)
    row.metadata_modified = now
    return row


def _save_resources(
    session: Session, package: Package, resources: list[dict[str, Any]], now: datetime
) -> None:
    current = {
        res.id: res
        for res in session.execute(
            select(Resource).where(Resource.package_id == package.id)
        ).scalars()
    }
    kept: set[str] = set()
    for position, data in enumerate(resources):
        row = current.get(data.get("id") or "")
        if row is None:
            row = _new_resource(package.id, data, position, now)
            session.add(row)
        else:
            before = (resource_snapshot(row), row.state)
            _fill_resource(row, data, position)
            if before != (resource_snapshot(row), "active"):
                row.metadata_modified = now
        kept.add(row.id)
    for res_id, row in current.items():
        if res_id not in kept and row.state != "deleted":
            row.state = "deleted"
            row.metadata_modified = now
            mark_drop(session, res_id)  # after commit: its DataStore table goes


def resource_snapshot(row: Resource) -> tuple[Any, ...]:
    return (
        *(getattr(row, key) for key in (*RESOURCE_CLEARED, *RESOURCE_KEPT)),
        tuple(sorted((row.extras or {}).items(), key=lambda item: item[0])),
        row.position,
    )


def _set_columns(package: Package, data: dict[str, Any], now: datetime) -> None:
    package.name = data["name"]
    for column in CLEARED_WHEN_OMITTED:
        setattr(package, column, data.get(column))
    for column in KEPT_WHEN_OMITTED:
        if column in data:
            setattr(package, column, data[column])
    package.type = package.type or "dataset"
    package.title_translated = data.get("title_translated")
    package.notes_translated = data.get("notes_translated")
    package.metadata_modified = now


def save_package(
    session: Session,
    data: dict[str, Any],
    *,
    existing: Package | None,
    user_id: str | None,
    now: datetime,
) -> Package:
    """Create or fully update a package from validated input; bumps metadata_modified."""
    if existing is None:
        return add_new_packages(session, [data], user_id=user_id, now=now)[0]
    package = existing
    _set_columns(package, data, now)
    session.flush()
    _save_tags(session, package, data.get("tags") or [])
    _save_extras(session, package, data.get("extras") or [])
    _save_groups(session, package, [group["id"] for group in data.get("groups") or []])
    _save_resources(session, package, data.get("resources") or [], now)
    session.flush()
    return package


def _tags_named(session: Session, names: set[str]) -> dict[str, Tag]:
    """The free tags of these names, the missing ones created (not yet flushed)."""
    known = {
        tag.name: tag
        for tag in session.execute(
            select(Tag).where(Tag.name.in_(sorted(names)), Tag.vocabulary_id.is_(None))
        ).scalars()
    } if names else {}  # fmt: skip
    for name in sorted(names - known.keys()):
        known[name] = Tag(name=name)
        session.add(known[name])
    return known


def add_new_packages(
    session: Session, items: list[dict[str, Any]], *, user_id: str | None, now: datetime
) -> list[Package]:
    """Create packages from validated input, with their tags, extras, groups and resources.

    The packages are new (their ids are checked free by the caller), so nothing of theirs
    exists to be replaced: no reads but one for the tags, and two flushes for all the rows.
    """
    tags = _tags_named(session, {tag["name"] for data in items for tag in data.get("tags") or []})
    packages = []
    for data in items:
        package = Package(creator_user_id=user_id, metadata_created=now)
        if data.get("id"):
            package.id = data["id"]
        _set_columns(package, data, now)
        session.add(package)
        packages.append(package)
    session.flush()  # the packages and tags first: the rows below refer to them
    links: list[dict[str, Any]] = []
    extras: list[dict[str, Any]] = []
    members: list[dict[str, Any]] = []
    for package, data in zip(packages, items, strict=True):
        for name in sorted({tag["name"] for tag in data.get("tags") or []}):
            links.append({"id": new_id(), "package_id": package.id, "tag_id": tags[name].id,
                          "state": "active"})  # fmt: skip
        wanted = {extra["key"]: str(extra["value"]) for extra in data.get("extras") or []}
        extras.extend({"id": new_id(), "package_id": package.id, "key": key, "value": value,
                       "state": "active"} for key, value in wanted.items())  # fmt: skip
        for group_id in dict.fromkeys(group["id"] for group in data.get("groups") or []):
            members.append({"id": new_id(), "group_id": group_id, "table_id": package.id,
                            "table_name": "package", "capacity": "public",
                            "state": "active"})  # fmt: skip
        for position, resource in enumerate(data.get("resources") or []):
            session.add(_new_resource(package.id, resource, position, now))
    # the many small rows as plain inserts (one executemany each): what the ORM would insert
    for model, rows in ((PackageTag, links), (PackageExtra, extras), (Member, members)):
        if rows:
            session.execute(model.__table__.insert(), rows)
    session.flush()
    return packages


def reindex(session: Session, backend: SearchBackend, package: Package, site_url: str) -> dict:
    """Refresh the search index entry (and the cached dict) of one package."""
    session.flush()
    session.expire(package)
    data = package_dictize(session, package, site_url)
    index_package(session, backend, data)
    return data


def reindex_new(
    session: Session, backend: SearchBackend, packages: list[Package], site_url: str
) -> list[dict]:
    """`reindex` of packages just created by add_new_packages: read back in a few queries
    for all of them, indexed in bulk. Returns their dicts, in order."""
    session.flush()
    ids = [package.id for package in packages]
    session.execute(
        select(Package).where(Package.id.in_(ids)).execution_options(populate_existing=True)
    ).all()
    by_id = package_dictize_many(session, packages, site_url)
    dicts = [by_id[package_id] for package_id in ids]
    index_new_packages(session, backend, dicts)
    return dicts

"""Turn table rows into CKAN 2.11's dict shapes (model_dictize + the show schemas).

Package dicts are built in batches (a few queries for any number of packages) because the
search index caches them; keys are sorted at every level, as CKAN's validated dicts are.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any
from urllib.parse import urlparse

from sqlalchemy import select
from sqlmodel import Session

from catalog.db.datastore_models import DatastoreJob
from catalog.db.models import (
    Group,
    License,
    Member,
    Package,
    PackageExtra,
    PackageTag,
    Resource,
    ResourceValidation,
    Tag,
)

PACKAGE_COLUMNS = (
    "id", "name", "title", "notes", "url", "version", "author", "author_email", "maintainer",
    "maintainer_email", "license_id", "type", "state", "private", "owner_org", "creator_user_id",
)  # fmt: skip
RESOURCE_COLUMNS = (
    "id", "package_id", "url", "url_type", "name", "description", "format", "mimetype",
    "mimetype_inner", "size", "hash", "position", "resource_type", "cache_url", "state",
)  # fmt: skip
RESOURCE_TIMES = ("created", "last_modified", "metadata_modified", "cache_last_updated")


def iso(value: datetime | None) -> str | None:
    """CKAN's time stamp format: naive UTC `isoformat()`, microseconds only when non-zero."""
    return value.isoformat() if value is not None else None


def sort_keys(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: sort_keys(value[key]) for key in sorted(value)}
    if isinstance(value, list):
        return [sort_keys(item) for item in value]
    return value


def license_map(session: Session) -> dict[str, License]:
    return {lic.id: lic for lic in session.exec(select(License)).scalars()}


def resource_dictize(
    resource: Resource,
    validation: ResourceValidation | None = None,
    datastore_active: bool = False,
) -> dict[str, Any]:
    """A resource dict; with a validation, ckanext-validation's validation_status and
    validation_timestamp; `datastore_active` as the DataStore plugin adds it."""
    data: dict[str, Any] = dict(resource.extras or {})
    data["datastore_active"] = datastore_active
    if validation is not None:
        data["validation_status"] = validation.status
        data["validation_timestamp"] = iso(validation.finished or validation.created)
    for column in RESOURCE_COLUMNS:
        data[column] = getattr(resource, column)
    for column in RESOURCE_TIMES:
        data[column] = iso(getattr(resource, column))
    url = data["url"] or ""
    if url and not data["url_type"] and not urlparse(url).scheme:
        url = "http://" + url
    data["url"] = url
    return data


def datastore_active_ids(session: Session, resource_ids: list[str]) -> set[str]:
    """Which of the resources have a DataStore table."""
    if not resource_ids:
        return set()
    return set(
        session.execute(
            select(DatastoreJob.resource_id).where(
                DatastoreJob.resource_id.in_(resource_ids), DatastoreJob.active.is_(True)
            )
        ).scalars()
    )


def organization_in_package(org: Group) -> dict[str, Any]:
    return {
        "id": org.id,
        "name": org.name,
        "title": org.title,
        "type": org.type,
        "description": org.description,
        "image_url": org.image_url,
        "created": iso(org.created),
        "is_organization": org.is_organization,
        "approval_status": org.approval_status,
        "state": org.state,
    }


def image_display_url(image_url: str, site_url: str) -> str:
    if image_url and not image_url.startswith("http"):
        return f"{site_url}/uploads/group/{image_url}"
    return image_url


def group_in_package(group: Group, site_url: str) -> dict[str, Any]:
    return {
        "id": group.id,
        "name": group.name,
        "title": group.title,
        "description": group.description,
        "display_name": group.title or group.name,
        "image_display_url": image_display_url(group.image_url, site_url),
    }


def package_dictize_many(
    session: Session, packages: Sequence[Package], site_url: str
) -> dict[str, dict[str, Any]]:
    """Package dicts keyed by id, as package_show returns them (upload URLs still relative)."""
    if not packages:
        return {}
    ids = [pkg.id for pkg in packages]
    licenses = license_map(session)

    resources: dict[str, list[Resource]] = defaultdict(list)
    for res in session.exec(
        select(Resource)
        .where(Resource.package_id.in_(ids), Resource.state == "active")
        .order_by(Resource.position)
    ).scalars():
        resources[res.package_id].append(res)

    validations = {
        row.resource_id: row
        for row in session.execute(
            select(ResourceValidation).where(
                ResourceValidation.resource_id.in_([r.id for rs in resources.values() for r in rs])
            )
        ).scalars()
    }

    in_datastore = datastore_active_ids(session, [r.id for rs in resources.values() for r in rs])

    tags: dict[str, list[tuple[Tag, str]]] = defaultdict(list)
    for tag, package_id, state in session.exec(
        select(Tag, PackageTag.package_id, PackageTag.state)
        .join(PackageTag, PackageTag.tag_id == Tag.id)
        .where(PackageTag.package_id.in_(ids), PackageTag.state == "active")
    ).all():
        tags[package_id].append((tag, state))

    extras: dict[str, list[PackageExtra]] = defaultdict(list)
    for extra in session.exec(
        select(PackageExtra).where(PackageExtra.package_id.in_(ids), PackageExtra.state == "active")
    ).scalars():
        extras[extra.package_id].append(extra)

    groups: dict[str, list[Group]] = defaultdict(list)
    for group, package_id in session.exec(
        select(Group, Member.table_id)
        .join(Member, Member.group_id == Group.id)
        .where(
            Member.table_id.in_(ids),
            Member.table_name == "package",
            Member.state == "active",
            Group.is_organization.is_(False),
            Group.state == "active",
        )
    ).all():
        groups[package_id].append(group)

    org_ids = {pkg.owner_org for pkg in packages if pkg.owner_org}
    orgs = {
        org.id: org
        for org in session.exec(
            select(Group).where(Group.id.in_(org_ids), Group.state == "active")
        ).scalars()
    }

    result = {}
    for pkg in packages:
        data: dict[str, Any] = {column: getattr(pkg, column) for column in PACKAGE_COLUMNS}
        if data["title"]:
            data["title"] = data["title"].strip()
        data["type"] = pkg.type or "dataset"
        data["metadata_created"] = iso(pkg.metadata_created)
        data["metadata_modified"] = iso(pkg.metadata_modified)
        data["resources"] = [
            resource_dictize(res, validations.get(res.id), res.id in in_datastore)
            for res in resources[pkg.id]
        ]
        data["num_resources"] = len(data["resources"])
        data["tags"] = sorted(
            (
                {
                    "id": tag.id,
                    "name": tag.name,
                    "display_name": tag.name,
                    "state": state,
                    "vocabulary_id": tag.vocabulary_id,
                }
                for tag, state in tags[pkg.id]
            ),
            key=lambda item: item["name"],
        )
        data["num_tags"] = len(data["tags"])
        data["extras"] = [
            {"key": extra.key, "value": extra.value}
            for extra in sorted(extras[pkg.id], key=lambda item: item.key)
        ]
        data["groups"] = [
            group_in_package(group, site_url)
            for group in sorted(groups[pkg.id], key=lambda item: item.name)
        ]
        org = orgs.get(pkg.owner_org or "")
        data["organization"] = organization_in_package(org) if org else None
        data["relationships_as_subject"] = []
        data["relationships_as_object"] = []
        lic = licenses.get(pkg.license_id or "")
        data["isopen"] = bool(lic and "approved" in (lic.od_conformance, lic.osd_conformance))
        if pkg.license_id is not None:
            data["license_title"] = lic.title if lic else pkg.license_id
        if lic and lic.url:
            data["license_url"] = lic.url
        if pkg.title_translated is not None:
            data["title_translated"] = pkg.title_translated
        if pkg.notes_translated is not None:
            data["notes_translated"] = pkg.notes_translated
        result[pkg.id] = sort_keys(data)
    return result


def package_dictize(session: Session, package: Package, site_url: str) -> dict[str, Any]:
    return package_dictize_many(session, [package], site_url)[package.id]


def with_download_urls(package_dict: dict[str, Any], site_url: str) -> dict[str, Any]:
    """Rewrite uploaded resources' stored file names into absolute download URLs, and the
    URLs of DataStore-only resources (url_type "datastore") into their dump URL, as CKAN."""
    for res in package_dict.get("resources", ()):
        set_public_url(res, package_dict["id"], site_url)
    return package_dict


def set_public_url(res: dict[str, Any], package_id: str, site_url: str) -> None:
    """One resource dict's `url` as `with_download_urls` rewrites it."""
    if res.get("url_type") == "upload":
        res["url"] = download_url(site_url, package_id, res["id"], res["url"])
    elif res.get("url_type") == "datastore":
        res["url"] = datastore_dump_url(site_url, res["id"])


def datastore_dump_url(site_url: str, resource_id: str) -> str:
    return f"{site_url}/datastore/dump/{resource_id}"


def download_url(site_url: str, package_id: str, resource_id: str, filename: str) -> str:
    filename = filename.rsplit("/", 1)[-1]
    return f"{site_url}/dataset/{package_id}/resource/{resource_id}/download/{filename}"


def group_dictize(
    group: Group,
    *,
    site_url: str,
    package_count: int | None,
    users: Iterable[dict[str, Any]] | None = None,
    include_extras: bool = True,
    include_groups: bool = True,
    packages: list[dict[str, Any]] | None = None,
    member_count: int | None = None,
) -> dict[str, Any]:
    """An organization or group as organization_show / group_show return it."""
    data: dict[str, Any] = {
        "id": group.id,
        "name": group.name,
        "title": group.title,
        "description": group.description,
        "type": group.type,
        "is_organization": group.is_organization,
        "approval_status": group.approval_status,
        "state": group.state,
        "created": iso(group.created),
        "image_url": group.image_url,
        "image_display_url": image_display_url(group.image_url, site_url),
        "display_name": group.title or group.name,
        "num_followers": 0,
    }
    if package_count is not None:
        data["package_count"] = package_count
    if include_extras:
        data["extras"] = sorted(group.extras or [], key=lambda item: item.get("key", ""))
    if include_groups:
        data["groups"] = []
    if users is not None:
        data["users"] = list(users)
    if packages is not None:
        data["packages"] = packages
    if member_count is not None:
        data["member_count"] = member_count
    if group.title_translated is not None:
        data["title_translated"] = group.title_translated
    if group.description_translated is not None:
        data["description_translated"] = group.description_translated
    return sort_keys(data)


def license_dictize(lic: License) -> dict[str, str]:
    """Key order and string values as CKAN's default license register emits them."""
    return {
        "domain_content": lic.domain_content,
        "id": lic.id,
        "domain_data": lic.domain_data,
        "domain_software": lic.domain_software,
        "family": lic.family,
        "is_generic": lic.is_generic,
        "od_conformance": lic.od_conformance,
        "osd_conformance": lic.osd_conformance,
        "maintainer": lic.maintainer,
        "status": lic.status,
        "url": lic.url,
        "title": lic.title,
    }

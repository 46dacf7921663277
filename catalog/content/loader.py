"""`opendata load`: bring the database in line with the content folder, idempotently.

Everything is written through the actions (organization_*, group_*, package_*) as the site
user, so validation and indexing are the same as for any other write.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from catalog.actions.registry import ActionContext, ActionRegistry, Identity
from catalog.content.datapackage import (
    PackageContent,
    package_folders,
    read_package,
    read_site,
)
from catalog.db.models import utcnow
from catalog.errors import NotFound
from catalog.services.storage import file_sha256
from catalog.services.users import get_or_create_site_user

GROUP_KEYS = ("name", "title", "description", "image_url", "title_translated",
              "description_translated", "extras")  # fmt: skip
PACKAGE_KEYS = ("name", "title", "notes", "version", "url", "license_id", "author",
                "author_email", "maintainer", "maintainer_email", "private",
                "title_translated", "notes_translated")  # fmt: skip
RESOURCE_KEYS = ("id", "name", "description", "format", "mimetype", "size", "hash", "schema",
                 "encoding", "url_type")  # fmt: skip


@dataclass
class LoadReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"created {len(self.created)}, updated {len(self.updated)}, "
            f"unchanged {len(self.unchanged)}"
        )


def site_context(services: Any, registry: ActionRegistry) -> ActionContext:
    with services.session() as session:
        user = get_or_create_site_user(session)
        identity = Identity(user_id=user.id, name=user.name, sysadmin=True)
    return ActionContext(services=services, identity=identity, registry=registry)


def _existing(context: ActionContext, action: str, ref: str, **extra: Any) -> dict | None:
    try:
        return context.call(action, {"id": ref, **extra})
    except NotFound:
        return None


def _sync(
    context: ActionContext,
    report: LoadReport,
    label: str,
    wanted: dict[str, Any],
    current: dict[str, Any] | None,
    kind: str,
    same: Callable[[dict[str, Any], dict[str, Any]], bool],
) -> None:
    if current is None:
        context.call(f"{kind}_create", wanted)
        report.created.append(label)
    elif same(wanted, current):
        report.unchanged.append(label)
    else:
        context.call(f"{kind}_update", {**wanted, "id": current["id"]})
        report.updated.append(label)


def _same_group(wanted: dict[str, Any], current: dict[str, Any]) -> bool:
    return all(wanted.get(key) == current.get(key) for key in GROUP_KEYS)


def _resource_view(resource: dict[str, Any]) -> dict[str, Any]:
    return {key: resource.get(key) for key in RESOURCE_KEYS} | {
        "file": (resource.get("url") or "").rsplit("/", 1)[-1]
    }


def _same_package(wanted: dict[str, Any], current: dict[str, Any]) -> bool:
    if any(wanted.get(key) != current.get(key) for key in PACKAGE_KEYS):
        return False
    org = current.get("organization") or {}
    return (
        wanted.get("owner_org") == org.get("name")
        and sorted(t["name"] for t in wanted["tags"]) == [t["name"] for t in current["tags"]]
        and sorted(g["name"] for g in wanted["groups"]) == [g["name"] for g in current["groups"]]
        and wanted["extras"] == current["extras"]
        and [_resource_view(r) for r in wanted["resources"]]
        == [_resource_view(r) for r in current["resources"]]
    )


def _store_files(context: ActionContext, content: PackageContent, current: dict | None) -> None:
    """Copy changed data files into storage; fill size, hash and last_modified."""
    storage = context.services.storage
    previous = {r["id"]: r for r in (current or {}).get("resources", [])}
    for resource, stored in zip(content.package["resources"], content.files, strict=True):
        digest = file_sha256(stored.path)
        old = previous.get(stored.resource_id)
        on_disk = storage.exists(stored.resource_id)
        if not (old and old.get("hash") == digest and on_disk):
            with stored.path.open("rb") as source:
                saved = storage.save(stored.resource_id, source)
            resource["last_modified"] = utcnow().isoformat()
            resource["size"], resource["hash"] = saved.size, saved.sha256
        else:
            resource["last_modified"] = old.get("last_modified")
            resource["size"], resource["hash"] = old.get("size"), digest


def load_content(context: ActionContext, root: Path) -> LoadReport:
    """Create, update or leave alone each organization, group and dataset of `root`."""
    report = LoadReport()
    site = read_site(root)
    for kind, entries in (("organization", site.organizations), ("group", site.groups)):
        for wanted in entries:
            current = _existing(context, f"{kind}_show", wanted["id"], include_users=False)
            _sync(context, report, f"{kind} {wanted['name']}", wanted, current, kind, _same_group)
    for folder in package_folders(root):
        content = read_package(folder)
        wanted = content.package
        current = _existing(context, "package_show", wanted["id"])
        _store_files(context, content, current)
        _sync(context, report, f"dataset {wanted['name']}", wanted, current, "package",
              _same_package)  # fmt: skip
        _validate_new_files(context, wanted, current)
    return report


def _validate_new_files(
    context: ActionContext, wanted: dict[str, Any], current: dict[str, Any] | None
) -> None:
    """Every data file gets a Frictionless report: new or changed files, or files that
    never had one, are validated (through resource_validation_run)."""
    previous = {r["id"]: r for r in (current or {}).get("resources", [])}
    for resource in wanted["resources"]:
        old = previous.get(resource["id"])
        if old and old.get("hash") == resource["hash"] and old.get("validation_status"):
            if old["validation_status"] == "success" and not old.get("datastore_active"):
                context.call("xloader_submit", {"resource_id": resource["id"]})  # not loaded yet
            continue
        context.call("resource_validation_run", {"resource_id": resource["id"]})

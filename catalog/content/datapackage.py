"""Read the content folder: the site file and each data package, as CKAN input dicts.

Ids are derived from names (uuid5), so the same dataset has the same id on every install
and a re-load finds what it loaded before.
"""

from __future__ import annotations

import json
import mimetypes
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ID_NAMESPACE = uuid.UUID("6f1d7a52-3a55-4d4b-9a53-0b1f0c2a2424")
SITE_FILE = "site.yaml"


def stable_id(kind: str, *names: str) -> str:
    return str(uuid.uuid5(ID_NAMESPACE, ":".join((kind, *names))))


@dataclass
class ResourceFile:
    """A data file to store for a resource."""

    resource_id: str
    path: Path


@dataclass
class PackageContent:
    package: dict[str, Any]
    files: list[ResourceFile] = field(default_factory=list)


@dataclass
class SiteContent:
    organizations: list[dict[str, Any]]
    groups: list[dict[str, Any]]


def _translated(entry: dict[str, Any], key: str) -> dict[str, str]:
    return {"vi": entry.get(key) or "", "en": entry.get(f"{key}_en") or ""}


def _group_input(entry: dict[str, Any], kind: str) -> dict[str, Any]:
    extras = []
    if entry.get("former_names"):
        extras.append({"key": "former_names", "value": "; ".join(entry["former_names"])})
    return {
        "id": stable_id(kind, entry["name"]),
        "name": entry["name"],
        "title": entry.get("title") or "",
        "description": entry.get("description") or "",
        "image_url": entry.get("image_url") or "",
        "title_translated": _translated(entry, "title"),
        "description_translated": _translated(entry, "description"),
        "extras": extras,
    }


def read_site(root: Path) -> SiteContent:
    data = yaml.safe_load((root / SITE_FILE).read_text(encoding="utf-8"))
    return SiteContent(
        organizations=[_group_input(e, "organization") for e in data.get("organizations", [])],
        groups=[_group_input(e, "group") for e in data.get("groups", [])],
    )


def _resource_input(
    package_name: str, resource: dict[str, Any], folder: Path
) -> tuple[dict[str, Any], ResourceFile]:
    path = folder / resource["path"]
    resource_id = stable_id("resource", package_name, resource["name"])
    media_type = resource.get("mediatype") or mimetypes.guess_type(path.name)[0]
    data: dict[str, Any] = {
        "id": resource_id,
        "name": resource.get("title") or resource["name"],
        "description": resource.get("description") or "",
        "format": (resource.get("format") or path.suffix.lstrip(".")).upper(),
        "mimetype": media_type,
        "url": path.name,
        "url_type": "upload",
    }
    if resource.get("schema"):
        data["schema"] = json.dumps(resource["schema"], ensure_ascii=False, sort_keys=True)
    if resource.get("encoding"):
        data["encoding"] = resource["encoding"]
    return data, ResourceFile(resource_id=resource_id, path=path)


def read_package(folder: Path) -> PackageContent:
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    ckan = descriptor.get("ckan", {})
    name = descriptor["name"]
    resources, files = [], []
    for resource in descriptor.get("resources", []):
        data, stored = _resource_input(name, resource, folder)
        resources.append(data)
        files.append(stored)
    package = {
        "id": stable_id("dataset", name),
        "name": name,
        "title": descriptor.get("title") or name,
        "notes": descriptor.get("description") or "",
        "version": descriptor.get("version"),
        "url": descriptor.get("homepage"),
        "license_id": ckan.get("license_id"),
        "owner_org": ckan.get("owner_org"),
        "author": ckan.get("author"),
        "author_email": ckan.get("author_email"),
        "maintainer": ckan.get("maintainer"),
        "maintainer_email": ckan.get("maintainer_email"),
        "private": False,
        "title_translated": ckan.get("title_translated"),
        "notes_translated": ckan.get("notes_translated"),
        "tags": [{"name": keyword} for keyword in descriptor.get("keywords", [])],
        "groups": [{"name": group} for group in ckan.get("groups", [])],
        "extras": [
            {"key": key, "value": str(value)}
            for key, value in sorted((ckan.get("extras") or {}).items())
        ],
        "resources": resources,
    }
    return PackageContent(package=package, files=files)


def package_folders(root: Path) -> list[Path]:
    return sorted(p.parent for p in root.glob("*/datapackage.json"))

"""A dataset as a Frictionless Data Package (v1 descriptor, which frictionless 5 reads):
pure, a package dict as package_show returns it in, the descriptor out.

Names follow the Data Package rules (lower-case `[a-z0-9._-]`), so a resource named in
Vietnamese gets a folded slug as `name` and keeps its own text as `title`. Paths are the
absolute URLs the catalog serves (download URLs for uploaded files), `bytes` and `hash`
come from what the catalog measured, and the Table Schema from the resource's `schema`
field (ckanext-validation's, a JSON string or an object).
"""

from __future__ import annotations

import json
import mimetypes
import re
from typing import Any

from catalog.services.search.folding import fold

PROFILE = "data-package"
TABULAR_FORMATS = frozenset({"csv", "tsv", "xlsx", "xls", "ods", "json", "jsonl", "ndjson"})
_SHA256 = re.compile(r"^(?:sha256:)?([0-9a-fA-F]{64})$")
_NAME_JUNK = re.compile(r"[^a-z0-9._-]+")
_LICENSE_NAME = re.compile(r"^[-a-zA-Z0-9._]+$")
_FORMAT_MEDIA = {
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "json": "application/json",
    "geojson": "application/geo+json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "xls": "application/vnd.ms-excel",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "pdf": "application/pdf",
    "xml": "application/xml",
    "zip": "application/zip",
}


def slug(text: str) -> str:
    """A Data Package name from any text: folded, lower-case, `[a-z0-9._-]` only."""
    return _NAME_JUNK.sub("-", fold(text)).strip("-._")


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _iso_utc(value: Any) -> str | None:
    """CKAN's naive UTC time stamps as RFC 3339 (what `created` must be)."""
    text = _text(value)
    if not text:
        return None
    return text if text.endswith("Z") or "+" in text[10:] else f"{text}Z"


def table_schema(value: Any) -> dict[str, Any] | str | None:
    """The Table Schema of a resource's `schema` field: an object, a JSON string of one,
    or a URL of one; None when there is none or it cannot be read."""
    if isinstance(value, dict):
        return value or None
    text = _text(value)
    if not text:
        return None
    if text.startswith(("http://", "https://")):
        return text
    try:
        parsed = json.loads(text)
    except ValueError:
        return None
    return parsed if isinstance(parsed, dict) and parsed else None


def _licenses(package: dict[str, Any]) -> list[dict[str, str]]:
    license_id = _text(package.get("license_id"))
    if not license_id or license_id == "notspecified":
        return []
    item: dict[str, str] = {}
    if _LICENSE_NAME.match(license_id):
        item["name"] = license_id
    url = _text(package.get("license_url"))
    if url:
        item["path"] = url
    title = _text(package.get("license_title"))
    if title:
        item["title"] = title
    return [item] if ("name" in item or "path" in item) else []


def _contributors(package: dict[str, Any], site_url: str) -> list[dict[str, str]]:
    found: list[dict[str, str]] = []
    for role in ("author", "maintainer"):
        name = _text(package.get(role))
        email = _text(package.get(f"{role}_email"))
        if name or email:
            person = {"title": name or email or "", "role": role}
            if email:
                person["email"] = email
            found.append(person)
    org = package.get("organization")
    if isinstance(org, dict) and (org.get("title") or org.get("name")):
        found.append(
            {
                "title": org.get("title") or org["name"],
                "path": f"{site_url}/organization/{org['name']}",
                "role": "publisher",
            }
        )
    return found


def _resource(resource: dict[str, Any], name: str) -> dict[str, Any]:
    fmt = (_text(resource.get("format")) or "").lower()
    media = _text(resource.get("mimetype")) or _FORMAT_MEDIA.get(fmt)
    if not media:
        media = mimetypes.guess_type(str(resource.get("url") or ""))[0]
    item: dict[str, Any] = {"name": name, "path": resource["url"]}
    title = _text(resource.get("name"))
    if title:
        item["title"] = title
    description = _text(resource.get("description"))
    if description:
        item["description"] = description
    if fmt:
        item["format"] = fmt
    if media:
        item["mediatype"] = media
    encoding = _text(resource.get("encoding"))
    if encoding:
        item["encoding"] = encoding.lower()
    size = resource.get("size")
    if isinstance(size, int) and not isinstance(size, bool) and size >= 0:
        item["bytes"] = size
    digest = _SHA256.match(_text(resource.get("hash")) or "")
    if digest:
        item["hash"] = f"sha256:{digest.group(1).lower()}"
    schema = table_schema(resource.get("schema"))
    if schema is not None:
        if fmt in TABULAR_FORMATS or not fmt:
            item["profile"] = "tabular-data-resource"
        item["schema"] = schema
    return item


def _unique(name: str, taken: set[str]) -> str:
    candidate, n = name, 2
    while candidate in taken:
        candidate, n = f"{name}-{n}", n + 1
    taken.add(candidate)
    return candidate


def build_datapackage(package: dict[str, Any], site_url: str) -> dict[str, Any]:
    """The Data Package descriptor of a package dict (package_show's, download URLs
    absolute). Resources without a URL have nothing to point at and are left out."""
    site_url = site_url.rstrip("/")
    descriptor: dict[str, Any] = {
        "profile": PROFILE,
        "id": package["id"],
        "name": package["name"],
    }
    for key, value in (
        ("title", _text(package.get("title"))),
        ("description", _text(package.get("notes"))),
        ("homepage", f"{site_url}/dataset/{package['name']}"),
        ("version", _text(package.get("version"))),
        ("created", _iso_utc(package.get("metadata_created"))),
    ):
        if value:
            descriptor[key] = value
    keywords = [tag["name"] for tag in package.get("tags") or [] if tag.get("name")]
    if keywords:
        descriptor["keywords"] = keywords
    licenses = _licenses(package)
    if licenses:
        descriptor["licenses"] = licenses
    contributors = _contributors(package, site_url)
    if contributors:
        descriptor["contributors"] = contributors
    source = _text(package.get("url"))
    if source:
        descriptor["sources"] = [{"title": source, "path": source}]
    resources = []
    taken: set[str] = set()
    for resource in package.get("resources") or []:
        if not _text(resource.get("url")):
            continue
        name = slug(_text(resource.get("name")) or "") or slug(
            str(resource.get("url")).rsplit("/", 1)[-1].rsplit(".", 1)[0]
        )
        resources.append(_resource(resource, _unique(name or resource["id"], taken)))
    descriptor["resources"] = resources
    return descriptor

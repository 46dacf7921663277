"""CKAN package dicts -> a DCAT-US 1.1 (Project Open Data) catalog, `/data.json`.

Valid against the non-federal v1.1 schema (no bureauCode / programCode). Values come from the
same package dicts as the DCAT-AP feed; URLs are percent-encoded to plain URIs, dates are
ISO 8601 with `Z`, the temporal coverage an ISO 8601 interval, the frequency an ISO 8601
repeating duration.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import quote

from catalog.services.feeds import uris
from catalog.services.feeds.graph import FeedSite
from catalog.services.feeds.values import extras, iso_utc, language_codes, text
from catalog.services.feeds.vocab import ISO_PERIODICITY, LICENCES, MEDIA_TYPES

CONFORMS_TO = "https://project-open-data.cio.gov/v1.1/schema"
CONTEXT = "https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld"
DESCRIBED_BY = "https://project-open-data.cio.gov/v1.1/schema/catalog.json"
_URI_SAFE = ":/?#[]@!$&'()*+,;=%~"


def as_uri(value: Any) -> str | None:
    """An absolute http(s) URL as a URI (non-ASCII and spaces percent-encoded)."""
    raw = text(value)
    if not raw or not raw.startswith(("http://", "https://")):
        return None
    return quote(raw, safe=_URI_SAFE)


def license_url(site: FeedSite, license_id: str | None) -> str | None:
    if not license_id or license_id == "notspecified":
        return None
    own = text(site.licenses.get(license_id, {}).get("url"))
    return as_uri(LICENCES.get(license_id) or own or uris.license_uri(site.site_url, license_id))


def _publisher(site: FeedSite, package: dict[str, Any]) -> dict[str, str]:
    organization = package.get("organization") or {}
    full = {**organization, **site.organizations.get(str(organization.get("id")), {})}
    name = text(full.get("title")) or text(full.get("name")) or site.title
    return {"@type": "org:Organization", "name": name}


def _contact(package: dict[str, Any], more: dict[str, str], fallback: str) -> dict[str, str]:
    name = more.get("contact_name") or text(package.get("maintainer")) or fallback
    contact = {"@type": "vcard:Contact", "fn": name}
    email = more.get("contact_email") or text(package.get("maintainer_email"))
    if email and "@" in email and " " not in email:
        contact["hasEmail"] = f"mailto:{email}"
    return contact


def _distribution(site: FeedSite, package: dict, resource: dict) -> dict[str, Any]:
    fmt = (text(resource.get("format")) or "").upper()
    media = text(resource.get("mimetype")) or MEDIA_TYPES.get(fmt)
    item: dict[str, Any] = {"@type": "dcat:Distribution"}
    url = as_uri(resource.get("url"))
    if url and resource.get("url_type") == "upload":
        item["downloadURL"] = url
    else:
        item["accessURL"] = url or as_uri(uris.resource_page(site.site_url, package, resource))
    if media and "/" in media:
        item["mediaType"] = media.split(";")[0].strip()
    if fmt:
        item["format"] = fmt
    if title := text(resource.get("name")):
        item["title"] = title
    if description := text(resource.get("description")):
        item["description"] = description
    return item


def dataset_entry(site: FeedSite, package: dict[str, Any]) -> dict[str, Any]:
    more = extras(package)
    entry: dict[str, Any] = {
        "@type": "dcat:Dataset",
        "identifier": package["id"],
        "title": text(package.get("title")) or package["name"],
        "description": text(package.get("notes")) or text(package.get("title")) or package["name"],
        "accessLevel": "public",
        "publisher": _publisher(site, package),
    }
    entry["contactPoint"] = _contact(package, more, entry["publisher"]["name"])
    keywords = [name for tag in package.get("tags") or [] if (name := text(tag.get("name")))]
    if keywords:
        entry["keyword"] = keywords
    for key, source in (("issued", "metadata_created"), ("modified", "metadata_modified")):
        if stamp := iso_utc(package.get(source)):
            entry[key] = stamp
    if licence := license_url(site, text(package.get("license_id"))):
        entry["license"] = licence
    entry["landingPage"] = as_uri(uris.landing_page(site.site_url, package))
    entry["describedBy"] = f"{entry['landingPage']}/datapackage.json"
    entry["describedByType"] = "application/json"
    if spatial := more.get("spatial_text"):
        entry["spatial"] = spatial
    start, end = more.get("temporal_start"), more.get("temporal_end")
    if start and end:
        entry["temporal"] = f"{start}/{end}"
    if periodicity := ISO_PERIODICITY.get(more.get("frequency", "")):
        entry["accrualPeriodicity"] = periodicity
    entry["language"] = language_codes(more)
    themes = [text(group.get("title")) or group["name"] for group in package.get("groups") or []]
    if themes:
        entry["theme"] = list(dict.fromkeys(themes))
    distributions = []
    for resource in package.get("resources") or []:
        distributions.append(_distribution(site, package, resource))
    if distributions:
        entry["distribution"] = distributions
    return entry


def build_data_json(site: FeedSite, packages: Iterable[dict[str, Any]]) -> dict[str, Any]:
    base = uris.catalog_uri(site.site_url)
    return {
        "@context": CONTEXT,
        "@id": f"{base}/data.json",
        "@type": "dcat:Catalog",
        "conformsTo": CONFORMS_TO,
        "describedBy": DESCRIBED_BY,
        "dataset": [dataset_entry(site, package) for package in packages],
    }

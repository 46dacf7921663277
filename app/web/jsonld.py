"""schema.org `Dataset` JSON-LD for a dataset page (what Google's Dataset Search reads)."""

from __future__ import annotations

import json
import re
from typing import Any

from markupsafe import Markup

MIN_DESCRIPTION = 50
MAX_DESCRIPTION = 5000
MARKDOWN_MARKS = re.compile(r"[*_`#>\[\]]+")


def extras(package: dict[str, Any]) -> dict[str, str]:
    return {item["key"]: str(item["value"]) for item in package.get("extras") or []}


def plain_description(package: dict[str, Any], publisher: str) -> str:
    """The notes without Markdown marks, 50-5000 characters as Google asks."""
    text = MARKDOWN_MARKS.sub("", package.get("notes") or "").strip()
    text = re.sub(r"\s+", " ", text)
    if len(text) < MIN_DESCRIPTION:
        extra = f"{package.get('title') or package['name']}. {publisher}".strip(" .")
        text = f"{text} {extra}".strip() if text else extra
        if len(text) < MIN_DESCRIPTION:
            text = f"{text}. Open data of the former Bắc Giang province (Vietnam)."
    return text[:MAX_DESCRIPTION]


def temporal_coverage(ext: dict[str, str]) -> str | None:
    start, end = ext.get("temporal_start"), ext.get("temporal_end")
    if start and end:
        return f"{start}/{end}"
    if start:
        return f"{start}/.."
    return end


def dataset_jsonld(
    package: dict[str, Any], *, site_url: str, organization: dict[str, Any] | None
) -> dict[str, Any]:
    ext = extras(package)
    url = f"{site_url}/dataset/{package['name']}"
    org = organization or package.get("organization") or {}
    publisher_name = ext.get("publisher_name") or org.get("title") or ""
    publisher = {
        "@type": "Organization",
        "name": publisher_name,
        "url": f"{site_url}/organization/{org['name']}" if org.get("name") else site_url,
    }
    if ext.get("publisher_former"):
        publisher["alternateName"] = ext["publisher_former"]
    data: dict[str, Any] = {
        "@context": "https://schema.org/",
        "@type": "Dataset",
        "@id": url,
        "name": package.get("title") or package["name"],
        "description": plain_description(package, publisher_name),
        "url": url,
        "identifier": [package["id"], url],
        "keywords": [tag["name"] for tag in package.get("tags") or []]
        + [group.get("title") or group["name"] for group in package.get("groups") or []],
        "isAccessibleForFree": True,
        "creator": publisher,
        "publisher": publisher,
        "inLanguage": ext.get("language") or "vi",
        "dateCreated": package.get("metadata_created"),
        "dateModified": package.get("metadata_modified"),
        "includedInDataCatalog": {
            "@type": "DataCatalog",
            "name": "Bắc Giang Open Data",
            "url": site_url,
        },
        "distribution": [
            {
                "@type": "DataDownload",
                "name": res.get("name") or res["id"],
                "contentUrl": res.get("url"),
                "encodingFormat": res.get("mimetype") or res.get("format"),
                **({"contentSize": f"{res['size']} B"} if res.get("size") else {}),
            }
            for res in package.get("resources") or []
            if res.get("url")
        ],
    }
    if package.get("license_url") or package.get("license_title"):
        data["license"] = package.get("license_url") or package.get("license_title")
    if temporal_coverage(ext):
        data["temporalCoverage"] = temporal_coverage(ext)
    if ext.get("spatial_text"):
        data["spatialCoverage"] = {"@type": "Place", "name": ext["spatial_text"]}
    if package.get("version"):
        data["version"] = package["version"]
    if ext.get("contact_email") or package.get("maintainer_email"):
        data["creator"] = dict(
            publisher,
            contactPoint={
                "@type": "ContactPoint",
                "name": ext.get("contact_name") or package.get("maintainer") or publisher_name,
                "email": ext.get("contact_email") or package.get("maintainer_email"),
                "contactType": "data steward",
            },
        )
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def script_tag(data: dict[str, Any]) -> Markup:
    """A `<script type="application/ld+json">` that no value can break out of."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(f'<script type="application/ld+json">{text}</script>')

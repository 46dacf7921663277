"""schema.org Dataset JSON-LD on every dataset page, as Google's Dataset Search wants it."""

from __future__ import annotations

import json
import re
from typing import Any

import httpx

from app.web.jsonld import dataset_jsonld, script_tag


def json_ld(html: str) -> dict[str, Any]:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "the page embeds JSON-LD"
    return json.loads(match.group(1))


def test_every_dataset_has_valid_dataset_json_ld(
    all_dataset_pages: dict[str, httpx.Response], all_packages: dict[str, Any], web_site: str
) -> None:
    assert len(all_dataset_pages) == 94
    for name, response in all_dataset_pages.items():
        data = json_ld(response.text)
        package = all_packages[name]
        assert data["@context"] == "https://schema.org/" and data["@type"] == "Dataset"
        assert data["name"] == package["title"]
        assert 50 <= len(data["description"]) <= 5000, name
        assert data["url"] == f"{web_site}/dataset/{name}"
        assert package["id"] in data["identifier"]
        assert {t["name"] for t in package["tags"]} <= set(data["keywords"])
        assert data["license"] == package.get("license_url") or package["license_title"]
        for role in ("creator", "publisher"):
            assert data[role]["@type"] == "Organization" and data[role]["name"]
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}/\d{4}-\d{2}-\d{2}", data["temporalCoverage"])
        assert data["spatialCoverage"]["@type"] == "Place" and data["spatialCoverage"]["name"]
        assert data["dateModified"] == package["metadata_modified"]
        assert data["inLanguage"] == "vi"
        downloads = data["distribution"]
        assert len(downloads) == len(package["resources"]) > 0
        for download, resource in zip(downloads, package["resources"], strict=True):
            assert download["@type"] == "DataDownload"
            assert download["contentUrl"] == resource["url"]
            assert download["contentUrl"].startswith(web_site)
            assert download["encodingFormat"]


def test_short_description_is_padded_and_script_cannot_break_out() -> None:
    package = {
        "id": "x1",
        "name": "ngan",
        "title": "Ngắn </script><script>alert(1)</script>",
        "notes": "Rất **ngắn**.",
        "resources": [],
    }
    data = dataset_jsonld(package, site_url="https://data.example", organization=None)
    assert 50 <= len(data["description"]) <= 5000
    assert "**" not in data["description"]
    tag = str(script_tag(data))
    assert tag.count("</script>") == 1 and "<script>alert" not in tag
    assert json.loads(tag.split(">", 1)[1].rsplit("<", 1)[0])["name"] == package["title"]

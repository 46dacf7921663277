"""The DCAT harvester reads our own DCAT-AP feed: a second instance of this catalog serves
/catalog.ttl (and .rdf, .jsonld) on loopback, paged with Hydra; what we publish comes back."""

from __future__ import annotations

from dataclasses import replace

import pytest

from catalog.actions.registry import ActionContext
from tests.support.harvest import Remote, harvest_dcat_catalog

PUBLIC = {"benh-vien-cong", "tram-y-te-xa", "tiem-chung-2024", "truong-mam-non",
          "truong-thpt", "ngan-sach-2024", "thu-chi-2023"}  # fmt: skip


def serve_as_deployed(remote: Remote, per_page: int = 100) -> None:
    """The remote's feed URIs and Hydra links name the address it is served on."""
    settings = replace(remote.services.settings, site_url=remote.base_url, feeds_per_page=per_page)
    remote.services.settings = settings


def _extras(package: dict) -> dict:
    return {item["key"]: item["value"] for item in package["extras"]}


@pytest.mark.parametrize("ext", ["ttl", "rdf", "jsonld"])
def test_our_feed_harvested_page_by_page(
    remote: Remote, services, local: ActionContext, ext: str
) -> None:
    serve_as_deployed(remote, per_page=3)  # 3 pages
    summary = harvest_dcat_catalog(services, f"{remote.base_url}/catalog.{ext}")

    assert summary.status == "Finished" and not summary.gather_errors
    assert summary.counts["created"] == len(PUBLIC) and summary.counts["failed"] == 0
    found = local.call("package_search", {"rows": 100, "include_private": True})["results"]
    assert len(found) == len(PUBLIC)  # no private dataset, no duplicate DataStore dumps
    by_identifier = {_extras(p).get("identifier") or p["id"]: p for p in found}

    for name in PUBLIC:
        source = remote.context.call("package_show", {"id": name})
        assert source["id"] in by_identifier, name
        got = by_identifier[source["id"]]
        assert got["title"] == source["title"]
        assert got["notes"] == source["notes"]
        assert got["license_id"] == source["license_id"]
        assert sorted(t["name"] for t in got["tags"]) == sorted(t["name"] for t in source["tags"])
        assert sorted(r["url"] for r in got["resources"]) == sorted(
            r["url"] for r in source["resources"]
        )


def test_our_feed_again_changes_nothing_then_follows_an_edit(
    remote: Remote, services, local: ActionContext
) -> None:
    serve_as_deployed(remote)
    url = f"{remote.base_url}/catalog.ttl"
    assert harvest_dcat_catalog(services, url).counts["created"] == len(PUBLIC)

    again = harvest_dcat_catalog(services, url)
    assert again.counts["unchanged"] == len(PUBLIC) and again.counts["updated"] == 0

    remote.context.call("package_patch", {"id": "ngan-sach-2024", "title": "Ngân sách 2024 (sửa)"})
    remote.context.call("package_delete", {"id": "thu-chi-2023"})
    third = harvest_dcat_catalog(services, url)
    assert third.counts["updated"] == 1 and third.counts["deleted"] == 1
    titles = {p["title"] for p in local.call("package_search", {"rows": 100})["results"]}
    assert "Ngân sách 2024 (sửa)" in titles
    assert len(titles) == len(PUBLIC) - 1

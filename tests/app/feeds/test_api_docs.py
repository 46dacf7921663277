"""/openapi.json describes every registered action and the feed, download and data package
routes, and is valid OpenAPI 3; /docs loads nothing from another host."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest
from openapi_spec_validator import validate

from catalog.actions import build_registry


@pytest.fixture(scope="module")
def spec(live_http: httpx.Client) -> dict[str, Any]:
    reply = live_http.get("/openapi.json")
    assert reply.status_code == 200
    return reply.json()


def test_the_description_is_valid_openapi_3(spec: dict[str, Any]) -> None:
    assert spec["openapi"].startswith("3.")
    validate(spec)
    operation_ids = [
        operation["operationId"] for item in spec["paths"].values() for operation in item.values()
    ]
    assert len(operation_ids) == len(set(operation_ids))


def test_every_action_is_described(spec: dict[str, Any]) -> None:
    registry = build_registry()
    for name in registry.names():
        item = spec["paths"][f"/api/3/action/{name}"]
        assert "post" in item, name
        assert ("get" in item) == registry.get(name).side_effect_free, name
    search = spec["paths"]["/api/3/action/package_search"]["get"]
    described = {param["name"]: param["description"] for param in search["parameters"]}
    assert {"q", "fq", "fq_list", "rows", "start", "sort", "facet.field"} <= set(described)
    assert "Giáo dục" in described["q"]
    groups = spec["paths"]["/api/3/action/group_list"]["get"]["parameters"]
    assert {"all_fields", "sort", "limit"} <= {param["name"] for param in groups}
    upload = spec["paths"]["/api/3/action/resource_create"]["post"]["requestBody"]["content"]
    assert upload["multipart/form-data"]["schema"]["properties"]["upload"]["format"] == "binary"
    assert "get" not in spec["paths"]["/api/3/action/package_create"]


def test_feeds_downloads_and_data_packages_are_described(spec: dict[str, Any]) -> None:
    paths = spec["paths"]
    for path in ("/catalog", "/catalog.ttl", "/catalog.rdf", "/catalog.jsonld", "/data.json",
                 "/dataset/{name_or_id}.ttl", "/dataset/{name_or_id}/datapackage.json",
                 "/dataset/{id}/resource/{resource_id}/download/{filename}"):  # fmt: skip
        assert "get" in paths[path], path
    catalog = {param["name"] for param in paths["/catalog.ttl"]["get"]["parameters"]}
    assert catalog == {"page", "modified_since", "q", "fq", "profiles"}
    assert "text/turtle" in paths["/catalog.ttl"]["get"]["responses"]["200"]["content"]


def test_swagger_ui_is_served_from_the_site_itself(live_http: httpx.Client) -> None:
    page = live_http.get("/docs")
    assert page.status_code == 200 and "SwaggerUIBundle" in page.text
    links = re.findall(r"""(?:src|href)\s*=\s*["']([^"']+)""", page.text)
    assert links and all(link.startswith("/") and not link.startswith("//") for link in links)
    assert "url: '/openapi.json'" in page.text
    assert not re.search(r"https?://", page.text)
    for link in links:
        asset = live_http.get(link)
        assert asset.status_code == 200, link
        assert len(asset.content) > 500
    assert live_http.get("/redoc").status_code == 404

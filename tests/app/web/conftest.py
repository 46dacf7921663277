"""Fixtures for the web pages' tests (and web-steward's, under tests/app/web/steward/)."""

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.support.browser import (  # noqa: F401
    axe_check,
    browser,
    page,
    screenshot,
    web_services,
    web_site,
)


@pytest.fixture(scope="session")
def web_http(web_site: str) -> Iterator[httpx.Client]:  # noqa: F811
    """A plain HTTP client (no cookies kept) for the live site."""
    with httpx.Client(base_url=web_site, timeout=30) as client:
        client.event_hooks["response"] = [lambda _: client.cookies.clear()]
        yield client


@pytest.fixture(scope="session")
def all_packages(web_http: httpx.Client) -> dict[str, dict[str, Any]]:
    """Every public dataset as the API shows it, by name (one package_search)."""
    found = web_http.get("/api/3/action/package_search", params={"rows": 1000}).json()
    return {package["name"]: package for package in found["result"]["results"]}


@pytest.fixture(scope="session")
def all_dataset_pages(web_http: httpx.Client, all_packages: dict[str, Any]) -> dict[str, Any]:
    """Every dataset page, fetched once: name -> response."""
    return {name: web_http.get(f"/dataset/{name}") for name in all_packages}

"""End-to-end fixtures: the loaded catalog served by a real uvicorn on loopback."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from app.main import create_app
from catalog.services.runtime import Services
from tests.support.live_server import serve_app


@pytest.fixture(scope="module")
def live_catalog(loaded_services: Services) -> Iterator[str]:
    """The base URL (no trailing slash) of the 94-dataset catalog served over HTTP.

    While it is served, the catalog's site URL is the live server's, so every absolute URL
    it emits (help links, download URLs, status_show) points back at it; the original
    settings come back afterwards for the other tests of the session-scoped catalog.
    """
    services = loaded_services
    original = services.settings
    app = create_app(original, services)
    # lifespan off: the session fixture owns the services, the app must not dispose them.
    with serve_app(app, lifespan="off") as base_url:
        services.settings = original.with_site_url(base_url)
        try:
            yield base_url
        finally:
            services.settings = original


@pytest.fixture(scope="module")
def live_http(live_catalog: str) -> Iterator[httpx.Client]:
    """A plain HTTP client for the live catalog (no special headers)."""
    with httpx.Client(base_url=live_catalog, timeout=30) as client:
        yield client


@pytest.fixture(scope="module")
def live_packages(live_catalog: str, live_http: httpx.Client) -> dict[str, dict[str, Any]]:
    """Every public dataset as package_show returns it over HTTP, keyed by name, in
    package_list order: the reference the other shapes are compared with."""
    names = live_http.get("/api/3/action/package_list").json()["result"]
    packages = {}
    for name in names:
        reply = live_http.get("/api/3/action/package_show", params={"id": name}).json()
        assert reply["success"] is True, reply
        packages[name] = reply["result"]
    return packages

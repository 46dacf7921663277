"""Fixtures for the web pages' tests (and web-steward's, under tests/app/web/steward/)."""

from collections.abc import Iterator

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

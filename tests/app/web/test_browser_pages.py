"""Every page type in Chromium: it renders, passes axe-core (no serious or critical WCAG 2.1
AA violations) and leaves screenshots at 1280 and 360 px in test-artifacts/screenshots/."""

from __future__ import annotations

from typing import Any

import pytest

PAGES = {
    "home": "/",
    "search": "/dataset?q=giao+duc",
    "search-empty": "/dataset?q=zzzqqq&res_format=CSV",
    "dataset": "/dataset/bang-gia-dat",
    "resource": None,  # the first resource of bang-gia-dat
    "organizations": "/organization",
    "organization": "/organization/so-tai-chinh",
    "groups": "/group",
    "group": "/group/giao-duc",
    "about": "/about",
    "api": "/api-guide",
    "not-found": "/dataset/no-such-dataset",
    "english-dataset": "/en/dataset/bang-gia-dat",
}


def resource_path(page: Any, web_site: str) -> str:
    page.goto(f"{web_site}/dataset/bang-gia-dat")
    return page.locator(".resource h3 a").first.get_attribute("href")


@pytest.mark.parametrize("name", list(PAGES))
def test_page_type_is_accessible(
    page: Any, web_site: str, axe_check: Any, screenshot: Any, name: str
) -> None:
    path = PAGES[name] or resource_path(page, web_site)
    response = page.goto(f"{web_site}{path}")
    assert response is not None
    assert response.status == (404 if name == "not-found" else 200)
    assert page.locator("main#content h1").count() == 1
    axe_check(page, name)
    screenshot(page, name)

"""What visitors do, in Chromium: search with and without diacritics, click facets, read a
dataset, page and sort the preview, draw the chart, switch language, use the keyboard."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest


def count(page: Any) -> int:
    return int(page.locator(".result-count").get_attribute("data-count"))


def test_search_with_and_without_diacritics(page: Any, web_site: str) -> None:
    page.goto(web_site)
    page.get_by_role("searchbox").first.fill("giao duc")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/dataset\?q=giao\+duc"))
    plain = count(page)
    titles = page.locator(".dataset-title").all_inner_texts()
    assert plain > 0 and any("Giáo dục" in t or "giáo dục" in t for t in titles)
    page.locator("#q").fill("giáo dục")
    page.locator("#q").press("Enter")
    page.wait_for_url(re.compile(r"q=gi%C3%A1o"))
    assert count(page) == plain
    assert page.locator(".dataset-title").all_inner_texts() == titles


def test_facet_clicks_combine_and_undo(page: Any, web_site: str) -> None:
    page.goto(f"{web_site}/dataset")
    total = count(page)
    page.locator("#facet-organization + ul a").first.click()
    page.wait_for_url(re.compile(r"organization="))
    by_org = count(page)
    assert 0 < by_org < total
    page.locator("#facet-tags + ul a").first.click()
    page.wait_for_url(re.compile(r"organization=.*tags="))
    both = count(page)
    assert 0 < both <= by_org
    assert page.locator('.facet a[aria-current="true"]').count() == 2
    page.locator(".active-filters a").first.click()  # remove the organization
    page.wait_for_url(lambda url: "organization=" not in url and "tags=" in url)
    assert count(page) >= both


def test_dataset_page(page: Any, web_site: str) -> None:
    page.goto(f"{web_site}/dataset/bang-gia-dat")
    assert page.locator("h1").inner_text() == "Bảng giá đất"
    table = page.locator(".meta-table")
    assert "Sở Nông nghiệp và Môi trường" in table.inner_text()
    assert "01/01/2025 – 31/12/2025" in table.inner_text()
    download = page.locator(".resource a[download]").first
    href = download.get_attribute("href")
    assert href.startswith(web_site) and "/download/" in href
    assert httpx.get(href).status_code == 200
    assert page.locator(".badge-valid").count() >= 1
    assert page.locator('script[type="application/ld+json"]').count() == 1


def preview_ready(web_site: str) -> dict[str, Any]:
    """The first DataStore-backed resource of bang-gia-dat, or skip (DataStore not merged)."""
    package = httpx.get(
        f"{web_site}/api/3/action/package_show", params={"id": "bang-gia-dat"}
    ).json()["result"]
    active = [r for r in package["resources"] if r.get("datastore_active")]
    if not active:
        pytest.skip("the DataStore (datastore_search, datastore_active) is not in this build")
    return active[0]


def test_preview_pages_and_sorts(page: Any, web_site: str) -> None:
    resource = preview_ready(web_site)
    page.goto(f"{web_site}/dataset/bang-gia-dat/resource/{resource['id']}")
    status = page.locator(".preview-status")
    assert re.search(r"1–20\b", status.inner_text())
    first_rows = page.locator(".preview-table tbody tr").all_inner_texts()
    page.locator('.preview-nav [data-page="next"]').click()
    page.wait_for_function("document.querySelector('.preview-status').textContent.includes('21')")
    assert page.locator(".preview-table tbody tr").all_inner_texts() != first_rows
    assert "offset=20" in page.url
    header = page.locator('.preview-table th[data-kind="number"]').first
    column = header.get_attribute("data-column")
    header.locator("a").click()
    page.wait_for_function(
        "c => document.querySelector(`th[data-column='${c}']`).getAttribute('aria-sort')",
        arg=column,
    )
    assert header.get_attribute("aria-sort") == "ascending"
    index = page.locator(".preview-table thead th").evaluate_all(
        "(ths, c) => ths.findIndex(t => t.dataset.column === c)", column
    )
    values = page.eval_on_selector_all(
        ".preview-table tbody tr",
        "(rows, i) => rows.map(r => Number(r.children[i].textContent))",
        index,
    )
    assert values == sorted(values)
    header.locator("a").click()
    page.wait_for_function(
        "c => document.querySelector(`th[data-column='${c}']`).getAttribute('aria-sort')"
        " === 'descending'",
        arg=column,
    )


def test_preview_works_without_javascript(browser: Any, web_site: str) -> None:
    resource = preview_ready(web_site)
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{web_site}/dataset/bang-gia-dat/resource/{resource['id']}")
        page.locator('.preview-nav [data-page="next"]').click()
        page.wait_for_url(re.compile(r"offset=20"))
        assert re.search(r"21–40\b", page.locator(".preview-status").inner_text())
        assert page.locator("#chart").is_hidden()
    finally:
        context.close()


def test_chart_draws_svg(page: Any, web_site: str) -> None:
    resource = preview_ready(web_site)
    page.goto(f"{web_site}/dataset/bang-gia-dat/resource/{resource['id']}")
    chart = page.locator("#chart")
    chart.wait_for(state="visible")
    page.locator("#chart svg rect.bar").first.wait_for()
    assert page.locator("#chart svg rect.bar").count() > 1
    assert page.locator("#chart svg title").first.text_content()
    page.locator("#chart-x").select_option(index=1)
    page.locator("#chart button").click()
    page.locator("#chart svg rect.bar").first.wait_for()


def test_preview_degrades_gracefully(page: Any, web_site: str) -> None:
    page.goto(f"{web_site}/dataset/bang-gia-dat")
    section = page.locator("#preview")
    assert section.count() == 1
    package = httpx.get(
        f"{web_site}/api/3/action/package_show", params={"id": "bang-gia-dat"}
    ).json()["result"]
    if not any(r.get("datastore_active") for r in package["resources"]):
        assert section.locator(".notice").is_visible()


def test_language_switch_sticks(page: Any, web_site: str) -> None:
    page.goto(f"{web_site}/dataset/bang-gia-dat")
    assert page.locator("html").get_attribute("lang") == "vi"
    page.locator(".lang-switch a[lang=en]").click()
    page.wait_for_url(re.compile(r"lang=en"))
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Land price table"
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Organizations").click()
    page.wait_for_url(re.compile(r"/organization$"))
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Publishing organizations"
    page.locator(".lang-switch a[lang=vi]").click()
    page.wait_for_url(re.compile(r"lang=vi"))
    page.goto(f"{web_site}/group")
    assert page.locator("html").get_attribute("lang") == "vi"


def test_keyboard_skip_link_and_visible_focus(page: Any, web_site: str) -> None:
    page.goto(f"{web_site}/dataset")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert focused == "skip-link"
    assert page.locator(".skip-link").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "content"
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"


WIDE_ELEMENTS = """() => Array.from(document.querySelectorAll('body *'))
    .filter(e => e.getBoundingClientRect().right > 360.5 && !e.closest('.table-wrap, pre'))
    .map(e => e.tagName + '.' + e.className + ':' + Math.round(e.getBoundingClientRect().right))
    .slice(0, 8)"""
NARROW_PAGES = ["/", "/dataset", "/dataset/bang-gia-dat", "/organization/so-y-te", "/about"]


def test_narrow_screen_folds_the_filters_and_never_scrolls_sideways(
    browser: Any, web_site: str
) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 800})
    try:
        page = context.new_page()
        page.goto(f"{web_site}/dataset")
        assert page.locator("#filters").get_attribute("open") is None
        page.locator("#filters summary").click()
        assert page.locator("#facet-organization").is_visible()
        resources = httpx.get(
            f"{web_site}/api/3/action/package_show", params={"id": "bang-gia-dat"}
        ).json()["result"]["resources"]
        for path in NARROW_PAGES + [f"/dataset/bang-gia-dat/resource/{resources[0]['id']}"]:
            page.goto(f"{web_site}{path}")
            page.wait_for_load_state("networkidle")
            width = page.evaluate("document.documentElement.scrollWidth")
            wide = page.evaluate(WIDE_ELEMENTS)
            assert width <= 360, f"{path} scrolls sideways at 360 px ({width} px): {wide}"
    finally:
        context.close()

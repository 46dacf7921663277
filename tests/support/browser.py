"""Browser-test support: Playwright driving Debian's Chromium (/usr/bin/chromium) against the
loaded catalog served by uvicorn on loopback, an axe-core check and screenshots.

Import the fixtures into a conftest (`from tests.support.browser import *`):

    web_site       session: base URL of the 94-category catalog, one live server per session
    web_services   session: that catalog's Services (to add private data etc. and clean up)
    browser        session: the Chromium browser (skips, or fails under
                   OPENDATA_REQUIRE_BROWSER=1, when Chromium or Playwright is missing)
    page           a fresh page (1280x900, no cookies) whose JavaScript errors fail the test
    axe_check      axe_check(page, name): runs axe-core, fails on serious/critical violations
    screenshot     screenshot(page, name): full-page PNGs at 1280 and 360 px in
                   test-artifacts/screenshots/

Chromium is never downloaded (no `playwright install`): `.ci/run` installs Debian's
package and axe-core from npm into `.tools/`.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from app.main import create_app
from catalog.actions import build_registry
from catalog.content.loader import load_content, site_context
from catalog.services.runtime import Services
from tests.support.databases import BACKENDS, fresh_services
from tests.support.live_server import serve_app

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("OPENDATA_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-gpu",
]
AXE_JS = REPO / ".tools" / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = REPO / "test-artifacts" / "screenshots"
WIDTHS = (1280, 360)
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
REQUIRE_ENV = "OPENDATA_REQUIRE_BROWSER"

__all__ = ["axe_check", "browser", "page", "screenshot", "web_services", "web_site"]


def browser_required() -> bool:
    return os.environ.get(REQUIRE_ENV, "") not in ("", "0")


def unavailable(reason: str) -> None:
    """Skip, or fail when the browser tests are required (CI)."""
    if browser_required():
        pytest.fail(f"{reason} ({REQUIRE_ENV}=1)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def web_services(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    """The 94 categories loaded once per session (PostgreSQL when configured, else SQLite)."""
    backend = BACKENDS[-1]
    directory = tmp_path_factory.mktemp(f"web-{backend}")
    with fresh_services(backend, directory) as services:
        load_content(site_context(services, build_registry()), REPO / "datasets")
        jobs = getattr(services, "datastore_jobs", None)  # DataStore loads run in the background
        if jobs is not None:
            assert jobs.wait_idle(timeout=600), "the DataStore did not finish loading"
        yield services


@pytest.fixture(scope="session")
def web_site(web_services: Services) -> Iterator[str]:
    """The loaded catalog served by uvicorn on loopback; its site URL is the server's."""
    app = create_app(web_services.settings, web_services)
    with serve_app(app, lifespan="off") as base_url:
        web_services.settings = web_services.settings.with_site_url(base_url)
        yield base_url


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists() and not shutil.which(str(CHROMIUM)):
        unavailable(f"Chromium is not installed at {CHROMIUM} (apt-get install -y chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("Playwright is not installed (pip install -e '.[dev]')")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A page in a fresh context; uncaught JavaScript errors fail the test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    try:
        yield opened
    finally:
        context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


def run_axe(page: Any) -> list[dict[str, Any]]:
    """axe-core's violations on the current page (WCAG 2.1 A and AA rules)."""
    if not AXE_JS.exists():
        unavailable(f"axe-core is not installed at {AXE_JS} (npm install --prefix .tools axe-core)")
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    return result["violations"]


@pytest.fixture
def axe_check() -> Callable[[Any, str], list[dict[str, Any]]]:
    """axe_check(page, name): fail on serious or critical violations; returns all of them."""

    def check(page: Any, name: str) -> list[dict[str, Any]]:
        violations = run_axe(page)
        bad = [v for v in violations if v.get("impact") in ("serious", "critical")]
        summary = [
            {
                "rule": v["id"],
                "impact": v["impact"],
                "help": v["help"],
                "targets": [node["target"] for node in v["nodes"][:5]],
            }
            for v in bad
        ]
        assert not bad, f"axe-core on {name}: " + json.dumps(summary, ensure_ascii=False, indent=1)
        return violations

    return check


@pytest.fixture
def screenshot() -> Callable[[Any, str], list[Path]]:
    """screenshot(page, name): full-page PNGs of the current URL at 1280 and 360 px."""

    def take(page: Any, name: str) -> list[Path]:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        original = page.viewport_size
        paths = []
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            if width != (original or {}).get("width"):
                page.reload()  # so layout decisions made at load time see this width
            path = SCREENSHOTS / f"{name}-{width}.png"
            page.screenshot(path=str(path), full_page=True)
            paths.append(path)
        if original:
            page.set_viewport_size(original)
        return paths

    return take

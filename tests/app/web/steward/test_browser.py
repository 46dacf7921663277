"""A steward in real Chromium: sign in, create a dataset with a broken CSV (uploaded with the
progress bar), see the failure, read the report, replace the file, see success. axe-core on
the login, dashboard, form and report pages; screenshots at 1280 and 360 px."""

from __future__ import annotations

import re
import uuid
from pathlib import Path
from typing import Any

import pytest

from catalog.actions import build_registry
from catalog.content.loader import site_context
from catalog.services.runtime import Services
from tests.app.web.steward.conftest import GOOD_CSV, PASSWORD, TESTDATA
from tests.support import accounts

ORG = "so-giao-duc-va-dao-tao"


@pytest.fixture
def steward(web_services: Services) -> Any:
    """An editor of one of the loaded organizations; its datasets are purged afterwards."""
    admin = site_context(web_services, build_registry())
    name = f"bien-tap-{uuid.uuid4().hex[:8]}"
    who = accounts.user(admin, name, password=PASSWORD)
    accounts.member(admin, ORG, who, "editor")
    created: list[str] = []
    yield name, created
    for dataset in created:
        admin.call("dataset_purge", {"id": dataset})
    admin.call("organization_member_delete", {"id": ORG, "username": name})


def _sign_in(page: Any, name: str) -> None:
    """Fill in and send the sign-in form the page shows."""
    page.fill("#field-login", name)
    page.fill("#field-password", PASSWORD)
    page.click("form.login-form button[type=submit]")


def test_publish_fix_and_republish(page, web_site, steward, axe_check, screenshot, tmp_path):
    name, created = steward
    fixed: Path = tmp_path / "truong-hoc.csv"
    fixed.write_bytes(GOOD_CSV)

    page.goto(f"{web_site}/dashboard")
    assert "/user/login" in page.url
    axe_check(page, "login")
    screenshot(page, "steward-login")
    _sign_in(page, name)
    page.wait_for_url(re.compile(r"/dashboard$"))
    assert page.locator(".account-nav").inner_text().count(name) == 1
    axe_check(page, "dashboard")
    screenshot(page, "steward-dashboard")

    page.click("text=Thêm bộ dữ liệu")
    page.wait_for_url(re.compile(r"/dataset/new$"))
    axe_check(page, "dataset form")
    screenshot(page, "steward-form")
    slug = f"truong-hoc-thu-nghiem-{uuid.uuid4().hex[:6]}"
    page.fill("#field-title-vi", "Trường học thử nghiệm")
    assert page.input_value("#field-name") == "truong-hoc-thu-nghiem"  # suggested by the script
    page.fill("#field-name", slug)
    page.select_option("#field-owner-org", index=1)  # the only organization offered
    page.set_input_files("#field-res-0-upload", str(TESTDATA / "invalid.csv"))
    with page.expect_response(lambda r: r.request.resource_type == "xhr") as upload:
        page.click("form[data-upload-form] button[type=submit]")
    assert upload.value.request.method == "POST"
    page.wait_for_url(re.compile(rf"/dataset/edit/{slug}\?done=created$"))
    created.append(slug)
    assert page.locator(".badge-invalid").first.inner_text() == "Không hợp lệ"

    page.click("text=Xem báo cáo kiểm tra")
    page.wait_for_url(re.compile(r"/report$"))
    assert page.locator(".report-errors").inner_text().count("Thiếu ô ở dòng") == 4
    axe_check(page, "report")
    screenshot(page, "steward-report-failed")
    report_url = page.url
    page.goto(f"{web_site}/dataset/{slug}")  # the public page shows the same report
    assert page.locator(".report .error-groups").inner_text().count("Thiếu ô") == 1
    axe_check(page, "dataset with a failed report")
    screenshot(page, "dataset-report-failed")
    page.goto(report_url)

    page.click("text=Thay tệp")
    page.wait_for_url(re.compile(r"/edit$"))
    page.set_input_files("#field-res-upload", str(fixed))
    page.click("form[data-upload-form] button[type=submit]")
    page.wait_for_url(re.compile(r"/edit\?done=saved$"))
    assert page.locator(".badge-valid").first.inner_text() == "Hợp lệ"
    page.goto(f"{web_site}/dashboard")
    assert page.locator(".steward-item", has_text="Trường học thử nghiệm").locator(
        ".badge-valid").count() == 1  # fmt: skip


def test_errors_take_the_focus_and_name_their_fields(page, web_site, steward, axe_check):
    name, _ = steward
    page.goto(f"{web_site}/user/login?came_from=/dataset/new")
    _sign_in(page, name)
    page.wait_for_url(re.compile(r"/dataset/new$"))
    page.click("form[data-upload-form] button[type=submit]")  # nothing filled in, no file
    page.wait_for_selector("#error-summary")
    assert page.evaluate("document.activeElement.id") == "error-summary"
    title = page.locator("#field-title-vi")
    assert title.get_attribute("aria-invalid") == "true"
    assert "field-title-vi-error" in (title.get_attribute("aria-describedby") or "")
    axe_check(page, "dataset form with errors")
    page.click("#error-summary a[href='#field-title-vi']")
    assert page.evaluate("location.hash") == "#field-title-vi"


def test_account_links_look_right_on_public_pages(page, web_site, steward, axe_check, screenshot):
    """The header's account links are styled by the site CSS, not only on steward pages."""
    name, _ = steward
    page.goto(f"{web_site}/user/login")
    _sign_in(page, name)
    page.wait_for_url(re.compile(r"/dashboard$"))
    page.goto(f"{web_site}/dataset/bang-gia-dat")
    assert page.locator("link[href*='steward.css']").count() == 0
    nav = page.locator(".account-nav")
    assert nav.evaluate("element => getComputedStyle(element).display") == "flex"
    link = nav.locator("a", has_text="Bảng điều khiển").bounding_box()
    button = nav.locator("button", has_text="Đăng xuất").bounding_box()
    assert link and button
    # one line: the sign-out form is inline, next to the dashboard link, not below it
    assert button["y"] < link["y"] + link["height"] and button["x"] > link["x"]
    axe_check(page, "public page signed in")
    screenshot(page, "public-signed-in")

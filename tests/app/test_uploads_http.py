"""Stewards' uploads over HTTP: multipart with ckanapi and plain HTTP, Frictionless
validation in flag and block modes, reports, 413, and the stored bytes."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import ckanapi
import httpx
import pytest

from app.main import create_app
from catalog.actions import build_registry
from catalog.content.loader import site_context
from catalog.services.runtime import Services
from catalog.services.tokens import create_token
from catalog.services.users import create_user
from tests.support import builders
from tests.support.live_server import serve_app

FILES = Path(__file__).resolve().parents[1] / "catalog" / "services" / "tabular" / "files"
SCHEMA = (FILES / "household.schema.json").read_text(encoding="utf-8")


@pytest.fixture
def site(services: Services) -> Iterator[tuple[str, str, Services]]:
    admin = site_context(services, build_registry())
    builders.organization(admin, "so-a", "Sở A")
    builders.dataset(admin, "ho-gia-dinh", owner_org="so-a")
    with services.session() as session:
        user = create_user(session, "quan-tri", "qt@example.vn", sysadmin=True)
        token = create_token(session, user, "t").token
    app = create_app(services.settings, services)
    with serve_app(app, lifespan="off") as base_url:
        original = services.settings
        services.settings = original.with_site_url(base_url)
        try:
            yield base_url, token, services
        finally:
            services.settings = original


def test_valid_upload_with_ckanapi_is_stored_byte_for_byte_and_marked_success(site):
    base_url, token, _ = site
    path = FILES / "vn_windows1258.csv"
    with ckanapi.RemoteCKAN(base_url, apikey=token) as ckan, path.open("rb") as handle:
        created = ckan.action.resource_create(
            package_id="ho-gia-dinh", name="Danh sách", format="CSV", upload=handle
        )
        assert created["validation_status"] == "success"
        assert created["url_type"] == "upload" and created["url"].endswith("/vn_windows1258.csv")
        report = ckan.action.resource_validation_show(resource_id=created["id"])
    body = httpx.get(created["url"]).content
    assert body == path.read_bytes()
    assert created["hash"] == hashlib.sha256(body).hexdigest() and created["size"] == len(body)
    assert report["status"] == "success" and report["report"]["valid"] is True


def test_invalid_upload_is_kept_in_flag_mode_with_a_report_naming_rows(site):
    base_url, token, _ = site
    with (FILES / "household_errors.csv").open("rb") as handle:
        reply = httpx.post(
            f"{base_url}/api/3/action/resource_create",
            headers={"Authorization": token},
            data={"package_id": "ho-gia-dinh", "schema": SCHEMA, "format": "CSV"},
            files={"upload": ("ho gia dinh (lỗi).csv", handle, "text/csv")},
        )
    assert reply.status_code == 200, reply.text
    created = reply.json()["result"]
    assert created["validation_status"] == "failure"
    assert created["url"].endswith("/ho-gia-dinh-loi-.csv")
    shown = httpx.get(
        f"{base_url}/api/3/action/resource_validation_show",
        params={"resource_id": created["id"]},
    ).json()["result"]
    errors = shown["report"]["errors"]
    assert errors and all("rowNumber" in e or e.get("type") for e in errors)
    assert any(e.get("fieldName") == "so_nguoi" for e in errors)
    rerun = httpx.post(
        f"{base_url}/api/3/action/resource_validation_run",
        headers={"Authorization": token},
        json={"resource_id": created["id"]},
    ).json()["result"]
    assert rerun["status"] == "failure"


def test_block_mode_refuses_an_invalid_file_and_stores_nothing(site):
    base_url, token, services = site
    services.settings = dataclasses.replace(services.settings, validation_mode="block")
    with (FILES / "household_errors.csv").open("rb") as handle:
        reply = httpx.post(
            f"{base_url}/api/3/action/resource_create",
            headers={"Authorization": token},
            data={"package_id": "ho-gia-dinh", "schema": SCHEMA},
            files={"upload": ("bad.csv", handle, "text/csv")},
        )
    assert reply.status_code == 409
    error = reply.json()["error"]
    assert error["__type"] == "Validation Error" and "row" in error["validation"][0]
    shown = httpx.get(
        f"{base_url}/api/3/action/package_show", params={"id": "ho-gia-dinh"},
        headers={"Authorization": token},
    ).json()["result"]  # fmt: skip
    assert shown["resources"] == []
    stored = [p for p in services.storage.root.rglob("*") if p.is_file()]
    assert stored == []


def test_too_large_upload_is_a_413_in_ckans_envelope(site):
    base_url, token, services = site
    services.settings = dataclasses.replace(services.settings, max_upload_mb=1)
    reply = httpx.post(
        f"{base_url}/api/3/action/resource_create",
        headers={"Authorization": token},
        data={"package_id": "ho-gia-dinh"},
        files={"upload": ("big.pdf", b"%" * (1024 * 1024 + 10), "application/pdf")},
    )
    assert reply.status_code == 413
    assert reply.json()["error"]["__type"] == "Validation Error"
    assert [p for p in services.storage.root.rglob("*") if p.is_file()] == []


def test_replacing_the_file_with_resource_patch_keeps_the_resource(site):
    base_url, token, _ = site
    with ckanapi.RemoteCKAN(base_url, apikey=token) as ckan:
        with (FILES / "household_errors.csv").open("rb") as handle:
            created = ckan.action.resource_create(
                package_id="ho-gia-dinh", schema=SCHEMA, upload=handle
            )
        fixed = FILES / "utf8_bom.csv"
        with fixed.open("rb") as handle:
            patched = ckan.action.resource_patch(id=created["id"], upload=handle, schema="")
    assert patched["id"] == created["id"] and patched["hash"] != created["hash"]
    assert httpx.get(patched["url"]).content == fixed.read_bytes()
    assert json.loads(json.dumps(patched))["validation_status"] in ("success", "failure")


def test_validating_a_large_file_does_not_block_other_requests(site, tmp_path: Path):
    base_url, token, _ = site
    big = tmp_path / "lon.csv"
    row = "HB{:06d},Nguyễn Văn Bình,4,2024-01-15\n"
    with big.open("w", encoding="utf-8") as handle:
        handle.write("ma_ho,chu_ho,so_nguoi,ngay_dang_ky\n")
        handle.writelines(row.format(i) for i in range(400_000))
    result: dict = {}

    def upload() -> None:
        with big.open("rb") as handle:
            result["reply"] = httpx.post(
                f"{base_url}/api/3/action/resource_create",
                headers={"Authorization": token},
                data={"package_id": "ho-gia-dinh", "schema": SCHEMA},
                files={"upload": ("lon.csv", handle, "text/csv")},
                timeout=300,
            )

    worker = threading.Thread(target=upload)
    worker.start()
    slowest = 0.0
    answered = 0
    with httpx.Client(base_url=base_url) as client:
        while worker.is_alive():
            started = time.perf_counter()
            assert client.get("/api/3/action/status_show").status_code == 200
            slowest = max(slowest, time.perf_counter() - started)
            answered += 1
            time.sleep(0.05)
    worker.join()
    assert result["reply"].json()["result"]["validation_status"] == "success"
    assert answered >= 5 and slowest < 2.0


def test_a_link_to_a_table_is_fetched_and_validated(site):
    """The linked file is served by the live server itself (no other network here)."""
    base_url, token, _ = site
    with ckanapi.RemoteCKAN(base_url, apikey=token) as ckan:
        with (FILES / "household_errors.csv").open("rb") as handle:
            uploaded = ckan.action.resource_create(
                package_id="ho-gia-dinh", schema=SCHEMA, upload=handle
            )
        link = ckan.action.resource_create(
            package_id="ho-gia-dinh", url=uploaded["url"], format="CSV", schema=SCHEMA
        )
        assert link["url_type"] is None and link["validation_status"] == "failure"
        broken = ckan.action.resource_patch(id=link["id"], url=f"{base_url}/khong-co.csv")
        assert broken["validation_status"] == "error"
        report = ckan.action.resource_validation_show(resource_id=link["id"])
        assert "could not be fetched" in report["report"]["errors"][0]["message"]
        plain = ckan.action.resource_patch(id=link["id"], url="http://example.org/trang.html")
        assert "validation_status" not in plain

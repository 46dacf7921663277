"""A small catalog served by a real uvicorn, with accounts in every role, and helpers to
sign in and post the steward forms over HTTP."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.main import create_app
from catalog.actions import build_registry
from catalog.actions.registry import ActionContext
from catalog.content.loader import site_context
from catalog.services.runtime import Services
from tests.support import accounts, builders
from tests.support.live_server import serve_app

PASSWORD = "mat-khau-du-dai"
TESTDATA = Path(__file__).resolve().parents[4].parent / "shared" / "frictionless-testdata"
CSRF_RE = re.compile(r'name="_csrf" value="([^"]+)"')
GOOD_CSV = "ma,ten\n01,Bắc Giang\n02,Lạng Giang\n".encode()
BAD_CSV = (TESTDATA / "invalid.csv").read_bytes()


@dataclass
class Site:
    url: str
    services: Services
    admin: ActionContext  # the site user (sysadmin), for setting up and checking


@pytest.fixture
def site(services: Services) -> Iterator[Site]:
    """Organizations so-a and so-b, a theme, a public and a private dataset in so-a, and
    users: sysadmin `quan-tri`, `admin-a`, `bien-tap-a` (editor), `thanh-vien-a` (member),
    `bien-tap-b` (editor of so-b), `nguoi-ngoai` (no role); all with PASSWORD."""
    admin = site_context(services, build_registry())
    builders.organization(admin, "so-a", "Sở A")
    builders.organization(admin, "so-b", "Sở B")
    builders.group(admin, "giao-duc", "Giáo dục")
    builders.dataset(admin, "cong-khai", title="Công khai", owner_org="so-a")
    builders.dataset(admin, "rieng-tu", title="Riêng tư", owner_org="so-a", private=True)
    accounts.user(admin, "quan-tri", sysadmin=True, password=PASSWORD)
    for name, org, role in [
        ("admin-a", "so-a", "admin"),
        ("bien-tap-a", "so-a", "editor"),
        ("thanh-vien-a", "so-a", "member"),
        ("bien-tap-b", "so-b", "editor"),
        ("nguoi-ngoai", None, None),
    ]:
        who = accounts.user(admin, name, password=PASSWORD)
        if org:
            accounts.member(admin, org, who, role)
        if name == "bien-tap-a":  # adding datasets to a theme needs a role in it (CKAN)
            accounts.member(admin, "giao-duc", who, "member", group=True)
    app = create_app(services.settings, services)
    with serve_app(app, lifespan="off") as url:
        yield Site(url, services, admin)


def client(site: Site) -> httpx.Client:
    return httpx.Client(base_url=site.url, timeout=30, follow_redirects=False)


def csrf_of(page: httpx.Response) -> str:
    found = CSRF_RE.search(page.text)
    assert found, page.text[:2000]
    return found.group(1)


def sign_in(site: Site, name: str, password: str = PASSWORD) -> httpx.Client:
    http = client(site)
    token = csrf_of(http.get("/user/login"))
    answer = http.post("/user/login", data={"login": name, "password": password, "_csrf": token})
    assert answer.status_code == 303, answer.text[:2000]
    return http


def form_token(http: httpx.Client, path: str) -> str:
    page = http.get(path)
    assert page.status_code == 200, (path, page.status_code)
    return csrf_of(page)


def post_form(
    http: httpx.Client,
    fields: dict[str, Any],
    files: dict[str, Any] | None = None,
    path: str = "/dataset/new",
) -> httpx.Response:
    """Post `fields` (and `files`) to the form at `path`, with the CSRF token its page gives."""
    token = form_token(http, path)
    return http.post(path, data={**fields, "_csrf": token}, files=files)


def dataset_fields(**overrides: Any) -> dict[str, Any]:
    fields = {
        "title_vi": "Danh sách trường học",
        "title_en": "Schools",
        "name": "",
        "notes_vi": "Các trường học trên địa bàn.",
        "owner_org": "so-a",
        "private": "false",
        "tags": "giáo dục, trường học",
        "frequency": "annual",
        "contact_name": "Phòng Giáo dục",
        "contact_email": "gd@example.org",
        "res-0-name": "Danh sách",
    }
    fields.update(overrides)
    return fields


def org_id(site: Site, name: str) -> str:
    return site.admin.call("organization_show", {"id": name})["id"]

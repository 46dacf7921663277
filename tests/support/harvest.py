"""Helpers for harvesting tests: a small source catalog, fake remotes on loopback, and
one-call harvests.

    with remote_catalog(backend, tmp_path) as remote:      # a second instance, served
        remote.base_url, remote.context                     # ... and its sysadmin context
    summary = harvest_dcat_catalog(services, f"{base_url}/catalog.ttl")   # for the feeds

`harvest_dcat_catalog` / `harvest_ckan_catalog` add a source (if needed) and run it once.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from app.main import create_app
from catalog.actions import build_registry
from catalog.actions.registry import ActionContext
from catalog.content.loader import site_context
from catalog.errors import NotFound
from catalog.services.runtime import Services
from harvesters.runner import JobSummary, run_source
from tests.support import builders
from tests.support.databases import fresh_services
from tests.support.live_server import serve_app

ORGS = {
    "so-y-te": "Sở Y tế",
    "so-giao-duc": "Sở Giáo dục và Đào tạo",
    "so-tai-chinh": "Sở Tài chính",
}


@dataclass
class Remote:
    services: Services
    context: ActionContext
    base_url: str


def fill_source_catalog(context: ActionContext) -> None:
    """Three organizations, two groups, 7 public datasets (with resources) and 2 private."""
    for name, title in ORGS.items():
        builders.organization(context, name, title)
    builders.group(context, "y-te", "Y tế")
    builders.group(context, "giao-duc", "Giáo dục")
    plan = [
        ("benh-vien-cong", "so-y-te", ["y-te"]),
        ("tram-y-te-xa", "so-y-te", ["y-te"]),
        ("tiem-chung-2024", "so-y-te", []),
        ("truong-mam-non", "so-giao-duc", ["giao-duc"]),
        ("truong-thpt", "so-giao-duc", ["giao-duc", "y-te"]),
        ("ngan-sach-2024", "so-tai-chinh", []),
        ("thu-chi-2023", "so-tai-chinh", []),
    ]
    for number, (name, org, groups) in enumerate(plan):
        builders.dataset(
            context,
            name,
            title=f"Danh sách {name.replace('-', ' ')} tỉnh Bắc Giang",
            notes=f"Dữ liệu mẫu số {number}.",
            owner_org=org,
            license_id="cc-by",
            tags=["bắc giang", f"chủ đề {number}"],
            groups=groups,
            extras={"frequency": "yearly", "spatial_text": "Bắc Giang"},
            resources=[
                {"name": f"{name}.csv", "url": f"https://files.example.vn/{name}.csv",
                 "format": "CSV", "size": 1000 + number},
                {"name": "API", "url": f"https://api.example.vn/{name}", "format": "JSON"},
            ],
        )  # fmt: skip
    for name in ("ho-so-mat", "luong-can-bo"):
        builders.dataset(context, name, owner_org="so-tai-chinh", private=True,
                         title=f"Riêng tư {name}")  # fmt: skip


@contextmanager
def remote_catalog(backend: str, directory: Path, *, filled: bool = True) -> Iterator[Remote]:
    """A second instance of this catalog (its own database), served on loopback."""
    directory.mkdir(parents=True, exist_ok=True)
    with fresh_services(backend, directory) as services:
        context = site_context(services, build_registry())
        if filled:
            fill_source_catalog(context)
        with serve_app(create_app(services.settings, services)) as base_url:
            yield Remote(services=services, context=context, base_url=base_url)


Handler = Callable[[Request], Any]


@contextmanager
def fake_remote(routes: dict[str, Handler]) -> Iterator[str]:
    """A loopback HTTP server answering `routes` (path -> async or plain handler returning a
    starlette Response); yields its base URL."""

    def wrap(handler: Handler) -> Any:
        async def endpoint(request: Request) -> Response:
            answer = handler(request)
            if asyncio.iscoroutine(answer):
                answer = await answer
            return answer

        return endpoint

    app = Starlette(routes=[Route(path, wrap(handler)) for path, handler in routes.items()])
    with serve_app(app) as base_url:
        yield base_url


def ensure_source(
    services: Services, name: str, url: str, source_type: str, **fields: Any
) -> dict[str, Any]:
    context = site_context(services, build_registry())
    try:
        return context.call("harvest_source_show", {"id": name})
    except NotFound:
        return context.call(
            "harvest_source_create",
            {"name": name, "url": url, "source_type": source_type, **fields},
        )


def ensure_organization(services: Services, name: str) -> str:
    context = site_context(services, build_registry())
    try:
        return context.call("organization_show", {"id": name})["id"]
    except NotFound:
        return builders.organization(context, name)["id"]


def harvest_dcat_catalog(
    services: Services, url: str, *, name: str = "dcat-source", owner_org: str = "dcat-harvested"
) -> JobSummary:
    """Harvest the DCAT document at `url` (first page; Hydra paging is followed) into
    `services`, into organization `owner_org` (made if missing); returns the job summary."""
    ensure_organization(services, owner_org)
    ensure_source(services, name, url, "dcat", owner_org=owner_org)
    return run_source(services, build_registry(), name)


def harvest_ckan_catalog(
    services: Services, base_url: str, *, name: str = "ckan-source", **fields: Any
) -> JobSummary:
    """Harvest the CKAN site at `base_url` (into organization "harvested" unless an
    `owner_org` is given; owner_org=None with config remote_orgs for none)."""
    if "owner_org" not in fields:
        fields["owner_org"] = ensure_organization(services, "harvested")
    ensure_source(services, name, base_url, "ckan", **fields)
    return run_source(services, build_registry(), name)

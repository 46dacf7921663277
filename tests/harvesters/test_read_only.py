"""Harvested datasets are read-only over the API until detached: every write answers 403
in CKAN's envelope; harvest extras are the harvester's; a detached dataset is local."""

from __future__ import annotations

import httpx
import pytest

from app.main import create_app
from catalog.actions import build_registry
from harvesters.runner import run_source
from tests.support.accounts import member, token, user
from tests.support.harvest import harvest_ckan_catalog
from tests.support.live_server import serve_app


@pytest.fixture
def harvested(services, local, remote):
    harvest_ckan_catalog(services, remote.base_url)
    return local.call("package_show", {"id": "benh-vien-cong"})


@pytest.fixture
def api(services):
    with serve_app(create_app(services.settings, services)) as base_url:
        with httpx.Client(base_url=f"{base_url}/api/3/action", timeout=30) as client:
            yield client


def _post(api, name, data, key):
    return api.post(name, json=data, headers={"Authorization": key})


def test_writes_to_a_harvested_dataset_are_refused(local, harvested, api):
    admin = token(local, user(local, "quan-tri", sysadmin=True))
    editor_who = user(local, "bien-tap")
    member(local, "harvested", editor_who, "editor")
    editor = token(local, editor_who)
    resource_id = harvested["resources"][0]["id"]
    writes = [
        ("package_update", {"id": harvested["id"], "title": "Sửa"}),
        ("package_patch", {"id": harvested["name"], "notes": "Sửa"}),
        ("package_revise", {"match": {"id": harvested["id"]}, "update": {"title": "Sửa"}}),
        ("package_delete", {"id": harvested["id"]}),
        ("resource_create", {"package_id": harvested["id"], "url": "https://x.vn/c.csv"}),
        ("resource_patch", {"id": resource_id, "name": "Sửa"}),
        ("resource_update", {"id": resource_id, "url": "https://x.vn/d.csv"}),
        ("resource_delete", {"id": resource_id}),
    ]
    for key in (admin, editor):
        for name, data in writes:
            reply = _post(api, name, data, key)
            assert reply.status_code == 403, (name, reply.text)
            body = reply.json()
            assert body["success"] is False
            assert body["error"]["__type"] == "Authorization Error"
            assert "harvest_dataset_detach" in body["error"]["message"], name
    after = local.call("package_show", {"id": harvested["id"]})
    assert after["title"] == harvested["title"] and after["state"] == "active"
    assert after["metadata_modified"] == harvested["metadata_modified"]


def test_harvest_extras_belong_to_the_harvester(local, harvested, api):
    admin = token(local, user(local, "quan-tri", sysadmin=True))
    fake = {"name": "gia-mao", "owner_org": "harvested",
            "extras": [{"key": "harvest_source_id", "value": "x"}]}  # fmt: skip
    reply = _post(api, "package_create", fake, admin)
    assert reply.status_code == 409
    assert reply.json()["error"]["extras"] == ['"harvest_source_id" is set by the harvester only']


def test_detach_lets_the_organization_take_over(services, local, remote, harvested, api):
    admin_who, editor_who = user(local, "truong-phong"), user(local, "bien-tap")
    member(local, "harvested", admin_who, "admin")
    member(local, "harvested", editor_who, "editor")
    editor, org_admin = token(local, editor_who), token(local, admin_who)

    refused = _post(api, "harvest_dataset_detach", {"id": harvested["name"]}, editor)
    assert refused.status_code == 403
    detached = _post(api, "harvest_dataset_detach", {"id": harvested["name"]}, org_admin)
    assert detached.status_code == 200, detached.text
    extras = {e["key"] for e in detached.json()["result"]["extras"]}
    assert not any(key.startswith("harvest_") for key in extras)
    again = _post(api, "harvest_dataset_detach", {"id": harvested["name"]}, org_admin)
    assert again.status_code == 409  # no longer harvested

    edit = _post(api, "package_patch", {"id": harvested["name"], "title": "Của Sở"}, editor)
    assert edit.status_code == 200, edit.text

    remote.context.call("package_patch", {"id": "benh-vien-cong", "title": "Từ nguồn"})
    summary = run_source(services, build_registry(), "ckan-source")
    assert summary.counts["updated"] == 0 and summary.counts["failed"] == 0
    assert local.call("package_show", {"id": harvested["id"]})["title"] == "Của Sở"
    remote.context.call("package_delete", {"id": "benh-vien-cong"})
    summary = run_source(services, build_registry(), "ckan-source")
    assert local.call("package_show", {"id": harvested["id"]})["state"] == "active"
    assert local.call("harvest_source_show", {"id": "ckan-source"})["status"][
        "total_datasets"] == 6  # fmt: skip


def test_deleting_the_source_detaches_or_clears(services, local, remote, harvested):
    local.call("harvest_source_delete", {"id": "ckan-source"})
    pkg = local.call("package_show", {"id": harvested["id"]})
    assert not any(e["key"].startswith("harvest_") for e in pkg["extras"])
    local.call("package_patch", {"id": harvested["id"], "title": "Bây giờ là của ta"})
    before = {p["id"] for p in local.call("package_search", {"rows": 100})["results"]}
    assert len(before) == 7  # all detached, kept
    second = harvest_ckan_catalog(services, remote.base_url, name="lan-hai")
    assert second.counts["created"] == 7  # new copies: the old ones are local now
    local.call("harvest_source_delete", {"id": "lan-hai", "clear": True})
    remaining = local.call("package_search", {"rows": 100})["results"]
    assert {p["id"] for p in remaining} == before


def test_harvest_actions_are_for_sysadmins(local, harvested, api):
    someone = token(local, user(local, "ai-do"))
    for name, data in [("harvest_source_create", {"name": "x", "url": "https://x.vn"}),
                       ("harvest_source_update", {"id": "ckan-source", "title": "x"}),
                       ("harvest_source_delete", {"id": "ckan-source"}),
                       ("harvest_job_create", {"source_id": "ckan-source"}),
                       ("harvest_job_abort", {"source_id": "ckan-source"}),
                       ("harvest_job_list", {})]:  # fmt: skip
        for headers in ({}, {"Authorization": someone}):
            reply = api.post(name, json=data, headers=headers)
            assert reply.status_code == 403, (name, reply.text)
    shown = api.get("harvest_source_show", params={"id": "ckan-source"})
    assert shown.status_code == 200 and shown.json()["result"]["source_type"] == "ckan"
    assert api.get("harvest_source_list").json()["result"][0]["name"] == "ckan-source"

"""Harvesting a second instance of this catalog over real HTTP: full, incremental,
deletions at the source, private data, re-runs."""

from __future__ import annotations

from catalog.actions import build_registry
from harvesters.runner import run_source
from tests.support.harvest import harvest_ckan_catalog

PUBLIC = {"benh-vien-cong", "tram-y-te-xa", "tiem-chung-2024", "truong-mam-non",
          "truong-thpt", "ngan-sach-2024", "thu-chi-2023"}  # fmt: skip


def _names(local, **params) -> set[str]:
    found = local.call("package_search", {"rows": 1000, "include_private": True, **params})
    return {pkg["name"] for pkg in found["results"]}


def test_full_harvest_copies_public_datasets_only(services, local, remote):
    summary = harvest_ckan_catalog(services, remote.base_url)
    assert summary.status == "Finished" and summary.run_type == "full"
    assert summary.counts == {"created": 7, "updated": 0, "unchanged": 0, "deleted": 0,
                              "failed": 0}  # fmt: skip
    assert _names(local) == PUBLIC  # the two private datasets never left the source

    remote_pkg = remote.context.call("package_show", {"id": "truong-thpt"})
    pkg = local.call("package_show", {"id": "truong-thpt"})
    assert pkg["id"] != remote_pkg["id"]  # ids are ours, derived from source and guid
    assert pkg["organization"]["name"] == "harvested"  # the source's organization
    assert pkg["title"] == remote_pkg["title"] and pkg["notes"] == remote_pkg["notes"]
    assert pkg["license_id"] == "cc-by"
    assert {t["name"] for t in pkg["tags"]} == {"bắc giang", "chủ đề 4"}
    assert pkg["groups"] == []  # remote groups are dropped without remote_groups
    extras = {e["key"]: e["value"] for e in pkg["extras"]}
    source = local.call("harvest_source_show", {"id": "ckan-source"})
    assert extras["harvest_source_id"] == source["id"]
    assert extras["harvest_source_title"] == source["title"]
    assert extras["harvest_guid"] == remote_pkg["id"]
    assert extras["harvest_url"] == f"{remote.base_url}/dataset/truong-thpt"
    assert extras["frequency"] == "yearly" and extras["spatial_text"] == "Bắc Giang"
    obj = local.call("harvest_object_show", {"id": extras["harvest_object_id"]})
    assert obj["package_id"] == pkg["id"] and obj["current"] and obj["report_status"] == "added"
    assert [(r["name"], r["url"], r["format"]) for r in pkg["resources"]] == [
        (r["name"], r["url"], r["format"]) for r in remote_pkg["resources"]
    ]
    assert pkg["resources"][0]["size"] == remote_pkg["resources"][0]["size"]
    assert source["status"]["total_datasets"] == 7
    stats = local.call("harvest_job_show", {"id": summary.job_id})["stats"]
    assert stats == {"added": 7, "updated": 0, "not modified": 0, "errored": 0, "deleted": 0}


def test_incremental_harvest_after_edits_and_deletions(services, local, remote):
    harvest_ckan_catalog(services, remote.base_url)
    remote.context.call("package_patch", {"id": "ngan-sach-2024", "title": "Ngân sách 2024 (sửa)"})
    remote.context.call("package_delete", {"id": "thu-chi-2023"})
    remote.context.call("package_patch", {"id": "tiem-chung-2024", "private": True})
    remote.context.call("package_create", {"name": "moi-2025", "title": "Mới 2025",
                                           "owner_org": "so-giao-duc"})  # fmt: skip
    summary = run_source(services, build_registry(), "ckan-source")
    assert summary.run_type == "incremental" and summary.status == "Finished"
    # "since the last error-free job minus an hour" re-reads the recent ones: unchanged
    assert summary.counts["created"] == 1 and summary.counts["updated"] == 1
    assert summary.counts["deleted"] == 2  # deleted at the source, and now private there
    assert summary.counts["failed"] == 0
    assert local.call("package_show", {"id": "ngan-sach-2024"})["title"] == "Ngân sách 2024 (sửa)"
    assert _names(local) == (PUBLIC - {"thu-chi-2023", "tiem-chung-2024"}) | {"moi-2025"}
    gone = local.call("package_show", {"id": "thu-chi-2023"})
    assert gone["state"] == "deleted"
    deleted = local.call("harvest_object_list", {"source_id": "ckan-source", "all_fields": True,
                                                 "report_status": "deleted",
                                                 "only_current": False})  # fmt: skip
    assert {o["package_id"] for o in deleted} == {gone["id"], local.call(
        "package_show", {"id": "tiem-chung-2024"})["id"]}  # fmt: skip

    again = run_source(services, build_registry(), "ckan-source")
    assert again.counts["created"] == again.counts["updated"] == again.counts["deleted"] == 0

    remote.context.call("package_patch", {"id": "tiem-chung-2024", "private": False})
    back = run_source(services, build_registry(), "ckan-source")
    assert back.counts["created"] == 1  # public again: undeleted here
    assert local.call("package_show", {"id": "tiem-chung-2024"})["state"] == "active"


def test_rerun_is_idempotent_and_names_do_not_clash(services, local, remote):
    # a local dataset already uses one of the remote names
    local.call("organization_create", {"name": "dia-phuong"})
    local.call("package_create", {"name": "ngan-sach-2024", "owner_org": "dia-phuong"})
    first = harvest_ckan_catalog(services, remote.base_url, config={"force_all": True},
                                 owner_org="dia-phuong")  # fmt: skip
    assert first.counts["created"] == 7
    second = run_source(services, build_registry(), "ckan-source")
    assert second.run_type == "full"  # force_all
    assert second.counts["unchanged"] == 7 and second.counts["created"] == 0
    names = _names(local)
    assert "ngan-sach-2024" in names and len(names) == 8
    renamed = [n for n in names if n.startswith("ngan-sach-2024-")]
    assert len(renamed) == 1  # the harvested copy got a suffix
    assert local.call("package_show", {"id": "ngan-sach-2024"})["extras"] == []

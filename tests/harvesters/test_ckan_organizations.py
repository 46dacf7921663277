"""Organization and group filters (ckanext-harvest's config keys) and the mapping of
remote organizations and groups to local ones."""

from __future__ import annotations

import json

import pytest

from catalog.errors import ValidationFailed
from tests.support.harvest import harvest_ckan_catalog


def _by_org(local) -> dict[str, str]:
    found = local.call("package_search", {"rows": 1000})["results"]
    return {pkg["name"]: pkg["organization"]["name"] for pkg in found}


def test_organizations_filter_include(services, local, remote):
    config = {"organizations_filter_include": ["so-y-te", "so-tai-chinh"]}
    summary = harvest_ckan_catalog(services, remote.base_url, config=config)
    assert summary.counts["created"] == 5
    assert set(_by_org(local)) == {"benh-vien-cong", "tram-y-te-xa", "tiem-chung-2024",
                                   "ngan-sach-2024", "thu-chi-2023"}  # fmt: skip


def test_organizations_filter_exclude_and_groups_filter(services, local, remote):
    config = {"organizations_filter_exclude": ["so-tai-chinh"], "groups_filter_include": ["y-te"]}
    summary = harvest_ckan_catalog(services, remote.base_url, config=config)
    assert set(_by_org(local)) == {"benh-vien-cong", "tram-y-te-xa", "truong-thpt"}
    assert summary.counts["created"] == 3


def test_filtered_out_datasets_are_deleted_when_the_filter_narrows(services, local, remote):
    harvest_ckan_catalog(services, remote.base_url)
    local.call("harvest_source_update", {"id": "ckan-source", "config": json.dumps(
        {"groups_filter_exclude": ["y-te"]})})  # fmt: skip
    summary = harvest_ckan_catalog(services, remote.base_url)
    assert summary.counts["deleted"] == 3
    assert "truong-thpt" not in _by_org(local)


def test_remote_orgs_only_local_maps_by_name_and_falls_back(services, local, remote):
    local.call("organization_create", {"name": "so-y-te", "title": "Sở Y tế (ở đây)"})
    local.call("organization_create", {"name": "tai-chinh-tinh"})
    local.call("organization_create", {"name": "mac-dinh"})
    config = {"remote_orgs": "only_local", "organizations_map": {"so-tai-chinh": "tai-chinh-tinh"}}
    summary = harvest_ckan_catalog(services, remote.base_url, config=config, owner_org="mac-dinh")
    assert summary.counts["created"] == 7
    orgs = _by_org(local)
    assert orgs["benh-vien-cong"] == "so-y-te"
    assert orgs["ngan-sach-2024"] == "tai-chinh-tinh"
    assert orgs["truong-mam-non"] == "mac-dinh"  # no local so-giao-duc: the default
    assert sorted(local.call("organization_list", {})) == ["mac-dinh", "so-y-te", "tai-chinh-tinh"]


def test_remote_orgs_create_and_remote_groups_create(services, local, remote):
    config = {"remote_orgs": "create", "remote_groups": "create"}
    summary = harvest_ckan_catalog(services, remote.base_url, config=config, owner_org=None)
    assert summary.counts["created"] == 7 and summary.counts["failed"] == 0
    orgs = _by_org(local)
    assert orgs["truong-mam-non"] == "so-giao-duc" and orgs["thu-chi-2023"] == "so-tai-chinh"
    made = local.call("organization_show", {"id": "so-giao-duc"})
    assert made["title"] == "Sở Giáo dục và Đào tạo"
    pkg = local.call("package_show", {"id": "truong-thpt"})
    assert sorted(g["name"] for g in pkg["groups"]) == ["giao-duc", "y-te"]
    assert local.call("group_show", {"id": "y-te"})["title"] == "Y tế"


def test_remote_orgs_without_default_organization_fails_only_that_record(services, local, remote):
    local.call("organization_create", {"name": "so-y-te"})
    summary = harvest_ckan_catalog(services, remote.base_url,
                                   config={"remote_orgs": "only_local"},
                                   owner_org=None)  # fmt: skip
    assert summary.counts["created"] == 3 and summary.counts["failed"] == 4
    report = local.call("harvest_job_report", {"id": summary.job_id})
    messages = [e["errors"][0]["message"] for e in report["object_errors"].values()]
    assert all("does not exist here" in m for m in messages) and len(messages) == 4


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"url": "ftp://x"}, "url"),
        ({"source_type": "csw"}, "source_type"),
        ({"frequency": "hourly"}, "frequency"),
        ({"config": "{not json"}, "config"),
        (
            {
                "config": {
                    "organizations_filter_include": ["a"],
                    "organizations_filter_exclude": ["b"],
                }
            },
            "config",
        ),  # fmt: skip
        ({"config": {"remote_orgs": "sometimes"}}, "config"),
        ({"owner_org": None}, "owner_org"),
        ({"owner_org": "no-such-org"}, "owner_org"),
    ],
)
def test_source_validation(local, fields, field):
    local.call("organization_create", {"name": "org"})
    data = {"name": "src", "url": "https://data.example.vn", "source_type": "ckan",
            "owner_org": "org", **fields}  # fmt: skip
    with pytest.raises(ValidationFailed) as caught:
        local.call("harvest_source_create", data)
    assert field in caught.value.errors

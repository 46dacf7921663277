"""The loaded catalog through real CKAN clients, over a real uvicorn on loopback.

* the `ckanapi` library (`RemoteCKAN`: POST JSON to `/api/action/<name>`, or GET),
* the `ckanapi` command (`dump`, `action`, `search`), run as a subprocess,
* resource downloads at the URLs the package dicts give.

Reference: CKAN 2.11 (ckan/logic/action/get.py, ckan/lib/dictization/model_dictize.py,
ckan/logic/schema.py) and ckanapi 4.11 (ckanapi/common.py, ckanapi/cli/*.py); see
shared/ckan-api.md sections 2, 3 and 6.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import ckanapi
import httpx
import pytest

from catalog.services.search.folding import fold

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
NAIVE_ISO = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?$")
NAME = re.compile(r"^[a-z0-9_-]{2,100}$")
OPT_STR = (str, type(None))

# CKAN 2.11 package dict (default_show_package_schema over package_dictize): key -> JSON type.
PACKAGE_KEYS: dict[str, Any] = {
    "id": str,
    "name": str,
    "title": str,
    "author": OPT_STR,
    "author_email": OPT_STR,
    "maintainer": OPT_STR,
    "maintainer_email": OPT_STR,
    "license_id": OPT_STR,
    "notes": OPT_STR,
    "url": OPT_STR,
    "version": OPT_STR,
    "state": str,
    "type": str,
    "private": bool,
    "metadata_created": str,
    "metadata_modified": str,
    "creator_user_id": OPT_STR,
    "owner_org": OPT_STR,
    "organization": (dict, type(None)),
    "groups": list,
    "tags": list,
    "extras": list,
    "resources": list,
    "num_resources": int,
    "num_tags": int,
    "relationships_as_object": list,
    "relationships_as_subject": list,
    "isopen": bool,
}
RESOURCE_KEYS: dict[str, Any] = {
    "id": str,
    "package_id": str,
    "url": str,
    "name": OPT_STR,
    "description": OPT_STR,
    "format": str,  # udata requires a string
    "mimetype": OPT_STR,
    "mimetype_inner": OPT_STR,
    "size": (int, type(None)),
    "hash": OPT_STR,
    "created": str,
    "last_modified": OPT_STR,
    "metadata_modified": str,
    "position": int,
    "resource_type": OPT_STR,
    "url_type": OPT_STR,
    "cache_url": OPT_STR,
    "cache_last_updated": OPT_STR,
    "state": str,
}
TAG_KEYS = {"id", "name", "display_name", "state", "vocabulary_id"}
GROUP_IN_PACKAGE_KEYS = {"id", "name", "title", "description", "display_name", "image_display_url"}
ORG_IN_PACKAGE_KEYS = {
    "id", "name", "title", "type", "description", "image_url", "created", "is_organization",
    "approval_status", "state",
}  # fmt: skip
LICENSE_KEYS = {
    "id", "title", "url", "status", "maintainer", "family", "domain_content", "domain_data",
    "domain_software", "is_generic", "od_conformance", "osd_conformance",
}  # fmt: skip
GROUP_SHOW_KEYS = {
    "id", "name", "title", "description", "type", "is_organization", "approval_status", "state",
    "created", "image_url", "image_display_url", "display_name", "package_count",
}  # fmt: skip
FACET_FIELDS = ["organization", "groups", "tags", "res_format", "license_id"]


# --------------------------------------------------------------------------------------
# Fixtures and helpers


@pytest.fixture(scope="module")
def ckan(live_catalog: str) -> Iterator[ckanapi.RemoteCKAN]:
    with ckanapi.RemoteCKAN(live_catalog, user_agent="bacgiang-tests/1.0") as remote:
        yield remote


@pytest.fixture(scope="module")
def licenses(ckan: ckanapi.RemoteCKAN) -> dict[str, dict[str, str]]:
    return {lic["id"]: lic for lic in ckan.action.license_list()}


def _org_name(package: dict[str, Any]) -> str | None:
    return (package.get("organization") or {}).get("name")


def _expected_facets(packages: list[dict[str, Any]]) -> dict[str, Counter[str]]:
    counts: dict[str, Counter[str]] = {field: Counter() for field in FACET_FIELDS}
    for pkg in packages:
        if _org_name(pkg):
            counts["organization"][_org_name(pkg)] += 1
        counts["groups"].update({g["name"] for g in pkg["groups"]})
        counts["tags"].update({t["name"] for t in pkg["tags"]})
        counts["res_format"].update({r["format"] for r in pkg["resources"] if r["format"]})
        if pkg["license_id"]:
            counts["license_id"][pkg["license_id"]] += 1
    return counts


def _folded_text(package: dict[str, Any]) -> str:
    return fold(json.dumps(package, ensure_ascii=False)).lower()


def _ckanapi_executable() -> str:
    beside = Path(sys.executable).with_name("ckanapi")
    found = str(beside) if beside.exists() else shutil.which("ckanapi")
    if not found:
        pytest.skip("the ckanapi command is not installed")
    return found


def run_ckanapi(*args: str, timeout: float = 120) -> str:
    """Run the ckanapi command; its dump workers are `ckanapi` too, found on PATH."""
    executable = _ckanapi_executable()
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(Path(executable).parent), env.get("PATH", "")])
    done = subprocess.run(
        [executable, *args], capture_output=True, env=env, timeout=timeout, check=False
    )
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    return done.stdout.decode()


def _jsonl(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


# --------------------------------------------------------------------------------------
# The library: package_list, package_show


def test_package_list_returns_all_names_sorted(
    ckan: ckanapi.RemoteCKAN, live_packages: dict[str, dict[str, Any]]
) -> None:
    names = ckan.action.package_list()
    assert len(names) == 94
    assert names == sorted(names)
    assert len(set(names)) == 94
    assert all(isinstance(name, str) and NAME.match(name) for name in names)
    assert names == list(live_packages)  # the same over POST (ckanapi) and GET (httpx)
    assert ckan.action.package_list(limit=10, offset=5) == names[5:15]
    # ckanapi's dump passes these; CKAN ignores them
    assert ckan.action.package_list(include_private=False, include_drafts=False) == names


def test_package_show_by_name_and_by_id_agree(
    ckan: ckanapi.RemoteCKAN, live_packages: dict[str, dict[str, Any]]
) -> None:
    for name in list(live_packages)[::9]:
        by_name = ckan.action.package_show(id=name)
        by_id = ckan.action.package_show(id=by_name["id"])
        assert by_name == by_id == live_packages[name]
        assert by_name["name"] == name
        assert ckan.action.package_show(name_or_id=name) == by_name
        # keys ckanapi's dump sends to every *_show are ignored
        assert (
            ckan.call_action(
                "package_show",
                {"id": name, "include_datasets": False, "include_password_hash": True},
            )
            == by_name
        )


def test_package_dicts_have_ckan_keys_and_types(
    live_packages: dict[str, dict[str, Any]], licenses: dict[str, dict[str, str]]
) -> None:
    resource_ids: set[str] = set()
    for name, pkg in live_packages.items():
        for key, kind in PACKAGE_KEYS.items():
            assert key in pkg, (name, key)
            assert isinstance(pkg[key], kind), (name, key, pkg[key])
        assert UUID.match(pkg["id"]), pkg["id"]
        assert pkg["type"] == "dataset" and pkg["state"] == "active" and pkg["private"] is False
        assert NAIVE_ISO.match(pkg["metadata_created"]) and NAIVE_ISO.match(
            pkg["metadata_modified"]
        )
        assert pkg["metadata_created"] <= pkg["metadata_modified"]
        lic = licenses.get(pkg["license_id"] or "")
        if pkg["license_id"] is not None:
            assert pkg["license_title"] == (lic["title"] if lic else pkg["license_id"])
        if lic and lic["url"]:
            assert pkg["license_url"] == lic["url"]
        else:
            assert "license_url" not in pkg
        assert pkg["isopen"] == bool(
            lic and "approved" in (lic["od_conformance"], lic["osd_conformance"])
        )
        org = pkg["organization"]
        assert org is not None, name  # every category has a publisher
        assert set(org) >= ORG_IN_PACKAGE_KEYS
        assert org["id"] == pkg["owner_org"] and UUID.match(org["id"])
        assert org["is_organization"] is True and org["type"] == "organization"
        assert org["approval_status"] == "approved" and org["state"] == "active"
        for group in pkg["groups"]:
            assert set(group) == GROUP_IN_PACKAGE_KEYS, group
            assert UUID.match(group["id"]) and NAME.match(group["name"])
        assert [t["name"] for t in pkg["tags"]] == sorted(t["name"] for t in pkg["tags"])
        for tag in pkg["tags"]:
            assert set(tag) == TAG_KEYS, tag
            assert tag["display_name"] == tag["name"] and tag["vocabulary_id"] is None
            assert UUID.match(tag["id"]) and tag["state"] == "active"
        assert pkg["num_tags"] == len(pkg["tags"])
        for extra in pkg["extras"]:
            assert set(extra) == {"key", "value"} and isinstance(extra["value"], str)
            assert extra["key"] not in PACKAGE_KEYS
        keys = [extra["key"] for extra in pkg["extras"]]
        assert keys == sorted(set(keys))
        assert pkg["num_resources"] == len(pkg["resources"]) > 0
        for position, res in enumerate(pkg["resources"]):
            for key, kind in RESOURCE_KEYS.items():
                assert key in res, (name, key)
                assert isinstance(res[key], kind), (name, key, res[key])
            assert not isinstance(res["size"], bool)
            assert res["position"] == position
            assert res["package_id"] == pkg["id"] and UUID.match(res["id"])
            assert res["state"] == "active"
            assert NAIVE_ISO.match(res["created"]) and NAIVE_ISO.match(res["metadata_modified"])
            assert res["id"] not in resource_ids, "resource ids must be unique site-wide"
            resource_ids.add(res["id"])


# --------------------------------------------------------------------------------------
# The library: package_search


def test_search_results_are_the_package_show_dicts(
    ckan: ckanapi.RemoteCKAN, live_packages: dict[str, dict[str, Any]]
) -> None:
    default = ckan.action.package_search()
    assert default["count"] == 94 and len(default["results"]) == 10  # rows defaults to 10
    assert default["sort"] == "score desc, metadata_modified desc"
    assert default["facets"] == {} and default["search_facets"] == {}
    everything = ckan.action.package_search(rows=1000)
    assert everything["count"] == 94
    assert {pkg["name"] for pkg in everything["results"]} == set(live_packages)
    for pkg in everything["results"]:
        assert pkg == live_packages[pkg["name"]]
    modified = [pkg["metadata_modified"] for pkg in everything["results"]]
    assert modified == sorted(modified, reverse=True)  # q=*:* -> metadata_modified desc


def test_search_rows_are_clamped_not_rejected(ckan: ckanapi.RemoteCKAN) -> None:
    result = ckan.action.package_search(rows=5000, start=90)
    assert result["count"] == 94 and len(result["results"]) == 4


def test_search_q_without_diacritics_finds_education(
    ckan: ckanapi.RemoteCKAN, live_packages: dict[str, dict[str, Any]]
) -> None:
    result = ckan.action.package_search(q="giao duc", rows=1000)
    names = {pkg["name"] for pkg in result["results"]}
    in_theme = {
        name
        for name, pkg in live_packages.items()
        if "giao-duc" in {group["name"] for group in pkg["groups"]}
    }
    assert in_theme, "the catalog has an education theme"
    assert in_theme <= names
    assert result["count"] == len(names) < 94
    for pkg in result["results"]:
        text = _folded_text(pkg)
        assert "giao" in text and "duc" in text, pkg["name"]
    with_marks = ckan.action.package_search(q="Giáo dục", rows=1000)
    assert {pkg["name"] for pkg in with_marks["results"]} == names


def test_search_fq_filters_by_organization_group_and_tag(
    ckan: ckanapi.RemoteCKAN, live_packages: dict[str, dict[str, Any]]
) -> None:
    by_org = Counter(_org_name(pkg) for pkg in live_packages.values())
    assert len(by_org) > 1
    for org, count in by_org.items():
        result = ckan.action.package_search(fq=f"organization:{org}", rows=1000)
        assert result["count"] == count
        assert {_org_name(pkg) for pkg in result["results"]} == {org}
    package = next(iter(live_packages.values()))
    group = package["groups"][0]["name"]
    tag = package["tags"][0]["name"]
    expected = {
        name
        for name, pkg in live_packages.items()
        if group in {g["name"] for g in pkg["groups"]} and tag in {t["name"] for t in pkg["tags"]}
    }
    result = ckan.action.package_search(fq=f'groups:{group} tags:"{tag}"', rows=1000)
    assert {pkg["name"] for pkg in result["results"]} == expected
    negated = ckan.action.package_search(fq=f"-groups:{group}", rows=1000)
    assert negated["count"] == 94 - sum(
        group in {g["name"] for g in pkg["groups"]} for pkg in live_packages.values()
    )


def test_search_pages_with_rows_and_start(
    ckan: ckanapi.RemoteCKAN, live_packages: dict[str, dict[str, Any]]
) -> None:
    names: list[str] = []
    for start in range(0, 100, 10):
        page = ckan.action.package_search(rows=10, start=start, sort="name asc")
        assert page["count"] == 94
        names.extend(pkg["name"] for pkg in page["results"])
    assert names == list(live_packages)
    past_the_end = ckan.action.package_search(rows=10, start=500)
    assert past_the_end["count"] == 94 and past_the_end["results"] == []


def test_search_sort_orders(
    ckan: ckanapi.RemoteCKAN, live_packages: dict[str, dict[str, Any]]
) -> None:
    result = ckan.action.package_search(rows=1000, sort="name desc")
    assert [pkg["name"] for pkg in result["results"]] == list(reversed(live_packages))
    assert result["sort"] == "name desc"
    result = ckan.action.package_search(rows=1000, sort="metadata_modified asc, name asc")
    keys = [(pkg["metadata_modified"], pkg["name"]) for pkg in result["results"]]
    assert keys == sorted(keys)
    result = ckan.action.package_search(rows=1000, sort="id asc")
    ids = [pkg["id"] for pkg in result["results"]]
    assert ids == sorted(pkg["id"] for pkg in live_packages.values())
    result = ckan.action.package_search(rows=1000, sort="title_string asc")
    assert len(result["results"]) == 94


def test_search_facets(ckan: ckanapi.RemoteCKAN, live_packages: dict[str, dict[str, Any]]) -> None:
    packages = list(live_packages.values())
    expected = _expected_facets(packages)
    result = ckan.action.package_search(rows=0, **{"facet.field": FACET_FIELDS, "facet.limit": -1})
    assert result["count"] == 94 and result["results"] == []
    assert set(result["facets"]) == set(FACET_FIELDS) == set(result["search_facets"])
    titles = {pkg["organization"]["name"]: pkg["organization"]["title"] for pkg in packages}
    titles.update({g["name"]: g["display_name"] for pkg in packages for g in pkg["groups"]})
    license_titles = {pkg["license_id"]: pkg["license_title"] for pkg in packages}
    for field in FACET_FIELDS:
        assert result["facets"][field] == dict(expected[field]), field
        block = result["search_facets"][field]
        assert block["title"] == field
        items = block["items"]
        assert {item["name"]: item["count"] for item in items} == dict(expected[field])
        displays = [item["display_name"] for item in items]
        assert displays == sorted(displays, reverse=True), field  # CKAN: display_name desc
        for item in items:
            if field in ("organization", "groups"):
                assert item["display_name"] == titles[item["name"]]
            elif field == "license_id":
                assert item["display_name"] == license_titles[item["name"]]
            else:
                assert item["display_name"] == item["name"]
    # defaults: facet.limit 50 (the highest counts), facet.mincount 1
    limited = ckan.action.package_search(rows=0, **{"facet.field": ["tags"]})
    tags = limited["facets"]["tags"]
    assert len(tags) == min(50, len(expected["tags"]))
    top = sorted(expected["tags"].values(), reverse=True)[: len(tags)]
    assert sorted(tags.values(), reverse=True) == top
    filtered = ckan.action.package_search(
        fq=f"organization:{packages[0]['organization']['name']}",
        rows=0,
        **{"facet.field": ["organization"]},
    )
    assert filtered["facets"]["organization"] == {
        packages[0]["organization"]["name"]: filtered["count"]
    }


def test_get_only_client_sees_the_same_search(live_catalog: str, ckan: ckanapi.RemoteCKAN) -> None:
    data = {
        "q": "giao duc",
        "fq": "res_format:CSV",
        "rows": 5,
        "sort": "name asc",
        "facet.field": ["organization", "groups"],
    }
    posted = ckan.call_action("package_search", dict(data))
    with ckanapi.RemoteCKAN(live_catalog, get_only=True, user_agent="tests") as remote:
        got = remote.call_action("package_search", dict(data), requests_kwargs={"timeout": 30})
        assert got == posted
        assert got["count"] > 0 and len(got["results"]) == min(5, got["count"])
        name = posted["results"][0]["name"]
        assert remote.action.package_show(id=name) == ckan.action.package_show(id=name)


# --------------------------------------------------------------------------------------
# The library: organizations, groups, licenses, status, tags, resources


@pytest.mark.parametrize("kind", ["organization", "group"])
def test_organization_and_group_show(
    ckan: ckanapi.RemoteCKAN, live_packages: dict[str, dict[str, Any]], kind: str
) -> None:
    counts: Counter[str] = Counter()
    for pkg in live_packages.values():
        if kind == "organization":
            counts[_org_name(pkg)] += 1
        else:
            counts.update(g["name"] for g in pkg["groups"])
    names = ckan.call_action(f"{kind}_list")
    assert names and set(counts) <= set(names)
    titles = []
    for name in names:
        shown = ckan.call_action(f"{kind}_show", {"id": name})
        assert set(shown) >= GROUP_SHOW_KEYS, set(GROUP_SHOW_KEYS) - set(shown)
        assert "tags" not in shown and "packages" not in shown
        assert shown["name"] == name and UUID.match(shown["id"])
        assert shown["type"] == kind and shown["is_organization"] is (kind == "organization")
        assert shown["package_count"] == counts[name]
        assert shown["display_name"] == (shown["title"] or shown["name"])
        assert NAIVE_ISO.match(shown["created"])
        assert isinstance(shown.get("users", []), list)
        assert isinstance(shown.get("extras", []), list)
        assert ckan.call_action(f"{kind}_show", {"id": shown["id"]}) == shown
        titles.append(shown["title"])
    assert titles == sorted(titles)  # *_list sorts by title by default
    busiest = counts.most_common(1)[0][0]
    with_datasets = ckan.call_action(f"{kind}_show", {"id": busiest, "include_datasets": True})
    assert 0 < len(with_datasets["packages"]) == min(10, counts[busiest])
    for pkg in with_datasets["packages"]:
        assert pkg == live_packages[pkg["name"]]
    other = "group" if kind == "organization" else "organization"
    with pytest.raises(ckanapi.NotFound):  # asking for the wrong kind
        ckan.call_action(f"{other}_show", {"id": busiest})


def test_organization_list_all_fields(
    ckan: ckanapi.RemoteCKAN, live_packages: dict[str, dict[str, Any]]
) -> None:
    names = ckan.action.organization_list()
    dicts = ckan.action.organization_list(all_fields=True)
    assert len(dicts) == min(25, len(names))  # ckan.group_and_organization_list_all_fields_max
    assert [org["name"] for org in dicts] == names[: len(dicts)]
    counts = Counter(_org_name(pkg) for pkg in live_packages.values())
    for org in dicts:
        assert org["is_organization"] is True and UUID.match(org["id"])
        assert org["package_count"] == counts[org["name"]]
        # CKAN builds each dict with organization_show, include_* false unless given
        assert org == ckan.action.organization_show(
            id=org["id"],
            include_extras=False,
            include_tags=False,
            include_users=False,
            include_groups=False,
            include_followers=False,
        )
    by_count = ckan.action.organization_list(sort="package_count")
    assert [counts[name] for name in by_count] == sorted(counts[n] for n in names)[::-1]


def test_license_list(ckan: ckanapi.RemoteCKAN, live_packages: dict[str, dict[str, Any]]) -> None:
    licenses = ckan.action.license_list()
    ids = [lic["id"] for lic in licenses]
    assert len(ids) == len(set(ids))
    for lic in licenses:
        assert set(lic) == LICENSE_KEYS
        assert all(isinstance(value, str) for value in lic.values()), lic
    assert {"cc-by", "cc-zero", "odc-odbl", "notspecified", "other-open"} <= set(ids)
    used = {pkg["license_id"] for pkg in live_packages.values()}
    assert used <= set(ids)


def test_status_show(live_catalog: str, ckan: ckanapi.RemoteCKAN) -> None:
    status = ckan.action.status_show()
    assert status["ckan_version"].startswith("2.11.")
    assert status["site_url"] == live_catalog
    assert isinstance(status["site_title"], str) and status["site_title"]
    assert isinstance(status["extensions"], list)
    assert isinstance(status["locale_default"], str)


def test_tag_list(ckan: ckanapi.RemoteCKAN, live_packages: dict[str, dict[str, Any]]) -> None:
    used = sorted({tag["name"] for pkg in live_packages.values() for tag in pkg["tags"]})
    assert ckan.action.tag_list() == used
    word = used[0][:3]
    assert ckan.action.tag_list(query=word) == [t for t in used if word.lower() in t.lower()]
    detailed = ckan.action.tag_list(all_fields=True)
    assert [tag["name"] for tag in detailed] == used


def test_resource_show(ckan: ckanapi.RemoteCKAN, live_packages: dict[str, dict[str, Any]]) -> None:
    for pkg in list(live_packages.values())[::7]:
        for res in pkg["resources"]:
            assert ckan.action.resource_show(id=res["id"]) == res
    with pytest.raises(ckanapi.NotFound):
        ckan.action.resource_show(id=str(uuid.uuid4()))
    with pytest.raises(ckanapi.ValidationError):
        ckan.action.resource_show()


def test_errors_become_ckanapi_exceptions(ckan: ckanapi.RemoteCKAN) -> None:
    with pytest.raises(ckanapi.NotFound):
        ckan.action.package_show(id="khong-co-bo-du-lieu-nay")
    with pytest.raises(ckanapi.NotFound):
        ckan.action.package_show(id=str(uuid.uuid4()))
    with pytest.raises(ckanapi.ValidationError) as missing:
        ckan.action.package_show()
    assert missing.value.error_dict == {
        "__type": "Validation Error",
        "name_or_id": ["Missing value"],
    }
    with pytest.raises(ckanapi.SearchQueryError) as unknown:
        ckan.action.package_search(q="*:*", limit=5, offset=0)
    assert "limit" in str(unknown.value) and "offset" in str(unknown.value)
    with pytest.raises(ckanapi.SearchQueryError):
        ckan.action.package_search(sort="name sideways")
    with pytest.raises(ckanapi.SearchError):
        ckan.action.package_search(fq="metadata_modified:[yesterday TO *]")
    with pytest.raises(ckanapi.ValidationError) as facet:
        ckan.call_action("package_search", {"facet.field": "tags"}, requests_kwargs={})
    assert facet.value.error_dict["facet.field"] == ["Could not parse as valid JSON"]
    with pytest.raises(ckanapi.NotFound):
        ckan.action.organization_show(id="khong-co-to-chuc-nay")
    with pytest.raises(ckanapi.CKANAPIError) as unknown_action:
        ckan.call_action("package_frobnicate", {})
    assert type(unknown_action.value) is ckanapi.CKANAPIError
    assert "Action name not known: package_frobnicate" in str(unknown_action.value)


# --------------------------------------------------------------------------------------
# The ckanapi command


def test_cli_dump_datasets_all(
    live_catalog: str, live_packages: dict[str, dict[str, Any]], tmp_path: Path
) -> None:
    output = tmp_path / "datasets.jsonl"
    run_ckanapi("dump", "datasets", "--all", "-q", "-p", "3", "-O", str(output), "-r", live_catalog)
    lines = output.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 94
    records = [json.loads(line) for line in lines]
    assert [record["name"] for record in records] == list(live_packages)
    assert [record["id"] for record in records] == [p["id"] for p in live_packages.values()]
    for record in records:
        assert record == live_packages[record["name"]]


@pytest.mark.parametrize("thing, kind", [("organizations", "organization"), ("groups", "group")])
def test_cli_dump_organizations_and_groups(
    live_catalog: str, ckan: ckanapi.RemoteCKAN, thing: str, kind: str
) -> None:
    records = _jsonl(run_ckanapi("dump", thing, "--all", "-q", "-r", live_catalog))
    names = ckan.call_action(f"{kind}_list")
    assert [record["name"] for record in records] == names
    for record in records:
        assert record == ckan.call_action(
            f"{kind}_show",
            {"id": record["name"], "include_datasets": False, "include_users": False},
        )
        assert "packages" not in record


def test_cli_action_package_search(live_catalog: str, ckan: ckanapi.RemoteCKAN) -> None:
    output = run_ckanapi(
        "action", "package_search", "q=giao duc", "rows:1000", "-j", "-r", live_catalog
    )
    result = json.loads(output)
    expected = ckan.action.package_search(q="giao duc", rows=1000)
    assert result == expected
    assert result["count"] > 0
    got = run_ckanapi(
        "action", "package_show", f"id={expected['results'][0]['name']}", "-g", "-j",
        "-r", live_catalog,
    )  # fmt: skip
    assert json.loads(got) == expected["results"][0]


def test_cli_search_datasets(
    live_catalog: str, ckan: ckanapi.RemoteCKAN, live_packages: dict[str, dict[str, Any]]
) -> None:
    everything = _jsonl(run_ckanapi("search", "datasets", "-r", live_catalog))
    assert len(everything) == 94
    assert {record["name"] for record in everything} == set(live_packages)
    for record in everything:
        assert record == live_packages[record["name"]]
    found = _jsonl(run_ckanapi("search", "datasets", "q=giao duc", "-r", live_catalog))
    expected = ckan.action.package_search(q="giao duc", rows=1000)
    assert sorted(record["name"] for record in found) == sorted(
        pkg["name"] for pkg in expected["results"]
    )
    org = next(iter(live_packages.values()))["organization"]["name"]
    in_org = _jsonl(
        run_ckanapi("search", "datasets", f"fq=organization:{org}", "-g", "-r", live_catalog)
    )
    assert {record["name"] for record in in_org} == {
        name for name, pkg in live_packages.items() if _org_name(pkg) == org
    }


# --------------------------------------------------------------------------------------
# Downloads


def _download_sample(packages: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """The first dataset of every organization, plus every fifteenth dataset."""
    chosen: dict[str, dict[str, Any]] = {}
    seen_orgs: set[str | None] = set()
    for index, (name, pkg) in enumerate(packages.items()):
        if _org_name(pkg) not in seen_orgs or index % 15 == 0:
            chosen[name] = pkg
            seen_orgs.add(_org_name(pkg))
    return list(chosen.values())


def test_resource_downloads_match_size_hash_and_mimetype(
    live_catalog: str, live_http: httpx.Client, live_packages: dict[str, dict[str, Any]]
) -> None:
    sample = _download_sample(live_packages)
    orgs = {_org_name(pkg) for pkg in live_packages.values()}
    assert {_org_name(pkg) for pkg in sample} == orgs
    downloaded = 0
    for pkg in sample:
        for res in pkg["resources"]:
            prefix = f"{live_catalog}/dataset/{pkg['id']}/resource/{res['id']}/download/"
            assert res["url"].startswith(prefix), res["url"]
            assert res["url_type"] == "upload"
            response = httpx.get(res["url"], timeout=30)
            assert response.status_code == 200, res["url"]
            body = response.content
            assert isinstance(res["size"], int) and len(body) == res["size"], res["url"]
            assert hashlib.sha256(body).hexdigest() == res["hash"], res["url"]
            media_type = response.headers["content-type"].split(";")[0].strip()
            assert media_type == res["mimetype"], (res["url"], media_type)
            if res["format"] == "CSV":
                assert media_type == "text/csv"
            assert int(response.headers["content-length"]) == res["size"]
            downloaded += 1
    assert downloaded >= len(orgs)
    # CKAN also accepts the dataset's name in the download URL
    pkg = sample[0]
    res = pkg["resources"][0]
    by_name = live_http.get(
        f"/dataset/{pkg['name']}/resource/{res['id']}/download/{res['url'].rsplit('/', 1)[-1]}"
    )
    assert by_name.status_code == 200 and len(by_name.content) == res["size"]


def test_unknown_resource_download_is_404(
    live_http: httpx.Client, live_packages: dict[str, dict[str, Any]]
) -> None:
    packages = list(live_packages.values())
    pkg, other = packages[0], packages[1]
    missing = live_http.get(f"/dataset/{pkg['id']}/resource/{uuid.uuid4()}/download/data.csv")
    assert missing.status_code == 404
    res = other["resources"][0]
    no_dataset = live_http.get(f"/dataset/{uuid.uuid4()}/resource/{res['id']}/download/x.csv")
    assert no_dataset.status_code == 404
    assert live_http.get(f"/dataset/{pkg['id']}/resource/not-a-uuid/download").status_code == 404


def test_download_headers_are_those_of_ckan(live_packages: dict[str, dict[str, Any]]) -> None:
    res = next(iter(live_packages.values()))["resources"][0]
    filename = res["url"].rsplit("/", 1)[-1]
    whole = httpx.get(res["url"], timeout=30)
    assert whole.status_code == 200
    assert whole.headers.get("content-disposition") == f"inline; filename={filename}"
    assert "etag" in whole.headers and "last-modified" in whole.headers
    part = httpx.get(res["url"], headers={"Range": "bytes=0-9"}, timeout=30)
    assert part.status_code == 206 and part.content == whole.content[:10]

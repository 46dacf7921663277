"""Replay ckanext-harvest's CKAN harvester against the live catalog, request for request.

What the harvester (ckan/ckanext-harvest, ckanext/harvest/harvesters/ckanharvester.py,
master 1a9a987) sends, and how it reads the answers (see shared/ckan-api.md section 7):

* gather: `GET <source>/api/3/action/package_search?<urlencode(rows, start, sort, fq)>` with
  rows "100", start "0", sort "id asc", and `fq` only when there are filter terms; the
  response text is compared with the previous page's (identical -> "paging doesn't seem to
  work"), `result.results` is read, ids already seen are dropped, an empty page ends the
  loop, otherwise start += rows. Status codes are ignored.
* filters: `organization:a OR organization:b` for organizations_filter_include, one
  `-organization:x` term per organizations_filter_exclude entry, the same with `groups:`;
  all terms joined with a space.
* incremental: the filter terms plus `metadata_modified:[<gather_started - 1h>.isoformat()Z
  TO *]`; an empty result means "nothing to do".
* import with remote_orgs/remote_groups "create": `GET .../organization_show?id=<owner_org>`
  and `GET .../group_show?id=<group id>` (ids concatenated, not encoded); `result` minus
  packages, created, users, groups, tags, extras, display_name (and type for organizations)
  goes to the consumer's organization_create / group_create.

The requests are sent with httpx: no special headers, or an `Authorization` header with a
token the catalog does not know (CKAN treats it as anonymous; public reads keep working).
"""

from __future__ import annotations

import json
import re
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest

from catalog.actions import build_registry
from catalog.content.loader import site_context
from catalog.services.runtime import Services
from tests.support.databases import fresh_services

SEARCH_PATH = "/api/3/action/package_search"
NAIVE_ISO = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?$")
NAME = re.compile(r"^[a-z0-9_-]{2,100}$")
BOGUS_TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJqdGkiOiJzdGFsZSJ9.c3RhbGUtdG9rZW4"
AUTH_VARIANTS = {"anonymous": {}, "stale-token": {"Authorization": BOGUS_TOKEN}}
ORG_DROPPED = ("packages", "created", "users", "groups", "tags", "extras", "display_name", "type")
GROUP_DROPPED = ORG_DROPPED[:-1]
MAX_PAGES = 60


@dataclass
class Gathered:
    """What one gather stage saw: the URLs it asked, the raw pages, the kept datasets."""

    urls: list[str] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)
    counts: list[int] = field(default_factory=list)
    datasets: list[dict[str, Any]] = field(default_factory=list)
    duplicates: int = 0

    @property
    def ids(self) -> list[str]:
        return [pkg["id"] for pkg in self.datasets]

    @property
    def names(self) -> set[str]:
        return {pkg["name"] for pkg in self.datasets}


def filter_terms(
    *,
    orgs_include: tuple[str, ...] = (),
    orgs_exclude: tuple[str, ...] = (),
    groups_include: tuple[str, ...] = (),
    groups_exclude: tuple[str, ...] = (),
) -> list[str]:
    """The harvester's fq terms for its four filter settings (include wins over exclude)."""
    terms: list[str] = []
    for field_name, include, exclude in (
        ("organization", orgs_include, orgs_exclude),
        ("groups", groups_include, groups_exclude),
    ):
        if include:
            terms.append(" OR ".join(f"{field_name}:{value}" for value in include))
        else:
            terms.extend(f"-{field_name}:{value}" for value in exclude)
    return terms


def since_term(gather_started: datetime) -> str:
    """The incremental term: previous job's gather_started (naive UTC) minus one hour."""
    since = (gather_started - timedelta(hours=1)).isoformat()
    return f"metadata_modified:[{since}Z TO *]"


def gather(
    base_url: str,
    terms: list[str] | None = None,
    *,
    headers: dict[str, str] | None = None,
    rows: str = "100",
) -> Gathered:
    """The gather stage's search loop, with the harvester's paging and duplicate rules."""
    params = {"rows": rows, "start": "0", "sort": "id asc"}
    if terms:
        params["fq"] = " ".join(terms)
    seen: set[str] = set()
    gathered = Gathered()
    with httpx.Client(headers=headers or {}, timeout=30) as client:
        while True:
            assert len(gathered.pages) < MAX_PAGES, "the harvester would page for ever"
            url = f"{base_url}{SEARCH_PATH}?{urlencode(params)}"
            text = client.get(url).text
            assert not gathered.pages or text != gathered.pages[-1], (
                f"The paging doesn't seem to work. URL: {url}"
            )
            gathered.urls.append(url)
            gathered.pages.append(text)
            reply = json.loads(text)
            assert reply.get("success") is True, reply
            gathered.counts.append(reply["result"]["count"])
            page = reply.get("result", {}).get("results", [])
            page_ids = {pkg["id"] for pkg in page}
            repeated = page_ids & seen
            gathered.duplicates += len(repeated)
            page = [pkg for pkg in page if pkg["id"] not in repeated]
            seen |= page_ids
            gathered.datasets.extend(page)
            if not page:
                return gathered
            params["start"] = str(int(params["start"]) + int(params["rows"]))


def _parse(stamp: str) -> datetime:
    return datetime.fromisoformat(stamp)


def _with_microseconds(moment: datetime) -> datetime:
    """A time whose isoformat() has the 6-digit fraction the harvester usually sends."""
    return moment if moment.microsecond else moment.replace(microsecond=123456)


def _assert_complete_harvest(
    gathered: Gathered, live_packages: dict[str, dict[str, Any]], expected: set[str]
) -> None:
    assert gathered.duplicates == 0
    assert len(gathered.ids) == len(set(gathered.ids)) == len(expected)
    assert gathered.names == expected
    assert gathered.ids == sorted(gathered.ids)  # sort=id asc across pages
    assert set(gathered.counts) == {len(expected)}
    for pkg in gathered.datasets:
        assert pkg == live_packages[pkg["name"]]  # full package_show dicts (G1)


def _orgs_by_size(live_packages: dict[str, dict[str, Any]]) -> list[str]:
    counts = Counter(pkg["organization"]["name"] for pkg in live_packages.values())
    return [name for name, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]


def _groups_of(pkg: dict[str, Any]) -> set[str]:
    return {group["name"] for group in pkg["groups"]}


def _names_where(live_packages: dict[str, dict[str, Any]], test: Any) -> set[str]:
    return {name for name, pkg in live_packages.items() if test(pkg)}


# --------------------------------------------------------------------------------------
# Gather: first (full) harvest


@pytest.mark.parametrize("auth", list(AUTH_VARIANTS))
def test_first_harvest_gathers_every_public_dataset_once(
    live_catalog: str, live_packages: dict[str, dict[str, Any]], auth: str
) -> None:
    gathered = gather(live_catalog, headers=AUTH_VARIANTS[auth])
    assert gathered.urls[0] == (
        f"{live_catalog}/api/3/action/package_search?rows=100&start=0&sort=id+asc"
    )
    assert gathered.urls[1].endswith("?rows=100&start=100&sort=id+asc")
    assert len(gathered.pages) == 2  # 94 datasets, then an empty page
    assert json.loads(gathered.pages[-1])["result"]["results"] == []
    _assert_complete_harvest(gathered, live_packages, set(live_packages))
    for pkg in gathered.datasets:
        assert pkg["type"] == "dataset"  # "harvest" would be skipped
        for key in ("resources", "tags", "extras", "groups", "organization", "owner_org"):
            assert key in pkg, key
        assert pkg["organization"]["id"] == pkg["owner_org"]
        assert pkg["resources"] and pkg["tags"] and pkg["groups"]


def test_paging_in_small_pages_is_stable(
    live_catalog: str, live_packages: dict[str, dict[str, Any]]
) -> None:
    gathered = gather(live_catalog, rows="7")
    assert len(gathered.pages) == 94 // 7 + 2  # 13 full pages, one of 3, one empty
    _assert_complete_harvest(gathered, live_packages, set(live_packages))


def test_dataset_ids_and_timestamps_are_what_ckan_consumers_expect(
    live_catalog: str, live_packages: dict[str, dict[str, Any]]
) -> None:
    datasets = gather(live_catalog).datasets
    now = datetime.now(UTC).replace(tzinfo=None)
    for pkg in datasets:
        ids = [pkg["id"], pkg["owner_org"], pkg["organization"]["id"]]
        ids += [res["id"] for res in pkg["resources"]]
        ids += [group["id"] for group in pkg["groups"]]
        ids += [tag["id"] for tag in pkg["tags"]]
        for value in ids:
            assert str(uuid.UUID(value)) == value, value  # canonical lower-case UUIDs (G6)
        assert NAME.match(pkg["name"])
        for stamp in (pkg["metadata_created"], pkg["metadata_modified"]):
            assert NAIVE_ISO.match(stamp), stamp  # naive UTC, no Z, no offset (G5)
            moment = _parse(stamp)
            assert moment.tzinfo is None
            assert now - timedelta(days=1) < moment <= now + timedelta(seconds=1), stamp
        for res in pkg["resources"]:
            assert res["package_id"] == pkg["id"]
            assert isinstance(res["size"], int) and not isinstance(res["size"], bool)
            for key in ("created", "metadata_modified"):
                assert NAIVE_ISO.match(res[key]), res[key]
            assert res["last_modified"] is None or NAIVE_ISO.match(res["last_modified"])
    # the import stage compares metadata_modified as strings: that must order like times
    stamps = [pkg["metadata_modified"] for pkg in datasets]
    assert sorted(stamps) == sorted(stamps, key=_parse)


# --------------------------------------------------------------------------------------
# Gather: incremental harvest


def test_incremental_harvest_since_before_the_load_gets_everything(
    live_catalog: str, live_packages: dict[str, dict[str, Any]]
) -> None:
    oldest = min(_parse(pkg["metadata_modified"]) for pkg in live_packages.values())
    term = since_term(_with_microseconds(oldest - timedelta(minutes=5)))
    assert re.fullmatch(r"metadata_modified:\[\d{4}-\d\d-\d\dT[\d:]{8}\.\d{6}Z TO \*\]", term)
    gathered = gather(live_catalog, [term])
    assert "&fq=metadata_modified%3A%5B" in gathered.urls[0]
    assert gathered.urls[0].endswith("Z+TO+%2A%5D")
    _assert_complete_harvest(gathered, live_packages, set(live_packages))


@pytest.mark.parametrize("auth", list(AUTH_VARIANTS))
def test_incremental_harvest_after_the_last_change_gets_nothing(
    live_catalog: str, auth: str
) -> None:
    started = _with_microseconds(datetime.now(UTC).replace(tzinfo=None) + timedelta(hours=1))
    gathered = gather(live_catalog, [since_term(started)], headers=AUTH_VARIANTS[auth])
    assert len(gathered.pages) == 1
    result = json.loads(gathered.pages[0])["result"]
    assert result["count"] == 0 and result["results"] == []
    assert gathered.datasets == []


def test_incremental_range_is_inclusive_to_the_microsecond(
    live_catalog: str, live_packages: dict[str, dict[str, Any]]
) -> None:
    """`[T TO *]` keeps the datasets modified at or after T, compared in UTC."""
    moments = sorted(_parse(pkg["metadata_modified"]) for pkg in live_packages.values())
    middle = moments[len(moments) // 2]
    for bound in (middle, middle + timedelta(microseconds=1), middle - timedelta(microseconds=1)):
        # since_term subtracts the harvester's hour; add it back to land on `bound`
        gathered = gather(live_catalog, [since_term(bound + timedelta(hours=1))])
        expected = _names_where(
            live_packages, lambda p, b=bound: _parse(p["metadata_modified"]) >= b
        )
        assert 0 < len(expected) < 94
        _assert_complete_harvest(gathered, live_packages, expected)


# --------------------------------------------------------------------------------------
# Gather with the organization and group filters


def test_organizations_filter_include_one(
    live_catalog: str, live_packages: dict[str, dict[str, Any]]
) -> None:
    org = _orgs_by_size(live_packages)[0]
    gathered = gather(live_catalog, filter_terms(orgs_include=(org,)))
    assert gathered.urls[0].endswith(f"&sort=id+asc&fq=organization%3A{org}")
    expected = _names_where(live_packages, lambda p: p["organization"]["name"] == org)
    _assert_complete_harvest(gathered, live_packages, expected)


def test_organizations_filter_include_two_is_an_intuitive_or(
    live_catalog: str, live_packages: dict[str, dict[str, Any]]
) -> None:
    """CKAN+Solr would match everything here (ckanext-harvest #518); we answer "a or b"."""
    orgs = tuple(_orgs_by_size(live_packages)[:2])
    terms = filter_terms(orgs_include=orgs)
    assert terms == [f"organization:{orgs[0]} OR organization:{orgs[1]}"]
    gathered = gather(live_catalog, terms)
    expected = _names_where(live_packages, lambda p: p["organization"]["name"] in orgs)
    assert len(expected) < 94
    _assert_complete_harvest(gathered, live_packages, expected)


def test_organizations_filter_exclude(
    live_catalog: str, live_packages: dict[str, dict[str, Any]]
) -> None:
    orgs = tuple(_orgs_by_size(live_packages)[:2])
    terms = filter_terms(orgs_exclude=orgs)
    assert terms == [f"-organization:{orgs[0]}", f"-organization:{orgs[1]}"]
    gathered = gather(live_catalog, terms)
    expected = _names_where(live_packages, lambda p: p["organization"]["name"] not in orgs)
    assert 0 < len(expected) < 94
    _assert_complete_harvest(gathered, live_packages, expected)


def test_groups_filters(live_catalog: str, live_packages: dict[str, dict[str, Any]]) -> None:
    sizes = Counter(name for pkg in live_packages.values() for name in _groups_of(pkg))
    groups = tuple(sorted(sizes, key=lambda name: (-sizes[name], name))[:2])
    one = gather(live_catalog, filter_terms(groups_include=groups[:1]))
    expected = _names_where(live_packages, lambda p: groups[0] in _groups_of(p))
    _assert_complete_harvest(one, live_packages, expected)
    both = gather(live_catalog, filter_terms(groups_include=groups))
    expected = _names_where(live_packages, lambda p: bool(set(groups) & _groups_of(p)))
    _assert_complete_harvest(both, live_packages, expected)
    excluded = gather(live_catalog, filter_terms(groups_exclude=groups))
    expected = _names_where(live_packages, lambda p: not set(groups) & _groups_of(p))
    _assert_complete_harvest(excluded, live_packages, expected)


def _before_everything(live_packages: dict[str, dict[str, Any]]) -> str:
    oldest = min(_parse(pkg["metadata_modified"]) for pkg in live_packages.values())
    return since_term(_with_microseconds(oldest))


def _after_everything() -> str:
    return since_term(
        _with_microseconds(datetime.now(UTC).replace(tzinfo=None)) + timedelta(hours=2)
    )


def test_one_organization_with_group_filters_and_incremental(
    live_catalog: str, live_packages: dict[str, dict[str, Any]]
) -> None:
    org = _orgs_by_size(live_packages)[0]
    of_org = _names_where(live_packages, lambda p: p["organization"]["name"] == org)
    sizes = Counter(g for name in of_org for g in _groups_of(live_packages[name]))
    groups = tuple(sorted(sizes, key=lambda name: (-sizes[name], name))[:2])
    terms = filter_terms(orgs_include=(org,), groups_exclude=groups)
    assert terms == [f"organization:{org}", f"-groups:{groups[0]}", f"-groups:{groups[1]}"]
    expected = {name for name in of_org if not set(groups) & _groups_of(live_packages[name])}
    assert 0 < len(expected) < len(of_org)
    _assert_complete_harvest(gather(live_catalog, terms), live_packages, expected)
    with_since = [*terms, _before_everything(live_packages)]
    _assert_complete_harvest(gather(live_catalog, with_since), live_packages, expected)
    assert gather(live_catalog, [*terms, _after_everything()]).datasets == []
    included = filter_terms(orgs_include=(org,), groups_include=groups[:1])
    expected = {name for name in of_org if groups[0] in _groups_of(live_packages[name])}
    _assert_complete_harvest(gather(live_catalog, included), live_packages, expected)


@pytest.mark.parametrize("combination", ["groups-exclude", "groups-include", "incremental"])
def test_two_organizations_with_group_filters_and_incremental(
    live_catalog: str, live_packages: dict[str, dict[str, Any]], combination: str
) -> None:
    orgs = tuple(_orgs_by_size(live_packages)[:2])
    in_orgs = _names_where(live_packages, lambda p: p["organization"]["name"] in orgs)
    of_first = _names_where(live_packages, lambda p: p["organization"]["name"] == orgs[0])
    sizes = Counter(g for name in of_first for g in _groups_of(live_packages[name]))
    group = sorted(sizes, key=lambda name: (-sizes[name], name))[0]
    if combination == "groups-exclude":
        terms = filter_terms(orgs_include=orgs, groups_exclude=(group,))
        expected = {name for name in in_orgs if group not in _groups_of(live_packages[name])}
    elif combination == "groups-include":
        terms = filter_terms(orgs_include=orgs, groups_include=(group,))
        expected = {name for name in in_orgs if group in _groups_of(live_packages[name])}
    else:
        terms = [*filter_terms(orgs_include=orgs), _after_everything()]
        expected = set()
    assert expected != in_orgs
    _assert_complete_harvest(gather(live_catalog, terms), live_packages, expected)


# --------------------------------------------------------------------------------------
# Import stage: remote_orgs / remote_groups = "create"


def _backend(services: Services) -> str:
    return "sqlite" if services.settings.is_sqlite else "postgresql"


@pytest.mark.parametrize("auth", list(AUTH_VARIANTS))
def test_import_stage_recreates_organizations_and_groups(
    live_catalog: str,
    live_packages: dict[str, dict[str, Any]],
    loaded_services: Services,
    tmp_path: Path,
    auth: str,
) -> None:
    datasets = gather(live_catalog).datasets
    org_ids = sorted({pkg["owner_org"] for pkg in datasets})
    group_ids = sorted({group["id"] for pkg in datasets for group in pkg["groups"]})
    remote: dict[str, list[dict[str, Any]]] = {"organization": [], "group": []}
    with httpx.Client(headers=AUTH_VARIANTS[auth], timeout=30) as client:
        for kind, ids in (("organization", org_ids), ("group", group_ids)):
            for ident in ids:
                text = client.get(f"{live_catalog}/api/3/action/{kind}_show?id={ident}").text
                shown = json.loads(text)["result"]
                assert shown["id"] == ident
                assert shown["is_organization"] is (kind == "organization")
                remote[kind].append(shown)
    with fresh_services(_backend(loaded_services), tmp_path) as consumer:
        context = site_context(consumer, build_registry())
        for kind, dropped in (("organization", ORG_DROPPED), ("group", GROUP_DROPPED)):
            for shown in remote[kind]:
                data = {key: value for key, value in shown.items() if key not in dropped}
                assert str(uuid.UUID(data["id"])) == data["id"]
                assert NAME.match(data["name"]), data["name"]
                assert isinstance(data["title"], str) and data["title"]
                assert isinstance(data["description"], str)
                assert isinstance(data["image_url"], str)
                assert data["state"] == "active" and data["approval_status"] == "approved"
                created = context.call(f"{kind}_create", data)
                assert created["id"] == shown["id"] and created["name"] == shown["name"]
                assert created["title"] == shown["title"]
                assert created["description"] == shown["description"]
                assert created["type"] == kind
        assert sorted(context.call("organization_list", {})) == sorted(
            org["name"] for org in remote["organization"]
        )
        assert sorted(context.call("group_list", {})) == sorted(
            group["name"] for group in remote["group"]
        )

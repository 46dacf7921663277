"""/data.json of the loaded catalog is valid DCAT-US 1.1 (non-federal schema, URI formats
checked), both backends."""

from __future__ import annotations

import copy

from catalog.actions.feeds import data_json
from catalog.actions.registry import ActionContext
from catalog.services.feeds.datajson import as_uri
from tests.support.standards import data_json_validator


def test_the_whole_catalog_is_valid_dcat_us(anonymous: ActionContext) -> None:
    document = data_json(anonymous)
    errors = list(data_json_validator().iter_errors(document))
    assert not errors, [error.message for error in errors[:5]]
    names = set(anonymous.call("package_list", {}))
    assert len(document["dataset"]) == len(names) == 94
    ids = {entry["identifier"] for entry in document["dataset"]}
    assert len(ids) == 94


def test_entries_carry_the_package_values(anonymous: ActionContext) -> None:
    package = anonymous.call("package_show", {"id": "bang-gia-dat"})
    entry = next(e for e in data_json(anonymous)["dataset"] if e["identifier"] == package["id"])
    assert entry["title"] == package["title"]
    assert entry["keyword"] == [tag["name"] for tag in package["tags"]]
    assert entry["publisher"] == {
        "@type": "org:Organization",
        "name": "Sở Nông nghiệp và Môi trường",
    }
    assert entry["contactPoint"]["hasEmail"] == "mailto:sonnmt@bacninh.gov.vn"
    assert entry["temporal"] == "2025-01-01/2025-12-31"
    assert entry["accrualPeriodicity"] == "R/P1Y"
    assert entry["landingPage"] == "http://testserver/dataset/bang-gia-dat"
    assert entry["describedBy"] == "http://testserver/dataset/bang-gia-dat/datapackage.json"
    [distribution] = entry["distribution"]
    assert distribution["downloadURL"] == package["resources"][0]["url"]
    assert distribution["mediaType"] == "text/csv" and distribution["format"] == "CSV"


def test_the_validator_checks_uris_and_required_fields(anonymous: ActionContext) -> None:
    document = data_json(anonymous)
    broken = copy.deepcopy(document)
    broken["dataset"][0]["landingPage"] = "not a uri"
    del broken["dataset"][1]["identifier"]
    messages = [error.message for error in data_json_validator().iter_errors(broken)]
    assert any("not a uri" in message for message in messages)
    assert any("'identifier' is a required property" in message for message in messages)


def test_urls_become_plain_uris() -> None:
    assert as_uri("http://x/tải về/a b.csv") == "http://x/t%E1%BA%A3i%20v%E1%BB%81/a%20b.csv"
    assert as_uri("ftp://x") is None and as_uri(None) is None

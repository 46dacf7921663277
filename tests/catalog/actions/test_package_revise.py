"""package_revise: match, filter, update and flattened keys, as CKAN 2.9+."""

from __future__ import annotations

import json

import pytest

from catalog.errors import ValidationFailed
from tests.support import builders


@pytest.fixture
def dataset(sysadmin_context) -> dict:
    builders.organization(sysadmin_context, "so-a")
    return builders.dataset(
        sysadmin_context, "sua-doi", owner_org="so-a", title="Cũ", notes="giữ",
        resources=[{"url": "http://example.org/a.csv", "name": "a", "description": "x"},
                   {"url": "http://example.org/b.csv", "name": "b", "description": "y"}],
    )  # fmt: skip


def test_update_only_when_matching(sysadmin_context, dataset):
    ctx = sysadmin_context
    revised = ctx.call(
        "package_revise",
        {"match": {"id": dataset["id"], "title": "Cũ"}, "update": {"title": "Mới"}},
    )["package"]
    assert revised["title"] == "Mới" and revised["notes"] == "giữ"
    assert len(revised["resources"]) == 2
    with pytest.raises(ValidationFailed) as stale:
        ctx.call("package_revise", {"match": {"id": dataset["id"], "title": "Cũ"}, "update": {}})
    assert stale.value.errors == {"match": ["title"]}


def test_flattened_keys_over_multipart_strings(sysadmin_context, dataset):
    ctx = sysadmin_context
    second = dataset["resources"][1]["id"]
    revised = ctx.call(
        "package_revise",
        {
            "match__name": "sua-doi",
            f"update__resources__{second[:6]}__description": "mô tả mới",
            "update__resources__extend": json.dumps([{"url": "http://example.org/c.csv"}]),
            "update__resources__0__name": "A",
        },
    )["package"]
    assert [r["name"] for r in revised["resources"]][:2] == ["A", "b"]
    assert revised["resources"][1]["description"] == "mô tả mới"
    assert revised["resources"][2]["url"] == "http://example.org/c.csv"
    with pytest.raises(ValidationFailed):
        ctx.call("package_revise", {"match__name": "sua-doi", "update__resources__9__name": "x"})


def test_filter_removes_fields_before_the_update(sysadmin_context, dataset):
    revised = sysadmin_context.call(
        "package_revise",
        {"match": {"name": "sua-doi"}, "filter": ["-resources__*__description", "-notes"],
         "include": ["+package__resources", "-package__*"]},
    )  # fmt: skip
    assert list(revised["package"]) == ["resources"]
    assert [r["description"] for r in revised["package"]["resources"]] == [None, None]
    shown = sysadmin_context.call("package_show", {"id": "sua-doi"})
    assert shown["notes"] is None


def test_match_needs_id_or_name(sysadmin_context, dataset):
    with pytest.raises(ValidationFailed) as error:
        sysadmin_context.call("package_revise", {"update": {"title": "x"}})
    assert error.value.errors == {"match__id": "Missing value"}

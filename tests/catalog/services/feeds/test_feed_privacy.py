"""Private, draft-less deleted datasets never appear in any feed, whoever builds it: the feeds
read through package_search / package_show as an anonymous caller (both backends)."""

from __future__ import annotations

import io

import pytest
from rdflib import Graph

from catalog.actions.feeds import catalog_page, data_json, dataset_graph
from catalog.actions.registry import ActionContext
from catalog.errors import NotAuthorized, NotFound
from catalog.services.feeds.serialize import serialize
from tests.support import builders


@pytest.fixture
def small_catalog(sysadmin_context: ActionContext) -> dict[str, dict]:
    admin = sysadmin_context
    builders.organization(admin, "so-a", "Sở A")
    builders.group(admin, "y-te", "Y tế")
    made = {
        "public": builders.dataset(admin, "cong-khai", title="Công khai", owner_org="so-a",
                                   groups=["y-te"]),
        "private": builders.dataset(admin, "bi-mat", title="Bí mật", owner_org="so-a",
                                    private=True, tags=["nhãn mật"]),
        "deleted": builders.dataset(admin, "da-xoa", title="Đã xóa", owner_org="so-a"),
    }  # fmt: skip
    for name in ("cong-khai", "bi-mat"):
        admin.call(
            "resource_create",
            {"package_id": name, "upload": io.BytesIO(b"a,b\n1,2\n"), "name": f"{name}.csv",
             "format": "CSV"},
        )  # fmt: skip
    admin.call("package_delete", {"id": "da-xoa"})
    return made


def test_catalog_shows_only_public_active_datasets(
    sysadmin_context: ActionContext, small_catalog: dict[str, dict]
) -> None:
    # built with a sysadmin's context: the feed still reads anonymously
    page = catalog_page(sysadmin_context, {}, "http://testserver/catalog.ttl")
    text = serialize(page.graph, "ttl").decode()
    assert page.count == 1
    assert small_catalog["public"]["id"] in text
    for hidden in ("private", "deleted"):
        assert small_catalog[hidden]["id"] not in text
    assert "Bí mật" not in text and "nhãn mật" not in text and "Đã xóa" not in text
    Graph().parse(data=text, format="turtle")


def test_data_json_shows_only_public_active_datasets(
    sysadmin_context: ActionContext, small_catalog: dict[str, dict]
) -> None:
    document = data_json(sysadmin_context)
    assert [entry["identifier"] for entry in document["dataset"]] == [small_catalog["public"]["id"]]


@pytest.mark.parametrize(
    ("which", "error"), [("private", NotAuthorized), ("deleted", NotAuthorized)]
)
def test_a_hidden_dataset_has_no_rdf(
    sysadmin_context: ActionContext, small_catalog: dict[str, dict], which: str, error: type
) -> None:
    with pytest.raises(error):
        dataset_graph(sysadmin_context, small_catalog[which]["name"])
    with pytest.raises(NotFound):
        dataset_graph(sysadmin_context, "khong-co")


def test_a_filter_cannot_reach_private_datasets(
    sysadmin_context: ActionContext, small_catalog: dict[str, dict]
) -> None:
    for params in ({"q": "Bí mật"}, {"fq": "private:true"}, {"fq": "tags:\"nhãn mật\""},
                   {"fq": "state:deleted"}, {"q": "name:da-xoa"}):  # fmt: skip
        page = catalog_page(sysadmin_context, params, "http://testserver/catalog.ttl")
        assert page.count == 0, params

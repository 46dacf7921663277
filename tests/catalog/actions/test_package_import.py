"""Bulk creation (create_packages) and write batches: the same datasets, index entries and
activities as package_create; a failing dataset in the middle of a batch rolls back alone."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from sqlalchemy import func, select

from catalog.actions.batch import write_batch
from catalog.actions.package_import import create_packages
from catalog.actions.registry import ActionContext
from catalog.db.models import (
    Activity,
    Package,
    PackageExtra,
    PackageTag,
    Resource,
    SearchDoc,
    SearchField,
)
from catalog.errors import NotAuthorized, ValidationFailed
from tests.support import builders
from tests.support.accounts import person


@pytest.fixture
def orgs(sysadmin_context: ActionContext) -> dict[str, dict]:
    builders.group(sysadmin_context, "giao-duc", "Giáo dục")
    return {
        "a": builders.organization(sysadmin_context, "so-a", "Sở A"),
        "b": builders.organization(sysadmin_context, "so-b", "Sở B"),
    }


def _dataset(name: str, **fields: Any) -> dict[str, Any]:
    return {
        "name": name,
        "id": str(uuid.uuid4()),
        "title": "Danh sách trường học " + name,
        "notes": "Trường **mầm non** và tiểu học",
        "owner_org": "so-a",
        "license_id": "cc-by",
        "tags": [{"name": "giáo dục"}, {"name": "trường học"}],
        "extras": [{"key": "nguon", "value": "Sở GD"}, {"key": "nam", "value": "2024"}],
        "groups": [{"name": "giao-duc"}],
        "resources": [
            {
                "id": str(uuid.uuid4()),
                "url": "http://example.org/a.csv",
                "name": "Bảng",
                "format": "CSV",
                "ghi_chu": "cột 1",
            },  # fmt: skip
            {"id": str(uuid.uuid4()), "url": "http://example.org/b.pdf", "format": "PDF"},
        ],
        **fields,
    }


VARYING = {"id", "name", "title", "metadata_created", "metadata_modified", "package_id",
           "created"}  # fmt: skip


def _comparable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _comparable(v) for k, v in value.items() if k not in VARYING}
    if isinstance(value, list):
        return [_comparable(item) for item in value]
    return value


def _written(services: Any, package_id: str) -> dict[str, int]:
    """How many rows of each kind the dataset has."""
    with services.session() as session:
        doc_ids = select(SearchDoc.doc_id).where(SearchDoc.package_id == package_id)
        counts = {
            "package": select(func.count()).where(Package.id == package_id),
            "tags": select(func.count()).where(PackageTag.package_id == package_id),
            "extras": select(func.count()).where(PackageExtra.package_id == package_id),
            "resources": select(func.count()).where(Resource.package_id == package_id),
            "index": select(func.count()).where(SearchDoc.package_id == package_id),
            "fields": select(func.count()).where(SearchField.doc_id.in_(doc_ids)),
            "activity": select(func.count()).where(Activity.object_id == package_id),
        }
        return {key: session.execute(query).scalar_one() for key, query in counts.items()}


def _fields(services: Any, package_id: str) -> set[tuple[str, str]]:
    with services.session() as session:
        rows = session.execute(
            select(SearchField.field, SearchField.value)
            .join(SearchDoc, SearchDoc.doc_id == SearchField.doc_id)
            .where(SearchDoc.package_id == package_id)
        ).all()
    return {(f, v) for f, v in rows if f not in VARYING and f != "title"}


def test_bulk_creation_writes_what_package_create_writes(sysadmin_context, services, orgs):
    one = sysadmin_context.call("package_create", _dataset("mot"))
    [two] = create_packages(sysadmin_context, [_dataset("hai")])
    assert _comparable(two) == _comparable(one)
    shown = sysadmin_context.call("package_show", {"id": "hai"})
    assert shown == two
    assert _written(services, two["id"]) == _written(services, one["id"])
    assert _fields(services, two["id"]) == _fields(services, one["id"])
    found = sysadmin_context.call("package_search", {"q": "mam non", "fq": 'tags:"trường học"'})
    assert {p["name"] for p in found["results"]} == {"mot", "hai"}
    activity = sysadmin_context.call("package_activity_list", {"id": "hai"})
    assert [a["activity_type"] for a in activity] == ["new package"]
    assert activity[0]["data"]["package"]["name"] == "hai"


def test_a_failing_dataset_in_the_middle_leaves_nothing_and_the_others_stay(
    sysadmin_context, services, orgs
):
    first = sysadmin_context.call("package_create", _dataset("co-truoc"))
    clash = _dataset("trung-tai-nguyen")  # valid, but its resource id is taken: fails at INSERT
    clash["resources"][0]["id"] = first["resources"][0]["id"]
    data = [_dataset("dau"), _dataset("Sai Ten"), clash, _dataset("cuoi")]
    results = create_packages(sysadmin_context, data)
    assert [type(r).__name__ for r in results][::3] == ["dict", "dict"]
    assert isinstance(results[1], ValidationFailed) and "name" in results[1].errors
    assert isinstance(results[2], Exception) and not isinstance(results[2], dict)
    for kept in (data[0], data[3]):
        assert _written(services, kept["id"]) == _written(services, first["id"])
        assert sysadmin_context.call("package_show", {"id": kept["name"]})["num_resources"] == 2
    for failed in (data[1], data[2]):
        assert set(_written(services, failed["id"]).values()) == {0}
    names = {p["name"] for p in sysadmin_context.call("package_search", {"rows": 10})["results"]}
    assert names == {"co-truoc", "dau", "cuoi"}
    stream = sysadmin_context.call("recently_changed_packages_activity_list", {})
    assert sorted(a["data"]["package"]["name"] for a in stream) == ["co-truoc", "cuoi", "dau"]


def test_names_and_ids_are_checked_against_the_datasets_before_in_the_list(sysadmin_context, orgs):
    sysadmin_context.call("package_create", _dataset("cu"))
    sysadmin_context.call("package_delete", {"id": "cu"})
    same = _dataset("trung")
    results = create_packages(
        sysadmin_context,
        [same, _dataset("trung"), {**_dataset("khac"), "id": same["id"]}, _dataset("cu")],
    )
    assert results[0]["name"] == "trung"
    assert results[1].errors["name"] == ["That URL is already in use."]
    assert results[2].errors["id"] == ["Dataset id already exists"]
    assert results[3]["name"] == "cu"  # the deleted dataset gave its name up, as CKAN does
    assert sysadmin_context.call("package_show", {"id": "cu"})["id"] == results[3]["id"]


def test_each_dataset_is_authorized(sysadmin_context, orgs):
    editor = person(sysadmin_context, "bien-tap", org_id=orgs["a"]["id"], role="editor")
    data = [_dataset("cua-a", groups=[]), _dataset("cua-b", owner_org="so-b", groups=[]),
            _dataset("vao-nhom"), _dataset("a-nua", groups=[])]  # fmt: skip
    results = create_packages(editor, data)
    assert results[0]["creator_user_id"] == editor.user_id
    assert isinstance(results[1], NotAuthorized)  # not an editor of so-b
    assert isinstance(results[2], NotAuthorized)  # not a member of the group
    assert results[3]["name"] == "a-nua"
    reserved = _dataset("dat-ho", groups=[], extras=[{"key": "harvest_source_id", "value": "x"}])
    [refused] = create_packages(editor, [reserved])
    assert isinstance(refused, ValidationFailed) and "extras" in refused.errors


def test_calls_in_a_write_batch_roll_back_alone_and_commit_together(
    sysadmin_context, services, orgs
):
    with write_batch(sysadmin_context) as batch:
        batch.call("package_create", _dataset("mot"))
        with pytest.raises(ValidationFailed):
            batch.call("package_create", _dataset("mot"))
        updated = batch.call("package_patch", {"id": "mot", "notes": "đã sửa"})
        assert updated["notes"] == "đã sửa"
        with services.session() as outside:  # not committed yet
            assert outside.execute(select(func.count()).select_from(Package)).scalar_one() == 0
    shown = sysadmin_context.call("package_show", {"id": "mot"})
    assert shown["notes"] == "đã sửa"
    activity = sysadmin_context.call("package_activity_list", {"id": "mot"})
    assert [a["activity_type"] for a in activity] == ["changed package", "new package"]

    with pytest.raises(RuntimeError):
        with write_batch(sysadmin_context) as batch:
            batch.call("package_create", _dataset("hai"))
            raise RuntimeError("the caller fails")
    assert sysadmin_context.call("package_search", {})["count"] == 1

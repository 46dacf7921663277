"""Dataset writes: CKAN's patch/delete/purge/owner_org_update semantics and permissions."""

from __future__ import annotations

import threading

import pytest

from catalog.actions.registry import ActionContext
from catalog.errors import NotAuthorized, NotFound, ValidationFailed
from tests.support import builders
from tests.support.accounts import anonymous, person


@pytest.fixture
def orgs(sysadmin_context: ActionContext) -> dict[str, dict]:
    return {
        "a": builders.organization(sysadmin_context, "so-a", "Sở A"),
        "b": builders.organization(sysadmin_context, "so-b", "Sở B"),
    }


def test_editor_creates_and_edits_in_own_organization_only(sysadmin_context, orgs):
    editor = person(sysadmin_context, "bien-tap", org_id=orgs["a"]["id"], role="editor")
    created = builders.dataset(editor, "du-lieu-a", owner_org="so-a")
    assert created["creator_user_id"] == editor.user_id
    with pytest.raises(NotAuthorized):
        builders.dataset(editor, "du-lieu-b", owner_org="so-b")
    other = builders.dataset(sysadmin_context, "cua-b", owner_org="so-b")
    with pytest.raises(NotAuthorized):
        editor.call("package_patch", {"id": other["id"], "title": "x"})
    member = person(sysadmin_context, "thanh-vien", org_id=orgs["a"]["id"], role="member")
    with pytest.raises(NotAuthorized):
        member.call("package_patch", {"id": created["id"], "title": "x"})
    with pytest.raises(NotAuthorized):
        anonymous(sysadmin_context).call("package_patch", {"id": created["id"], "title": "x"})


def test_patch_changes_only_given_fields(sysadmin_context, orgs):
    created = builders.dataset(
        sysadmin_context, "vanban", owner_org="so-a", notes="giữ nguyên", tags=["văn bản"],
        resources=[{"url": "http://example.org/a.csv", "name": "a"}],
    )  # fmt: skip
    patched = sysadmin_context.call("package_patch", {"id": "vanban", "title": "Mới"})
    assert patched["title"] == "Mới" and patched["notes"] == "giữ nguyên"
    assert (
        patched["tags"] == created["tags"]
        and patched["resources"][0]["id"] == (created["resources"][0]["id"])
    )
    assert patched["metadata_modified"] > created["metadata_modified"]


def test_delete_hides_the_dataset_from_everyone_but_its_editors(sysadmin_context, orgs):
    editor = person(sysadmin_context, "bien-tap", org_id=orgs["a"]["id"], role="editor")
    builders.dataset(editor, "se-xoa", owner_org="so-a", title="Sẽ xóa")
    editor.call("package_delete", {"id": "se-xoa"})
    public = anonymous(sysadmin_context)
    assert "se-xoa" not in public.call("package_list", {})
    assert public.call("package_search", {"q": "se xoa"})["count"] == 0
    with pytest.raises(NotAuthorized):
        public.call("package_show", {"id": "se-xoa"})
    assert sysadmin_context.call("package_show", {"id": "se-xoa"})["state"] == "deleted"
    assert editor.call("package_show", {"id": "se-xoa"})["state"] == "deleted"
    recreated = builders.dataset(sysadmin_context, "se-xoa", owner_org="so-a")
    assert recreated["state"] == "active"


def test_purge_removes_everything_and_is_for_sysadmins(sysadmin_context, orgs):
    admin = person(sysadmin_context, "quan-tri", org_id=orgs["a"]["id"], role="admin")
    builders.dataset(admin, "tam", owner_org="so-a")
    with pytest.raises(NotAuthorized):
        admin.call("dataset_purge", {"id": "tam"})
    sysadmin_context.call("dataset_purge", {"id": "tam"})
    with pytest.raises(NotFound):
        sysadmin_context.call("package_show", {"id": "tam"})


def test_owner_org_update_moves_the_dataset(sysadmin_context, orgs):
    builders.dataset(sysadmin_context, "chuyen", owner_org="so-a")
    sysadmin_context.call("package_owner_org_update", {"id": "chuyen", "organization_id": "so-b"})
    shown = sysadmin_context.call("package_show", {"id": "chuyen"})
    assert shown["organization"]["name"] == "so-b"
    facets = sysadmin_context.call("package_search", {"facet.field": ["organization"]})
    assert facets["facets"]["organization"] == {"so-b": 1}
    with pytest.raises(ValidationFailed):
        sysadmin_context.call("package_owner_org_update", {"id": "chuyen", "organization_id": "x"})


def test_concurrent_resource_creates_lose_nothing(sysadmin_context, orgs):
    builders.dataset(sysadmin_context, "dong-thoi", owner_org="so-a")
    errors: list[BaseException] = []

    def add(index: int) -> None:
        try:
            sysadmin_context.call(
                "resource_create",
                {"package_id": "dong-thoi", "url": f"http://example.org/{index}.csv"},
            )
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=add, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    shown = sysadmin_context.call("package_show", {"id": "dong-thoi"})
    assert sorted(r["url"] for r in shown["resources"]) == sorted(
        f"http://example.org/{i}.csv" for i in range(8)
    )


def test_concurrent_patches_of_different_fields_both_stay(sysadmin_context, orgs):
    builders.dataset(sysadmin_context, "hai-nguoi", owner_org="so-a")
    fields = [("title", "Tiêu đề"), ("notes", "Mô tả"), ("version", "2.0"), ("url", "http://x.vn")]
    threads = [
        threading.Thread(
            target=sysadmin_context.call, args=("package_patch", {"id": "hai-nguoi", key: value})
        )
        for key, value in fields
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    shown = sysadmin_context.call("package_show", {"id": "hai-nguoi"})
    assert {key: shown[key] for key, _ in fields} == dict(fields)

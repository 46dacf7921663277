"""Organization and group writes: creator is admin, patch, delete rules, reindexing."""

from __future__ import annotations

import pytest

from catalog.actions.registry import ActionContext
from catalog.errors import NotAuthorized, ValidationFailed
from tests.support import builders
from tests.support.accounts import anonymous, person


def test_only_sysadmins_create_organizations_and_admins_edit_them(sysadmin_context):
    steward = person(sysadmin_context, "can-bo")
    with pytest.raises(NotAuthorized):
        steward.call("organization_create", {"name": "so-moi"})
    org = builders.organization(sysadmin_context, "so-moi", "Sở Mới")
    admin = person(sysadmin_context, "quan-tri", org_id=org["id"], role="admin")
    editor = person(sysadmin_context, "bien-tap", org_id=org["id"], role="editor")
    patched = admin.call("organization_patch", {"id": "so-moi", "description": "Mô tả"})
    assert patched["title"] == "Sở Mới" and patched["description"] == "Mô tả"
    with pytest.raises(NotAuthorized):
        editor.call("organization_patch", {"id": "so-moi", "description": "x"})
    replaced = admin.call("organization_update", {"id": "so-moi", "title": "Tên mới"})
    assert replaced["description"] == "" and replaced["name"] == "so-moi"


def test_organization_with_datasets_cannot_be_deleted(sysadmin_context: ActionContext):
    builders.organization(sysadmin_context, "so-co-du-lieu")
    builders.dataset(sysadmin_context, "mot", owner_org="so-co-du-lieu")
    with pytest.raises(ValidationFailed) as error:
        sysadmin_context.call("organization_delete", {"id": "so-co-du-lieu"})
    assert error.value.errors == {
        "message": "Organization cannot be deleted while it still has datasets"
    }
    sysadmin_context.call("package_delete", {"id": "mot"})
    sysadmin_context.call("organization_delete", {"id": "so-co-du-lieu"})
    assert "so-co-du-lieu" not in anonymous(sysadmin_context).call("organization_list", {})
    with pytest.raises(NotAuthorized):
        anonymous(sysadmin_context).call("organization_show", {"id": "so-co-du-lieu"})


def test_deleting_a_group_takes_it_off_its_datasets(sysadmin_context: ActionContext):
    builders.organization(sysadmin_context, "so-a")
    builders.group(sysadmin_context, "chu-de", "Chủ đề")
    builders.dataset(sysadmin_context, "trong-nhom", owner_org="so-a", groups=["chu-de"])
    renamed = sysadmin_context.call("group_patch", {"id": "chu-de", "title": "Chủ đề mới"})
    assert renamed["title"] == "Chủ đề mới"
    shown = sysadmin_context.call("package_show", {"id": "trong-nhom"})
    assert shown["groups"][0]["title"] == "Chủ đề mới"
    sysadmin_context.call("group_delete", {"id": "chu-de"})
    assert sysadmin_context.call("package_show", {"id": "trong-nhom"})["groups"] == []
    search = sysadmin_context.call("package_search", {"fq": "groups:chu-de"})
    assert search["count"] == 0


def test_editing_a_dataset_into_a_group_needs_a_role_in_that_group(sysadmin_context):
    """As CKAN's package_update auth (_check_group_auth): groups the dataset is already in
    need nothing; a group being added needs the caller's membership of it."""
    org = builders.organization(sysadmin_context, "so-nhom")
    builders.group(sysadmin_context, "nhom-cu")
    theirs = builders.group(sysadmin_context, "nhom-moi")
    builders.dataset(sysadmin_context, "du-lieu-nhom", owner_org="so-nhom", groups=["nhom-cu"])
    editor = person(sysadmin_context, "bien-tap-nhom", org_id=org["id"], role="editor")

    kept = editor.call("package_patch", {"id": "du-lieu-nhom", "groups": [{"name": "nhom-cu"}],
                                         "title": "Vẫn trong nhóm cũ"})  # fmt: skip
    assert [g["name"] for g in kept["groups"]] == ["nhom-cu"]
    for action, extra in (("package_patch", {}), ("package_update", {"name": "du-lieu-nhom"})):
        with pytest.raises(NotAuthorized) as refused:
            both = [{"name": "nhom-cu"}, {"name": "nhom-moi"}]
            editor.call(action, {"id": "du-lieu-nhom", **extra, "groups": both})
        assert "not authorized to edit these groups" in str(refused.value)
    with pytest.raises(NotAuthorized):
        added = [{"name": "nhom-moi"}]
        editor.call("package_revise", {"match": {"name": "du-lieu-nhom"},
                                       "update__groups__extend": added})  # fmt: skip

    membership = {"object": "bien-tap-nhom", "object_type": "user", "capacity": "member"}
    sysadmin_context.call("member_create", {"id": theirs["id"], **membership})
    moved = editor.call("package_patch", {"id": "du-lieu-nhom", "groups": [{"name": "nhom-moi"}]})
    assert [g["name"] for g in moved["groups"]] == ["nhom-moi"]


def test_a_nested_value_as_a_group_name_is_a_validation_error(sysadmin_context):
    builders.organization(sysadmin_context, "so-long")
    with pytest.raises(ValidationFailed) as error:
        sysadmin_context.call("package_create", {"name": "long-nhau", "owner_org": "so-long",
                                                 "groups": [{"name": {"x": 1}}]})  # fmt: skip
    assert "groups" in error.value.errors

"""The create/update path (used by the loader): CKAN's replacement semantics and rules."""

from __future__ import annotations

import time

import pytest

from catalog.actions.registry import ActionContext
from catalog.errors import DataShapeError, NotAuthorized, NotFound, ValidationFailed
from tests.support import builders


@pytest.fixture
def org(sysadmin_context: ActionContext) -> dict:
    return builders.organization(sysadmin_context, "so-tai-chinh", "Sở Tài chính")


def test_update_replaces_lists_and_clears_omitted_text_fields(sysadmin_context, org):
    ctx = sysadmin_context
    created = builders.dataset(
        ctx,
        "ngan-sach",
        title="Ngân sách",
        notes="Thu chi",
        owner_org="so-tai-chinh",
        tags=["ngân sách"],
        extras={"frequency": "annual"},
        resources=[{"name": "a", "url": "http://example.org/a.csv"}],
    )
    time.sleep(0.002)
    updated = ctx.call("package_update", {"id": created["id"], "name": "ngan-sach"})
    assert updated["title"] == "ngan-sach" and updated["notes"] is None
    assert updated["tags"] == [] and updated["extras"] == [] and updated["resources"] == []
    assert updated["owner_org"] == org["id"]
    assert updated["metadata_modified"] > created["metadata_modified"]
    assert updated["metadata_created"] == created["metadata_created"]
    anonymous = ActionContext(services=ctx.services, identity=None, registry=ctx.registry)
    assert anonymous.call("package_search", {"q": "thu chi"})["count"] == 0


def test_resource_change_bumps_the_dataset_and_keeps_ids(sysadmin_context, org):
    ctx = sysadmin_context
    created = builders.dataset(
        ctx, "chi-tieu", owner_org="so-tai-chinh",
        resources=[{"name": "a", "url": "http://example.org/a.csv"}],
    )  # fmt: skip
    resource = created["resources"][0]
    time.sleep(0.002)
    updated = ctx.call(
        "package_update",
        {**created, "resources": [{**resource, "description": "mô tả mới"}]},
    )
    assert updated["resources"][0]["id"] == resource["id"]
    assert updated["resources"][0]["created"] == resource["created"]
    assert updated["resources"][0]["metadata_modified"] > resource["metadata_modified"]
    assert updated["metadata_modified"] > created["metadata_modified"]
    unchanged = ctx.call("package_update", updated)
    assert (
        unchanged["resources"][0]["metadata_modified"]
        == (updated["resources"][0]["metadata_modified"])
    )


def test_validation_errors_name_each_field(sysadmin_context, org):
    ctx = sysadmin_context
    builders.dataset(ctx, "da-co", owner_org="so-tai-chinh")
    with pytest.raises(ValidationFailed) as error:
        ctx.call(
            "package_create",
            {
                "name": "da-co",
                "owner_org": "khong-ton-tai",
                "tags": [{"name": "a,b"}],
                "extras": [{"key": "title", "value": "x"}],
                "author_email": "not-an-email",
                "resources": [{"url": "http://x"}, {"size": "big"}],
            },
        )
    errors = error.value.errors
    assert errors["name"] == ["That URL is already in use."]
    assert errors["owner_org"] == ["Organization does not exist"]
    assert "can only contain alphanumeric characters" in errors["tags"][0]
    assert errors["extras"] == [{"key": ["There is a schema field with the same name"]}]
    assert errors["author_email"] == ["Email not-an-email is not a valid format"]
    assert errors["resources"] == [{}, {"size": ["Invalid integer"]}]
    with pytest.raises(ValidationFailed) as error:
        ctx.call("package_create", {"name": "A b"})
    assert error.value.errors["name"] == [
        "Must be purely lowercase alphanumeric (ascii) characters and these symbols: -_"
    ]
    with pytest.raises(DataShapeError):
        ctx.call("package_create", {"name": "hinh-dang", "tags": ["a"]})


def test_nothing_is_half_written_when_validation_fails(sysadmin_context, org):
    ctx = sysadmin_context
    with pytest.raises(ValidationFailed):
        builders.dataset(ctx, "nua-chung", owner_org="so-tai-chinh", resources=[{"size": "x"}])
    with pytest.raises(NotFound):
        ctx.call("package_show", {"id": "nua-chung"})


def test_anonymous_cannot_write_and_unknown_update_is_not_found(sysadmin_context, org):
    ctx = sysadmin_context
    anonymous = ActionContext(services=ctx.services, identity=None, registry=ctx.registry)
    with pytest.raises(NotAuthorized):
        anonymous.call("package_create", {"name": "ten-moi"})
    with pytest.raises(NotFound):
        ctx.call("package_update", {"id": "khong-co"})


def test_renaming_an_organization_refreshes_its_datasets(sysadmin_context, org):
    ctx = sysadmin_context
    builders.dataset(ctx, "thue", owner_org="so-tai-chinh")
    ctx.call("organization_update", {"id": org["id"], "name": "so-tai-chinh", "title": "Mới"})
    shown = ctx.call("package_show", {"id": "thue"})
    assert shown["organization"]["title"] == "Mới"
    result = ctx.call("package_search", {"q": "thue"})
    assert result["results"][0]["organization"]["title"] == "Mới"

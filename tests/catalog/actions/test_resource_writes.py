"""Resource writes on link resources: CKAN's create/update/patch/delete semantics."""

from __future__ import annotations

import pytest

from catalog.actions.registry import ActionContext
from catalog.errors import NotAuthorized, NotFound, ValidationFailed
from tests.support import builders
from tests.support.accounts import person


@pytest.fixture
def dataset(sysadmin_context: ActionContext) -> dict:
    builders.organization(sysadmin_context, "so-a")
    return builders.dataset(sysadmin_context, "lien-ket", owner_org="so-a")


def test_create_update_patch_delete_a_link(sysadmin_context, dataset):
    ctx = sysadmin_context
    created = ctx.call(
        "resource_create",
        {"package_id": "lien-ket", "url": "http://example.org/a.csv", "name": "A",
         "description": "mô tả", "format": "csv", "colour": "đỏ"},
    )  # fmt: skip
    assert created["format"] == "csv" or created["format"] == "CSV"
    assert created["colour"] == "đỏ" and created["position"] == 0
    package = ctx.call("package_show", {"id": "lien-ket"})
    assert package["resources"] == [created]
    assert package["metadata_modified"] > dataset["metadata_modified"]
    updated = ctx.call("resource_update", {"id": created["id"], "url": "http://example.org/b"})
    assert updated["description"] is None and "colour" not in updated
    assert updated["name"] == "A" and updated["url"] == "http://example.org/b"
    patched = ctx.call("resource_patch", {"id": created["id"], "description": "mới"})
    assert patched["url"] == "http://example.org/b" and patched["description"] == "mới"
    assert ctx.call("resource_show", {"id": created["id"]}) == patched
    ctx.call("resource_delete", {"id": created["id"]})
    with pytest.raises(NotFound):
        ctx.call("resource_show", {"id": created["id"]})
    assert ctx.call("package_show", {"id": "lien-ket"})["resources"] == []


def test_errors(sysadmin_context, dataset):
    ctx = sysadmin_context
    with pytest.raises(ValidationFailed) as missing:
        ctx.call("resource_create", {"url": "http://x"})
    assert missing.value.errors == {"package_id": ["Missing value"]}
    with pytest.raises(NotFound):
        ctx.call("resource_create", {"package_id": "khong-co", "url": "http://x"})
    with pytest.raises(NotFound):
        ctx.call("resource_update", {"id": "00000000-0000-0000-0000-000000000000"})
    with pytest.raises(ValidationFailed) as bad:
        ctx.call("resource_create", {"package_id": "lien-ket", "size": "big"})
    assert bad.value.errors == {"resources": [{"size": ["Invalid integer"]}]}
    outsider = person(ctx, "nguoi-ngoai")
    with pytest.raises(NotAuthorized):
        outsider.call("resource_create", {"package_id": "lien-ket", "url": "http://x"})

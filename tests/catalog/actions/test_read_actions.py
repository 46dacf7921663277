"""The read actions' results and errors, as CKAN 2.11 gives them (both backends)."""

from __future__ import annotations

import re
import uuid

import pytest

from catalog.actions.registry import ActionContext, Identity
from catalog.errors import NotAuthorized, NotFound, ValidationFailed
from tests.support import builders

ISO = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?$")
PACKAGE_KEYS = {
    "author", "author_email", "creator_user_id", "extras", "groups", "id", "isopen",
    "license_id", "license_title", "license_url", "maintainer", "maintainer_email",
    "metadata_created", "metadata_modified", "name", "notes", "num_resources", "num_tags",
    "organization", "owner_org", "private", "relationships_as_object",
    "relationships_as_subject", "resources", "state", "tags", "title", "type", "url", "version",
}  # fmt: skip
RESOURCE_KEYS = {
    "cache_last_updated", "cache_url", "created", "datastore_active", "description", "format",
    "hash", "id", "last_modified", "metadata_modified", "mimetype", "mimetype_inner", "name",
    "package_id",
    "position", "resource_type", "size", "state", "url", "url_type",
}  # fmt: skip
ORG_IN_PACKAGE_KEYS = {
    "approval_status", "created", "description", "id", "image_url", "is_organization", "name",
    "state", "title", "type",
}  # fmt: skip


@pytest.fixture
def site(sysadmin_context: ActionContext) -> ActionContext:
    ctx = sysadmin_context
    builders.organization(ctx, "so-y-te", "Sở Y tế")
    builders.organization(ctx, "so-xay-dung", "Sở Xây dựng")
    builders.group(ctx, "y-te", "Y tế")
    builders.dataset(
        ctx,
        "benh-vien",
        title="  Bệnh viện  ",
        notes="Danh sách bệnh viện",
        owner_org="so-y-te",
        groups=["y-te"],
        tags=["y tế", "bệnh viện"],
        license_id="cc-by",
        extras={"frequency": "annual", "b": "2"},
        resources=[
            {"name": "bv.csv", "format": "CSV", "url": "http://example.org/bv.csv", "size": "12"},
            {"name": "bv.json", "format": "JSON", "url": "example.org/bv.json", "note": "x"},
        ],
    )
    builders.dataset(ctx, "cong-trinh", owner_org="so-xay-dung", license_id="other-open")
    builders.dataset(ctx, "bi-mat", owner_org="so-y-te", private=True)
    return ctx


def anonymous(ctx: ActionContext) -> ActionContext:
    return ActionContext(services=ctx.services, identity=None, registry=ctx.registry)


def test_package_show_has_ckan_keys_types_and_formats(site):
    shown = anonymous(site).call("package_show", {"id": "benh-vien"})
    assert set(shown) == PACKAGE_KEYS
    assert uuid.UUID(shown["id"])
    assert shown["title"] == "Bệnh viện"
    assert ISO.match(shown["metadata_created"]) and ISO.match(shown["metadata_modified"])
    assert shown["isopen"] is True and shown["private"] is False and shown["type"] == "dataset"
    assert shown["license_title"] == "Creative Commons Attribution"
    assert [t["name"] for t in shown["tags"]] == ["bệnh viện", "y tế"]
    assert set(shown["tags"][0]) == {"display_name", "id", "name", "state", "vocabulary_id"}
    assert shown["extras"] == [{"key": "b", "value": "2"}, {"key": "frequency", "value": "annual"}]
    assert set(shown["organization"]) == ORG_IN_PACKAGE_KEYS
    assert shown["owner_org"] == shown["organization"]["id"]
    group = shown["groups"][0]
    assert set(group) == {"description", "display_name", "id", "image_display_url", "name", "title"}
    first, second = shown["resources"]
    assert set(first) == RESOURCE_KEYS and set(second) == RESOURCE_KEYS | {"note"}
    assert (first["position"], second["position"]) == (0, 1)
    assert first["size"] == 12 and second["url"] == "http://example.org/bv.json"
    assert shown["num_resources"] == 2 and shown["num_tags"] == 2
    assert list(shown) == sorted(shown)


def test_package_show_by_id_equals_by_name_and_license_url_is_absent_without_url(site):
    ctx = anonymous(site)
    by_name = ctx.call("package_show", {"id": "cong-trinh"})
    assert ctx.call("package_show", {"id": by_name["id"]}) == by_name
    assert ctx.call("package_show", {"name_or_id": "cong-trinh"}) == by_name
    assert "license_url" not in by_name and by_name["license_title"] == "Other (Open)"
    assert by_name["title"] == "cong-trinh" and by_name["notes"] is None


def test_package_show_errors(site):
    ctx = anonymous(site)
    with pytest.raises(NotFound):
        ctx.call("package_show", {"id": "khong-co"})
    with pytest.raises(ValidationFailed) as missing:
        ctx.call("package_show", {})
    assert missing.value.errors == {"name_or_id": ["Missing value"]}
    with pytest.raises(NotAuthorized):
        ctx.call("package_show", {"id": "bi-mat"})
    assert site.call("package_show", {"id": "bi-mat"})["private"] is True


def test_package_list_is_public_active_names_in_order(site):
    ctx = anonymous(site)
    assert ctx.call("package_list", {}) == ["benh-vien", "cong-trinh"]
    assert ctx.call("package_list", {"limit": "1", "offset": "1"}) == ["cong-trinh"]
    with pytest.raises(ValidationFailed):
        ctx.call("package_list", {"limit": "-1"})


def test_current_package_list_with_resources_newest_first(site):
    result = anonymous(site).call("current_package_list_with_resources", {"limit": 5})
    assert [p["name"] for p in result] == ["cong-trinh", "benh-vien"]


def test_organization_list_and_show(site):
    ctx = anonymous(site)
    assert ctx.call("organization_list", {}) == ["so-xay-dung", "so-y-te"]
    assert ctx.call("organization_list", {"sort": "name desc"}) == ["so-y-te", "so-xay-dung"]
    assert ctx.call("organization_list", {"sort": "package_count"})[0] in {"so-y-te", "so-xay-dung"}
    with pytest.raises(ValidationFailed):
        ctx.call("organization_list", {"sort": "created"})
    full = ctx.call("organization_list", {"all_fields": True})
    assert {o["name"]: o["package_count"] for o in full} == {"so-xay-dung": 1, "so-y-te": 1}
    assert "users" not in full[0] and "extras" not in full[0]
    org = ctx.call("organization_show", {"id": "so-y-te"})
    assert org["package_count"] == 1 and org["is_organization"] is True
    assert org["display_name"] == "Sở Y tế" and org["type"] == "organization"
    assert [(u["name"], u["capacity"]) for u in org["users"]] == [("site_user", "admin")]
    assert org["extras"] == [] and org["groups"] == []
    assert "packages" not in org
    assert ctx.call("organization_show", {"id": org["id"]})["name"] == "so-y-te"
    with_datasets = ctx.call("organization_show", {"id": "so-y-te", "include_datasets": "true"})
    assert [p["name"] for p in with_datasets["packages"]] == ["benh-vien"]
    with pytest.raises(NotFound):
        ctx.call("organization_show", {"id": "y-te"})
    with pytest.raises(NotFound):
        ctx.call("group_show", {"id": "so-y-te"})


def test_sysadmin_counts_private_datasets(site):
    assert site.call("organization_show", {"id": "so-y-te"})["package_count"] == 2


def test_group_list_and_show(site):
    ctx = anonymous(site)
    assert ctx.call("group_list", {}) == ["y-te"]
    group = ctx.call("group_show", {"id": "y-te"})
    assert group["package_count"] == 1 and group["is_organization"] is False


def test_tags_licenses_status_help(site):
    ctx = anonymous(site)
    assert ctx.call("tag_list", {}) == ["bệnh viện", "y tế"]
    assert ctx.call("tag_list", {"query": "bệnh"}) == ["bệnh viện"]
    tag = ctx.call("tag_show", {"id": "y tế", "include_datasets": True})
    assert [p["name"] for p in tag["packages"]] == ["benh-vien"]
    licenses = ctx.call("license_list", {})
    assert [lic["id"] for lic in licenses][:3] == ["notspecified", "odc-pddl", "odc-odbl"]
    assert len(licenses) == 15
    assert all(isinstance(value, str) for lic in licenses for value in lic.values())
    assert ctx.call("status_show", {})["ckan_version"].startswith("2.11")
    assert "Search datasets" in ctx.call("help_show", {"name": "package_search"})
    with pytest.raises(NotFound):
        ctx.call("help_show", {"name": "nope"})
    assert ctx.call("site_read", {}) is True


def test_resource_show_search_and_format_autocomplete(site):
    ctx = anonymous(site)
    resource = ctx.call("package_show", {"id": "benh-vien"})["resources"][0]
    assert ctx.call("resource_show", {"id": resource["id"]}) == resource
    with pytest.raises(NotFound):
        ctx.call("resource_show", {"id": str(uuid.uuid4())})
    found = ctx.call("resource_search", {"query": "format:csv"})
    assert found["count"] == 1 and found["results"][0]["id"] == resource["id"]
    with pytest.raises(ValidationFailed):
        ctx.call("resource_search", {"query": "colour:red"})
    assert ctx.call("format_autocomplete", {"q": "s"}) == ["csv", "json"]


def test_package_autocomplete_matches_names_and_folded_titles(site):
    ctx = anonymous(site)
    result = ctx.call("package_autocomplete", {"q": "benh vien"})
    assert [r["name"] for r in result] == ["benh-vien"]
    assert result[0]["match_field"] == "title"
    assert ctx.call("package_autocomplete", {"q": "cong"})[0]["match_field"] == "name"


def test_member_of_the_organization_reads_private_dataset(site):
    from catalog.db.models import Member, User

    with site.services.session() as session:
        user = User(name="bien-tap-vien")
        session.add(user)
        session.flush()
        org_id = site.call("organization_show", {"id": "so-y-te"})["id"]
        session.add(Member(group_id=org_id, table_id=user.id, table_name="user", capacity="editor"))
    member = ActionContext(
        services=site.services, identity=Identity(user.id, user.name), registry=site.registry
    )
    assert member.call("package_show", {"id": "bi-mat"})["name"] == "bi-mat"
    assert member.call("package_search", {"include_private": True})["count"] == 3
    assert member.call("package_search", {})["count"] == 2

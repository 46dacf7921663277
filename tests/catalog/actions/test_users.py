"""user_show, user_create, api_token_*, member_* and organization/group_member_*,
with CKAN 2.11's rules and messages."""

from __future__ import annotations

import pytest

from catalog.actions.auth import authorize, is_authorized
from catalog.actions.registry import ActionContext
from catalog.db.models import Package
from catalog.errors import NotAuthorized, NotFound, ValidationFailed
from catalog.services.users import find_user, verify_password
from tests.support import accounts, builders


@pytest.fixture
def ctx(sysadmin_context: ActionContext) -> ActionContext:
    builders.organization(sysadmin_context, "so-tai-chinh")
    builders.group(sysadmin_context, "kinh-te")
    return sysadmin_context


def as_(ctx: ActionContext, who) -> ActionContext:
    return accounts.acting_as(ctx, who)


def members(ctx: ActionContext, org: str) -> set[tuple[str, str]]:
    """(name, capacity) of the organization's users, but for its creator, the site user."""
    users = ctx.call("organization_show", {"id": org})["users"]
    return {(u["name"], u["capacity"]) for u in users if u["name"] != "site_user"}


# ------------------------------------------------------------------------------ accounts


def test_user_create_rules(ctx):
    created = ctx.call(
        "user_create", {"name": "alice", "email": "alice@example.org", "password": "mật khẩu 1"}
    )
    assert created["name"] == "alice" and created["email"] == "alice@example.org"
    assert "password" not in created and "password_hash" not in created
    with ctx.services.session() as session:
        user = find_user(session, "alice")
        assert user.password_hash.startswith("$argon2")
        assert verify_password(user, "mật khẩu 1")
        assert not verify_password(user, "mật khẩu 2")
    with pytest.raises(ValidationFailed) as failed:
        ctx.call("user_create", {"name": "alice", "email": "ALICE@example.org", "password": "x"})
    assert failed.value.errors == {
        "name": ["That login name is not available."],
        "email": ["The email address 'ALICE@example.org' belongs to a registered user."],
        "password": ["Your password must be 8 characters or longer"],
    }
    with pytest.raises(ValidationFailed) as failed:
        ctx.call("user_create", {"name": "A", "email": "not-an-email"})
    assert failed.value.errors["name"] == [
        "Must be at least 2 characters long",
        "Must be purely lowercase alphanumeric (ascii) characters and these symbols: -_",
    ]
    assert failed.value.errors["email"] == ["Email not-an-email is not a valid format"]
    with pytest.raises(ValidationFailed) as failed:
        ctx.call("user_create", {"name": "x" * 101})
    assert failed.value.errors == {
        "name": ["Name must be a maximum of 100 characters long"],
        "email": ["Missing value"],
    }


def test_an_account_without_a_password_cannot_sign_in_with_one(ctx):
    accounts.user(ctx, "bob")
    with ctx.services.session() as session:
        bob = find_user(session, "bob")
        assert bob.password_hash is None
        assert not verify_password(bob, "")
        assert not verify_password(bob, "anything-at-all")


def test_only_sysadmins_create_users(ctx):
    alice = accounts.user(ctx, "alice")
    with pytest.raises(NotAuthorized, match="not authorized to create users via the API"):
        as_(ctx, alice).call("user_create", {"name": "eve", "email": "eve@example.org"})
    with pytest.raises(NotAuthorized, match="Action user_create requires|not authorized"):
        as_(ctx, None).call("user_create", {"name": "eve", "email": "eve@example.org"})


def test_user_show_hides_email_from_others(ctx):
    alice = accounts.user(ctx, "alice")
    bob = accounts.user(ctx, "bob")
    own = as_(ctx, alice).call("user_show", {"id": "alice"})
    assert own["email"] == "alice@example.org" and own["apikey"] is None
    assert own["display_name"] == "alice" and own["sysadmin"] is False
    assert own["email_hash"] and own["number_created_packages"] == 0
    assert "password_hash" not in own and "password" not in own
    for viewer in (bob, None):
        other = as_(ctx, viewer).call("user_show", {"id": alice.user_id})
        assert "email" not in other and "apikey" not in other
        assert other["name"] == "alice"
    assert ctx.call("user_show", {"id": "alice"})["email"] == "alice@example.org"
    assert as_(ctx, alice).call("user_show", {})["name"] == "alice"
    with pytest.raises(NotFound):
        ctx.call("user_show", {"id": "nobody"})


# -------------------------------------------------------------------------------- tokens


def test_token_actions_round_trip(ctx):
    alice = accounts.user(ctx, "alice")
    me = as_(ctx, alice)
    token = me.call("api_token_create", {"user": "alice", "name": "laptop"})["token"]
    assert isinstance(token, str) and len(token) > 40
    listed = me.call("api_token_list", {"user_id": "alice"})
    assert [item["name"] for item in listed] == ["laptop"]
    assert set(listed[0]) == {"id", "name", "user_id", "created_at", "last_access"}
    assert listed[0]["user_id"] == alice.user_id and token not in str(listed)
    assert me.call("api_token_list", {"user": alice.user_id}) == listed
    second = me.call("api_token_create", {"user": alice.user_id, "name": "ci"})["token"]
    me.call("api_token_revoke", {"token": token})
    assert [item["name"] for item in me.call("api_token_list", {"user": "alice"})] == ["ci"]
    jti = me.call("api_token_list", {"user": "alice"})[0]["id"]
    assert second.startswith(jti)
    me.call("api_token_revoke", {"jti": jti})
    assert me.call("api_token_list", {"user": "alice"}) == []


def test_tokens_are_their_owners_business(ctx):
    alice = accounts.user(ctx, "alice")
    bob = accounts.user(ctx, "bob")
    token = accounts.token(ctx, alice)
    jti = token.partition(".")[0]
    for caller in (bob,):
        with pytest.raises(NotAuthorized):
            as_(ctx, caller).call("api_token_create", {"user": "alice", "name": "x"})
        with pytest.raises(NotAuthorized):
            as_(ctx, caller).call("api_token_list", {"user": "alice"})
        with pytest.raises(NotAuthorized):
            as_(ctx, caller).call("api_token_revoke", {"jti": jti})
        with pytest.raises(NotAuthorized):
            as_(ctx, caller).call("api_token_revoke", {"token": token})
    anonymous = as_(ctx, None)
    with pytest.raises(NotAuthorized, match="Action api_token_create requires an authenticated"):
        anonymous.call("api_token_create", {"user": "alice", "name": "x"})
    with pytest.raises(NotAuthorized):
        anonymous.call("api_token_list", {"user": "alice"})
    with pytest.raises(NotAuthorized, match="Action api_token_revoke requires an authenticated"):
        anonymous.call("api_token_revoke", {"jti": jti})
    # an unknown token looks the same as somebody else's
    with pytest.raises(NotAuthorized):
        as_(ctx, bob).call("api_token_revoke", {"jti": "00000000-0000-0000-0000-000000000000"})
    with pytest.raises(NotAuthorized):
        as_(ctx, bob).call("api_token_list", {"user": "nobody"})
    assert len(as_(ctx, alice).call("api_token_list", {"user": "alice"})) == 1
    # sysadmins manage everybody's tokens
    assert ctx.call("api_token_create", {"user": "alice", "name": "ops"})["token"]
    assert len(ctx.call("api_token_list", {"user_id": "alice"})) == 2
    ctx.call("api_token_revoke", {"jti": jti})
    assert len(ctx.call("api_token_list", {"user_id": "alice"})) == 1


def test_token_action_input_errors(ctx):
    accounts.user(ctx, "alice")
    with pytest.raises(ValidationFailed) as failed:
        ctx.call("api_token_create", {})
    assert failed.value.errors == {"user": ["Missing value"], "name": ["Missing value"]}
    with pytest.raises(ValidationFailed) as failed:
        ctx.call("api_token_create", {"user": "alice", "name": ""})
    assert failed.value.errors == {"name": ["Missing value"]}
    with pytest.raises(NotFound, match="User not found"):
        ctx.call("api_token_create", {"user": "nobody", "name": "x"})
    with pytest.raises(ValidationFailed) as failed:
        ctx.call("api_token_list", {})
    assert failed.value.errors == {"user_id": ["Missing value"]}
    with pytest.raises(NotFound):
        ctx.call("api_token_list", {"user_id": "nobody"})
    with pytest.raises(ValidationFailed) as failed:
        ctx.call("api_token_revoke", {})
    assert failed.value.errors == {"token": ["Missing value"]}
    assert ctx.call("api_token_revoke", {"token": "garbage"}) is None


# ---------------------------------------------------------------------------- membership


def test_organization_member_create_by_admins_only(ctx):
    admin, editor, outsider = (accounts.user(ctx, n) for n in ("admin-a", "editor-a", "outsider"))
    accounts.member(ctx, "so-tai-chinh", admin, "admin")
    added = as_(ctx, admin).call(
        "organization_member_create",
        {"id": "so-tai-chinh", "username": "editor-a", "role": "editor"},
    )
    assert added["table_name"] == "user" and added["table_id"] == editor.user_id
    assert added["capacity"] == "editor" and added["state"] == "active"
    assert members(ctx, "so-tai-chinh") == {
        ("admin-a", "admin"),
        ("editor-a", "editor"),
    }
    for caller in (editor, outsider):
        with pytest.raises(
            NotAuthorized, match=f"User {caller.name} not authorized to add members"
        ):
            as_(ctx, caller).call(
                "organization_member_create",
                {"id": "so-tai-chinh", "username": "outsider", "role": "admin"},
            )
    with pytest.raises(NotAuthorized, match="requires an authenticated user"):
        as_(ctx, None).call(
            "organization_member_create", {"id": "so-tai-chinh", "username": "x", "role": "admin"}
        )


def test_organization_member_create_input_errors(ctx):
    accounts.user(ctx, "alice")
    with pytest.raises(ValidationFailed) as failed:
        ctx.call("organization_member_create", {"id": "so-tai-chinh"})
    assert failed.value.errors == {"username": ["Missing value"], "role": ["Missing value"]}
    with pytest.raises(ValidationFailed) as failed:
        ctx.call(
            "organization_member_create",
            {"id": "so-tai-chinh", "username": "nobody", "role": "boss"},
        )
    assert failed.value.errors == {
        "username": ["Not found: User"],
        "role": ["role does not exist."],
    }
    with pytest.raises(NotFound, match="Organization not found"):
        ctx.call(
            "organization_member_create", {"id": "kinh-te", "username": "alice", "role": "member"}
        )
    with pytest.raises(NotFound, match="Group not found"):
        ctx.call(
            "group_member_create", {"id": "so-tai-chinh", "username": "alice", "role": "member"}
        )


def test_admins_cannot_demote_themselves_but_can_be_demoted(ctx):
    admin = accounts.user(ctx, "admin-a")
    accounts.member(ctx, "so-tai-chinh", admin, "admin")
    with pytest.raises(NotAuthorized, match="Administrators cannot revoke their own admin status"):
        as_(ctx, admin).call(
            "organization_member_create",
            {"id": "so-tai-chinh", "username": "admin-a", "role": "member"},
        )
    demoted = ctx.call(
        "organization_member_create",
        {"id": "so-tai-chinh", "username": "admin-a", "role": "member"},
    )
    assert demoted["capacity"] == "member"


def test_member_delete_and_readd(ctx):
    admin, editor = accounts.user(ctx, "admin-a"), accounts.user(ctx, "editor-a")
    accounts.member(ctx, "so-tai-chinh", admin, "admin")
    first = accounts.member(ctx, "so-tai-chinh", editor, "editor")
    with pytest.raises(NotAuthorized, match="User editor-a not authorized to edit group"):
        as_(ctx, editor).call(
            "organization_member_delete", {"id": "so-tai-chinh", "username": "admin-a"}
        )
    as_(ctx, admin).call(
        "organization_member_delete", {"id": "so-tai-chinh", "user_id": "editor-a"}
    )
    assert members(ctx, "so-tai-chinh") == {("admin-a", "admin")}
    with ctx.services.session() as session:
        package = Package(name="p", owner_org=first["group_id"])
        assert not is_authorized(as_(ctx, editor), session, "package_update", package=package)
    again = as_(ctx, admin).call(
        "member_create",
        {"id": "so-tai-chinh", "object": "editor-a", "object_type": "user", "capacity": "member"},
    )
    assert again["id"] == first["id"] and again["capacity"] == "member"
    as_(ctx, admin).call(
        "member_delete", {"id": "so-tai-chinh", "object": editor.user_id, "object_type": "user"}
    )
    assert members(ctx, "so-tai-chinh") == {("admin-a", "admin")}
    with pytest.raises(NotFound, match="User was not found"):
        ctx.call("member_delete", {"id": "so-tai-chinh", "object": "nobody", "object_type": "user"})
    with pytest.raises(NotFound, match="Group was not found"):
        ctx.call("member_delete", {"id": "nowhere", "object": "admin-a", "object_type": "user"})
    with pytest.raises(ValidationFailed) as failed:
        ctx.call(
            "member_create",
            {"id": "so-tai-chinh", "object": "admin-a", "object_type": "tag", "capacity": "x"},
        )
    assert failed.value.errors == {"message": "Tag isn't a valid model"}


def test_member_create_role_validation(ctx):
    accounts.user(ctx, "alice")
    with pytest.raises(ValidationFailed) as failed:
        ctx.call(
            "member_create",
            {"id": "so-tai-chinh", "object": "alice", "object_type": "user", "capacity": "owner"},
        )
    assert failed.value.errors == {"capacity": ["role does not exist."]}
    with pytest.raises(ValidationFailed) as failed:
        ctx.call("member_create", {"id": "so-tai-chinh"})
    assert set(failed.value.errors) == {"object", "object_type", "capacity"}


def test_datasets_join_groups_through_member_create(ctx):
    builders.dataset(ctx, "ngan-sach", owner_org="so-tai-chinh")
    group_member, outsider = accounts.user(ctx, "thanh-vien"), accounts.user(ctx, "outsider")
    accounts.member(ctx, "kinh-te", group_member, "member", group=True)
    package_ref = {"id": "kinh-te", "object": "ngan-sach", "object_type": "package"}
    with pytest.raises(NotAuthorized, match="User outsider not authorized to edit group"):
        as_(ctx, outsider).call("member_create", {**package_ref, "capacity": "public"})
    added = as_(ctx, group_member).call("member_create", {**package_ref, "capacity": "public"})
    assert added["table_name"] == "package" and added["capacity"] == "public"
    shown = ctx.call("package_show", {"id": "ngan-sach"})
    assert [g["name"] for g in shown["groups"]] == ["kinh-te"]
    found = as_(ctx, None).call("package_search", {"fq": "groups:kinh-te"})
    assert [p["name"] for p in found["results"]] == ["ngan-sach"]
    as_(ctx, group_member).call("member_delete", package_ref)
    assert ctx.call("package_show", {"id": "ngan-sach"})["groups"] == []
    assert as_(ctx, None).call("package_search", {"fq": "groups:kinh-te"})["count"] == 0
    with pytest.raises(ValidationFailed) as failed:
        ctx.call(
            "member_create",
            {
                "id": "so-tai-chinh",
                "object": "ngan-sach",
                "object_type": "package",
                "capacity": "public",
            },
        )
    assert "object_type" in failed.value.errors


# ------------------------------------------------------------------------------ authorize


def test_authorize_messages_are_ckans(ctx):
    editor, outsider = accounts.user(ctx, "editor-a"), accounts.user(ctx, "outsider")
    accounts.member(ctx, "so-tai-chinh", editor, "editor")
    org_id = ctx.call("organization_show", {"id": "so-tai-chinh"})["id"]
    package = Package(id="p-1", name="p", owner_org=org_id)

    def allowed(who, permission, **objects) -> None:
        with ctx.services.session() as session:
            authorize(as_(ctx, who), session, permission, **objects)

    def message(who, permission, **objects) -> str:
        with ctx.services.session() as session, pytest.raises(NotAuthorized) as denied:
            authorize(as_(ctx, who), session, permission, **objects)
        return denied.value.detail

    allowed(editor, "package_update", package=package)
    allowed(editor, "package_create", owner_org=org_id)

    assert message(outsider, "package_update", package=package) == (
        "User outsider not authorized to edit package p-1"
    )
    assert message(None, "package_update", package=package) == (
        "User  not authorized to edit package p-1"
    )
    assert message(None, "package_delete", package=package) == (
        "Action package_delete requires an authenticated user"
    )
    assert message(outsider, "package_create", owner_org=org_id) == (
        "User outsider not authorized to create packages"
    )
    accounts.member(ctx, "kinh-te", outsider, "editor", group=True)
    other_org = builders.organization(ctx, "so-khac")["id"]
    accounts.member(ctx, "so-khac", outsider, "editor")
    assert message(outsider, "package_create", owner_org=org_id) == (
        "User outsider not authorized to add dataset to this organization"
    )
    allowed(outsider, "package_create", owner_org=other_org)
    group_id = ctx.call("group_show", {"id": "kinh-te"})["id"]
    assert message(editor, "package_update", package=package, groups=[group_id]) == (
        "User editor-a not authorized to edit these groups"
    )
    resource = type("R", (), {"id": "r-1"})()
    assert message(outsider, "resource_create", package=package) == (
        "User outsider not authorized to create resources on dataset p-1"
    )
    assert message(outsider, "resource_update", package=package, resource=resource) == (
        "User outsider not authorized to edit resource r-1"
    )
    assert message(outsider, "resource_delete", package=package, resource=resource) == (
        "User outsider not authorized to delete resource r-1"
    )
    assert message(editor, "dataset_purge", package=package) == ""
    assert message(editor, "organization_create") == (
        f"User {editor.user_id} not authorized to create organizations"
    )
    with pytest.raises(ValueError, match="Authorization function not found"):
        allowed(editor, "no_such_permission")

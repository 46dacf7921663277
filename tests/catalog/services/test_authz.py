"""CKAN's role model: the permission matrix of sysadmin / admin / editor / member /
non-member / anonymous over the authz rules."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from catalog.actions.registry import ActionContext, Identity
from catalog.db.models import Group, Package
from catalog.services import authz
from catalog.services.authz import AuthPolicy
from tests.support import accounts, builders

CALLERS = ("sysadmin", "admin", "editor", "member", "outsider", "anonymous")


@dataclass
class World:
    context: ActionContext
    org: str
    other_org: str
    group: str
    who: dict[str, Identity | None]


@pytest.fixture
def world(sysadmin_context: ActionContext) -> World:
    ctx = sysadmin_context
    org = builders.organization(ctx, "so-tai-chinh")["id"]
    other = builders.organization(ctx, "so-xay-dung")["id"]
    group = builders.group(ctx, "kinh-te")["id"]
    who: dict[str, Identity | None] = {
        "sysadmin": accounts.user(ctx, "quan-tri", sysadmin=True),
        "admin": accounts.user(ctx, "admin-a"),
        "editor": accounts.user(ctx, "editor-a"),
        "member": accounts.user(ctx, "member-a"),
        "outsider": accounts.user(ctx, "outsider"),
        "anonymous": None,
    }
    for role in ("admin", "editor", "member"):
        accounts.member(ctx, "so-tai-chinh", who[role], role)
    # The outsider edits for another organization: no rights in this one.
    accounts.member(ctx, "so-xay-dung", who["outsider"], "editor")
    # In the group, the editor is a plain member and the admin its admin.
    accounts.member(ctx, "kinh-te", who["admin"], "admin", group=True)
    accounts.member(ctx, "kinh-te", who["editor"], "member", group=True)
    return World(ctx, org, other, group, who)


def _matrix(world: World, question) -> dict[str, bool]:
    with world.context.services.session() as session:
        return {name: bool(question(session, world.who[name])) for name in CALLERS}


def _allowed(*names: str) -> dict[str, bool]:
    return {name: name in names for name in CALLERS}


def test_role_in_organization(world):
    with world.context.services.session() as session:
        roles = {
            name: authz.role_in_organization(session, ident.user_id if ident else None, world.org)
            for name, ident in world.who.items()
        }
    assert roles == {
        "sysadmin": None,
        "admin": "admin",
        "editor": "editor",
        "member": "member",
        "outsider": None,
        "anonymous": None,
    }


def test_a_new_role_replaces_the_old_one(world):
    accounts.member(world.context, "so-tai-chinh", world.who["member"], "editor")
    with world.context.services.session() as session:
        role = authz.role_in_organization(session, world.who["member"].user_id, world.org)
    assert role == "editor"


def test_create_dataset_in_organization(world):
    got = _matrix(world, lambda s, who: authz.can_create_dataset_in(s, who, world.org))
    assert got == _allowed("sysadmin", "admin", "editor")


def test_unowned_datasets_are_for_sysadmins_unless_the_policy_allows_them(world):
    got = _matrix(world, lambda s, who: authz.can_create_dataset_in(s, who, None))
    assert got == _allowed("sysadmin")
    open_policy = AuthPolicy(create_unowned_dataset=True)
    got = _matrix(world, lambda s, who: authz.can_create_dataset_in(s, who, None, open_policy))
    assert got == _allowed("sysadmin", "admin", "editor", "member", "outsider")


def test_create_datasets_at_all(world):
    got = _matrix(world, lambda s, who: authz.can_create_datasets(s, who))
    # editor or admin of *some* organization: the outsider edits for so-xay-dung
    assert got == _allowed("sysadmin", "admin", "editor", "outsider")


@pytest.mark.parametrize("question", [authz.can_update_package, authz.can_delete_package])
def test_update_and_delete_package(world, question):
    owned = Package(name="ngan-sach", owner_org=world.org, private=True)
    assert _matrix(world, lambda s, who: question(s, who, owned)) == _allowed(
        "sysadmin", "admin", "editor"
    )
    elsewhere = Package(name="xay-dung", owner_org=world.other_org)
    assert _matrix(world, lambda s, who: question(s, who, elsewhere)) == _allowed(
        "sysadmin", "outsider"
    )
    unowned = Package(name="vo-chu", owner_org=None)
    assert _matrix(world, lambda s, who: question(s, who, unowned)) == _allowed("sysadmin")


def test_members_read_private_datasets_of_their_organization(world):
    private = Package(name="rieng", owner_org=world.org, private=True, state="active")

    def reads(session, who):
        view = authz.viewer_for(session, who.user_id if who else None, bool(who and who.sysadmin))
        return authz.can_read_package(view, private)

    assert _matrix(world, reads) == _allowed("sysadmin", "admin", "editor", "member")
    got = _matrix(world, lambda s, who: authz.can_read_private_package(s, who, private))
    assert got == _allowed("sysadmin", "admin", "editor", "member")
    public = Package(name="cong-khai", owner_org=world.org, private=False, state="active")
    got = _matrix(
        world, lambda s, who: authz.can_read_package(authz.viewer_for(s, None, False), public)
    )
    assert got == _allowed(*CALLERS)


@pytest.mark.parametrize(
    "question",
    [authz.can_manage_organization, authz.can_manage_members, authz.can_delete_organization],
)
def test_organization_administration_is_for_its_admins(world, question):
    assert _matrix(world, lambda s, who: question(s, who, world.org)) == _allowed(
        "sysadmin", "admin"
    )


def test_deleting_organizations_can_be_switched_off_for_admins(world):
    closed = AuthPolicy(user_delete_organizations=False)
    got = _matrix(world, lambda s, who: authz.can_delete_organization(s, who, world.org, closed))
    assert got == _allowed("sysadmin")


def test_creating_organizations_and_groups_is_for_sysadmins(world):
    got = _matrix(world, lambda s, who: authz.can_create_organization(who))
    assert got == _allowed("sysadmin")
    got = _matrix(world, lambda s, who: authz.can_create_group(who))
    assert got == _allowed("sysadmin")
    ckan_default = AuthPolicy(user_create_organizations=True, user_create_groups=True)
    got = _matrix(world, lambda s, who: authz.can_create_organization(who, ckan_default))
    assert got == _allowed("sysadmin", "admin", "editor", "member", "outsider")


def test_groups(world):
    got = _matrix(world, lambda s, who: authz.can_manage_group(s, who, world.group))
    assert got == _allowed("sysadmin", "admin")
    got = _matrix(world, lambda s, who: authz.can_delete_group(s, who, world.group))
    assert got == _allowed("sysadmin", "admin")
    # any role in the group may put datasets into it (CKAN's manage_group)
    got = _matrix(world, lambda s, who: authz.can_add_package_to_group(s, who, world.group))
    assert got == _allowed("sysadmin", "admin", "editor")


def test_unknown_groups_grant_nothing_but_sysadmin_checks_still_need_the_group(world):
    got = _matrix(world, lambda s, who: authz.can_manage_organization(s, who, "no-such-id"))
    assert got == _allowed()
    got = _matrix(world, lambda s, who: authz.can_manage_organization(s, who, None))
    assert got == _allowed()


def test_organization_ids_for(world):
    with world.context.services.session() as session:

        def ids(name: str, min_role: str) -> set[str]:
            return authz.organization_ids_for(session, world.who[name].user_id, min_role)

        assert ids("admin", "member") == {world.org}
        assert ids("member", "member") == {world.org}
        assert ids("member", "editor") == set()
        assert ids("editor", "editor") == {world.org}
        assert ids("editor", "admin") == set()
        assert ids("outsider", "editor") == {world.other_org}
        assert authz.organization_ids_for(session, None) == set()
        groups = authz.organization_ids_for(
            session, world.who["editor"].user_id, organizations=False
        )
        assert groups == {world.group}


def test_roles_in_a_deleted_organization_do_not_count_for_creating_datasets(world):
    with world.context.services.session() as session:
        session.get(Group, world.other_org).state = "deleted"
    got = _matrix(world, lambda s, who: authz.can_create_datasets(s, who))
    assert got == _allowed("sysadmin", "admin", "editor")


def test_role_permissions_are_ckans():
    assert authz.role_permits("admin", "anything-at-all")
    assert authz.role_permits("editor", "update_dataset")
    assert not authz.role_permits("editor", "membership")
    assert authz.role_permits("member", "read")
    assert authz.role_permits("member", "manage_group")
    assert not authz.role_permits("member", "create_dataset")
    assert not authz.role_permits(None, "read")
    assert not authz.role_permits("public", "read")

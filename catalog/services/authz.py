"""Who may do what: CKAN 2.11's permission rules (`ckan/authz.py`, `ckan/logic/auth/*`)
reduced to questions over our tables.

Roles live in the `members` table (table_name "user"); a role is one of the capacities
`admin`, `editor` and `member`, and means the permissions of `ROLE_PERMISSIONS` in that
organization or group. Sysadmins may do everything. Reading follows CKAN's permission labels
(`viewer_for`, `can_read_package`).

The functions take the caller as anything with `user_id` and `sysadmin` (the actions'
`Identity`), or None for an anonymous caller; they answer yes or no and never raise: the
actions' `authorize` turns a no into CKAN's NotAuthorized message.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from catalog.db.models import Group, Member, Package
from catalog.services.search.service import Viewer

ROLES = ("admin", "editor", "member")

# CKAN's ROLE_PERMISSIONS: "admin" in a role's permissions grants every permission.
ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    "admin": frozenset({"admin", "membership"}),
    "editor": frozenset(
        {"read", "delete_dataset", "create_dataset", "update_dataset", "manage_group"}
    ),
    "member": frozenset({"read", "manage_group"}),
}

# What a role at least means, for `organization_ids_for(..., min_role=...)`.
_RANK = {"member": 1, "editor": 2, "admin": 3}


class Caller(Protocol):
    """The caller as the rules see it (the actions' Identity satisfies it)."""

    @property
    def user_id(self) -> str: ...

    @property
    def sysadmin(self) -> bool: ...


@dataclass(frozen=True)
class AuthPolicy:
    """CKAN's `ckan.auth.*` switches that change the rules here.

    Defaults are this catalog's: unowned datasets and new organizations and groups are for
    sysadmins only (CKAN 2.11 lets any signed-in user create organizations and groups).
    """

    create_unowned_dataset: bool = False
    user_create_organizations: bool = False
    user_create_groups: bool = False
    user_delete_organizations: bool = True
    user_delete_groups: bool = True


DEFAULT_POLICY = AuthPolicy()


def role_permits(role: str | None, permission: str) -> bool:
    """Whether a capacity grants a permission (CKAN: admin grants everything)."""
    granted = ROLE_PERMISSIONS.get(role or "", frozenset())
    return "admin" in granted or permission in granted


def is_sysadmin(identity: Caller | None) -> bool:
    return bool(identity is not None and identity.sysadmin)


# ---------------------------------------------------------------------------------- roles


def role_in_organization(session: Session, user_id: str | None, org_id: str | None) -> str | None:
    """The user's active capacity in an organization or group (None if not a member).

    If a user somehow holds several rows, the strongest role wins.
    """
    if not user_id or not org_id:
        return None
    capacities = session.execute(
        select(Member.capacity).where(
            Member.group_id == org_id,
            Member.table_name == "user",
            Member.table_id == user_id,
            Member.state == "active",
        )
    ).scalars()
    best = None
    for capacity in capacities:
        if capacity in _RANK and (best is None or _RANK[capacity] > _RANK[best]):
            best = capacity
    return best


def organization_ids_for(
    session: Session,
    user_id: str | None,
    min_role: str = "member",
    *,
    organizations: bool = True,
) -> set[str]:
    """Ids of the active organizations (or, with organizations=False, groups) in which the
    user holds at least `min_role`."""
    if not user_id:
        return set()
    roles = [role for role, rank in _RANK.items() if rank >= _RANK[min_role]]
    rows = session.execute(
        select(Member.group_id)
        .join(Group, Group.id == Member.group_id)
        .where(
            Member.table_name == "user",
            Member.table_id == user_id,
            Member.state == "active",
            Member.capacity.in_(roles),
            Group.state == "active",
            Group.is_organization.is_(organizations),
        )
    ).scalars()
    return set(rows)


def has_permission(
    session: Session, identity: Caller | None, group_id: str | None, permission: str
) -> bool:
    """CKAN's has_user_permission_for_group_or_org: sysadmin, or a role in that existing
    organization/group that grants `permission`."""
    if not group_id or session.get(Group, group_id) is None:
        return False
    if is_sysadmin(identity):
        return True
    if identity is None:
        return False
    return role_permits(role_in_organization(session, identity.user_id, group_id), permission)


def has_permission_in_some_organization(
    session: Session, identity: Caller | None, permission: str
) -> bool:
    """CKAN's has_user_permission_for_some_org: a role granting `permission` in any active
    organization."""
    if is_sysadmin(identity):
        return True
    if identity is None:
        return False
    roles = [role for role in ROLES if role_permits(role, permission)]
    found = session.execute(
        select(Member.id)
        .join(Group, Group.id == Member.group_id)
        .where(
            Member.table_name == "user",
            Member.table_id == identity.user_id,
            Member.state == "active",
            Member.capacity.in_(roles),
            Group.state == "active",
            Group.is_organization.is_(True),
        )
        .limit(1)
    ).first()
    return found is not None


# ------------------------------------------------------------------------------- datasets


def can_create_dataset_in(
    session: Session,
    identity: Caller | None,
    org_id: str | None,
    policy: AuthPolicy = DEFAULT_POLICY,
) -> bool:
    """May the caller add a dataset to this organization? (editor or admin; sysadmin).

    Without an organization: only sysadmins, unless the policy allows unowned datasets to
    signed-in users.
    """
    if is_sysadmin(identity):
        return True
    if org_id is None:
        return identity is not None and policy.create_unowned_dataset
    return has_permission(session, identity, org_id, "create_dataset")


def can_create_datasets(
    session: Session, identity: Caller | None, policy: AuthPolicy = DEFAULT_POLICY
) -> bool:
    """May the caller create datasets at all? (CKAN's first package_create check: editor or
    admin of some organization, or unowned datasets allowed)."""
    if identity is not None and policy.create_unowned_dataset:
        return True
    return has_permission_in_some_organization(session, identity, "create_dataset")


def can_update_package(
    session: Session,
    identity: Caller | None,
    package: Package,
    policy: AuthPolicy = DEFAULT_POLICY,
) -> bool:
    """Editor or admin of the dataset's organization, or sysadmin. An unowned dataset is
    editable by sysadmins only (or by any signed-in user when the policy allows unowned
    datasets)."""
    if is_sysadmin(identity):
        return True
    if package.owner_org is None:
        return identity is not None and policy.create_unowned_dataset
    return has_permission(session, identity, package.owner_org, "update_dataset")


def can_delete_package(
    session: Session,
    identity: Caller | None,
    package: Package,
    policy: AuthPolicy = DEFAULT_POLICY,
) -> bool:
    """CKAN defers package_delete to package_update: the same people."""
    return can_update_package(session, identity, package, policy)


def can_read_private_package(session: Session, identity: Caller | None, package: Package) -> bool:
    """Any role in the dataset's organization ('read'), or sysadmin."""
    if is_sysadmin(identity):
        return True
    return has_permission(session, identity, package.owner_org, "read")


# -------------------------------------------------------------------- organizations, groups


def can_create_organization(identity: Caller | None, policy: AuthPolicy = DEFAULT_POLICY) -> bool:
    if is_sysadmin(identity):
        return True
    return identity is not None and policy.user_create_organizations


def can_create_group(identity: Caller | None, policy: AuthPolicy = DEFAULT_POLICY) -> bool:
    if is_sysadmin(identity):
        return True
    return identity is not None and policy.user_create_groups


def can_manage_organization(session: Session, identity: Caller | None, org_id: str | None) -> bool:
    """Edit (and, policy allowing, delete) an organization: its admins and sysadmins."""
    return has_permission(session, identity, org_id, "update")


def can_delete_organization(
    session: Session,
    identity: Caller | None,
    org_id: str | None,
    policy: AuthPolicy = DEFAULT_POLICY,
) -> bool:
    if is_sysadmin(identity):
        return True
    return policy.user_delete_organizations and has_permission(session, identity, org_id, "delete")


def can_manage_group(session: Session, identity: Caller | None, group_id: str | None) -> bool:
    """Edit a group (theme): its admins and sysadmins."""
    return has_permission(session, identity, group_id, "update")


def can_delete_group(
    session: Session,
    identity: Caller | None,
    group_id: str | None,
    policy: AuthPolicy = DEFAULT_POLICY,
) -> bool:
    if is_sysadmin(identity):
        return True
    return policy.user_delete_groups and has_permission(session, identity, group_id, "delete")


def can_manage_members(session: Session, identity: Caller | None, group_id: str | None) -> bool:
    """Add, change and remove user members (CKAN's 'membership'): admins and sysadmins."""
    return has_permission(session, identity, group_id, "membership")


def can_add_package_to_group(
    session: Session, identity: Caller | None, group_id: str | None
) -> bool:
    """Put datasets into / take them out of a group (CKAN's 'manage_group'): any member of
    the group, whatever the role, and sysadmins."""
    return has_permission(session, identity, group_id, "manage_group")


# -------------------------------------------------------------------------------- reading


def viewer_for(session: Session, user_id: str | None, sysadmin: bool) -> Viewer:
    """What reading filters need: the organizations whose private datasets the user reads."""
    if user_id is None:
        return Viewer()
    org_ids = organization_ids_for(session, user_id, "member")
    return Viewer(user_id=user_id, sysadmin=sysadmin, organization_ids=frozenset(org_ids))


def can_read_package(viewer: Viewer, package: Package) -> bool:
    if viewer.sysadmin:
        return True
    if package.state == "active" and not package.private:
        return True
    if package.owner_org:
        return package.owner_org in viewer.organization_ids
    return viewer.user_id is not None and package.creator_user_id == viewer.user_id

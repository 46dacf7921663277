"""`authorize`: CKAN's auth functions by name, over the rules of `catalog.services.authz`.

An action resolves the objects it acts on first (a missing one is its NotFound), then calls

    authorize(context, session, "package_update", package=package)

which returns None when the caller may, and otherwise raises NotAuthorized with CKAN 2.11's
message (`ckan/logic/auth/*.py`, `ckan/authz.py::is_authorized`); the API shows it as
`"Access denied: <message>"`. As in CKAN, sysadmins pass every check, and an anonymous
caller of a write permission that CKAN does not open to anonymous users gets
`Action <name> requires an authenticated user`.

Keyword objects, by permission (ids are the objects' ids, already resolved from names):

| permission | objects |
| --- | --- |
| package_create | `owner_org` (organization id or None), `groups` (group ids, optional) |
| package_update, package_patch, package_revise | `package`, `groups` (ids being added; optional) |
| package_delete, package_show, dataset_purge, package_owner_org_update | `package` |
| resource_create | `package` |
| resource_update, resource_patch, resource_delete, resource_show | `resource` and its `package` |
| organization_update/patch/delete/purge, group_update/patch/delete/purge | `group` (a Group row) |
| organization_show, group_show | `group` |
| member_create, member_delete | `group`, `object_type` ("user" or "package") |
| organization_member_create/delete, group_member_create/delete | `group` |
| organization_create, group_create, user_create, user_delete, sysadmin | none |
| api_token_create, api_token_list | `user` (the token owner, a User row) |
| api_token_revoke | `token` (an ApiToken row, or None when no such token exists) |
| user_show | `user`; user_update: `user` |
| harvest_source_*, harvest_job_* | none (sysadmins only) |
| harvest_dataset_detach | `package` |
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy.orm import Session

from catalog.actions.registry import ActionContext, Identity
from catalog.errors import NotAuthorized
from catalog.services import authz
from catalog.services.authz import AuthPolicy

__all__ = ["authorize", "is_authorized", "PERMISSIONS"]

# Write auth functions CKAN lets anonymous callers reach (everything in logic/auth/get.py is
# open; in create/update/delete/patch only these are decorated auth_allow_anonymous_access).
_ANONYMOUS_WRITES = frozenset({"package_create", "package_update", "user_create", "user_update"})

Rule = Callable[["_Check"], str | None]


class _Check:
    """One authorization question: the caller, the session, the objects."""

    def __init__(
        self, context: ActionContext, session: Session, permission: str, objects: dict[str, Any]
    ) -> None:
        self.identity: Identity | None = context.identity
        self.session = session
        self.permission = permission
        self.objects = objects
        settings = getattr(context.services, "settings", None)
        self.policy: AuthPolicy = getattr(settings, "auth_policy", None) or authz.DEFAULT_POLICY

    @property
    def user(self) -> str:
        """The caller's name as CKAN's messages show it ('' when anonymous)."""
        return self.identity.name if self.identity else ""

    def get(self, key: str) -> Any:
        if key not in self.objects:
            raise TypeError(f"authorize({self.permission!r}) needs the keyword {key!r}")
        return self.objects[key]


# ----------------------------------------------------------------------------- datasets


def _groups_ok(check: _Check) -> bool:
    groups: Iterable[str] = check.objects.get("groups") or ()
    return all(authz.can_add_package_to_group(check.session, check.identity, g) for g in groups)


def _package_create(check: _Check) -> str | None:
    if not authz.can_create_datasets(check.session, check.identity, check.policy):
        return f"User {check.user} not authorized to create packages"
    if not _groups_ok(check):
        return f"User {check.user} not authorized to edit these groups"
    owner_org = check.objects.get("owner_org")
    if owner_org and not authz.can_create_dataset_in(
        check.session, check.identity, owner_org, check.policy
    ):
        return f"User {check.user} not authorized to add dataset to this organization"
    return None


def _package_update(check: _Check) -> str | None:
    package = check.get("package")
    if not authz.can_update_package(check.session, check.identity, package, check.policy):
        return f"User {check.user} not authorized to edit package {package.id}"
    if not _groups_ok(check):
        return f"User {check.user} not authorized to edit these groups"
    return None


def _package_show(check: _Check) -> str | None:
    package = check.get("package")
    if not _can_read(check, package):
        return f"User {check.user} not authorized to read package {package.id}"
    return None


def _can_read(check: _Check, package: Any) -> bool:
    identity = check.identity
    viewer = authz.viewer_for(
        check.session,
        identity.user_id if identity else None,
        bool(identity and identity.sysadmin),
    )
    return authz.can_read_package(viewer, package)


def _resource_create(check: _Check) -> str | None:
    package = check.get("package")
    if not authz.can_update_package(check.session, check.identity, package, check.policy):
        return f"User {check.user} not authorized to create resources on dataset {package.id}"
    return None


def _resource_update(check: _Check) -> str | None:
    resource, package = check.get("resource"), check.get("package")
    if not authz.can_update_package(check.session, check.identity, package, check.policy):
        return f"User {check.user} not authorized to edit resource {resource.id}"
    return None


def _resource_delete(check: _Check) -> str | None:
    resource, package = check.get("resource"), check.get("package")
    if not authz.can_delete_package(check.session, check.identity, package, check.policy):
        return f"User {check.user} not authorized to delete resource {resource.id}"
    return None


def _resource_show(check: _Check) -> str | None:
    resource, package = check.get("resource"), check.get("package")
    if not _can_read(check, package):
        return f"User {check.user} not authorized to read resource {resource.id}"
    return None


# ------------------------------------------------------------------ organizations, groups


def _organization_create(check: _Check) -> str | None:
    if not authz.can_create_organization(check.identity, check.policy):
        return f"User {_user_id(check)} not authorized to create organizations"
    return None


def _group_create(check: _Check) -> str | None:
    if not authz.can_create_group(check.identity, check.policy):
        return f"User {_user_id(check)} not authorized to create groups"
    return None


def _user_id(check: _Check) -> str | None:
    # CKAN's organization_create/group_create messages name the user by id.
    return check.identity.user_id if check.identity else None


def _group_update(check: _Check) -> str | None:
    group = check.get("group")
    if not authz.can_manage_group(check.session, check.identity, group.id):
        kind = "organization" if group.is_organization else "group"
        return f"User {check.user} not authorized to edit {kind} {group.id}"
    return None


def _group_delete(check: _Check) -> str | None:
    group = check.get("group")
    kind = "organization" if group.is_organization else "group"
    allowed_at_all = (
        check.policy.user_delete_organizations
        if group.is_organization
        else check.policy.user_delete_groups
    )
    if not allowed_at_all:
        return f"User {check.user} not authorized to delete {kind}s"
    if not authz.has_permission(check.session, check.identity, group.id, "delete"):
        return f"User {check.user} not authorized to delete {kind} {group.id}"
    return None


def _group_show(check: _Check) -> str | None:
    group = check.get("group")
    if group.state == "active":
        return None
    if not authz.has_permission(check.session, check.identity, group.id, "read"):
        return f"User {check.user} not authorized to read group {group.id}"
    return None


def _member_create(check: _Check) -> str | None:
    group = check.get("group")
    object_type = check.objects.get("object_type", "user")
    if not group.is_organization and object_type == "package":
        allowed = authz.can_add_package_to_group(check.session, check.identity, group.id)
    else:
        allowed = authz.has_permission(check.session, check.identity, group.id, "update")
    if not allowed:
        return f"User {check.user} not authorized to edit group {group.id}"
    return None


def _group_member_create(check: _Check) -> str | None:
    group = check.get("group")
    if not authz.can_manage_members(check.session, check.identity, group.id):
        return f"User {check.user} not authorized to add members"
    return None


def _group_member_delete(check: _Check) -> str | None:
    # CKAN passes these and lets member_delete (i.e. member_create's rule) decide.
    group = check.get("group")
    if not authz.has_permission(check.session, check.identity, group.id, "update"):
        return f"User {check.user} not authorized to edit group {group.id}"
    return None


# ---------------------------------------------------------------------- users and tokens


def _own_user(check: _Check) -> str | None:
    user = check.get("user")
    if check.identity is None or user is None or user.id != check.identity.user_id:
        return ""
    return None


def _api_token_revoke(check: _Check) -> str | None:
    token = check.get("token")
    # No difference between an unknown token and somebody else's (CKAN: no key discovery).
    if check.identity is None or token is None or token.user_id != check.identity.user_id:
        return ""
    return None


def _user_update(check: _Check) -> str | None:
    user = check.get("user")
    if check.identity is None:
        return "Have to be logged in to edit user"
    if user.id != check.identity.user_id:
        return f"User {check.user} not authorized to edit user {user.id}"
    return None


def _user_create(check: _Check) -> str | None:
    return f"User {check.user} not authorized to create users via the API"


def _harvest_admin(check: _Check) -> str | None:
    return f"User {check.user} not authorized to manage harvesting"


def _harvest_dataset_detach(check: _Check) -> str | None:
    package = check.get("package")
    if not authz.has_permission(check.session, check.identity, package.owner_org, "admin"):
        return f"User {check.user} not authorized to detach package {package.id}"
    return None


def _anyone(check: _Check) -> str | None:
    return None


def _sysadmin_only(check: _Check) -> str | None:
    return ""


PERMISSIONS: dict[str, Rule] = {
    "package_create": _package_create,
    "package_update": _package_update,
    "package_patch": _package_update,
    "package_revise": _package_update,
    "package_delete": _package_update,  # CKAN defers package_delete to package_update
    "package_show": _package_show,
    "dataset_purge": _sysadmin_only,
    "package_owner_org_update": _sysadmin_only,
    "resource_create": _resource_create,
    "resource_update": _resource_update,
    "resource_patch": _resource_update,
    "resource_delete": _resource_delete,
    "resource_show": _resource_show,
    "organization_create": _organization_create,
    "group_create": _group_create,
    "organization_update": _group_update,
    "organization_patch": _group_update,
    "group_update": _group_update,
    "group_patch": _group_update,
    "organization_delete": _group_delete,
    "group_delete": _group_delete,
    "organization_purge": _sysadmin_only,
    "group_purge": _sysadmin_only,
    "organization_show": _group_show,
    "group_show": _group_show,
    "member_create": _member_create,
    "member_delete": _member_create,
    "organization_member_create": _group_member_create,
    "group_member_create": _group_member_create,
    "organization_member_delete": _group_member_delete,
    "group_member_delete": _group_member_delete,
    "api_token_create": _own_user,
    "api_token_list": _own_user,
    "api_token_revoke": _api_token_revoke,
    "user_show": _anyone,
    "user_create": _user_create,
    "user_update": _user_update,
    "user_delete": _sysadmin_only,
    "sysadmin": _sysadmin_only,
    # harvesting: sources and jobs are the sysadmins'; an organization admin may take over
    # (detach) a harvested dataset of that organization
    "harvest_source_create": _harvest_admin,
    "harvest_source_update": _harvest_admin,
    "harvest_source_delete": _harvest_admin,
    "harvest_job_create": _harvest_admin,
    "harvest_job_abort": _harvest_admin,
    "harvest_job_show": _harvest_admin,
    "harvest_dataset_detach": _harvest_dataset_detach,
}

# get.py-style permissions: open to anonymous callers (the rule still decides).
_READS = frozenset(
    {
        "package_show",
        "resource_show",
        "organization_show",
        "group_show",
        "user_show",
        "api_token_list",
        "sysadmin",
    }
)


def _decide(
    context: ActionContext, session: Session, permission: str, objects: dict[str, Any]
) -> str | None:
    """None when allowed, else CKAN's message ('' for CKAN's message-less refusals)."""
    try:
        rule = PERMISSIONS[permission]
    except KeyError:
        raise ValueError(f"Authorization function not found: {permission}") from None
    identity = context.identity
    if identity is not None and identity.sysadmin:
        return None
    if identity is None and permission not in _READS and permission not in _ANONYMOUS_WRITES:
        return f"Action {permission} requires an authenticated user"
    return rule(_Check(context, session, permission, objects))


def authorize(context: ActionContext, session: Session, permission: str, **objects: Any) -> None:
    """Raise NotAuthorized (CKAN's wording) unless the caller has `permission` on the objects.

    `permission` is a CKAN auth function name (see PERMISSIONS); an unknown name is a
    programming error (ValueError), as in CKAN.
    """
    message = _decide(context, session, permission, objects)
    if message is not None:
        raise NotAuthorized(message)


def is_authorized(
    context: ActionContext, session: Session, permission: str, **objects: Any
) -> bool:
    """`authorize` as a yes/no question (CKAN's is_authorized_boolean)."""
    return _decide(context, session, permission, objects) is None

"""Users, API tokens and memberships: user_show, api_token_create / list / revoke,
member_create / member_delete, organization_member_create / delete,
group_member_create / delete (CKAN 2.11 `logic/action/{get,create,delete}.py`)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from catalog.actions.auth import authorize
from catalog.actions.common import package_dict, site_url
from catalog.actions.params import Params, as_bool
from catalog.actions.registry import ActionContext, action
from catalog.db.models import ApiToken, Group, Member, Package, User
from catalog.errors import NotAuthorized, NotFound, ValidationFailed
from catalog.services import tokens
from catalog.services.authz import ROLES
from catalog.services.packages import find_package, reindex
from catalog.services.users import create_user, find_user, user_dict

USER_DATASETS_MAX = 50


def _required(data_dict: dict[str, Any], *keys: str) -> list[str]:
    """CKAN's get_or_bust: every key present and non-empty, else one 409 naming them all."""
    params = Params(data_dict)
    values = [params.required_string(key) for key in keys]
    params.check()
    return values


# ----------------------------------------------------------------------------- users


def _created_packages(user: User, private: bool) -> Any:
    """The datasets the user created that the user dict counts and lists."""
    query = select(Package).where(Package.creator_user_id == user.id)
    if private:
        query = query.where(Package.state.in_(("active", "draft")))
    else:
        query = query.where(Package.state == "active", Package.private.is_(False))
    return query


@action(side_effect_free=True)
def user_show(context: ActionContext, data_dict: dict[str, Any]) -> dict[str, Any]:
    """Return a user account.

    :param id: the user's id or name (default: the caller)
    :param include_datasets: include up to 50 datasets the user created (default false)

    Email and `apikey` (always null: use API tokens) are shown to the user and to sysadmins
    only; the password hash never is.
    """
    reference = data_dict.get("id")
    if reference in (None, "") and context.identity is not None:
        reference = context.identity.user_id
    with context.services.session() as session:
        user = find_user(session, str(reference)) if reference not in (None, "") else None
        authorize(context, session, "user_show", user=user)
        if user is None:
            raise NotFound("User not found")
        identity = context.identity
        private = identity is not None and (identity.sysadmin or identity.user_id == user.id)
        created = _created_packages(user, private)
        count = session.execute(select(func.count()).select_from(created.subquery())).scalar_one()
        result = user_dict(user, private=private, number_created_packages=count)
        if as_bool(data_dict.get("include_datasets", False)):
            packages = session.execute(
                created.order_by(Package.metadata_modified.desc()).limit(USER_DATASETS_MAX)
            ).scalars()
            result["datasets"] = [package_dict(context, session, pkg) for pkg in packages]
    return result


@action()
def user_create(context: ActionContext, data_dict: dict[str, Any]) -> dict[str, Any]:
    """Create a user account (sysadmins only, as CKAN's default
    `ckan.auth.create_user_via_api = false`).

    :param name: 2-100 characters of a-z, 0-9, - and _
    :param email: the user's email address (unique)
    :param password: at least 8 characters (optional here: an account without one cannot
        sign in with a password, only use API tokens a sysadmin creates for it)
    :param fullname: (optional); :param sysadmin: make the account a sysadmin (default false)
    """
    with context.services.session(write=True) as session:
        authorize(context, session, "user_create")
        password = data_dict.get("password")
        user = create_user(
            session,
            data_dict.get("name"),
            data_dict.get("email"),
            password=None if password in (None, "") else password,
            sysadmin=as_bool(data_dict.get("sysadmin", False)),
            fullname=str(data_dict["fullname"]) if data_dict.get("fullname") else None,
        )
        return user_dict(user, private=True)


# ---------------------------------------------------------------------------- tokens


@action()
def api_token_create(context: ActionContext, data_dict: dict[str, Any]) -> dict[str, str]:
    """Create an API token for a user (yourself; sysadmins: anyone).

    :param user: the owner's name or id
    :param name: a name for the token, to tell it apart in api_token_list

    Returns `{"token": "<token>"}`: the only time the token is shown. Send it as the
    `Authorization` header (also `Authorization: Bearer <token>` or `X-CKAN-API-Key`).
    """
    reference, name = _required(data_dict, "user", "name")
    with context.services.session(write=True) as session:
        user = find_user(session, reference)
        if user is None:
            raise NotFound("User not found")
        authorize(context, session, "api_token_create", user=user)
        issued = tokens.create_token(session, user, name)
    return {"token": issued.token}


@action(side_effect_free=True)
def api_token_list(context: ActionContext, data_dict: dict[str, Any]) -> list[dict[str, Any]]:
    """Return a user's API tokens (never their secrets).

    :param user_id: the user's id or name (`user` is accepted too)

    Each item: id, name, user_id, created_at, last_access.
    """
    reference = data_dict.get("user_id", data_dict.get("user"))
    if reference in (None, ""):
        raise ValidationFailed({"user_id": ["Missing value"]})
    with context.services.session() as session:
        user = find_user(session, str(reference))
        authorize(context, session, "api_token_list", user=user)
        if user is None:
            raise NotFound("User not found")
        return [tokens.token_dict(row) for row in tokens.list_tokens(session, user.id)]


@action()
def api_token_revoke(context: ActionContext, data_dict: dict[str, Any]) -> None:
    """Revoke (delete) an API token.

    :param token: the token itself (required unless `jti` is given)
    :param jti: the token's id, as api_token_list shows it (wins over `token`)
    """
    jti = data_dict.get("jti")
    if jti in (None, ""):
        (token,) = _required(data_dict, "token")
        jti = tokens.token_id_of(token)
    with context.services.session(write=True) as session:
        row = session.get(ApiToken, str(jti)) if jti else None
        authorize(context, session, "api_token_revoke", token=row)
        if row is not None:
            tokens.revoke_token(session, row.id)
    return None


# ----------------------------------------------------------------------- memberships


def _group(session: Session, reference: str, *, is_org: bool | None) -> Group:
    group = session.execute(
        select(Group).where((Group.id == reference) | (Group.name == reference)).limit(1)
    ).scalar_one_or_none()
    if group is None or (is_org is not None and group.is_organization != is_org):
        if is_org is None:
            raise NotFound("Group was not found.")
        raise NotFound("Organization not found" if is_org else "Group not found")
    return group


def _object(session: Session, object_type: str, reference: str) -> User | Package:
    found: User | Package | None
    if object_type == "user":
        found = find_user(session, reference)
    elif object_type == "package":
        found = find_package(session, reference)
    else:
        raise ValidationFailed({"message": f"{object_type.title()} isn't a valid model"})
    if found is None:
        raise NotFound(f"{object_type.title()} was not found.")
    return found


def _membership(session: Session, group: Group, table_name: str, table_id: str) -> Member | None:
    """The membership row, an active one first."""
    rows = session.execute(
        select(Member).where(
            Member.group_id == group.id,
            Member.table_name == table_name,
            Member.table_id == table_id,
        )
    ).scalars()
    ordered = sorted(rows, key=lambda member: member.state != "active")
    return ordered[0] if ordered else None


def member_dict(member: Member) -> dict[str, Any]:
    return {
        "id": member.id,
        "table_name": member.table_name,
        "table_id": member.table_id,
        "capacity": member.capacity,
        "group_id": member.group_id,
        "state": member.state,
    }


def _add_member(
    context: ActionContext,
    session: Session,
    group: Group,
    obj: User | Package,
    object_type: str,
    capacity: str,
) -> dict[str, Any]:
    if object_type == "user" and capacity not in ROLES:
        raise ValidationFailed({"capacity": ["role does not exist."]})
    if object_type == "package" and group.is_organization:
        raise ValidationFailed(
            {"object_type": ["Datasets belong to an organization through their owner_org"]}
        )
    member = _membership(session, group, object_type, obj.id)
    if member is not None:
        identity = context.identity
        if (
            identity is not None
            and object_type == "user"
            and member.table_id == identity.user_id
            and member.state == "active"
            and member.capacity == "admin"
            and capacity != "admin"
        ):
            raise NotAuthorized("Administrators cannot revoke their own admin status")
        member.state = "active"
    else:
        member = Member(group_id=group.id, table_name=object_type, table_id=obj.id)
    member.capacity = capacity
    session.add(member)
    session.flush()
    if isinstance(obj, Package):
        reindex(session, context.services.search, obj, site_url(context))
    return member_dict(member)


def _remove_member(
    context: ActionContext, session: Session, group: Group, obj: User | Package, object_type: str
) -> None:
    member = _membership(session, group, object_type, obj.id)
    if member is not None and member.state == "active":
        member.state = "deleted"
        session.add(member)
        session.flush()
        if isinstance(obj, Package):
            reindex(session, context.services.search, obj, site_url(context))


@action()
def member_create(context: ActionContext, data_dict: dict[str, Any]) -> dict[str, Any]:
    """Make a user or a dataset a member of an organization or group, or change the
    capacity of an existing membership.

    :param id: the organization's or group's id or name
    :param object: the user's or dataset's id or name
    :param object_type: "user" or "package" (datasets join groups; an organization's
        datasets are those it owns)
    :param capacity: for users "admin", "editor" or "member"; for datasets "public"

    You must be an admin of the organization/group (for datasets in a group: any member).
    Admins cannot demote themselves. Returns the membership.
    """
    reference, obj_ref, object_type, capacity = _required(
        data_dict, "id", "object", "object_type", "capacity"
    )
    with context.services.session(write=True) as session:
        group = _group(session, reference, is_org=None)
        obj = _object(session, object_type, obj_ref)
        authorize(context, session, "member_create", group=group, object_type=object_type)
        return _add_member(context, session, group, obj, object_type, capacity)


@action()
def member_delete(context: ActionContext, data_dict: dict[str, Any]) -> None:
    """Remove a user or a dataset from an organization or group.

    :param id: the organization's or group's id or name
    :param object: the user's or dataset's id or name
    :param object_type: "user" or "package"
    """
    reference, obj_ref, object_type = _required(data_dict, "id", "object", "object_type")
    with context.services.session(write=True) as session:
        group = _group(session, reference, is_org=None)
        obj = _object(session, object_type, obj_ref)
        authorize(context, session, "member_delete", group=group, object_type=object_type)
        _remove_member(context, session, group, obj, object_type)
    return None


def _user_member_create(
    context: ActionContext, data_dict: dict[str, Any], *, is_org: bool
) -> dict[str, Any]:
    kind = "organization" if is_org else "group"
    reference, username, role = _required(data_dict, "id", "username", "role")
    with context.services.session(write=True) as session:
        group = _group(session, reference, is_org=is_org)
        authorize(context, session, f"{kind}_member_create", group=group)
        user = find_user(session, username)
        errors = {}
        if user is None:
            errors["username"] = ["Not found: User"]
        if role not in ROLES:
            errors["role"] = ["role does not exist."]
        if errors or user is None:
            raise ValidationFailed(errors)
        authorize(context, session, "member_create", group=group, object_type="user")
        return _add_member(context, session, group, user, "user", role)


def _user_member_delete(context: ActionContext, data_dict: dict[str, Any], *, is_org: bool) -> None:
    kind = "organization" if is_org else "group"
    username = data_dict.get("username")
    if username in (None, ""):
        username = data_dict.get("user_id")
    params = {"id": data_dict.get("id"), "username": username}
    reference, username = _required(params, "id", "username")
    with context.services.session(write=True) as session:
        group = _group(session, reference, is_org=is_org)
        authorize(context, session, f"{kind}_member_delete", group=group)
        user = find_user(session, username)
        if user is None:
            raise NotFound("User was not found.")
        _remove_member(context, session, group, user, "user")
    return None


@action()
def organization_member_create(context: ActionContext, data_dict: dict[str, Any]) -> dict:
    """Make a user a member of an organization, or change their role.

    :param id: the organization's id or name
    :param username: the user's name or id
    :param role: "admin", "editor" or "member"

    You must be an admin of the organization. Returns the membership.
    """
    return _user_member_create(context, data_dict, is_org=True)


@action()
def group_member_create(context: ActionContext, data_dict: dict[str, Any]) -> dict:
    """Make a user a member of a group, or change their role.

    :param id: the group's id or name; :param username: the user's name or id
    :param role: "admin", "editor" or "member"
    """
    return _user_member_create(context, data_dict, is_org=False)


@action()
def organization_member_delete(context: ActionContext, data_dict: dict[str, Any]) -> None:
    """Remove a user from an organization.

    :param id: the organization's id or name
    :param username: the user's name or id (`user_id` is accepted too)
    """
    return _user_member_delete(context, data_dict, is_org=True)


@action()
def group_member_delete(context: ActionContext, data_dict: dict[str, Any]) -> None:
    """Remove a user from a group.

    :param id: the group's id or name; :param username: the user's name or id
    """
    return _user_member_delete(context, data_dict, is_org=False)

"""Users, roles and callers for tests, made through the real actions.

`user` makes an account and returns its Identity; `member` gives it a role in an
organization or group; `acting_as` is an ActionContext calling as it; `token` issues it an
API token string.
"""

from __future__ import annotations

from typing import Any

from catalog.actions.registry import ActionContext, Identity


def user(
    context: ActionContext, name: str, *, sysadmin: bool = False, password: str | None = None
) -> Identity:
    data: dict[str, Any] = {"name": name, "email": f"{name}@example.org", "sysadmin": sysadmin}
    if password is not None:
        data["password"] = password
    created = context.call("user_create", data)
    return Identity(user_id=created["id"], name=created["name"], sysadmin=created["sysadmin"])


def member(
    context: ActionContext, organization: str, who: Identity, role: str, *, group: bool = False
) -> dict[str, Any]:
    """Give `who` a role in an organization (or, with group=True, a group)."""
    action = "group_member_create" if group else "organization_member_create"
    return context.call(action, {"id": organization, "username": who.name, "role": role})


def acting_as(context: ActionContext, who: Identity | None) -> ActionContext:
    """The same services and registry, called by `who` (None: anonymous)."""
    return ActionContext(services=context.services, identity=who, registry=context.registry)


def token(context: ActionContext, who: Identity, name: str = "test") -> str:
    return context.call("api_token_create", {"user": who.name, "name": name})["token"]


def person(
    context: ActionContext, name: str, *, org_id: str | None = None, role: str = "editor"
) -> ActionContext:
    """A new user (with `role` in organization `org_id` when given), as a caller."""
    who = user(context, name)
    if org_id:
        member(context, org_id, who, role)
    return acting_as(context, who)


def anonymous(context: ActionContext) -> ActionContext:
    return acting_as(context, None)

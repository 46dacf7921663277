"""Users with roles, for permission tests (written straight to the tables)."""

from __future__ import annotations

from catalog.actions.registry import ActionContext, Identity
from catalog.db.models import Member, User


def person(
    context: ActionContext, name: str, *, org_id: str | None = None, role: str = "editor"
) -> ActionContext:
    """A new user (member of `org_id` with `role` when given), as an action context."""
    with context.services.session() as session:
        user = User(name=name)
        session.add(user)
        session.flush()
        if org_id:
            session.add(Member(group_id=org_id, table_id=user.id, table_name="user", capacity=role))
        identity = Identity(user_id=user.id, name=name)
    return ActionContext(services=context.services, identity=identity, registry=context.registry)


def anonymous(context: ActionContext) -> ActionContext:
    return ActionContext(services=context.services, identity=None, registry=context.registry)

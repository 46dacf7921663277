"""Who may read what: CKAN's permission labels reduced to rules over our tables."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from catalog.db.models import Group, Member, Package
from catalog.services.search.service import Viewer


def viewer_for(session: Session, user_id: str | None, sysadmin: bool) -> Viewer:
    if user_id is None:
        return Viewer()
    org_ids = session.execute(
        select(Member.group_id)
        .join(Group, Group.id == Member.group_id)
        .where(
            Member.table_name == "user",
            Member.table_id == user_id,
            Member.state == "active",
            Group.is_organization.is_(True),
        )
    ).scalars()
    return Viewer(user_id=user_id, sysadmin=sysadmin, organization_ids=frozenset(org_ids))


def can_read_package(viewer: Viewer, package: Package) -> bool:
    if viewer.sysadmin:
        return True
    if package.state == "active" and not package.private:
        return True
    if package.owner_org:
        return package.owner_org in viewer.organization_ids
    return viewer.user_id is not None and package.creator_user_id == viewer.user_id

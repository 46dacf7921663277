"""The activity stream (CKAN's activity plugin): recording changes and reading them back.

Every write action records one activity inside its own transaction, so a change and its
activity commit or roll back together. Each package activity carries CKAN's permission
labels (DefaultPermissionLabels), computed from the dataset as it was when recorded; the
queries show a caller only the activities whose labels they hold.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from catalog.db.models import Activity, User, utcnow

PACKAGE_ACTIVITY_TYPES = frozenset({"new package", "changed package", "deleted package"})
GROUP_ACTIVITY_TYPES = frozenset(
    f"{change} {kind}"
    for change in ("new", "changed", "deleted")
    for kind in ("organization", "group")
)


def package_permission_labels(package_dict: dict[str, Any], user_id: str | None) -> list[str]:
    """CKAN's DefaultPermissionLabels.get_dataset_labels, over a package dict."""
    if package_dict.get("state", "active") == "active" and not package_dict.get("private"):
        return ["public"]
    if package_dict.get("owner_org"):
        return [f"member-{package_dict['owner_org']}"]
    return [f"creator-{package_dict.get('creator_user_id') or user_id}"]


def _actor(session: Session, user_id: str | None) -> str | None:
    if not user_id:
        return None
    return session.execute(select(User.name).where(User.id == user_id)).scalar_one_or_none()


def record_package_activity(
    session: Session,
    *,
    user_id: str | None,
    activity_type: str,
    package_dict: dict[str, Any],
    timestamp: datetime | None = None,
) -> Activity | None:
    """Record "new package", "changed package" or "deleted package" for `package_dict`
    (the dict as package_show returns it, after the change).

    As in CKAN, a "changed package" of a dataset whose state is now deleted is recorded as
    "deleted package", once: a second one is skipped (returns None).
    """
    if activity_type not in PACKAGE_ACTIVITY_TYPES:
        raise ValueError(f"not a package activity type: {activity_type!r}")
    package_id = package_dict["id"]
    if activity_type == "changed package" and package_dict.get("state") == "deleted":
        already = session.execute(
            select(Activity.id).where(
                Activity.object_id == package_id, Activity.activity_type == "deleted package"
            )
        ).first()
        if already is not None:
            return None
        activity_type = "deleted package"
    activity = Activity(
        timestamp=timestamp or utcnow(),
        user_id=user_id,
        object_id=package_id,
        activity_type=activity_type,
        data={"package": package_dict, "actor": _actor(session, user_id)},
        permission_labels=package_permission_labels(package_dict, user_id),
    )
    session.add(activity)
    session.flush()
    return activity


def record_group_activity(
    session: Session,
    *,
    user_id: str | None,
    activity_type: str,
    group_dict: dict[str, Any],
    timestamp: datetime | None = None,
) -> Activity:
    """Record "new|changed|deleted organization" or "new|changed|deleted group" for
    `group_dict` (the group after the change). Organizations and groups are public in CKAN:
    their activities carry no permission labels and everyone may read them."""
    if activity_type not in GROUP_ACTIVITY_TYPES:
        raise ValueError(f"not a group activity type: {activity_type!r}")
    activity = Activity(
        timestamp=timestamp or utcnow(),
        user_id=user_id,
        object_id=group_dict["id"],
        activity_type=activity_type,
        data={"group": group_dict, "actor": _actor(session, user_id)},
        permission_labels=None,
    )
    session.add(activity)
    session.flush()
    return activity

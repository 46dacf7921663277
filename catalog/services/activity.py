"""The activity stream (CKAN's activity plugin): recording changes and reading them back.

Every write action records one activity inside its own transaction, so a change and its
activity commit or roll back together. Each package activity carries CKAN's permission
labels (DefaultPermissionLabels), computed from the dataset as it was when recorded; the
queries show a caller only the activities whose labels they hold.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Text, and_, cast, not_, or_, select, true
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from catalog.db.models import Activity, Member, Package, User, utcnow
from catalog.errors import ValidationFailed
from catalog.services.dictization import iso
from catalog.services.search.service import Viewer
from catalog.services.users import SITE_USER_NAME

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
    activity = _package_activity(
        user_id, activity_type, package_dict, _actor(session, user_id), timestamp
    )
    session.add(activity)
    session.flush()
    return activity


def _package_activity(
    user_id: str | None,
    activity_type: str,
    package_dict: dict[str, Any],
    actor: str | None,
    timestamp: datetime | None,
) -> Activity:
    return Activity(
        timestamp=timestamp or utcnow(),
        user_id=user_id,
        object_id=package_dict["id"],
        activity_type=activity_type,
        data={"package": package_dict, "actor": actor},
        permission_labels=package_permission_labels(package_dict, user_id),
    )


def record_new_package_activities(
    session: Session, *, user_id: str | None, package_dicts: list[dict[str, Any]]
) -> None:
    """Record "new package" for each of `package_dicts` (datasets just created), added to
    the session to be flushed with the caller's other rows."""
    actor = _actor(session, user_id)
    session.add_all(
        _package_activity(user_id, "new package", data, actor, None) for data in package_dicts
    )


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


# ---------------------------------------------------------------------------------------
# Reading the stream


DEFAULT_LIMIT = 31  # ckan.activity_list_limit
MAX_LIMIT = 100  # ckan.activity_list_limit_max
MAX_OFFSET = 2**62
# CKAN's ckan.hide_activity_from_users defaults to its site user, which hides everything a
# load or harvest does. Here the site user loads the catalog's own content and its activity
# is shown by default; a deployment that wants CKAN's default passes these names.
CKAN_HIDDEN_USER_NAMES = (SITE_USER_NAME,)


@dataclass(frozen=True)
class ActivityQuery:
    """Paging and filters of an activity list (CKAN's default_activity_list_schema)."""

    limit: int = DEFAULT_LIMIT
    offset: int = 0
    after: datetime | None = None
    before: datetime | None = None
    activity_types: tuple[str, ...] | None = None
    exclude_activity_types: tuple[str, ...] | None = None
    include_hidden: bool = False
    hidden_user_names: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.activity_types is not None and self.exclude_activity_types is not None:
            raise ValidationFailed(
                {"activity_types": ["Cannot be used together with `exclude_activity_types`"]}
            )


def user_permission_labels(viewer: Viewer) -> list[str] | None:
    """CKAN's get_user_dataset_labels; None for a sysadmin, who is not filtered."""
    if viewer.sysadmin:
        return None
    labels = ["public"]
    if viewer.user_id:
        labels.append(f"creator-{viewer.user_id}")
    labels.extend(f"member-{org_id}" for org_id in sorted(viewer.organization_ids))
    return labels


def _readable_package_ids(viewer: Viewer) -> Any:
    """The ids of the packages the viewer may read now (catalog.services.authz's rule)."""
    allowed: list[ColumnElement] = [and_(Package.state == "active", Package.private.is_(False))]
    if viewer.organization_ids:
        allowed.append(Package.owner_org.in_(viewer.organization_ids))
    if viewer.user_id:
        allowed.append(and_(Package.owner_org.is_(None), Package.creator_user_id == viewer.user_id))
    return select(Package.id).where(or_(*allowed))


def visible_to(viewer: Viewer) -> ColumnElement:
    """Which activities the viewer may see.

    As CKAN: activities that are not about a package carry no labels and are public; a
    package activity needs one of the viewer's permission labels. Stricter than CKAN, it
    also needs the dataset to be readable by the viewer now, so a dataset that was made
    private, deleted or purged leaves no trace for outsiders in the stream.
    """
    labels = user_permission_labels(viewer)
    if labels is None:
        return true()
    labels_text = cast(Activity.permission_labels, Text)
    has_label = or_(*(labels_text.contains(f'"{label}"', autoescape=True) for label in labels))
    return or_(
        not_(Activity.activity_type.endswith("package")),
        and_(has_label, Activity.object_id.in_(_readable_package_ids(viewer))),
    )


def _not_hidden(names: tuple[str, ...]) -> ColumnElement:
    hidden = select(User.id).where(User.name.in_(names))
    return or_(Activity.user_id.is_(None), Activity.user_id.not_in(hidden))


def _run(
    session: Session, scope: ColumnElement, viewer: Viewer, query: ActivityQuery
) -> list[Activity]:
    conditions = [scope, visible_to(viewer)]
    if query.hidden_user_names and not query.include_hidden:
        conditions.append(_not_hidden(query.hidden_user_names))
    if query.activity_types:
        conditions.append(Activity.activity_type.in_(query.activity_types))
    elif query.exclude_activity_types:
        conditions.append(Activity.activity_type.not_in(query.exclude_activity_types))
    if query.after:
        conditions.append(Activity.timestamp > query.after)
    if query.before:
        conditions.append(Activity.timestamp < query.before)
    # Only "after": the oldest ones after it, still listed newest first (as CKAN).
    oldest_first = query.after is not None and query.before is None
    order = (
        (Activity.timestamp.asc(), Activity.id.asc())
        if oldest_first
        else (Activity.timestamp.desc(), Activity.id.desc())
    )
    statement = select(Activity).where(*conditions).order_by(*order)
    if query.offset:  # beyond any stream, but within the databases' 64-bit integers
        statement = statement.offset(min(query.offset, MAX_OFFSET))
    statement = statement.limit(query.limit)
    rows = list(session.execute(statement).scalars())
    if oldest_first:
        rows.reverse()
    return rows


def package_activities(
    session: Session, package_id: str, viewer: Viewer, query: ActivityQuery
) -> list[Activity]:
    """The activities about one dataset, newest first."""
    return _run(session, Activity.object_id == package_id, viewer, query)


def organization_activities(
    session: Session, organization_id: str, viewer: Viewer, query: ActivityQuery
) -> list[Activity]:
    """The activities about an organization and about the datasets it owns now."""
    owned = select(Package.id).where(Package.owner_org == organization_id)
    scope = or_(Activity.object_id == organization_id, Activity.object_id.in_(owned))
    return _run(session, scope, viewer, query)


def group_activities(
    session: Session, group_id: str, viewer: Viewer, query: ActivityQuery
) -> list[Activity]:
    """The activities about a group and about its datasets (active members that are active
    datasets, or removed members that are deleted datasets, as CKAN)."""
    members = (
        select(Member.table_id)
        .join(Package, Package.id == Member.table_id)
        .where(
            Member.group_id == group_id,
            Member.table_name == "package",
            or_(
                and_(Member.state == "active", Package.state == "active"),
                and_(Member.state == "deleted", Package.state == "deleted"),
            ),
        )
    )
    scope = or_(Activity.object_id == group_id, Activity.object_id.in_(members))
    return _run(session, scope, viewer, query)


def recently_changed_package_activities(
    session: Session, viewer: Viewer, query: ActivityQuery
) -> list[Activity]:
    """The site-wide stream of "new|changed|deleted package" activities."""
    return _run(session, Activity.activity_type.endswith("package"), viewer, query)


def can_see_activity(session: Session, viewer: Viewer, activity: Activity) -> bool:
    """activity_show's rule: the same as the lists'."""
    statement = select(Activity.id).where(Activity.id == activity.id, visible_to(viewer))
    return session.execute(statement).first() is not None


def activity_dictize(activity: Activity) -> dict[str, Any]:
    """CKAN 2.11's activity_dictize (table_dictize of the activity row, revision_id left
    out): id, timestamp, user_id, object_id, activity_type, data, permission_labels."""
    return {
        "id": activity.id,
        "timestamp": iso(activity.timestamp),
        "user_id": activity.user_id,
        "object_id": activity.object_id,
        "activity_type": activity.activity_type,
        "data": activity.data if activity.data is not None else {},
        "permission_labels": activity.permission_labels,
    }

"""Activity stream actions (CKAN 2.11's activity plugin): package_activity_list,
organization_activity_list, group_activity_list, recently_changed_packages_activity_list and
activity_show. Every list shows the caller only what their permission labels allow."""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from catalog.actions.common import readable_package, site_url, user_label, viewer
from catalog.actions.params import Params
from catalog.actions.registry import ActionContext, action
from catalog.db.models import Activity, Group
from catalog.errors import NotAuthorized, NotFound
from catalog.services import activity as stream
from catalog.services.dictization import with_download_urls

LIST_PARAMETERS = """
    :param offset: where to start (optional, default 0)
    :param limit: how many activities (optional, default 31, at most 100)
    :param after: only activities after this time (a Unix timestamp, optional)
    :param before: only activities before this time (a Unix timestamp, optional)
    :param activity_types: only activities of these types (a list, optional)
    :param exclude_activity_types: leave out activities of these types (a list, optional;
        not together with activity_types)
"""


def _timestamp(params: Params, key: str) -> datetime | None:
    value = params.data.get(key)
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value.strip()).replace(tzinfo=None)
        except ValueError:
            pass
    try:
        if isinstance(value, bool):
            raise TypeError
        return datetime.fromtimestamp(float(value), UTC).replace(tzinfo=None)
    except (TypeError, ValueError, OverflowError, OSError):
        params.errors.setdefault(key, []).append("Must be a float timestamp")
        return None


def _types(params: Params, key: str) -> tuple[str, ...] | None:
    if params.data.get(key) is None:
        return None
    return tuple(params.string_list(key))


HIDDEN_PARAMETER = (
    "    :param include_hidden_activity: include the activity of the users the site hides\n"
    "        (`hide_activity_from_users`; sysadmins only; default false)\n"
)


def hidden_user_names(context: ActionContext) -> tuple[str, ...]:
    """CKAN's ckan.hide_activity_from_users: the settings' `hide_activity_from_users` when
    the site has one, else nobody (see catalog.services.activity.CKAN_HIDDEN_USER_NAMES)."""
    names = getattr(context.services.settings, "hide_activity_from_users", None) or ()
    return tuple(names.replace(",", " ").split()) if isinstance(names, str) else tuple(names)


def _query(
    context: ActionContext, data_dict: dict[str, Any], *, with_id: bool = True
) -> tuple[str, stream.ActivityQuery]:
    """CKAN's default_activity_list_schema, with its defaults and limits: the object's
    id or name and the query, or one ValidationFailed naming every bad field."""
    params = Params(data_dict)
    reference = params.required_string("id") if with_id else ""
    limit = params.natural("limit", stream.DEFAULT_LIMIT)
    offset = params.natural("offset", 0)
    after = _timestamp(params, "after")
    before = _timestamp(params, "before")
    activity_types = _types(params, "activity_types")
    exclude_activity_types = _types(params, "exclude_activity_types")
    include_hidden = with_id and context.is_sysadmin and params.boolean("include_hidden_activity")
    params.check()
    return reference, stream.ActivityQuery(
        limit=min(limit or stream.MAX_LIMIT, stream.MAX_LIMIT),
        offset=offset or 0,
        after=after,
        before=before,
        activity_types=activity_types,
        exclude_activity_types=exclude_activity_types,
        include_hidden=include_hidden,
        hidden_user_names=hidden_user_names(context),
    )


def _readable_group(
    context: ActionContext, session: Session, reference: str, *, is_organization: bool
) -> Group:
    """The group or organization, refused as organization_show / group_show refuse it."""
    group = session.execute(
        select(Group).where(or_(Group.id == reference, Group.name == reference))
    ).scalar_one_or_none()
    if group is None or group.is_organization != is_organization:
        raise NotFound()
    if group.state != "active" and not context.is_sysadmin:
        raise NotAuthorized(f"User {user_label(context)} not authorized to read group {group.id}")
    return group


def _dictize(context: ActionContext, found: Activity) -> dict[str, Any]:
    """The activity dict, its dataset's uploaded files given as absolute download URLs
    of this site, as package_show gives them."""
    result = stream.activity_dictize(found)
    package = result["data"].get("package")
    if isinstance(package, dict) and package.get("id"):
        package = copy.deepcopy(package)
        result["data"] = {
            **result["data"],
            "package": with_download_urls(package, site_url(context)),
        }
    return result


def _dictize_list(context: ActionContext, found: list[Activity]) -> list[dict[str, Any]]:
    return [_dictize(context, item) for item in found]


@action(side_effect_free=True)
def package_activity_list(
    context: ActionContext, data_dict: dict[str, Any]
) -> list[dict[str, Any]]:
    """Return a dataset's activity stream, newest first. You must be allowed to read the
    dataset.

    :param id: the id or name of the dataset
    """
    reference, query = _query(context, data_dict)
    with context.services.session() as session:
        package = readable_package(context, session, reference)
        found = stream.package_activities(session, package.id, viewer(context, session), query)
        return _dictize_list(context, found)


@action(side_effect_free=True)
def organization_activity_list(
    context: ActionContext, data_dict: dict[str, Any]
) -> list[dict[str, Any]]:
    """Return an organization's activity stream: changes to it and to its datasets,
    newest first.

    :param id: the id or name of the organization
    """
    reference, query = _query(context, data_dict)
    with context.services.session() as session:
        org = _readable_group(context, session, reference, is_organization=True)
        found = stream.organization_activities(session, org.id, viewer(context, session), query)
        return _dictize_list(context, found)


@action(side_effect_free=True)
def group_activity_list(context: ActionContext, data_dict: dict[str, Any]) -> list[dict[str, Any]]:
    """Return a group's activity stream: changes to it and to its datasets, newest first.

    :param id: the id or name of the group
    """
    reference, query = _query(context, data_dict)
    with context.services.session() as session:
        group = _readable_group(context, session, reference, is_organization=False)
        found = stream.group_activities(session, group.id, viewer(context, session), query)
        return _dictize_list(context, found)


@action(side_effect_free=True)
def recently_changed_packages_activity_list(
    context: ActionContext, data_dict: dict[str, Any]
) -> list[dict[str, Any]]:
    """Return the activity stream of all recently created, changed or deleted datasets
    that the caller may see, newest first.
    """
    _, query = _query(context, data_dict, with_id=False)
    with context.services.session() as session:
        found = stream.recently_changed_package_activities(session, viewer(context, session), query)
        return _dictize_list(context, found)


@action(side_effect_free=True)
def activity_show(context: ActionContext, data_dict: dict[str, Any]) -> dict[str, Any]:
    """Return one activity of the stream, with the object's dict as it was then in `data`.

    :param id: the id of the activity
    """
    params = Params(data_dict)
    reference = params.required_string("id")
    params.check()
    with context.services.session() as session:
        found = session.get(Activity, reference)
        if found is None:
            raise NotFound()
        if not stream.can_see_activity(session, viewer(context, session), found):
            raise NotAuthorized("Unauthorized to view activity data")
        return _dictize(context, found)


def _document(*funcs: Any, hidden: bool) -> None:
    for func in funcs:
        extra = LIST_PARAMETERS + (HIDDEN_PARAMETER if hidden else "")
        doc = (func.__doc__ or "").rstrip()
        func.__doc__ = doc + ("" if ":param" in doc else "\n") + extra


_document(package_activity_list, organization_activity_list, group_activity_list, hidden=True)
_document(recently_changed_packages_activity_list, hidden=False)

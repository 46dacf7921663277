"""Organization and group actions: list, show, and the create/update path the loader uses."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from catalog.actions.common import site_url, viewer
from catalog.actions.params import Params, as_bool
from catalog.actions.registry import ActionContext, action
from catalog.db.models import Group, Member, SearchDoc, SearchField, User
from catalog.errors import NotAuthorized, NotFound, ValidationFailed
from catalog.services.dictization import group_dictize, iso
from catalog.services.search.service import Viewer

LIST_MAX = 1000
LIST_ALL_FIELDS_MAX = 25


def _visible_docs(view: Viewer) -> Any:
    condition = SearchDoc.state == "active"
    if view.sysadmin:
        return condition
    allowed = SearchDoc.private.is_(False)
    if view.organization_ids:
        allowed = or_(allowed, SearchDoc.owner_org.in_(view.organization_ids))
    return condition & allowed


def package_counts(session: Session, view: Viewer, *, is_organization: bool) -> dict[str, int]:
    """Datasets per organization id, or per group name, that the viewer can see."""
    if is_organization:
        query = (
            select(SearchDoc.owner_org, func.count())
            .where(_visible_docs(view), SearchDoc.owner_org.is_not(None))
            .group_by(SearchDoc.owner_org)
        )
    else:
        query = (
            select(SearchField.value, func.count())
            .join(SearchDoc, SearchDoc.doc_id == SearchField.doc_id)
            .where(SearchField.field == "groups", _visible_docs(view))
            .group_by(SearchField.value)
        )
    return dict(session.execute(query).all())


def _sort(sort: str) -> tuple[str, bool]:
    sort = sort.strip()
    if sort in ("packages", "package_count"):
        sort = "package_count desc"
    parts = [part.strip() for part in sort.split(",") if part.strip()]
    if len(parts) > 1:
        raise ValidationFailed({"message": "Too many sort criteria provided only 1 allowed"})
    words = parts[0].split() if parts else ["title"]
    field = words[0]
    direction = words[1].lower() if len(words) > 1 else "asc"
    if field not in ("name", "packages", "package_count", "title"):
        raise ValidationFailed({"message": f"Cannot sort by field `{field}`"})
    if direction not in ("asc", "desc"):
        raise ValidationFailed({"message": f"Invalid sort direction `{direction}`"})
    return ("package_count" if field == "packages" else field), direction == "desc"


def _members(session: Session, group: Group) -> list[dict[str, Any]]:
    rows = session.execute(
        select(User, Member.capacity)
        .join(Member, Member.table_id == User.id)
        .where(
            Member.group_id == group.id,
            Member.table_name == "user",
            Member.state == "active",
            User.state == "active",
        )
        .order_by(User.name)
    ).all()
    return [
        {
            "id": user.id,
            "name": user.name,
            "fullname": user.fullname,
            "display_name": user.fullname or user.name,
            "about": user.about,
            "image_url": user.image_url,
            "created": iso(user.created),
            "state": user.state,
            "sysadmin": user.sysadmin,
            "capacity": capacity,
        }
        for user, capacity in rows
    ]


def show_group(
    context: ActionContext, session: Session, group: Group, options: dict[str, Any]
) -> dict[str, Any]:
    """The organization_show / group_show dict of `group` (without `packages`)."""
    is_org = group.is_organization
    view = viewer(context, session)
    count = None
    if as_bool(options.get("include_datasets", False)) or as_bool(
        options.get("include_dataset_count", True)
    ):
        counts = package_counts(session, view, is_organization=is_org)
        count = counts.get(group.id if is_org else group.name, 0)
    users = _members(session, group) if as_bool(options.get("include_users", True)) else None
    member_count = None
    if as_bool(options.get("include_member_count", False)):
        member_count = len(_members(session, group))
    result = group_dictize(
        group,
        site_url=site_url(context),
        package_count=count,
        users=users,
        include_extras=as_bool(options.get("include_extras", True)),
        include_groups=as_bool(options.get("include_groups", True)),
        member_count=member_count,
    )
    if not as_bool(options.get("include_followers", True)):
        result["num_followers"] = 0
    return result


def _show(context: ActionContext, data_dict: dict[str, Any], is_org: bool) -> dict[str, Any]:
    reference = data_dict.get("id")
    if reference in (None, ""):
        raise ValidationFailed({"id": ["Missing value"]})
    with context.services.session() as session:
        group = session.execute(
            select(Group).where(or_(Group.id == str(reference), Group.name == str(reference)))
        ).scalar_one_or_none()
        if group is None or group.is_organization != is_org:
            raise NotFound()
        if group.state != "active" and not context.is_sysadmin:
            raise NotAuthorized(
                f"User {context.identity.name if context.identity else ''} not authorized "
                f"to read group {group.id}"
            )
        result = show_group(context, session, group, data_dict)
    if as_bool(data_dict.get("include_datasets", False)):
        fq = f'owner_org:"{group.id}"' if is_org else f'groups:"{group.name}"'
        search = context.call(
            "package_search", {"fq": fq, "include_private": True, "facet": "false"}
        )
        result["packages"] = search["results"]
    return result


def _list(context: ActionContext, data_dict: dict[str, Any], is_org: bool) -> list[Any]:
    params = Params(data_dict)
    all_fields = params.boolean("all_fields")
    limit = params.natural("limit") if data_dict.get("limit") else None
    offset = params.natural("offset", 0) if data_dict.get("offset") else 0
    params.check()
    maximum = LIST_ALL_FIELDS_MAX if all_fields else LIST_MAX
    limit = maximum if limit is None or limit > maximum else limit
    sort_field, descending = _sort(params.string("sort") or params.string("order_by") or "title")
    q = (params.string("q") or "").strip()
    names = params.comma_list("organizations" if is_org else "groups") or params.comma_list(
        "groups"
    )
    with context.services.session() as session:
        query = select(Group).where(Group.state == "active", Group.is_organization.is_(is_org))
        if names:
            query = query.where(Group.name.in_(names))
        if q:
            like = f"%{q.lower()}%"
            query = query.where(
                or_(
                    func.lower(Group.name).like(like),
                    func.lower(Group.title).like(like),
                    func.lower(Group.description).like(like),
                )
            )
        groups = list(session.execute(query).scalars())
        counts = package_counts(session, viewer(context, session), is_organization=is_org)

        def count_of(group: Group) -> int:
            return counts.get(group.id if is_org else group.name, 0)

        if sort_field == "package_count":
            groups.sort(key=lambda g: (count_of(g), g.name), reverse=descending)
        else:
            groups.sort(key=lambda g: getattr(g, sort_field) or "", reverse=descending)
        groups = groups[offset or 0 :][:limit] if limit else groups[offset or 0 :]
        if not all_fields:
            return [group.name for group in groups]
        with_count = as_bool(data_dict.get("include_dataset_count", True))
        return [
            group_dictize(
                group,
                site_url=site_url(context),
                package_count=count_of(group) if with_count else None,
                users=_members(session, group)
                if as_bool(data_dict.get("include_users", False))
                else None,
                include_extras=as_bool(data_dict.get("include_extras", False)),
                include_groups=as_bool(data_dict.get("include_groups", False)),
            )
            for group in groups
        ]


@action(side_effect_free=True)
def organization_list(context: ActionContext, data_dict: dict[str, Any]) -> list[Any]:
    """Return the names (or, with all_fields, the dicts) of the active organizations.

    :param sort: "title" (default), "name" or "package_count", with asc/desc
    :param limit: at most 1000 names or 25 dicts; :param offset: skip this many
    :param q: text in the name, title or description; :param organizations: only these
    :param all_fields: return dicts instead of names
    """
    return _list(context, data_dict, is_org=True)


@action(side_effect_free=True, params="organization_list")
def group_list(context: ActionContext, data_dict: dict[str, Any]) -> list[Any]:
    """Return the names (or, with all_fields, the dicts) of the active groups (themes).

    Takes the parameters of organization_list (`groups` instead of `organizations`).
    """
    return _list(context, data_dict, is_org=False)


@action(side_effect_free=True)
def organization_show(context: ActionContext, data_dict: dict[str, Any]) -> dict[str, Any]:
    """Return an organization.

    :param id: its id or name
    :param include_datasets: include up to 10 of its datasets (default false)
    :param include_dataset_count, include_extras, include_users, include_groups: (default true)
    """
    return _show(context, data_dict, is_org=True)


@action(side_effect_free=True, params="organization_show")
def group_show(context: ActionContext, data_dict: dict[str, Any]) -> dict[str, Any]:
    """Return a group (theme). Takes the parameters of organization_show."""
    return _show(context, data_dict, is_org=False)

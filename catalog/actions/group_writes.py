"""Organization and group write actions: create, update (replacement), patch, delete.

The creator of an organization or group becomes its admin, as in CKAN. Datasets embed
their organization and groups, so a change reindexes the datasets concerned.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from catalog.actions.auth import authorize
from catalog.actions.common import site_url, utcnow
from catalog.actions.groups import show_group
from catalog.actions.registry import ActionContext, action
from catalog.db.models import Group, Member, Package
from catalog.errors import NotFound, ValidationFailed
from catalog.services.activity import record_group_activity
from catalog.services.packages import reindex
from catalog.services.validation import validate_group

GROUP_FIELDS = ("name", "title", "description", "image_url", "title_translated",
                "description_translated", "extras")  # fmt: skip


def _kind(is_org: bool) -> str:
    return "organization" if is_org else "group"


def _locked_group(session: Session, reference: Any, is_org: bool) -> Group:
    if reference in (None, ""):
        raise ValidationFailed({"id": ["Missing value"]})
    group = session.execute(
        select(Group)
        .where(Group.is_organization.is_(is_org))
        .where((Group.id == str(reference)) | (Group.name == str(reference)))
        .with_for_update()
    ).scalar_one_or_none()
    if group is None:
        raise NotFound("Group was not found.")
    return group


def _packages_of(session: Session, group: Group) -> list[Package]:
    if group.is_organization:
        query = select(Package).where(Package.owner_org == group.id)
    else:
        query = (
            select(Package)
            .join(Member, Member.table_id == Package.id)
            .where(Member.group_id == group.id, Member.table_name == "package")
        )
    return list(session.execute(query).scalars())


def _record(context: ActionContext, session: Session, group: Group, verb: str) -> None:
    shown = show_group(context, session, group, {"include_users": False})
    record_group_activity(
        session,
        user_id=context.user_id,
        activity_type=f"{verb} {_kind(group.is_organization)}",
        group_dict=shown,
    )


def _apply(group: Group, clean: dict[str, Any]) -> None:
    group.name = clean["name"]
    group.title = clean.get("title", "")
    group.description = clean.get("description", "")
    group.image_url = clean.get("image_url", "")
    group.extras = clean["extras"]
    group.title_translated = clean.get("title_translated")
    group.description_translated = clean.get("description_translated")


def _name_taken(session: Session, name: Any, own_id: str | None) -> bool:
    if not isinstance(name, str):
        return False  # validate_group reports a name that is not a string
    clash = session.execute(select(Group.id).where(Group.name == name)).scalar_one_or_none()
    return clash is not None and clash != own_id


def _create(context: ActionContext, data_dict: dict[str, Any], is_org: bool) -> dict[str, Any]:
    with context.services.session(write=True) as session:
        authorize(context, session, f"{_kind(is_org)}_create")
        clean = validate_group(
            data_dict, name_taken=_name_taken(session, data_dict.get("name"), None)
        )
        if clean.get("id") and session.get(Group, clean["id"]):
            raise ValidationFailed({"id": ["Id already exists"]})
        group = Group(is_organization=is_org, type=_kind(is_org), created=utcnow())
        if clean.get("id"):
            group.id = clean["id"]
        _apply(group, clean)
        session.add(group)
        session.flush()
        if context.user_id:
            admin = Member(
                group_id=group.id, table_id=context.user_id, table_name="user", capacity="admin"
            )
            session.add(admin)
        session.flush()
        _record(context, session, group, "new")
        return show_group(context, session, group, {})


def _update(
    context: ActionContext, data_dict: dict[str, Any], is_org: bool, *, patch: bool
) -> dict[str, Any]:
    kind = _kind(is_org)
    with context.services.session(write=True) as session:
        group = _locked_group(session, data_dict.get("id") or data_dict.get("name"), is_org)
        authorize(context, session, f"{kind}_{'patch' if patch else 'update'}", group=group)
        data = dict(data_dict)
        if patch:
            current = {field: getattr(group, field) for field in GROUP_FIELDS}
            data = {**current, **{k: v for k, v in data_dict.items() if k != "id"}}
        data.setdefault("name", group.name)
        data.pop("id", None)
        clean = validate_group(data, name_taken=_name_taken(session, data["name"], group.id))
        _apply(group, clean)
        session.flush()
        for package in _packages_of(session, group):
            reindex(session, context.services.search, package, site_url(context))
        _record(context, session, group, "changed")
        return show_group(context, session, group, {})


def _delete(context: ActionContext, data_dict: dict[str, Any], is_org: bool) -> None:
    kind = _kind(is_org)
    with context.services.session(write=True) as session:
        group = _locked_group(session, data_dict.get("id"), is_org)
        authorize(context, session, f"{kind}_delete", group=group)
        members = _packages_of(session, group)
        if is_org and any(package.state != "deleted" for package in members):
            raise ValidationFailed(
                {"message": "Organization cannot be deleted while it still has datasets"}
            )
        session.execute(
            update(Member)
            .where((Member.group_id == group.id) | (Member.table_id == group.id))
            .values(state="deleted")
        )
        group.state = "deleted"
        session.flush()
        for package in members:
            reindex(session, context.services.search, package, site_url(context))
        _record(context, session, group, "deleted")
    return None


@action()
def organization_create(context: ActionContext, data_dict: dict[str, Any]) -> dict[str, Any]:
    """Create an organization; its creator becomes its admin.

    :param name: its URL name; :param title, description, image_url, extras
    """
    return _create(context, data_dict, is_org=True)


@action()
def organization_update(context: ActionContext, data_dict: dict[str, Any]) -> dict[str, Any]:
    """Replace an organization's fields (those not given are cleared). :param id: id or name"""
    return _update(context, data_dict, is_org=True, patch=False)


@action()
def organization_patch(context: ActionContext, data_dict: dict[str, Any]) -> dict[str, Any]:
    """Change only the given fields of an organization. :param id: id or name"""
    return _update(context, data_dict, is_org=True, patch=True)


@action()
def organization_delete(context: ActionContext, data_dict: dict[str, Any]) -> None:
    """Delete an organization that has no datasets left. :param id: id or name"""
    return _delete(context, data_dict, is_org=True)


@action()
def group_create(context: ActionContext, data_dict: dict[str, Any]) -> dict[str, Any]:
    """Create a group (theme); its creator becomes its admin. :param name: its URL name"""
    return _create(context, data_dict, is_org=False)


@action()
def group_update(context: ActionContext, data_dict: dict[str, Any]) -> dict[str, Any]:
    """Replace a group's fields (those not given are cleared). :param id: id or name"""
    return _update(context, data_dict, is_org=False, patch=False)


@action()
def group_patch(context: ActionContext, data_dict: dict[str, Any]) -> dict[str, Any]:
    """Change only the given fields of a group. :param id: id or name"""
    return _update(context, data_dict, is_org=False, patch=True)


@action()
def group_delete(context: ActionContext, data_dict: dict[str, Any]) -> None:
    """Delete a group; its datasets stay and leave it. :param id: id or name"""
    return _delete(context, data_dict, is_org=False)

"""Who may do what, asked of the same rules the actions enforce (catalog.actions.auth), and
the organizations a steward may publish to."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from catalog.actions.auth import is_authorized
from catalog.actions.registry import ActionContext
from catalog.errors import NotAuthorized, NotFound
from catalog.services.authz import can_add_package_to_group, organization_ids_for
from catalog.services.packages import find_package


class Refused(Exception):
    """The steward may not do this (403), or may not even see the dataset (404)."""

    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


def publishable_organizations(context: ActionContext) -> list[dict[str, Any]]:
    """The organizations the caller may add datasets to (editor or admin; all for sysadmins),
    as organization_list's dicts, by title."""
    organizations = context.call("organization_list", {"all_fields": True, "sort": "title asc"})
    if context.is_sysadmin:
        return organizations
    with context.services.session() as session:
        allowed = organization_ids_for(session, context.user_id, "editor")
    return [org for org in organizations if org["id"] in allowed]


def assignable_themes(context: ActionContext, keep: Iterable[str] = ()) -> list[dict[str, Any]]:
    """The themes the caller may add datasets to, by the check package_create makes (a role
    in the theme, any role; sysadmins: all), plus the themes named in `keep` (those the
    dataset already has, so an edit shows them), as group_list's dicts, by title."""
    themes = context.call("group_list", {"all_fields": True, "sort": "title asc"})
    if context.is_sysadmin:
        return themes
    kept = set(keep)
    with context.services.session() as session:
        return [
            theme
            for theme in themes
            if theme["name"] in kept
            or can_add_package_to_group(session, context.identity, theme["id"])
        ]


def member_organization_ids(context: ActionContext) -> set[str] | None:
    """Ids of the organizations whose datasets the caller sees on the dashboard (None: all)."""
    if context.is_sysadmin:
        return None
    with context.services.session() as session:
        return organization_ids_for(session, context.user_id, "member")


def editable_package(context: ActionContext, reference: str, permission: str) -> dict[str, Any]:
    """The dataset as package_show gives it, if the caller may `permission` it; else Refused:
    404 when they may not even read it (a private dataset's existence is not revealed)."""
    try:
        package = context.call("package_show", {"id": reference})
    except (NotFound, NotAuthorized):
        raise Refused(404) from None
    if package.get("state") == "deleted" and not context.is_sysadmin:
        raise Refused(404)
    with context.services.session() as session:
        row = find_package(session, package["id"])
        if row is None or not is_authorized(context, session, permission, package=row):
            raise Refused(403)
    return package

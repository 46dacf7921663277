"""Small helpers shared by the action modules."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from catalog.actions.registry import ActionContext
from catalog.db.models import Package, Resource, SearchDoc, SearchDocDict, utcnow
from catalog.errors import NotAuthorized, NotFound, ValidationFailed
from catalog.services.authz import can_read_package, viewer_for
from catalog.services.dictization import package_dictize, with_download_urls
from catalog.services.packages import find_package
from catalog.services.search.service import Viewer

__all__ = ["utcnow", "viewer", "site_url", "readable_package", "package_dict", "active_resource"]


def viewer(context: ActionContext, session: Session) -> Viewer:
    identity = context.identity
    if identity is None:
        return Viewer()
    return viewer_for(session, identity.user_id, identity.sysadmin)


def site_url(context: ActionContext) -> str:
    return context.services.settings.site_url


def user_label(context: ActionContext) -> str:
    return context.identity.name if context.identity else ""


def readable_package(context: ActionContext, session: Session, id_or_name: str) -> Package:
    """The package, or NotFound / NotAuthorized exactly as CKAN's package_show decides."""
    package = find_package(session, id_or_name)
    if package is None:
        raise NotFound()
    if not can_read_package(viewer(context, session), package):
        raise NotAuthorized(
            f"User {user_label(context)} not authorized to read package {package.id}"
        )
    return package


def active_resource(session: Session, resource_id: Any) -> Resource:
    """The active resource of that id; 409 without an id, 404 as CKAN says it otherwise."""
    if resource_id in (None, ""):
        raise ValidationFailed({"id": ["Missing value"]})
    row = session.get(Resource, str(resource_id))
    if row is None or row.state != "active":
        raise NotFound("Resource was not found.")
    return row


def package_dict(context: ActionContext, session: Session, package: Package) -> dict[str, Any]:
    """The package dict from the index cache when it is current, else freshly built."""
    cached = session.execute(
        select(SearchDocDict.data_dict)
        .join(SearchDoc, SearchDoc.doc_id == SearchDocDict.doc_id)
        .where(
            SearchDoc.package_id == package.id,
            SearchDoc.metadata_modified == package.metadata_modified,
        )
    ).scalar_one_or_none()
    url = site_url(context)
    data = json.loads(cached) if cached else package_dictize(session, package, url)
    return with_download_urls(data, url)

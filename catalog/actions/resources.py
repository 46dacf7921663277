"""Resource actions: resource_show, resource_search, format_autocomplete."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from catalog.actions.common import active_resource, package_dict, readable_package, site_url
from catalog.actions.params import Params
from catalog.actions.registry import ActionContext, action
from catalog.db.models import Package, Resource
from catalog.errors import NotFound, ValidationFailed
from catalog.services.dictization import (
    datastore_active_ids,
    resource_dictize,
    set_public_url,
)

SEARCHABLE_COLUMNS = (
    "id", "package_id", "url", "url_type", "name", "description", "format", "mimetype",
    "mimetype_inner", "hash", "resource_type", "cache_url", "position", "size", "state",
)  # fmt: skip
TEXT_COLUMNS = frozenset(
    {"url", "name", "description", "format", "mimetype", "mimetype_inner", "resource_type",
     "cache_url", "url_type"}
)  # fmt: skip


@action(side_effect_free=True)
def resource_show(context: ActionContext, data_dict: dict[str, Any]) -> dict[str, Any]:
    """Return a resource as it appears in its dataset's `resources`.

    :param id: the resource id
    """
    with context.services.session() as session:
        row = active_resource(session, data_dict.get("id"))
        package = readable_package(context, session, row.package_id)
        for resource in package_dict(context, session, package)["resources"]:
            if resource["id"] == row.id:
                return resource
    raise NotFound("Resource was not found.")


def _terms(query: Any) -> list[tuple[str, str]]:
    items = query if isinstance(query, list) else [query]
    terms = []
    for item in items:
        field, sep, term = str(item).partition(":")
        if not sep:
            raise ValidationFailed({"query": "Query should be of the form field:term"})
        terms.append((field.strip(), term.strip()))
    return terms


@action(side_effect_free=True)
def resource_search(context: ActionContext, data_dict: dict[str, Any]) -> dict[str, Any]:
    """Search resources of public datasets by field.

    :param query: "field:term" or a list of them (all must match); text fields match a
        case-insensitive substring, hash a prefix, other fields exactly
    :param order_by: a resource field; :param offset, limit: paging
    """
    params = Params(data_dict)
    offset = params.natural("offset", 0)
    limit = params.natural("limit")
    params.check()
    raw = data_dict.get("query")
    if raw in (None, "", []):
        fields = data_dict.get("fields")
        if not isinstance(fields, dict):
            raise ValidationFailed({"query": ["Missing value"]})
        terms = [(str(k), str(v)) for k, v in fields.items()]
    else:
        terms = _terms(raw)
    query = (
        select(Resource)
        .join(Package, Package.id == Resource.package_id)
        .where(Resource.state == "active", Package.state == "active", Package.private.is_(False))
    )
    for field, term in terms:
        if field not in SEARCHABLE_COLUMNS:
            raise ValidationFailed({"query": f'Field "{field}" not recognised in resource_search.'})
        column = getattr(Resource, field)
        if field == "hash":
            query = query.where(func.lower(column).like(f"{term.lower()}%"))
        elif field in TEXT_COLUMNS:
            query = query.where(func.lower(column).like(f"%{term.lower()}%"))
        else:
            query = query.where(func.cast(column, Resource.url.type) == term)
    order_by = params.string("order_by")
    if order_by:
        if order_by not in SEARCHABLE_COLUMNS:
            raise ValidationFailed({"order_by": [f"Cannot order by field {order_by}"]})
        query = query.order_by(getattr(Resource, order_by), Resource.id)
    else:
        query = query.order_by(Resource.id)
    url = site_url(context)
    with context.services.session() as session:
        count = session.execute(select(func.count()).select_from(query.subquery())).scalar_one()
        if offset:
            query = query.offset(offset)
        if limit:
            query = query.limit(limit)
        results = []
        rows = list(session.execute(query).scalars())
        active = datastore_active_ids(session, [row.id for row in rows])
        for row in rows:
            data = resource_dictize(row, datastore_active=row.id in active)
            set_public_url(data, row.package_id, url)
            results.append(data)
    return {"count": count, "results": results}


@action(side_effect_free=True)
def format_autocomplete(context: ActionContext, data_dict: dict[str, Any]) -> list[str]:
    """Return resource formats containing `q`, most used first (lower case).

    :param q: the text to look for; :param limit: at most this many (default 5)
    """
    params = Params(data_dict)
    q = params.required_string("q")
    limit = params.natural("limit", 5)
    params.check()
    lowered = func.lower(Resource.format)
    query = (
        select(lowered, func.count().label("n"))
        .join(Package, Package.id == Resource.package_id)
        .where(
            Resource.state == "active",
            Package.state == "active",
            Package.private.is_(False),
            lowered.like(f"%{q.lower()}%"),
        )
        .group_by(lowered)
        .order_by(func.count().desc(), lowered)
        .limit(limit or 5)
    )
    with context.services.session() as session:
        return [fmt for fmt, _ in session.execute(query).all()]

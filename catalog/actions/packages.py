"""Dataset actions: package_list, package_show, package_search, package_autocomplete,
current_package_list_with_resources, and the create/update path the loader uses."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from catalog.actions.common import (
    package_dict,
    readable_package,
    site_url,
    utcnow,
    viewer,
)
from catalog.actions.params import Params
from catalog.actions.registry import ActionContext, action
from catalog.db.models import Group, Package, SearchDoc, SearchDocDict, SearchField
from catalog.errors import SearchQueryError, ValidationFailed
from catalog.services.dictization import license_map, with_download_urls
from catalog.services.search.folding import fold
from catalog.services.search.service import DEFAULT_SORT, SearchRequest, search_packages

SEARCH_PARAMETERS = frozenset(
    {
        "q", "fl", "fq", "rows", "sort", "start", "wt", "qf", "bf", "boost", "facet",
        "facet.mincount", "facet.limit", "facet.field", "extras", "fq_list", "tie", "defType",
        "mm", "df", "include_private", "include_drafts", "include_deleted",
        "use_default_schema", "abort_search",
    }
)  # fmt: skip


@action(side_effect_free=True)
def package_list(context: ActionContext, data_dict: dict[str, Any]) -> list[str]:
    """Return the names of the site's public, active datasets, ordered by name.

    :param limit: how many names to return (optional; without it, all)
    :param offset: how many names to skip (optional)
    """
    params = Params(data_dict)
    limit = params.natural("limit")
    offset = params.natural("offset")
    params.check()
    query = (
        select(Package.name)
        .where(Package.state == "active", Package.private.is_(False))
        .order_by(Package.name)
    )
    if limit:
        query = query.limit(limit)
    if offset:
        query = query.offset(offset)
    with context.services.session() as session:
        return list(session.execute(query).scalars())


@action(side_effect_free=True)
def package_show(context: ActionContext, data_dict: dict[str, Any]) -> dict[str, Any]:
    """Return the metadata of a dataset and its resources.

    :param id: the id or name of the dataset
    """
    reference = data_dict.get("id") or data_dict.get("name_or_id")
    if reference in (None, ""):
        raise ValidationFailed({"name_or_id": ["Missing value"]})
    with context.services.session() as session:
        package = readable_package(context, session, str(reference))
        return package_dict(context, session, package)


def search_request(data_dict: dict[str, Any], rows_max: int) -> SearchRequest:
    """Validate package_search parameters the way CKAN's search schema does."""
    unknown = sorted(
        key for key in data_dict if key not in SEARCH_PARAMETERS and not key.startswith("ext_")
    )
    if unknown:
        raise SearchQueryError(f"Invalid search parameters: {unknown}")
    params = Params(data_dict)
    rows = params.natural("rows", 10)
    start = params.natural("start", 0)
    facet_mincount = params.natural("facet.mincount", 1)
    facet_limit = params.integer("facet.limit", 50)
    facet_fields = params.string_list("facet.field", json_text=True)
    params.check()
    sort = params.string("sort")
    fq_list = data_dict.get("fq_list") or []
    if not isinstance(fq_list, list):
        fq_list = [fq_list]
    return SearchRequest(
        q=params.string("q", "") or "",
        fq=params.string("fq", "") or "",
        fq_list=[str(item) for item in fq_list],
        rows=min(rows if rows is not None else 10, rows_max),
        start=start or 0,
        sort=DEFAULT_SORT if sort in (None, "", "rank") else sort,
        facet=(params.string("facet", "true") or "true").lower() != "false",
        facet_fields=facet_fields,
        facet_limit=facet_limit if facet_limit is not None else 50,
        facet_mincount=facet_mincount if facet_mincount is not None else 1,
        include_private=params.boolean("include_private"),
        include_drafts=params.boolean("include_drafts"),
        include_deleted=params.boolean("include_deleted"),
    )


def _display_names(session: Session, facets: dict[str, dict[str, int]]) -> dict:
    """Titles of the organizations and groups, and of the licenses, that the facets name."""
    names = {value for key in ("groups", "organization") for value in facets.get(key, {})}
    titles: dict[str, str] = {}
    licenses: dict[str, str] = {}
    if names:
        titles = dict(
            session.execute(select(Group.name, Group.title).where(Group.name.in_(names))).all()
        )
    if "license_id" in facets:
        licenses = {key: lic.title for key, lic in license_map(session).items()}
    return {"titles": titles, "licenses": licenses}


@action(side_effect_free=True)
def package_search(context: ActionContext, data_dict: dict[str, Any]) -> dict[str, Any]:
    """Search datasets with Solr-style parameters, as CKAN's package_search.

    :param q: free text ("giao duc" finds "Giáo dục"), or a Lucene query with field:value
    :param fq: a filter query; :param fq_list: more filter queries
    :param sort: e.g. "metadata_modified desc, name asc" (default "score desc,
        metadata_modified desc")
    :param rows: results per page (default 10, at most 1000); :param start: offset
    :param facet.field: fields to count values of (JSON list), with facet.limit (50) and
        facet.mincount (1)
    :param include_private: include private datasets the caller may read
    :param include_drafts: include draft datasets the caller may read
    """
    request = search_request(data_dict, context.services.settings.search_rows_max)
    with context.services.session() as session:
        result = search_packages(
            session, context.services.search, request, viewer(context, session), utcnow()
        )
        names = _display_names(session, result.facets)
    url = site_url(context)
    for item in result.results:
        with_download_urls(item, url)
    fields = Params(data_dict).comma_list("fl")
    results = result.results
    if fields:
        fields = [name for part in fields for name in part.split()]
        results = [{name: item.get(name) for name in fields if name in item} for item in results]
    search_facets: dict[str, Any] = {}
    for field, counts in result.facets.items():
        items = []
        for value, count in counts.items():
            if field in ("groups", "organization"):
                display = names["titles"].get(value, value)
                display = display if display and display.strip() else value
            elif field == "license_id":
                display = names["licenses"].get(value, value)
            else:
                display = value
            items.append({"name": value, "display_name": display, "count": count})
        items.sort(key=lambda item: item["display_name"], reverse=True)
        search_facets[field] = {"title": field, "items": items}
    return {
        "count": result.count,
        "facets": result.facets,
        "results": results,
        "sort": request.sort,
        "search_facets": search_facets,
    }


@action(side_effect_free=True)
def current_package_list_with_resources(
    context: ActionContext, data_dict: dict[str, Any]
) -> list[dict[str, Any]]:
    """Return the most recently modified datasets with their resources.

    :param limit: how many (default 10, as package_search); :param offset: how many to skip
    :param page: 1-based page, used with limit (deprecated)
    """
    params = Params(data_dict)
    limit = params.natural("limit")
    offset = params.natural("offset", 0) or 0
    page = params.integer("page", minimum=1)
    params.check()
    if limit and page:
        offset = (page - 1) * limit
    query: dict[str, Any] = {"q": "", "start": offset, "include_private": context.is_sysadmin}
    if limit is not None:
        query["rows"] = limit
    return package_search(context, query)["results"]


@action(side_effect_free=True)
def package_autocomplete(context: ActionContext, data_dict: dict[str, Any]) -> list[dict]:
    """Return datasets whose name or title contains `q` (accents optional).

    :param q: the text to look for; :param limit: at most this many (default 10)
    """
    params = Params(data_dict)
    q = params.required_string("q")
    limit = params.natural("limit", 10)
    params.check()
    folded = fold(q).strip()
    like = f"%{folded}%"
    title_match = select(SearchField.doc_id).where(
        SearchField.field == "title", SearchField.value.like(like)
    )
    query = (
        select(SearchDoc.name, SearchDocDict.data_dict)
        .join(SearchDocDict, SearchDocDict.doc_id == SearchDoc.doc_id)
        .where(
            SearchDoc.state == "active",
            SearchDoc.private.is_(False),
            or_(SearchDoc.name.like(like), SearchDoc.doc_id.in_(title_match)),
        )
        .order_by(SearchDoc.name)
        .limit(limit or 10)
    )
    results = []
    with context.services.session() as session:
        for name, data in session.execute(query).all():
            title = json.loads(data).get("title") or name
            if q.lower() in name:
                results.append(
                    {"name": name, "title": title, "match_field": "name", "match_displayed": name}
                )
            else:
                results.append(
                    {
                        "name": name,
                        "title": title,
                        "match_field": "title",
                        "match_displayed": f"{title} ({name})",
                    }
                )
    return results

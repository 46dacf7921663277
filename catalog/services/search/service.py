"""package_search over the SQL index: filters, visibility, free text, sort, paging, facets."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select, true
from sqlalchemy.orm import Session

from catalog.db.models import SearchDoc, SearchDocDict, SearchField
from catalog.errors import SearchQueryError
from catalog.services.search.backend import SearchBackend, TextQuery
from catalog.services.search.compiler import QueryCompiler
from catalog.services.search.query import MatchAll, Node, has_field_syntax, parse

DEFAULT_SORT = "score desc, metadata_modified desc"
SORT_COLUMNS: dict[str, Any] = {
    "metadata_modified": SearchDoc.metadata_modified,
    "metadata_created": SearchDoc.metadata_created,
    "name": SearchDoc.name,
    "title_string": SearchDoc.title_string,
    "id": SearchDoc.package_id,
}
# Solr sort fields of CKAN's schema that mean nothing here; accepted and ignored.
IGNORED_SORT_FIELDS = frozenset({"views_recent", "views_total", "index_id", "_version_"})


@dataclass(frozen=True)
class Viewer:
    """Whose permissions filter the results: sysadmins see everything."""

    user_id: str | None = None
    sysadmin: bool = False
    organization_ids: frozenset[str] = frozenset()


@dataclass
class SearchRequest:
    q: str = ""
    fq: str = ""
    fq_list: list[str] = field(default_factory=list)
    rows: int = 10
    start: int = 0
    sort: str = DEFAULT_SORT
    facet: bool = True
    facet_fields: list[str] = field(default_factory=list)
    facet_limit: int = 50
    facet_mincount: int = 1
    include_private: bool = False
    include_drafts: bool = False
    include_deleted: bool = False


@dataclass
class SearchResult:
    count: int
    results: list[dict[str, Any]]
    facets: dict[str, dict[str, int]]


def minimum_should_match(words: int) -> int:
    """CKAN's dismax `mm = "2<-1 5<80%"`: all of 1-2 words, all but one of 3-5, 80% beyond."""
    if words <= 2:
        return words
    if words <= 5:
        return words - 1
    return words * 80 // 100


def order_by_clauses(sort: str, score: Any = None) -> list[Any]:
    """CKAN's `sort` ("field dir, field dir") as ORDER BY clauses; doc_id breaks ties."""
    order: list[Any] = []
    for part in sort.split(","):
        words = part.split()
        if not words:
            continue
        if len(words) != 2 or words[1].lower() not in ("asc", "desc"):
            raise SearchQueryError('Invalid "sort" parameter')
        name, descending = words[0], words[1].lower() == "desc"
        if name == "score":
            if score is not None:
                order.append(score.desc() if descending else score.asc())
            continue
        if name in IGNORED_SORT_FIELDS:
            continue
        column = SORT_COLUMNS.get(name)
        if column is None:
            raise SearchQueryError(f'Invalid "sort" parameter: cannot sort by field {name!r}')
        order.append(column.desc() if descending else column.asc())
    order.append(SearchDoc.doc_id.asc())
    return order


def _visibility(request: SearchRequest, viewer: Viewer) -> ColumnElement:
    """CKAN's `+capacity:public`, `+state:(...)` and permission-label filters."""
    public_active = and_(SearchDoc.private.is_(False), SearchDoc.state == "active")
    if not viewer.sysadmin and not viewer.organization_ids and not viewer.user_id:
        return public_active  # an anonymous caller sees public, active datasets only
    conditions: list[ColumnElement] = []
    fq_text = " ".join([request.fq, *request.fq_list])
    if "+state" not in fq_text:
        states = ["active"]
        if request.include_drafts:
            states.append("draft")
        if request.include_deleted:
            states.append("deleted")
        conditions.append(SearchDoc.state.in_(states))
    if not request.include_private:
        conditions.append(SearchDoc.private.is_(False))
    if not viewer.sysadmin:
        allowed = [public_active]
        if viewer.organization_ids:
            allowed.append(SearchDoc.owner_org.in_(viewer.organization_ids))
        if viewer.user_id:
            created = select(SearchField.doc_id).where(
                SearchField.field == "creator_user_id", SearchField.value == viewer.user_id
            )
            allowed.append(and_(SearchDoc.owner_org.is_(None), SearchDoc.doc_id.in_(created)))
        conditions.append(or_(*allowed))
    return and_(true(), *conditions)


def search_packages(
    session: Session,
    backend: SearchBackend,
    request: SearchRequest,
    viewer: Viewer,
    now: datetime,
) -> SearchResult:
    compiler = QueryCompiler(backend, now)
    conditions = [_visibility(request, viewer)]
    words: list[TextQuery] = []

    q = request.q.strip()
    if q in ("", '""', "''", "*:*"):
        q_node: Node = MatchAll()
    elif has_field_syntax(q):
        q_node = parse(q)
    else:
        q_node = MatchAll()
        words = [TextQuery((token,)) for token in dict.fromkeys(TextQuery.from_text(q).tokens)]
        if words:
            conditions.append(compiler.at_least(words, minimum_should_match(len(words))))
    conditions.append(compiler.compile(q_node))
    for filter_query in [request.fq, *request.fq_list]:
        if filter_query and filter_query.strip():
            conditions.append(compiler.compile(parse(filter_query)))
    where = and_(*conditions)

    base = select(SearchDoc.doc_id).where(where)
    count = session.execute(select(func.count()).select_from(base.subquery())).scalar_one()

    results: list[dict[str, Any]] = []
    if request.rows > 0 and request.start < count:
        query = (
            select(SearchDocDict.data_dict)
            .join(SearchDoc, SearchDoc.doc_id == SearchDocDict.doc_id)
            .where(where)
        )
        score = None
        if words:
            query, score = backend.with_score(query, words)
        order = order_by_clauses(request.sort, score)
        query = query.order_by(*order).offset(request.start).limit(request.rows)
        results = [json.loads(row) for row in session.execute(query).scalars()]
    else:
        order_by_clauses(request.sort)  # reject a bad sort even when the page is empty

    facets: dict[str, dict[str, int]] = {}
    if request.facet and request.facet_fields:
        facets = _facets(session, request, base)
    return SearchResult(count=count, results=results, facets=facets)


def _facets(session: Session, request: SearchRequest, base: Any) -> dict[str, dict[str, int]]:
    """Counts per value for each requested field, over all matches (not just the page)."""
    matching = base.subquery()
    rows = session.execute(
        select(SearchField.field, SearchField.value, func.count().label("n"))
        .where(
            SearchField.field.in_(request.facet_fields),
            SearchField.doc_id.in_(select(matching.c.doc_id)),
        )
        .group_by(SearchField.field, SearchField.value)
    ).all()
    by_field: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for field_name, value, n in rows:
        if n >= request.facet_mincount:
            by_field[field_name].append((value, n))
    facets: dict[str, dict[str, int]] = {}
    for field_name in request.facet_fields:
        items = sorted(by_field.get(field_name, []), key=lambda item: (-item[1], item[0]))
        if request.facet_limit >= 0:
            items = items[: request.facet_limit]
        facets[field_name] = dict(items)
    return facets

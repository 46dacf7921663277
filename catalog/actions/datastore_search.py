"""datastore_search: the rows of a DataStore table, as CKAN 2.11 answers them.

Order of checks as in `ckanext/datastore/logic/action.py::datastore_search`: the schema
(409), the table (404 `Resource "<id>" was not found.`), read access to the resource's
dataset (403, `resource_show`'s rule and message), then the parameters against the table's
columns (409), then the query. datastore_search_sql is not offered: the registry answers it
as CKAN answers any unknown action (400 "Action name not known").
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlmodel import Session, select

from catalog.actions.common import user_label, viewer
from catalog.actions.datastore_params import search_spec, validate_search
from catalog.actions.registry import ActionContext, action
from catalog.db.models import Package, Resource
from catalog.errors import NotAuthorized, NotFound, ValidationFailed
from catalog.services.authz import can_read_package
from catalog.services.datastore.query import (
    CompiledSearch,
    SearchSpec,
    compile_search,
    decode_rows,
)
from catalog.services.datastore.records_format import encode_records
from catalog.services.datastore.scan_match import prepare_connection
from catalog.services.datastore.store import TableInfo

STATEMENT_TIMEOUT_MS = 30_000
_INFRASTRUCTURE = ("locked", "unable to open", "disk", "connection", "server closed")


def check_read(
    context: ActionContext, resource_id: str, connection: Connection | None = None
) -> None:
    """403 unless the caller may read the resource's dataset (CKAN's resource_show auth).

    With `connection` (PostgreSQL: the DataStore lives in the catalog's database) the check
    reads through the search's own connection and snapshot: no second connection, and
    a few round trips fewer per search."""
    if connection is not None:
        with Session(bind=connection) as session:
            _check_read(context, session, resource_id)
        return
    with context.services.session() as session:
        _check_read(context, session, resource_id)


def _check_read(context: ActionContext, session: Session, resource_id: str) -> None:
    found = session.exec(
        select(Resource, Package)
        .join(Package, Package.id == Resource.package_id)  # type: ignore[arg-type]
        .where(Resource.id == resource_id)
    ).first()
    if found is None or found[0].state != "active":
        raise NotFound(f'Resource "{resource_id}" was not found.')
    if not can_read_package(viewer(context, session), found[1]):
        raise NotAuthorized(
            f"User {user_label(context)} not authorized to read resource {resource_id}"
        )


@contextmanager
def readable_table(
    context: ActionContext, resource_id: str
) -> Iterator[tuple[Connection, TableInfo]]:
    """One read snapshot of the resource's table, after the 404 and 403 checks."""
    store = context.services.datastore
    with store.connect() as connection:
        info = store.describe(resource_id, connection)
        if info is None:
            raise NotFound(f'Resource "{resource_id}" was not found.')
        shared = store.engine is context.services.engine  # PostgreSQL: one database
        check_read(context, resource_id, connection if shared else None)
        if store.dialect == "postgresql":
            connection.execute(text(f"SET LOCAL statement_timeout = {STATEMENT_TIMEOUT_MS}"))
        prepare_connection(connection)
        yield connection, info


@contextmanager
def query_errors() -> Iterator[None]:
    """A statement the database refuses or cancels is CKAN's 409, never a 500."""
    try:
        yield
    except DBAPIError as exc:
        code = getattr(exc.orig, "sqlstate", None)
        if code == "57014" or "interrupted" in str(exc.orig):
            raise ValidationFailed({"query": ["Search took too long"]}) from None
        message = str(exc.orig).lower()
        if isinstance(exc, OperationalError) and any(w in message for w in _INFRASTRUCTURE):
            raise
        raise ValidationFailed({"query": ["Invalid query"]}) from None


def links(current_url: str | None, limit: int, offset: int) -> dict[str, str]:
    """CKAN's `_insert_links`: start / next / prev from the request's path and query."""
    if not current_url:
        return {}
    parts = urlsplit(current_url)
    arguments = dict(parse_qsl(parts.query))
    start = {k: v for k, v in arguments.items() if k != "offset"}
    result = {
        "start": urlunsplit(parts._replace(query=urlencode(start))),
        "next": urlunsplit(
            parts._replace(query=urlencode({**arguments, "offset": offset + limit}))
        ),
    }
    if offset - limit > 0:
        prev = {**arguments, "offset": offset - limit}
        result["prev"] = urlunsplit(parts._replace(query=urlencode(prev)))
    return result


def run_page(
    connection: Connection, info: TableInfo, spec: SearchSpec, records_format: str
) -> tuple[CompiledSearch, Any]:
    with query_errors():
        compiled = compile_search(info, spec, connection.dialect.name, connection)
        rows = compiled.records(connection)
    decoded = decode_rows(rows, compiled.columns, connection.dialect.name)
    return compiled, encode_records(decoded, [c for c, _ in compiled.columns], records_format)


def total_of(
    connection: Connection, info: TableInfo, compiled: CompiledSearch, threshold: int | None
) -> tuple[int, bool]:
    """(total, was_estimated); an unfiltered table's total is its recorded row count."""
    if compiled.page_total is not None:
        return compiled.page_total, False
    if compiled.count is None:
        return info.count, threshold is not None and info.count >= threshold
    with query_errors():
        return int(connection.execute(text(compiled.count), compiled.params).scalar_one()), False


@action(side_effect_free=True)
def datastore_search(context: ActionContext, data_dict: dict[str, Any]) -> dict[str, Any]:
    """Search a DataStore table (CKAN 2.11's datastore_search).

    :param resource_id: the resource id (alias: ``id``)
    :param filters: {"column": value or [values]} exact matches (a JSON string in GET)
    :param q: full text over the whole row, or {"column": "text"} per column; adds ``rank``
        columns. Vietnamese diacritics are optional ("ha noi" finds "Hà Nội")
    :param full_text: full text over the whole row
    :param plain: true (default): every word must occur; false: ``&``, ``|``, ``!``,
        parentheses and prefix ``:*``
    :param language: accepted (the text search folds Vietnamese for every language)
    :param fields: columns to return (list or comma-separated string)
    :param sort: "col1, col2 desc", each optionally ``nulls first`` / ``nulls last``
    :param limit: rows to return (default 100, at most 32000; 0 returns only fields)
    :param offset: rows to skip
    :param distinct: distinct rows only
    :param include_total: true (default) to return ``total`` and ``total_was_estimated``
    :param total_estimation_threshold: estimate the total of an unfiltered search above this
    :param records_format: ``objects`` (default), ``lists``, ``csv`` or ``tsv`` (no header)
    """
    validated = validate_search(data_dict)
    with readable_table(context, validated["resource_id"]) as (connection, info):
        spec = search_spec(validated, info)
        spec.total = bool(validated["include_total"])
        compiled, records = run_page(connection, info, spec, validated["records_format"])
        result = dict(validated)
        result["records"] = records
        result["fields"] = [_field_dict(info, name, kind) for name, kind in compiled.columns]
        result["_links"] = links(context.current_url, spec.limit, spec.offset)
        if validated["include_total"]:
            total, estimated = total_of(
                connection, info, compiled, validated["total_estimation_threshold"]
            )
            result["total"] = total
            result["total_was_estimated"] = estimated
    return result


def _field_dict(info: TableInfo, name: str, kind: str) -> dict[str, Any]:
    field = info.field(name)
    if field is not None and field.info:
        return {"id": name, "type": kind, "info": dict(field.info)}
    return {"id": name, "type": kind}

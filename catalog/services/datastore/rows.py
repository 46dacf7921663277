"""Row-level access to a live DataStore table, for the steward writes (writes.py):
read rows back typed, insert rows with their full text, delete rows by `_id`.
Bulk loading and the table lifecycle stay in store.py."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection

from catalog.services.datastore import fulltext, fulltext_index
from catalog.services.datastore.bulk import quote
from catalog.services.datastore.store import DatastoreStore, TableInfo
from catalog.services.datastore.types import (
    POSTGRES_COLUMN,
    postgres_decoded,
    postgres_value,
    sqlite_decoded,
    sqlite_value,
)


def typed_rows(
    store: DatastoreStore,
    connection: Connection,
    info: TableInfo,
    where: str = "",
    params: dict | None = None,
) -> Iterator[tuple[int, tuple]]:
    """(_id, typed values) of the table's rows (all, or those `where` selects)."""
    columns = ", ".join(["_id", *(quote(f.id) for f in info.fields)])
    sql = f"SELECT {columns} FROM {info.sql_name}"
    if where:
        sql += f" WHERE {where}"
    types = [f.type for f in info.fields]
    decode = sqlite_decoded if store.dialect == "sqlite" else postgres_decoded
    for row in connection.execute(text(sql + " ORDER BY _id"), params or {}):
        yield row[0], tuple(decode(v, t) for v, t in zip(row[1:], types, strict=True))


def insert_rows(
    store: DatastoreStore, connection: Connection, info: TableInfo,
    rows: Iterable[tuple[int, Sequence[Any]]],
) -> None:  # fmt: skip
    """Insert (_id, values) rows into an existing table, full text included (once built:
    a first load's full text is built later from all the rows)."""
    fields = info.fields
    types = [f.type for f in fields]
    names = ", ".join(["_id", *(quote(f.id) for f in fields)])
    marks = ", ".join(f":p{i}" for i in range(len(fields) + 1))
    batch = []
    for row_id, values in rows:
        params = {"p0": row_id}
        if store.dialect == "postgresql":
            for index, (value, kind) in enumerate(zip(values, types, strict=True), 1):
                params[f"p{index}"] = postgres_value(value, kind)
            params["ft"] = fulltext.tsvector_literal(values)
        else:
            for index, (value, kind) in enumerate(zip(values, types, strict=True), 1):
                params[f"p{index}"] = sqlite_value(value, kind)
        batch.append(params)
    if not batch:
        return
    if store.dialect == "postgresql":
        casts = ", ".join(
            f"CAST(:p{i} AS {POSTGRES_COLUMN[f.type]})" for i, f in enumerate(fields, 1)
        )
        connection.execute(
            text(
                f"INSERT INTO {info.sql_name} ({names}, _full_text) VALUES "
                f"(:p0{', ' + casts if casts else ''}, CAST(:ft AS tsvector))"
            ),
            batch,
        )
        return
    connection.execute(text(f"INSERT INTO {info.sql_name} ({names}) VALUES ({marks})"), batch)
    if info.fulltext_ready:
        fulltext_index.sqlite_added(connection, info.table, [p["p0"] for p in batch])


def delete_rows(connection: Connection, info: TableInfo, ids: list[int]) -> None:
    """Delete rows by `_id`, full text included."""
    if info.fts_sql_name and info.fulltext_ready:  # the index forgets the rows' text first
        fulltext_index.sqlite_removing(connection, info.table, ids)
    for start in range(0, len(ids), 500):
        marks = ", ".join(str(int(row_id)) for row_id in ids[start : start + 500])
        connection.execute(text(f"DELETE FROM {info.sql_name} WHERE _id IN ({marks})"))

"""Indexes that make datastore_search fast on large tables (called by the loader).

One index per field, so that a filter or a sort on any column of a million-row table avoids a
full scan: PostgreSQL b-tree for typed columns and a hash index for text (equality and IN are
what `filters` need, and a hash index has no b-tree's 2.7 kB row limit on long text); SQLite
b-trees. json columns cannot be filtered and get none. `_id` is the primary key and the full
text has its own index (store.py).
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection

from catalog.services.datastore.store import TableInfo, quote

MAX_INDEXED_FIELDS = 64


def index_statements(dialect: str, info: TableInfo) -> list[str]:
    statements = []
    for number, field in enumerate(info.fields[:MAX_INDEXED_FIELDS]):
        if field.type == "json":
            continue
        name = quote(f"{info.table}_f{number}")
        column = quote(field.id)
        if dialect == "postgresql":
            method = "hash" if field.type == "text" else "btree"
            statements.append(f"CREATE INDEX {name} ON {info.sql_name} USING {method} ({column})")
        else:
            statements.append(f"CREATE INDEX {name} ON {info.sql_name} ({column})")
    statements.append(f"ANALYZE {info.sql_name}")
    return statements


def create_search_indexes(connection: Connection, dialect: str, info: TableInfo) -> None:
    """Create the indexes of `info`'s table in the caller's transaction."""
    for statement in index_statements(dialect, info):
        connection.execute(text(statement))

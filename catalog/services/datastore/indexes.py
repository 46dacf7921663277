"""Indexes that make datastore_search fast on large tables (called by the loader).

One b-tree per field, so that a filter or a sort on any column of a million-row table avoids
a full scan, and a count of a filter reads the index alone (SQLite covering index,
PostgreSQL index-only scan once the table is all-visible). Each index also yields `_id`
(SQLite: the rowid, always; PostgreSQL: INCLUDE (_id)), so that the total of several
filters is a join of index-only scans (query.py `_probed_count_conditions`). PostgreSQL text
columns get a b-tree too when every value fits its entry limit (about 2.7 kB), else a hash
index (equality and IN are what `filters` need; a hash index must visit the rows to count,
so it is only the fallback). json columns cannot be filtered and get none. `_id` is the
primary key and the full text has its own index (store.py). Ends with ANALYZE, which the
planners need to choose between these indexes.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine

from catalog.services.datastore.store import TableInfo, quote

MAX_INDEXED_FIELDS = 64
BTREE_TEXT_BYTES = 2000  # longest text value a PostgreSQL b-tree entry takes, with margin


def long_text_fields(connection: Connection, info: TableInfo) -> set[str]:
    """PostgreSQL: the text fields with a value too long for a b-tree entry (one scan)."""
    texts = [f.id for f in info.fields[:MAX_INDEXED_FIELDS] if f.type == "text"]
    if not texts:
        return set()
    checks = ", ".join(
        f"coalesce(bool_or(octet_length({quote(name)}) > {BTREE_TEXT_BYTES}), false)"
        for name in texts
    )
    row = connection.execute(text(f"SELECT {checks} FROM {info.sql_name}")).one()
    return {name for name, long in zip(texts, row, strict=True) if long}


def index_statements(dialect: str, info: TableInfo, long_text: set[str] | None = None) -> list[str]:
    statements = []
    for number, field in enumerate(info.fields[:MAX_INDEXED_FIELDS]):
        if field.type == "json":
            continue
        name = quote(f"{info.table}_f{number}")
        column = quote(field.id)
        if dialect == "postgresql":
            if field.id in (long_text or set()):
                statements.append(f"CREATE INDEX {name} ON {info.sql_name} USING hash ({column})")
            else:
                statements.append(
                    f"CREATE INDEX {name} ON {info.sql_name} ({column}) INCLUDE (_id)"
                )
        else:
            statements.append(f"CREATE INDEX {name} ON {info.sql_name} ({column})")
    statements.append(f"ANALYZE {info.sql_name}")
    return statements


def create_search_indexes(connection: Connection, dialect: str, info: TableInfo) -> None:
    """Create the indexes of `info`'s table in the caller's transaction."""
    long_text = long_text_fields(connection, info) if dialect == "postgresql" else set()
    for statement in index_statements(dialect, info, long_text):
        connection.execute(text(statement))


def make_all_visible(engine: Engine, info: TableInfo) -> None:
    """PostgreSQL: VACUUM the new table (outside any transaction) so its pages are marked
    all-visible and counts are index-only scans at once, not after autovacuum's next pass
    (until then a count visits every matching row's page). SQLite needs nothing."""
    if engine.dialect.name != "postgresql":
        return
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text(f"VACUUM {info.sql_name}"))

"""The search indexes of a DataStore table (indexes.py), on both backends."""

from __future__ import annotations

from sqlalchemy import text

from catalog.actions.registry import ActionContext
from catalog.services.datastore.indexes import (
    create_search_indexes,
    index_statements,
    long_text_fields,
    make_all_visible,
)
from catalog.services.datastore.store import DatastoreField
from tests.support.datastore_tables import resource_with_table

FIELDS = [DatastoreField("code", "text"), DatastoreField("note", "text"),
          DatastoreField("n", "int8"), DatastoreField("extra", "json")]  # fmt: skip


def test_indexes_serve_counts_from_the_index(sysadmin_context: ActionContext) -> None:
    rows = [(f"c{i % 10}", "x" * 3000 if i == 5 else "short", i, {"i": i}) for i in range(300)]
    resource_id = resource_with_table(sysadmin_context, "indexed", FIELDS, rows)
    store = sysadmin_context.services.datastore
    info = store.describe(resource_id)
    assert info is not None
    with store.begin() as connection:
        if store.dialect == "postgresql":
            assert long_text_fields(connection, info) == {"note"}  # 3000 bytes: no b-tree
        create_search_indexes(connection, store.dialect, info)
    statements = index_statements(store.dialect, info, {"note"})
    assert len(statements) == 4 and statements[-1].startswith("ANALYZE")  # json: no index
    if store.dialect == "postgresql":
        assert "USING hash" in statements[1] and statements[0].endswith("INCLUDE (_id)")
    make_all_visible(store.engine, info)
    with store.connect() as connection:
        if store.dialect == "postgresql":
            pages, visible = connection.execute(
                text(
                    "SELECT relpages, relallvisible FROM pg_class WHERE oid = CAST(:t AS regclass)"
                ),
                {"t": info.sql_name},
            ).one()
            assert pages > 0 and visible == pages
            plan = connection.execute(
                text(f"EXPLAIN SELECT count(*) FROM {info.sql_name} WHERE code = 'c1'")
            ).scalars()
        else:
            plan = connection.execute(
                text(f"EXPLAIN QUERY PLAN SELECT count(*) FROM {info.sql_name} WHERE code = 'c1'")
            ).all()
            plan = [row[-1] for row in plan]
        assert any("Index Only Scan" in line or "COVERING INDEX" in line for line in plan)

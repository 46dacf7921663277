"""A first load goes live before its indexes; a replacement swaps in only when indexed."""

from __future__ import annotations

import threading

from sqlalchemy import text

from catalog.services.datastore.query import SearchSpec, compile_search, prepare_connection
from catalog.services.datastore.store import DatastoreField, TableInfo
from catalog.services.runtime import Services

RESOURCE = "5d0c7a1e-2b3f-4c5d-8e9f-0a1b2c3d4e5f"
FIELDS = [DatastoreField("ma", "int8"), DatastoreField("ten", "text")]
OLD = [(1, "Lục Ngạn"), (2, "Yên Thế")]
NEW = [(10, "Hiệp Hòa"), (11, "Việt Yên"), (12, "Lục Nam")]


def _q(services: Services, word: str) -> list[int]:
    """The `_id`s whose full text has `word`, as datastore_search's q finds them."""
    store = services.datastore
    with store.connect() as connection:
        info = store.describe(RESOURCE, connection)
        assert info is not None
        if store.dialect == "postgresql":
            sql = (f"SELECT _id FROM {info.sql_name} WHERE _full_text @@ "
                   "to_tsquery('simple', :w) ORDER BY _id")  # fmt: skip
        else:
            sql = f"SELECT rowid FROM {info.fts_sql_name} WHERE _full_text MATCH :w ORDER BY rowid"
        return [row[0] for row in connection.execute(text(sql), {"w": word})]


def _searched(services: Services, word: str) -> list[int]:
    """The `_id`s datastore_search's q finds (a scan while the full text is being built)."""
    store = services.datastore
    with store.connect() as connection:
        prepare_connection(connection)
        info = store.describe(RESOURCE, connection)
        assert info is not None
        spec = SearchSpec(q=word, fields=["_id"], sort=[("_id", "asc", "")])
        compiled = compile_search(info, spec, store.dialect)
        params = {**compiled.params, "limit": 100, "offset": 0}
        return [row[0] for row in connection.execute(text(compiled.select), params)]


def _fulltext_built(services: Services, info: TableInfo) -> bool:
    with services.datastore.connect() as connection:
        if services.datastore.dialect == "postgresql":
            sql = f"SELECT count(*) FROM {info.sql_name} WHERE _full_text IS NOT NULL"
            return connection.execute(text(sql)).scalar_one() == info.count
        sql = "SELECT count(*) FROM sqlite_master WHERE name = :n"
        return connection.execute(text(sql), {"n": info.table + "__fts"}).scalar_one() == 1


def _gin_indexes(services: Services, info: TableInfo) -> int:
    with services.datastore.connect() as connection:
        return connection.execute(
            text("SELECT count(*) FROM pg_indexes WHERE schemaname = :s AND tablename = :t "
                 "AND indexdef LIKE '%gin%'"),
            {"s": services.datastore.schema, "t": info.table},
        ).scalar_one()  # fmt: skip


def test_first_load_is_live_before_its_indexes(services: Services) -> None:
    store = services.datastore
    built: list[str] = []
    info = store.create_table(RESOURCE, FIELDS, OLD, indexer=lambda c, i: built.append(i.table),
                              defer_indexes=True)  # fmt: skip
    assert not info.indexed and built == []
    assert store.unindexed() == {RESOURCE}
    assert store.describe(RESOURCE).count == 2
    assert not info.fulltext_ready and not _fulltext_built(services, info)
    assert _searched(services, "ngan") == [1]  # q is right while indexing: a scan
    assert _searched(services, "yen the") == [2] and _searched(services, "ha") == []
    if store.dialect == "postgresql":
        assert _gin_indexes(services, info) == 0
    done = store.finish_indexing(RESOURCE, lambda c, i: built.append(i.table))
    assert done is not None and done.indexed and done.fulltext_ready and built == [done.table]
    assert _fulltext_built(services, done) and store.unindexed() == set()
    assert _q(services, "ngan") == [1] and _q(services, "the") == [2]
    assert _searched(services, "ngan") == [1] and _searched(services, "yen the") == [2]
    if store.dialect == "postgresql":  # the rows moved to a table with their full text
        assert done.table != info.table and _gin_indexes(services, done) == 1
    store.finish_indexing(RESOURCE, lambda c, i: built.append(i.table))  # nothing left to do
    assert built == [done.table]


def test_replacement_serves_the_old_table_until_indexed(services: Services) -> None:
    store = services.datastore
    store.create_table(RESOURCE, FIELDS, OLD, defer_indexes=True)
    old = store.finish_indexing(RESOURCE)
    seen: list[tuple] = []

    def read() -> None:  # another connection, while the replacement is being indexed
        with store.connect() as connection:
            info = store.describe(RESOURCE, connection)
            rows = connection.execute(text(f"SELECT ma FROM {info.sql_name} ORDER BY _id"))
            seen.append((info.table, info.indexed, [row[0] for row in rows]))

    def indexer(connection, info: TableInfo) -> None:
        reader = threading.Thread(target=read)
        reader.start()
        reader.join(timeout=20)
        assert not reader.is_alive(), "a reader waited for the replacement's indexes"

    new = store.create_table(RESOURCE, FIELDS, NEW, indexer=indexer, defer_indexes=True)
    assert seen == [(old.table, True, [1, 2])]  # never the new rows before they are indexed
    assert new.indexed and new.table != old.table and new.count == 3
    assert _q(services, "ngan") == [] and _q(services, "yen") == [2]
    assert store.unindexed() == set()

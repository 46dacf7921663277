"""A first load goes live before its indexes; a replacement swaps in only when indexed."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlalchemy import text

from catalog.errors import ValidationFailed
from catalog.services.datastore.query import SearchSpec, compile_search
from catalog.services.datastore.scan_match import prepare_connection
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


def _searched(services: Services, word: str, plain: bool = True) -> list[int]:
    """The `_id`s datastore_search's q finds (a scan while the full text is being built)."""
    store = services.datastore
    with store.connect() as connection:
        prepare_connection(connection)
        info = store.describe(RESOURCE, connection)
        assert info is not None
        spec = SearchSpec(q=word, plain=plain, fields=["_id"], sort=[("_id", "asc", "")])
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


def test_q_while_indexing_a_table_wider_than_a_function_takes(services: Services) -> None:
    fields = [DatastoreField(f"c{number}", "text") for number in range(130)]
    rows = [tuple(["Lục Ngạn"] * 129 + ["cuối"]), tuple(["Yên Thế"] * 130)]
    services.datastore.create_table(RESOURCE, fields, rows, defer_indexes=True)
    assert _searched(services, "cuoi") == [1] and _searched(services, "yen the") == [2]


QUERIES = [("ngạn", True), ("LUC NGAN", True), ("yen the", True), ("thế yên", True),
           ("53.56", True), ("5356", True), ("số 53", True), ("hòa", True), ("ng", True),
           ("nga:*", False), ("ngan | the", False), ("!ngan", False), ("luc & !hoa", False),
           ("(yen | hiep) & !the", False), ("2024", True), ("true", True)]  # fmt: skip


def test_q_while_indexing_finds_what_the_full_text_finds(services: Services) -> None:
    fields = [*FIELDS, DatastoreField("ghi chú", "text"), DatastoreField("mở", "bool"),
              DatastoreField("ngày", "date")]  # fmt: skip
    day = dt.date(2024, 1, 2)
    rows = [(1, "Lục Ngạn", "số 53.56", True, None), (2, "Yên Thế", "Thế Yên", False, None),
            (3, "Hiệp Hòa", "ngã ba, số 5356", None, day)]  # fmt: skip
    store = services.datastore
    store.create_table(RESOURCE, fields, rows, defer_indexes=True)
    scanned = {query: _searched(services, *query) for query in QUERIES}
    assert store.finish_indexing(RESOURCE) is not None
    indexed = {query: _searched(services, *query) for query in QUERIES}
    assert scanned == indexed
    assert indexed[("ngạn", True)] == [1] and indexed[("53.56", True)] == [1]
    assert indexed[("nga:*", False)] == [1, 3] and indexed[("!ngan", False)] == [2, 3]
    assert indexed[("2024", True)] == [3] and indexed[("true", True)] == [1]


HOSTILE = ["'; DROP TABLE _tables; --", ".*", "(((", "\\", "[a-", "a{99999}", "x|y)", "$1",
           "ngạn:*:*", "!!!", "& |", "đ" * 5000, "\x00", "(?i)ngan", "\\p{L}+"]  # fmt: skip


@pytest.mark.parametrize("plain", [True, False])
def test_hostile_q_while_indexing_is_refused_or_answered(services: Services, plain: bool) -> None:
    services.datastore.create_table(RESOURCE, FIELDS, OLD, defer_indexes=True)
    for query in HOSTILE:
        try:
            found = _searched(services, query, plain)
        except ValidationFailed:
            assert not plain, query  # CKAN's 409 for a tsquery syntax error
            continue
        assert set(found) <= {1, 2}, query
    assert services.datastore.resource_ids() == {RESOURCE}  # the pointer table is intact

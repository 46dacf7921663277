"""The storage contract: create / describe / connect / replace / drop, on both databases."""

from __future__ import annotations

import datetime as dt
import threading
from decimal import Decimal

import pytest
from sqlalchemy import text

from catalog.services.datastore.fulltext import fast_fold, tsvector_literal, words_of
from catalog.services.datastore.store import DatastoreField, quote
from catalog.services.runtime import Services
from catalog.services.search.folding import fold

RESOURCE = "8b1c3f5e-0d6a-4a63-9a57-0c1d2e3f4a5b"

FIELDS = [
    DatastoreField("mã", "int8"),
    DatastoreField("Tên đơn vị", "text", {"label": "Tên"}),
    DatastoreField("dân số", "numeric"),
    DatastoreField("ngày", "date"),
    DatastoreField("hoạt động", "bool"),
    DatastoreField("tỷ lệ", "float8"),
    DatastoreField('a "quoted" name', "json"),
]
ROWS = [
    (1, "Thành phố Bắc Giang", Decimal("174229.5"), dt.date(2024, 1, 1), True, 0.5, {"a": 1}),
    (2, "Huyện Lục Ngạn", Decimal("220000"), dt.date(2024, 12, 31), False, 1.25, [1, "x"]),
    (3, None, None, None, None, None, None),
]


def _rows(services: Services, info) -> list[tuple]:
    columns = ", ".join(["_id", *(quote(f.id) for f in info.fields)])
    with services.datastore.connect() as connection:
        return [
            tuple(row)
            for row in connection.execute(
                text(f"SELECT {columns} FROM {info.sql_name} ORDER BY _id")
            )
        ]


def _matches(services: Services, info, word: str) -> list[int]:
    with services.datastore.connect() as connection:
        if services.datastore.dialect == "postgresql":
            sql = (
                f"SELECT _id FROM {info.sql_name} "
                "WHERE _full_text @@ to_tsquery('simple', :w) ORDER BY _id"
            )
        else:
            sql = f"SELECT rowid FROM {info.fts_sql_name} WHERE _full_text MATCH :w ORDER BY rowid"
        return [row[0] for row in connection.execute(text(sql), {"w": word})]


def test_create_describe_and_read(services: Services) -> None:
    store = services.datastore
    assert store.describe(RESOURCE) is None
    info = store.create_table(RESOURCE, FIELDS, iter(ROWS), primary_key=["mã"])
    assert info.count == 3
    assert info.primary_key == ["mã"]
    assert [f.id for f in info.fields] == [f.id for f in FIELDS]
    assert info.fields[1].info == {"label": "Tên"}
    assert info.table.startswith("t") and len(info.table) == 33
    with store.connect() as connection:
        described = store.describe(RESOURCE, connection)
    assert described == info
    rows = _rows(services, info)
    assert [row[0] for row in rows] == [1, 2, 3]
    if store.dialect == "postgresql":
        assert rows[0][1:] == (1, "Thành phố Bắc Giang", Decimal("174229.5"),
                               dt.date(2024, 1, 1), True, 0.5, {"a": 1})  # fmt: skip
    else:
        assert rows[0][1:] == (1, "Thành phố Bắc Giang", 174229.5, "2024-01-01", 1, 0.5,
                               '{"a": 1}')  # fmt: skip
    assert rows[2][1:] == (3, None, None, None, None, None, None)


def _indexed(services: Services):
    """A first load of ROWS with its deferred full text and indexes built."""
    services.datastore.create_table(RESOURCE, FIELDS, iter(ROWS), defer_indexes=True)
    info = services.datastore.finish_indexing(RESOURCE)
    assert info is not None and info.fulltext_ready
    return info


def test_full_text_is_folded(services: Services) -> None:
    info = _indexed(services)
    assert _matches(services, info, "bac") == [1]
    assert _matches(services, info, "luc") == [2]
    assert _matches(services, info, "ngan") == [2]
    assert _matches(services, info, "2024") == [1, 2]
    assert _matches(services, info, "giang") == [1]


def test_replace_is_atomic_and_drops_the_old_table(services: Services) -> None:
    store = services.datastore
    first = store.create_table(RESOURCE, FIELDS, iter(ROWS))
    second = store.create_table(RESOURCE, FIELDS[:2], iter([(9, "mới")]))
    assert second.table != first.table
    assert store.describe(RESOURCE).count == 1
    assert _rows(services, second) == [(1, 9, "mới")]
    with store.connect() as connection:
        if store.dialect == "postgresql":
            exists = connection.execute(
                text("SELECT to_regclass(:n)"), {"n": f"{store.schema}.{first.table}"}
            ).scalar()
        else:
            exists = connection.execute(
                text("SELECT name FROM sqlite_master WHERE name LIKE :n"),
                {"n": f"{first.table}%"},
            ).scalar()
    assert exists is None


def test_failed_replacement_keeps_the_old_table(services: Services) -> None:
    store = services.datastore
    store.create_table(RESOURCE, FIELDS, iter(ROWS))

    def broken():
        yield (1, "ok", None, None, None, None, None)
        raise ValueError("bad row")

    with pytest.raises(ValueError):
        store.create_table(RESOURCE, FIELDS, broken())
    info = store.describe(RESOURCE)
    assert info.count == 3
    assert len(_rows(services, info)) == 3


def test_duplicate_primary_key_fails_without_change(services: Services) -> None:
    store = services.datastore
    duplicated = [(1, "a"), (1, "b")]
    with pytest.raises(Exception):  # noqa: B017 - the driver's integrity error
        store.create_table(RESOURCE, FIELDS[:2], iter(duplicated), primary_key=["mã"],
                           defer_indexes=False)  # fmt: skip
    assert store.describe(RESOURCE) is None
    # a first load builds its unique key with the deferred indexes (a validated file has no
    # duplicate keys): a duplicate fails there and the live table stays as it was
    store.create_table(RESOURCE, FIELDS[:2], iter(duplicated), primary_key=["mã"],
                       defer_indexes=True)  # fmt: skip
    with pytest.raises(Exception):  # noqa: B017
        store.finish_indexing(RESOURCE)
    info = store.describe(RESOURCE)
    assert info is not None and not info.indexed and info.count == 2


def test_drop_table(services: Services) -> None:
    store = services.datastore
    assert store.drop_table(RESOURCE) is False
    store.create_table(RESOURCE, FIELDS, iter(ROWS))
    assert store.drop_table(RESOURCE) is True
    assert store.describe(RESOURCE) is None
    assert RESOURCE not in store.resource_ids()


def test_empty_table_and_no_fields(services: Services) -> None:
    info = services.datastore.create_table(RESOURCE, [], iter([]))
    assert info.count == 0 and info.fields == []


def test_reader_keeps_its_snapshot_during_a_replacement(services: Services) -> None:
    store = services.datastore
    store.create_table(RESOURCE, FIELDS, iter(ROWS))
    replaced = threading.Event()

    def replace() -> None:
        store.create_table(RESOURCE, FIELDS[:1], iter([(5,)] * 5))
        replaced.set()

    with store.connect() as connection:
        info = store.describe(RESOURCE, connection)
        worker = threading.Thread(target=replace)
        worker.start()
        replaced.wait(timeout=1.0)
        count = connection.execute(text(f"SELECT count(*) FROM {info.sql_name}")).scalar()
        assert count == info.count == 3
    worker.join(timeout=30)
    assert replaced.is_set()
    assert store.describe(RESOURCE).count == 5


@pytest.mark.parametrize(
    "value",
    ["Giáo dục Đào tạo", "TIẾNG VIỆT có dấu", "e\u0301 NFD", "ﬁ ligature ½", "日本語", "abc"],
)
def test_fast_fold_equals_fold(value: str) -> None:
    assert fast_fold(value) == fold(value)


def test_tsvector_literal_positions() -> None:
    assert words_of(["Đất đai", 12, None, dt.date(2024, 1, 2)]) == [
        "dat", "dai", "12", "2024", "01", "02"]  # fmt: skip
    assert tsvector_literal(["a b a"]) == "a:1 b:2 a:3"


def test_postgres_tsvector_equals_to_tsvector(services: Services) -> None:
    if services.datastore.dialect != "postgresql":
        pytest.skip("PostgreSQL only")
    info = _indexed(services)
    with services.datastore.connect() as connection:
        rows = connection.execute(
            text(
                f"SELECT _full_text = to_tsvector('simple', :w) FROM {info.sql_name} WHERE _id = 1"
            ),  # fmt: skip
            {"w": " ".join(words_of(ROWS[0]))},
        ).scalar()
    assert rows is True

"""The loader's two ways in: the file as the database types it, and typed rows."""

from __future__ import annotations

import codecs
import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from catalog.services.datastore import bulk
from catalog.services.datastore.loader import LoadPlan, csv_source, load_file
from catalog.services.datastore.rows import typed_rows
from catalog.services.runtime import Services

FILE_LOAD = "0a1b2c3d-0000-4000-8000-000000000001"
TYPED_LOAD = "0a1b2c3d-0000-4000-8000-000000000002"
SCHEMA = {
    "fields": [
        {"name": "mã", "type": "integer"},
        {"name": "tên", "type": "string"},
        {"name": "dân số", "type": "number"},
        {"name": "ngày", "type": "date"},
        {"name": "mở cửa", "type": "boolean"},
        {"name": "giờ", "type": "time"},
        {"name": "năm", "type": "year"},
    ],
    "primaryKey": ["mã"],
}
CSV = (
    "mã,tên,dân số,ngày,mở cửa,giờ,năm\r\n"
    "1,Thành phố Bắc Giang,174229.5,2024-01-01,true,08:30:00,2024\r\n"
    '2,"Lục Ngạn, ""vải thiều""",220000,2024-12-31,FALSE,17:00:00,1999\r\n'
    '3,"dòng\nhai",,,,,\r\n'
    "4,,-0.25,2000-02-29,1,00:00:00,2000\r\n"
)


def _plan(path: Path, schema: dict[str, Any] | None = None, **values: Any) -> LoadPlan:
    options = {"format": "csv", "schema": schema or SCHEMA, "as_is": True,
               "labels": [f["name"] for f in (schema or SCHEMA)["fields"]]}  # fmt: skip
    return LoadPlan(path=path, **{**options, **values})


def _write(tmp_path: Path, content: str, name: str = "data.csv", bom: bool = False) -> Path:
    path = tmp_path / name
    path.write_bytes((codecs.BOM_UTF8 if bom else b"") + content.encode("utf-8"))
    return path


def _stored(services: Services, resource_id: str) -> list[tuple]:
    store = services.datastore
    with store.connect() as connection:
        info = store.describe(resource_id, connection)
        assert info is not None
        return list(typed_rows(store, connection, info))


def _spy(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Records each CSV bulk load the store attempts."""
    calls: list[str] = []
    for name in ("copy_csv", "sqlite_csv"):
        original = getattr(bulk, name)

        def spy(*args: Any, _original: Any = original, **kwargs: Any) -> int:
            calls.append(args[1])
            return _original(*args, **kwargs)

        monkeypatch.setattr(bulk, name, spy)
    return calls


def test_csv_source_of_a_database_typed_file(tmp_path: Path) -> None:
    path = _write(tmp_path, CSV, bom=True)
    source = csv_source(_plan(path))
    assert source is not None and source.delimiter == ","
    with open(path, "rb") as handle:
        handle.seek(source.offset)
        assert handle.readline().startswith(b"1,Th")
    assert csv_source(_plan(path, labels=[])) is not None  # the header is the first row


@pytest.mark.parametrize(
    ("change", "why"),
    [
        ({"as_is": False}, "not known to be UTF-8 in NFC"),
        ({"labels": ["x"] * 7}, "a preamble: the header is not the first line"),
        ({"schema": {"fields": [{"name": "mã", "type": "integer", "groupChar": "."}]}},
         "numbers with a group character"),
        ({"schema": {"fields": [{"name": "d", "type": "date", "format": "%d/%m/%Y"}]}},
         "a date format"),
        ({"schema": {"fields": [{"name": "b", "type": "boolean", "trueValues": ["có"]}]}},
         "own boolean words"),
        ({"schema": {"fields": [{"name": "t", "type": "datetime"}]}}, "time zones"),
        ({"schema": {"fields": [{"name": "o", "type": "object"}]}}, "JSON cells"),
        ({"schema": {"fields": [{"name": "mã"}], "missingValues": ["", "NA"]}}, "NA"),
    ],
)  # fmt: skip
def test_files_the_database_cannot_type_are_read_as_typed_rows(
    tmp_path: Path, change: dict[str, Any], why: str
) -> None:
    path = _write(tmp_path, CSV)
    assert csv_source(_plan(path, **change)) is None, why


def test_a_header_over_two_lines_is_read_as_typed_rows(tmp_path: Path) -> None:
    path = _write(tmp_path, '"a\nb",c\n1,2\n')
    plan = _plan(path, schema={"fields": [{"name": "a\nb"}, {"name": "c"}]}, labels=[])
    assert csv_source(plan) is None


def test_the_file_and_typed_rows_store_the_same_values(
    services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _spy(monkeypatch)
    path = _write(tmp_path, CSV, bom=True)
    load_file(services.datastore, FILE_LOAD, _plan(path), defer_indexes=True)
    assert len(calls) == 1  # went in as a file
    load_file(services.datastore, TYPED_LOAD, _plan(path, as_is=False), defer_indexes=True)
    assert len(calls) == 1  # typed rows
    stored = _stored(services, FILE_LOAD)
    assert stored == _stored(services, TYPED_LOAD)
    assert [row_id for row_id, _ in stored] == [1, 2, 3, 4]
    first, second, third, fourth = (values for _, values in stored)
    assert first == (1, "Thành phố Bắc Giang", Decimal("174229.5"), dt.date(2024, 1, 1), True,
                     dt.time(8, 30), 2024)  # fmt: skip
    assert second[1] == 'Lục Ngạn, "vải thiều"' and second[4] is False
    assert third == (3, "dòng\nhai", None, None, None, None, None)
    assert fourth[1] is None and fourth[4] is True and fourth[2] == Decimal("-0.25")


def test_a_refused_file_falls_back_to_typed_rows(
    services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _spy(monkeypatch)
    refusing = {**SCHEMA, "fields": [*SCHEMA["fields"][:2], {"name": "dân số", "type": "integer"},
                                     *SCHEMA["fields"][3:]]}  # fmt: skip
    path = _write(tmp_path, CSV.replace("174229.5", "99999999999999999999999"), "big.csv")
    with pytest.raises(Exception, match="out of range|does not match"):
        load_file(services.datastore, FILE_LOAD, _plan(path, schema=refusing))
    assert len(calls) == 1 and services.datastore.describe(FILE_LOAD) is None
    blank = _write(tmp_path, CSV + "\r\n5,x,1,2001-01-01,0,01:00:00,1\r\n", "blank.csv")
    info = load_file(services.datastore, TYPED_LOAD, _plan(blank))
    assert info.count == 5 and [values[0] for _, values in _stored(services, TYPED_LOAD)][-1] == 5


def test_tables_of_the_old_sqlite_layout_are_moved_to_the_document_view(
    services: Services,
) -> None:
    store = services.datastore
    if store.dialect != "sqlite":
        pytest.skip("SQLite only")
    store.ensure()
    table = "t" + "0" * 32
    fields = [{"id": "tên", "type": "text"}, {"id": "mở", "type": "bool"}]
    with store.begin() as connection:  # what an earlier version wrote
        connection.execute(text(f'CREATE TABLE "{table}" (_id INTEGER PRIMARY KEY, "tên" TEXT, '
                                '"mở" INTEGER, _full_text TEXT)'))  # fmt: skip
        old_fts = (f"CREATE VIRTUAL TABLE \"{table}__fts\" USING fts5(_full_text, "
                   f"content='{table}', content_rowid='_id', tokenize='ascii')")  # fmt: skip
        connection.execute(text(old_fts))
        connection.execute(text(f"INSERT INTO \"{table}\" VALUES (1, 'Đồng Cốc', 1, 'dong coc')"))
        connection.execute(
            text(f'INSERT INTO "{table}__fts" ("{table}__fts") VALUES (\'rebuild\')')
        )
        connection.execute(
            text('INSERT INTO "_tables" VALUES (:r, :t, :f, :pk, 1, :m, 1)'),
            {"r": FILE_LOAD, "t": table, "f": json.dumps(fields), "pk": "[]",
             "m": dt.datetime(2026, 1, 1)},
        )  # fmt: skip
    store._ready = False
    store.ensure()
    with store.connect() as connection:
        sql = connection.execute(
            text("SELECT sql FROM sqlite_master WHERE name = :n"), {"n": table + "__fts"}
        ).scalar_one()
        assert "unicode61" in sql and f"{table}__doc" in sql
        found = connection.execute(
            text(f"SELECT rowid FROM \"{table}__fts\" WHERE _full_text MATCH 'dong AND true'")
        ).all()
    assert found == [(1,)]


def test_a_file_read_otherwise_than_validated_falls_back_to_typed_rows(
    services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _spy(monkeypatch)
    # PostgreSQL's COPY takes a line "\." for the end of the data: it would load one row
    path = _write(tmp_path, "a\n1\n\\.\n2\n")
    schema = {"fields": [{"name": "a", "type": "string"}]}
    info = load_file(services.datastore, FILE_LOAD, _plan(path, schema, labels=["a"], rows=3))
    assert len(calls) == 1 and info.count == 3
    assert [values for _, values in _stored(services, FILE_LOAD)] == [("1",), ("\\.",), ("2",)]


def test_plan_from_a_validation_report(tmp_path: Path) -> None:
    path = _write(tmp_path, CSV, bom=True)
    report = {"source": {"format": "csv", "encoding": "utf-8-sig", "normalizedToNFC": False},
              "stats": {"rows": 4}, "labels": [f["name"] for f in SCHEMA["fields"]]}  # fmt: skip
    plan = LoadPlan.from_report(path, report, SCHEMA)
    assert plan.clean and plan.rows == 4 and csv_source(plan) is not None
    normalized = {**report, "source": {**report["source"], "normalizedToNFC": True}}
    assert not LoadPlan.from_report(path, normalized, SCHEMA).clean
    latin = {**report, "source": {**report["source"], "encoding": "windows-1258"}}
    assert not LoadPlan.from_report(path, latin, SCHEMA).clean

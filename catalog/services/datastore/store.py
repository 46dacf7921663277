"""Where DataStore rows live: one physical table per resource, behind a pointer row.

The storage contract (shared with the query side: datastore_search, the dump route):

- SQLite catalog: the rows are in a separate SQLite file `{data_dir}/datastore.db` (WAL).
  PostgreSQL catalog: the same database, in the schema `Settings.datastore_schema`.
- The table `_tables` (in that file / schema) maps a resource id to its physical table,
  fields (JSON), primary key and row count. A physical name is `t` + 32 hex digits, made
  here and never from user input; always use `TableInfo.sql_name` / `fts_sql_name`
  (quoted, schema-qualified) in SQL, and `quote()` for column names.
- A physical table has `_id` (integer primary key, 1..n in file order), one column per field
  named exactly by its id, and the full text: PostgreSQL `_full_text tsvector` ('simple'
  words of `fulltext.words_of`, GIN index); SQLite an external-content FTS5 table
  `<table>__fts` over the view `<table>__doc` (fulltext_index.py; one column `_full_text`,
  rowid = `_id`; select only rowid / bm25 from it). Query words are folded with
  `fulltext.fast_fold` to match.
- A first load goes live with its rows only (`indexed` False): the full text (PostgreSQL:
  NULL `_full_text`; SQLite: no FTS5 table yet) and the per-column indexes come with
  `finish_indexing`. Until then q is answered by a scan (query.py).
- Values: SQLite INTEGER for int4/int8, REAL for numeric/float8, INTEGER 0/1 for bool, ISO
  text for date/time/timestamp, JSON text for json; PostgreSQL native types.

Reading (the query side):

    with store.connect() as connection:           # one read transaction
        info = store.describe(resource_id, connection)   # None: no DataStore table
        connection.execute(text(f"SELECT ... FROM {info.sql_name} ..."))

Call `describe` with the connection first: on PostgreSQL it takes a KEY SHARE lock on the
pointer row, which holds off a replacement or a write until the read transaction ends, so
the count and the rows agree; on SQLite the WAL snapshot does the same.

Writing: `create_table` (replaces atomically: readers see the old rows or the new rows),
`drop_table`; row-level reads and writes of a live table are in rows.py (used by writes.py),
the SQL of one physical table (create, fill, full text, indexes, drop) in physical.py.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine

from catalog.services.datastore import fulltext_index
from catalog.services.datastore.bulk import CsvSource, quote
from catalog.services.datastore.physical import Indexer, PhysicalTables

META = "_tables"


@dataclass(frozen=True)
class DatastoreField:
    id: str
    type: str  # a CKAN type name: text numeric int4 int8 float8 bool date time timestamp json
    info: dict = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "type": self.type}
        if self.info:
            data["info"] = dict(self.info)
        return data


@dataclass(frozen=True)
class TableInfo:
    resource_id: str
    table: str  # physical name (t + 32 hex digits)
    fields: list[DatastoreField]  # without _id and the full-text column
    count: int
    sql_name: str  # quoted (and schema-qualified) name for SQL
    fts_sql_name: str | None = None  # SQLite: the quoted FTS5 table
    primary_key: list[str] = field(default_factory=list)
    modified: datetime | None = None
    indexed: bool = True  # False: a first load's rows are live, its indexes still building

    @property
    def fulltext_ready(self) -> bool:
        """Whether the full text is built (PostgreSQL `_full_text`, SQLite's FTS5 table);
        until then q must be a scan of the values."""
        return self.indexed

    def field(self, field_id: str) -> DatastoreField | None:
        return next((f for f in self.fields if f.id == field_id), None)


class DatastoreStore:
    """The DataStore tables of one catalog; built once by Services."""

    def __init__(self, engine: Engine, *, schema: str | None = None) -> None:
        self.engine = engine
        self.dialect = engine.dialect.name
        self.schema = schema if self.dialect == "postgresql" else None
        self.tables = PhysicalTables(self.dialect, self.qualified)
        self._ready = False

    # ------------------------------------------------------------------ names

    def qualified(self, name: str) -> str:
        return f"{quote(self.schema)}.{quote(name)}" if self.schema else quote(name)

    def _info(self, row: Any) -> TableInfo:
        fields = [DatastoreField(f["id"], f["type"], f.get("info") or {})
                  for f in json.loads(row.fields)]  # fmt: skip
        modified = row.modified
        if isinstance(modified, str):
            modified = datetime.fromisoformat(modified)
        return self._table_info(
            row.resource_id, row.table_name, fields, int(row.row_count),
            json.loads(row.primary_key or "[]"), modified=modified,
            indexed=bool(getattr(row, "indexed", 1)),
        )  # fmt: skip

    def _table_info(self, resource_id: str, name: str, fields: list[DatastoreField], count: int,
                    primary_key: Sequence[str], *, modified: datetime | None = None,
                    indexed: bool = False) -> TableInfo:  # fmt: skip
        return TableInfo(resource_id=resource_id, table=name, fields=fields, count=count,
                         sql_name=self.qualified(name), primary_key=list(primary_key),
                         fts_sql_name=quote(name + "__fts") if self.dialect == "sqlite" else None,
                         modified=modified, indexed=indexed)  # fmt: skip

    # ------------------------------------------------------------------ setup

    def ensure(self) -> None:
        """Create the schema and the pointer table if missing (idempotent)."""
        if self._ready:
            return
        with self.engine.begin() as connection:
            if self.schema:
                connection.execute(text(f"CREATE SCHEMA IF NOT EXISTS {quote(self.schema)}"))
            connection.execute(
                text(
                    f"CREATE TABLE IF NOT EXISTS {self.qualified(META)} ("
                    "resource_id VARCHAR(100) PRIMARY KEY, table_name VARCHAR(40) NOT NULL, "
                    "fields TEXT NOT NULL, primary_key TEXT, row_count BIGINT NOT NULL, "
                    "modified TIMESTAMP NOT NULL, indexed INTEGER NOT NULL DEFAULT 1)"
                )
            )
            columns = connection.execute(text(f"SELECT * FROM {self.qualified(META)} LIMIT 0"))
            if "indexed" not in columns.keys():  # a pointer table from before `indexed`
                connection.execute(
                    text(
                        f"ALTER TABLE {self.qualified(META)} "
                        "ADD COLUMN indexed INTEGER NOT NULL DEFAULT 1"
                    )
                )
            if self.dialect == "sqlite":
                fulltext_index.upgrade_sqlite_tables(connection, META)
        self._ready = True

    # ------------------------------------------------------------------ reading

    @contextmanager
    def connect(self) -> Iterator[Connection]:
        """A connection in one read transaction (rolled back at the end)."""
        self.ensure()
        with self.engine.connect() as connection:
            transaction = connection.begin()
            try:
                yield connection
            finally:
                transaction.rollback()

    def describe(self, resource_id: str, connection: Connection | None = None) -> TableInfo | None:
        """The table of `resource_id`, or None. With `connection`: locked for its reads."""
        if connection is None:
            with self.connect() as own:
                return self.describe(resource_id, own)
        self.ensure()
        lock = " FOR KEY SHARE" if self.dialect == "postgresql" else ""
        row = connection.execute(
            text(f"SELECT * FROM {self.qualified(META)} WHERE resource_id = :id{lock}"),
            {"id": resource_id},
        ).first()
        return self._info(row) if row is not None else None

    def resource_ids(self) -> set[str]:
        with self.connect() as connection:
            rows = connection.execute(text(f"SELECT resource_id FROM {self.qualified(META)}"))
            return {row[0] for row in rows}

    # ------------------------------------------------------------------ writing

    @contextmanager
    def begin(self) -> Iterator[Connection]:
        """A write transaction on the DataStore database (SQLite: BEGIN IMMEDIATE)."""
        self.ensure()
        engine = self.engine
        if self.dialect == "sqlite":
            engine = engine.execution_options(catalog_write=True)
        with engine.begin() as connection:
            yield connection

    def lock(self, connection: Connection, resource_id: str) -> TableInfo | None:
        """The table of `resource_id`, locked against readers and writers until commit."""
        row = connection.execute(
            text(
                f"SELECT * FROM {self.qualified(META)} WHERE resource_id = :id"
                + (" FOR UPDATE" if self.dialect == "postgresql" else "")
            ),
            {"id": resource_id},
        ).first()
        return self._info(row) if row is not None else None

    def serialize_writers(self, connection: Connection, resource_id: str) -> None:
        """PostgreSQL: one writer per resource at a time (readers are not held off)."""
        if self.dialect == "postgresql":
            connection.execute(
                text("SELECT pg_advisory_xact_lock(hashtext(:key))"),
                {"key": f"datastore:{resource_id}"},
            )

    def set_count(self, connection: Connection, info: TableInfo, count: int,
                  fields: Sequence[DatastoreField] | None = None) -> None:  # fmt: skip
        """Record a table's new row count (and fields) in its pointer row."""
        values = {"id": info.resource_id, "count": count, "modified": _now()}
        sql = "row_count = :count, modified = :modified"
        if fields is not None:
            sql += ", fields = :fields"
            values["fields"] = json.dumps([f.as_dict() for f in fields], ensure_ascii=False)
        connection.execute(
            text(f"UPDATE {self.qualified(META)} SET {sql} WHERE resource_id = :id"), values
        )

    def create_table(
        self,
        resource_id: str,
        fields: Sequence[DatastoreField],
        rows: Iterable[Sequence[Any]] | CsvSource,
        *,
        primary_key: Sequence[str] = (),
        indexer: Indexer | None = None,
        defer_indexes: bool = False,
    ) -> TableInfo:
        """Create the table of `resource_id` with `rows` (typed values in field order, or a
        CSV file the database types itself), replacing any previous one in the same
        transaction. Returns the new table.

        `indexer` builds the per-column search indexes (indexes.py) before the swap. With
        `defer_indexes`, a FIRST table goes live as soon as its rows are in, `indexed`
        False; `finish_indexing` builds the full text and the rest. A replacement never
        defers: the old table serves until the new one is completely indexed."""
        with self.begin() as connection:
            self.serialize_writers(connection, resource_id)
            return self.replace_in(connection, resource_id, fields, rows, primary_key,
                                   indexer=indexer, defer_indexes=defer_indexes)  # fmt: skip

    def replace_in(
        self,
        connection: Connection,
        resource_id: str,
        fields: Sequence[DatastoreField],
        rows: Iterable[Sequence[Any]] | CsvSource,
        primary_key: Sequence[str] = (),
        *,
        indexer: Indexer | None = None,
        defer_indexes: bool = False,
    ) -> TableInfo:
        """`create_table` inside the caller's write transaction (see `begin`)."""
        name = "t" + uuid.uuid4().hex
        fields = list(fields)
        exists = connection.execute(  # not locked yet: readers keep reading while we index
            text(f"SELECT 1 FROM {self.qualified(META)} WHERE resource_id = :id"),
            {"id": resource_id},
        ).first()
        deferred = defer_indexes and exists is None
        self.tables.create(connection, name, fields)
        count, words = self.tables.insert(connection, name, fields, rows, words=not deferred)
        self.tables.index_id(connection, name)
        if not deferred:
            new = self._table_info(resource_id, name, fields, count, primary_key)
            built = self._build_fulltext(connection, new, words_written=words)
            if built.table != name:
                self.tables.drop(connection, name)
                name = built.table
            self.tables.index_search(connection, built, indexer)
        old = self.lock(connection, resource_id)
        meta = {"id": resource_id, "name": name, "count": count, "modified": _now(),
                "fields": json.dumps([f.as_dict() for f in fields], ensure_ascii=False),
                "pk": json.dumps(list(primary_key)), "indexed": 0 if deferred else 1}  # fmt: skip
        if old is None:
            connection.execute(
                text(
                    f"INSERT INTO {self.qualified(META)} (resource_id, table_name, fields, "
                    "primary_key, row_count, modified, indexed) "
                    "VALUES (:id, :name, :fields, :pk, :count, :modified, :indexed)"
                ),
                meta,
            )
        else:
            connection.execute(
                text(
                    f"UPDATE {self.qualified(META)} SET table_name = :name, fields = "
                    ":fields, primary_key = :pk, row_count = :count, modified = :modified, "
                    "indexed = :indexed WHERE resource_id = :id"
                ),
                meta,
            )
            self.tables.drop(connection, old.table)
        created = self.lock(connection, resource_id)
        assert created is not None
        return created

    def finish_indexing(self, resource_id: str, indexer: Indexer | None = None) -> TableInfo | None:
        """Build what a first load deferred (the full text, PostgreSQL's GIN, the search
        indexes), then mark the table indexed. Readers keep reading meanwhile; writers wait.
        On PostgreSQL the rows are copied into a new table with their `_full_text` (cheaper
        than updating every row), swapped in like a replacement. None: no table."""
        with self.begin() as connection:
            self.serialize_writers(connection, resource_id)
            info = self.describe(resource_id, connection)
            if info is None or info.indexed:
                return info
            built = self._build_fulltext(connection, info, words_written=False)
            self.tables.index_search(connection, built, indexer)
            if built.table != info.table:
                self.lock(connection, resource_id)
                connection.execute(
                    text(f"UPDATE {self.qualified(META)} SET table_name = :name "
                         "WHERE resource_id = :id"),
                    {"id": resource_id, "name": built.table},
                )  # fmt: skip
                self.tables.drop(connection, info.table)
            connection.execute(
                text(f"UPDATE {self.qualified(META)} SET indexed = 1 WHERE resource_id = :id"),
                {"id": resource_id},
            )
            return self.describe(resource_id, connection)

    def unindexed(self) -> set[str]:
        """The resources whose first load's indexes are not built (a stopped process)."""
        with self.connect() as connection:
            rows = connection.execute(
                text(f"SELECT resource_id FROM {self.qualified(META)} WHERE indexed = 0")
            )
            return {row[0] for row in rows}

    def _build_fulltext(self, connection: Connection, info: TableInfo, *,
                        words_written: bool) -> TableInfo:  # fmt: skip
        """The table with its full text (physical.py): `info`'s own, or on PostgreSQL a new
        one holding the rows and their `_full_text`, for the caller to swap in."""
        if words_written:
            return info
        name = self.tables.add_fulltext(connection, info)
        if name == info.table:
            return info
        return self._table_info(info.resource_id, name, info.fields, info.count,
                                info.primary_key)  # fmt: skip

    def drop_table(self, resource_id: str) -> bool:
        """Drop the table of `resource_id`; False if it had none."""
        with self.begin() as connection:
            self.serialize_writers(connection, resource_id)
            return self.drop_in(connection, resource_id)

    def drop_in(self, connection: Connection, resource_id: str) -> bool:
        """`drop_table` inside the caller's write transaction."""
        old = self.lock(connection, resource_id)
        if old is None:
            return False
        connection.execute(
            text(f"DELETE FROM {self.qualified(META)} WHERE resource_id = :id"),
            {"id": resource_id},
        )
        self.tables.drop(connection, old.table)
        return True


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def sqlite_datastore_path(data_dir: Path) -> Path:
    return data_dir / "datastore.db"

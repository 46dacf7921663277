"""The bulk insert of a new DataStore table's rows (store.py `replace_in` calls these).

Two sources of rows:

- typed rows (Python values, from the loader's converter or datastore_create): SQLite
  executemany in batches; PostgreSQL COPY, with the `_full_text` tsvector literal computed
  on the way when asked (a replacement), else left NULL (a first load builds it afterwards);
- a `CsvSource`: a validated UTF-8 CSV whose every cell the database types by itself. It
  goes in without Python touching a cell: SQLite executemany of the csv module's rows
  (`NULLIF` makes missing values NULL, the column affinity makes numbers), PostgreSQL
  `COPY ... (FORMAT csv, FORCE_NULL)` of the file's bytes. This is what keeps a load near the
  database's raw bulk speed (benchmarks/datastore.py).

SQLite's full text is not written here: fulltext_index.py builds the FTS5 index from the
table's values afterwards.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Connection

from catalog.services.datastore import fulltext
from catalog.services.datastore.types import postgres_value, sqlite_value

BATCH_ROWS = 10_000
COPY_BLOCK = 1 << 20
LOAD_CACHE_KIB = 262_144  # SQLite page cache of the loading connection (256 MB)
SQLITE_TRUE = ("true", "True", "TRUE", "1")  # Table Schema's default trueValues


@dataclass(frozen=True)
class CsvSource:
    """A validated CSV the database can type by itself: UTF-8 in NFC, its data rows from
    byte `offset` (after the header), every cell canonical text (types.py) or a default
    boolean, and "" the only missing value."""

    path: Path
    offset: int
    delimiter: str = ","
    quote_char: str = '"'
    rows: int | None = None  # data rows the validation read: a load of any other count fails


def quote(identifier: str) -> str:
    if "\x00" in identifier:
        raise ValueError("identifier contains NUL")
    return '"' + identifier.replace('"', '""') + '"'


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def copy_rows(connection: Connection, table: str, columns: Sequence[str], types: Sequence[str],
              rows: Iterable[Sequence[Any]], *, fulltext_words: bool,
              with_ids: bool = False) -> int:  # fmt: skip
    """PostgreSQL COPY of typed rows: `_id` 1..n (or each row's first value, `with_ids`),
    and the `_full_text` tsvector when `fulltext_words`."""
    names = ", ".join(["_id", *(quote(c) for c in columns)] + ["_full_text"] * fulltext_words)
    json_columns = [i for i, t in enumerate(types) if t == "json"]
    raw = connection.connection.driver_connection
    words = fulltext.tsvector_literal
    count = 0
    with raw.cursor() as cursor, cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
        write = copy.write_row
        for count, row in enumerate(rows, 1):  # noqa: B007
            row_id, values = (row[0], row[1:]) if with_ids else (count, row)
            if json_columns:
                values = list(values)
                for index in json_columns:
                    values[index] = postgres_value(values[index], "json")
            if fulltext_words:
                write((row_id, *values, words(values)))
            else:
                write((row_id, *values))
    return count


def copy_csv(connection: Connection, table: str, columns: Sequence[str],
             source: CsvSource) -> int:  # fmt: skip
    """PostgreSQL COPY of the CSV file's data bytes; `_id` comes from the table's identity."""
    names = ", ".join(quote(c) for c in columns)
    options = (
        f"FORMAT csv, DELIMITER {_literal(source.delimiter)}, "
        f"QUOTE {_literal(source.quote_char)}, ENCODING 'UTF8', FORCE_NULL ({names})"
    )
    raw = connection.connection.driver_connection
    with raw.cursor() as cursor:
        with cursor.copy(f"COPY {table} ({names}) FROM STDIN ({options})") as copy:
            with open(source.path, "rb") as handle:
                handle.seek(source.offset)
                while block := handle.read(COPY_BLOCK):
                    copy.write(block)
        return max(cursor.rowcount, 0)


def _sqlite_cell(number: int, ckan_type: str) -> str:
    """SQL that stores the CSV cell bound as ?number: missing -> NULL, booleans -> 0/1."""
    if ckan_type == "bool":
        trues = ", ".join(_literal(value) for value in SQLITE_TRUE)
        return f"CASE WHEN ?{number} = '' THEN NULL WHEN ?{number} IN ({trues}) THEN 1 ELSE 0 END"
    return f"NULLIF(?{number}, '')"


def sqlite_csv(connection: Connection, name: str, columns: Sequence[str], types: Sequence[str],
               source: CsvSource) -> int:  # fmt: skip
    """executemany of the csv module's rows into `name` (`_id` is the rowid: 1..n)."""
    names = ", ".join(quote(c) for c in columns)
    cells = ", ".join(_sqlite_cell(number, t) for number, t in enumerate(types, 1))
    insert = f"INSERT INTO {quote(name)} ({names}) VALUES ({cells})"
    cursor = connection.connection.driver_connection.cursor()
    try:
        with _load_cache(cursor), open(source.path, "rb") as binary:
            binary.seek(source.offset)
            handle = io.TextIOWrapper(binary, encoding="utf-8", newline="")
            reader = csv.reader(handle, delimiter=source.delimiter, quotechar=source.quote_char)
            cursor.executemany(insert, filter(None, reader))  # blank lines are no rows
        return int(cursor.execute(f"SELECT coalesce(max(_id), 0) FROM {quote(name)}").fetchone()[0])
    finally:
        cursor.close()


def sqlite_rows(connection: Connection, name: str, types: Sequence[str],
                rows: Iterable[Sequence[Any]]) -> int:  # fmt: skip
    """executemany of typed rows in batches into `name`, `_id` 1..n."""
    convert_at = [i for i, t in enumerate(types) if t not in ("text", "int4", "int8", "float8")]
    insert = f"INSERT INTO {quote(name)} VALUES ({', '.join('?' * (len(types) + 1))})"
    cursor = connection.connection.driver_connection.cursor()
    count = 0
    batch: list[tuple] = []
    try:
        with _load_cache(cursor):
            for values in rows:
                count += 1
                if convert_at:  # typed values of these columns become text / 0-1 / REAL
                    values = list(values)
                    for index in convert_at:
                        value = values[index]
                        if value is not None and type(value) is not str:
                            values[index] = sqlite_value(value, types[index])
                batch.append((count, *values))
                if len(batch) >= BATCH_ROWS:
                    cursor.executemany(insert, batch)
                    batch.clear()
            if batch:
                cursor.executemany(insert, batch)
    finally:
        cursor.close()
    return count


@contextmanager
def _load_cache(cursor: Any) -> Iterator[None]:
    """A larger SQLite page cache for the loading connection, restored after."""
    saved = int(cursor.execute("PRAGMA cache_size").fetchone()[0])
    cursor.execute(f"PRAGMA cache_size = -{LOAD_CACHE_KIB}")
    try:
        yield
    finally:
        cursor.execute(f"PRAGMA cache_size = {saved}")

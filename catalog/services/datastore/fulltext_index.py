"""The full-text index of a DataStore table, built from its values after the rows are in.

SQLite: a view `<table>__doc` gives each row's document (its values as text, đ/Đ -> d/D)
and an external-content FTS5 table `<table>__fts` indexes that view with
`unicode61 remove_diacritics 2`, so folding happens inside SQLite instead of in Python:
"Giáo dục" is indexed as "giao duc", what `fulltext.fast_fold` makes of a query. Built in
one `'rebuild'` pass; steward writes keep it in sync row by row (`sqlite_added`,
`sqlite_removing`). Positions are kept (no `detail=none`): q's chunks such as "53.56" are
phrase queries (tsquery.py).

PostgreSQL's `_full_text` tsvector is written by store.py (a COPY of the rows with
`fulltext.tsvector_literal`); `postgres_document` is the same document computed in SQL, for
q while a first load's full text is still being built.

Tables loaded before this layout (an FTS5 `ascii` index of a stored `_full_text` column)
are moved to it once by `upgrade_sqlite_tables`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from sqlalchemy import text
from sqlalchemy.engine import Connection

from catalog.services.datastore.bulk import quote

FTS5_TOKENIZER = "unicode61 remove_diacritics 2"


def sqlite_document(columns: Sequence[tuple[str, str]], prefix: str = "") -> str:
    """SQL for a row's document from its (column, CKAN type) pairs: the values as text
    (booleans as true/false) joined by spaces, đ and Đ made d and D."""
    parts = []
    for name, ckan_type in columns:
        column = prefix + quote(name)
        if ckan_type == "bool":
            parts.append(f"CASE {column} WHEN 1 THEN 'true' WHEN 0 THEN 'false' ELSE '' END")
        else:
            parts.append(f"coalesce({column}, '')")
    joined = " || ' ' || ".join(parts) or "''"
    return f"replace(replace({joined}, 'đ', 'd'), 'Đ', 'D')"


def postgres_document(columns: Sequence[tuple[str, str]], prefix: str = "") -> str:
    """SQL for a row's values as one text (folded by the caller)."""
    if not columns:
        return "''"
    values = [f"CAST({prefix}{quote(name)} AS text)" for name, _ in columns]
    groups = [  # a function takes at most 100 arguments
        f"concat_ws(' ', {', '.join(values[start : start + 90])})"
        for start in range(0, len(values), 90)
    ]
    return groups[0] if len(groups) == 1 else f"concat_ws(' ', {', '.join(groups)})"


def postgres_values_as_text(columns: Sequence[tuple[str, str]]) -> str:
    """SQL selecting the columns as the text `fulltext.words_of` reads from their typed
    values (`types.text_of`: a timestamp's ISO form has a T) and COPY reads back."""
    parts = []
    for name, ckan_type in columns:
        value = f"CAST({quote(name)} AS text)"
        parts.append(f"replace({value}, ' ', 'T')" if ckan_type == "timestamp" else value)
    return ", ".join(parts) or "NULL"


def _names(table: str) -> tuple[str, str]:
    return quote(table + "__doc"), quote(table + "__fts")


def sqlite_build(connection: Connection, table: str, columns: Sequence[tuple[str, str]]) -> None:
    """Create the document view and the FTS5 index of `table` and fill the index."""
    view, fts = _names(table)
    connection.execute(
        text(
            f"CREATE VIEW {view} AS SELECT _id, {sqlite_document(columns)} AS _full_text "
            f"FROM {quote(table)}"
        )
    )
    connection.execute(
        text(
            f"CREATE VIRTUAL TABLE {fts} USING fts5(_full_text, content='{table}__doc', "
            f"content_rowid='_id', tokenize='{FTS5_TOKENIZER}')"
        )
    )
    connection.execute(text(f"INSERT INTO {fts} ({fts}) VALUES ('rebuild')"))


def sqlite_drop(connection: Connection, table: str) -> None:
    view, fts = _names(table)
    connection.execute(text(f"DROP TABLE IF EXISTS {fts}"))
    connection.execute(text(f"DROP VIEW IF EXISTS {view}"))


def _copy_documents(connection: Connection, table: str, ids: Sequence[int], remove: bool) -> None:
    """Hand the index the documents of rows `ids`, to add or to remove (an external-content
    index forgets a row only when given the text it indexed)."""
    view, fts = _names(table)
    columns, marker = (
        (f"{fts}, rowid, _full_text", "'delete', ") if remove else ("rowid, _full_text", "")
    )
    for start in range(0, len(ids), 500):
        chosen = ", ".join(str(int(row_id)) for row_id in ids[start : start + 500])
        connection.execute(
            text(
                f"INSERT INTO {fts} ({columns}) SELECT {marker}_id, _full_text FROM {view} "
                f"WHERE _id IN ({chosen})"
            )
        )


def sqlite_added(connection: Connection, table: str, ids: Sequence[int]) -> None:
    """Index rows just inserted into `table`."""
    _copy_documents(connection, table, ids, remove=False)


def sqlite_removing(connection: Connection, table: str, ids: Sequence[int]) -> None:
    """Unindex rows of `table` about to be deleted."""
    _copy_documents(connection, table, ids, remove=True)


def upgrade_sqlite_tables(connection: Connection, meta: str) -> None:
    """Move tables indexed the old way (FTS5 `ascii` over a stored `_full_text` column) to
    the document view; their unused `_full_text` column stays."""
    old = connection.execute(
        text(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE '%\\_\\_fts' "
            "ESCAPE '\\' AND sql LIKE '%tokenize=''ascii''%'"
        )
    ).all()
    for (fts_name,) in old:
        table = fts_name[: -len("__fts")]
        row = connection.execute(
            text(f"SELECT fields FROM {quote(meta)} WHERE table_name = :t"), {"t": table}
        ).first()
        connection.execute(text(f"DROP TABLE {quote(fts_name)}"))
        if row is not None:
            fields = [(f["id"], f["type"]) for f in json.loads(row[0])]
            sqlite_build(connection, table, fields)

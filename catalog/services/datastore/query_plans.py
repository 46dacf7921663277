"""Plan choices datastore_search makes from the data, where a database's planner cannot.

Both keep the answer exactly as the plain statement gives it; they only change how the
rows are reached (query.py applies them).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import text
from sqlalchemy.engine import Connection

from catalog.services.datastore.store import TableInfo

if TYPE_CHECKING:
    from catalog.services.datastore.query import SearchSpec

ID_FIELD = "_id"
SORT_WALK_FACTOR = 4  # SQLite: walk the sort index when it reads 4x fewer rows


def gapless_ids(connection: Connection, info: TableInfo, spec: SearchSpec) -> bool:
    """A deep page of the whole table in `_id` order, and `_id` runs 1..count without gaps
    (in this snapshot): the row at offset n is then `_id` n + 1, read by key."""
    if not _keyset_candidate(spec) or info.count <= 0:
        return False
    table = info.sql_name  # one aggregate per SELECT: SQLite reads min/max off the key
    low, high = connection.execute(
        text(f"SELECT (SELECT min(_id) FROM {table}), (SELECT max(_id) FROM {table})")
    ).one()
    return low == 1 and high == info.count


def _keyset_candidate(spec: SearchSpec) -> bool:
    """A deep page of the unfiltered table in `_id` order (CKAN's default)."""
    return (
        spec.offset > 0
        and not (spec.filters or spec.q or spec.full_text or spec.distinct)
        and spec.sort in ([], [(ID_FIELD, "asc", "")], [(ID_FIELD, "asc", "last")])
    )


def sqlite_sort_index(connection: Connection, info: TableInfo, spec: SearchSpec) -> str | None:
    """The index of the first sort column, when SQLite should walk it instead of the filters'.

    SQLite's planner does not count on a LIMIT ending a scan early: for `filters` that
    match many rows and a `sort` it reads every match and sorts them all. PostgreSQL weighs
    walking the sort column's index and stopping after `offset + limit` matches; this makes
    the same choice from the same statistics (ANALYZE's rows per value, matches spread evenly
    over the sort order), so it has PostgreSQL's risk too (matches bunched at the far end).
    """
    if not (spec.sort and spec.filters) or spec.distinct or spec.q or spec.full_text:
        return None
    first = spec.sort[0][0]
    numbers = {f.id: n for n, f in enumerate(info.fields)}
    if first not in numbers or first in spec.filters:
        return None
    stats = _stats(connection, info)
    sort_index = f"{info.table}_f{numbers[first]}"
    if sort_index not in stats or info.count <= 0:
        return None
    matches = float(info.count)
    for name, value in spec.filters.items():
        stat = stats.get(f"{info.table}_f{numbers.get(name, -1)}")
        parts = str(stat or "").split()
        if len(parts) < 2 or not parts[1].isdigit():
            return None
        per_value = int(parts[1]) * (len(value) if isinstance(value, list) else 1)
        matches *= min(1.0, per_value / info.count)
    wanted = spec.offset + spec.limit
    # walking the sort index reads about wanted * count / matches rows; the filter index
    # reads `matches` rows and sorts them: walk when that is clearly fewer rows
    return sort_index if matches * matches >= SORT_WALK_FACTOR * wanted * info.count else None


def sqlite_filter_index(connection: Connection, info: TableInfo, spec: SearchSpec) -> str | None:
    """Full text + one filter: the filter column's index, which holds `_id` (SQLite's
    rowid) too, so the full-text hits are checked against the index, not the table rows."""
    if spec.distinct or not isinstance(spec.q or spec.full_text, str) or len(spec.filters) != 1:
        return None
    (name,) = spec.filters
    if any(column not in (name, ID_FIELD) for column, *_ in spec.sort):
        return None
    numbers = {f.id: n for n, f in enumerate(info.fields)}
    index = f"{info.table}_f{numbers.get(name, -1)}"
    return index if index in _stats(connection, info) else None


def sqlite_rows_per_value(connection: Connection, info: TableInfo) -> dict[str, int]:
    """Field id -> ANALYZE's average rows per value, for the fields with a search index."""
    stats = _stats(connection, info)
    found = {}
    for number, field in enumerate(info.fields):
        parts = stats.get(f"{info.table}_f{number}", "").split()
        if len(parts) >= 2 and parts[1].isdigit():
            found[field.id] = int(parts[1])
    return found


def _stats(connection: Connection, info: TableInfo) -> dict[str, str]:
    """sqlite_stat1 of the table: index name -> "rows rows-per-value" ({} before ANALYZE)."""
    if not connection.execute(
        text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'")
    ).first():
        return {}  # never analyzed: no statistics to go by
    rows = connection.execute(
        text("SELECT idx, stat FROM sqlite_stat1 WHERE tbl = :t"), {"t": info.table}
    ).all()
    return {str(idx): str(stat) for idx, stat in rows}

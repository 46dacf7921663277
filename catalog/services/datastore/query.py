"""datastore_search compiled to one SQL statement per backend, and run in one snapshot.

The shape follows CKAN 2.11 (`backend/postgres.py::search_data`, `_where_clauses`,
`_textsearch_query`, `_sort`): `filters` are equality / IN conditions; `q` as text (or
`full_text`) searches the row's `_full_text` and adds a `rank` column, `q` as an object
searches single columns and adds `rank <column>` columns; without `sort` the rows come by
rank (best first), else by `_id`; `distinct` applies to the selected columns. Every
identifier comes from the table's known fields and is quoted; every value is a bound
parameter; full-text queries are trees of [0-9a-z] words (tsquery.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection

from catalog.services.datastore import fulltext_index, query_plans, scan_match, tsquery
from catalog.services.datastore.query_filters import filter_conditions, invalid_query
from catalog.services.datastore.records_format import decoder
from catalog.services.datastore.store import DatastoreField, TableInfo, quote

ID_FIELD = "_id"
RANK = "rank"
LATE_ROWS_MAX = 32_000  # pages up to datastore_search's limit sort keys first (_late_page)


@dataclass
class SearchSpec:
    """A validated datastore_search (field ids checked against the table)."""

    filters: dict[str, Any] = field(default_factory=dict)
    q: str | dict[str, str] | None = None
    full_text: str | None = None
    plain: bool = True
    fields: list[str] | None = None  # output columns; None: all (with rank columns)
    sort: list[tuple[str, str, str]] = field(default_factory=list)  # (column, asc|desc, nulls)
    limit: int = 100
    offset: int = 0
    distinct: bool = False
    total: bool = False  # the caller wants the total (datastore_search's include_total)


def rank_columns(q: Any, full_text: str | None) -> list[str]:
    """The rank columns CKAN adds for these queries (`_textsearch_query`)."""
    names = []
    if full_text or isinstance(q, str) and q:
        names.append(RANK)
    if isinstance(q, dict):
        names.extend(f"{RANK} {name}" for name in q)
    return names


def column_types(info: TableInfo, q: Any, full_text: str | None) -> dict[str, str]:
    """Every column a search may name: `_id`, the fields, then the rank columns."""
    types = {ID_FIELD: "int"}
    types.update({f.id: f.type for f in info.fields})
    types.update({name: "float" for name in rank_columns(q, full_text)})
    return types


@dataclass
class CompiledSearch:
    columns: list[tuple[str, str]]  # (id, type) of the output columns
    select: str  # the page query (binds :limit, :offset)
    count: str | None  # the total query (None: the table's count)
    params: dict[str, Any]

    total_in_page: bool = False  # the page's rows end with the total (a window count)
    page_total: int | None = None  # that total, once `records` ran and found a row

    def records(self, connection: Connection) -> list[tuple]:
        rows = [tuple(row) for row in connection.execute(text(self.select), self.params)]
        if self.total_in_page:
            self.page_total = int(rows[0][-1]) if rows else None
            rows = [row[:-1] for row in rows]
        return rows


class _Compiler:
    def __init__(
        self, info: TableInfo, spec: SearchSpec, dialect: str, dense: bool, by: str | None
    ) -> None:
        self.dense = dense
        self.sort_index = by
        self.rows_per_value: dict[str, int] = {}  # SQLite: ANALYZE's rows per value of a field
        self.total_in_page = False
        self.info = info
        self.spec = spec
        self.dialect = dialect
        self.fields: dict[str, DatastoreField] = {ID_FIELD: DatastoreField(ID_FIELD, "int8")}
        self.fields.update({f.id: f for f in info.fields})
        self.params: dict[str, Any] = {}
        self.joins: list[str] = []
        self.where: list[str] = []
        self.ranks: dict[str, str] = {}
        self.fts_only: str | None = None  # SQLite: the count when the FTS match is all there is
        self.fts_count: str | None = None  # SQLite: the FTS match as a cheap `_id IN` condition

    def bind(self, value: Any) -> str:
        key = f"p{len(self.params)}"
        self.params[key] = value
        return f":{key}"

    # ------------------------------------------------------------ full text

    def _pg_query(self, node: tsquery.Node) -> str:
        return f"to_tsquery('simple', {self.bind(tsquery.to_tsquery_text(node))})"

    def _sqlite_condition(self, node: tsquery.Node) -> str:
        """A WHERE condition over `_id` made of FTS5 MATCH subqueries."""
        expression = tsquery.to_fts5(node)
        if expression is not None:
            return (
                f"t._id IN (SELECT rowid FROM {self.info.fts_sql_name} WHERE "
                f"{self.info.fts_sql_name} MATCH {self.bind(expression)})"
            )
        if isinstance(node, tsquery.Not):
            return f"NOT ({self._sqlite_condition(node.child)})"
        joiner = " AND " if isinstance(node, tsquery.And) else " OR "
        assert not isinstance(node, tsquery.Term)
        return "(" + joiner.join(self._sqlite_condition(c) for c in node.children) + ")"

    def _fold_vector(self, value_sql: str) -> str:
        """PostgreSQL: a tsvector of the folded words of a text, computed in SQL."""
        source, target = scan_match.fold_table()
        return (
            "to_tsvector('simple', regexp_replace(lower(translate("
            f"{value_sql}, {self.bind(source)}, {self.bind(target)})), "
            "'[^0-9a-z]+', ' ', 'g'))"
        )

    def _pg_scan_condition(self, node: tsquery.Node, document: str) -> str:
        """PostgreSQL: `node` as regular expressions over the row's text."""
        if isinstance(node, tsquery.Term):
            return f"({document} ~ {self.bind(scan_match.pattern(node, self.dialect))})"
        if isinstance(node, tsquery.Not):
            return f"NOT {self._pg_scan_condition(node.child, document)}"
        joiner = " AND " if isinstance(node, tsquery.And) else " OR "
        return "(" + joiner.join(self._pg_scan_condition(c, document) for c in node.children) + ")"

    def _scan_full_text(self, query: str, node: tsquery.Node) -> None:
        """q while a first load's full text is being built: every row's text matched with
        the query's regular expressions (scan_match; seconds per million rows). No rank
        meanwhile (0): the rows come in `_id` order, so a page stops at its last match."""
        columns = [(f.id, f.type) for f in self.info.fields]
        if self.dialect == "postgresql":
            document = fulltext_index.postgres_document(columns, "t.")
            self.where.append(self._pg_scan_condition(node, document))
        else:
            document = fulltext_index.sqlite_document(columns, "t.")
            plain = int(self.spec.plain)
            self.where.append(f"ds_row_match({document}, {self.bind(query)}, {plain}) = 1")
        self.ranks[RANK] = "0.0"

    def full_text(self, query: str) -> None:
        node = tsquery.parse(query, self.spec.plain)
        if node is None:
            self.where.append("1 = 0")
            self.ranks[RANK] = "0.0"
        elif not self.info.fulltext_ready:
            self._scan_full_text(query, node)
        elif self.dialect == "postgresql":
            tsq = self._pg_query(node)
            self.where.append(f"t._full_text @@ {tsq}")
            self.ranks[RANK] = f"ts_rank(t._full_text, {tsq}, 32)"
        else:
            expression = tsquery.to_fts5(node)
            if expression is None:
                self.where.append(self._sqlite_condition(node))
                self.ranks[RANK] = "0.0"
                return
            fts = self.info.fts_sql_name
            mark = self.bind(expression)
            self.joins.append(
                f"JOIN (SELECT rowid AS _r, bm25({fts}) AS _s FROM {fts} WHERE {fts} MATCH "
                f"{mark}) AS _m ON _m._r = t._id"
            )
            self.ranks[RANK] = "((0.0 - _m._s) / (1.0 - _m._s))"
            # Counting needs no bm25 (its cost is per hit): the FTS index alone counts the
            # matches, and with other conditions a `+_id IN` (no index on it) makes SQLite
            # walk the other condition's index and probe the FTS rowids.
            self.fts_only = f"SELECT count(*) FROM {fts} WHERE {fts} MATCH {mark}"
            self.fts_count = f"+t._id IN (SELECT rowid FROM {fts} WHERE {fts} MATCH {mark})"

    def field_text(self, name: str, query: str) -> None:
        node = tsquery.parse(query, self.spec.plain)
        alias = f"{RANK} {name}"
        column = "t._id" if name == ID_FIELD else f"t.{quote(name)}"
        ckan_type = self.fields[name].type
        if node is None:
            self.where.append("1 = 0")
            self.ranks[alias] = "0.0"
            return
        monotone = "!" not in tsquery.to_tsquery_text(node)
        if self.dialect == "postgresql":
            tsq = self._pg_query(node)
            vector = self._fold_vector(f"CAST({column} AS text)")
            if monotone and self.info.fulltext_ready:
                self.where.append(f"t._full_text @@ {tsq}")
            self.where.append(f"{vector} @@ {tsq}")
            self.ranks[alias] = f"ts_rank({vector}, {tsq}, 32)"
            return
        if monotone and self.info.fulltext_ready:
            self.where.append(self._sqlite_condition(node))
        args = f"{column}, {self.bind(ckan_type)}, {self.bind(query)}, {int(self.spec.plain)}"
        self.where.append(f"ds_field_match({args}) = 1")
        self.ranks[alias] = f"ds_field_rank({args})"

    # ------------------------------------------------------------ statement

    def expression(self, name: str) -> str:
        if name in self.ranks:
            return self.ranks[name]
        return "t._id" if name == ID_FIELD else f"t.{quote(name)}"

    def compile(self) -> CompiledSearch:
        spec = self.spec
        self.where.extend(filter_conditions(spec.filters, self.fields, self.dialect, self.params))
        q = spec.q
        if spec.full_text:
            self.full_text(spec.full_text)
        elif isinstance(q, str) and q:
            self.full_text(q)
        if isinstance(q, dict):
            for name, value in q.items():
                self.field_text(name, value)
        types = column_types(self.info, q, spec.full_text)
        names = spec.fields if spec.fields is not None else list(types)
        columns = [(name, types[name]) for name in names]
        select = ", ".join(f"{self.expression(name)} AS {quote(name)}" for name in names)
        order = []
        for name, direction, nulls in spec.sort:
            if spec.distinct and name not in names:
                raise invalid_query(
                    "for SELECT DISTINCT, ORDER BY expressions must appear in select list"
                )
            nulls = nulls or ("last" if direction == "asc" else "first")
            order.append(f"{self.expression(name)} {direction.upper()} NULLS {nulls.upper()}")
        if not spec.sort:
            order = [f"{expr} DESC" for expr in self.ranks.values() if expr != "0.0"]
            if not spec.distinct:
                order.append("t._id")
        elif not spec.distinct:
            order.append("t._id")
        distinct = "DISTINCT " if spec.distinct else ""
        source = " ".join([f"{self.info.sql_name} AS t", *self.joins])
        where = f" WHERE {' AND '.join(f'({c})' for c in self.where)}" if self.where else ""
        order_by = f" ORDER BY {', '.join(order)}" if order else ""
        self.params.update(limit=spec.limit, offset=spec.offset)
        if spec.distinct or spec.limit > LATE_ROWS_MAX:
            page = f"SELECT {distinct}{select} FROM {source}{where}{order_by}"
            page += " LIMIT :limit OFFSET :offset"
        else:
            page = self._late_page(names, order, source, where)
        count = self._count(select, source, where)
        return CompiledSearch(columns, page, count, self.params, self.total_in_page)

    def _count(self, select: str, source: str, where: str) -> str | None:
        """The total's statement (None: the table's recorded count); exact, as in CKAN."""
        spec = self.spec
        if spec.distinct:
            return f"SELECT count(*) FROM (SELECT DISTINCT {select} FROM {source}{where}) AS c"
        if not (self.where or self.joins):
            return None
        if self.fts_count is not None and not self.where:
            return self.fts_only
        conditions = self._probed_count_conditions()
        if conditions is None and self.fts_count is None:
            return f"SELECT count(*) FROM {source}{where}"
        if conditions is None:
            conditions = [*self.where, self.fts_count]
        joined = " AND ".join(f"({c})" for c in conditions)
        return f"SELECT count(*) FROM {self.info.sql_name} AS t WHERE {joined}"

    def _probed_count_conditions(self) -> list[str] | None:
        """Two or more filters: count from one filter's index and test each other one with
        `_id IN (its own index's _ids)`, so no table row is read. SQLite's indexes all hold
        the rowid (filters on indexed columns only, the narrowest drives, `+` keeps SQLite
        on that plan: it cannot AND two indexes itself); PostgreSQL's search indexes include
        `_id` (indexes.py): a hash join of two index-only scans instead of a BitmapAnd that
        must still visit every matching row's page to count it."""
        names = list(self.spec.filters)
        conditions = self.where[: len(names)]  # compile() adds the filters' conditions first
        sqlite = self.dialect == "sqlite"
        indexed = [
            (self.rows_per_value.get(name, 0), condition)
            for name, condition in zip(names, conditions, strict=True)
            if (name in self.rows_per_value or not sqlite) and condition != "1 = 0"
        ]
        if len(indexed) < 2:
            return None
        indexed.sort(key=lambda pair: pair[0])
        driver, others = indexed[0][1], [condition for _, condition in indexed[1:]]
        mark = "+" if sqlite else ""
        table = self.info.sql_name
        probes = [f"{mark}t._id IN (SELECT _id FROM {table} WHERE {c})" for c in others]
        rest = [c for c in self.where if c != driver and c not in others]
        return [driver, *probes, *rest, *([self.fts_count] if self.fts_count else [])]

    def _late_page(self, names: list[str], order: list[str], source: str, where: str) -> str:
        """The page as keys first, then rows: the inner statement sorts and cuts `_id` and the
        sort keys only (cheap to sort, no wide rows for the rows it drops), the outer one
        reads the page's rows by `_id`. Same rows and order as the one-statement form."""
        ordered = [item for name, *_ in self.spec.sort for item in [name]]
        keys: dict[str, str] = {}  # expression -> alias in the inner statement
        for name in [*self.ranks, *ordered]:
            expression = self.expression(name)
            if expression != "t._id" and expression not in keys:
                keys[expression] = f"_o{len(keys)}"
        inner_cols = ", ".join(["t._id AS _k", *(f"{e} AS {a}" for e, a in keys.items())])
        inner_order = [_rewrite(item, keys, "") for item in order]
        outer_order = [_rewrite(item, keys, "_p.") for item in order]
        if (
            self.dialect == "sqlite"
            and self.fts_only is not None
            and not self.where
            and all("t." not in expression for expression in keys)
        ):
            # Ranking needs no row: sort the FTS hits alone (no join before the cut).
            source = source.replace(f"{self.info.sql_name} AS t JOIN ", "", 1)
            source = source.replace(" ON _m._r = t._id", "", 1)
            inner_cols = inner_cols.replace("t._id AS _k", "_m._r AS _k", 1)
            inner_order = [item.replace("t._id", "_k") for item in inner_order]
        if self.dense:
            # `_id` runs 1..count without gaps: the row at offset n is `_id` n + 1, so skip
            # through the key instead of stepping over n rows (same rows, same order).
            where = " WHERE t._id > :after"
            self.params.update(after=self.spec.offset, offset=0)
        if self.sort_index is not None:  # query_plans: an index SQLite would not pick
            table = f"{self.info.sql_name} AS t"
            source = source.replace(table, f"{table} INDEXED BY {quote(self.sort_index)}", 1)
        spec = self.spec
        if (
            spec.total
            and self.ranks.get(RANK, "0.0") != "0.0"
            and not spec.sort
            and self.dialect == "postgresql"
        ):
            # Ranking reads every hit's row anyway: count them in the same pass (the total
            # comes with each row; an empty page falls back to the count statement). SQLite
            # counts hits from the FTS index without rows, so it keeps the count statement.
            inner_cols += ", count(*) OVER () AS _total"
            self.total_in_page = True
        inner = (
            f"SELECT {inner_cols} FROM {source}{where} ORDER BY {', '.join(inner_order)} "
            "LIMIT :limit OFFSET :offset"
        )
        outputs = []
        for name in names:
            expression = self.expression(name)
            value = f"_p.{keys[expression]}" if expression in keys else expression
            outputs.append(f"{value} AS {quote(name)}")
        if self.total_in_page:
            outputs.append("_p._total AS _total")
        return (
            f"SELECT {', '.join(outputs)} FROM ({inner}) AS _p "
            f"JOIN {self.info.sql_name} AS t ON t._id = _p._k ORDER BY {', '.join(outer_order)}"
        )


def _rewrite(item: str, keys: dict[str, str], prefix: str) -> str:
    """An ORDER BY item with its expression replaced by the inner statement's alias."""
    for expression, alias in keys.items():
        if item.startswith(expression + " "):
            return prefix + alias + item[len(expression) :]
    if item.startswith("t._id"):
        return prefix + "_k" + item[len("t._id") :]
    return item


def compile_search(
    info: TableInfo, spec: SearchSpec, dialect: str, connection: Connection | None = None
) -> CompiledSearch:
    """The statements of `spec`; with `connection`, a deep page of the whole table in `_id`
    order reads by key when the ids have no gaps (checked in this snapshot)."""
    dense, by, rows_per_value = False, None, {}
    if connection is not None:
        dense = query_plans.gapless_ids(connection, info, spec)
        if dialect == "sqlite":
            by = query_plans.sqlite_sort_index(connection, info, spec)
            by = by or query_plans.sqlite_filter_index(connection, info, spec)
            if len(spec.filters) > 1:
                rows_per_value = query_plans.sqlite_rows_per_value(connection, info)
    compiler = _Compiler(info, spec, dialect, dense, by)
    compiler.rows_per_value = rows_per_value
    return compiler.compile()


def decode_rows(rows: list[tuple], columns: list[tuple[str, str]], dialect: str) -> list[tuple]:
    decoders = [decoder(kind, dialect) for _, kind in columns]
    return [tuple(d(v) for d, v in zip(decoders, row, strict=True)) for row in rows]


def iterate(
    connection: Connection, compiled: CompiledSearch, batch: int = 5000
) -> Iterator[list[tuple]]:
    """All rows of the statement (limit/offset as bound), in batches, from one cursor."""
    streaming = connection.execution_options(stream_results=True, max_row_buffer=batch)
    result = streaming.execute(text(compiled.select), compiled.params)
    try:
        while True:
            rows = result.fetchmany(batch)
            if not rows:
                return
            yield [tuple(row) for row in rows]
    finally:
        result.close()

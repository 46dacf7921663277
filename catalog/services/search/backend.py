"""The full-text part of the search index, one implementation per database engine.

Both backends index text folded by `folding.fold` and receive queries folded the same way,
so "giao duc" and "Giáo dục" meet. Weights follow CKAN's dismax `qf`:
name^4 title^4 tags^2 groups^2 text.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any, Protocol

from sqlalchemy import ColumnElement, Select, func, literal_column, select, text
from sqlalchemy.orm import Session

from catalog.db.models import SearchDoc
from catalog.services.search.folding import fold

_TOKEN = re.compile(r"[0-9a-z]+")


@dataclass(frozen=True)
class IndexedText:
    """The folded full-text columns of one package."""

    name: str
    title: str
    tags: str
    groups: str
    text: str


@dataclass(frozen=True)
class TextQuery:
    """A full-text condition: every token required; a phrase keeps order; prefix on last."""

    tokens: tuple[str, ...]
    phrase: bool = False
    prefix: bool = False

    @classmethod
    def from_text(cls, value: str, *, phrase: bool = False, prefix: bool = False) -> TextQuery:
        return cls(tuple(_TOKEN.findall(fold(value))), phrase=phrase, prefix=prefix)


def fold_text(value: str) -> str:
    return " ".join(_TOKEN.findall(fold(value)))


class SearchBackend(Protocol):
    def write(self, session: Session, doc_id: int, indexed: IndexedText) -> None: ...

    def write_new(self, session: Session, items: list[tuple[int, IndexedText]]) -> None:
        """`write` of documents that have no text indexed yet, in one statement."""
        ...

    def delete(self, session: Session, doc_id: int) -> None: ...

    def matching_doc_ids(self, queries: list[TextQuery], any_of: bool = False) -> Select: ...

    def with_score(self, query: Select, queries: list[TextQuery]) -> tuple[Select, Any]:
        """`query` (over search_docs) with a relevance score for the queries; higher is
        better, 0 for documents matching none."""
        ...


class SqliteFts5Backend:
    """An FTS5 table `search_fts` whose rowid is `search_docs.doc_id`."""

    weights = "4.0, 4.0, 2.0, 2.0, 1.0"

    _insert = text(
        "INSERT INTO search_fts(rowid, name, title, tags, groups, text) "
        "VALUES (:rowid, :name, :title, :tags, :groups, :text)"
    )

    def write(self, session: Session, doc_id: int, indexed: IndexedText) -> None:
        self.delete(session, doc_id)
        session.execute(self._insert, {"rowid": doc_id, **asdict(indexed)})

    def write_new(self, session: Session, items: list[tuple[int, IndexedText]]) -> None:
        session.execute(self._insert, [{"rowid": d, **asdict(i)} for d, i in items])

    def delete(self, session: Session, doc_id: int) -> None:
        session.execute(text("DELETE FROM search_fts WHERE rowid = :rowid"), {"rowid": doc_id})

    @staticmethod
    def _expression(query: TextQuery) -> str:
        if not query.tokens:
            return '""'
        if query.phrase:
            return '"' + " ".join(query.tokens) + '"'
        parts = [f'"{token}"' for token in query.tokens]
        if query.prefix:
            parts[-1] += "*"
        return " AND ".join(parts)

    def _match(self, queries: list[TextQuery], any_of: bool) -> str:
        joiner = " OR " if any_of else " AND "
        return joiner.join(f"({self._expression(q)})" for q in queries)

    def matching_doc_ids(self, queries: list[TextQuery], any_of: bool = False) -> Select:
        fts = literal_column("search_fts")
        return (
            select(literal_column("rowid").label("doc_id"))
            .select_from(text("search_fts"))
            .where(fts.op("MATCH")(self._match(queries, any_of)))
        )

    def with_score(self, query: Select, queries: list[TextQuery]) -> tuple[Select, Any]:
        """bm25 exists only inside an FTS5 query, so the scores come from a joined one."""
        fts = literal_column("search_fts")
        score = -func.bm25(fts, *(float(w) for w in self.weights.split(",")))
        ranked = (
            select(literal_column("rowid").label("doc_id"), score.label("score"))
            .select_from(text("search_fts"))
            .where(fts.op("MATCH")(self._match(queries, any_of=True)))
            .subquery()
        )
        query = query.outerjoin(ranked, ranked.c.doc_id == SearchDoc.doc_id)
        return query, func.coalesce(ranked.c.score, 0.0)


class PostgresFtsBackend:
    """A weighted tsvector column `search_docs.tsv` ('simple' configuration, GIN index)."""

    _update = text(
        "UPDATE search_docs SET tsv = "
        "setweight(to_tsvector('simple', :name), 'A') || "
        "setweight(to_tsvector('simple', :title), 'A') || "
        "setweight(to_tsvector('simple', :tags), 'B') || "
        "setweight(to_tsvector('simple', :groups), 'B') || "
        "setweight(to_tsvector('simple', :text), 'D') "
        "WHERE doc_id = :doc_id"
    )

    def write(self, session: Session, doc_id: int, indexed: IndexedText) -> None:
        session.execute(self._update, {"doc_id": doc_id, **asdict(indexed)})

    def write_new(self, session: Session, items: list[tuple[int, IndexedText]]) -> None:
        session.execute(self._update, [{"doc_id": d, **asdict(i)} for d, i in items])

    def delete(self, session: Session, doc_id: int) -> None:
        """The tsvector lives on the search_docs row and goes with it."""

    @staticmethod
    def _expression(query: TextQuery) -> str:
        if not query.tokens:
            return "''"
        tokens = list(query.tokens)
        if query.prefix:
            tokens[-1] += ":*"
        return "(" + (" <-> " if query.phrase else " & ").join(tokens) + ")"

    def _tsquery(self, queries: list[TextQuery], any_of: bool) -> ColumnElement:
        joiner = " | " if any_of else " & "
        return func.to_tsquery("simple", joiner.join(self._expression(q) for q in queries))

    def matching_doc_ids(self, queries: list[TextQuery], any_of: bool = False) -> Select:
        tsv = literal_column("search_docs.tsv")
        return select(SearchDoc.doc_id).where(tsv.op("@@")(self._tsquery(queries, any_of)))

    def with_score(self, query: Select, queries: list[TextQuery]) -> tuple[Select, Any]:
        """ts_rank of the rows already selected: only the matches are scored."""
        tsv = literal_column("search_docs.tsv")
        tsquery = self._tsquery(queries, any_of=True)
        weights = literal_column("'{0.1, 0.2, 0.4, 1.0}'::float4[]")
        return query, func.ts_rank(weights, tsv, tsquery)


def backend_for(dialect_name: str) -> SearchBackend:
    if dialect_name == "sqlite":
        return SqliteFts5Backend()
    if dialect_name == "postgresql":
        return PostgresFtsBackend()
    raise ValueError(f"no search backend for database {dialect_name!r}")

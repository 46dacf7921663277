"""Compile a parsed Lucene query (`query.Node`) into a SQL condition on `search_docs`."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, and_, case, false, not_, or_, select, true

from catalog.db.models import SearchDoc, SearchField
from catalog.services.search.backend import SearchBackend, TextQuery, fold_text
from catalog.services.search.folding import fold
from catalog.services.search.indexer import TEXT_FIELDS
from catalog.services.search.query import And, MatchAll, Node, Not, Or, Range, Term, resolve_date

DATE_COLUMNS = {
    "metadata_modified": SearchDoc.metadata_modified,
    "metadata_created": SearchDoc.metadata_created,
}
FULL_TEXT_FIELDS = frozenset({None, "text"})
FIELD_ALIASES = {"type": "dataset_type"}


def _like_pattern(value: str) -> str:
    """Lucene wildcards (`*`, `?`, backslash escapes) to a LIKE pattern with `\\` as escape."""
    out = []
    chars = iter(value)
    for ch in chars:
        if ch == "\\":
            ch = next(chars, "\\")
            out.append("\\" + ch if ch in "%_\\" else ch)
        elif ch == "*":
            out.append("%")
        elif ch == "?":
            out.append("_")
        elif ch in "%_":
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


def _field_exists(field: str, condition: ColumnElement | None = None) -> ColumnElement:
    """Documents with a value of `field` (meeting `condition`): an IN over the covering
    (field, value, doc_id) index, which both databases plan better than a correlated EXISTS."""
    clauses = [SearchField.field == field]
    if condition is not None:
        clauses.append(condition)
    return SearchDoc.doc_id.in_(select(SearchField.doc_id).where(*clauses))


class QueryCompiler:
    def __init__(self, backend: SearchBackend, now: datetime) -> None:
        self.backend = backend
        self.now = now

    def compile(self, node: Node) -> ColumnElement:
        if isinstance(node, MatchAll):
            return true()
        if isinstance(node, And):
            return and_(*(self.compile(clause) for clause in node.clauses))
        if isinstance(node, Or):
            return or_(*(self.compile(clause) for clause in node.clauses))
        if isinstance(node, Not):
            return not_(self.compile(node.clause))
        if isinstance(node, Range):
            return self._range(node)
        return self._term(node)

    def text_condition(self, query: TextQuery) -> ColumnElement:
        if not query.tokens:
            return true()
        return SearchDoc.doc_id.in_(self.backend.matching_doc_ids([query]))

    def at_least(self, queries: list[TextQuery], needed: int) -> ColumnElement:
        """Documents matching `needed` of the queries (all of them: one combined match)."""
        if needed >= len(queries):
            return SearchDoc.doc_id.in_(self.backend.matching_doc_ids(queries))
        hits = [
            case((SearchDoc.doc_id.in_(self.backend.matching_doc_ids([query])), 1), else_=0)
            for query in queries
        ]
        return sum(hits[1:], hits[0]) >= needed

    def _term(self, term: Term) -> ColumnElement:
        field = FIELD_ALIASES.get(term.field or "", term.field)
        if field in FULL_TEXT_FIELDS:
            if term.wildcard:
                stem = term.value.rstrip("*")
                if not stem or "*" in stem or "?" in stem:
                    return true() if term.value.strip("*") == "" else false()
                return self.text_condition(TextQuery.from_text(stem, prefix=True))
            return self.text_condition(TextQuery.from_text(term.value, phrase=term.phrase))
        assert field is not None
        if field in DATE_COLUMNS:
            if term.wildcard:
                return true() if term.value == "*" else false()
            return DATE_COLUMNS[field] == resolve_date(term.value, self.now)
        if term.wildcard:
            if term.value == "*":
                return _field_exists(field)
            if field in TEXT_FIELDS:
                pattern = "%" + _like_pattern(fold(term.value)) + "%"
            else:
                pattern = _like_pattern(term.value)
            return _field_exists(field, SearchField.value.like(pattern, escape="\\"))
        if field in TEXT_FIELDS:
            folded = fold_text(term.value)
            if not folded:
                return true()
            pattern = "%" + _like_pattern(folded) + "%"
            return _field_exists(field, SearchField.value.like(pattern, escape="\\"))
        return _field_exists(field, SearchField.value == term.value)

    def _range(self, node: Range) -> ColumnElement:
        field = FIELD_ALIASES.get(node.field, node.field)
        clauses = []
        if field in DATE_COLUMNS:
            column = DATE_COLUMNS[field]
            if node.low is not None:
                low = resolve_date(node.low, self.now)
                clauses.append(column >= low if node.include_low else column > low)
            if node.high is not None:
                high = resolve_date(node.high, self.now)
                clauses.append(column <= high if node.include_high else column < high)
            return and_(true(), *clauses)
        if field in FULL_TEXT_FIELDS:
            return true()
        value = SearchField.value
        if node.low is not None:
            clauses.append(value >= node.low if node.include_low else value > node.low)
        if node.high is not None:
            clauses.append(value <= node.high if node.include_high else value < node.high)
        return _field_exists(field, and_(true(), *clauses))

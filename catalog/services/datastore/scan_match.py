"""The matchers of a q scan, for rows no full-text index covers: a per-field q (`q` as an
object) on either database, and q on a first load whose full text is still being built.

Per field, SQLite gets Python functions on the read connection (`prepare_connection`) that
fold the value and match the parsed query (tsquery.py); PostgreSQL folds in SQL
(`fold_table`: translate()'s map of the letters whose fold is one other letter). For a
whole row the query is unfolded instead (`pattern`: every letter a class of the letters
that fold to it, as a regular expression over the row's text), about ten times faster than
folding every row: 1-3 s per million rows.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any

from sqlalchemy.engine import Connection

from catalog.services.datastore import tsquery
from catalog.services.datastore.records_format import copy_text, decoder
from catalog.services.search.folding import fold


@functools.lru_cache(maxsize=1)
def fold_table() -> tuple[str, str]:
    """Characters whose fold is one other character (á->a, Đ->d, É->e ...), for translate()."""
    source, target = [], []
    for code in list(range(0xC0, 0x250)) + list(range(0x1E00, 0x1F00)):
        char = chr(code)
        folded = fold(char)
        if len(folded) == 1 and folded != char and unicodedata.category(char)[0] == "L":
            source.append(char)
            target.append(folded)
    return "".join(source), "".join(target)


@functools.lru_cache(maxsize=256)
def _parsed(query: str, plain: bool) -> tsquery.Node | None:
    return tsquery.parse(query, plain)


def _as_text(value: Any, ckan_type: str) -> str:
    if value is None:
        return ""
    decoded = decoder(ckan_type, "sqlite")(value)
    if isinstance(decoded, bool):
        return "true" if decoded else "false"
    return copy_text(decoded) or ""


def _field_match(value: Any, ckan_type: str, query: str, plain: int) -> int:
    node = _parsed(query, bool(plain))
    return int(
        node is not None and tsquery.matches(node, tsquery.words(_as_text(value, ckan_type)))
    )


def _field_rank(value: Any, ckan_type: str, query: str, plain: int) -> float:
    node = _parsed(query, bool(plain))
    if node is None:
        return 0.0
    hits = tsquery.hits(node, tsquery.words(_as_text(value, ckan_type)))
    return hits / (hits + 1.0)


def prepare_connection(connection: Connection) -> None:
    """SQLite: the per-column and whole-row matcher functions (PostgreSQL needs none)."""
    if connection.dialect.name != "sqlite":
        return
    raw = connection.connection.driver_connection
    raw.create_function("ds_field_match", 4, _field_match, deterministic=True)
    raw.create_function("ds_field_rank", 4, _field_rank, deterministic=True)
    raw.create_function("ds_row_match", 3, _row_match, deterministic=True)


@functools.lru_cache(maxsize=1)
def _variants() -> dict[str, str]:
    """For each letter a-z, a regular-expression class of every letter folding to it."""
    found: dict[str, set[str]] = {chr(c): {chr(c), chr(c).upper()} for c in range(97, 123)}
    for source, target in zip(*fold_table(), strict=True):
        found.setdefault(target, {target}).add(source)
    return {letter: "[" + "".join(sorted(chars)) + "]" for letter, chars in found.items()}


def pattern(term: tsquery.Term, dialect: str) -> str:
    """A regular expression (PostgreSQL's, or Python's for SQLite) finding `term` in
    unfolded text: its words (each letter any letter that folds to it) as whole words,
    adjacent, the last one a prefix when the term says so."""
    variants = _variants()
    words = ["".join(variants.get(char, char) for char in word) for word in term.words]
    if dialect == "postgresql":
        end = "" if term.prefix else "($|[^[:alnum:]])"
        return "(^|[^[:alnum:]])" + "[^[:alnum:]]+".join(words) + end
    end = "" if term.prefix else r"(?![^\W_])"
    return r"(?<![^\W_])" + r"[\W_]+".join(words) + end


Matcher = Any  # Callable[[str], bool]


@functools.lru_cache(maxsize=256)
def _row_matcher(query: str, plain: bool) -> Matcher:
    """A function telling whether a row's text satisfies the query (SQLite's scan)."""
    node = _parsed(query, plain)

    def build(node: tsquery.Node) -> Matcher:
        if isinstance(node, tsquery.Term):
            return re.compile(pattern(node, "sqlite")).search
        if isinstance(node, tsquery.Not):
            child = build(node.child)
            return lambda text: not child(text)
        children = [build(child) for child in node.children]
        if isinstance(node, tsquery.And):
            return lambda text: all(child(text) for child in children)
        return lambda text: any(child(text) for child in children)

    return (lambda text: False) if node is None else build(node)


def _row_match(document: Any, query: str, plain: int) -> int:
    return int(document is not None and bool(_row_matcher(query, bool(plain))(str(document))))

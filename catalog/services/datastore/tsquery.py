"""Full-text queries of datastore_search: parsed here, never passed to the database as text.

`q` / `full_text` are folded like the `_full_text` column (`fulltext.words_of`: Vietnamese
folding, words are runs of [0-9a-z]). With `plain` (CKAN's default, plainto_tsquery) every
word is required; the words of one whitespace-separated chunk ("53.56", "2011-01-01") must be
adjacent. With `plain=false` a safe subset of PostgreSQL's tsquery syntax is accepted:
`&` (and), `|` (or), `!` (not), parentheses and the prefix mark `:*`; words next to each
other without an operator are and-ed. The result is a small tree that each backend compiles
from its own words: a PostgreSQL tsquery literal made only of [0-9a-z] words and operators
(bound as a parameter), an FTS5 expression of quoted words (bound too), or a Python matcher.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from catalog.errors import ValidationFailed
from catalog.services.datastore.fulltext import fast_fold

_WORD = re.compile(r"[0-9a-z]+")
_TOKEN = re.compile(r"\s*(?:(?P<op>[&|!()])|(?P<term>[^\s&|!():]+)(?P<prefix>:\*)?|(?P<bad>:\S*))")
MAX_TERMS = 64


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]  # adjacent words (a phrase when more than one)
    prefix: bool = False  # the last word is a prefix


@dataclass(frozen=True)
class Not:
    child: Node


@dataclass(frozen=True)
class And:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    children: tuple[Node, ...]


Node = Term | Not | And | Or


def words(text: str) -> list[str]:
    return _WORD.findall(fast_fold(text))


def _term(chunk: str, prefix: bool = False) -> Term | None:
    found = words(chunk)
    return Term(tuple(found), prefix) if found else None


def _combine(kind: type[And] | type[Or], children: list[Node | None]) -> Node | None:
    kept = [child for child in children if child is not None]
    if not kept:
        return None
    return kept[0] if len(kept) == 1 else kind(tuple(kept))


def _invalid(text: str) -> ValidationFailed:
    return ValidationFailed(
        {"query": ["Invalid query"], "info": {"orig": [f'syntax error in tsquery: "{text}"']}}
    )


def parse(text: str, plain: bool = True) -> Node | None:
    """The query tree of `text`; None when it holds no word (it then matches nothing)."""
    if plain:
        node = _combine(And, [_term(chunk) for chunk in text.split()])
    else:
        node = _Parser(text).parse()
    if node is not None and _size(node) > MAX_TERMS:
        raise ValidationFailed({"query": [f"Too many search terms (at most {MAX_TERMS})"]})
    return node


def _size(node: Node) -> int:
    if isinstance(node, Term):
        return 1
    if isinstance(node, Not):
        return _size(node.child)
    return sum(_size(child) for child in node.children)


class _Parser:
    """or := and ('|' and)* ; and := unary ('&'? unary)* ; unary := '!' unary | atom."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens: list[tuple[str, str, bool]] = []
        for match in _TOKEN.finditer(text):
            if match.group("bad") is not None:
                raise _invalid(text)
            if match.group("op"):
                self.tokens.append(("op", match.group("op"), False))
            elif match.group("term"):
                self.tokens.append(("term", match.group("term"), bool(match.group("prefix"))))
        if len(self.tokens) > 4 * MAX_TERMS:
            raise ValidationFailed({"query": [f"Too many search terms (at most {MAX_TERMS})"]})
        self.pos = 0
        self.depth = 0

    def peek(self) -> str | None:
        if self.pos < len(self.tokens):
            kind, value, _ = self.tokens[self.pos]
            return value if kind == "op" else "term"
        return None

    def parse(self) -> Node | None:
        if not self.tokens:
            return None
        node = self.or_expr()
        if self.pos != len(self.tokens):
            raise _invalid(self.text)
        return node

    def or_expr(self) -> Node | None:
        parts = [self.and_expr()]
        while self.peek() == "|":
            self.pos += 1
            parts.append(self.and_expr())
        return _combine(Or, parts)

    def and_expr(self) -> Node | None:
        parts = [self.unary()]
        while self.peek() in ("&", "!", "(", "term"):
            if self.peek() == "&":
                self.pos += 1
            parts.append(self.unary())
        return _combine(And, parts)

    def unary(self) -> Node | None:
        token = self.peek()
        if token == "!":
            self.pos += 1
            child = self.unary()
            return Not(child) if child is not None else None
        if token == "(":
            self.depth += 1
            if self.depth > 32:
                raise _invalid(self.text)
            self.pos += 1
            node = self.or_expr()
            if self.peek() != ")":
                raise _invalid(self.text)
            self.pos += 1
            self.depth -= 1
            return node
        if token == "term":
            _, value, prefix = self.tokens[self.pos]
            self.pos += 1
            return _term(value, prefix)
        raise _invalid(self.text)


# ---------------------------------------------------------------- PostgreSQL


def to_tsquery_text(node: Node) -> str:
    """A tsquery literal for to_tsquery('simple', ...): words are [0-9a-z] only."""
    if isinstance(node, Term):
        parts = [f"'{word}'" for word in node.words]
        if node.prefix:
            parts[-1] += ":*"
        return parts[0] if len(parts) == 1 else "(" + " <-> ".join(parts) + ")"
    if isinstance(node, Not):
        return "!" + to_tsquery_text(node.child)
    joiner = " & " if isinstance(node, And) else " | "
    return "(" + joiner.join(to_tsquery_text(child) for child in node.children) + ")"


# ---------------------------------------------------------------- SQLite FTS5


def to_fts5(node: Node) -> str | None:
    """An FTS5 expression, or None where FTS5 cannot say it (a NOT without a positive
    partner, a NOT inside an OR): the caller then combines smaller expressions in SQL."""
    if isinstance(node, Term):
        phrase = '"' + " ".join(node.words) + '"'
        return phrase + " *" if node.prefix else phrase
    if isinstance(node, Not):
        return None
    if isinstance(node, Or):
        parts = [to_fts5(child) for child in node.children]
        if any(part is None for part in parts):
            return None
        return "(" + " OR ".join(parts) + ")"  # type: ignore[arg-type]
    positives = [to_fts5(c) for c in node.children if not isinstance(c, Not)]
    negatives = [to_fts5(c.child) for c in node.children if isinstance(c, Not)]
    if not positives or any(p is None for p in positives + negatives):
        return None
    text = "(" + " AND ".join(positives) + ")"  # type: ignore[arg-type]
    if negatives:
        text += " NOT (" + " OR ".join(negatives) + ")"  # type: ignore[arg-type]
    return text


# ---------------------------------------------------------------- Python (one value)


def matches(node: Node, value_words: list[str]) -> bool:
    """Whether the words of one value satisfy the query (per-field search on SQLite)."""
    if isinstance(node, Term):
        size = len(node.words)
        if size == 1 and not node.prefix:  # the common case, without a Python loop
            return node.words[0] in value_words
        for start in range(len(value_words) - size + 1):
            window = value_words[start : start + size]
            if window[:-1] == list(node.words[:-1]) and (
                window[-1].startswith(node.words[-1])
                if node.prefix
                else window[-1] == node.words[-1]
            ):
                return True
        return False
    if isinstance(node, Not):
        return not matches(node.child, value_words)
    if isinstance(node, And):
        return all(matches(child, value_words) for child in node.children)
    return any(matches(child, value_words) for child in node.children)


def hits(node: Node, value_words: list[str]) -> int:
    """How many query terms occur in the value (a rank for per-field search on SQLite)."""
    if isinstance(node, Term):
        return int(matches(node, value_words))
    if isinstance(node, Not):
        return 0
    return sum(hits(child, value_words) for child in node.children)

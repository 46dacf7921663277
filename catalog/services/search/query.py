"""Parse the Lucene/Solr subset CKAN clients send in `q`, `fq` and `fq_list` into a small AST.

The AST is compiled to SQL elsewhere. Rules:

* Default operator AND: juxtaposed clauses are ANDed. Operators: `AND`/`&&`, `OR`/`||`,
  `NOT`/`!` (keywords only in upper case; `and`/`or` are plain words), prefix `+` (required,
  i.e. a plain AND member) and prefix `-` (negation). A lone `+`/`-` followed by whitespace
  is ignored; double negations cancel. Precedence: NOT/unary > explicit AND > OR >
  juxtaposition, so `a OR b c` is `And(Or(a, b), c)`: the harvester's
  `organization:a OR organization:b metadata_modified:[T TO *]` means "(a or b), modified
  since T" (Lucene itself would make a and b optional, ckanext-harvest issue #518), and
  `a AND b OR c` is `Or(And(a, b), c)`. Parentheses group; nested And/And and Or/Or are
  flattened; a group of one clause is that clause; an empty group `()` and stray or trailing
  operators are dropped.
* `field:(a OR b)` / `field:(a b)` give the field to every unfielded term inside.
* `*:*` (and an empty query, `""` or `''`) is `MatchAll`; `field:*` is
  `Term(field, "*", wildcard=True)`. Only negations, e.g. `-a -b`, give `And(Not(a), Not(b))`.
* Values: a backslash escapes any character. A bare value with an unescaped `*` or `?` is a
  wildcard term; in such a value escaped `*`, `?` and `\\` keep their backslash so the
  compiler can tell them from wildcards. After `field:` the value runs to whitespace, `(`,
  `)` or `"`, colons included (`metadata_modified:2025-01-01T00:00:00Z`). Field names match
  `[A-Za-z_][A-Za-z0-9_.-]*`; a word whose part before `:` is not a field name is a plain
  word. Phrases `"..."` (backslash escapes inside) with or without a field; an unfielded
  `""` is dropped. Boost/fuzzy suffixes `^2`, `~`, `~0.8` are ignored.
* Ranges `[X TO Y]`, `{X TO Y}`, `[X TO Y}`, `{X TO Y]`; `*` is an open end (`None`); `TO` is
  case-sensitive; whitespace around `TO` may be a literal `%20`; bounds may be quoted and
  are kept raw (see `resolve_date`). A range without a field applies to `text`.
* `SearchQueryError` is raised only for unreadable input: unbalanced parentheses or quotes,
  a range missing `TO`/a bound/its closing bracket, an empty field value (`name:`), or
  nesting deeper than 100 groups. No other exception escapes `parse`.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from catalog.errors import SearchError, SearchQueryError

DEFAULT_FIELD = "text"
MAX_DEPTH = 100


@dataclass(frozen=True)
class MatchAll:
    """`*:*`: every document (also an empty query)."""


@dataclass(frozen=True)
class Term:
    """A word, phrase or wildcard pattern on a field (`None` = the default field `text`)."""

    field: str | None
    value: str
    phrase: bool = False
    wildcard: bool = False


@dataclass(frozen=True)
class Range:
    """`field:[low TO high]`; a `None` bound is open (`*`)."""

    field: str
    low: str | None
    high: str | None
    include_low: bool = True
    include_high: bool = True


@dataclass(frozen=True)
class Not:
    """Negation of one clause."""

    clause: Node


@dataclass(frozen=True)
class And:
    """All clauses must match."""

    clauses: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    """At least one clause must match."""

    clauses: tuple[Node, ...]


Node = MatchAll | Term | Range | Not | And | Or

_SPACE_RE = re.compile(r"\s*")
_FIELD_RE = re.compile(r"([A-Za-z_][A-Za-z0-9_.-]*):\s*")
_MODIFIER_RE = re.compile(r"[\^~][0-9.]*(?=[\s()\"]|\Z)")
_WORD_RE = re.compile(r"(?:\\.|\\\Z|[^\s()\"\\^~]|[\^~](?![0-9.]*(?:[\s()\"]|\Z)))+", re.S)
_PHRASE_RE = re.compile(r'"((?:\\.|[^"\\])*)"', re.S)
_RANGE_SPACE_RE = re.compile(r"(?:\s|%20)*")
_TO_RE = re.compile(r"(?:\s|%20)+TO(?:\s|%20)+")
_BOUND_RE = re.compile(r"(?:\\.|(?!%20)[^\s\]}\\])+", re.S)
_ESCAPE_RE = re.compile(r"\\(.)", re.S)
_UNESCAPED = r"(?:^|[^\\])(?:\\\\)*"  # an even run of backslashes before the next character
_WILDCARD_RE = re.compile(_UNESCAPED + r"[*?]")
_COLON_RE = re.compile(_UNESCAPED + ":")
_KEYWORDS = {"AND": "AND", "OR": "OR", "NOT": "NOT", "&&": "AND", "||": "OR"}


def _invalid(detail: str) -> SearchQueryError:
    return SearchQueryError(f"Invalid search query: {detail}")


def _unescape(raw: str, keep: str = "") -> str:
    return _ESCAPE_RE.sub(lambda m: m.group(0) if m.group(1) in keep else m.group(1), raw)


class _Lexer:
    """Turns the text into tokens `(kind, payload)`; field values are read in context."""

    def __init__(self, text: str) -> None:
        self.s = text
        self.i = 0
        self.tokens: list[tuple[str, Any]] = []

    def run(self) -> list[tuple[str, Any]]:
        s = self.s
        while self._skip(_SPACE_RE) < len(s):
            c, i = s[self.i], self.i
            if c in "()":
                self._emit("LP" if c == "(" else "RP", None, 1)
                self._skip(_MODIFIER_RE)
            elif s.startswith(("&&", "||"), i):
                self._emit(_KEYWORDS[s[i : i + 2]], None, 2)
            elif c == "!":
                self._emit("NOT", None, 1)
            elif c in "+-":
                if i + 1 == len(s) or s[i + 1].isspace():
                    self.i += 1  # a stray operator
                else:
                    self._emit("MUST" if c == "+" else "NOT", None, 1)
            elif (m := _FIELD_RE.match(s, i)) is not None:
                self._emit("FIELD", m.group(1), m.end() - i)
                if self.i == len(s) or s[self.i] == ")" or _MODIFIER_RE.match(s, self.i):
                    raise _invalid(f"empty value for field '{m.group(1)}'")
                if s[self.i] == "(":
                    self._emit("LP", None, 1)
                else:
                    self._value(keywords=False)
            elif s.startswith("*:*", i) and not _WORD_RE.match(s, i + 3):
                self._emit("ALL", None, 3)
                self._skip(_MODIFIER_RE)
            else:
                self._value(keywords=True)
        return self.tokens

    def _emit(self, kind: str, payload: Any, width: int) -> None:
        self.tokens.append((kind, payload))
        self.i += width

    def _skip(self, pattern: re.Pattern[str]) -> int:
        if (m := pattern.match(self.s, self.i)) is not None:
            self.i = m.end()
        return self.i

    def _value(self, keywords: bool) -> None:
        c = self.s[self.i]
        if c == '"':
            self.tokens.append(("PHRASE", self._phrase()))
        elif c in "[{":
            self.tokens.append(("RANGE", self._range()))
        elif (m := _WORD_RE.match(self.s, self.i)) is not None:
            raw = m.group()
            self.i = m.end()
            if keywords and raw in _KEYWORDS:
                self.tokens.append((_KEYWORDS[raw], None))
            else:
                wildcard = _WILDCARD_RE.search(raw) is not None
                self.tokens.append(("WORD", (_unescape(raw, "*?\\" if wildcard else ""), wildcard)))
        self._skip(_MODIFIER_RE)  # also consumes a stray `^2` that matched no word

    def _phrase(self) -> str:
        if (m := _PHRASE_RE.match(self.s, self.i)) is None:
            raise _invalid("unbalanced quotes")
        self.i = m.end()
        return _unescape(m.group(1))

    def _range(self) -> tuple[str | None, str | None, bool, bool]:
        include_low = self.s[self.i] == "["
        self.i += 1
        self._skip(_RANGE_SPACE_RE)
        low = self._bound()
        if (m := _TO_RE.match(self.s, self.i)) is None:
            raise _invalid("range missing TO")
        self.i = m.end()
        high = self._bound()
        if self._skip(_RANGE_SPACE_RE) == len(self.s) or self.s[self.i] not in "]}":
            raise _invalid("unclosed range")
        self.i += 1
        return low, high, include_low, self.s[self.i - 1] == "]"

    def _bound(self) -> str | None:
        if self.s.startswith('"', self.i):
            return self._phrase()
        if (m := _BOUND_RE.match(self.s, self.i)) is None:
            raise _invalid("incomplete range")
        self.i = m.end()
        return None if m.group() == "*" else _unescape(m.group())


def _combine(kind: type[And] | type[Or], clauses: list[Node]) -> Node | None:
    flat: list[Node] = []
    for clause in clauses:
        flat.extend(clause.clauses if isinstance(clause, kind) else (clause,))
    if not flat:
        return None
    return flat[0] if len(flat) == 1 else kind(tuple(flat))


class _Parser:
    """Recursive descent:

    sequence := or_expr*  (juxtaposed, ANDed); or_expr := and_expr (OR and_expr)*;
    and_expr := unary (AND unary)*.
    """

    def __init__(self, tokens: list[tuple[str, Any]]) -> None:
        self.tokens = tokens
        self.pos = 0
        self.depth = 0

    def peek(self) -> str | None:
        return self.tokens[self.pos][0] if self.pos < len(self.tokens) else None

    def parse(self) -> Node:
        node = self.sequence(None)
        if self.pos < len(self.tokens):
            raise _invalid("unbalanced parentheses")
        return node if node is not None else MatchAll()

    def sequence(self, field: str | None) -> Node | None:
        clauses: list[Node] = []
        while (kind := self.peek()) not in (None, "RP"):
            if kind in ("OR", "AND"):
                self.pos += 1  # a stray operator: nothing on its left
            elif (node := self.or_expr(field)) is not None:
                clauses.append(node)
        return _combine(And, clauses)

    def or_expr(self, field: str | None) -> Node | None:
        clauses: list[Node] = []
        if (node := self.and_expr(field)) is not None:
            clauses.append(node)
        while self.peek() == "OR":
            self.pos += 1
            if (node := self.and_expr(field)) is not None:
                clauses.append(node)
        return _combine(Or, clauses)

    def and_expr(self, field: str | None) -> Node | None:
        clauses: list[Node] = []
        if (node := self.unary(field)) is not None:
            clauses.append(node)
        while self.peek() == "AND":
            self.pos += 1
            if (node := self.unary(field)) is not None:
                clauses.append(node)
        return _combine(And, clauses)

    def unary(self, field: str | None) -> Node | None:
        negations = 0
        while (kind := self.peek()) in ("NOT", "MUST"):
            negations += kind == "NOT"
            self.pos += 1
        if kind in (None, "RP", "OR", "AND"):
            return None
        node = self.primary(field)
        return Not(node) if node is not None and negations % 2 else node

    def primary(self, field: str | None) -> Node | None:
        kind, payload = self.tokens[self.pos]
        self.pos += 1
        if kind == "FIELD":
            if self.peek() == "LP":
                node = self.primary(payload)
                if node is None:
                    raise _invalid(f"empty value for field '{payload}'")
                return node
            return self.primary(payload)
        if kind == "LP":
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise _invalid("too deeply nested")
            node = self.sequence(field)
            if self.peek() != "RP":
                raise _invalid("unbalanced parentheses")
            self.pos += 1
            self.depth -= 1
            return node
        if kind == "ALL":
            return MatchAll()
        if kind == "WORD":
            value, wildcard = payload
            return Term(field, value, wildcard=wildcard)
        if kind == "PHRASE":
            return Term(field, payload, phrase=True) if payload or field else None
        low, high, include_low, include_high = payload
        return Range(field or DEFAULT_FIELD, low, high, include_low, include_high)


def parse(text: str) -> Node:
    """Parse a `q`/`fq` string; raise `SearchQueryError` only for unreadable input."""
    if text.strip() in ("", '""', "''"):
        return MatchAll()
    return _Parser(_Lexer(text).run()).parse()


def has_field_syntax(text: str) -> bool:
    """True when `text` contains an unescaped `:` (CKAN then uses Lucene, not dismax)."""
    return _COLON_RE.search(text) is not None


_ISO_RE = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?"
    r"(Z|([+-])(\d{2}):?(\d{2})(?![0-9A-Z]))?)?"
)
_MATH_RE = re.compile(r"([+-])(\d+)([A-Z]+)|/([A-Z]+)")
_UNITS = {"YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND", "MILLI"}
_UNIT_ALIASES = {"DATE": "DAY", "MILLISECOND": "MILLI"}


def _add_months(dt: datetime, months: int) -> datetime:
    year, month0 = divmod(dt.month - 1 + months, 12)
    year += dt.year
    day = min(dt.day, calendar.monthrange(year, month0 + 1)[1])
    return dt.replace(year=year, month=month0 + 1, day=day)


def _round(dt: datetime, unit: str) -> datetime:
    if unit == "MILLI":
        return dt.replace(microsecond=dt.microsecond - dt.microsecond % 1000)
    units = ("YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND")
    fields = (("month", 1), ("day", 1), ("hour", 0), ("minute", 0), ("second", 0))
    return dt.replace(microsecond=0, **dict(fields[units.index(unit) :]))


def resolve_date(value: str, now: datetime) -> datetime:
    """Resolve a Solr date to a naive UTC datetime; raise `SearchError` when malformed.

    Accepts ISO `2025-03-01T10:59:02.123456Z` (1-9 fraction digits; `Z`, `+HH:MM` or no zone;
    seconds optional; or a bare date) or `NOW` (the caller's naive UTC `now`), then chained
    date math `+N<UNIT>`, `-N<UNIT>`, `/<UNIT>` (round down), e.g. `NOW/DAY-1MONTH`. Units:
    YEAR MONTH DAY DATE HOUR MINUTE SECOND MILLI MILLISECOND, singular or plural. Month and
    year steps clamp the day (Jan 31 + 1MONTH = Feb 28/29). Letters are case-insensitive.
    """
    if now.tzinfo is not None:
        now = now.astimezone(UTC).replace(tzinfo=None)
    text = value.strip().upper()
    try:
        if text.startswith("NOW"):
            dt, pos = now, 3
        elif (m := _ISO_RE.match(text)) is not None:
            y, mo, d, h, mi, sec, frac, zone, sign, zh, zm = m.groups()
            micro = int((frac or "")[:6].ljust(6, "0"))
            dt = datetime(int(y), int(mo), int(d), int(h or 0), int(mi or 0), int(sec or 0), micro)
            if sign:
                offset = timedelta(hours=int(zh), minutes=int(zm))
                dt = dt - offset if sign == "+" else dt + offset
            pos = m.end()
        else:
            raise ValueError(value)
        while pos < len(text):
            if (m := _MATH_RE.match(text, pos)) is None:
                raise ValueError(value)
            sign, amount, unit, round_unit = m.groups()
            unit = (unit or round_unit).removesuffix("S")
            unit = _UNIT_ALIASES.get(unit, unit)
            if unit not in _UNITS:
                raise ValueError(value)
            if round_unit:
                dt = _round(dt, unit)
            else:
                n = int(amount) * (1 if sign == "+" else -1)
                if unit in ("YEAR", "MONTH"):
                    dt = _add_months(dt, n * 12 if unit == "YEAR" else n)
                else:
                    name = "milliseconds" if unit == "MILLI" else unit.lower() + "s"
                    dt = dt + timedelta(**{name: n})
            pos = m.end()
        return dt
    except (ValueError, OverflowError) as exc:
        raise SearchError(f"Invalid date '{value}'") from exc

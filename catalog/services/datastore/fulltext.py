"""The `_full_text` of a DataStore row: the folded words of all its values.

Folding is `catalog.services.search.folding.fold` (NFD, no combining marks, đ -> d,
lower-case), done here with a precompiled character class so that a million rows fold in
seconds; words are the runs of [0-9a-z] that `fold_text` keeps for queries too. PostgreSQL
gets a tsvector literal with positions (what to_tsvector('simple', words) gives); SQLite
folds inside its FTS5 tokenizer instead (fulltext_index.py).
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from operator import add
from typing import Any

from catalog.services.datastore.types import text_of

_WORD = re.compile(r"[0-9a-z]+")
_D_TABLE = str.maketrans({"đ": "d", "Đ": "d"})
MAX_WORDS = 20_000  # per row: keeps a tsvector far below PostgreSQL's 1 MB
MAX_WORD = 2047  # PostgreSQL's longest lexeme (bytes; words here are ASCII)


@lru_cache(maxsize=1)
def _combining() -> re.Pattern[str]:
    ranges: list[tuple[int, int]] = []
    for code in range(sys.maxunicode + 1):
        if unicodedata.combining(chr(code)):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1] = (ranges[-1][0], code)
            else:
                ranges.append((code, code))
    parts = "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
        for a, b in ranges
    )
    return re.compile(f"[{parts}]+")


def fast_fold(text: str) -> str:
    """Exactly `folding.fold(text)`, quicker."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFD", text.translate(_D_TABLE))
    stripped = _combining().sub("", decomposed)
    return unicodedata.normalize("NFC", stripped).lower()


_CACHE: dict[str, tuple[str, ...]] = {}
_CACHE_SIZE = 200_000


def _words(text: str) -> tuple[str, ...]:
    words = tuple(_WORD.findall(fast_fold(text)))
    if any(len(word) > MAX_WORD for word in words):
        words = tuple(word for word in words if len(word) <= MAX_WORD)
    return words


def _text_words(text: str) -> tuple[str, ...]:
    """The words of a text value, remembered: columns repeat their values a lot."""
    words = _words(text) if len(text) > MAX_WORD else tuple(_WORD.findall(fast_fold(text)))
    if len(_CACHE) >= _CACHE_SIZE:
        _CACHE.clear()
    _CACHE[text] = words
    return words


_DATES: dict[date, tuple[str, ...]] = {}


def _date_words(value: date) -> tuple[str, ...]:
    if len(_DATES) >= _CACHE_SIZE:
        _DATES.clear()
    words = _DATES[value] = tuple(_WORD.findall(text_of(value)))
    return words


def words_of(values: Iterable[Any]) -> list[str]:
    """The folded words of a row's values, in order (capped at MAX_WORDS)."""
    words: list[str] = []
    extend, append, cached, findall = words.extend, words.append, _CACHE.get, _WORD.findall
    for value in values:
        if value is None:
            continue
        if type(value) is int:  # digits fold to themselves (a minus sign is no word)
            append(str(value) if value >= 0 else str(-value))
        elif type(value) is date:  # columns repeat their dates: remembered
            extend(_DATES.get(value) or _date_words(value))
        elif type(value) is not str:
            extend(_words(text_of(value)))
        elif value.isascii() and len(value) <= MAX_WORD:  # numbers, codes, dates: cheap
            if value.isdigit():
                append(value)
            else:
                extend(findall(value.lower()))
        else:
            extend(cached(value) or _text_words(value))
    if len(words) > MAX_WORDS:
        del words[MAX_WORDS:]
    return words


def tsvector_literal(values: Iterable[Any]) -> str:
    """The row's words as a PostgreSQL tsvector literal with positions ('a:1 b:2 a:3')."""
    words = words_of(values)
    return " ".join(map(add, words, _POSITIONS[1 : len(words) + 1]))


_POSITIONS = [f":{index}" for index in range(MAX_WORDS + 1)]

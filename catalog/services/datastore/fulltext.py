"""The `_full_text` of a DataStore row: the folded words of all its values.

Folding is `catalog.services.search.folding.fold` (NFD, no combining marks, đ -> d,
lower-case), done here with a precompiled character class so that a million rows fold in
seconds; words are the runs of [0-9a-z] that `fold_text` keeps for queries too. PostgreSQL
gets a tsvector literal with positions (what to_tsvector('simple', words) gives); SQLite an
FTS5 row of the words.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
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


def words_of(values: Iterable[Any]) -> list[str]:
    """The folded words of a row's values, in order (capped at MAX_WORDS)."""
    joined = " ".join([text_of(value) for value in values if value is not None])
    words = _WORD.findall(fast_fold(joined))
    if len(words) > MAX_WORDS:
        words = words[:MAX_WORDS]
    if any(len(word) > MAX_WORD for word in words):
        words = [word for word in words if len(word) <= MAX_WORD]
    return words


def fts_text(values: Iterable[Any]) -> str:
    """The row's words for SQLite FTS5."""
    return " ".join(words_of(values))


def tsvector_literal(values: Iterable[Any]) -> str:
    """The row's words as a PostgreSQL tsvector literal with positions ('a:1 b:2 a:3')."""
    return " ".join([f"{word}:{index}" for index, word in enumerate(words_of(values), 1)])

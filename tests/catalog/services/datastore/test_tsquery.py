"""The full-text query parser and its three compilations (pure code)."""

from __future__ import annotations

import pytest

from catalog.errors import ValidationFailed
from catalog.services.datastore import tsquery
from catalog.services.datastore.tsquery import And, Not, Or, Term


def test_plain_folds_vietnamese_and_keeps_chunks_as_phrases() -> None:
    node = tsquery.parse("Lục  Ngạn 53.56")
    assert node == And((Term(("luc",)), Term(("ngan",)), Term(("53", "56"))))
    assert tsquery.to_tsquery_text(node) == "('luc' & 'ngan' & ('53' <-> '56'))"
    assert tsquery.to_fts5(node) == '("luc" AND "ngan" AND "53 56")'


def test_plain_treats_operators_as_text() -> None:
    assert tsquery.parse("a | !b", plain=True) == And((Term(("a",)), Term(("b",))))


@pytest.mark.parametrize("text", ["", "   ", "!!!", "'\"", "()"])
def test_no_words_means_no_query(text: str) -> None:
    assert tsquery.parse(text) is None


def test_advanced_syntax() -> None:
    node = tsquery.parse("(Hà | ho:*) & !Nội dung", plain=False)
    assert node == And(
        (Or((Term(("ha",)), Term(("ho",), prefix=True))), Not(Term(("noi",))), Term(("dung",)))
    )
    assert tsquery.to_tsquery_text(node) == "(('ha' | 'ho':*) & !'noi' & 'dung')"
    assert tsquery.to_fts5(node) == '(("ha" OR "ho" *) AND "dung") NOT ("noi")'


def test_fts5_cannot_say_a_lone_not() -> None:
    assert tsquery.to_fts5(tsquery.parse("!a", plain=False)) is None
    assert tsquery.to_fts5(tsquery.parse("!a | b", plain=False)) is None


@pytest.mark.parametrize(
    "text", ["a &", "(a", "a)", "a :B", "a:x", "& a", "|", "a & (|)", "((((" * 10 + "a"]
)
def test_syntax_errors_are_409(text: str) -> None:
    with pytest.raises(ValidationFailed) as caught:
        tsquery.parse(text, plain=False)
    assert caught.value.errors["query"] == ["Invalid query"]


def test_injection_text_becomes_words_only() -> None:
    node = tsquery.parse("x'); DROP TABLE users; --")
    assert tsquery.to_tsquery_text(node) == "('x' & 'drop' & 'table' & 'users')"
    node = tsquery.parse("x' & \\'; DROP \"t\" --", plain=False)
    assert tsquery.to_tsquery_text(node) == "('x' & 'drop' & 't')"
    with pytest.raises(ValidationFailed):
        tsquery.parse("x'); DROP TABLE users; --", plain=False)  # unbalanced ")"


def test_too_many_terms() -> None:
    with pytest.raises(ValidationFailed):
        tsquery.parse(" ".join(f"w{i}" for i in range(100)))


def test_python_matcher_agrees_with_the_tree() -> None:
    words = tsquery.words("Trường THCS Lục Nam, 2011-01-01")
    assert tsquery.matches(tsquery.parse("luc nam"), words)
    assert tsquery.matches(tsquery.parse("2011-01-01"), words)
    assert tsquery.matches(tsquery.parse("nam luc"), words)  # two chunks: both present
    assert not tsquery.matches(tsquery.parse("nam-luc"), words)  # one chunk: adjacent, in order
    assert tsquery.matches(tsquery.parse("nam & luc", plain=False), words)
    assert tsquery.matches(tsquery.parse("tru:*", plain=False), words)
    assert not tsquery.matches(tsquery.parse("!luc", plain=False), words)
    assert tsquery.hits(tsquery.parse("luc | xyz", plain=False), words) == 1

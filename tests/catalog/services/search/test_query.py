"""The Lucene/Solr subset parser behind package_search `q`, `fq` and `fq_list`."""

from __future__ import annotations

import random
from datetime import datetime

import pytest

from catalog.errors import SearchError, SearchQueryError
from catalog.services.search.query import (
    And,
    MatchAll,
    Not,
    Or,
    Range,
    Term,
    has_field_syntax,
    parse,
    resolve_date,
)


def t(field: str | None, value: str, **kw: bool) -> Term:
    return Term(field, value, **kw)


NOW = datetime(2025, 3, 15, 10, 30, 45, 123456)


# --- client strings, verbatim ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # ckanext-harvest (§7.1, §7.2)
        ("organization:a", t("organization", "a")),
        (
            "organization:a OR organization:b",
            Or((t("organization", "a"), t("organization", "b"))),
        ),
        (
            "-organization:a -organization:b",
            And((Not(t("organization", "a")), Not(t("organization", "b")))),
        ),
        ("groups:x", t("groups", "x")),
        ("-groups:x -groups:y", And((Not(t("groups", "x")), Not(t("groups", "y"))))),
        (
            "metadata_modified:[2025-03-01T10:59:02.123456Z TO *]",
            Range("metadata_modified", "2025-03-01T10:59:02.123456Z", None),
        ),
        (
            "organization:env-agency metadata_modified:[2025-03-01T10:59:02.123456Z TO *]",
            And(
                (
                    t("organization", "env-agency"),
                    Range("metadata_modified", "2025-03-01T10:59:02.123456Z", None),
                )
            ),
        ),
        (
            "organization:a OR organization:b groups:x",
            And((Or((t("organization", "a"), t("organization", "b"))), t("groups", "x"))),
        ),
        # ckanext-dcat
        ("-dataset_type:harvest", Not(t("dataset_type", "harvest"))),
        (
            "metadata_modified:[2025-01-01T00:00:00Z TO NOW]",
            Range("metadata_modified", "2025-01-01T00:00:00Z", "NOW"),
        ),
        # piveau: literal %20 around TO
        (
            "metadata_modified:[2024-01-01T00:00:00Z%20TO%20*]",
            Range("metadata_modified", "2024-01-01T00:00:00Z", None),
        ),
        # CKAN internals
        ("+capacity:public", t("capacity", "public")),
        ("+state:(active OR draft)", Or((t("state", "active"), t("state", "draft")))),
        ('+owner_org:"1b2c-uuid"', t("owner_org", "1b2c-uuid", phrase=True)),
        (
            "+capacity:public organization:a +state:(active)",
            And((t("capacity", "public"), t("organization", "a"), t("state", "active"))),
        ),
    ],
)
def test_client_strings(text: str, expected: object) -> None:
    assert parse(text) == expected


# --- match all, empty -------------------------------------------------------------------


@pytest.mark.parametrize("text", ["*:*", "", "   ", '""', "''", " *:* ", "(*:*)", "()", "AND"])
def test_match_all(text: str) -> None:
    assert parse(text) == MatchAll()


def test_match_all_combined_and_negated() -> None:
    assert parse("*:* -tags:x") == And((MatchAll(), Not(t("tags", "x"))))
    assert parse("-*:*") == Not(MatchAll())


# --- precedence and operators -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a b", And((t(None, "a"), t(None, "b")))),
        ("a AND b", And((t(None, "a"), t(None, "b")))),
        ("a && b", And((t(None, "a"), t(None, "b")))),
        ("a OR b", Or((t(None, "a"), t(None, "b")))),
        ("a || b", Or((t(None, "a"), t(None, "b")))),
        ("a OR b c", And((Or((t(None, "a"), t(None, "b"))), t(None, "c")))),
        ("a b OR c", And((t(None, "a"), Or((t(None, "b"), t(None, "c")))))),
        ("a AND b OR c", Or((And((t(None, "a"), t(None, "b"))), t(None, "c")))),
        ("a OR b AND c", Or((t(None, "a"), And((t(None, "b"), t(None, "c")))))),
        ("a OR b OR c", Or((t(None, "a"), t(None, "b"), t(None, "c")))),
        ("(a OR b) c", And((Or((t(None, "a"), t(None, "b"))), t(None, "c")))),
        ("a (b c)", And((t(None, "a"), t(None, "b"), t(None, "c")))),  # flattened
        ("(a OR b) OR c", Or((t(None, "a"), t(None, "b"), t(None, "c")))),
        ("((a))", t(None, "a")),
        ("NOT a", Not(t(None, "a"))),
        ("!a", Not(t(None, "a"))),
        ("! a", Not(t(None, "a"))),
        ("-a", Not(t(None, "a"))),
        ("+a", t(None, "a")),
        ("+a -b", And((t(None, "a"), Not(t(None, "b"))))),
        ("a NOT b", And((t(None, "a"), Not(t(None, "b"))))),
        ("a AND NOT b", And((t(None, "a"), Not(t(None, "b"))))),
        ("NOT a b", And((Not(t(None, "a")), t(None, "b")))),
        ("NOT a OR b", Or((Not(t(None, "a")), t(None, "b")))),
        ("-(a OR b)", Not(Or((t(None, "a"), t(None, "b"))))),
        ("NOT NOT a", t(None, "a")),
        ("--a", t(None, "a")),
        ("NOT -!a", Not(t(None, "a"))),
        ("+-a", Not(t(None, "a"))),
        ("a OR -b", Or((t(None, "a"), Not(t(None, "b"))))),
        ('-"air quality"', Not(t(None, "air quality", phrase=True))),
        # lower-case keywords are words; keywords glued to others are words
        ("a and b", And((t(None, "a"), t(None, "and"), t(None, "b")))),
        ("a or b", And((t(None, "a"), t(None, "or"), t(None, "b")))),
        ("ANDROID ORACLE", And((t(None, "ANDROID"), t(None, "ORACLE")))),
        ("a\\ OR b", And((t(None, "a OR"), t(None, "b")))),
        # a hyphen inside a word is not an operator
        ("water-quality", t(None, "water-quality")),
        ("Hà Nội", And((t(None, "Hà"), t(None, "Nội")))),
    ],
)
def test_operators_and_precedence(text: str, expected: object) -> None:
    assert parse(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a AND", t(None, "a")),
        ("a OR", t(None, "a")),
        ("OR a", t(None, "a")),
        ("a AND AND b", And((t(None, "a"), t(None, "b")))),
        ("a OR OR b", Or((t(None, "a"), t(None, "b")))),
        ("a NOT", t(None, "a")),
        ("a -", t(None, "a")),
        ("a - b", And((t(None, "a"), t(None, "b")))),
        ("a + b", And((t(None, "a"), t(None, "b")))),
        ("a ()", t(None, "a")),
        ("a -()", t(None, "a")),
        ("  a \t\n b  ", And((t(None, "a"), t(None, "b")))),
        ("(a OR)", t(None, "a")),
        ("title:water^2", t("title", "water")),
        ("water~ flood~0.8", And((t(None, "water"), t(None, "flood")))),
        ('"air quality"~3', t(None, "air quality", phrase=True)),
        ("(a b)^2", And((t(None, "a"), t(None, "b")))),
        ("foo~bar", t(None, "foo~bar")),
        ('a ""', t(None, "a")),
    ],
)
def test_tolerated_quirks(text: str, expected: object) -> None:
    assert parse(text) == expected


# --- fields -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("organization:(a OR b)", Or((t("organization", "a"), t("organization", "b")))),
        ("tags:(a b)", And((t("tags", "a"), t("tags", "b")))),
        ("tags:(a OR b c)", And((Or((t("tags", "a"), t("tags", "b"))), t("tags", "c")))),
        ("tags:(a -b)", And((t("tags", "a"), Not(t("tags", "b"))))),
        ("tags:(a (b OR c))", And((t("tags", "a"), Or((t("tags", "b"), t("tags", "c")))))),
        ("tags:(a name:b)", And((t("tags", "a"), t("name", "b")))),
        (
            'tags:("climate change" x*)',
            And((t("tags", "climate change", phrase=True), t("tags", "x*", wildcard=True))),
        ),
        ("tags:(a)", t("tags", "a")),
        ("-tags:(a OR b)", Not(Or((t("tags", "a"), t("tags", "b"))))),
        (
            "metadata_modified:([* TO 2020-01-01] OR [2024-01-01 TO *])",
            Or(
                (
                    Range("metadata_modified", None, "2020-01-01"),
                    Range("metadata_modified", "2024-01-01", None),
                )
            ),
        ),
        ("res_format:CSV", t("res_format", "CSV")),
        ("extras_theme:x", t("extras_theme", "x")),
        ("vocab_topics:x", t("vocab_topics", "x")),
        ("a.b-c_d:x", t("a.b-c_d", "x")),
        ("_f:x", t("_f", "x")),
        ("title: water", t("title", "water")),
        (
            "id:1b2c3d4e-0000-4000-8000-000000000000",
            t("id", "1b2c3d4e-0000-4000-8000-000000000000"),
        ),
        # a bare value keeps later colons (timestamps, URLs)
        ("metadata_modified:2025-01-01T00:00:00Z", t("metadata_modified", "2025-01-01T00:00:00Z")),
        ("url:http://example.org/x", t("url", "http://example.org/x")),
        ("a:b:c", t("a", "b:c")),
        # operator characters and keywords after the colon are part of the value
        ("name:-foo", t("name", "-foo")),
        ("tags:AND", t("tags", "AND")),
        ("num_resources:+1", t("num_resources", "+1")),
        # not a field name: a plain word
        ("12:30", t(None, "12:30")),
        ("Tên:x", t(None, "Tên:x")),
    ],
)
def test_fields(text: str, expected: object) -> None:
    assert parse(text) == expected


# --- phrases, escapes, wildcards ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"air quality"', t(None, "air quality", phrase=True)),
        ('title:"air quality"', t("title", "air quality", phrase=True)),
        (
            'tags:"climate change" res_format:CSV',
            And((t("tags", "climate change", phrase=True), t("res_format", "CSV"))),
        ),
        ('title:"say \\"hi\\""', t("title", 'say "hi"', phrase=True)),
        ('"a\\\\b"', t(None, "a\\b", phrase=True)),
        ('"water*"', t(None, "water*", phrase=True)),
        ('"a OR b"', t(None, "a OR b", phrase=True)),
        ('title:""', t("title", "", phrase=True)),
        ('"x"y', And((t(None, "x", phrase=True), t(None, "y")))),
        ("name:foo\\-bar", t("name", "foo-bar")),
        ("name:foo\\:bar", t("name", "foo:bar")),
        ("foo\\:bar", t(None, "foo:bar")),
        ("\\-a", t(None, "-a")),
        ("\\(a\\)", t(None, "(a)")),
        ("a\\ b", t(None, "a b")),
        ("url:http\\://x/\\~u", t("url", "http://x/~u")),
        ("name:foo\\*", t("name", "foo*")),
        ("name:foo\\?", t("name", "foo?")),
        ("a\\", t(None, "a\\")),
        ("name:water*", t("name", "water*", wildcard=True)),
        ("name:wat?r", t("name", "wat?r", wildcard=True)),
        ("water*", t(None, "water*", wildcard=True)),
        ("*", t(None, "*", wildcard=True)),
        ("extras_theme:*", t("extras_theme", "*", wildcard=True)),
        ("-extras_theme:*", Not(t("extras_theme", "*", wildcard=True))),
        # an escaped wildcard char inside a wildcard term keeps its backslash
        ("name:a\\*b*", t("name", "a\\*b*", wildcard=True)),
    ],
)
def test_phrases_escapes_wildcards(text: str, expected: object) -> None:
    assert parse(text) == expected


# --- ranges ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("f:[a TO b]", Range("f", "a", "b", True, True)),
        ("f:{a TO b}", Range("f", "a", "b", False, False)),
        ("f:[a TO b}", Range("f", "a", "b", True, False)),
        ("f:{a TO b]", Range("f", "a", "b", False, True)),
        ("f:[* TO b]", Range("f", None, "b")),
        ("f:[a TO *]", Range("f", "a", None)),
        ("f:[* TO *]", Range("f", None, None)),
        ("f:{* TO *}", Range("f", None, None, False, False)),
        ("f:[ a  TO  b ]", Range("f", "a", "b")),
        ("f:[a%20TO%20b]", Range("f", "a", "b")),
        ("f:[%20a%20TO b%20]", Range("f", "a", "b")),
        ('f:["a b" TO "c"]', Range("f", "a b", "c")),
        ('f:["*" TO *]', Range("f", "*", None)),
        ("f:[\\* TO *]", Range("f", "*", None)),
        ("num_resources:[1 TO *]", Range("num_resources", "1", None)),
        ("metadata_modified:[NOW-1DAY TO NOW]", Range("metadata_modified", "NOW-1DAY", "NOW")),
        (
            "metadata_created:[2025-01-01T00:00:00+00:00 TO NOW/DAY+1DAY}",
            Range("metadata_created", "2025-01-01T00:00:00+00:00", "NOW/DAY+1DAY", True, False),
        ),
        ("f:[a TO b]^2", Range("f", "a", "b")),
        ("[a TO b]", Range("text", "a", "b")),
        ("-f:[a TO b]", Not(Range("f", "a", "b"))),
        ("f:[TO TO TO]", Range("f", "TO", "TO")),
    ],
)
def test_ranges(text: str, expected: object) -> None:
    assert parse(text) == expected


# --- errors -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "(a",
        "a)",
        "(a OR (b)",
        "tags:(a",
        ")",
        '"air',
        'title:"air',
        'a "b\\"',
        "f:[a b]",
        "f:[a to b]",
        "f:[aTO b]",
        "f:[a TOb]",
        "f:[a TO b",
        "f:[a TO ]",
        "f:[ TO b]",
        "f:[a TO b c]",
        "f:[",
        "name:",
        "name: ",
        "name:)",
        "(name:)",
        "name:^2",
        "name:()",
        "a AND name:",
        "(" * 150 + "a" + ")" * 150,
    ],
)
def test_unreadable_input_raises(text: str) -> None:
    with pytest.raises(SearchQueryError) as info:
        parse(text)
    assert info.value.message.startswith("Invalid search query: ")


def test_nesting_within_limit_is_fine() -> None:
    assert parse("(" * 50 + "a" + ")" * 50) == t(None, "a")
    assert parse("-" * 500 + "a") == t(None, "a")
    assert parse("-" * 501 + "a") == Not(t(None, "a"))
    assert parse(" ".join(["a"] * 5000)).clauses[4999] == t(None, "a")  # type: ignore[union-attr]


def test_nodes_are_immutable_and_hashable() -> None:
    node = parse("a OR b -c:[1 TO 2]")
    assert hash(node) == hash(parse("a OR b -c:[1 TO 2]"))
    with pytest.raises(AttributeError):
        node.clauses = ()  # type: ignore[misc,union-attr]


def test_fuzz_only_search_query_error() -> None:
    """Any string either parses to a node or raises SearchQueryError, never anything else."""
    rng = random.Random(20250315)
    specials = list('abAND OR NOT TO:*?"\\()[]{}+-!&|^~%20/.\t\nđ')
    alphabet = specials + ["AND", "OR", "NOT", " TO ", "%20", "*:*", "f:", "NOW", "-1DAY"]
    parsed = 0
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        try:
            node = parse(text)
        except SearchQueryError:
            continue
        assert isinstance(node, MatchAll | Term | Range | Not | And | Or)
        parsed += 1
        has_field_syntax(text)
        try:
            resolve_date(text, NOW)
        except SearchError:
            pass
    assert 200 < parsed < 2000  # both outcomes are exercised


# --- has_field_syntax -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("organization:a", True),
        ("*:*", True),
        ('"a:b"', True),
        ("water quality", False),
        ("", False),
        ("foo\\:bar", False),
        ("foo\\\\:bar", True),
        ("a\\", False),
    ],
)
def test_has_field_syntax(text: str, expected: bool) -> None:
    assert has_field_syntax(text) is expected


# --- resolve_date ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-03-01T10:59:02.123456Z", datetime(2025, 3, 1, 10, 59, 2, 123456)),
        ("2025-03-01T10:59:02.123456", datetime(2025, 3, 1, 10, 59, 2, 123456)),
        ("2025-03-01T10:59:02Z", datetime(2025, 3, 1, 10, 59, 2)),
        ("2025-03-01T10:59:02.1Z", datetime(2025, 3, 1, 10, 59, 2, 100000)),
        ("2025-03-01T10:59:02.123Z", datetime(2025, 3, 1, 10, 59, 2, 123000)),
        ("2025-03-01T10:59:02.123456789Z", datetime(2025, 3, 1, 10, 59, 2, 123456)),
        ("2025-03-01T10:59:02+00:00", datetime(2025, 3, 1, 10, 59, 2)),
        ("2025-03-01T10:59:02+07:00", datetime(2025, 3, 1, 3, 59, 2)),
        ("2025-03-01T01:00:00-02:30", datetime(2025, 3, 1, 3, 30)),
        ("2025-03-01", datetime(2025, 3, 1)),
        (" 2025-03-01T10:59 ", datetime(2025, 3, 1, 10, 59)),
        ("NOW", NOW),
        ("now", NOW),
        ("NOW-1DAY", datetime(2025, 3, 14, 10, 30, 45, 123456)),
        ("NOW-7DAYS", datetime(2025, 3, 8, 10, 30, 45, 123456)),
        ("NOW+2HOURS", datetime(2025, 3, 15, 12, 30, 45, 123456)),
        ("NOW-90MINUTES", datetime(2025, 3, 15, 9, 0, 45, 123456)),
        ("NOW+15SECONDS", datetime(2025, 3, 15, 10, 31, 0, 123456)),
        ("NOW+1MILLI", datetime(2025, 3, 15, 10, 30, 45, 124456)),
        ("NOW-2MILLISECONDS", datetime(2025, 3, 15, 10, 30, 45, 121456)),
        ("NOW+1DATE", datetime(2025, 3, 16, 10, 30, 45, 123456)),
        ("NOW/DAY", datetime(2025, 3, 15)),
        ("NOW/DATE", datetime(2025, 3, 15)),
        ("NOW/HOUR", datetime(2025, 3, 15, 10)),
        ("NOW/MINUTE", datetime(2025, 3, 15, 10, 30)),
        ("NOW/SECOND", datetime(2025, 3, 15, 10, 30, 45)),
        ("NOW/MILLI", datetime(2025, 3, 15, 10, 30, 45, 123000)),
        ("NOW/MONTH", datetime(2025, 3, 1)),
        ("NOW/YEAR", datetime(2025, 1, 1)),
        ("NOW/DAY-1MONTH", datetime(2025, 2, 15)),
        ("NOW-1YEAR/DAY+1HOUR", datetime(2024, 3, 15, 1)),
        ("2025-01-01T00:00:00Z+1YEAR", datetime(2026, 1, 1)),
        ("2025-01-31T00:00:00Z+1MONTH", datetime(2025, 2, 28)),
        ("2024-01-31T00:00:00Z+1MONTH", datetime(2024, 2, 29)),
        ("2024-02-29T00:00:00Z+1YEAR", datetime(2025, 2, 28)),
        ("2025-03-31T00:00:00Z-1MONTH", datetime(2025, 2, 28)),
        ("2025-01-15T00:00:00Z-13MONTHS", datetime(2023, 12, 15)),
        ("2025-03-01T00:00:00+07:00+1DAY", datetime(2025, 3, 1, 17)),
        ("2025-03-01T00:00:00Z+1000DAYS", datetime(2027, 11, 26)),
    ],
)
def test_resolve_date(value: str, expected: datetime) -> None:
    assert resolve_date(value, NOW) == expected


def test_resolve_date_aware_now_is_converted_to_naive_utc() -> None:
    from datetime import UTC, timedelta, timezone

    aware = datetime(2025, 3, 15, 17, 0, tzinfo=timezone(timedelta(hours=7)))
    assert resolve_date("NOW", aware) == datetime(2025, 3, 15, 10, 0)
    assert resolve_date("NOW", NOW.replace(tzinfo=UTC)) == NOW


@pytest.mark.parametrize(
    "value",
    [
        "",
        "yesterday",
        "2025-13-01",
        "2025-02-30T00:00:00Z",
        "2025-03-01T25:00:00Z",
        "2025-03-01 10:00:00",
        "2025-03-01T10",
        "2025-03-01T10:59:02.1234567890Z",
        "2025/03/01",
        "NOW-1",
        "NOW-DAY",
        "NOW-1FORTNIGHT",
        "NOW/WEEK",
        "NOW+1DAY junk",
        "NOWX",
        "NOW+99999999999DAYS",
        "NOW+99999YEARS",
        "NOW-" + "9" * 5000 + "DAYS",
        "0000-01-01",
        "*",
    ],
)
def test_resolve_date_errors(value: str) -> None:
    with pytest.raises(SearchError) as info:
        resolve_date(value, NOW)
    assert info.value.message.startswith("Invalid date")

"""datastore_search through the action registry, on both backends (CKAN 2.11's behaviour)."""

from __future__ import annotations

from typing import Any

import pytest

from catalog.actions.registry import ActionContext
from catalog.errors import NotAuthorized, NotFound, ValidationFailed
from catalog.services.datastore import query_plans
from catalog.services.datastore.indexes import create_search_indexes
from catalog.services.datastore.query import SearchSpec
from catalog.services.datastore.store import DatastoreField
from tests.support import accounts
from tests.support.datastore_tables import resource_with_table


@pytest.fixture
def people(sysadmin_context: ActionContext) -> str:
    return resource_with_table(sysadmin_context, "people")


def search(context: ActionContext, resource_id: str, **params: Any) -> dict[str, Any]:
    return context.call("datastore_search", {"resource_id": resource_id, **params})


def ids(result: dict[str, Any]) -> list[int]:
    return [record["_id"] for record in result["records"]]


def test_default_search_shape(sysadmin_context: ActionContext, people: str) -> None:
    result = search(sysadmin_context, people)
    assert result["total"] == 4 and result["total_was_estimated"] is False
    assert result["limit"] == 100 and result["records_format"] == "objects"
    assert result["_links"] == {}  # no request: CKAN's local call
    assert [f["id"] for f in result["fields"]][:3] == ["_id", "name", "district"]
    assert result["fields"][0] == {"id": "_id", "type": "int"}
    assert result["fields"][2]["info"] == {"label": "Huyện", "notes": ""}
    assert result["records"][0] == {
        "_id": 1, "name": "Nguyễn Văn An", "district": "Lục Nam", "year": 2014, "score": 10,
        "ratio": 1.5, "active": True, "born": "2011-01-01", "seen": "2020-01-01T10:00:00",
        "the time": "08:30:00", "extra": {"a": 1},
    }  # fmt: skip
    assert result["records"][1]["score"] == 9.5 and result["records"][1]["ratio"] == 2


def test_id_alias_and_limit_offset(sysadmin_context: ActionContext, people: str) -> None:
    result = sysadmin_context.call("datastore_search", {"id": people, "limit": "1", "offset": 1})
    assert ids(result) == [2] and result["resource_id"] == people and "id" not in result
    assert search(sysadmin_context, people, limit=99999)["limit"] == 32000
    only_fields = search(sysadmin_context, people, limit=0)
    assert only_fields["records"] == [] and only_fields["total"] == 4


def test_filters(sysadmin_context: ActionContext, people: str) -> None:
    assert ids(search(sysadmin_context, people, filters={"year": 2014})) == [1, 3]
    assert ids(search(sysadmin_context, people, filters='{"year": "2013"}')) == [2]
    assert ids(search(sysadmin_context, people, filters={"year": [2013, "2014"]})) == [1, 2, 3]
    assert ids(search(sysadmin_context, people, filters={"district": "Lục Nam"})) == [1]
    assert ids(search(sysadmin_context, people, filters={"active": "true", "year": 2014})) == [1]
    assert ids(search(sysadmin_context, people, filters={"born": "2011-02-02"})) == [2]
    assert ids(search(sysadmin_context, people, filters={"score": 9.5})) == [2]
    assert ids(search(sysadmin_context, people, filters={"year": 2014.5})) == []
    assert ids(search(sysadmin_context, people, filters={"year": 2**70})) == []
    assert ids(search(sysadmin_context, people, filters={"_id": 3})) == [3]


def test_q_is_diacritic_insensitive_with_rank(sysadmin_context: ActionContext, people: str) -> None:
    result = search(sysadmin_context, people, q="luc ngan")
    assert ids(result) == [3] and result["total"] == 1
    assert result["fields"][-1] == {"id": "rank", "type": "float"}
    assert isinstance(result["records"][0]["rank"], float)
    assert ids(search(sysadmin_context, people, q="LỤC")) in ([1, 3], [3, 1])
    assert ids(search(sysadmin_context, people, full_text="Đức")) == [3]
    assert ids(search(sysadmin_context, people, q="nowhere")) == []


def test_q_per_field(sysadmin_context: ActionContext, people: str) -> None:
    result = search(sysadmin_context, people, q={"district": "luc"}, sort="_id")
    assert ids(result) == [1, 3] and "rank district" in result["records"][0]
    assert ids(search(sysadmin_context, people, q='{"name": "luc"}')) == []
    assert ids(search(sysadmin_context, people, q={"name": "Cường"}, fields="_id")) == [3]


def test_advanced_queries(sysadmin_context: ActionContext, people: str) -> None:
    def found(q: str) -> list[int]:
        return sorted(ids(search(sysadmin_context, people, q=q, plain=False)))

    assert found("luc & !nam") == [3]
    assert found("!luc") == [2, 4]
    assert found("binh | cuong") == [2, 3]
    assert found("ngu:*") == [1]
    assert found("(an | binh) & !tran") == [1]
    with pytest.raises(ValidationFailed):
        found("luc &")


def test_fields_sort_distinct(sysadmin_context: ActionContext, people: str) -> None:
    result = search(sysadmin_context, people, fields="name, year", sort="year desc, name")
    assert [f["id"] for f in result["fields"]] == ["name", "year"]
    assert [r["year"] for r in result["records"]] == [None, 2014, 2014, 2013]  # NULLs first in desc
    result = search(sysadmin_context, people, fields=["year"], sort="year nulls first")
    assert [r["year"] for r in result["records"]] == [None, 2013, 2014, 2014]
    result = search(sysadmin_context, people, fields="year", distinct=True, sort="year")
    assert result["records"] == [{"year": 2013}, {"year": 2014}, {"year": None}]
    assert result["total"] == 3
    assert ids(search(sysadmin_context, people, sort='"the time" desc')) == [3, 4, 2, 1]


def test_records_formats(sysadmin_context: ActionContext, people: str) -> None:
    lists = search(sysadmin_context, people, records_format="lists", fields="_id,name,active")
    assert lists["records"][0] == [1, "Nguyễn Văn An", True]
    csv = search(sysadmin_context, people, records_format="csv", sort="_id")["records"]
    lines = csv.split("\n")
    assert lines[0] == (
        '1,Nguyễn Văn An,Lục Nam,2014,10,1.5,t,2011-01-01,2020-01-01T10:00:00,08:30:00,"{""a"": 1}"'
    )
    assert lines[2] == "3,Lê Đức Cường,Lục Ngạn,2014,9,,,,,,"
    assert lines[3].startswith('4,"Phạm ""Dũng"", Hà","",,,-0.25,t,2012-03-03,')
    assert csv.endswith("\n") and len(lines) == 5
    tsv = search(sysadmin_context, people, records_format="tsv", fields="name,year", limit=1)
    assert tsv["records"] == "Nguyễn Văn An\t2014\n"


def test_total_estimation_and_without_total(sysadmin_context: ActionContext, people: str) -> None:
    result = search(sysadmin_context, people, total_estimation_threshold=2)
    assert result["total"] == 4 and result["total_was_estimated"] is True
    assert "total" not in search(sysadmin_context, people, include_total="false")


@pytest.mark.parametrize(
    ("params", "errors"),
    [
        ({"limit": "bad"}, {"limit": ["Invalid integer"]}),
        ({"limit": -1}, {"limit": ["Must be a natural number"]}),
        ({"offset": "x"}, {"offset": ["Invalid integer"]}),
        ({"filters": "the-filter"}, {"filters": ["Cannot parse JSON"]}),
        ({"records_format": "xml"},
         {"records_format": ["Value must be one of ['objects', 'lists', 'csv', 'tsv']"]}),
        ({"fields": {"a": 1}}, {"fields": ["Not a list"]}),
        ({"sort": [1]}, {"sort": ["Neither a string nor a list: 1"]}),
        ({"foo": "bar"}, {"__junk": ["The input field [('foo',)] was not expected."]}),
        ({"fields": [{"id": "bad"}]},
         {"__junk": ["The input field [('fields', 0, 'id')] was not expected."]}),
    ],
)  # fmt: skip
def test_schema_errors(
    sysadmin_context: ActionContext, people: str, params: dict, errors: dict
) -> None:
    with pytest.raises(ValidationFailed) as caught:
        search(sysadmin_context, people, **params)
    assert caught.value.errors == errors


@pytest.mark.parametrize(
    ("params", "errors"),
    [
        ({"filters": {"nope": 1}}, {"filters": ['invalid value "nope"']}),
        ({"filters": {"_full_text": "x"}}, {"filters": ['invalid value "_full_text"']}),
        ({"fields": "name, nope"}, {"fields": ['invalid value "nope"']}),
        ({"fields": "rank"}, {"fields": ['invalid value "rank"']}),
        ({"sort": "name; DROP TABLE x"}, {"sort": ['invalid value "name; DROP TABLE x"']}),
        ({"sort": "rank desc", "q": "a"}, {"sort": ['invalid value "rank desc"']}),
        ({"q": {"nope": "a"}}, {"q": ['invalid value "nope"']}),
        ({"q": {"name": ["a"]}}, {"q": ['invalid value "name"']}),
        ({"offset": -1}, {"offset": ['invalid value "-1"']}),
        ({"filters": "[1, 2]"}, {"filters": ['invalid value "1"']}),
    ],
)
def test_unknown_columns(
    sysadmin_context: ActionContext, people: str, params: dict, errors: dict
) -> None:
    with pytest.raises(ValidationFailed) as caught:
        search(sysadmin_context, people, **params)
    assert caught.value.errors == errors


@pytest.mark.parametrize(
    "filters",
    [{"year": "abc"}, {"born": "yesterday"}, {"extra": "{}"}, {"year": {"a": 1}}, {"year": []}],
)
def test_bad_filter_values_are_invalid_queries(
    sysadmin_context: ActionContext, people: str, filters: dict
) -> None:
    with pytest.raises(ValidationFailed) as caught:
        search(sysadmin_context, people, filters=filters)
    assert caught.value.errors["query"] == ["Invalid query"]


def test_missing_resource_and_missing_id(sysadmin_context: ActionContext) -> None:
    with pytest.raises(NotFound) as caught:
        search(sysadmin_context, "no-such-table")
    assert caught.value.detail == 'Resource "no-such-table" was not found.'
    with pytest.raises(ValidationFailed) as missing:
        sysadmin_context.call("datastore_search", {})
    assert missing.value.errors == {"resource_id": ["Missing value"]}


def test_private_tables(sysadmin_context: ActionContext) -> None:
    org = sysadmin_context.call("organization_create", {"name": "so-kin"})
    secret = resource_with_table(sysadmin_context, "secret", private=True, owner_org=org["id"])
    member = accounts.person(sysadmin_context, "member", org_id=org["id"], role="member")
    outsider = accounts.person(sysadmin_context, "outsider")
    assert search(member, secret)["total"] == 4
    for caller in (outsider, accounts.anonymous(sysadmin_context)):
        with pytest.raises(NotAuthorized) as caught:
            search(caller, secret, filters={"nope": 1})  # 403 before the column check
        assert caught.value.detail.endswith(f"not authorized to read resource {secret}")


def test_search_sql_is_not_offered(sysadmin_context: ActionContext) -> None:
    assert "datastore_search_sql" not in sysadmin_context.registry


# ---------------------------------------------------------------- plans (issue 4): same answers

WORDS_FIELDS = [DatastoreField("k", "int8"), DatastoreField("word", "text")]
WORDS_ROWS = [
    (None if i % 7 == 0 else i % 4, "alpha beta" if i % 3 == 0 else ("alpha" if i % 2 else "gamma"))
    for i in range(1, 41)
]


@pytest.fixture
def words(sysadmin_context: ActionContext) -> str:
    return resource_with_table(sysadmin_context, "words", WORDS_FIELDS, WORDS_ROWS)


def test_deep_offsets_read_by_key_only_without_gaps(
    sysadmin_context: ActionContext, words: str
) -> None:
    assert ids(search(sysadmin_context, words, offset=10, limit=5)) == [11, 12, 13, 14, 15]
    assert ids(search(sysadmin_context, words, offset=38, sort="_id asc")) == [39, 40]
    assert ids(search(sysadmin_context, words, offset=40)) == []
    sysadmin_context.call(
        "datastore_delete", {"resource_id": words, "filters": {"_id": 3}, "force": True}
    )
    sysadmin_context.call(
        "datastore_delete", {"resource_id": words, "filters": {"_id": 4}, "force": True}
    )
    # 38 rows, ids 1, 2, 5..40: the 11th row is _id 13 (an `_id > 10` shortcut would be wrong)
    assert ids(search(sysadmin_context, words, offset=10, limit=3)) == [13, 14, 15]
    assert ids(search(sysadmin_context, words, offset=36)) == [39, 40]
    assert ids(search(sysadmin_context, words, offset=2, sort="_id desc", limit=2)) == [38, 37]
    sysadmin_context.call(
        "datastore_delete", {"resource_id": words, "filters": {"_id": 40}, "force": True}
    )
    # ids 1, 2, 5..39: max == count (37) but min is 1, still with a gap
    assert ids(search(sysadmin_context, words, offset=2, limit=2)) == [5, 6]


def _expected(rows: list[tuple[int, Any, str]], descending: bool) -> list[int]:
    """`k desc nulls last, word, _id` (or `k asc nulls first, ...`) in Python."""
    present = sorted((r for r in rows if r[1] is not None), key=lambda r: (r[1], r[2]))
    if descending:
        present = sorted(present, key=lambda r: r[1], reverse=True)  # stable: word, _id kept
        ordered = present + sorted((r for r in rows if r[1] is None), key=lambda r: (r[2], r[0]))
    else:
        ordered = sorted((r for r in rows if r[1] is None), key=lambda r: (r[2], r[0])) + present
    return [r[0] for r in ordered]


@pytest.mark.parametrize("descending", [True, False])
def test_sorted_pages_equal_one_full_sort(
    sysadmin_context: ActionContext, words: str, descending: bool
) -> None:
    rows = [(i, k, word) for i, (k, word) in enumerate(WORDS_ROWS, 1)]
    sort = "k desc nulls last, word" if descending else "k asc nulls first, word"
    pages = [
        ids(search(sysadmin_context, words, sort=sort, limit=7, offset=offset))
        for offset in range(0, 42, 7)
    ]
    assert [i for page in pages for i in page] == _expected(rows, descending)
    matching = [r for r in rows if "alpha" in r[2] and r[1] == 1]
    found = search(sysadmin_context, words, q="alpha", filters={"k": 1}, sort=sort, limit=2,
                   offset=1, fields=["_id", "rank", "k"])  # fmt: skip
    assert ids(found) == _expected(matching, descending)[1:3]
    assert [sorted(r) for r in found["records"]] == [["_id", "k", "rank"]] * 2
    assert found["total"] == len(matching)


def test_q_totals_and_rank_order(sysadmin_context: ActionContext, words: str) -> None:
    alpha = [i for i, (_, word) in enumerate(WORDS_ROWS, 1) if "alpha" in word]
    result = search(sysadmin_context, words, q="alpha", limit=3, offset=2)
    assert result["total"] == len(alpha)
    everything = search(sysadmin_context, words, q="alpha", limit=100)
    ranks = [(-r["rank"], r["_id"]) for r in everything["records"]]
    assert ranks == sorted(ranks) and sorted(ids(everything)) == alpha  # rank desc, then _id
    assert ids(result) == ids(everything)[2:5]
    beyond = search(sysadmin_context, words, q="alpha", offset=len(alpha))  # empty page
    assert beyond["records"] == [] and beyond["total"] == len(alpha)
    assert search(sysadmin_context, words, q="alpha", limit=0)["total"] == len(alpha)
    lists = search(sysadmin_context, words, q="alpha", limit=1, records_format="lists")
    assert len(lists["records"][0]) == 4 and "total" not in search(
        sysadmin_context, words, q="alpha", include_total=False
    )  # _id, k, word, rank: the total's column is not a record column
    both = search(sysadmin_context, words, q="alpha", filters={"k": [1, 2]})
    assert both["total"] == len([i for i in alpha if WORDS_ROWS[i - 1][0] in (1, 2)])
    per_field = search(sysadmin_context, words, q={"word": "beta"}, filters={"k": 0})
    expected = [i for i, (k, w) in enumerate(WORDS_ROWS, 1) if "beta" in w and k == 0]
    assert sorted(ids(per_field)) == expected and per_field["total"] == len(expected)


@pytest.mark.parametrize("descending", [True, False])
def test_filtered_sort_pages_with_search_indexes(
    sysadmin_context: ActionContext, descending: bool
) -> None:
    """With the loader's indexes and statistics, a broad filter + sort may walk the sort
    column's index (SQLite: query_plans.sqlite_sort_index): the pages stay the same."""
    rows = [(i % 5 or None, f"w{i % 9}") for i in range(1, 201)]
    fields = [DatastoreField("k", "int8"), DatastoreField("word", "text")]
    resource_id = resource_with_table(sysadmin_context, "indexed", fields, rows)
    store = sysadmin_context.services.datastore
    info = store.describe(resource_id)
    with store.begin() as connection:
        create_search_indexes(connection, store.dialect, info)
    spec = SearchSpec(filters={"word": ["w1", "w2", "w3", "w4"]}, sort=[("k", "asc", "")], limit=5)
    if store.dialect == "sqlite":
        with store.connect() as connection:
            assert query_plans.sqlite_sort_index(connection, info, spec) == f"{info.table}_f0"
            spec.filters = {"word": "w1"}  # 22 of 200 rows: the filter's index is better
            assert query_plans.sqlite_sort_index(connection, info, spec) is None
    sort = "k desc nulls last, word" if descending else "k asc nulls first, word"
    numbered = [(i, k, w) for i, (k, w) in enumerate(rows, 1) if w in ("w1", "w2", "w3", "w4")]
    expected = _expected(numbered, descending)
    for offset in (0, 5, 60, 85):
        page = search(sysadmin_context, resource_id, sort=sort, limit=5, offset=offset,
                      filters={"word": ["w1", "w2", "w3", "w4"]})  # fmt: skip
        assert ids(page) == expected[offset : offset + 5] and page["total"] == len(expected)
    q_spec = SearchSpec(q="w1", filters={"k": 1})
    if store.dialect == "sqlite":
        with store.connect() as connection:
            assert query_plans.sqlite_filter_index(connection, info, q_spec) == f"{info.table}_f0"
    matching = [i for i, (k, w) in enumerate(rows, 1) if w == "w1" and k == 1]
    found = search(sysadmin_context, resource_id, q="w1", filters={"k": 1}, limit=3, offset=1)
    assert ids(found) == matching[1:4] and found["total"] == len(matching) > 4
    # two or more filters: SQLite counts from one index and probes the others (same total)
    two = search(sysadmin_context, resource_id, filters={"word": ["w1", "w2"], "k": [1, 2]})
    expected_two = [i for i, (k, w) in enumerate(rows, 1) if w in ("w1", "w2") and k in (1, 2)]
    assert two["total"] == len(expected_two) and ids(two) == expected_two
    three = search(sysadmin_context, resource_id, q="w2", filters={"word": "w2", "k": 2, "_id": 2})
    assert ids(three) == [2] and three["total"] == 1
    none = search(sysadmin_context, resource_id, filters={"word": "w2", "k": 2.5})
    assert none["total"] == 0 and none["records"] == []

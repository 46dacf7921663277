"""package_search semantics on both database backends, over a small catalog built here."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from catalog.actions.registry import ActionContext
from catalog.errors import SearchError, SearchQueryError, ValidationFailed
from tests.support import builders


@pytest.fixture
def catalog(sysadmin_context: ActionContext) -> ActionContext:
    ctx = sysadmin_context
    builders.organization(ctx, "so-giao-duc", "Sở Giáo dục và Đào tạo")
    builders.organization(ctx, "so-nong-nghiep", "Sở Nông nghiệp và Môi trường")
    builders.organization(ctx, "so-y-te", "Sở Y tế")
    builders.group(ctx, "giao-duc", "Giáo dục")
    builders.group(ctx, "moi-truong", "Môi trường")
    builders.dataset(
        ctx,
        "truong-hoc",
        title="Danh sách trường học phổ thông",
        notes="Giáo dục phổ thông toàn tỉnh",
        owner_org="so-giao-duc",
        groups=["giao-duc"],
        tags=["giáo dục", "trường học"],
        license_id="cc-by",
        extras={"frequency": "annual"},
        resources=[{"name": "truong.csv", "format": "CSV", "url": "http://example.org/a.csv"}],
    )
    builders.dataset(
        ctx,
        "gia-dat",
        title="Bảng giá đất đai",
        notes="Giá đất ở theo xã; có nhắc tới giáo dục một lần.",
        owner_org="so-nong-nghiep",
        groups=["moi-truong"],
        tags=["đất đai"],
        license_id="cc-zero",
        extras={"frequency": "monthly"},
        resources=[{"name": "gia.xlsx", "format": "XLSX", "url": "http://example.org/b.xlsx"}],
    )
    builders.dataset(
        ctx,
        "co-so-y-te",
        title="Cơ sở y tế",
        notes="Bệnh viện và trạm y tế",
        owner_org="so-y-te",
        tags=["y tế", "bệnh viện"],
        license_id="cc-by",
        resources=[{"name": "yte.csv", "format": "CSV", "url": "http://example.org/c.csv"}],
    )
    builders.dataset(
        ctx,
        "ho-so-mat",
        title="Hồ sơ nội bộ giáo dục",
        owner_org="so-giao-duc",
        private=True,
        tags=["giáo dục"],
    )
    anonymous = ActionContext(services=ctx.services, identity=None, registry=ctx.registry)
    return anonymous


def search(ctx: ActionContext, **params: object) -> dict:
    return ctx.call("package_search", dict(params))


def names(result: dict) -> list[str]:
    return [item["name"] for item in result["results"]]


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("giao duc", {"truong-hoc", "gia-dat"}),
        ("Giáo dục", {"truong-hoc", "gia-dat"}),
        ("GIAO DUC", {"truong-hoc", "gia-dat"}),
        ("dat dai", {"gia-dat"}),
        ("đất đai", {"gia-dat"}),
        ("Đất Đai", {"gia-dat"}),
        ("benh vien", {"co-so-y-te"}),
        ("truong hoc pho thong", {"truong-hoc"}),
        ("khong co gi", set()),
    ],
)
def test_free_text_ignores_vietnamese_diacritics(catalog, q, expected):
    assert set(names(search(catalog, q=q))) == expected


def test_title_and_tag_matches_rank_above_a_mention_in_the_notes(catalog):
    assert names(search(catalog, q="giao duc")) == ["truong-hoc", "gia-dat"]


def test_private_datasets_are_not_found_by_anonymous_callers(catalog):
    assert "ho-so-mat" not in names(search(catalog, q="noi bo"))
    assert "ho-so-mat" not in names(search(catalog, q="noi bo", include_private=True))


def test_sysadmin_finds_private_datasets_only_with_include_private(sysadmin_context, catalog):
    assert names(search(sysadmin_context, q="noi bo")) == []
    assert names(search(sysadmin_context, q="noi bo", include_private=True)) == ["ho-so-mat"]


@pytest.mark.parametrize(
    ("fq", "expected"),
    [
        ("organization:so-giao-duc", {"truong-hoc"}),
        ("organization:so-giao-duc OR organization:so-y-te", {"truong-hoc", "co-so-y-te"}),
        ("organization:(so-giao-duc OR so-y-te)", {"truong-hoc", "co-so-y-te"}),
        ("-organization:so-giao-duc -organization:so-y-te", {"gia-dat"}),
        ("groups:moi-truong", {"gia-dat"}),
        ('tags:"giáo dục"', {"truong-hoc"}),
        ("res_format:CSV", {"truong-hoc", "co-so-y-te"}),
        ("res_format:CSV AND license_id:cc-by -organization:so-y-te", {"truong-hoc"}),
        ("name:truong*", {"truong-hoc"}),
        ("extras_frequency:monthly", {"gia-dat"}),
        ("frequency:annual", {"truong-hoc"}),
        ("title:dat", {"gia-dat"}),
        ("capacity:public", {"truong-hoc", "gia-dat", "co-so-y-te"}),
        ("dataset_type:dataset -dataset_type:harvest", {"truong-hoc", "gia-dat", "co-so-y-te"}),
        ("num_resources:[1 TO *]", {"truong-hoc", "gia-dat", "co-so-y-te"}),
        ("extras_frequency:*", {"truong-hoc", "gia-dat"}),
    ],
)
def test_filter_queries_in_solr_syntax(catalog, fq, expected):
    assert set(names(search(catalog, fq=fq, rows=100))) == expected


def test_fq_list_filters_are_all_applied(catalog):
    result = search(catalog, fq_list=["res_format:CSV", "license_id:cc-by", "-tags:y*"])
    assert names(result) == ["truong-hoc"]


def test_q_with_field_syntax_is_a_lucene_query(catalog):
    assert names(search(catalog, q="organization:so-y-te")) == ["co-so-y-te"]


def test_metadata_modified_ranges_with_fractions_and_date_math(catalog):
    before = (datetime.now(UTC) - timedelta(hours=1)).replace(tzinfo=None).isoformat()
    after = (datetime.now(UTC) + timedelta(hours=1)).replace(tzinfo=None).isoformat()
    assert search(catalog, fq=f"metadata_modified:[{before}Z TO *]")["count"] == 3
    assert search(catalog, fq=f"metadata_modified:[{after}Z TO *]")["count"] == 0
    assert search(catalog, fq="metadata_modified:[NOW-1DAY TO NOW+1HOUR]")["count"] == 3
    assert search(catalog, fq="metadata_created:[* TO NOW-1DAY]")["count"] == 0
    with pytest.raises(SearchError):
        search(catalog, fq="metadata_modified:[2025-13-45 TO *]")


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("name asc", ["co-so-y-te", "gia-dat", "truong-hoc"]),
        ("name desc", ["truong-hoc", "gia-dat", "co-so-y-te"]),
        ("title_string asc", ["gia-dat", "co-so-y-te", "truong-hoc"]),
        ("metadata_modified desc", ["co-so-y-te", "gia-dat", "truong-hoc"]),
        ("metadata_created asc, name desc", ["truong-hoc", "gia-dat", "co-so-y-te"]),
    ],
)
def test_sort_keys(catalog, sort, expected):
    assert names(search(catalog, sort=sort)) == expected


def test_default_sort_is_echoed_and_id_sort_orders_by_id(catalog):
    result = search(catalog)
    assert result["sort"] == "score desc, metadata_modified desc"
    by_id = [item["id"] for item in search(catalog, sort="id asc")["results"]]
    assert by_id == sorted(by_id)


@pytest.mark.parametrize("sort", ["name up", "name", "nonsense desc"])
def test_bad_sort_is_a_search_query_error(catalog, sort):
    with pytest.raises(SearchQueryError):
        search(catalog, sort=sort)


def test_rows_and_start_page_through_every_match_once(catalog):
    seen = []
    for start in range(0, 6, 2):
        page = search(catalog, rows=2, start=start, sort="id asc")
        assert page["count"] == 3
        seen.extend(item["id"] for item in page["results"])
    assert len(seen) == len(set(seen)) == 3
    assert search(catalog, rows=0)["results"] == []
    assert search(catalog, rows="5000")["count"] == 3


def test_parameter_validation_uses_ckan_messages(catalog):
    with pytest.raises(ValidationFailed) as error:
        search(catalog, rows="abc", start=-1)
    assert error.value.errors == {
        "rows": ["Invalid integer"],
        "start": ["Must be a natural number"],
    }
    with pytest.raises(ValidationFailed) as error:
        search(catalog, **{"facet.field": "tags"})
    assert error.value.errors == {"facet.field": ["Could not parse as valid JSON"]}
    with pytest.raises(SearchQueryError):
        search(catalog, limit=5)


def test_facets_and_search_facets_shape(catalog):
    result = search(
        catalog,
        **{"facet.field": '["organization", "tags", "license_id", "res_format"]', "rows": 0},
    )
    assert result["facets"]["organization"] == {
        "so-giao-duc": 1,
        "so-nong-nghiep": 1,
        "so-y-te": 1,
    }
    assert result["facets"]["res_format"] == {"CSV": 2, "XLSX": 1}
    orgs = result["search_facets"]["organization"]
    assert orgs["title"] == "organization"
    assert [item["display_name"] for item in orgs["items"]] == [
        "Sở Y tế",
        "Sở Nông nghiệp và Môi trường",
        "Sở Giáo dục và Đào tạo",
    ]
    licenses = {
        i["name"]: i["display_name"] for i in result["search_facets"]["license_id"]["items"]
    }
    assert licenses == {
        "cc-by": "Creative Commons Attribution",
        "cc-zero": "Creative Commons CCZero",
    }


def test_facet_limit_and_mincount(catalog):
    result = search(catalog, **{"facet.field": ["license_id"], "facet.limit": 1})
    assert result["facets"]["license_id"] == {"cc-by": 2}
    result = search(catalog, **{"facet.field": ["license_id"], "facet.mincount": 2})
    assert result["facets"]["license_id"] == {"cc-by": 2}
    assert search(catalog, **{"facet.field": ["tags"], "facet": "false"})["facets"] == {}


def test_results_are_package_show_dicts(catalog):
    result = search(catalog, q="dat dai")
    shown = catalog.call("package_show", {"id": "gia-dat"})
    assert result["results"] == [shown]


def test_fl_returns_only_the_named_fields(catalog):
    result = search(catalog, fl="name", sort="name asc")
    assert result["results"] == [
        {"name": "co-so-y-te"},
        {"name": "gia-dat"},
        {"name": "truong-hoc"},
    ]


def test_long_free_text_queries_need_most_not_all_words_as_ckan_dismax(catalog):
    assert names(search(catalog, q="truong hoc pho thong nonexistentword")) == ["truong-hoc"]
    assert names(search(catalog, q="truong nonexistentword otherword")) == []
    assert names(search(catalog, q="truong nonexistentword")) == []

"""ckanext-dcat's catalog parameters and Hydra paging, and its Accept negotiation."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef

from catalog.errors import ValidationFailed
from catalog.services.feeds.paging import (
    CatalogQuery,
    add_paging,
    page_url,
    paging_info,
    parse_catalog_query,
    parse_modified_since,
    parse_page,
    parse_profile,
)
from catalog.services.feeds.serialize import negotiate
from catalog.services.feeds.vocab import HYDRA, RDF

BASE = "http://site/catalog.ttl"


@pytest.mark.parametrize("value", ["0", "-1", "x", "1.5", "99999999999"])
def test_a_bad_page_is_refused_with_ckanext_dcats_message(value: str) -> None:
    with pytest.raises(ValidationFailed) as caught:
        parse_page(value)
    assert caught.value.errors == {"page": ["Page param must be a positive integer starting in 1"]}


def test_page_defaults_to_one() -> None:
    assert parse_page(None) == parse_page("") == 1
    assert parse_page("7") == 7


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-03-01", "2025-03-01T00:00:00Z"),
        ("2025-03-01T10:59:02.123456", "2025-03-01T10:59:02.123456Z"),
        ("2025-03-01T17:00:00+07:00", "2025-03-01T10:00:00Z"),
        ("2025-03-01T10:00:00Z", "2025-03-01T10:00:00Z"),
    ],
)
def test_modified_since_is_iso_8601_in_utc(value: str, expected: str) -> None:
    assert parse_modified_since(value) == expected


def test_a_bad_date_is_refused() -> None:
    with pytest.raises(ValidationFailed) as caught:
        parse_modified_since("last tuesday")
    assert caught.value.errors["modified_since"] == [
        "Wrong modified date format. Use ISO-8601 format"
    ]


def test_profiles() -> None:
    assert parse_profile(None) == "euro_dcat_ap_3"
    assert parse_profile("euro_dcat_ap_2") == "euro_dcat_ap_2"
    with pytest.raises(ValidationFailed):
        parse_profile("euro_dcat_ap_2,schemaorg")


def test_the_search_of_a_page() -> None:
    query = parse_catalog_query(
        {"page": "3", "q": "giao duc", "fq": "organization:so-y-te", "modified_since": "2025-01-01"}
    )
    assert query.search_dict(100) == {
        "q": "giao duc",
        "rows": 100,
        "start": 200,
        "sort": "metadata_modified desc",
        "fq": "organization:so-y-te",
        "fq_list": ["metadata_modified:[2025-01-01T00:00:00Z TO NOW]"],
    }
    assert CatalogQuery().search_dict(10)["q"] == "*:*"


def test_page_links_keep_the_filters_only() -> None:
    params = {"q": "đất đai", "page": "2", "other": "x", "fq": 'tags:"a b"'}
    assert (
        page_url(BASE, params, 3)
        == f"{BASE}?q=%C4%91%E1%BA%A5t+%C4%91ai&fq=tags%3A%22a+b%22&page=3"
    )


def test_paging_as_ckanext_dcat() -> None:
    assert paging_info(0, 0, 1, 100, BASE, {}) is None
    first = paging_info(250, 100, 1, 100, BASE, {})
    assert (first.previous, first.next, first.last) == (None, f"{BASE}?page=2", f"{BASE}?page=3")
    middle = paging_info(250, 100, 2, 100, BASE, {})
    assert (middle.previous, middle.next) == (f"{BASE}?page=1", f"{BASE}?page=3")
    last = paging_info(250, 50, 3, 100, BASE, {})
    assert (last.previous, last.next) == (f"{BASE}?page=2", None)
    beyond = paging_info(250, 0, 9, 100, BASE, {})
    assert (beyond.previous, beyond.next) == (f"{BASE}?page=3", None)


def test_the_hydra_node_carries_current_and_deprecated_terms() -> None:
    graph = Graph()
    node = add_paging(graph, paging_info(250, 100, 2, 100, BASE, {}))
    assert node == URIRef(f"{BASE}?page=2")
    assert (node, RDF.type, HYDRA.PagedCollection) in graph
    for new, old, page in (("next", "nextPage", 3), ("previous", "previousPage", 1),
                           ("first", "firstPage", 1), ("last", "lastPage", 3)):  # fmt: skip
        assert graph.value(node, HYDRA[new]) == graph.value(node, HYDRA[old])
        assert graph.value(node, HYDRA[new]) == URIRef(f"{BASE}?page={page}")
    assert graph.value(node, HYDRA.totalItems) == Literal(250)
    assert graph.value(node, HYDRA.itemsPerPage) == Literal(100)


@pytest.mark.parametrize(
    ("accept", "suffix"),
    [
        ("text/turtle", "ttl"),
        ("application/rdf+xml", "rdf"),
        ("application/ld+json", "jsonld"),
        ("text/n3", "n3"),
        ("text/html,application/xhtml+xml,*/*;q=0.8", None),
        ("application/ld+json;q=0.5, text/turtle", "ttl"),
        ("text/html;q=0.5, application/rdf+xml;q=0.9", "rdf"),
        ("application/rdf+xml;q=0.5, text/html", None),
        ("*/*", None),
        ("", None),
        (None, None),
        ("text/turtle;q=0", None),
        ("application/*", "rdf"),
    ],
)
def test_accept_negotiation(accept: str | None, suffix: str | None) -> None:
    assert negotiate(accept) == suffix

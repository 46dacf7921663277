"""The feeds over HTTP (real uvicorn, the 94-dataset catalog, both backends): formats and
Content-Types, content negotiation, errors, and a harvest that walks the Hydra pages the way
ckanext-dcat's RDF harvester does (`RDFParser.next_page`)."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

import httpx
import pytest
from rdflib import Graph, Namespace

from catalog.services.runtime import Services

DCAT = Namespace("http://www.w3.org/ns/dcat#")
HYDRA = Namespace("http://www.w3.org/ns/hydra/core#")
RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
RDFLIB_FORMATS = {"ttl": "turtle", "rdf": "xml", "xml": "xml", "n3": "n3", "jsonld": "json-ld"}
TYPES = {
    "ttl": "text/turtle; charset=utf-8",
    "rdf": "application/rdf+xml",
    "xml": "application/rdf+xml",
    "n3": "text/n3; charset=utf-8",
    "jsonld": "application/ld+json",
}


def parsed(reply: httpx.Response, suffix: str) -> Graph:
    assert reply.status_code == 200, reply.text[:300]
    return Graph().parse(data=reply.content, format=RDFLIB_FORMATS[suffix])


def next_page(graph: Graph) -> str | None:
    """ckanext-dcat's rule: on a hydra:PartialCollectionView or hydra:PagedCollection,
    hydra:next, else the deprecated hydra:nextPage, as a string."""
    for kind in (HYDRA.PartialCollectionView, HYDRA.PagedCollection):
        for node in graph.subjects(RDF.type, kind):
            for predicate in (HYDRA.next, HYDRA.nextPage):
                for value in graph.objects(node, predicate):
                    return str(value)
    return None


def datasets(graph: Graph) -> set[str]:
    return {str(item) for item in graph.subjects(RDF.type, DCAT.Dataset)}


@pytest.mark.parametrize("suffix", sorted(TYPES))
def test_catalog_in_every_format(live_http: httpx.Client, suffix: str) -> None:
    reply = live_http.get(f"/catalog.{suffix}")
    assert reply.headers["content-type"] == TYPES[suffix]
    assert len(datasets(parsed(reply, suffix))) == 94


@pytest.mark.parametrize("suffix", sorted(TYPES))
def test_dataset_in_every_format(
    live_catalog: str,
    live_http: httpx.Client,
    live_packages: dict[str, dict[str, Any]],
    suffix: str,
) -> None:
    package = live_packages["bang-gia-dat"]
    for reference in (package["name"], package["id"]):
        reply = live_http.get(f"/dataset/{reference}.{suffix}")
        assert reply.headers["content-type"] == TYPES[suffix]
        assert datasets(parsed(reply, suffix)) == {f"{live_catalog}/dataset/{package['id']}"}


@pytest.mark.parametrize(
    ("accept", "suffix"),
    [("text/turtle", "ttl"), ("application/rdf+xml", "rdf"), ("application/ld+json", "jsonld"),
     ("application/ld+json;q=0.2, text/turtle;q=0.9", "ttl")],
)  # fmt: skip
def test_negotiation_on_the_dataset_url(live_http: httpx.Client, accept: str, suffix: str) -> None:
    reply = live_http.get("/dataset/bang-gia-dat", headers={"Accept": accept})
    assert reply.headers["content-type"] == TYPES[suffix]
    assert "accept" in reply.headers["vary"].lower()
    assert len(datasets(parsed(reply, suffix))) == 1


def test_a_browser_on_the_dataset_url_is_left_to_the_portal(live_http: httpx.Client) -> None:
    accept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    reply = live_http.get("/dataset/bang-gia-dat", headers={"Accept": accept})
    assert not reply.headers.get("content-type", "").startswith(("text/turtle", "application/rdf"))
    assert "accept" in reply.headers["vary"].lower()


@pytest.mark.parametrize(
    ("path", "accept", "suffix"),
    [("/catalog", None, "ttl"), ("/catalog", "*/*", "ttl"),
     ("/catalog", "application/ld+json", "jsonld"), ("/catalog", "text/html", "ttl"),
     ("/", "application/rdf+xml", "rdf"), ("/", "text/turtle", "ttl")],
)  # fmt: skip
def test_negotiation_on_the_catalog(
    live_http: httpx.Client, path: str, accept: str | None, suffix: str
) -> None:
    reply = live_http.get(path, headers={"Accept": accept} if accept else {})
    assert reply.headers["content-type"] == TYPES[suffix]
    assert len(datasets(parsed(reply, suffix))) == 94


@pytest.mark.parametrize(
    ("query", "message"),
    [("page=0", "Page param must be a positive integer starting in 1"),
     ("page=abc", "Page param must be a positive integer starting in 1"),
     ("modified_since=yesterday", "Wrong modified date format. Use ISO-8601 format"),
     ("profiles=nope", "Unknown RDF profiles: nope"),
     ("fq=organization:(", "")],
)  # fmt: skip
def test_bad_parameters_are_409(live_http: httpx.Client, query: str, message: str) -> None:
    reply = live_http.get(f"/catalog.ttl?{query}")
    assert reply.status_code == 409
    assert message in reply.text


def test_unknown_dataset_is_404(live_http: httpx.Client) -> None:
    assert live_http.get("/dataset/khong-ton-tai.ttl").status_code == 404
    assert (
        live_http.get("/dataset/khong-ton-tai", headers={"Accept": "text/turtle"}).status_code
        == 404
    )


def test_filters(live_http: httpx.Client, live_packages: dict[str, dict[str, Any]]) -> None:
    health = {p["id"] for p in live_packages.values() if p["organization"]["name"] == "so-y-te"}
    graph = parsed(live_http.get("/catalog.ttl", params={"fq": "organization:so-y-te"}), "ttl")
    assert {uri.rsplit("/", 1)[-1] for uri in datasets(graph)} == health
    assert datasets(parsed(live_http.get("/catalog.ttl?modified_since=2999-01-01"), "ttl")) == set()
    everything = parsed(live_http.get("/catalog.ttl?modified_since=2000-01-01T00:00:00Z"), "ttl")
    assert len(datasets(everything)) == 94
    found = parsed(live_http.get("/catalog.ttl", params={"q": "giao duc"}), "ttl")
    assert 0 < len(datasets(found)) < 94


@pytest.mark.parametrize("suffix", ["rdf", "ttl"])
def test_a_harvester_walks_every_page(
    live_catalog: str, live_http: httpx.Client, loaded_services: Services, suffix: str
) -> None:
    original = loaded_services.settings
    loaded_services.settings = replace(original, feeds_per_page=25)
    try:
        url: str | None = f"{live_catalog}/catalog.{suffix}"
        seen: list[str] = []
        pages = 0
        while url:
            graph = parsed(live_http.get(url), suffix)
            [node] = list(graph.subjects(RDF.type, HYDRA.PagedCollection))
            assert int(graph.value(node, HYDRA.totalItems)) == 94
            assert int(graph.value(node, HYDRA.itemsPerPage)) == 25
            seen.extend(datasets(graph))
            pages += 1
            url = next_page(graph)
            assert pages <= 4
    finally:
        loaded_services.settings = original
    assert pages == 4
    assert len(seen) == len(set(seen)) == 94


def test_data_json(live_catalog: str, live_http: httpx.Client) -> None:
    reply = live_http.get("/data.json")
    assert reply.headers["content-type"] == "application/json"
    document = json.loads(reply.content)
    assert document["conformsTo"] == "https://project-open-data.cio.gov/v1.1/schema"
    assert len(document["dataset"]) == 94
    assert document["@id"] == f"{live_catalog}/data.json"

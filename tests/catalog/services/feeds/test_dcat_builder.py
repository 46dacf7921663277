"""The graph builder on hand-made package dicts: the edge cases the loaded catalog lacks."""

from __future__ import annotations

from rdflib import Literal, URIRef

from catalog.services.feeds import vocab as v
from catalog.services.feeds.dcat import DcatBuilder
from catalog.services.feeds.graph import FeedSite
from tests.support.standards import shacl_report

SITE = "http://site"


def package(**fields: object) -> dict:
    base = {
        "id": "p1", "name": "ten", "title": "Tên", "notes": "Mô tả",
        "metadata_created": "2025-01-02T03:04:05.123456",
        "metadata_modified": "2025-02-03T04:05:06",
        "organization": {"id": "o1", "name": "so-a", "title": "Sở A"},
        "license_id": "other-open", "tags": [], "groups": [], "extras": [],
        "resources": [{"id": "r1", "name": "Bảng", "url": "http://elsewhere.example/a.json",
                       "url_type": None, "format": "JSON", "size": None, "hash": ""}],
    }  # fmt: skip
    base.update(fields)
    return base


def build(item: dict) -> DcatBuilder:
    site = FeedSite(
        site_url=SITE, title="T", description="D",
        licenses={"other-open": {"id": "other-open", "title": "Other (Open)", "url": ""}},
    )  # fmt: skip
    builder = DcatBuilder(site)
    builder.add_catalog([builder.add_dataset(item)], issued="2025-01-01T00:00:00")
    return builder


def test_a_linked_resource_and_a_licence_without_url() -> None:
    g = build(package()).g
    dist = URIRef(f"{SITE}/dataset/p1/resource/r1")
    assert g.value(dist, v.DCAT.accessURL) == URIRef("http://elsewhere.example/a.json")
    assert g.value(dist, v.DCAT.downloadURL) is None
    licence = g.value(dist, v.DCT.license)
    assert licence == URIRef(f"{SITE}/licenses#other-open")
    assert g.value(licence, v.DCT.title) == Literal("Other (Open)")
    assert (licence, v.RDF.type, v.DCT.LicenseDocument) in g
    assert g.value(dist, v.DCAT.mediaType) == URIRef(
        "http://www.iana.org/assignments/media-types/application/json"
    )
    report = shacl_report(g, "3.0.1")
    assert not report.violations, report.violations


def test_coverage_bounds_keep_their_precision() -> None:
    extras = [
        {"key": "temporal_start", "value": "2020"},
        {"key": "temporal_end", "value": "2021-06"},
        {"key": "frequency", "value": "seasonal"},
    ]
    g = build(package(extras=extras)).g
    period = g.value(URIRef(f"{SITE}/dataset/p1"), v.DCT.temporal)
    assert g.value(period, v.DCAT.startDate) == Literal("2020", datatype=v.XSD.gYear)
    assert g.value(period, v.DCAT.endDate) == Literal("2021-06", datatype=v.XSD.gYearMonth)
    assert g.value(URIRef(f"{SITE}/dataset/p1"), v.DCT.accrualPeriodicity) == URIRef(
        "http://publications.europa.eu/resource/authority/frequency/IRREG"
    )


def test_a_datastore_table_is_one_distribution_not_two() -> None:
    """As on CKAN with ckanext-dcat: one distribution per resource, so harvesters (which
    make a resource of every distribution) do not get the DataStore dump as a duplicate."""
    resource = {
        "id": "r2", "name": "Bảng", "url": f"{SITE}/dataset/p1/resource/r2/download/a.csv",
        "url_type": "upload", "format": "CSV", "size": 10, "datastore_active": True,
    }  # fmt: skip
    g = build(package(resources=[resource])).g
    dists = set(g.objects(URIRef(f"{SITE}/dataset/p1"), v.DCAT.distribution))
    assert dists == {URIRef(f"{SITE}/dataset/p1/resource/r2")}
    assert not shacl_report(g, "3.0.1").violations

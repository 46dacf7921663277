"""The DCAT-AP feed of the whole loaded catalog (94 datasets) and of single datasets
conforms to DCAT-AP 3.0.1 and (profile euro_dcat_ap_2) 2.1.1, both backends.

Warnings are decided explicitly: the only recommended properties the feed leaves out are a
location's `dcat:bbox` / `dcat:centroid` (the catalog stores no verified geometry); any other
warning fails the test.
"""

from __future__ import annotations

import time

import pytest
from rdflib import Graph

from catalog.actions.feeds import catalog_page, dataset_graph
from catalog.actions.registry import ActionContext
from catalog.services.feeds.serialize import serialize
from tests.support.standards import shacl_report

ACCEPTED_WARNINGS = {"http://www.w3.org/ns/dcat#bbox", "http://www.w3.org/ns/dcat#centroid"}
PROFILE_VERSIONS = [("euro_dcat_ap_3", "3.0.1"), ("euro_dcat_ap_2", "2.1.1")]


def reparsed(graph: Graph) -> Graph:
    """What a harvester gets: the Turtle the site serves, parsed again."""
    return Graph().parse(data=serialize(graph, "ttl"), format="turtle")


@pytest.mark.parametrize(("profile", "version"), PROFILE_VERSIONS)
def test_whole_catalog_conforms(anonymous: ActionContext, profile: str, version: str) -> None:
    page = catalog_page(anonymous, {"profiles": profile}, "http://testserver/catalog.ttl")
    assert page.count == page.returned == 94
    graph = reparsed(page.graph)
    started = time.perf_counter()
    report = shacl_report(graph, version)
    elapsed = time.perf_counter() - started
    assert not report.violations, report.violations.most_common(5)
    assert report.warning_paths() <= ACCEPTED_WARNINGS, report.warnings.most_common(5)
    assert elapsed < 10, f"SHACL took {elapsed:.1f} s for 94 datasets"


@pytest.mark.parametrize(("profile", "version"), PROFILE_VERSIONS)
@pytest.mark.parametrize("name", ["bang-gia-dat", "thu-tuc-hanh-chinh"])
def test_single_dataset_conforms(
    anonymous: ActionContext, name: str, profile: str, version: str
) -> None:
    report = shacl_report(reparsed(dataset_graph(anonymous, name, profile)), version)
    assert not report.violations, report.violations.most_common(5)
    assert report.warning_paths() <= ACCEPTED_WARNINGS


def test_versions_differ_where_the_standards_do(anonymous: ActionContext) -> None:
    """The validation has teeth: a DCAT-AP 3 graph breaks 2.1.1 (byteSize is xsd:decimal
    there, checksums must be SHA-1) and the other way round."""
    v3 = reparsed(dataset_graph(anonymous, "bang-gia-dat", "euro_dcat_ap_3"))
    v2 = reparsed(dataset_graph(anonymous, "bang-gia-dat", "euro_dcat_ap_2"))
    broken = {path for path, _ in shacl_report(v3, "2.1.1").violations}
    assert "http://www.w3.org/ns/dcat#byteSize" in broken
    assert "http://spdx.org/rdf/terms#algorithm" in broken
    broken = {path for path, _ in shacl_report(v2, "3.0.1").violations}
    assert broken == {"http://www.w3.org/ns/dcat#byteSize"}


def test_a_missing_mandatory_property_is_caught(anonymous: ActionContext) -> None:
    graph = reparsed(dataset_graph(anonymous, "bang-gia-dat"))
    from catalog.services.feeds.vocab import DCAT

    graph.remove((None, DCAT.accessURL, None))
    paths = {path for path, _ in shacl_report(graph, "3.0.1").violations}
    assert "http://www.w3.org/ns/dcat#accessURL" in paths

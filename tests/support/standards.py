"""The vendored metadata standards (/work/shared/standards, or $OPENDATA_STANDARDS_DIR):
DCAT-AP SHACL shapes and the DCAT-US data.json JSON Schema, loaded once per session.

DCAT-AP: the shape files of one release merged into one graph (pyshacl keeps one shapes
graph), without the controlled-vocabulary shapes, which need the EU vocabularies (not
available offline). Warnings (recommended properties) are reported separately so each test
decides about them explicitly.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph
from rdflib.namespace import SH

ROOT = Path(__file__).resolve().parents[2]


def standards_dir() -> Path:
    configured = os.environ.get("OPENDATA_STANDARDS_DIR")
    candidates = [Path(configured)] if configured else []
    candidates += [ROOT.parent / "shared" / "standards", Path("/work/shared/standards")]
    for candidate in candidates:
        if (candidate / "dcat-ap").is_dir():
            return candidate
    pytest.skip("the vendored standards (shared/standards) are not available")


SHAPE_FILES = {
    "3.0.1": [
        f"3.0.1/html-shacl/{name}.ttl"
        for name in ("shapes", "range", "shapes_recommended", "deprecateduris")
    ],
    "2.1.1": [
        f"2.1.1/dcat-ap_2.1.1_shacl_{name}.ttl"
        for name in ("shapes", "range", "shapes_recommended", "deprecateduris")
    ],
}


@cache
def dcat_ap_shapes(version: str) -> Graph:
    graph = Graph()
    for name in SHAPE_FILES[version]:
        graph.parse(standards_dir() / "dcat-ap" / name)
    return graph


@dataclass
class ShaclReport:
    violations: Counter
    warnings: Counter

    def warning_paths(self) -> set[str]:
        return {path for path, _ in self.warnings}


def shacl_report(data: Graph, version: str) -> ShaclReport:
    from pyshacl import validate

    _, results, _ = validate(
        data, shacl_graph=dcat_ap_shapes(version), inference="none", allow_warnings=True
    )
    found: dict[str, Counter] = {"Violation": Counter(), "Warning": Counter(), "Info": Counter()}
    for result in results.subjects(SH.resultSeverity, None):
        severity = str(results.value(result, SH.resultSeverity)).rsplit("#", 1)[-1]
        path = str(results.value(result, SH.resultPath))
        message = str(results.value(result, SH.resultMessage))[:200]
        found[severity][(path, message)] += 1
    return ShaclReport(violations=found["Violation"], warnings=found["Warning"])


@cache
def data_json_validator() -> Any:
    """A draft-04 validator for DCAT-US 1.1 (non-federal), $refs resolved offline, URI
    formats checked (rfc3986-validator)."""
    import jsonschema
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT4

    folder = standards_dir() / "dcat-us" / "v1.1-non-federal"
    catalog = json.loads((folder / "catalog.json").read_text())
    dataset = json.loads((folder / "dataset-non-federal.json").read_text())
    registry = Registry().with_resources(
        (schema["id"].rstrip("#"), Resource.from_contents(schema, default_specification=DRAFT4))
        for schema in (catalog, dataset)
    )
    checker = jsonschema.Draft4Validator.FORMAT_CHECKER
    assert "uri" in checker.checkers, "install rfc3986-validator: URI formats are not checked"
    return jsonschema.Draft4Validator(catalog, registry=registry, format_checker=checker)

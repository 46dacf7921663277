"""The Data Package builder: a package dict in, a Frictionless descriptor out."""

from __future__ import annotations

import json
from typing import Any

import frictionless
import pytest

from catalog.services.datapackage_export import build_datapackage, slug, table_schema

SITE = "https://opendata.bacgiang.gov.vn"
HEX = "9a59a5610065579f0b39f9b37c2dcb47c2ce4cfe0c0e43cc0025fcc11e6b39fb"
MD5 = "d41d8cd98f00b204e9800998ecf8427e"
SCHEMA = {"fields": [{"name": "ma_xa", "type": "string"}, {"name": "dan_so", "type": "integer"}]}


def _package(**overrides: Any) -> dict[str, Any]:
    package = {
        "id": "cef21b05-996f-5bbe-a95b-b90363196d2b",
        "name": "dan-so-xa",
        "title": "Dân số các xã",
        "notes": "Dân số theo xã, phường.",
        "version": "1.0",
        "url": "https://thongke.bacgiang.gov.vn/dan-so",
        "metadata_created": "2025-03-01T08:00:00.123456",
        "license_id": "cc-by",
        "license_title": "Creative Commons Attribution",
        "license_url": "http://www.opendefinition.org/licenses/cc-by",
        "author": "Cục Thống kê",
        "author_email": None,
        "maintainer": "Phòng Dân số",
        "maintainer_email": "danso@bacninh.gov.vn",
        "organization": {"name": "cuc-thong-ke", "title": "Cục Thống kê tỉnh"},
        "tags": [{"name": "dân số"}, {"name": "xã"}],
        "resources": [
            {
                "id": "r1",
                "name": "Dân số năm 2024 (trích)",
                "description": "CSV",
                "url": f"{SITE}/dataset/x/resource/r1/download/dan-so.csv",
                "url_type": "upload",
                "format": "CSV",
                "mimetype": "text/csv",
                "size": 1234,
                "hash": HEX,
                "encoding": "UTF-8",
                "schema": json.dumps(SCHEMA),
            }
        ],
    }
    package.update(overrides)
    return package


def test_package_fields() -> None:
    descriptor = build_datapackage(_package(), SITE + "/")
    assert descriptor["name"] == "dan-so-xa"
    assert descriptor["id"] == "cef21b05-996f-5bbe-a95b-b90363196d2b"
    assert descriptor["title"] == "Dân số các xã"
    assert descriptor["description"] == "Dân số theo xã, phường."
    assert descriptor["homepage"] == f"{SITE}/dataset/dan-so-xa"
    assert descriptor["version"] == "1.0"
    assert descriptor["created"] == "2025-03-01T08:00:00.123456Z"
    assert descriptor["keywords"] == ["dân số", "xã"]
    assert descriptor["licenses"] == [
        {
            "name": "cc-by",
            "path": "http://www.opendefinition.org/licenses/cc-by",
            "title": "Creative Commons Attribution",
        }
    ]
    assert descriptor["contributors"] == [
        {"title": "Cục Thống kê", "role": "author"},
        {"title": "Phòng Dân số", "role": "maintainer", "email": "danso@bacninh.gov.vn"},
        {
            "title": "Cục Thống kê tỉnh",
            "path": f"{SITE}/organization/cuc-thong-ke",
            "role": "publisher",
        },
    ]
    assert descriptor["sources"] == [
        {
            "title": "https://thongke.bacgiang.gov.vn/dan-so",
            "path": "https://thongke.bacgiang.gov.vn/dan-so",
        }
    ]


def test_resource_fields() -> None:
    (resource,) = build_datapackage(_package(), SITE)["resources"]
    assert resource == {
        "name": "dan-so-nam-2024-trich",
        "path": f"{SITE}/dataset/x/resource/r1/download/dan-so.csv",
        "title": "Dân số năm 2024 (trích)",
        "description": "CSV",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "bytes": 1234,
        "hash": f"sha256:{HEX}",
        "profile": "tabular-data-resource",
        "schema": SCHEMA,
    }


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (SCHEMA, SCHEMA),
        (json.dumps(SCHEMA), SCHEMA),
        ("https://example.org/schema.json", "https://example.org/schema.json"),
        ("", None),
        (None, None),
        ("{not json", None),
        ("[1, 2]", None),
        ({}, None),
    ],
)
def test_table_schema_forms(value: Any, expected: Any) -> None:
    assert table_schema(value) == expected


def test_missing_and_odd_values_are_left_out() -> None:
    package = _package(
        title=None, notes="", version=None, url=None, license_id="notspecified", tags=[],
        author=None, maintainer=None, maintainer_email=None, organization=None,
        resources=[
            {"id": "a", "name": "Bảng", "url": "http://x.org/a.csv", "hash": MD5, "size": None,
             "format": "", "schema": ""},
            {"id": "b", "name": "Bảng", "url": "http://x.org/b.xlsx", "format": "XLSX"},
            {"id": "c", "name": "không có URL", "url": ""},
            {"id": "d", "name": "", "url": "http://x.org/Số liệu.pdf", "format": "PDF",
             "schema": SCHEMA},
        ],
    )  # fmt: skip
    descriptor = build_datapackage(package, SITE)
    for key in ("title", "description", "version", "sources", "licenses", "keywords",
                "contributors"):  # fmt: skip
        assert key not in descriptor
    a, b, d = descriptor["resources"]
    assert a == {
        "name": "bang",
        "path": "http://x.org/a.csv",
        "title": "Bảng",
        "mediatype": "text/csv",
    }
    assert b["name"] == "bang-2" and b["format"] == "xlsx"
    assert b["mediatype"].endswith("spreadsheetml.sheet")
    assert d["name"] == "so-lieu" and d["schema"] == SCHEMA and "profile" not in d


def test_hash_with_prefix_and_contributor_without_name() -> None:
    package = _package(author=None, author_email="lienhe@bacninh.gov.vn")
    package["resources"][0]["hash"] = f"sha256:{HEX.upper()}"
    descriptor = build_datapackage(package, SITE)
    assert descriptor["resources"][0]["hash"] == f"sha256:{HEX}"
    assert descriptor["contributors"][0] == {
        "title": "lienhe@bacninh.gov.vn", "role": "author", "email": "lienhe@bacninh.gov.vn",
    }  # fmt: skip


def test_slug() -> None:
    assert slug("Đơn vị hành chính cấp xã (2025)") == "don-vi-hanh-chinh-cap-xa-2025"
    assert slug("  ...  ") == ""


def test_descriptor_is_valid_metadata() -> None:
    report = frictionless.Package.validate_descriptor(build_datapackage(_package(), SITE))
    assert report.valid, report.flatten(["type", "note"])

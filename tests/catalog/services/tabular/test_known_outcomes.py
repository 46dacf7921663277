"""Frictionless' own test files (../shared/frictionless-testdata) give their known outcomes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.catalog.services.tabular.conftest import errors_of

BLANK_ROWS = [("blank-row", row, None) for row in range(4, 15)]
KNOWN = {
    "ascii-notvalid.csv": ("success", []),
    "blank-headers.csv": ("failure", [("blank-label", 1, "field2")]),
    "blank-rows-multiple.csv": ("failure", BLANK_ROWS),
    "bom.csv": ("success", []),
    "capital-invalid.csv": (
        "failure",
        [
            ("duplicate-label", 1, "name2"),
            ("missing-cell", 10, "name2"),
            ("blank-row", 11, None),
            ("type-error", 12, "id"),
            ("extra-cell", 12, None),
        ],
    ),
    "countries.csv": (
        "failure",
        [
            ("extra-cell", 4, None),
            ("missing-cell", 7, "neighbor_id"),
            ("missing-cell", 7, "name"),
            ("missing-cell", 7, "population"),
        ],
    ),
    "defective-rows.csv": ("failure", [("missing-cell", 2, "age"), ("extra-cell", 3, None)]),
    "duplicate-headers.csv": (
        "failure",
        [("duplicate-label", 1, "id2"), ("duplicate-label", 1, "id3")],
    ),
    "duplicate-rows.csv": ("success", []),
    "empty.csv": ("error", [("source-error", None, None)]),
    "invalid.csv": (
        "failure",
        [
            ("blank-label", 1, "field3"),
            ("duplicate-label", 1, "name2"),
            ("missing-cell", 2, "field3"),
            ("missing-cell", 2, "name2"),
            ("missing-cell", 3, "field3"),
            ("missing-cell", 3, "name2"),
            ("blank-row", 4, None),
            ("extra-cell", 5, None),
        ],
    ),
    "issue-1009-semicolon.csv": ("success", []),
    "issue-1066-smallcellsizewithdeviation.csv": ("success", []),
    "latin1.csv": ("success", []),
    "nested-invalid.csv": ("success", []),
    "schema-errors.csv": ("failure", [("extra-cell", 5, None)] * 3),
    "structure-errors.csv": ("failure", [("blank-row", 4, None)] + [("extra-cell", 5, None)] * 3),
    "table-infer-iso-8859-7.csv": ("success", []),
    "table-limits.csv": ("success", []),
    "table.csv": ("success", []),
    "unique-field.csv": ("success", []),
    "without-rows.csv": ("success", []),
    "table.json": ("success", []),
    "table.xlsx": ("success", []),
    "issue-312.xlsx": (
        "failure",
        [
            ("blank-label", 1, "field3"),
            ("duplicate-label", 1, "name2"),
            ("blank-label", 1, "field5"),
            ("blank-row", 5, None),
        ],
    ),
    "invalid/data.csv": ("failure", [("blank-row", 3, None)]),
}


@pytest.mark.parametrize("name", sorted(KNOWN))
def test_known_outcome(name: str, testdata: Path, validate) -> None:
    status, errors = KNOWN[name]
    outcome = validate(testdata / name)
    assert outcome.status == status, outcome.report
    assert errors_of(outcome) == errors
    assert outcome.report["valid"] is (status == "success")
    json.dumps(outcome.report)  # storable


def test_text_is_read_right(testdata: Path, validate) -> None:
    chinese = validate(testdata / "table.csv")
    assert chinese.normalized_path is None  # clean UTF-8: read as it is
    chinese = validate(testdata / "table.csv", want_normalized=True)
    assert "2,中国人\n" in chinese.normalized_path.read_text(encoding="utf-8")
    bom = validate(testdata / "bom.csv")
    assert bom.encoding == "utf-8-sig"
    assert bom.report["labels"] == ["id", "name"]
    greek = validate(testdata / "table-infer-iso-8859-7.csv")
    assert "Λεωνιδας" in greek.normalized_path.read_text(encoding="utf-8")
    latin = validate(testdata / "latin1.csv")
    assert latin.encoding in ("cp1252", "iso8859-1")
    assert "2,©\n" in latin.normalized_path.read_text(encoding="utf-8")


def test_semicolon_file_keeps_its_code(testdata: Path, validate) -> None:
    outcome = validate(testdata / "issue-1009-semicolon.csv")
    assert outcome.dialect == {"delimiter": ";", "quoteChar": '"'}
    assert outcome.schema["fields"][0] == {"name": "fieldNameA", "type": "string"}  # "0123"


@pytest.mark.parametrize(
    ("data", "schema", "expected"),
    [
        (
            "nested-invalid.csv",
            "nested-invalid.schema.json",
            [("foreign-key", 6, "cat")],
        ),
        (
            "unique-field.csv",
            "unique-field.json",
            [("unique-error", 10, "id"), ("primary-key", 10, "id")],
        ),
        ("table.csv", "schema-valid.json", [("missing-label", 1, "age")]),
    ],
)
def test_known_outcome_with_schema(data, schema, expected, testdata: Path, validate) -> None:
    outcome = validate(testdata / data, schema=(testdata / schema).read_text())
    assert outcome.status == "failure"
    assert errors_of(outcome) == expected
    assert outcome.report["schemaSource"] == "given"
    assert all(error.get("cell") is not None for error in outcome.report["errors"][:1]) or (
        expected[0][0] == "missing-label"
    )


def test_invalid_schema_file_is_an_error(testdata: Path, validate) -> None:
    outcome = validate(
        testdata / "table.csv", schema=(testdata / "schema-invalid.json").read_text()
    )
    assert outcome.status == "error"
    assert outcome.normalized_path is None
    [error] = outcome.report["errors"]
    assert error["type"] == "schema-error"
    assert '"required" should be set as "constraints.required"' in error["message"]

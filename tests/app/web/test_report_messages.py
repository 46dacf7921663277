"""Validation errors in plain language: every error type a stored report can hold has a title
and an explanation in Vietnamese and English, with the row, column and value filled in; what
is unknown or lacks its facts keeps Frictionless' message."""

from __future__ import annotations

from pathlib import Path

import pytest
from frictionless import errors as frictionless_errors

from app.web.i18n import translations_for
from app.web.report_messages import CONSTRAINTS, EXPLANATIONS, TITLES, explain, explanation, title
from catalog.services.tabular.report import FATAL_TYPES
from catalog.services.tabular.validate import validate_file

VI = translations_for("vi")
EN = translations_for("en")
# Frictionless' error types its default checks (and a schema) can put in a report, the types
# of its opt-in checks, and the ones catalog/services/tabular adds.
FRICTIONLESS_TYPES = {
    "blank-label", "duplicate-label", "missing-label", "extra-label", "incorrect-label",
    "blank-header", "unmatched-header", "blank-row", "duplicate-row", "missing-cell",
    "extra-cell", "type-error", "constraint-error", "unique-error", "primary-key",
    "foreign-key", "encoding-error", "source-error", "scheme-error", "format-error",
    "compression-error", "byte-count", "hash-count", "field-count", "row-count",
    "schema-error", "field-error", "dialect-error", "control-error", "row-constraint",
    "truncated-value", "forbidden-value", "sequential-value", "ascii-value", "deviated-value",
    "deviated-cell", "required-value", "table-dimensions", "resource-error", "package-error",
    "check-error", "checklist-error",
}  # fmt: skip
OUR_TYPES = {"undecodable-byte", "extra-key", "row-shape", "json-error", "not-a-table",
             "validation-error"}  # fmt: skip


def test_every_storable_error_type_has_a_vietnamese_title() -> None:
    known = {
        cls.type
        for cls in vars(frictionless_errors).values()
        if isinstance(cls, type) and isinstance(getattr(cls, "type", None), str)
    }
    assert FRICTIONLESS_TYPES <= known  # the names are Frictionless' own
    for kind in FRICTIONLESS_TYPES | OUR_TYPES | FATAL_TYPES:
        assert kind in TITLES, kind
        assert title({"type": kind}, VI) != title({"type": kind}, EN), kind


def test_every_explanation_and_rule_is_translated() -> None:
    templates = [t for options in EXPLANATIONS.values() for t, _ in options]
    for template in [*templates, *CONSTRAINTS.values()]:
        assert VI.gettext(template) != template, template
        assert EN.gettext(template) == template


def test_a_missing_cell_in_vietnamese_and_english() -> None:
    message = 'Row at position "2" has a missing cell in field "field3" at position "3"'
    error = {"type": "missing-cell", "title": "Missing Cell", "rowNumber": 2,
             "fieldName": "field3", "fieldNumber": 3, "cell": "", "message": message}  # fmt: skip
    assert title(error, VI) == "Thiếu ô"
    assert explain(error, VI).startswith("Thiếu ô ở dòng 2, cột “field3”: dòng này có ít ô hơn")
    assert explain(error, EN).startswith("Missing cell in row 2, column “field3”")


@pytest.mark.parametrize(
    ("note", "cell", "expected_title", "expected"),
    [
        ('constraint "required" is "True"', "", "Thiếu giá trị bắt buộc",
         "Dòng 7 thiếu giá trị ở cột bắt buộc “tuoi”."),
        ('constraint "minimum" is "0"', "-5", "Giá trị vi phạm ràng buộc",
         "Giá trị “-5” ở dòng 7, cột “tuoi” nhỏ hơn mức tối thiểu 0."),
        ("constraint \"enum\" is \"['a', 'b']\"", "c", "Giá trị vi phạm ràng buộc",
         "Giá trị “c” ở dòng 7, cột “tuoi” không thuộc các giá trị cho phép: “a”, “b”."),
        ('constraint "jsonSchema" is "{}"', "x", "Giá trị vi phạm ràng buộc",
         "Giá trị “x” ở dòng 7, cột “tuoi” vi phạm quy tắc “jsonSchema” ({})"),
    ],
)  # fmt: skip
def test_constraint_errors_name_the_rule(note, cell, expected_title, expected) -> None:
    error = {"type": "constraint-error", "rowNumber": 7, "fieldName": "tuoi", "fieldNumber": 2,
             "cell": cell, "note": note, "message": "The cell ..."}  # fmt: skip
    assert title(error, VI) == expected_title
    assert explain(error, VI).startswith(expected)


def test_type_errors_say_what_the_column_expects() -> None:
    error = {"type": "type-error", "rowNumber": 4, "fieldName": "ngay", "fieldNumber": 1,
             "cell": "31/02", "note": 'type is "date/default"'}  # fmt: skip
    assert "không phải là ngày (YYYY-MM-DD)" in explain(error, VI)
    error["note"] = 'type is "date/%d/%m/%Y"'
    assert "is not a date (%d/%m/%Y)." in explain(error, EN)  # a % in a value is only a value
    error["note"] = 'type is "integer/default"'
    assert "không phải là số nguyên" in explain(error, VI)


def test_unknown_types_and_missing_facts_keep_frictionless_message() -> None:
    unknown = {"type": "brand-new-error", "title": "Brand New", "message": "Something else"}
    assert title(unknown, VI) == "Brand New" and explain(unknown, VI) == "Something else"
    assert explanation(unknown, VI) is None
    rowless = {"type": "missing-cell", "fieldName": "a", "message": "Missing cell somewhere"}
    assert explain(rowless, VI) == "Missing cell somewhere"
    assert title(rowless, VI) == "Thiếu ô"


def test_undecodable_bytes_show_the_bytes_and_the_encoding() -> None:
    error = {"type": "undecodable-byte", "rowNumber": 3, "lineNumber": 3, "byteOffset": 40,
             "bytes": "818d", "message": "Byte 0x81 0x8D ..."}  # fmt: skip
    text = explain(error, VI, encoding="windows-1258")
    assert text.startswith("Dòng 3 có byte (0x81 0x8D) không hợp lệ trong bảng mã windows-1258")


def test_long_values_are_shortened() -> None:
    error = {"type": "type-error", "rowNumber": 2, "fieldName": "a", "cell": "x" * 500,
             "note": 'type is "number/default"'}  # fmt: skip
    assert "“" + "x" * 79 + "…”" in explain(error, VI)


def test_a_real_report_is_explained_in_full(tmp_path: Path) -> None:
    """Every error Frictionless finds in a broken table gets our explanation."""
    path = tmp_path / "hong.csv"
    path.write_text(
        "id,ten,so,,ten\n1,An,10,x,y\n2,Bình\n,,,,\n3,Chi,abc,z,w,thua\n3,Dũng,-5,q,r\n"
    )
    schema = {
        "fields": [
            {"name": "id", "type": "integer", "constraints": {"unique": True}},
            {"name": "ten", "type": "string"},
            {"name": "so", "type": "integer", "constraints": {"minimum": 0}},
            {"name": "field4", "type": "string"},
            {"name": "ten2", "type": "string"},
        ],
        "primaryKey": ["id"],
    }
    report = validate_file(path, format="csv", schema=schema).report
    kinds = {error["type"] for error in report["errors"]}
    assert {"blank-label", "duplicate-label", "missing-cell", "blank-row", "primary-key",
            "type-error", "extra-cell", "constraint-error", "unique-error"} <= kinds  # fmt: skip
    for error in report["errors"]:
        assert explanation(error, VI) is not None, error

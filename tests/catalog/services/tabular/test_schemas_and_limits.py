"""Given schemas: their errors in the report with row, field and value; malformed schemas;
the error and row limits (`partial`); formats and statuses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from catalog.services.tabular import is_tabular, parse_schema, status_of, summary
from catalog.services.tabular.validate import SchemaProblem
from tests.catalog.services.tabular.conftest import errors_of


@pytest.fixture
def household_schema(files: Path) -> dict:
    return json.loads((files / "household.schema.json").read_text())


def test_schema_errors_name_row_field_and_value(files: Path, validate, household_schema) -> None:
    outcome = validate(files / "household_errors.csv", format="CSV", schema=household_schema)
    assert outcome.status == "failure"
    assert outcome.schema == household_schema
    assert outcome.report["schemaSource"] == "given"
    found = [
        (error["type"], error["rowNumber"], error["fieldName"], error["cell"])
        for error in outcome.report["errors"]
    ]
    assert found == [
        ("type-error", 3, "so_nguoi", "bốn"),
        ("constraint-error", 4, "so_nguoi", "0"),
        ("primary-key", 5, "ma_ho", "HB001"),
        ("type-error", 6, "ngay_dang_ky", "2024-13-01"),
    ]
    assert 'constraint "minimum" is "1"' in outcome.report["errors"][1]["message"]
    assert outcome.report["errorCounts"] == {
        "constraint-error": 1,
        "primary-key": 1,
        "type-error": 2,
    }
    assert outcome.report["stats"]["errors"] == 4 and outcome.report["partial"] is False
    text = summary(outcome.report)
    assert text.startswith("4 error(s) in 5 row(s): [row 3, field so_nguoi] Type error")


def test_schema_as_json_string(files: Path, validate, household_schema) -> None:
    outcome = validate(files / "household_errors.csv", schema=json.dumps(household_schema))
    assert outcome.status == "failure" and outcome.schema == household_schema


def test_missing_column(files: Path, validate, household_schema) -> None:
    outcome = validate(files / "household_missing_column.csv", schema=household_schema)
    assert outcome.status == "failure"
    assert errors_of(outcome) == [("missing-label", 1, "ngay_dang_ky")]


@pytest.mark.parametrize(
    ("schema", "says"),
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "a Table Schema is a JSON object"),
        ({"fields": "x"}, "'x' is not of type 'array'"),
        ({"fields": [{"name": "a", "type": "integr"}]}, 'field type "integr" is not supported'),
        ({"fields": [{"name": "a"}], "primaryKey": ["b"]}, "primary key"),
        ("https://example.org/schema.json", "schema URL is not fetched"),
    ],
)
def test_malformed_schema_is_an_error(schema, says: str, files: Path, validate) -> None:
    outcome = validate(files / "household_errors.csv", schema=schema)
    assert outcome.status == "error"
    assert outcome.schema is None and outcome.normalized_path is None
    [error] = outcome.report["errors"]
    assert error["type"] == "schema-error"
    assert says in error["message"]
    with pytest.raises(SchemaProblem):
        parse_schema(schema)


def test_empty_schema_means_infer(files: Path, validate) -> None:
    for empty in (None, "", {}):
        assert parse_schema(empty) is None
    outcome = validate(files / "household_errors.csv", schema="")
    assert outcome.report["schemaSource"] == "inferred"


def test_error_limit_makes_the_report_partial(files: Path, validate, household_schema) -> None:
    outcome = validate(files / "household_many_errors.csv", schema=household_schema, limit_errors=5)
    assert outcome.status == "failure"
    assert outcome.report["partial"] is True
    assert len(outcome.report["errors"]) == 5
    assert "reached error limit: 5" in outcome.report["warnings"]
    assert "there may be more" in summary(outcome.report)
    complete = validate(files / "household_many_errors.csv", schema=household_schema)
    assert complete.report["partial"] is False
    assert complete.report["stats"]["errors"] == 60


def test_row_limit_makes_the_report_partial(files: Path, validate) -> None:
    outcome = validate(files / "codes_leading_zeros.csv", limit_rows=10)
    assert outcome.report["partial"] is True
    assert outcome.report["stats"]["rows"] == 10
    assert outcome.status == "success"


def test_encoding_errors_count_toward_the_limit(files: Path, validate) -> None:
    outcome = validate(files / "utf8_bad_byte_after_100k.csv", limit_errors=1)
    assert len(outcome.report["errors"]) == 1
    assert outcome.report["stats"]["errors"] == 2
    assert outcome.report["partial"] is True


def test_not_tabular_format_is_an_error(tmp_path: Path, validate) -> None:
    path = tmp_path / "bao-cao.pdf"
    path.write_bytes(b"%PDF-1.4")
    outcome = validate(path, format="PDF")
    assert outcome.status == "error"
    assert outcome.report["errors"][0]["type"] == "format-error"


def test_workbook_declared_csv_is_read_as_workbook(testdata: Path, tmp_path: Path, validate):
    path = tmp_path / "upload.csv"
    path.write_bytes((testdata / "table.xlsx").read_bytes())
    outcome = validate(path, format="CSV")
    assert outcome.format == "xlsx" and outcome.status == "success"
    assert "is an Excel workbook" in outcome.report["warnings"][0]


def test_xlsx_inference_and_errors(testdata: Path, validate) -> None:
    outcome = validate(testdata / "table.xlsx", format="XLSX")
    assert outcome.encoding is None and outcome.normalized_path is None
    assert outcome.schema == {
        "fields": [{"name": "id", "type": "integer"}, {"name": "name", "type": "string"}]
    }
    bad = validate(
        testdata / "table.xlsx",
        format="xlsx",
        schema={"fields": [{"name": "id", "type": "date"}, {"name": "name", "type": "string"}]},
    )
    assert bad.status == "failure"
    assert errors_of(bad) == [("type-error", 2, "id"), ("type-error", 3, "id")]


def test_report_paths_are_not_leaked(files: Path, validate, tmp_path: Path) -> None:
    outcome = validate(files / "household_errors.csv", filename="Hộ gia đình.csv")
    dumped = json.dumps(outcome.report, ensure_ascii=False)
    assert str(tmp_path) not in dumped and str(files) not in dumped
    assert outcome.report["source"]["name"] == "Hộ gia đình.csv"


@pytest.mark.parametrize(
    ("format", "filename", "expected"),
    [
        ("CSV", None, True),
        (".csv", None, True),
        ("text/csv", None, True),
        ("TSV", None, True),
        ("XLSX", None, True),
        ("xls", None, True),
        ("JSON", None, True),
        (None, "danh-sach.xlsx", True),
        ("", "danh-sach.CSV", True),
        ("Excel", "bang.xls", True),
        ("PDF", "bang.csv", False),
        (None, "anh.png", False),
        (None, None, False),
        ("GeoJSON", "ranh-gioi.geojson", False),
    ],
)
def test_is_tabular(format, filename, expected) -> None:
    assert is_tabular(format, filename) is expected


def test_is_tabular_sniffs_json_when_given_the_file(files: Path) -> None:
    assert is_tabular("JSON", "x.json", path=files / "table_objects_bad_row.json")
    assert not is_tabular("JSON", "x.json", path=files / "not_a_table.json")


def test_status_of() -> None:
    assert status_of({"valid": True, "errors": []}) == "success"
    assert status_of({"valid": False, "errors": [{"type": "type-error"}]}) == "failure"
    assert status_of({"valid": False, "errors": [{"type": "source-error"}]}) == "error"


def test_json_with_bom_is_still_a_table(files: Path, tmp_path: Path, validate) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + (files / "table_arrays_bad_row.json").read_bytes())
    assert is_tabular("JSON", "bom.json", path=path)
    outcome = validate(path)
    assert outcome.encoding == "utf-8-sig"
    assert errors_of(outcome) == [("type-error", 4, "dan_so")]


def test_a_zip_that_is_no_workbook_stays_what_it_says(tmp_path: Path, validate) -> None:
    import zipfile

    path = tmp_path / "data.csv"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("data.csv", "a,b\n1,2\n")
    outcome = validate(path, format="CSV")
    assert outcome.format == "csv"
    assert outcome.status in ("failure", "error")


def test_format_from_the_uploaded_name(tmp_path: Path, validate) -> None:
    path = tmp_path / "stored-object"
    path.write_bytes("ma\tten\n01\tBắc Giang\n".encode())
    outcome = validate(path, format=None, filename="danh sách.tsv")
    assert outcome.format == "tsv" and outcome.status == "success"
    assert outcome.dialect["delimiter"] == "\t"


def test_corrupt_workbook_is_an_error_with_frictionless_message(tmp_path: Path, validate):
    path = tmp_path / "bang.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a workbook")
    outcome = validate(path, format="XLSX")
    assert outcome.status == "error"
    [error] = outcome.report["errors"]
    assert error["type"] == "format-error"
    assert 'invalid excel file "bang.xlsx"' in error["message"]
    assert outcome.schema is None


def test_an_unexpected_failure_is_an_error_report(files: Path, tmp_path, validate, monkeypatch):
    from catalog.services.tabular import validate as module

    def explode(*args, **kwargs):
        raise OSError(f"cannot read {tmp_path}/tabular-x.csv")

    monkeypatch.setattr(module, "sniff_json_table", explode)
    outcome = validate(files / "table_arrays_bad_row.json", want_normalized=True)
    assert outcome.status == "error"
    [error] = outcome.report["errors"]
    assert error["type"] == "validation-error"
    assert error["message"] == "The file could not be validated: cannot read tabular-x.csv"
    assert outcome.normalized_path is not None  # made before the failure: the caller deletes it

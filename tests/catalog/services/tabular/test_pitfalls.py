"""Each way plain Frictionless gets Vietnamese uploads wrong (issue 3, item 5), shown with a
file of files/ (made by files/make_fixtures.py) and handled by the engine.

Where a test first shows what Frictionless alone does, it skips that part if a newer
Frictionless no longer does it; what the engine must do is asserted regardless.
"""

from __future__ import annotations

import hashlib
import unicodedata
from pathlib import Path

import frictionless

from tests.catalog.services.tabular.conftest import errors_of

VIETNAMESE = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Hoàng Cường", "Hoàng Văn Đức"]


def _copy_text(outcome) -> str:
    text = outcome.normalized_path.read_text(encoding="utf-8")
    assert unicodedata.is_normalized("NFC", text)
    assert "\r" not in text and "\ufeff" not in text
    return text


def _plain(path: Path, **options):
    """What Frictionless alone makes of the file: its own resource type and detection."""
    return frictionless.Resource(path=path.name, basepath=str(path.parent), **options)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# Windows-1258 decodes to base letters + combining tone marks: NFC is required.


def test_windows1258_is_decoded_to_nfc(files: Path, validate) -> None:
    path = files / "vn_windows1258.csv"
    before = _sha256(path)
    plain = _plain(path).read_rows()[0]["ho_ten"]
    if not unicodedata.is_normalized("NFC", plain):  # Frictionless: "ê" + U+0303 for "ễ"
        assert plain != "Nguyễn Văn An" and unicodedata.normalize("NFC", plain) == "Nguyễn Văn An"
    outcome = validate(path)
    assert outcome.status == "success", outcome.report
    assert outcome.encoding == "cp1258"
    assert outcome.report["source"]["normalizedToNFC"] is True
    text = _copy_text(outcome)
    for name in VIETNAMESE:
        assert name in text
    assert outcome.report["stats"]["rows"] == 40
    assert _sha256(path) == before  # the upload is never modified


# A mis-declared single-byte encoding passes as mojibake.


def test_windows1258_declared_cp1252_or_latin1_is_detected(files: Path, validate) -> None:
    path = files / "vn_windows1258.csv"
    mojibake = _plain(path, encoding="cp1252").read_rows()[0]["ho_ten"]
    assert mojibake == "NguyêÞn Vãn An"  # Frictionless: valid, and wrong
    for declared in ("cp1252", "latin-1", "windows-1252", "iso-8859-1", "utf-8"):
        outcome = validate(path, encoding=declared)
        assert outcome.status == "success"
        assert outcome.encoding == "cp1258"
        assert outcome.report["source"]["mismatch"] is True
        assert any("does not match the content" in w for w in outcome.report["warnings"])
        text = _copy_text(outcome)
        assert "Nguyễn Văn An" in text and "NguyêÞn" not in text


def test_undeclared_windows1258_is_not_taken_for_cp1252(files: Path, validate) -> None:
    outcome = validate(files / "vn_windows1258.csv")
    scores = outcome.report["source"]["scores"]
    assert scores["cp1258"] > scores["cp1252"] and scores["cp1258"] > scores["iso8859-1"]


def test_right_declaration_is_no_mismatch(files: Path, validate) -> None:
    outcome = validate(files / "vn_windows1258.csv", encoding="windows-1258")
    assert outcome.report["source"]["mismatch"] is False
    assert outcome.report["warnings"] == []


# The encoding is guessed from the first 100 kB only.


def test_bad_byte_after_100k_names_its_row(files: Path, validate) -> None:
    path = files / "utf8_bad_byte_after_100k.csv"
    offset = path.read_bytes().index(b"\xea\xde")
    assert offset > 100_000
    report = _plain(path).validate().tasks[0]
    if report.errors:  # Frictionless stops with an encoding error and no row number
        assert report.errors[0].type == "encoding-error"
        assert not getattr(report.errors[0], "row_number", None)
    outcome = validate(path)
    assert outcome.status == "failure"
    first, second = outcome.report["errors"][:2]
    assert first["type"] == "undecodable-byte"
    assert first["rowNumber"] == 2601 and first["lineNumber"] == 2601
    assert first["byteOffset"] == offset and first["bytes"] == "ea"
    assert f"byte offset {offset}" in first["message"] and 'row "2601"' in first["message"]
    assert second["byteOffset"] == offset + 1
    assert outcome.report["stats"]["rows"] == 3000  # the rest is still validated
    text = _copy_text(outcome)
    assert "Nguy\ufffd\ufffdn Văn Lỗi" in text


def test_legacy_bytes_after_an_ascii_head_are_decoded(files: Path, validate) -> None:
    path = files / "ascii_then_windows1258.csv"
    assert path.read_bytes()[:100_000].isascii()
    outcome = validate(path)
    assert outcome.status == "success"
    assert outcome.encoding == "cp1258"
    assert "09003,Thị trấn Cao Thượng\n" in _copy_text(outcome)


# A semicolon CSV from Excel with CR LF and a quoted `;` is read as one column, "valid".


def test_excel_semicolon_csv_is_split_into_its_columns(files: Path, validate) -> None:
    path = files / "excel_semicolon_utf8bom.csv"
    plain = _plain(path).validate()
    if len(plain.tasks[0].labels) == 1:
        assert plain.valid  # the pitfall: one column, valid
    for want_normalized in (False, True):  # the original read as it is, or the clean copy
        outcome = validate(path, want_normalized=want_normalized)
        assert outcome.status == "success"
        assert outcome.dialect == {"delimiter": ";", "quoteChar": '"'}
        labels = ["Mã hàng", "Tên hàng", "Đơn giá", "Số lượng", "Ghi chú"]
        assert outcome.report["labels"] == labels
        assert outcome.report["source"]["lineTerminator"] == "\r\n"
        types = {field["name"]: field["type"] for field in outcome.schema["fields"]}
        assert types == {
            "Mã hàng": "string",
            "Tên hàng": "string",
            "Đơn giá": "integer",
            "Số lượng": "integer",
            "Ghi chú": "string",
        }
        assert (outcome.normalized_path is not None) is want_normalized
    assert '10;Dầu ăn;165000;12;"Can; 5 lít; loại 1"\n' in _copy_text(outcome)


def test_excel_semicolon_windows1258_is_validated_cell_by_cell(files: Path, validate) -> None:
    outcome = validate(files / "excel_semicolon_windows1258.csv")
    assert outcome.encoding == "cp1258"
    assert outcome.status == "failure"
    price = next(f for f in outcome.schema["fields"] if f["name"] == "Đơn giá")
    assert price == {"name": "Đơn giá", "type": "number", "decimalChar": ",", "groupChar": "."}
    [error] = outcome.report["errors"]
    assert (error["type"], error["rowNumber"], error["fieldName"]) == ("type-error", 4, "Đơn giá")
    assert error["cell"] == "ba mươi nghìn"


# JSON tables need a table resource or their rows are never checked.


def test_json_objects_bad_row_is_named(files: Path, validate) -> None:
    path = files / "table_objects_bad_row.json"
    plain = _plain(path).validate()
    if plain.tasks[0].type != "table":
        assert plain.valid  # the pitfall: a plain JSON resource, rows unchecked
    outcome = validate(path, format="JSON")
    assert outcome.status == "failure"
    assert outcome.report["source"]["jsonShape"] == "objects"
    assert errors_of(outcome) == [("type-error", 6, "dan_so")]
    assert outcome.report["errors"][0]["cell"] == "khoảng năm nghìn"
    assert outcome.report["stats"]["rows"] == 9


def test_json_arrays_bad_row_is_named(files: Path, validate) -> None:
    outcome = validate(files / "table_arrays_bad_row.json")
    assert outcome.status == "failure"
    assert outcome.report["source"]["jsonShape"] == "arrays"
    assert errors_of(outcome) == [("type-error", 4, "dan_so")]


def test_json_rows_of_the_wrong_shape_and_extra_keys(files: Path, validate) -> None:
    outcome = validate(files / "table_objects_shapes.json")
    assert outcome.status == "failure"
    assert errors_of(outcome) == [("row-shape", 5, None), ("extra-key", 6, "ghi_chu")]
    assert outcome.report["stats"]["rows"] == 5  # the row after the bad one is checked too


def test_json_that_is_not_a_table_is_an_error(files: Path, validate) -> None:
    outcome = validate(files / "not_a_table.json")
    assert outcome.status == "error"
    assert outcome.report["errors"][0]["type"] == "not-a-table"


# UTF-8, UTF-8 with BOM, UTF-16 and Windows-1258 are all read correctly.


def test_bom_and_utf16_files_read_the_same(files: Path, validate) -> None:
    expected = None
    for name, encoding in [
        ("utf8_bom.csv", "utf-8-sig"),
        ("utf16be_bom.csv", "utf-16"),
        ("unicode_text_utf16le.tsv", "utf-16"),
        ("utf8_nfd.csv", "utf-8"),
        ("vn_windows1258.csv", "cp1258"),
    ]:
        rows = set()
        for want_normalized in (False, True):
            outcome = validate(files / name, want_normalized=want_normalized)
            assert outcome.status == "success", (name, outcome.report)
            assert outcome.encoding == encoding
            assert outcome.report["labels"] == ["ma_xa", "ho_ten", "dia_chi", "nam_sinh"]
            rows.add(outcome.report["stats"]["rows"])
        assert len(rows) == 1, name
        lines = _copy_text(outcome).replace("\t", ",").splitlines()
        expected = expected or lines[:13]
        assert lines[:13] == expected, name
    assert "07201,Nguyễn Văn An,Phường Trần Phú,1950" in expected


def test_utf16_without_bom_is_recognised(tmp_path: Path, validate) -> None:
    path = tmp_path / "no_bom.csv"
    path.write_bytes("ma,tên\n01,Bắc Giang\n02,Bắc Ninh\n".encode("utf-16-le"))
    outcome = validate(path)
    assert outcome.encoding == "utf-16-le"
    assert outcome.schema["fields"][1]["name"] == "tên"
    assert "01,Bắc Giang" in _copy_text(outcome)


# Codes such as "01" stay strings; one odd value early does not turn a column into text.


def test_codes_with_leading_zeros_stay_strings(files: Path, validate) -> None:
    outcome = validate(files / "codes_leading_zeros.csv")
    assert outcome.status == "success"
    types = {field["name"]: field["type"] for field in outcome.schema["fields"]}
    assert types == {
        "ma_tinh": "integer",
        "ma_xa": "string",
        "ten_xa": "string",
        "dan_so": "integer",
        "dien_tich": "number",
    }


def test_early_odd_value_is_reported_not_absorbed(files: Path, validate) -> None:
    outcome = validate(files / "early_odd_value.csv")
    assert outcome.status == "failure"
    assert {f["name"]: f["type"] for f in outcome.schema["fields"]}["dan_so"] == "integer"
    assert errors_of(outcome) == [("type-error", 3, "dan_so")]
    assert outcome.report["errors"][0]["cell"] == "chưa cập nhật"


def test_unknown_declared_encoding_is_detected(files: Path, validate) -> None:
    outcome = validate(files / "vn_windows1258.csv", encoding="vn-abc")
    assert outcome.encoding == "cp1258" and outcome.status == "success"
    assert "The declared encoding vn-abc is unknown" in outcome.report["warnings"][0]


def test_validations_in_threads_do_not_mix(files: Path, validate) -> None:
    """Uploads are validated in worker threads: each keeps its own undecodable bytes."""
    from concurrent.futures import ThreadPoolExecutor

    names = ["utf8_bad_byte_after_100k.csv", "vn_windows1258.csv", "ascii_then_windows1258.csv"]
    alone = {name: validate(files / name).report["errors"] for name in names}
    with ThreadPoolExecutor(max_workers=3) as pool:
        together = list(pool.map(lambda name: validate(files / name), names * 2))
    for name, outcome in zip(names * 2, together, strict=True):
        assert outcome.report["errors"] == alone[name], name

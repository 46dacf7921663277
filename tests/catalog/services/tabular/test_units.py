"""The engine's parts one by one: encoding detection, the normalized copy (across chunk
boundaries), delimiter sniffing, schema inference, and bounded memory."""

from __future__ import annotations

import tracemalloc
import unicodedata
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from catalog.services.tabular import encoding as enc
from catalog.services.tabular import normalize as norm
from catalog.services.tabular.dialect import sniff_dialect
from catalog.services.tabular.encoding import choose_single_byte, detect_encoding
from catalog.services.tabular.normalize import rows_of_lines, write_normalized
from catalog.services.tabular.plausibility import is_vietnamese_syllable
from catalog.services.tabular.schema_inference import field_names, infer_schema

VIETNAMESE = "Thành phố Bắc Giang, huyện Lục Ngạn, xã Nghĩa Phương, Nguyễn Thị Hường\n"


@pytest.fixture
def tiny_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Chunks of 7 bytes: every boundary case (split sequences, CR|LF, marks) happens."""
    monkeypatch.setattr(enc, "CHUNK_SIZE", 7)
    monkeypatch.setattr(norm, "CHUNK_SIZE", 7)


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_utf8_split_across_chunks_is_not_an_error(tmp_path: Path, tiny_chunks) -> None:
    path = _write(tmp_path, "a.csv", ("ma,ten\n" + VIETNAMESE * 20).encode())
    assert detect_encoding(path).encoding == "utf-8"
    copy = write_normalized(path, "utf-8", workdir=tmp_path)
    assert copy.bad_count == 0
    assert copy.path.read_text(encoding="utf-8") == "ma,ten\n" + VIETNAMESE * 20


def test_crlf_and_cr_across_chunks(tmp_path: Path, tiny_chunks) -> None:
    path = _write(tmp_path, "a.csv", b"a,b\r\n1,2\r\n3,4\r5,6\r\n\r\n7,8")
    copy = write_normalized(path, "utf-8", workdir=tmp_path)
    assert copy.path.read_bytes() == b"a,b\n1,2\n3,4\n5,6\n\n7,8"
    assert copy.crlf is True


def test_tone_marks_compose_across_chunks(tmp_path: Path, tiny_chunks) -> None:
    from tests.catalog.services.tabular.files.make_fixtures import cp1258

    for name, data, codec in [
        ("nfd.csv", unicodedata.normalize("NFD", VIETNAMESE * 3).encode("utf-8"), "utf-8"),
        ("1258.csv", cp1258(VIETNAMESE * 3), "cp1258"),
    ]:
        copy = write_normalized(_write(tmp_path, name, data), codec, workdir=tmp_path)
        assert copy.path.read_text(encoding="utf-8") == VIETNAMESE * 3
        assert copy.changed_by_nfc


def test_long_line_without_newline_is_cut_safely(tmp_path, tiny_chunks, monkeypatch) -> None:
    monkeypatch.setattr(norm, "MAX_CARRY", 16)
    text = unicodedata.normalize("NFD", "Nguyễn Văn Ấn " * 50)
    path = _write(tmp_path, "long.csv", text.encode("utf-8"))
    copy = write_normalized(path, "utf-8", workdir=tmp_path)
    assert copy.path.read_text(encoding="utf-8") == "Nguyễn Văn Ấn " * 50


def test_bad_bytes_have_exact_offsets_and_lines(tmp_path: Path, tiny_chunks) -> None:
    data = "ma,tên\n01,Bắc\n".encode() + b"02,B\xff\xfec\n03,\xe1\n"
    path = _write(tmp_path, "bad.csv", data)
    copy = write_normalized(path, "utf-8", workdir=tmp_path)
    assert copy.bad_count == 3
    assert [(b.offset, b.raw, b.line) for b in copy.bad_bytes] == [
        (data.index(b"\xff"), b"\xff", 3),
        (data.index(b"\xfe"), b"\xfe", 3),
        (data.rindex(b"\xe1"), b"\xe1", 4),
    ]
    assert copy.path.read_text(encoding="utf-8").splitlines()[2] == "02,B\ufffd\ufffdc"


def test_rows_of_lines_counts_records_not_lines(tmp_path: Path) -> None:
    path = _write(tmp_path, "multi.csv", b'id,note\n1,"two\nlines"\n2,x\n3,"a\nb\nc"\n4,y\n')
    assert rows_of_lines(path, [1, 3, 4, 8], delimiter=",", quote_char='"') == {
        1: 1,
        3: 2,
        4: 3,
        8: 5,
    }


def test_bad_byte_after_a_multiline_cell_names_the_row(tmp_path: Path, validate) -> None:
    data = 'id,ghi_chu\n1,"hai\ndòng"\n2,ok\n'.encode() + b"3,l\xffi\n"
    outcome = validate(_write(tmp_path, "m.csv", data))
    [error] = outcome.report["errors"]
    assert (error["rowNumber"], error["lineNumber"]) == (4, 5)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("id,nom\n1,Élodie Fançois\n2,où été déjà\n3,crème brûlée\n", "cp1252"),
        ("id,nome\n1,não são ações\n2,põe mãe\n", "cp1252"),
        ("id,parola\n1,così però più\n2,città\n", "cp1252"),
        ("id,ten\n" + "1,Nguyễn Thị Hường\n2,Đặng Quốc Khánh\n3,Bắc Giang\n", "cp1258"),
    ],
)
def test_single_byte_choice(text: str, expected: str) -> None:
    from tests.catalog.services.tabular.files.make_fixtures import cp1258

    data = cp1258(text) if expected == "cp1258" else text.encode("cp1252")
    best, scores = choose_single_byte(data)
    assert best == expected, scores


def test_declared_single_byte_wins_a_tie(tmp_path: Path) -> None:
    path = _write(tmp_path, "fr.csv", "id,nom\n1,Élodie\n".encode("latin-1"))
    result = detect_encoding(path, declared="latin-1")
    assert result.encoding == "iso8859-1" and result.mismatch is False


def test_valid_utf8_declared_legacy_is_a_mismatch(tmp_path: Path) -> None:
    path = _write(tmp_path, "u.csv", ("id,ten\n" + VIETNAMESE).encode())
    result = detect_encoding(path, declared="cp1258")
    assert result.encoding == "utf-8" and result.mismatch is True
    ascii_file = _write(tmp_path, "a.csv", b"id,name\n1,x\n")
    assert detect_encoding(ascii_file, declared="cp1258").mismatch is False


def test_vietnamese_syllables() -> None:
    for word in ("Nguyễn", "quyết", "giữa", "Đức", "khuyến", "nghiêng", "Hường"):
        assert is_vietnamese_syllable(word), word
    for word in ("NguyêÞn", "TrâÌn", "năo", "Bãìc", "hello"):
        assert not is_vietnamese_syllable(word), word


@pytest.mark.parametrize(
    ("sample", "format", "delimiter"),
    [
        ("a,b,c\n1,2,3\n4,5,6\n", "csv", ","),
        ("a;b;c\n1;2,5;3\n4;5,5;6\n", "csv", ";"),
        ('a;b\n1;"x; y"\n2;z\n', "csv", ";"),
        ("a\tb\n1\t2\n", "tsv", "\t"),
        ("a|b|c\n1|2|3\n", "csv", "|"),
        ("name,note\nAn,a; b\nBình,c; d\n", "csv", ","),
        ("ten\nAn\nBình\n", "csv", ","),
        ("", "csv", ","),
    ],
)
def test_sniff_dialect(sample: str, format: str, delimiter: str) -> None:
    assert sniff_dialect(sample, format=format).delimiter == delimiter


def test_sniff_ignores_a_row_cut_by_the_sample_end() -> None:
    sample = "a;b;c\n" + "1;2;3\n" * 50 + '4;"cut'
    assert sniff_dialect(sample, complete=False).delimiter == ";"


def test_field_names_follow_frictionless() -> None:
    assert field_names(["id", "", "id", None, "id"]) == ["id", "field2", "id2", "field4", "id3"]


def _types(schema: dict) -> list:
    return [(f["type"], f.get("format")) if "format" in f else f["type"] for f in schema["fields"]]


def test_infer_text_types() -> None:
    rows = [
        ["01", "1", "1.5", "2024-01-31", "31/01/2024", "true", "2024-01-31T08:00:00", "x"],
        ["07201", "22", "2", "2024-02-01", "01/02/2024", "FALSE", "2024-02-01 09:30:00Z", ""],
        ["", "333", "-3e2", "", "15/12/2023", "", "", "y"],
    ]
    labels = ["code", "int", "num", "iso", "dmy", "bool", "dt", "text"]
    assert _types(infer_schema(labels, rows)) == [
        "string",
        "integer",
        "number",
        "date",
        ("date", "%d/%m/%Y"),
        "boolean",
        "datetime",
        "string",
    ]


def test_infer_majority_and_its_limits() -> None:
    one_odd = [["n/a"]] + [[str(i)] for i in range(9)]
    assert _types(infer_schema(["x"], one_odd)) == ["integer"]
    few = [["n/a"], ["1"], ["2"]]
    assert _types(infer_schema(["x"], few)) == ["string"]
    mostly_whole = [["1.5"]] + [[str(i)] for i in range(20)]
    assert _types(infer_schema(["x"], mostly_whole)) == ["number"]
    long_ids = [["123456789012345678"], ["223456789012345678"]]
    assert _types(infer_schema(["x"], long_ids)) == ["string"]
    month_first = [["12/31/2024"], ["01/15/2024"]]
    assert _types(infer_schema(["x"], month_first)) == [("date", "%m/%d/%Y")]


def test_infer_typed_values() -> None:
    rows = [
        [1, Decimal("1.5"), True, datetime(2024, 1, 1), date(2024, 1, 2), {"a": 1}, [1], 1],
        [2, 2, False, datetime(2024, 1, 2), date(2024, 1, 3), {"b": 2}, [2], "x"],
    ]
    labels = list("abcdefgh")
    assert _types(infer_schema(labels, rows)) == [
        "integer",
        "number",
        "boolean",
        "date",
        "date",
        "object",
        "array",
        "any",
    ]


def test_infer_respects_the_sample_size() -> None:
    rows = [["1"]] * 5 + [["x"]] * 100
    assert _types(infer_schema(["a"], rows, sample_rows=5)) == ["integer"]


def test_memory_stays_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Detecting and normalizing a 4 MB file in 64 kB chunks takes a few chunks of memory."""
    monkeypatch.setattr(enc, "CHUNK_SIZE", 1 << 16)
    monkeypatch.setattr(norm, "CHUNK_SIZE", 1 << 16)
    path = tmp_path / "big.csv"
    line = ("07201," + VIETNAMESE.replace(",", " ")).encode()
    with open(path, "wb") as handle:
        handle.write(b"ma,ten\n")
        for _ in range(4 * 1024 * 1024 // len(line)):
            handle.write(line)
    tracemalloc.start()
    try:
        result = detect_encoding(path)
        copy = write_normalized(path, result.encoding, workdir=tmp_path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert copy.path.stat().st_size == path.stat().st_size
    assert peak < 24 * (1 << 16) < path.stat().st_size / 2, peak

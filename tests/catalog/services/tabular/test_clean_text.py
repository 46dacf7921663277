"""A text that is already clean UTF-8 (with or without a BOM, every byte decodable, NFC, no
lone CR) is validated as it is, with no normalized copy; everything else still gets the copy.
The clean check runs in the encoding scan, chunk by chunk, so chunk boundaries are tested
with tiny chunks: a combining mark, a split character or a CR|LF right at a boundary."""

from __future__ import annotations

import codecs
import json
import random
import sys
import unicodedata
from pathlib import Path

import pytest

from catalog.services.tabular import clean_text, validate_file
from catalog.services.tabular import encoding as enc
from catalog.services.tabular import validate as validate_module
from catalog.services.tabular.encoding import detect_encoding
from tests.catalog.services.tabular.conftest import errors_of

ROWS = (
    "ma_xa,ho_ten,dia_chi\r\n"
    "07201,Nguyễn Văn An,Phường Trần Phú\r\n"
    "07204,Trần Thị Bình,Xã Dĩnh Trì\r\n"
)


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    folder = tmp_path / "work"
    folder.mkdir()
    return folder


@pytest.fixture
def no_copy(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("a normalized copy was written")

    monkeypatch.setattr(validate_module, "write_normalized", refuse)


def _same_results(one, other) -> None:
    assert one.status == other.status
    assert errors_of(one) == errors_of(other)
    assert [e.get("cell") for e in one.report["errors"]] == [
        e.get("cell") for e in other.report["errors"]
    ]
    assert one.report["stats"]["rows"] == other.report["stats"]["rows"]
    assert one.report["labels"] == other.report["labels"]
    assert one.schema == other.schema and one.dialect == other.dialect
    assert one.report["source"] == other.report["source"]


# validate_file: the clean original is read as it is, unless the copy is asked for.


@pytest.mark.parametrize("bom", [b"", codecs.BOM_UTF8])
def test_clean_utf8_is_validated_without_a_copy(tmp_path, workdir, no_copy, bom) -> None:
    path = _write(tmp_path, "clean.csv", bom + ROWS.encode())
    outcome = validate_file(path, format="CSV", workdir=workdir)
    assert outcome.status == "success", outcome.report
    assert outcome.normalized_path is None
    assert list(workdir.iterdir()) == []
    assert outcome.encoding == ("utf-8-sig" if bom else "utf-8")
    assert outcome.report["labels"] == ["ma_xa", "ho_ten", "dia_chi"]
    assert outcome.report["stats"]["rows"] == 2
    assert outcome.report["source"]["lineTerminator"] == "\r\n"
    assert outcome.report["source"]["normalizedToNFC"] is False
    assert outcome.schema["fields"][0] == {"name": "ma_xa", "type": "string"}


def test_the_copy_is_made_when_asked_for_and_gives_the_same_report(
    files: Path, tmp_path, workdir
) -> None:
    schema = json.loads((files / "household.schema.json").read_text())
    for name, options in [
        ("household_errors.csv", {"schema": schema}),
        ("early_odd_value.csv", {}),
        ("excel_semicolon_utf8bom.csv", {}),
        ("table_objects_bad_row.json", {"format": "JSON"}),
    ]:
        options.setdefault("format", None)
        direct = validate_file(files / name, workdir=workdir, **options)
        assert direct.normalized_path is None and list(workdir.iterdir()) == [], name
        copied = validate_file(files / name, workdir=workdir, want_normalized=True, **options)
        assert copied.normalized_path is not None and copied.normalized_path.parent == workdir
        text = copied.normalized_path.read_text(encoding="utf-8")
        assert unicodedata.is_normalized("NFC", text) and "\r" not in text
        _same_results(direct, copied)
        copied.normalized_path.unlink()


def test_the_direct_read_finds_errors_at_their_rows(files: Path, workdir, no_copy) -> None:
    schema = json.loads((files / "household.schema.json").read_text())
    outcome = validate_file(files / "household_errors.csv", format="CSV", schema=schema,
                            workdir=workdir)  # fmt: skip
    assert [(e["type"], e["rowNumber"], e["fieldName"], e["cell"]) for e in
            outcome.report["errors"]] == [
        ("type-error", 3, "so_nguoi", "bốn"),
        ("constraint-error", 4, "so_nguoi", "0"),
        ("primary-key", 5, "ma_ho", "HB001"),
        ("type-error", 6, "ngay_dang_ky", "2024-13-01"),
    ]  # fmt: skip


def test_json_with_a_bom_is_read_as_it_is(tmp_path, workdir, no_copy) -> None:
    rows = [{"ma": "01", "ten": "Bắc Giang", "dan_so": 1}, {"ma": "02", "ten": "x", "dan_so": "y"}]
    path = _write(tmp_path, "t.json", codecs.BOM_UTF8 + json.dumps(rows).encode())
    schema = {"fields": [{"name": "ma", "type": "string"}, {"name": "ten", "type": "string"},
                         {"name": "dan_so", "type": "integer"}]}  # fmt: skip
    outcome = validate_file(path, format="JSON", schema=schema, workdir=workdir)
    assert outcome.normalized_path is None and outcome.encoding == "utf-8-sig"
    assert errors_of(outcome) == [("type-error", 3, "dan_so")]


@pytest.mark.parametrize(
    ("name", "data", "encoding", "nfc"),
    [
        ("nfd.csv", unicodedata.normalize("NFD", ROWS).encode(), "utf-8", True),
        ("nfd_bom.csv", codecs.BOM_UTF8 + unicodedata.normalize("NFD", ROWS).encode(),
         "utf-8-sig", True),
        ("lone_cr.csv", ROWS.replace("\r\n", "\r").encode(), "utf-8", False),
        ("mixed_cr.csv", ROWS.replace("\r\n", "\r", 1).encode(), "utf-8", False),
        ("bad_byte.csv", ROWS.encode().replace("Dĩnh".encode(), b"D\xffnh"), "utf-8", False),
        ("1258.csv", None, "cp1258", True),
        ("utf16.csv", ROWS.encode("utf-16"), "utf-16", False),
    ],
)  # fmt: skip
def test_other_texts_still_get_the_copy(tmp_path, workdir, name, data, encoding, nfc) -> None:
    from tests.catalog.services.tabular.files.make_fixtures import cp1258

    if data is None:
        data = cp1258(ROWS)
    path = _write(tmp_path, name, data)
    outcome = validate_file(path, format="CSV", workdir=workdir)
    assert outcome.encoding == encoding
    assert outcome.normalized_path is not None
    assert list(workdir.iterdir()) == [outcome.normalized_path]
    text = outcome.normalized_path.read_text(encoding="utf-8")
    assert unicodedata.is_normalized("NFC", text) and "\r" not in text
    assert outcome.report["source"]["normalizedToNFC"] is nfc
    assert outcome.report["source"]["lineTerminator"] == "\r\n"
    assert outcome.report["labels"] == ["ma_xa", "ho_ten", "dia_chi"]
    assert outcome.report["stats"]["rows"] == 2
    if name == "bad_byte.csv":
        assert outcome.status == "failure"
        assert [e["type"] for e in outcome.report["errors"]] == ["undecodable-byte"]
    else:
        assert outcome.status == "success", outcome.report
        assert "07201,Nguyễn Văn An,Phường Trần Phú\n" in text


def test_a_name_frictionless_would_misread_gets_the_copy(tmp_path, workdir) -> None:
    path = _write(tmp_path, "bang.csv.gz", ROWS.encode())  # not gzip: the name must not count
    outcome = validate_file(path, format="CSV", workdir=workdir)
    assert outcome.status == "success", outcome.report
    assert outcome.normalized_path is not None


# The clean check across chunk boundaries (chunks of a few bytes).


@pytest.fixture
def chunks(monkeypatch: pytest.MonkeyPatch):
    def set_size(size: int) -> None:
        monkeypatch.setattr(enc, "CHUNK_SIZE", size)

    return set_size


def test_a_combining_mark_at_a_chunk_start_is_checked_with_its_base(
    tmp_path, workdir, chunks
) -> None:
    chunks(7)
    head = b"id,tene"  # 7 bytes: the first chunk ends with the base letter
    nfd = _write(tmp_path, "nfd.csv", head + "\u0301".encode() + b"\n1,x\n")
    assert detect_encoding(nfd).clean is None
    outcome = validate_file(nfd, format="CSV", workdir=workdir)
    assert outcome.normalized_path is not None
    assert outcome.report["labels"] == ["id", "tené"]
    assert outcome.report["source"]["normalizedToNFC"] is True
    # the same mark after a letter it does not compose with is NFC: no copy
    kept = _write(tmp_path, "q.csv", b"id,tenq" + "\u0301".encode() + b"\n1,x\n")
    assert detect_encoding(kept).clean is not None
    # a precomposed letter split across two chunks is one character, clean
    split = _write(tmp_path, "split.csv", b"id,ten" + "é".encode() + b"\n1,x\n")
    assert detect_encoding(split).clean is not None
    outcome = validate_file(split, format="CSV", workdir=workdir)
    assert outcome.normalized_path is None and outcome.report["labels"] == ["id", "tené"]


def test_cr_lf_split_across_chunks(tmp_path, chunks) -> None:
    chunks(4)
    crlf = detect_encoding(_write(tmp_path, "a.csv", b"a,b\r\n1,2\r\n"))  # CR ends chunk 1
    assert crlf.clean is not None and crlf.clean.crlf is True
    lone = detect_encoding(_write(tmp_path, "b.csv", b"a,b\r1,2\r\n"))
    assert lone.clean is None
    last = detect_encoding(_write(tmp_path, "c.csv", b"a,b\r\n1,2\r"))  # a CR ends the file
    assert last.clean is None
    lf = detect_encoding(_write(tmp_path, "d.csv", b"a,b\n1,2\n"))
    assert lf.clean is not None and lf.clean.crlf is False


ALPHABET = ["a", "e", "o", "q", " ", ",", "1", "\n", "\r\n", "\r", "é", "ễ", "ư", "Đ", "中",
            "\u0301", "\u0323", "\u0302", "\u031b", "\u0345", "ω", "\u1100", "\u1161"]  # fmt: skip


def test_the_clean_check_agrees_with_the_whole_text(tmp_path, chunks) -> None:
    """Random texts of tricky characters, every small chunk size: the chunked check says
    clean exactly when the whole text is NFC with no lone CR, and keeps the right head."""
    rng = random.Random(1258)
    texts = ["".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 14))) for _ in range(400)]
    texts += ["e\u0301", "\u0301", "ư\u0301", "ω\u0345\u0301", "\u1100\u1161", "x\r"]
    for size in range(1, 10):
        chunks(size)
        for number, text in enumerate(texts):
            lone_cr = "\r" in text.replace("\r\n", "")
            expected = unicodedata.is_normalized("NFC", text) and not lone_cr
            for bom in (b"", codecs.BOM_UTF8):
                path = _write(tmp_path, f"{number}.csv", bom + text.encode())
                result = detect_encoding(path)
                assert (result.clean is not None) is expected, (size, text, bom)
                if result.clean is not None:
                    assert result.clean.head == text and result.clean.complete
                    assert result.clean.crlf is ("\r\n" in text)


def test_the_head_of_a_long_clean_text(tmp_path, chunks) -> None:
    chunks(1000)
    text = "ma,ten\n" + "07201,Nguyễn Thị Hường\n" * 10_000
    result = detect_encoding(_write(tmp_path, "long.csv", text.encode()))
    assert result.clean is not None
    assert result.clean.head == text[: clean_text.HEAD_CHARS] and result.clean.complete is False


def test_the_stable_letters_need_no_nfc_check() -> None:
    """U+0080-U+02FF and U+1E00-U+1EFF, which the scan takes as NFC without checking: each is
    NFC, of combining class 0, no second half of a composition (nor starts with one), and
    no pair of them or of them and ASCII changes under NFC."""
    seconds = {chr(cp) for cp in [*range(0x1161, 0x1176), *range(0x11A8, 0x11C3)]}  # Hangul
    for cp in range(sys.maxunicode + 1):
        parts = unicodedata.decomposition(chr(cp)).split()
        if len(parts) == 2 and not parts[0].startswith("<"):
            seconds.add(chr(int(parts[1], 16)))
    stable = [chr(cp) for cp in [*range(0x80, 0x300), *range(0x1E00, 0x1F00)]]
    for char in stable:
        assert unicodedata.normalize("NFC", char) == char, hex(ord(char))
        assert unicodedata.combining(char) == 0 and char not in seconds, hex(ord(char))
        assert unicodedata.normalize("NFD", char)[0] not in seconds, hex(ord(char))
    pool = [chr(cp) for cp in range(0x20, 0x7F)] + stable
    stable_set = set(stable)
    assert all(unicodedata.is_normalized("NFC", a + b) for a in pool for b in pool)
    # their UTF-8 bytes are what the scan lets through, and nothing else is
    for cp in range(0x80, 0x10000):
        if 0xD800 <= cp < 0xE000:
            continue
        high = chr(cp).encode()
        assert clean_text._stable(high) is (chr(cp) in stable_set), hex(cp)


def test_a_chunk_of_vietnamese_after_a_split_mark_is_still_checked(tmp_path, chunks) -> None:
    """A combining mark whose first byte ends one chunk: the next chunk, otherwise all stable
    letters, starts with it and is checked with the letter before it."""
    chunks(8)
    data = b"id,tene\xcc" + b"\x81,\xc3\xa9\xc3\xa9\n"  # "id,tene" U+0301 ",éé"
    assert detect_encoding(_write(tmp_path, "m.csv", data)).clean is None
    data = b"id,tenq\xcc" + b"\x81,\xc3\xa9\xc3\xa9\n"  # "q" has no composite with U+0301
    assert detect_encoding(_write(tmp_path, "q.csv", data)).clean is not None

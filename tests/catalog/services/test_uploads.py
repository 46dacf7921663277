"""Staging uploads: safe names, bounded size, nothing left behind on failure."""

from __future__ import annotations

import hashlib
import io
import unicodedata
from pathlib import Path

import pytest

from catalog.errors import UploadTooLarge
from catalog.services.storage import ResourceStorage
from catalog.services.uploads import prepare_upload, safe_filename


@pytest.mark.parametrize(
    ("sent", "stored"),
    [
        ("data.csv", "data.csv"),
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\x\\Bảng giá đất.csv", "bang-gia-dat.csv"),
        ("..", "upload"),
        ("", "upload"),
        ("a b;c&d?.CSV", "a-b-c-d-.csv"),
        (".hidden", "hidden"),
        ("x" * 300 + ".csv", "x" * 96 + ".csv"),
    ],
)
def test_safe_filename(sent: str, stored: str):
    assert safe_filename(sent) == stored


class Breaks(io.RawIOBase):
    """A client stream that fails half-way, like a dropped connection."""

    def __init__(self) -> None:
        self.sent = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        if self.sent > 3 * 1024 * 1024:
            raise ConnectionResetError("client went away")
        buffer[:] = b"x" * len(buffer)
        self.sent += len(buffer)
        return len(buffer)


def _files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()]


def test_an_interrupted_upload_leaves_no_file(tmp_path: Path):
    storage = ResourceStorage(tmp_path)
    with pytest.raises(ConnectionResetError):
        prepare_upload(
            storage, io.BufferedReader(Breaks()), max_mb=10, format_hint="PDF", schema=None,
            workdir=tmp_path,
        )  # fmt: skip
    assert _files(tmp_path) == []


def test_a_too_large_upload_is_refused_and_removed(tmp_path: Path):
    storage = ResourceStorage(tmp_path)
    with pytest.raises(UploadTooLarge) as error:
        prepare_upload(
            storage, io.BytesIO(b"y" * (1024 * 1024 + 1)), max_mb=1, format_hint="PDF",
            schema=None, workdir=tmp_path,
        )  # fmt: skip
    assert error.value.errors == {"upload": ["File upload too large (the limit is 1 MB)"]}
    assert _files(tmp_path) == []


def test_a_staged_upload_is_hashed_and_measured(tmp_path: Path):
    storage = ResourceStorage(tmp_path)
    body = b"%PDF-1.4 " * 1000
    prepared = prepare_upload(
        storage, io.BytesIO(body), max_mb=1, format_hint=None, schema=None, workdir=tmp_path
    )
    assert prepared.staged.size == len(body)
    assert prepared.staged.sha256 == hashlib.sha256(body).hexdigest()
    assert prepared.filename == "upload" and prepared.outcome is None
    placed = storage.commit(prepared.staged, "0123456789")
    assert placed.path.read_bytes() == body
    assert _files(storage.staging_dir) == []


CSV = "ma_xa,ten_xa\r\n07201,Phường Trần Phú\r\n07210,Xã Dĩnh Trì\r\n"


@pytest.mark.parametrize(
    ("body", "copied"),
    [(CSV.encode(), False), (unicodedata.normalize("NFD", CSV).encode(), True)],
)
def test_a_table_upload_leaves_no_copy_behind(tmp_path: Path, body: bytes, copied: bool):
    """A clean UTF-8 table is validated as it is; a copy made for any other (here NFD) is
    deleted once validated."""
    storage = ResourceStorage(tmp_path / "data")
    workdir = tmp_path / "work"
    workdir.mkdir()
    prepared = prepare_upload(
        storage, io.BytesIO(body), max_mb=1, format_hint="CSV", schema=None, workdir=workdir
    )
    assert prepared.outcome is not None and prepared.outcome.status == "success"
    assert prepared.outcome.encoding == "utf-8"
    assert (prepared.outcome.normalized_path is not None) is copied
    assert prepared.outcome.report["source"]["normalizedToNFC"] is copied
    assert prepared.outcome.report["labels"] == ["ma_xa", "ten_xa"]
    assert prepared.outcome.report["stats"]["rows"] == 2
    assert prepared.staged.path.read_bytes() == body
    assert _files(workdir) == []
    assert _files(storage.staging_dir) == [prepared.staged.path]

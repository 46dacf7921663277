"""Write a clean copy of a text upload: UTF-8, NFC, LF line ends; the original is never touched.

Windows-1258 decodes Vietnamese into base letters plus combining tone marks ("e" + U+0301),
macOS tools write NFD; both become NFC here, so validation, DataStore and previews all see
one form. Bytes the encoding cannot decode become U+FFFD in the copy and are reported with
their byte offset in the original and their line in the copy (line N of the copy is line N
of the original: CRLF and CR become LF one for one). Everything streams in chunks; a chunk is
cut after its last newline, where NFC cannot compose across.
"""

from __future__ import annotations

import codecs
import csv
import os
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from catalog.services.tabular.encoding import (
    CHUNK_SIZE,
    RECORD_ERRORS,
    ErrorRecorder,
    decode_chunk,
    recording,
    stop_recording,
)

# Stands for an undecodable byte until its line is known; a noncharacter, so it does not
# occur in real text (if it does, line numbers of that chunk are left out, nothing else).
_SENTINEL = "\U0010ffff"
MAX_CARRY = 1 << 20


@dataclass(frozen=True)
class BadBytes:
    offset: int  # byte offset in the original file
    raw: bytes  # the undecodable bytes
    line: int | None  # 1-based line (LF-separated) in the copy and in the original


@dataclass
class NormalizedText:
    path: Path
    bad_bytes: list[BadBytes] = field(default_factory=list)
    bad_count: int = 0
    crlf: bool = False  # the original used CR LF (or CR) line ends
    changed_by_nfc: bool = False  # some text was not NFC (e.g. Windows-1258 tone marks)
    chars: int = 0


def _safe_cut(text: str) -> int:
    """A cut position in a long line where NFC cannot join the two sides (0 if none)."""
    for index in range(len(text) - 1, 0, -1):
        if text[index].isascii() and text[index - 1].isascii():
            return index
    return 0


class _Writer:
    def __init__(self, out, result: NormalizedText, recorder: ErrorRecorder) -> None:
        self.out = out
        self.result = result
        self.recorder = recorder
        self.lines = 0
        self.sentinels = 0

    def emit(self, text: str) -> None:
        if not text:
            return
        if _SENTINEL in text:
            self._locate(text)
            text = text.replace(_SENTINEL, "\ufffd")
        if not text.isascii():
            normal = unicodedata.normalize("NFC", text)
            if normal != text:
                self.result.changed_by_nfc = True
                text = normal
        self.lines += text.count("\n")
        self.result.chars += len(text)
        self.out.write(text)

    def _locate(self, text: str) -> None:
        start = 0
        while (index := text.find(_SENTINEL, start)) >= 0:
            if self.sentinels < len(self.recorder.found):
                offset, raw = self.recorder.found[self.sentinels]
                line = self.lines + text.count("\n", 0, index) + 1
                self.result.bad_bytes.append(BadBytes(offset=offset, raw=raw, line=line))
            self.sentinels += 1
            start = index + 1


def write_normalized(
    source: Path,
    encoding: str,
    *,
    workdir: Path | None = None,
    suffix: str = ".csv",
    max_reported: int = 100,
) -> NormalizedText:
    """Decode `source` with `encoding` and write the clean copy to a new temporary file."""
    fd, name = tempfile.mkstemp(prefix="tabular-", suffix=suffix, dir=workdir)
    result = NormalizedText(path=Path(name))
    recorder = ErrorRecorder(limit=max_reported, replacement=_SENTINEL)
    token = recording(recorder)
    try:
        decoder = codecs.getincrementaldecoder(encoding)(errors=RECORD_ERRORS)
        with (
            os.fdopen(fd, "w", encoding="utf-8", newline="") as out,
            open(source, "rb") as handle,
        ):
            writer = _Writer(out, result, recorder)
            carry = ""
            offset = 0
            while True:
                chunk = handle.read(CHUNK_SIZE)
                final = not chunk
                text = carry + decode_chunk(decoder, chunk, offset, final=final)
                offset += len(chunk)
                held = ""
                if not final and text.endswith("\r"):
                    text, held = text[:-1], "\r"
                if "\r" in text:
                    result.crlf = True
                    text = text.replace("\r\n", "\n").replace("\r", "\n")
                if final:
                    writer.emit(text)
                    break
                cut = text.rfind("\n") + 1
                if cut == 0 and len(text) > MAX_CARRY:
                    cut = _safe_cut(text)
                writer.emit(text[:cut])
                carry = text[cut:] + held
        result.bad_count = recorder.count
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    finally:
        stop_recording(token)
    return result


def rows_of_lines(path: Path, lines: list[int], *, delimiter: str, quote_char: str) -> dict:
    """Map 1-based physical lines of a CSV copy to the 1-based row (record) holding each.

    Rows are what Frictionless numbers: the header row is row 1 and a quoted cell spanning
    several lines makes one row of them. Parses only as far as the last line asked for.
    """
    wanted = sorted(set(lines))
    found: dict[int, int] = {}
    if not wanted:
        return found
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter=delimiter, quotechar=quote_char, strict=False)
        row = 0
        index = 0
        try:
            for _ in reader:
                row += 1
                while index < len(wanted) and wanted[index] <= reader.line_num:
                    found[wanted[index]] = row
                    index += 1
                if index == len(wanted):
                    break
        except csv.Error:
            pass
    return found

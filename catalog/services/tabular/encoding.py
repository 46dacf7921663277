"""Detect the text encoding of a whole file, reading it in chunks.

Order of evidence:
1. a byte order mark: UTF-8-sig, UTF-16 LE/BE (UTF-32 too);
2. UTF-16 without a mark, recognised by its NUL bytes;
3. strict UTF-8 over the whole file: valid, or valid with a few undecodable bytes (a corrupt
   UTF-8 file: the bytes are reported with offset and row, never silently skipped) when
   valid multi-byte characters outnumber them, or when reading the non-ASCII lines as UTF-8
   is more plausible than any single-byte reading;
4. otherwise a single-byte legacy encoding: Windows-1258 (Vietnamese Windows/Excel export),
   Windows-1252, Latin-1, plus chardet's guess, each scored on a sample of the lines holding
   non-ASCII bytes, wherever they are in the file, by how plausible the decoded words are
   (`plausibility.score`). A declared encoding is one more candidate; when the content shows
   another, the declaration is overruled and `mismatch` says so, so mis-declared
   Windows-1258 never passes as mojibake.

The same pass over a UTF-8 file (with or without a BOM) also finds whether it is clean:
every byte decodable, all text NFC, no lone CR. Frictionless then reads the original as it
is and no normalized copy is needed (`EncodingResult.clean`).
"""

from __future__ import annotations

import codecs
import contextvars
import re
from dataclasses import dataclass, field
from pathlib import Path

from catalog.services.tabular import plausibility
from catalog.services.tabular.clean_text import _ASCII_BYTES, CleanText, TextCheck

CHUNK_SIZE = 1 << 20
SAMPLE_LIMIT = 256 * 1024
CHARDET_LIMIT = 64 * 1024
RECORD_ERRORS = "catalog-tabular-record"
LEGACY_CANDIDATES = ("cp1258", "cp1252", "latin-1")
# When decoding as UTF-8 fails this often, and valid multi-byte characters are rare, the
# file is not UTF-8: stop counting and look at single-byte encodings.
GIVE_UP_ERRORS = 1000
_HIGH_LINE = re.compile(rb"[^\n]*[\x80-\xff][^\n]*\n?")


@dataclass
class ErrorRecorder:
    """Collects undecodable byte sequences reported by the `RECORD_ERRORS` handler."""

    limit: int = 100
    base: int = 0  # file offset of exc.object[0] for the decode call in progress
    count: int = 0
    found: list[tuple[int, bytes]] = field(default_factory=list)
    replacement: str = "\ufffd"


_RECORDER: contextvars.ContextVar[ErrorRecorder | None] = contextvars.ContextVar(
    "tabular_error_recorder", default=None
)
_registered = False


def _record(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    recorder = _RECORDER.get()
    if recorder is None:
        return "\ufffd", exc.end
    recorder.count += 1
    if len(recorder.found) < recorder.limit:
        recorder.found.append((recorder.base + exc.start, bytes(exc.object[exc.start : exc.end])))
    return recorder.replacement, exc.end


def recording(recorder: ErrorRecorder) -> contextvars.Token:
    """Route `RECORD_ERRORS` decode errors of this context to `recorder` (reset the token)."""
    global _registered
    if not _registered:
        codecs.register_error(RECORD_ERRORS, _record)
        _registered = True
    return _RECORDER.set(recorder)


def stop_recording(token: contextvars.Token) -> None:
    _RECORDER.reset(token)


def decode_chunk(decoder: codecs.IncrementalDecoder, chunk: bytes, offset: int, *, final=False):
    """Decode `chunk` (which starts at file `offset`) keeping recorded offsets exact."""
    recorder = _RECORDER.get()
    if recorder is not None:
        pending = decoder.getstate()[0]
        recorder.base = offset - len(pending)
    return decoder.decode(chunk, final)


@dataclass
class EncodingResult:
    encoding: str  # Python codec name to decode with, e.g. "utf-8", "utf-8-sig", "cp1258"
    bom: bool = False
    ascii: bool = False
    declared: str | None = None
    mismatch: bool = False  # a declared encoding was overruled by the content
    undecodable: int = 0  # UTF-8 sequences found undecodable (normalize locates them)
    candidates: dict[str, int] = field(default_factory=dict)  # legacy candidates' scores
    clean: CleanText | None = None  # set when no normalized copy is needed to read the text

    def describe(self) -> dict:
        out: dict = {"encoding": self.encoding, "bom": self.bom}
        if self.declared:
            out["declared"] = self.declared
            out["mismatch"] = self.mismatch
        if self.candidates:
            out["scores"] = dict(self.candidates)
        return out


def canonical(name: str | None) -> str | None:
    """Python's canonical codec name ("windows-1258" -> "cp1258"), None if unknown."""
    if not name:
        return None
    try:
        return codecs.lookup(name.strip()).name
    except LookupError:
        return None


def _is_legacy(name: str) -> bool:
    """A code page (single-byte, or a legacy CJK one), not a Unicode encoding."""
    return not name.startswith(("utf", "ascii"))


def _bom_encoding(head: bytes) -> tuple[str, int] | None:
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", 3
    if head.startswith(codecs.BOM_UTF32_LE) or head.startswith(codecs.BOM_UTF32_BE):
        return "utf-32", 4
    if head.startswith(codecs.BOM_UTF16_LE) or head.startswith(codecs.BOM_UTF16_BE):
        return "utf-16", 2
    return None


def _utf16_without_bom(head: bytes) -> str | None:
    """UTF-16 text of mostly ASCII characters has a NUL in every other byte."""
    sample = head[: 4096 - (len(head[:4096]) % 2)]
    if len(sample) < 8:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_nuls > 0.4 * half and even_nuls < 0.05 * half:
        return "utf-16-le"
    if even_nuls > 0.4 * half and odd_nuls < 0.05 * half:
        return "utf-16-be"
    return None


@dataclass
class _Utf8Scan:
    errors: int = 0
    multibyte: int = 0  # valid non-ASCII characters
    high_bytes: int = 0
    gave_up: bool = False
    sample: bytearray = field(default_factory=bytearray)
    clean: CleanText | None = None  # every byte decodable, NFC, no lone CR


def _scan_utf8(path: Path, codec: str = "utf-8", *, stop_unclean: bool = False) -> _Utf8Scan:
    """One pass over the file: UTF-8 errors, the legacy sample and the clean-text check.

    `stop_unclean`: stop reading as soon as the file is known not to be clean (when only
    that is asked: a UTF-8 BOM decides the encoding already).
    """
    scan = _Utf8Scan()
    check = TextCheck()
    following = True  # still possibly clean: keep checking
    recorder = ErrorRecorder(limit=0)
    token = recording(recorder)
    try:
        decoder = codecs.getincrementaldecoder(codec)(errors=RECORD_ERRORS)
        offset = 0
        with open(path, "rb") as handle:
            while chunk := handle.read(CHUNK_SIZE):
                if not chunk.isascii():
                    high_bytes = chunk.translate(None, _ASCII_BYTES)
                    high = len(high_bytes)
                    scan.high_bytes += high
                    if len(scan.sample) < SAMPLE_LIMIT and not stop_unclean:
                        for match in _HIGH_LINE.finditer(chunk):
                            scan.sample += match.group()
                            if len(scan.sample) >= SAMPLE_LIMIT:
                                break
                    if not scan.gave_up:
                        before = recorder.count
                        pending = decoder.getstate()[0] if following else b""
                        text = decode_chunk(decoder, chunk, offset)
                        new_errors = recorder.count - before
                        ascii_count = len(chunk) - high
                        scan.multibyte += max(0, len(text) - ascii_count - new_errors)
                        if following:
                            check.feed_text(chunk, text, high_bytes, pending)
                elif not scan.gave_up and decoder.getstate()[0]:
                    decode_chunk(decoder, chunk, offset)
                elif following:
                    check.feed_ascii(chunk)
                offset += len(chunk)
                scan.errors = recorder.count
                following = following and scan.errors == 0 and check.clean
                if stop_unclean and not following:
                    break
                if scan.errors >= GIVE_UP_ERRORS and scan.multibyte < 4 * scan.errors:
                    scan.gave_up = True
                    if len(scan.sample) >= SAMPLE_LIMIT:
                        break
            else:
                if not scan.gave_up:
                    decode_chunk(decoder, b"", offset, final=True)
                    scan.errors = recorder.count
                if following and scan.errors == 0:
                    scan.clean = check.finish()
    finally:
        stop_recording(token)
    return scan


def _chardet_guess(sample: bytes) -> str | None:
    try:
        import chardet
    except ImportError:  # pragma: no cover - chardet comes with frictionless
        return None
    guess = chardet.detect(bytes(sample[:CHARDET_LIMIT])).get("encoding")
    name = canonical(guess)
    if name and _is_legacy(name):
        return name
    return None


def score_candidates(sample: bytes, candidates: list[str]) -> dict[str, int]:
    scores: dict[str, int] = {}
    for name in candidates:
        text = bytes(sample).decode(name, errors="replace")
        scores[name] = plausibility.score(text) - 5 * text.count("\ufffd")
    return scores


def _utf8_evidence(sample: bytes) -> tuple[int, int]:
    """(score of the sample read as UTF-8, its valid multi-byte characters).

    Each undecodable sequence counts against UTF-8; each valid multi-byte character counts
    against a single-byte reading (it would be mojibake such as "Ã²" there). A few of either
    happen by chance; this weighs them with the plausibility of the words around them.
    """
    text = sample.decode("utf-8", errors="replace")
    errors = text.count("\ufffd")
    multibyte = sum(1 for char in text if not char.isascii()) - errors
    return plausibility.score(text) - errors, multibyte


def choose_single_byte(sample: bytes, declared: str | None = None) -> tuple[str, dict[str, int]]:
    """The best single-byte decoding of `sample`; ties go to the declared, then to cp1252.

    chardet's guess (e.g. a Greek or Cyrillic code page) must win clearly: a lone symbol
    such as "©" is no letter in Windows-1252 but some letter in many other code pages.
    """
    order: list[str] = []
    if declared and _is_legacy(declared):
        order.append(declared)
    for name in ("cp1252", "cp1258", "iso8859-1"):
        if name not in order:
            order.append(name)
    guess = _chardet_guess(sample)
    scores = score_candidates(sample, order + ([guess] if guess and guess not in order else []))
    best = max(order, key=lambda name: (scores[name], -order.index(name)))
    if guess and guess not in order:
        margin = max(2, abs(scores[best]) // 10)
        if scores[guess] >= scores[best] + margin:
            best = guess
    return best, scores


def detect_encoding(path: Path, declared: str | None = None) -> EncodingResult:
    """Detect the encoding of the file at `path`, reading all of it in chunks."""
    declared_name = canonical(declared)
    with open(path, "rb") as handle:
        head = handle.read(4096)

    bom = _bom_encoding(head)
    if bom is not None:
        name = bom[0]
        result = EncodingResult(encoding=name, bom=True)
        if name == "utf-8-sig":
            result.clean = _scan_utf8(path, name, stop_unclean=True).clean
    elif (utf16 := _utf16_without_bom(head)) is not None:
        result = EncodingResult(encoding=utf16)
    else:
        scan = _scan_utf8(path)
        if scan.errors == 0:
            result = EncodingResult(encoding="utf-8", ascii=scan.high_bytes == 0)
            result.clean = scan.clean
        elif not scan.gave_up and scan.multibyte >= 4 * scan.errors:
            result = EncodingResult(encoding="utf-8", undecodable=scan.errors)
        else:
            legacy_declared = declared_name if declared_name and _is_legacy(declared_name) else None
            sample = bytes(scan.sample)
            name, scores = choose_single_byte(sample, legacy_declared)
            utf8_score, multibyte = _utf8_evidence(sample)
            scores["utf-8"] = utf8_score
            if not scan.gave_up and utf8_score >= scores[name] - multibyte:
                result = EncodingResult(encoding="utf-8", undecodable=scan.errors)
            else:
                result = EncodingResult(encoding=name)
            result.candidates = scores

    if declared_name:
        result.declared = declared_name
        result.mismatch = not _agrees(declared_name, result)
    return result


def _agrees(declared: str, result: EncodingResult) -> bool:
    if declared == result.encoding:
        return True
    if result.ascii:
        return True  # pure ASCII reads the same in any ASCII-compatible encoding
    if result.encoding == "utf-8-sig" and declared == "utf-8":
        return True
    if result.encoding.startswith("utf-16") and declared.startswith("utf-16"):
        return True
    if result.encoding.startswith("utf-32") and declared.startswith("utf-32"):
        return True
    if result.candidates and declared in result.candidates:
        # a tie with the chosen legacy encoding is agreement (same text)
        return result.candidates[declared] >= result.candidates[result.encoding]
    return False

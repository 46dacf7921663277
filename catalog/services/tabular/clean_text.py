"""Whether a UTF-8 text can be validated as it is: every character NFC, no lone CR.

Checked chunk by chunk during the one scan of the file (`TextCheck`), carrying the end of
each chunk so that a combining mark at the start of the next is checked with its base.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_ASCII_BYTES = bytes(range(128))
_ASCII_CHAR = re.compile(r"[\x00-\x7f]")
_LONE_CR = re.compile(rb"\r(?!\n)")
# UTF-8 lead and continuation bytes of U+0080-U+02FF (Latin-1, Latin Extended-A/B, IPA,
# spacing modifiers) and, after E1, B8-BB: U+1E00-U+1EFF (Latin Extended Additional, the
# precomposed Vietnamese letters). Every one of these characters is NFC by itself, has
# combining class 0 and is never the second half of a composition, so text made of them and
# ASCII is NFC, and a cut before any of them is safe (test_clean_text pins this).
_STABLE_HIGH = bytes(range(0x80, 0xCC)) + b"\xe1"
_E1_UNSTABLE = re.compile(rb"\xe1(?![\xb8-\xbb])")
HEAD_CHARS = 64 * 1024  # the head of a clean text kept for sniffing its dialect
MAX_NFC_CARRY = 1 << 20  # a longer run without ASCII is not followed: the file gets a copy


@dataclass
class CleanText:
    """A UTF-8 text Frictionless can read as it is: decodable, NFC, no lone CR."""

    crlf: bool  # some line ends are CR LF
    head: str  # the first HEAD_CHARS characters (no BOM), for sniffing the dialect
    complete: bool  # `head` is the whole text


def _last_ascii(text: str, fallback: int, reach: int = 4096) -> int:
    """Index of the last ASCII character of `text` within `reach` of its end, else `fallback`."""
    for index in range(len(text) - 1, max(-1, len(text) - 1 - reach), -1):
        if text[index] < "\x80":
            return index
    return fallback


def _stable(high: bytes) -> bool:
    """Whether these non-ASCII UTF-8 bytes are all of stable letters (see `_STABLE_HIGH`)."""
    return not high.translate(None, _STABLE_HIGH) and _E1_UNSTABLE.search(high) is None


class TextCheck:
    """Follows a UTF-8 text chunk by chunk: is it all NFC, has it a lone CR; keeps its head.

    NFC never composes or reorders across a cut made just before an ASCII character (a
    starter that is no second half of any composition). Each decoded chunk is checked whole,
    and so is the piece from the previous chunk's last ASCII character to this chunk's first
    one: a combining mark at the start of a chunk is checked with its base letter. A chunk
    whose bytes are all ASCII or stable letters (`_STABLE_HIGH`: Vietnamese text) is NFC
    with no check, and a cut before any of its characters is safe. Line ends are looked at
    in the bytes (in UTF-8 a CR byte is a CR); a CR at a chunk's end is paired with a LF at
    the next chunk's start.
    """

    def __init__(self, head_chars: int = HEAD_CHARS) -> None:
        self.nfc = True
        self.crlf = False
        self.lone_cr = False
        self.head_chars = head_chars
        self._head: list[str] = []
        self._head_len = 0
        self._beyond_head = False
        self._tail = ""  # from the last ASCII character seen (not yet followed by a safe cut)
        self._cr_pending = False

    @property
    def clean(self) -> bool:
        return self.nfc and not self.lone_cr

    def feed_ascii(self, chunk: bytes) -> None:
        """An ASCII chunk (nothing pending in the decoder)."""
        self._line_ends(chunk)
        self._keep_head(chunk, None)
        self._tail = chr(chunk[-1])

    def feed_text(self, chunk: bytes, text: str, high: bytes | None = None, pending=b"") -> None:
        """A chunk of bytes and what decoding it gave: `text` starts with the character the
        decoder's `pending` bytes began. `high`: the chunk's non-ASCII bytes, if known."""
        self._line_ends(chunk)
        self._keep_head(None, text)
        if not text or not self.nfc:
            return
        if high is None:
            high = chunk.translate(None, _ASCII_BYTES)
        if _stable(high) and (
            not pending or _stable((pending + chunk[:3]).translate(None, _ASCII_BYTES))
        ):
            self._tail = text[-1:]  # NFC, and so is any cut: nothing to carry but the end
            return
        if not unicodedata.is_normalized("NFC", text):
            self.nfc = False
            return
        first = _ASCII_CHAR.search(text)
        if first is None:  # no safe cut in this chunk: it all joins the tail
            self._tail += text
            if len(self._tail) > MAX_NFC_CARRY or not unicodedata.is_normalized("NFC", self._tail):
                self.nfc = False
            return
        start = first.start()
        if start and self._tail and not unicodedata.is_normalized("NFC", self._tail + text[:start]):
            self.nfc = False
            return
        self._tail = text[_last_ascii(text, start) :]

    def finish(self) -> CleanText | None:
        if self._cr_pending:
            self.lone_cr = True  # the file ends with a CR
        if not self.clean:
            return None
        return CleanText(self.crlf, "".join(self._head), not self._beyond_head)

    def _line_ends(self, chunk: bytes) -> None:
        if self._cr_pending and chunk:
            self._cr_pending = False
            if chunk[:1] == b"\n":
                self.crlf = True
            else:
                self.lone_cr = True
        if b"\r" not in chunk:
            return
        if not self.crlf and b"\r\n" in chunk:
            self.crlf = True
        lone = _LONE_CR.search(chunk)
        if lone is None:
            return
        if lone.end() == len(chunk):  # the last byte: the next chunk may start with its LF
            self._cr_pending = True
        else:
            self.lone_cr = True

    def _keep_head(self, raw: bytes | None, text: str | None) -> None:
        if self._beyond_head:
            return
        need = self.head_chars - self._head_len
        if raw is not None:
            if len(raw) > need:
                self._beyond_head = True
            piece = raw[:need].decode("ascii")
        else:
            assert text is not None
            if len(text) > need:
                self._beyond_head = True
            piece = text[:need]
        self._head.append(piece)
        self._head_len += len(piece)

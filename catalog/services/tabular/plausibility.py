"""How plausible a decoded text is: Vietnamese syllables, or words of one script.

Used to choose between single-byte encodings that all decode any byte without error:
Windows-1258 text read as Windows-1252 or Latin-1 gives words such as "NguyêÞn" or "TrâÌn"
(mojibake), while the right decoding gives "Nguyễn", "Trần". Each word with a non-ASCII letter
scores +1 when it is a Vietnamese syllable or a plausible word of one script, -1 otherwise;
combining marks left over after NFC (a tone mark on a consonant) score -2.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
_VIETNAMESE_LETTERS = frozenset("aăâbcdđeêghiklmnoôơpqrstuưvxy")
_NUCLEI = (
    "a ă â e ê i o ô ơ u ư y "
    "ai ao au ay âu ây eo êu ia iê iu oa oă oe oi oo ôi ơi ua uâ uê ui uô uơ uy ưa ưi ươ ưu yê "
    "iêu yêu oai oay oeo uây uôi uya uyê uyu ươi ươu"
).split()
_SYLLABLE = re.compile(
    r"^(ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdđghklmnprstvx])?"
    r"(" + "|".join(sorted(_NUCLEI, key=len, reverse=True)) + r")"
    r"(ch|nh|ng|[cmnpt])?$"
)
# Latin-1 letters that occur in West European words; Icelandic eth/thorn are left out on
# purpose: they are what Windows-1258's đ and tone marks turn into under Windows-1252.
_WESTERN_EXTRA = frozenset("ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝßàáâãäåæçèéêëìíîïñòóôõöøùúûüýÿŒœŠšŽžŸ")
_PAIRABLE = frozenset("çñßÇÑ")
_WORD = re.compile(r"[^\W\d_]+")
_STRAY_MARK = re.compile(r"[\u0300-\u036f]")


def is_vietnamese_syllable(word: str) -> bool:
    """A Vietnamese syllable (any case) with at most one tone mark, e.g. "Nguyễn", "quyết"."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = sum(1 for char in decomposed if char in TONE_MARKS)
    if tones > 1:
        return False
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONE_MARKS))
    if not all(char in _VIETNAMESE_LETTERS for char in base):
        return False
    return _SYLLABLE.match(base) is not None


def _script(char: str) -> str:
    try:
        return unicodedata.name(char).split(" ", 1)[0]
    except ValueError:
        return "UNKNOWN"


def is_plausible_word(word: str) -> bool:
    """A word of one script that is not typical mojibake of another encoding."""
    scripts = {_script(char) for char in word if not char.isascii()}
    if len(scripts) != 1:
        return False
    if scripts != {"LATIN"}:
        return all(char.isascii() or _script(char) in scripts for char in word) and not any(
            char.isascii() for char in word
        )
    previous = ""
    for char in word:
        if not char.isascii():
            if char not in _WESTERN_EXTRA:
                return False
            if previous and not previous.isascii():
                if previous not in _PAIRABLE and char not in _PAIRABLE:
                    return False
            if char.isupper() and previous.islower():
                return False
        previous = char
    return True


@lru_cache(maxsize=65536)
def word_score(word: str) -> int:
    if word.isascii():
        return 0
    if is_vietnamese_syllable(word) or is_plausible_word(word):
        return 1
    return -1


def score(text: str, *, max_words: int = 50000) -> int:
    """Plausibility of a decoded sample; higher is better. NFC is applied first."""
    text = unicodedata.normalize("NFC", text)
    total = -2 * len(_STRAY_MARK.findall(text))
    counted = 0
    for match in _WORD.finditer(text):
        word = match.group()
        if word.isascii():
            continue
        total += word_score(word)
        counted += 1
        if counted >= max_words:
            break
    return total

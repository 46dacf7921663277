"""Vietnamese folding, applied alike to indexed text and to queries.

"Giáo dục" and "giao duc" both fold to "giao duc"; "Đất đai" folds to "dat dai".
"""

from __future__ import annotations

import unicodedata

_D_TABLE = str.maketrans({"đ": "d", "Đ": "d"})


def fold(text: str) -> str:
    """Lower-case, decompose (NFD), drop combining marks, map đ/Đ to d."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_TABLE))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped).lower()

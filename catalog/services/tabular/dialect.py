"""Find the delimiter and quote character of a CSV/TSV text from a sample of its head.

Python's and Frictionless' sniffer fail on what Excel writes in Vietnamese (and most
European) locales: `;` as the separator because `,` is the decimal mark, CR LF line ends, and
cells such as `"Loại 1; đóng bao"` that quote the separator; the file is then read as one
column and called valid. Here every candidate delimiter is tried with a real CSV parser and
the one that splits the rows into the same number (> 1) of cells most consistently wins.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

SAMPLE_CHARS = 64 * 1024
DELIMITERS = (",", ";", "\t", "|")


@dataclass(frozen=True)
class CsvDialect:
    delimiter: str = ","
    quote_char: str = '"'

    def describe(self) -> dict:
        return {"delimiter": self.delimiter, "quoteChar": self.quote_char}


def read_sample(path: Path, limit: int = SAMPLE_CHARS) -> tuple[str, bool]:
    """The first `limit` characters of a UTF-8 text and whether that is the whole file."""
    with open(path, encoding="utf-8", errors="replace", newline="") as handle:
        text = handle.read(limit)
        complete = handle.read(1) == ""
    return text, complete


def _widths(sample: str, delimiter: str, quote_char: str, complete: bool) -> list[int]:
    reader = csv.reader(
        io.StringIO(sample), delimiter=delimiter, quotechar=quote_char, strict=False
    )
    widths: list[int] = []
    try:
        for row in reader:
            if row and any(cell.strip() for cell in row):
                widths.append(len(row))
    except csv.Error:
        return []
    if not complete and len(widths) > 1:
        widths.pop()  # the last row may be cut off by the sample's end
    return widths


def _score(widths: list[int]) -> tuple[float, int, int]:
    """(consistency, header agreement, width) for one candidate; higher is better."""
    if not widths:
        return (0.0, 0, 0)
    width, count = Counter(widths).most_common(1)[0]
    if width < 2:
        return (0.0, 0, 1)
    consistency = count / len(widths)
    return (round(consistency, 2), int(widths[0] == width), width)


def sniff_dialect(sample: str, *, format: str = "csv", complete: bool = True) -> CsvDialect:
    """The most consistent (delimiter, quote char) for `sample`; TSV prefers tabs on ties."""
    delimiters = list(DELIMITERS)
    if format == "tsv":
        delimiters.remove("\t")
        delimiters.insert(0, "\t")
    quotes = ['"']
    if "'" in sample and sample.count("'") > sample.count('"'):
        quotes.append("'")
    best = CsvDialect(delimiter=delimiters[0])
    best_score: tuple[float, int, int] = (-1.0, 0, 0)
    for quote_char in quotes:
        for delimiter in delimiters:
            score = _score(_widths(sample, delimiter, quote_char, complete))
            if score > best_score:
                best, best_score = CsvDialect(delimiter, quote_char), score
    return best

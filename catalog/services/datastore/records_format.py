"""Row values as CKAN's DataStore answers them, whatever the database.

CKAN 2.11 builds records in PostgreSQL (`backend/postgres.py::search_data`):

* objects / lists: `array_to_json` / `to_json`, so numbers are JSON numbers (a float8 or
  numeric 10 is `10`), booleans `true`/`false`, dates `"2011-01-01"`, times `"10:00:00"`,
  timestamps `to_char(.., 'YYYY-MM-DD"T"HH24:MI:SS')` (no fraction), json as the value;
  non-finite floats are strings ("NaN", "Infinity").
* csv / tsv: `COPY (...) TO STDOUT csv` (DELIMITER ',' or tab): no header, lines end with
  `\\n`, NULL is an empty field, an empty string is `""`, a field is quoted when it holds the
  delimiter, a quote, CR or LF, booleans are `t`/`f`, other values their PostgreSQL text.

SQLite rows hold ints, floats, 0/1 and ISO text (see store.py); `decoder` turns a stored value
into the Python value PostgreSQL would give, then `json_value` / `copy_text` encode it.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import Any

Decoder = Callable[[Any], Any]


def _identity(value: Any) -> Any:
    return value


def _sqlite_bool(value: Any) -> Any:
    return None if value is None else bool(value)


def _lenient(parse: Callable[[Any], Any]) -> Decoder:
    """A decoder of stored text by `parse`, giving back what it cannot parse unchanged."""

    def decode(value: Any) -> Any:
        if value is None:
            return None
        try:
            return parse(value)
        except (TypeError, ValueError):
            return value

    return decode


_SQLITE_DECODERS: dict[str, Decoder] = {
    "bool": _sqlite_bool,
    "json": _lenient(json.loads),
    "timestamp": _lenient(dt.datetime.fromisoformat),
    "date": _lenient(dt.date.fromisoformat),
    "time": _lenient(dt.time.fromisoformat),
}


def decoder(ckan_type: str, dialect: str) -> Decoder:
    """Stored value -> the Python value PostgreSQL would give for that column type."""
    if dialect == "sqlite":
        return _SQLITE_DECODERS.get(ckan_type, _identity)
    return _identity


def _number(value: float | Decimal) -> Any:
    if isinstance(value, Decimal):
        if not value.is_finite():
            return "NaN" if value.is_nan() else ("Infinity" if value > 0 else "-Infinity")
        if value == value.to_integral_value() and abs(value.adjusted()) < 20:
            return int(value)
        return float(value)
    if not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    if value.is_integer() and abs(value) < 1e16:
        return int(value)
    return value


def json_value(value: Any) -> Any:
    """A decoded value as CKAN's records hold it (objects and lists formats)."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float | Decimal):
        return _number(value)
    if isinstance(value, dt.datetime):
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return value  # json values (dict, list)


def _float_text(value: float) -> str:
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    if value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    return repr(value)


def copy_text(value: Any) -> str | None:
    """A decoded value as PostgreSQL's COPY writes it (None is NULL)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, str):
        return value
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _float_text(value)
    if isinstance(value, Decimal):
        return str(value) if value.is_finite() else _float_text(float(value))
    if isinstance(value, dt.datetime):
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return json.dumps(value, ensure_ascii=False)


def copy_line(values: Sequence[Any], delimiter: str) -> str:
    """One COPY ... csv line (with its `\\n`) of decoded values."""
    out = []
    for value in values:
        text = copy_text(value)
        if text is None:
            out.append("")
        elif (
            text == ""
            or text == "\\."
            or delimiter in text
            or '"' in text
            or "\n" in text
            or "\r" in text
        ):
            out.append('"' + text.replace('"', '""') + '"')
        else:
            out.append(text)
    return delimiter.join(out) + "\n"


def encode_records(
    rows: Iterable[Sequence[Any]], columns: Sequence[str], records_format: str
) -> Any:
    """Decoded rows in one of CKAN's records formats (objects, lists, csv, tsv)."""
    if records_format == "objects":
        return [
            {name: json_value(value) for name, value in zip(columns, row, strict=True)}
            for row in rows
        ]
    if records_format == "lists":
        return [[json_value(value) for value in row] for row in rows]
    delimiter = "\t" if records_format == "tsv" else ","
    return "".join(copy_line(row, delimiter) for row in rows)

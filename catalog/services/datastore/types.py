"""DataStore column types: Frictionless -> CKAN type names, per-backend columns, converters.

CKAN names the types of DataStore fields by their PostgreSQL names (text, numeric, int4, int8,
float8, bool, date, time, timestamp, json); so do we, on both databases. Values are held as
Python values between the parts: int, float (float8), Decimal (numeric), bool, str,
datetime.date/time/datetime, and any JSON value for json. `coerce` checks a value sent to
datastore_create/upsert; cells.py turns the text of a validated CSV cell into that value.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

CKAN_TYPES = ("text", "numeric", "int4", "int8", "float8", "bool", "date", "time", "timestamp",
              "json")  # fmt: skip
# Names CKAN accepts for the same types (ckanext/datastore's _PG_TYPE_MAPPING and aliases).
TYPE_ALIASES = {
    "int": "int4", "integer": "int4", "int2": "int4", "smallint": "int4", "bigint": "int8",
    "float": "float8", "double precision": "float8", "float4": "float8", "real": "float8",
    "number": "numeric", "decimal": "numeric", "string": "text", "varchar": "text",
    "boolean": "bool", "timestamp without time zone": "timestamp", "datetime": "timestamp",
    "jsonb": "json", "object": "json", "array": "json",
}  # fmt: skip
INT_RANGES = {"int4": (-(2**31), 2**31 - 1), "int8": (-(2**63), 2**63 - 1)}

SQLITE_COLUMN = {
    "text": "TEXT", "numeric": "REAL", "int4": "INTEGER", "int8": "INTEGER", "float8": "REAL",
    "bool": "INTEGER", "date": "TEXT", "time": "TEXT", "timestamp": "TEXT", "json": "TEXT",
}  # fmt: skip
POSTGRES_COLUMN = {
    "text": "text", "numeric": "numeric", "int4": "int4", "int8": "int8", "float8": "float8",
    "bool": "boolean", "date": "date", "time": "time", "timestamp": "timestamp", "json": "json",
}  # fmt: skip

# Frictionless field type -> CKAN type (as ckanext-validation / frictionless-ckan map them).
_FRICTIONLESS = {
    "string": "text", "integer": "int8", "number": "numeric", "boolean": "bool",
    "date": "date", "time": "time", "datetime": "timestamp", "year": "int4",
    "yearmonth": "text", "duration": "text", "geopoint": "text", "geojson": "json",
    "object": "json", "array": "json", "list": "text", "any": "text",
}  # fmt: skip


def normalize_type(name: Any) -> str | None:
    """A CKAN type name from what a client sent (None: not a type we store)."""
    if not isinstance(name, str):
        return None
    key = name.strip().lower()
    key = TYPE_ALIASES.get(key, key)
    return key if key in CKAN_TYPES else None


def ckan_type_for(field: dict) -> str:
    """The CKAN type of a Table Schema field descriptor."""
    return _FRICTIONLESS.get(str(field.get("type") or "string"), "text")


# ---------------------------------------------------------------- shared parsing


def naive_utc(value: dt.datetime) -> dt.datetime:
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC).replace(tzinfo=None)
    return value


def iso_datetime(text: str) -> dt.datetime:
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    return naive_utc(dt.datetime.fromisoformat(text))


# ---------------------------------------------------------------- API values -> values


class CoercionError(ValueError):
    """A value that does not fit its field's type; the message is for the client."""


def coerce(value: Any, ckan_type: str) -> Any:
    """A value sent by a client (JSON) checked and converted for a field of `ckan_type`."""
    if value is None:
        return None
    try:
        return _COERCE[ckan_type](value)
    except CoercionError:
        raise
    except (ValueError, TypeError, InvalidOperation, OverflowError, RecursionError):
        raise CoercionError(f"invalid input for type {ckan_type}: {_short(value)}") from None


def _short(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)[:80]
    return repr(text[:80])


def _coerce_text(value: Any) -> str:
    if isinstance(value, str):
        text = value
    elif isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, int | float):
        text = str(value)
    else:
        text = json.dumps(value, ensure_ascii=False)
    if "\x00" in text:
        raise CoercionError("text may not contain NUL characters")
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            raise CoercionError("text is not valid Unicode (a lone surrogate)") from None
    return text


def _coerce_int(kind: str) -> Callable[[Any], int]:
    low, high = INT_RANGES[kind]

    def convert(value: Any) -> int:
        if isinstance(value, bool):
            raise TypeError
        if isinstance(value, float):
            if not value.is_integer():
                raise ValueError
            number = int(value)
        elif isinstance(value, str):
            number = int(value.strip())
        elif isinstance(value, int):
            number = value
        else:
            raise TypeError
        if not low <= number <= high:
            raise CoercionError(f"value {number} is out of range for type {kind}")
        return number

    return convert


def _coerce_float(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise TypeError
    number = float(value)
    if math.isinf(number) and not isinstance(value, str):
        raise ValueError
    return number


def _coerce_numeric(value: Any) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise TypeError
    number = Decimal(value.strip() if isinstance(value, str) else str(value))
    if not number.is_finite():
        raise ValueError
    if abs(number.adjusted()) > 300:
        raise CoercionError(f"value {_short(value)} is out of range for type numeric")
    return number


def _coerce_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        key = value.strip().lower()
        if key in ("true", "t", "yes", "y", "on", "1"):
            return True
        if key in ("false", "f", "no", "n", "off", "0"):
            return False
    raise ValueError


def _coerce_date(value: Any) -> dt.date:
    if not isinstance(value, str):
        raise TypeError
    text = value.strip()
    if "T" in text or " " in text:
        return iso_datetime(text.replace(" ", "T", 1)).date()
    return dt.date.fromisoformat(text)


def _coerce_time(value: Any) -> dt.time:
    if not isinstance(value, str):
        raise TypeError
    parsed = dt.time.fromisoformat(value.strip())
    return parsed.replace(tzinfo=None)


def _coerce_timestamp(value: Any) -> dt.datetime:
    if not isinstance(value, str):
        raise TypeError
    text = value.strip()
    if len(text) == 10:
        return dt.datetime.combine(dt.date.fromisoformat(text), dt.time())
    parsed = iso_datetime(text.replace(" ", "T", 1))
    if not dt.datetime(1, 1, 2) <= parsed <= dt.datetime(9999, 12, 30):
        raise ValueError
    return parsed


def _coerce_json(value: Any) -> Any:
    text = json.dumps(value, ensure_ascii=False, allow_nan=False)
    if "\\u0000" in text or "\x00" in text:
        raise CoercionError("json may not contain NUL characters")
    text.encode("utf-8")  # a lone surrogate: ValueError
    return value


_COERCE: dict[str, Callable[[Any], Any]] = {
    "text": _coerce_text,
    "numeric": _coerce_numeric,
    "int4": _coerce_int("int4"),
    "int8": _coerce_int("int8"),
    "float8": _coerce_float,
    "bool": _coerce_bool,
    "date": _coerce_date,
    "time": _coerce_time,
    "timestamp": _coerce_timestamp,
    "json": _coerce_json,
}


# ---------------------------------------------------------------- values -> storage / text


def sqlite_value(value: Any, ckan_type: str) -> Any:
    """A typed value as SQLite stores it (see the storage contract). Canonical text (see
    `canonical_text`) is stored as it is: the column's affinity makes numbers of it."""
    if value is None or isinstance(value, str):
        return value
    if ckan_type in ("date", "time", "timestamp"):
        return value.isoformat()
    if ckan_type == "bool":
        return 1 if value else 0
    if ckan_type == "numeric":
        return float(value)
    if ckan_type == "json":
        return json.dumps(value, ensure_ascii=False)
    return value


def postgres_value(value: Any, ckan_type: str) -> Any:
    """A typed value as psycopg sends it (json as its text; the column casts it)."""
    if value is not None and ckan_type == "json" and not isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return value


def sqlite_decoded(value: Any, ckan_type: str) -> Any:
    """A value read back from SQLite as the typed value it was stored from."""
    if value is None:
        return None
    if ckan_type == "date":
        return dt.date.fromisoformat(value)
    if ckan_type == "time":
        return dt.time.fromisoformat(value)
    if ckan_type == "timestamp":
        return dt.datetime.fromisoformat(value)
    if ckan_type == "bool":
        return bool(value)
    if ckan_type == "numeric":
        return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if ckan_type == "json":
        return json.loads(value)
    return value


def postgres_decoded(value: Any, ckan_type: str) -> Any:
    """A value read back from PostgreSQL (psycopg already gives typed values)."""
    return value


def text_of(value: Any) -> str:
    """A typed value as text, for the full-text column."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)

"""The `filters` of datastore_search as SQL conditions with bound values.

CKAN (`backend/postgres.py::_where_clauses`) writes `"col" = :v` for a value and
`"col" in (:v0, :v1)` for a list, turning the value into text for text columns (Python's
`str()`: 25 finds "25") and letting PostgreSQL cast it for the others, where a value of the
wrong shape is an "Invalid query" (409). Here the value is converted in Python for the
column's type instead (so both databases agree and nothing reaches SQL unchecked): a number
that no value of the column can equal (10.5 for an integer column, beyond 64 bits) simply
matches nothing, as in PostgreSQL; text that is not of the type is a 409.
"""

from __future__ import annotations

import json
import math
from decimal import Decimal, InvalidOperation
from typing import Any

from catalog.errors import ValidationFailed
from catalog.services.datastore.store import DatastoreField, quote
from catalog.services.datastore.types import INT_RANGES, CoercionError, coerce, sqlite_value

_NO_MATCH = object()
MAX_VALUES = 1000
PG_TYPE_NAMES = {
    "int4": "integer", "int8": "bigint", "numeric": "numeric", "float8": "double precision",
    "bool": "boolean", "date": "date", "time": "time without time zone",
    "timestamp": "timestamp without time zone",
}  # fmt: skip


def invalid_query(message: str) -> ValidationFailed:
    """CKAN's answer when PostgreSQL rejects a search (409, `query` and `info.orig`)."""
    return ValidationFailed({"query": ["Invalid query"], "info": {"orig": [message]}})


def _syntax(kind: str, value: Any) -> ValidationFailed:
    shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return invalid_query(f'invalid input syntax for type {PG_TYPE_NAMES[kind]}: "{shown[:200]}"')


def _number(value: Any) -> Decimal | None:
    """A JSON number as a Decimal (None for non-numbers; bools are not numbers)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return Decimal(value) if isinstance(value, int) else Decimal(repr(value))


def filter_value(value: Any, field: DatastoreField, dialect: str) -> Any:
    """One filter value converted for binding, or `_NO_MATCH` (see the module docstring)."""
    kind = field.type
    if isinstance(value, dict | list):
        raise invalid_query(f"operator does not exist: {PG_TYPE_NAMES.get(kind, kind)} = record")
    if kind == "text":
        return str(value)
    if value is None:
        return _NO_MATCH  # col = NULL is never true
    if kind == "json":
        raise invalid_query("operator does not exist: json = unknown")
    if kind in INT_RANGES:
        number = _number(value)
        if number is not None:
            low, high = INT_RANGES[kind]
            if number != number.to_integral_value() or not low <= number <= high:
                return _NO_MATCH
            return int(number)
    if kind in ("numeric", "float8"):
        number = _number(value)
        if number is not None:
            if dialect == "sqlite" or kind == "float8":
                return float(number)
            return number
        if isinstance(value, str):
            try:
                parsed = Decimal(value.strip())
            except InvalidOperation:
                raise _syntax(kind, value) from None
            if not parsed.is_finite() or abs(parsed.adjusted()) > 300:
                return _NO_MATCH
            return float(parsed) if dialect == "sqlite" or kind == "float8" else parsed
    if isinstance(value, float | int) and not isinstance(value, bool) and kind != "bool":
        raise _syntax(kind, value)
    try:
        typed = coerce(value, kind)
    except CoercionError as exc:
        if "out of range" in str(exc):
            raise invalid_query(f"value out of range for type {PG_TYPE_NAMES[kind]}") from None
        raise _syntax(kind, value) from None
    return sqlite_value(typed, kind) if dialect == "sqlite" else typed


def filter_conditions(
    filters: dict[str, Any], fields: dict[str, DatastoreField], dialect: str, params: dict
) -> list[str]:
    """SQL conditions for validated `filters` (known field ids), values added to `params`."""
    conditions = []
    for name, raw in filters.items():
        field = fields[name]
        column = quote(name)
        values = raw if isinstance(raw, list) else [raw]
        if isinstance(raw, list) and not raw:
            raise invalid_query('syntax error at or near ")"')
        if len(values) > MAX_VALUES:
            raise ValidationFailed({"filters": [f"At most {MAX_VALUES} values per field"]})
        converted = [filter_value(value, field, dialect) for value in values]
        kept = [value for value in converted if value is not _NO_MATCH]
        if not kept:
            conditions.append("1 = 0")
            continue
        marks = []
        for value in kept:
            key = f"f{len(params)}"
            params[key] = value
            marks.append(f":{key}")
        if isinstance(raw, list):
            conditions.append(f"{column} IN ({', '.join(marks)})")
        else:
            conditions.append(f"{column} = {marks[0]}")
    return conditions

"""The text of a validated CSV cell -> its DataStore value, by the field's Table Schema:
the fast per-row converter the loader uses (types.py has the type names and the API-side
`coerce`)."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from catalog.services.datastore.types import INT_RANGES, ckan_type_for, iso_datetime, naive_utc


def _number_parser(field: dict) -> Callable[[str], Any]:
    decimal_char = field.get("decimalChar", ".")
    group_char = field.get("groupChar", "")
    bare = field.get("bareNumber", True)

    def parse(text: str) -> Decimal:
        if group_char:
            text = text.replace(group_char, "")
        if decimal_char != ".":
            text = text.replace(decimal_char, ".")
        if not bare:
            text = re.sub(r"^[^0-9+\-.]+|[^0-9.]+$", "", text.strip())
        return Decimal(text)

    if decimal_char == "." and not group_char and bare:
        return Decimal
    return parse


def _in_range(parse: Callable[[str], int]) -> Callable[[str], int]:
    low, high = INT_RANGES["int8"]

    def checked(text: str) -> int:
        value = parse(text)
        if not low <= value <= high:
            raise ValueError(f"{text} is out of range for type int8")
        return value

    return checked


def _integer_parser(field: dict) -> Callable[[str], int]:
    if field.get("bareNumber", True) and not field.get("groupChar"):
        return _in_range(int)

    group_char = field.get("groupChar", "")

    def parse(text: str) -> int:
        if group_char:
            text = text.replace(group_char, "")
        return int(re.sub(r"^[^0-9+\-]+|[^0-9]+$", "", text.strip()))

    return _in_range(parse)


def _temporal_parser(kind: str, field: dict) -> Callable[[str], Any]:
    fmt = str(field.get("format") or "default")
    if fmt == "default":
        if kind == "date":
            return dt.date.fromisoformat
        if kind == "time":
            return dt.time.fromisoformat
        return iso_datetime
    pattern = fmt[4:] if fmt.startswith("fmt:") else fmt

    def parse(text: str) -> Any:
        if pattern == "any":
            from dateutil import parser as dateutil_parser

            value = dateutil_parser.parse(text)
        else:
            value = dt.datetime.strptime(text, pattern)
        if kind == "date":
            return value.date()
        if kind == "time":
            return value.time()
        return naive_utc(value)

    return parse


def _bool_parser(field: dict) -> Callable[[str], bool]:
    true_values = set(field.get("trueValues") or ["true", "True", "TRUE", "1"])
    false_values = set(field.get("falseValues") or ["false", "False", "FALSE", "0"])

    def parse(text: str) -> bool:
        if text in true_values:
            return True
        if text in false_values:
            return False
        raise ValueError(f"{text!r} is not a boolean")

    return parse


def _year_parser(text: str) -> int:
    return int(text)


def cell_parser(field: dict) -> Callable[[str], Any]:
    """The parser of one field's non-missing cells (raises ValueError on a bad cell)."""
    kind = str(field.get("type") or "string")
    if kind == "integer":
        return _integer_parser(field)
    if kind == "number":
        return _number_parser(field)
    if kind == "boolean":
        return _bool_parser(field)
    if kind in ("date", "time", "datetime"):
        return _temporal_parser(kind, field)
    if kind == "year":
        return _year_parser
    if ckan_type_for(field) == "json":
        return json.loads
    return str


def canonical_text(field: dict) -> bool:
    """Whether a valid cell of this field is already text both databases read as its value
    (a default-format integer, number, date or time, or text): then it is passed on as it
    is, unconverted, and PostgreSQL's COPY or SQLite's column affinity types it."""
    kind = str(field.get("type") or "string")
    if ckan_type_for(field) == "text" or kind == "year":
        return kind not in ("geojson", "object", "array")
    if kind == "integer":
        return bool(field.get("bareNumber", True)) and not field.get("groupChar")
    if kind == "number":
        return (field.get("decimalChar", ".") == "." and not field.get("groupChar")
                and bool(field.get("bareNumber", True)))  # fmt: skip
    if kind in ("date", "time"):
        return str(field.get("format") or "default") == "default"
    return False


def row_converter(
    fields: list[dict], missing_values: list[str] | None = None
) -> Callable[[list[str]], tuple]:
    """Turns a CSV row (list of cell texts, in field order) into a tuple of values.

    Missing values (the schema's `missingValues`, default [""]) become None; cells of
    `canonical_text` fields stay text; the others are parsed into typed values. The function
    is generated for the schema, so a row costs one tuple display and no Python loop.
    """
    missing = frozenset(missing_values if missing_values is not None else [""])
    namespace: dict[str, Any] = {"M": missing}
    parts = []
    for index, field in enumerate(fields):
        cell = f"c[{index}]"
        if canonical_text(field):
            value = cell
            if field.get("type") == "integer":  # a long one is checked against int8
                namespace[f"r{index}"] = _in_range(int)
                value = f"({cell} if len({cell}) < 19 else r{index}({cell}))"
            if missing == {""}:
                parts.append(f"({value} if {cell} else None)")
            else:
                parts.append(f"(None if {cell} in M else {value})")
            continue
        namespace[f"p{index}"] = cell_parser(field)
        test = f"{cell} == ''" if missing == {""} else f"{cell} in M"
        parts.append(f"(None if {test} else p{index}({cell}))")
    body = ", ".join(parts) + ("," if len(parts) == 1 else "")
    source = f"def convert(c):\n    return ({body})\n"
    exec(compile(source, "<row_converter>", "exec"), namespace)  # noqa: S102 - built here
    return namespace["convert"]  # callers check the row's width first

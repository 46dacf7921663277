"""Typed rows of a validated spreadsheet (XLSX, XLS) or JSON table, for the loader.

The file is read by Frictionless as the validation read it (tabular/resources.py: the
workbook's first sheet with the header Frictionless finds; a JSON table's rows streamed by
ijson into an inline table), with the same Table Schema, so each cell becomes the value the
validation checked. Only the schema's constraints and keys are left out: they were checked
already and would make Frictionless remember every key. Each row becomes the tuple
`DatastoreStore.create_table` takes: int, Decimal, bool, str (NFC), date, time, naive UTC
datetime, dict/list for json; None for a missing value; the text types (yearmonth, duration,
geopoint, list, any) as Frictionless writes them. Rows stream in file order: openpyxl in
read-only mode, xlrd (an XLS workbook is read whole by xlrd, as the validation did), ijson.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

from catalog.services.datastore.loader import LoadError, LoadPlan
from catalog.services.datastore.types import INT_RANGES, ckan_type_for, naive_utc

# Frictionless types whose values are kept as read; any other is written as text.
TYPED = ["string", "integer", "number", "boolean", "date", "time", "datetime", "year",
         "object", "array", "geojson"]  # fmt: skip
_KEYS = ("primaryKey", "foreignKeys", "uniqueKeys")


def reading_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema without what only validation needs (constraints, keys)."""
    fields = [
        {key: value for key, value in item.items() if key != "constraints"}
        for item in schema.get("fields") or []
    ]
    return {**{k: v for k, v in schema.items() if k not in _KEYS}, "fields": fields}


def _nfc(value: str) -> str:
    if value.isascii() or unicodedata.is_normalized("NFC", value):
        return value
    return unicodedata.normalize("NFC", value)


def _plain_json(value: Any) -> Any:
    """A JSON value without the Decimals ijson reads numbers as (json.loads' int/float)."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dict):
        return {str(key): _plain_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain_json(item) for item in value]
    if isinstance(value, str):
        return _nfc(value)
    return value


def _int8(value: Any) -> int:
    low, high = INT_RANGES["int8"]
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValueError(f"{value} is out of range for type int8")
    return value


def _date(value: Any) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def _time(value: Any) -> dt.time:
    return value.replace(tzinfo=None)


def _text(value: Any) -> str:
    return _nfc(value if isinstance(value, str) else str(value))


_CONVERT: dict[str, Callable[[Any], Any]] = {
    "int8": _int8, "date": _date, "time": _time, "timestamp": naive_utc, "json": _plain_json,
    "text": _text,
}  # fmt: skip


def _converters(fields: list[dict]) -> list[Callable[[Any], Any] | None]:
    return [_CONVERT.get(ckan_type_for(field)) for field in fields]


def read_table_rows(plan: LoadPlan) -> Iterator[tuple]:
    """The data rows of the XLSX, XLS or JSON file of `plan` as typed tuples, in file order."""
    from frictionless import FrictionlessException

    fields = plan.schema.get("fields") or []
    converters = _converters(fields)
    row_number = 1
    try:
        with _table(plan) as resource:
            labels = [_nfc(str(label)) for label in resource.labels or []]
            wanted = [_nfc(label) for label in plan.labels]
            if plan.labels and labels != wanted:
                raise LoadError(
                    "The header is not the one the validation read "
                    f"({', '.join(labels[:5])}): validate the file again"
                )
            for row in resource.row_stream:
                row_number = row.row_number
                values = row.to_list(types=TYPED)
                if row.errors:
                    raise LoadError(f"Row {row_number}: {row.errors[0].message}")
                yield tuple(
                    value if value is None or convert is None else convert(value)
                    for value, convert in zip(values, converters, strict=True)
                )
    except FrictionlessException as error:
        raise LoadError(f"The file could not be read: {error.error.message}") from None
    except (ValueError, ArithmeticError, TypeError) as error:
        raise LoadError(f"Row {row_number}: a cell does not match its type ({error})") from None


@contextmanager
def _table(plan: LoadPlan) -> Iterator[Any]:
    """The Frictionless table resource of the file, open."""
    from frictionless import Schema

    from catalog.services.tabular.resources import spreadsheet_resource

    schema = reading_schema(plan.schema)
    if plan.format in ("xlsx", "xls"):
        resource = spreadsheet_resource(plan.path, plan.format, schema).resource
        with resource:
            yield resource
        return
    with _json_text(plan) as path:
        from frictionless.resources import TableResource

        from catalog.services.tabular.json_tables import JsonRows, sniff_json_table
        from catalog.services.tabular.resources import RESOURCE_NAME

        shape = sniff_json_table(path).shape
        if shape is None:
            raise LoadError("The JSON file is not a table")
        # As the validation: object rows by the given schema's names, else the first keys.
        names = [str(field.get("name", "")) for field in schema["fields"]]
        header = names if plan.schema_given and shape.keyed else None
        rows = JsonRows(path, shape, header=header)
        resource = TableResource(name=RESOURCE_NAME, data=rows, format="inline",
                                 schema=Schema.from_descriptor(schema))  # fmt: skip
        with resource:
            yield resource
        if rows.problems:  # a row the validation saw is not there now
            raise LoadError(rows.problems[0]["message"])


@contextmanager
def _json_text(plan: LoadPlan) -> Iterator[Path]:
    """The JSON text the validation read: the file when it is clean UTF-8 NFC, else a
    UTF-8 NFC copy (written under `plan.workdir`, deleted after)."""
    if plan.clean:  # ijson skips a BOM
        yield plan.path
        return
    from catalog.services.tabular.normalize import write_normalized

    copy = write_normalized(plan.path, plan.encoding, workdir=plan.workdir, suffix=".json")
    try:
        if copy.bad_count:
            raise LoadError(f"The file has bytes that are not {plan.encoding}")
        yield copy.path
    finally:
        copy.path.unlink(missing_ok=True)

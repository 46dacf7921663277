"""Row writes of the steward actions: create / alter a table, upsert, delete (CKAN 2.11).

Each call is one transaction on the DataStore database; any error rolls all of it back.
Errors are `ValidationFailed` with CKAN's keys and messages (`fields`, `records`,
`records_row`, `key`, `table`, `filters`, `primary_key`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError, IntegrityError

from catalog.errors import ValidationFailed
from catalog.services.datastore.indexes import create_search_indexes
from catalog.services.datastore.loader import field_problem
from catalog.services.datastore.rows import delete_rows, insert_rows, typed_rows
from catalog.services.datastore.store import DatastoreField, DatastoreStore, TableInfo, quote
from catalog.services.datastore.types import (
    POSTGRES_COLUMN,
    CoercionError,
    coerce,
    normalize_type,
    postgres_value,
    sqlite_value,
    text_of,
)

METHODS = ("upsert", "insert", "update")


class DryRun(Exception):
    """Raised inside a dry run's transaction to roll it back."""


MAX_COLUMNS = 1000


@dataclass(frozen=True)
class FieldSpec:
    id: str
    type: str | None  # None: guess from the records (CKAN guesses text/int/float/json)
    info: dict | None


def parse_fields(fields: Any) -> list[FieldSpec]:
    """The `fields` parameter checked (409 `fields` errors as CKAN words them)."""
    if fields is None:
        return []
    if not isinstance(fields, list):
        raise ValidationFailed({"fields": ["Not a list"]})
    if len(fields) > MAX_COLUMNS:
        raise ValidationFailed({"fields": [f"At most {MAX_COLUMNS} fields"]})
    specs: list[FieldSpec] = []
    seen: set[str] = set()
    for item in fields:
        if not isinstance(item, dict) or item.get("id") in (None, ""):
            raise ValidationFailed({"fields": [{"id": ["Missing value"]}]})
        field_id = item["id"]
        if not isinstance(field_id, str) or field_problem(field_id):
            raise ValidationFailed({"fields": [f'"{field_id}" is not a valid field name']})
        if field_id in seen:
            raise ValidationFailed({"fields": [f'Duplicate column: "{field_id}"']})
        seen.add(field_id)
        kind = item.get("type")
        if kind in (None, ""):
            kind = None
        else:
            kind = normalize_type(kind)
            if kind is None:
                raise ValidationFailed(
                    {"fields": [f'"{item.get("type")}" is not a valid field type']}
                )
        info = item.get("info")
        if info is not None and not isinstance(info, dict):
            raise ValidationFailed({"fields": [{"info": ["Not a dict"]}]})
        specs.append(FieldSpec(field_id, kind, info))
    return specs


def parse_records(records: Any) -> list[dict[str, Any]]:
    if records is None:
        return []
    if not isinstance(records, list):
        raise ValidationFailed({"records": ["Not a list"]})
    for number, record in enumerate(records):
        if not isinstance(record, dict):
            raise ValidationFailed(
                {"records": ["The data was invalid (for example: a numeric value is out of "
                             "range or was inserted into a text field)."], "records_row": number}
            )  # fmt: skip
    return records


def _guess(value: Any) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int8" if abs(value) < 2**63 else "numeric"
    if isinstance(value, float):
        return "float8"
    if isinstance(value, dict | list):
        return "json"
    return "text"


def create(
    store: DatastoreStore,
    resource_id: str,
    specs: list[FieldSpec],
    records: list[dict[str, Any]],
    primary_key: list[str] | None,
    delete_fields: bool = False,
) -> TableInfo:
    """datastore_create: a new table, or the table altered (fields added, changed or with
    `delete_fields` removed; primary key replaced), then the records appended."""
    with store.begin() as connection:
        store.serialize_writers(connection, resource_id)
        current = store.lock(connection, resource_id)
        fields = _merged_fields(current, specs, records, delete_fields)
        key = list(current.primary_key) if current and primary_key is None else primary_key or []
        missing = [name for name in key if not any(f.id == name for f in fields)]
        if missing:
            raise ValidationFailed({"primary_key": [f'fields "{", ".join(missing)}" do not exist']})
        if current is None or _changed(current, fields, key):
            rows = _carried_rows(store, connection, current, fields)
            current = _guarded(lambda: store.replace_in(connection, resource_id, fields, rows, key))
            create_search_indexes(connection, store.dialect, current)
        if records:
            current = _insert(store, connection, current, records)
        return current


def _merged_fields(
    current: TableInfo | None,
    specs: list[FieldSpec],
    records: list[dict[str, Any]],
    delete_fields: bool,
) -> list[DatastoreField]:
    existing = {f.id: f for f in current.fields} if current else {}
    given = {spec.id: spec for spec in specs}
    for record in records:  # CKAN adds the records' unknown keys as guessed columns
        for key in record:
            if key != "_id" and key not in given and key not in existing:
                if not isinstance(key, str) or field_problem(key):
                    raise ValidationFailed({"fields": [f'"{key}" is not a valid field name']})
                given[key] = FieldSpec(key, None, None)
    fields: list[DatastoreField] = []
    for field in existing.values():
        if field.id in given:
            spec = given.pop(field.id)
            info = spec.info if spec.info is not None else field.info
            fields.append(DatastoreField(field.id, spec.type or field.type, info))
        elif not (delete_fields and specs):
            fields.append(field)
    for spec in given.values():
        kind = spec.type
        if kind is None:
            sample = next((r[spec.id] for r in records if r.get(spec.id) is not None), None)
            kind = _guess(sample)
        fields.append(DatastoreField(spec.id, kind, spec.info or {}))
    if len(fields) > MAX_COLUMNS:
        raise ValidationFailed({"fields": [f"At most {MAX_COLUMNS} fields"]})
    return fields


def _changed(current: TableInfo, fields: list[DatastoreField], key: list[str]) -> bool:
    return current.fields != fields or current.primary_key != key


def _carried_rows(
    store: DatastoreStore,
    connection: Connection,
    current: TableInfo | None,
    fields: list[DatastoreField],
) -> Iterable[tuple]:
    """The current rows in the new field layout (values converted to changed types)."""
    if current is None or current.count == 0:
        return []
    old = [f.id for f in current.fields]
    rows = []
    for row_id, values in typed_rows(store, connection, current):
        by_name = dict(zip(old, values, strict=True))
        try:
            rows.append(tuple(_recast(by_name.get(f.id), f.type) for f in fields))
        except CoercionError as error:
            raise ValidationFailed(
                {"fields": [f"The existing rows cannot be changed to the new types: {error}"],
                 "records_row": row_id - 1}
            ) from None  # fmt: skip
    return rows


def _recast(value: Any, kind: str) -> Any:
    if value is None:
        return None
    if kind == "text":
        return text_of(value)
    if isinstance(value, Decimal):
        value = str(value)
    elif hasattr(value, "isoformat"):
        value = value.isoformat()
    return coerce(value, kind)


def _guarded(work):
    try:
        return work()
    except IntegrityError as error:
        raise ValidationFailed({"records": [_db_message(error)]}) from None
    except DBAPIError as error:
        raise ValidationFailed({"records": [_db_message(error)]}) from None


def _db_message(error: DBAPIError) -> str:
    lines = str(error.orig).strip().splitlines()
    message = lines[0] if lines else "The data was invalid"
    if "UNIQUE" in message or "duplicate key" in message:
        return "duplicate key value violates unique constraint"
    return message[:300]


def _typed_record(info: TableInfo, record: dict[str, Any], number: int) -> dict[str, Any]:
    unknown = [key for key in record if key != "_id" and info.field(key) is None]
    if unknown:
        raise ValidationFailed(
            {"fields": [f'fields "{", ".join(map(str, unknown))}" do not exist']}
        )
    typed: dict[str, Any] = {}
    for key, value in record.items():
        if key == "_id":
            continue
        kind = info.field(key).type
        if value == "" and kind != "text":
            value = None  # CKAN: an empty string is NULL in a non-text column
        try:
            typed[key] = coerce(value, kind)
        except CoercionError as error:
            raise ValidationFailed({"records": [str(error)], "records_row": number}) from None
    return typed


def _next_id(connection: Connection, info: TableInfo) -> int:
    last = connection.execute(text(f"SELECT max(_id) FROM {info.sql_name}")).scalar()
    return int(last or 0) + 1


def _insert(store: DatastoreStore, connection: Connection, info: TableInfo,
            records: Sequence[dict[str, Any]]) -> TableInfo:  # fmt: skip
    next_id = _next_id(connection, info)
    rows = []
    for number, record in enumerate(records):
        typed = _typed_record(info, record, number)
        rows.append((next_id + number, tuple(typed.get(f.id) for f in info.fields)))
    _guarded(lambda: insert_rows(store, connection, info, rows))
    store.lock(connection, info.resource_id)
    store.set_count(connection, info, info.count + len(rows))
    return store.lock(connection, info.resource_id) or info


def upsert(store: DatastoreStore, resource_id: str, records: list[dict[str, Any]],
           method: str, *, dry_run: bool = False) -> None:  # fmt: skip
    """datastore_upsert with method upsert / insert / update, all records or none
    (`dry_run`: checked, then rolled back)."""
    try:
        _upsert_all(store, resource_id, records, method, dry_run)
    except DryRun:
        pass


def _upsert_all(store: DatastoreStore, resource_id: str, records: list[dict[str, Any]],
                method: str, dry_run: bool) -> None:  # fmt: skip
    with store.begin() as connection:
        store.serialize_writers(connection, resource_id)
        info = store.describe(resource_id, connection)
        if info is None:
            raise LookupError(resource_id)
        if method == "insert":
            _insert(store, connection, info, records)
        else:
            _upsert(store, connection, info, records, method)
        if dry_run:
            raise DryRun


def _upsert(store: DatastoreStore, connection: Connection, info: TableInfo,
            records: list[dict[str, Any]], method: str) -> None:  # fmt: skip
    key = info.primary_key
    added = 0
    next_id = _next_id(connection, info)
    for number, record in enumerate(records):
        typed = _typed_record(info, record, number)
        if "_id" in record:
            try:
                row_id = coerce(record["_id"], "int8")
            except CoercionError as error:
                raise ValidationFailed({"records": [str(error)], "records_row": number}) from None
            where, params = "_id = :k0", {"k0": row_id}
        elif not key:
            raise ValidationFailed({"table": ["unique key must be passed for update/upsert"]})
        else:
            missing = [name for name in key if name not in record]
            if missing:
                raise ValidationFailed(
                    {"key": [f'fields "{", ".join(missing)}" are missing but needed as key']}
                )
            where, params = _key_where(store, info, {name: typed[name] for name in key})
        found = list(typed_rows(store, connection, info, where, params))
        if found:
            row_id, values = found[0]
            merged = dict(zip([f.id for f in info.fields], values, strict=True)) | typed
            delete_rows(connection, info, [row_id])
            new = (row_id, tuple(merged.get(f.id) for f in info.fields))
            _guarded(lambda new=new: insert_rows(store, connection, info, [new]))
        elif method == "update" or "_id" in record:
            shown = record.get("_id", {name: record[name] for name in key})
            raise ValidationFailed({"key": [f'key "{shown}" not found']})
        else:
            new = (next_id, tuple(typed.get(f.id) for f in info.fields))
            _guarded(lambda new=new: insert_rows(store, connection, info, [new]))
            next_id += 1
            added += 1
    store.lock(connection, info.resource_id)
    store.set_count(connection, info, info.count + added)


def _key_where(store: DatastoreStore, info: TableInfo, values: dict[str, Any]):
    parts, params = [], {}
    for index, (name, value) in enumerate(values.items()):
        kind = info.field(name).type
        if value is None:
            parts.append(f"{quote(name)} IS NULL")
            continue
        stored = (
            sqlite_value(value, kind) if store.dialect == "sqlite" else postgres_value(value, kind)
        )
        params[f"k{index}"] = stored
        cast = (
            f"CAST(:k{index} AS {POSTGRES_COLUMN[kind]})"
            if store.dialect == "postgresql"
            else f":k{index}"
        )
        parts.append(f"{quote(name)} = {cast}")
    return " AND ".join(parts), params


def delete(store: DatastoreStore, resource_id: str, filters: dict[str, Any] | None) -> bool:
    """datastore_delete: the rows matching `filters`, or (None) the whole table.
    Returns False when the resource has no table."""
    with store.begin() as connection:
        store.serialize_writers(connection, resource_id)
        info = store.describe(resource_id, connection)
        if info is None:
            return False
        if filters is None:
            return store.drop_in(connection, resource_id)
        where, params = _filters_where(store, info, filters)
        ids = [row_id for row_id, _ in typed_rows(store, connection, info, where, params)]
        delete_rows(connection, info, ids)
        store.lock(connection, resource_id)
        store.set_count(connection, info, info.count - len(ids))
        return True


def _filters_where(store: DatastoreStore, info: TableInfo, filters: dict[str, Any]):
    parts, params = [], {}
    for column, wanted in filters.items():
        field = info.field(column) if isinstance(column, str) else None
        if column == "_id":
            field = DatastoreField("_id", "int8")
        if field is None:
            raise ValidationFailed({"filters": [f'field "{column}" not in table']})
        values = wanted if isinstance(wanted, list) else [wanted]
        alternatives = []
        for value in values:
            if value is None:
                alternatives.append(f"{quote(field.id)} IS NULL")
                continue
            try:
                typed = coerce(value, field.type)
            except CoercionError as error:
                raise ValidationFailed({"filters": [str(error)]}) from None
            index = len(params)
            if store.dialect == "sqlite":
                params[f"f{index}"] = sqlite_value(typed, field.type)
                alternatives.append(f"{quote(field.id)} = :f{index}")
            elif field.type == "json":
                params[f"f{index}"] = postgres_value(typed, "json")
                alternatives.append(f"{quote(field.id)}::jsonb = CAST(:f{index} AS jsonb)")
            else:
                params[f"f{index}"] = typed
                alternatives.append(f"{quote(field.id)} = :f{index}")
        parts.append("(" + (" OR ".join(alternatives) or "FALSE") + ")")
    return " AND ".join(parts) or "1 = 1", params

"""datastore_search's parameters, checked as CKAN 2.11 checks them, in CKAN's two steps.

1. `validate_search` is `ckanext/datastore/logic/schema.py::datastore_search_schema` run by
   navl: `id` renamed to `resource_id`, defaults (limit 100, include_total true,
   records_format objects), types converted, `limit` clamped to 32000, unknown keys under
   `__junk` ("The input field [('key',)] was not expected."). All errors in one 409.
2. `search_spec` is the backend's `validate` + `datastore_validate` against the table: a
   filter, `q` column, field or sort clause naming no column, or a negative offset, gives
   `{"<key>": ['invalid value "<first offender>"']}` (409).
"""

from __future__ import annotations

import json
import re
from typing import Any

from catalog.errors import ValidationFailed
from catalog.services.datastore.query import SearchSpec, column_types
from catalog.services.datastore.store import TableInfo
from catalog.services.validation import as_bool

LARGEST = 2**62
ROWS_DEFAULT = 100
ROWS_MAX = 32000
RECORDS_FORMATS = ["objects", "lists", "csv", "tsv"]
SCHEMA_KEYS = (
    "resource_id", "id", "q", "plain", "filters", "language", "limit", "offset", "fields",
    "sort", "distinct", "include_total", "total_estimation_threshold", "records_format",
    "full_text",
)  # fmt: skip
_SORT = re.compile(r"^(.+?)( +(asc|desc))?( nulls +(first|last) *)?$", re.I | re.S)
_MISSING = object()


def unicode_safe(value: Any) -> str:
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    try:
        return json.dumps(value, sort_keys=True, ensure_ascii=False)
    except (TypeError, ValueError):
        return str(value)


def int_value(value: Any) -> int | None:
    """CKAN's int_validator: None for blanks, ValueError("Invalid integer") otherwise;
    clamped to 62 bits, which databases can count in."""
    parsed = _int_value(value)
    return None if parsed is None else max(-LARGEST, min(parsed, LARGEST))


def _int_value(value: Any) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool | int):
        return int(value)
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise ValueError("Invalid integer")
    if isinstance(value, str):
        try:
            return int(value.strip())
        except ValueError:
            pass
    raise ValueError("Invalid integer")


def _json_value(value: Any) -> Any:
    if isinstance(value, list | dict):
        return value
    try:
        return json.loads(value)
    except (TypeError, ValueError, RecursionError):
        raise ValueError("Cannot parse JSON") from None


def _unicode_or_json(value: Any) -> Any:
    if value is None or isinstance(value, dict):
        return value
    try:
        parsed = _json_value(value)
    except ValueError:
        return str(value)
    return parsed if isinstance(parsed, dict) else str(value)


def _strings_or_string(value: Any) -> Any:
    if isinstance(value, str):
        return value
    if not isinstance(value, list):
        raise ValueError("Not a list")
    for item in value:
        if not isinstance(item, str | list):
            raise ValueError(f"Neither a string nor a list: {item}")
    return value


def _dict_list(value: Any) -> bool:
    """navl flattens a list of dicts into keys of their own (which no schema entry names)."""
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _junk(data: dict[str, Any]) -> list[tuple]:
    """navl's flattened keys of the input keys the schema does not know."""
    keys: list[tuple] = []
    for key, value in data.items():
        if _dict_list(value):
            keys.extend((key, i, sub) for i, item in enumerate(value) for sub in item)
        elif key not in SCHEMA_KEYS:
            keys.append((key,))
    return keys


def validate_search(data: dict[str, Any]) -> dict[str, Any]:
    """The validated data dict (what CKAN echoes back), or ValidationFailed."""
    errors: dict[str, list[str]] = {}
    out: dict[str, Any] = {}
    data = dict(data)
    if data.get("id"):
        data["resource_id"] = data.pop("id")
    data.pop("id", None)
    resource_id = data.get("resource_id", _MISSING)
    if resource_id is _MISSING or (not resource_id and resource_id not in (False, 0)):
        errors["resource_id"] = ["Missing value"]
    else:
        out["resource_id"] = unicode_safe(resource_id)
    converters = {
        "q": _unicode_or_json, "filters": _json_value, "fields": _strings_or_string,
        "sort": _strings_or_string, "language": unicode_safe, "full_text": unicode_safe,
        "plain": as_bool, "distinct": as_bool, "offset": int_value,
    }  # fmt: skip
    for key, value in data.items():
        if key not in converters or value is None or _dict_list(value):
            continue
        try:
            out[key] = converters[key](value)
        except ValueError as exc:
            errors.setdefault(key, []).append(str(exc))
    limit = data.get("limit")
    try:
        parsed = int_value(ROWS_DEFAULT if limit in (None, "") else limit)
        if parsed is None or parsed < 0:
            raise ValueError("Must be a natural number")
        out["limit"] = min(parsed, ROWS_MAX)
    except ValueError as exc:
        errors["limit"] = [str(exc)]
    include_total = data.get("include_total")
    out["include_total"] = True if include_total in (None, "") else as_bool(include_total)
    try:
        out["total_estimation_threshold"] = int_value(data.get("total_estimation_threshold"))
    except ValueError as exc:
        errors["total_estimation_threshold"] = [str(exc)]
    records_format = data.get("records_format")
    records_format = "objects" if records_format in (None, "") else records_format
    if not isinstance(records_format, str) or records_format not in RECORDS_FORMATS:
        errors["records_format"] = [f"Value must be one of {RECORDS_FORMATS}"]
    out["records_format"] = records_format
    junk = _junk(data)
    if junk:
        errors["__junk"] = [f"The input field {junk} was not expected."]
    if errors:
        raise ValidationFailed(errors)
    return out


def get_list(value: Any, strip_values: bool = True) -> list[Any] | None:
    """ckanext/datastore/helpers.py::get_list: a comma string or a list."""
    if value is None:
        return None
    if value == "":
        return []
    items = [part.strip() for part in value.split(",")] if isinstance(value, str) else value
    if strip_values:
        items = [
            item.strip().strip('"')
            if isinstance(item, str) and item and item[0] == item[-1]
            else item
            for item in items
        ]
    return list(items)


def parse_sort_clause(clause: Any, names: dict[str, str]) -> tuple[str, str, str] | None:
    """(column, asc|desc, ''|first|last) of "col desc nulls last", None if not a column."""
    if not isinstance(clause, str):
        return None
    match = _SORT.match(clause)
    if not match:
        return None
    name = match.group(1)
    if name[0] == name[-1] == '"' and len(name) > 1:
        name = name[1:-1]
    if name not in names:
        return None
    return name, (match.group(3) or "asc").lower(), (match.group(5) or "").lower()


def _invalid(key: str, value: Any) -> ValidationFailed:
    return ValidationFailed({key: [f'invalid value "{value}"']})


def search_spec(validated: dict[str, Any], info: TableInfo) -> SearchSpec:
    """The search against this table's columns (step 2 of the module docstring)."""
    q = validated.get("q")
    full_text = validated.get("full_text") or None
    plain_names = set(column_types(info, None, None))  # _id and the fields
    filters = validated.get("filters")
    if filters:
        if not isinstance(filters, dict):
            raise _invalid("filters", filters[0] if isinstance(filters, list) else filters)
        for key in filters:
            if key not in plain_names:
                raise _invalid("filters", key)
    rank_names = set()
    if isinstance(q, str) and q:
        rank_names.add("rank")
    if isinstance(q, dict):
        for key, value in q.items():
            if key not in plain_names or not isinstance(value, str):
                raise _invalid("q", key)
            rank_names.add(f"rank {key}")
    if full_text:
        rank_names.add("rank")
    allowed = plain_names | rank_names
    fields = get_list(validated.get("fields"))
    if fields:
        unknown = [f for f in fields if not isinstance(f, str) or f not in allowed]
        if unknown:
            raise _invalid("fields", unknown[0])
    sort_clauses = get_list(validated.get("sort"), strip_values=False) or []
    sort = []
    for clause in sort_clauses:
        parsed = parse_sort_clause(clause, plain_names)
        if parsed is None:
            raise _invalid("sort", clause)
        sort.append(parsed)
    offset = validated.get("offset") or 0
    if offset < 0:
        raise _invalid("offset", offset)
    return SearchSpec(
        filters=dict(filters or {}),
        q=q if q else None,
        full_text=full_text,
        plain=validated.get("plain", True),
        fields=fields or None,
        sort=sort,
        limit=validated["limit"],
        offset=offset,
        distinct=bool(validated.get("distinct")),
    )

"""The DataStore preview of a resource: one page of rows from datastore_search (CKAN's
contract: fields/records/total, limit/offset/sort), rendered on the server for the first
view and for no-JS paging; preview.js pages and sorts the same table in place."""

from __future__ import annotations

import json
import re
from typing import Any

from fastapi import Request

from app.web.actions import context_for
from catalog.errors import CatalogError

PREVIEW_ROWS = 20
MAX_OFFSET = 10_000_000
NUMERIC_TYPES = {"int", "int2", "int4", "int8", "integer", "numeric", "float4", "float8", "number"}
DATE_TYPES = {"date", "timestamp", "timestamptz", "year"}
SORT_RE = re.compile(r"^\s*(?P<column>[^,]+?)(?:\s+(?P<direction>asc|desc))?\s*$", re.IGNORECASE)


def parse_offset(value: str | None) -> int:
    return min(int(value), MAX_OFFSET) if value and value.isdigit() else 0


def parse_sort(value: str | None, columns: list[str]) -> tuple[str, str] | None:
    """`"column"` or `"column desc"` naming a real column, else None."""
    match = SORT_RE.match(value or "")
    if not match or match["column"] not in columns:
        return None
    return match["column"], (match["direction"] or "asc").lower()


def sort_column(name: str) -> str:
    """A column for datastore_search's sort: quoted unless a plain identifier."""
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
        return name
    return '"' + name.replace('"', '""') + '"'


def schema_titles(resource: dict[str, Any]) -> dict[str, str]:
    """Column titles from the resource's Table Schema, when it has one."""
    schema = resource.get("schema")
    if isinstance(schema, str):
        try:
            schema = json.loads(schema)
        except ValueError:
            schema = None
    fields = schema.get("fields", []) if isinstance(schema, dict) else []
    return {
        f["name"]: f.get("title") or f["name"]
        for f in fields
        if isinstance(f, dict) and f.get("name")
    }


def column_kind(field_type: str) -> str:
    kind = (field_type or "").lower()
    if kind in NUMERIC_TYPES:
        return "number"
    if kind in DATE_TYPES:
        return "date"
    return "text"


def _search(request: Request, data: dict[str, Any]) -> dict[str, Any] | None:
    try:
        return context_for(request).call("datastore_search", data)
    except CatalogError:  # ActionNotFound too: a site without the DataStore
        return None


def load_preview(
    request: Request,
    resource: dict[str, Any],
    *,
    offset: int = 0,
    sort: str | None = None,
    page_url: Any = None,
) -> dict[str, Any] | None:
    """One page of rows, or None when there is no DataStore table to preview."""
    if not resource.get("datastore_active"):
        return None
    base = {"resource_id": resource["id"], "limit": PREVIEW_ROWS, "offset": offset}
    info = _search(request, {"resource_id": resource["id"], "limit": 0})
    if info is None:
        return None
    fields = [f for f in info.get("fields", []) if f.get("id") != "_id"]
    columns = [f["id"] for f in fields]
    chosen = parse_sort(sort, columns)
    data = dict(base, sort=f"{sort_column(chosen[0])} {chosen[1]}" if chosen else "_id")
    result = _search(request, data)
    if result is None:
        return None
    titles = schema_titles(resource)
    total = int(result.get("total") or 0)
    sort_value = f"{chosen[0]} {chosen[1]}" if chosen else ""
    columns_view = []
    for field in fields:
        name = field["id"]
        direction = chosen[1] if chosen and chosen[0] == name else None
        next_direction = "desc" if direction == "asc" else "asc"
        columns_view.append(
            {
                "id": name,
                "title": titles.get(name) or (field.get("info") or {}).get("label") or name,
                "kind": column_kind(field.get("type", "")),
                "sorted": direction,
                "sort_url": page_url(0, f"{name} {next_direction}") if page_url else "",
            }
        )
    records = result.get("records", [])
    types = {field["id"]: (field.get("type") or "").lower() for field in fields}
    return {
        "resource_id": resource["id"],
        "columns": columns_view,
        "rows": [[record.get(c["id"]) for c in columns_view] for record in records],
        "total": total,
        "offset": offset,
        "limit": PREVIEW_ROWS,
        "first": offset + 1 if records else 0,
        "last": offset + len(records),
        "sort": sort_value,
        "prev_url": page_url(max(0, offset - PREVIEW_ROWS), sort_value)
        if page_url and offset > 0
        else None,
        "next_url": page_url(offset + PREVIEW_ROWS, sort_value)
        if page_url and offset + PREVIEW_ROWS < total
        else None,
        "chartable": any(c["kind"] == "number" for c in columns_view)
        and any(c["kind"] != "number" for c in columns_view),
        "chart_value": chart_value(columns_view, types),
        "chart_category": chart_category(columns_view),
    }


CODE_LIKE = re.compile(r"(^|_)(id|code|ma|so|no|number)$", re.IGNORECASE)


def chart_value(columns: list[dict[str, Any]], types: dict[str, str]) -> str | None:
    """The numeric column drawn first: a measured quantity (numeric/float) over a count or
    position (integer), and never a code."""
    numbers = [c for c in columns if c["kind"] == "number" and not CODE_LIKE.search(c["id"])]
    numbers = numbers or [c for c in columns if c["kind"] == "number"]
    measured = [c for c in numbers if types.get(c["id"]) in ("numeric", "float8", "float4")]
    chosen = (measured or numbers or [None])[-1]
    return chosen["id"] if chosen else None


def chart_category(columns: list[dict[str, Any]]) -> str | None:
    """The column grouped by first: a date if there is one, else a named category."""
    others = [c for c in columns if c["kind"] != "number"]
    dates = [c for c in others if c["kind"] == "date"]
    named = [c for c in others if not CODE_LIKE.search(c["id"])]
    chosen = (dates or named or others or [None])[0]
    return chosen["id"] if chosen else None

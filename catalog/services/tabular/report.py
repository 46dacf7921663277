"""The stored validation report: a compact, stable dict built from Frictionless' report.

Shape (JSON-serialisable, all text NFC):
    {"valid": bool, "partial": bool,
     "stats": {"rows", "fields", "errors", "warnings", "bytes", "seconds"},
     "errors": [{"type", "title", "message", "rowNumber", "fieldName", "fieldNumber", "cell",
                 "note", ...}],
     "errorCounts": {type: n}, "warnings": [str], "labels": [str],
     "source": {"name", "format", "encoding", "bom", "dialect", ...},
     "schemaSource": "given" | "inferred" | None, "frictionless": version}
Messages are Frictionless' English ones; our own types cover what Frictionless cannot see:
`undecodable-byte` (with byteOffset and lineNumber), `extra-key`, `row-shape`, `json-error`,
`not-a-table`, `validation-error`. `partial` is true when the error or row limit cut the check.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from typing import Any

CELL_LIMIT = 500
# Error types that mean the rows could not be checked at all (status "error").
FATAL_TYPES = frozenset(
    {
        "source-error", "format-error", "scheme-error", "encoding-error", "schema-error",
        "field-error", "resource-error", "dialect-error", "control-error", "check-error",
        "checklist-error", "package-error", "not-a-table", "validation-error",
    }
)  # fmt: skip
ENCODING_TITLE = "Undecodable Byte"
_KEEP = (
    "type", "title", "message", "note", "rowNumber", "fieldName", "fieldNumber", "cell",
    "label", "byteOffset", "lineNumber", "bytes",
)  # fmt: skip


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        if len(value) > CELL_LIMIT:
            value = value[:CELL_LIMIT] + "…"
        return value if value.isascii() else unicodedata.normalize("NFC", value)
    if isinstance(value, (int, float, bool)) or value is None:
        return value
    if isinstance(value, (list, tuple)):
        return [_clean(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _clean(item) for key, item in value.items()}
    return _clean(str(value))


def compact_error(
    error: dict[str, Any], primary_key: list[tuple[str, int]] | None = None
) -> dict[str, Any]:
    """Frictionless' error descriptor without its descriptions, tags and whole-row cells.

    Row errors get the field(s) and value(s) they are about: a foreign key's from the error,
    a primary key's from `primary_key` (the key's field names and their cell positions).
    """
    out = {key: _clean(error[key]) for key in _KEEP if error.get(key) not in (None, "")}
    if "rowNumber" not in out and error.get("rowNumbers"):
        out["rowNumber"] = error["rowNumbers"][0]
    if error.get("fieldNames") and "fieldName" not in out:
        out["fieldName"] = ",".join(str(name) for name in error["fieldNames"])
        out["cell"] = _clean(",".join(str(cell) for cell in error.get("fieldCells", [])))
    cells = error.get("cells")
    if error.get("type") == "primary-key" and primary_key and isinstance(cells, list):
        out["fieldName"] = ",".join(name for name, _ in primary_key)
        values = [cells[i] if i < len(cells) else "" for _, i in primary_key]
        out["cell"] = _clean(",".join("" if v is None else str(v) for v in values))
    if error.get("cell") == "":
        out["cell"] = ""
    out.setdefault("title", out.get("type", "").replace("-", " ").title())
    return out


def message_error(type_: str, message: str, **extra: Any) -> dict[str, Any]:
    """One of our own errors, in the compact shape."""
    return compact_error({"type": type_, "message": message, **extra})


def undecodable_error(offset: int, raw: bytes, line: int | None, row: int | None, encoding: str):
    where = f'row "{row}"' if row else (f'line "{line}"' if line else "the file")
    hexed = " ".join(f"0x{byte:02X}" for byte in raw)
    return message_error(
        "undecodable-byte",
        f"Byte {hexed} at byte offset {offset} in {where} cannot be decoded as {encoding}",
        title=ENCODING_TITLE,
        rowNumber=row,
        lineNumber=line,
        byteOffset=offset,
        bytes=raw.hex(),
    )


def build_report(
    task: dict[str, Any] | None,
    *,
    extra_errors: list[dict[str, Any]] = (),  # type: ignore[assignment]
    extra_error_count: int | None = None,
    extra_warnings: list[str] = (),  # type: ignore[assignment]
    source: dict[str, Any],
    schema_source: str | None,
    limit_errors: int,
    seconds: float,
    frictionless_version: str | None = None,
    drop_rows: dict[int, str] | None = None,
    primary_key: list[tuple[str, int]] | None = None,
) -> dict[str, Any]:
    """Merge a Frictionless task descriptor (or None) with our own errors and warnings.

    `drop_rows` maps a row number to a Frictionless error type that our own error for that
    row already explains (e.g. the blank row standing in for a JSON row of the wrong kind).
    """
    task = task or {}
    drop_rows = drop_rows or {}
    stats = task.get("stats", {})
    task_errors = [
        compact_error(error, primary_key)
        for error in task.get("errors", [])
        if drop_rows.get(error.get("rowNumber", -1)) != error.get("type")
    ]
    ours = [compact_error(error) for error in extra_errors]
    merged = sorted(ours + task_errors, key=lambda error: error.get("rowNumber") or 0)
    warnings = [_clean(w) for w in (*extra_warnings, *task.get("warnings", []))]
    partial = any(
        w.startswith("reached error limit") or w.startswith("reached row limit")
        for w in task.get("warnings", [])
    )
    extra_count = len(ours) if extra_error_count is None else extra_error_count
    total_errors = len(task_errors) + extra_count
    if len(merged) > limit_errors:
        merged = merged[:limit_errors]
    partial = partial or total_errors > len(merged)
    counts = Counter(error["type"] for error in merged)
    valid = total_errors == 0 and bool(task.get("valid", task == {}))
    report = {
        "valid": valid,
        "partial": partial,
        "stats": {
            "rows": stats.get("rows", 0),
            "fields": stats.get("fields", len(task.get("labels", []))),
            "errors": total_errors,
            "warnings": len(warnings),
            "bytes": source.get("bytes"),
            "seconds": round(seconds, 3),
        },
        "errors": merged,
        "errorCounts": dict(sorted(counts.items())),
        "warnings": warnings,
        "labels": _clean(list(task.get("labels", []))),
        "source": _clean(source),
        "schemaSource": schema_source,
    }
    if frictionless_version:
        report["frictionless"] = frictionless_version
    return report


def error_report(
    type_: str, message: str, *, source: dict[str, Any], seconds: float = 0.0, **extra: Any
) -> dict[str, Any]:
    """A report for a file that could not be validated at all (status "error")."""
    report = build_report(
        None,
        extra_errors=[{"type": type_, "message": message, **extra}],
        source=source,
        schema_source=None,
        limit_errors=1,
        seconds=seconds,
    )
    report["valid"] = False
    return report


def status_of(report: dict[str, Any]) -> str:
    """ckanext-validation's status: success, failure, or error (could not validate)."""
    if any(error.get("type") in FATAL_TYPES for error in report.get("errors", [])):
        return "error"
    return "success" if report.get("valid") else "failure"


def summary(report: dict[str, Any], *, max_errors: int = 5) -> str:
    """One paragraph for a steward (e.g. a 409 message): counts, then the first errors."""
    stats = report.get("stats", {})
    errors = report.get("errors", [])
    if report.get("valid"):
        return f"Valid: {stats.get('rows', 0)} rows checked."
    head = f"{stats.get('errors', len(errors))} error(s) in {stats.get('rows', 0)} row(s)"
    if report.get("partial"):
        head += " (the check stopped at its limit; there may be more)"
    parts = []
    for error in errors[:max_errors]:
        where = []
        if error.get("rowNumber"):
            where.append(f"row {error['rowNumber']}")
        if error.get("fieldName"):
            where.append(f"field {error['fieldName']}")
        prefix = f"[{', '.join(where)}] " if where else ""
        parts.append(f"{prefix}{error.get('message', error.get('type'))}")
    more = len(errors) - max_errors
    tail = f"; and {more} more" if more > 0 else ""
    return head + ": " + "; ".join(parts) + tail if parts else head

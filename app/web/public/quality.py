"""A readable view of a resource's Frictionless validation report (resource_validation_show):
status, rows/fields/errors counts, error counts by type, and the first errors with their row,
field and value."""

from __future__ import annotations

from typing import Any

from fastapi import Request

from app.web.actions import context_for
from catalog.errors import CatalogError

SHOWN_ERRORS = 50
STATUS_BADGES = {"success": "valid", "failure": "invalid", "error": "pending"}


def N_(message: str) -> str:
    return message


STATUS_LABELS = {
    "success": N_("Valid"),
    "failure": N_("Has errors"),
    "error": N_("Could not be checked"),
}


def load_report(request: Request, resource: dict[str, Any]) -> dict[str, Any] | None:
    """The report of one resource, shaped for the template; None when it has none."""
    if not resource.get("validation_status"):
        return None
    try:
        validation = context_for(request).call(
            "resource_validation_show", {"resource_id": resource["id"]}
        )
    except CatalogError:
        return None
    report = validation.get("report") or {}
    stats = report.get("stats") or {}
    errors = report.get("errors") or []
    status = validation.get("status", "")
    return {
        "status": status,
        "badge": STATUS_BADGES.get(status, "pending"),
        "label": STATUS_LABELS.get(status, N_("Could not be checked")),
        "checked": validation.get("finished") or validation.get("created"),
        "rows": stats.get("rows"),
        "fields": stats.get("fields"),
        "error_count": stats.get("errors", len(errors)),
        "counts": sorted((report.get("errorCounts") or {}).items(), key=lambda kv: -kv[1]),
        "errors": [
            {
                "row": error.get("rowNumber"),
                "field": error.get("fieldName"),
                "cell": error.get("cell"),
                "title": error.get("title") or error.get("type"),
                "message": str(error.get("message") or "")[:500],
            }
            for error in errors[:SHOWN_ERRORS]
        ],
        "more_errors": max(0, len(errors) - SHOWN_ERRORS),
        "warnings": [str(w)[:300] for w in (report.get("warnings") or [])[:10]],
    }

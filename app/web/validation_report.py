"""A resource's validation (resource_validation_show) shaped for `partials/report_body.html`,
which both the public dataset/resource pages and the steward report page show: status,
counts, a summary of the errors by type, and the first errors in plain language."""

from __future__ import annotations

from collections import Counter
from typing import Any

from app.web.i18n import N_
from app.web.report_messages import Translations, explanation, kind_of, title

SHOWN_ERRORS = 50
STATUS_BADGES = {"success": "valid", "failure": "invalid", "error": "pending"}
STATUS_LABELS = {
    "success": N_("Valid"),
    "failure": N_("Has errors"),
    "error": N_("Could not be checked"),
}
# Errors about the file as a whole: Frictionless' technical message is shown under ours.
FILE_LEVEL = frozenset(
    {
        "source-error", "format-error", "scheme-error", "encoding-error", "schema-error",
        "field-error", "dialect-error", "control-error", "compression-error", "not-a-table",
        "validation-error", "resource-error", "json-error", "byte-count", "hash-count",
    }
)  # fmt: skip


def shape_report(
    validation: dict[str, Any],
    trans: Translations,
    *,
    resource_id: str,
    shown: int = SHOWN_ERRORS,
) -> dict[str, Any]:
    """The template's view of one validation: every text already translated."""
    report = validation.get("report") or {}
    stats = report.get("stats") or {}
    errors = [error for error in report.get("errors") or [] if isinstance(error, dict)]
    status = str(validation.get("status") or "")
    encoding = (report.get("source") or {}).get("encoding")
    counts = Counter(kind_of(error) for error in errors)  # the stored errors, all of them
    sample = {kind_of(error): error for error in errors}
    groups = [
        {"type": kind, "title": title(sample[kind], trans), "count": count}
        for kind, count in counts.items()
    ]
    groups.sort(key=lambda group: (-group["count"], group["title"]))
    total = stats.get("errors", len(errors))
    return {
        "resource_id": resource_id,
        "status": status,
        "badge": STATUS_BADGES.get(status, "pending"),
        "label": trans.gettext(STATUS_LABELS.get(status, N_("Could not be checked"))),
        "checked": validation.get("finished") or validation.get("created"),
        "rows": stats.get("rows"),
        "fields": stats.get("fields"),
        "error_count": total,
        "groups": groups,
        "errors": [_row(error, trans, encoding) for error in errors[:shown]],
        "listed": len(errors),
        "hidden": max(0, len(errors) - shown),
        "partial": bool(report.get("partial")) or total > len(errors),
        "warnings": [str(warning)[:300] for warning in (report.get("warnings") or [])[:10]],
    }


def _row(error: dict[str, Any], trans: Translations, encoding: str | None) -> dict[str, Any]:
    kind = kind_of(error)
    translated = explanation(error, trans, encoding=encoding)
    original = str(error.get("message") or "")[:500]
    return {
        "type": kind,
        "row": error.get("rowNumber"),
        "field": error.get("fieldName") or error.get("fieldNumber"),
        "cell": error.get("cell"),
        "title": title(error, trans),
        "message": translated or original or title(error, trans),
        "translated": translated is not None,
        "detail": original if translated and kind in FILE_LEVEL and original else None,
    }

"""The quality report of a resource on the public pages (resource_validation_show), shaped by
app/web/validation_report.py like the steward report page's."""

from __future__ import annotations

from typing import Any

from fastapi import Request

from app.web.actions import context_for
from app.web.rendering import translations
from app.web.validation_report import shape_report
from catalog.errors import CatalogError


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
    return shape_report(validation, translations(request), resource_id=resource["id"])

"""The home page: search box, themes and publishers with counts, recent datasets, totals."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from app.web.actions import call
from app.web.rendering import render

router = APIRouter()


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    groups = call(request, "group_list", {"all_fields": True, "sort": "title asc"})
    organizations = call(
        request, "organization_list", {"all_fields": True, "sort": "package_count desc"}
    )
    recent = call(
        request,
        "package_search",
        {"rows": 6, "sort": "metadata_modified desc", "facet.field": '["res_format"]'},
    )
    resources = sum(len(pkg.get("resources", ())) for pkg in recent["results"])
    return render(
        request,
        "home.html",
        {
            "groups": groups,
            "organizations": [org for org in organizations if org.get("package_count")],
            "recent": recent["results"],
            "totals": {
                "datasets": recent["count"],
                "organizations": len(organizations),
                "groups": len(groups),
                "formats": len(recent["search_facets"].get("res_format", {}).get("items", [])),
            },
            "resources": resources,
        },
    )

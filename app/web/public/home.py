"""The home page: search box, themes and publishers with counts, recent datasets, totals
(datasets, publishers, themes, data files)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from app.web.actions import call
from app.web.rendering import render

router = APIRouter()


def data_files(counts: dict[str, int]) -> int:
    """The resources of every dataset found, from the facet counting datasets by their
    number of resources (one query, whatever the size of the catalog)."""
    return sum(int(size) * count for size, count in counts.items() if size.isdigit())


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    groups = call(request, "group_list", {"all_fields": True, "sort": "title asc"})
    organizations = call(
        request, "organization_list", {"all_fields": True, "sort": "package_count desc"}
    )
    recent = call(
        request,
        "package_search",
        {
            "rows": 6,
            "sort": "metadata_modified desc",
            "facet.field": '["num_resources"]',
            "facet.limit": -1,
        },
    )
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
                "files": data_files(recent["facets"].get("num_resources", {})),
            },
        },
    )

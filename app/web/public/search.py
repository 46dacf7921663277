"""The dataset search page `/dataset`: free text (diacritics optional, package_search folds),
combinable facets, sort, paging, and an empty-result page that helps."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from app.web.actions import call, context_for
from app.web.public.search_params import (
    FACET_FIELDS,
    FACET_SHOWN,
    FACET_TITLES,
    ROWS,
    SORTS,
    VALIDATION_LABELS,
    SearchParams,
)
from app.web.rendering import current_language, href_for, render, translated
from catalog.errors import CatalogError
from catalog.services.search.folding import fold

router = APIRouter()


# Facets whose values are names of organizations or groups: labelled with their titles.
TITLED_FACETS = {"organization": "organization_list", "groups": "group_list"}


def facet_view(
    result: dict[str, Any], params: SearchParams, path: str, request: Request, hidden: str = ""
) -> list[dict[str, Any]]:
    """The facets to show (all but `hidden`); the organizations or groups a shown facet
    names are listed (for their titles in the page's language) only when it has items."""
    lang = current_language(request)
    facets = []
    for name in FACET_FIELDS:
        if name == hidden:
            continue
        items = result.get("search_facets", {}).get(name, {}).get("items", [])
        named: dict[str, dict[str, Any]] = {}
        if items and name in TITLED_FACETS:
            named = {o["name"]: o for o in call(request, TITLED_FACETS[name], {"all_fields": True})}
        chosen = params.filters.get(name, [])
        rows = []
        for item in sorted(items, key=lambda i: (-i["count"], i["display_name"].lower())):
            value = item["name"]
            label = item["display_name"]
            if value in named:
                label = translated(named[value], "title", lang)
            if name == "res_validation_status":
                label = VALIDATION_LABELS.get(value, value)
            rows.append(
                {
                    "value": value,
                    "label": label,
                    "translate": name == "res_validation_status",
                    "count": item["count"],
                    "active": value in chosen,
                    "url": params.toggled(name, value, path),
                }
            )
        limited = name not in params.expanded and len(rows) > FACET_SHOWN
        shown = rows[:FACET_SHOWN] if limited else rows
        shown += [row for row in rows[FACET_SHOWN:] if row["active"] and limited]
        if rows:
            facets.append(
                {
                    "name": name,
                    "title": FACET_TITLES[name],
                    "items": shown,
                    "more": params.expand(name, path) if limited else None,
                    "hidden": len(rows) - len(shown),
                }
            )
    return facets


def active_filters(facets: list[dict[str, Any]], params: SearchParams, path: str) -> list[dict]:
    labels = {(f["name"], i["value"]): i for f in facets for i in f["items"]}
    chips = []
    for name, value in params.active:
        item = labels.get((name, value))
        chips.append(
            {
                "field": FACET_TITLES[name],
                "label": item["label"] if item else value,
                "translate": bool(item and item["translate"]),
                "url": params.toggled(name, value, path),
            }
        )
    return chips


def pages(current: int, count: int, rows: int = ROWS) -> list[int | None]:
    """Page numbers to link: first, last and two either side of the current (None = gap)."""
    last = max(1, -(-count // rows))
    wanted = sorted({1, last, *range(max(1, current - 2), min(last, current + 2) + 1)})
    out: list[int | None] = []
    for number in wanted:
        if out and out[-1] is not None and number - out[-1] > 1:
            out.append(None)
        out.append(number)
    return out


def run_search(
    request: Request,
    params: SearchParams,
    extra_fq: str = "",
    path: str = "/dataset",
    hidden_facet: str = "",
) -> dict[str, Any]:
    """The search and everything a results listing shows (used by group/org pages too, which
    hide the facet of their own kind)."""
    data = params.action_data()
    if extra_fq:
        data["fq"] = f"{extra_fq} {data['fq']}".strip()
    error = False
    try:
        result = context_for(request).call("package_search", data)
    except CatalogError:  # an unreadable query is the visitor's, never a 500
        result = {"count": 0, "results": [], "search_facets": {}}
        error = True
    facets = facet_view(result, params, path, request, hidden_facet)
    folded = fold(params.q) if params.q and fold(params.q) != params.q.lower() else ""
    last_page = max(1, -(-result["count"] // ROWS))
    return {
        "params": params,
        "count": result["count"],
        "results": result["results"],
        "facets": facets,
        "filters": active_filters(facets, params, path),
        "sorts": SORTS,
        "pages": pages(params.page, result["count"]),
        "page": params.page,
        "last_page": last_page,
        "page_url": lambda n: params.with_page(n, path),
        "clear_url": params.url(path, filters={}),
        "folded_q": folded,
        "folded_url": params.url(path, q=folded) if folded else "",
        "query_error": error,
        "path": path,
    }


@router.get("/dataset", response_class=HTMLResponse)
def search(request: Request) -> HTMLResponse:
    params = SearchParams.from_query(list(request.query_params.multi_items()))
    path = href_for(request)("/dataset")
    context = run_search(request, params, path=path)
    if not context["count"]:
        context["groups"] = call(request, "group_list", {"all_fields": True, "sort": "title asc"})
    context["active_page"] = "dataset"
    return render(request, "search.html", context)

"""Publishers and themes: `/organization`, `/organization/{name}`, `/group`, `/group/{name}`,
each with its datasets (the search page's listing, filtered)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from app.web.actions import call
from app.web.public.search import run_search
from app.web.public.search_params import SearchParams, quote
from app.web.rendering import href_for, render

router = APIRouter()

KINDS = {
    "organization": ("organization_list", "organization_show"),
    "group": ("group_list", "group_show"),
}


def _index(request: Request, kind: str) -> HTMLResponse:
    list_action, _ = KINDS[kind]
    items = call(request, list_action, {"all_fields": True, "sort": "title asc"})
    return render(
        request, "organizations.html", {"kind": kind, "items": items, "active_page": kind}
    )


def _read(request: Request, kind: str, name: str) -> HTMLResponse:
    _, show_action = KINDS[kind]
    item = call(request, show_action, {"id": name, "include_datasets": False})
    params = SearchParams.from_query(list(request.query_params.multi_items()))
    path = href_for(request)(f"/{kind}/{item['name']}")
    field = "organization" if kind == "organization" else "groups"
    params.filters.pop(field, None)
    fq = f"{field}:{quote(item['name'])}"
    context = run_search(request, params, extra_fq=fq, path=path, hidden_facet=field)
    context.update(kind=kind, item=item, active_page=kind)
    return render(request, "organization.html", context)


@router.get("/organization", response_class=HTMLResponse)
def organization_index(request: Request) -> HTMLResponse:
    return _index(request, "organization")


@router.get("/organization/{name:name}", response_class=HTMLResponse)
def organization_read(request: Request, name: str) -> HTMLResponse:
    return _read(request, "organization", name)


@router.get("/group", response_class=HTMLResponse)
def group_index(request: Request) -> HTMLResponse:
    return _index(request, "group")


@router.get("/group/{name:name}", response_class=HTMLResponse)
def group_read(request: Request, name: str) -> HTMLResponse:
    return _read(request, "group", name)

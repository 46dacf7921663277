"""Static pages: about and the developers' guide to the API."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from app.web.rendering import render

router = APIRouter()


@router.get("/about", response_class=HTMLResponse)
def about(request: Request) -> HTMLResponse:
    return render(request, "about.html", {"active_page": "about"})


@router.get("/api-guide", response_class=HTMLResponse)
def api_guide(request: Request) -> HTMLResponse:
    return render(request, "api.html", {"active_page": "api"})

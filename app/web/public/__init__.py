"""The public pages: home, search, datasets and resources, organizations and themes, about."""

from __future__ import annotations

from fastapi import APIRouter


def build_public_router() -> APIRouter:
    from app.web.public import dataset, home, info, organizations, search

    router = APIRouter(include_in_schema=False)
    for module in (home, search, dataset, organizations, info):
        router.include_router(module.router)
    return router

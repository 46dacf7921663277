"""The composition root: builds the services and the FastAPI application from Settings."""

from __future__ import annotations

from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request

from app.api.router import build_action_router, install_api_error_handlers
from app.downloads import build_download_router
from catalog.actions import build_registry
from catalog.actions.registry import ActionContext, Identity
from catalog.config import Settings
from catalog.services.runtime import Services, build_services


def identify(request: Request) -> Identity | None:
    """API tokens arrive with the publishing issue; until then every caller is anonymous."""
    return None


def create_app(settings: Settings, services: Services | None = None) -> FastAPI:
    services = services or build_services(settings)
    registry = build_registry()

    def make_context(identity: Identity | None) -> ActionContext:
        return ActionContext(services=services, identity=identity, registry=registry)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> Any:
        yield
        services.dispose()

    app = FastAPI(
        title="Bắc Giang open data catalog",
        description="CKAN 2.11-compatible Action API of the Bắc Giang open data catalog.",
        redirect_slashes=False,
        lifespan=lifespan,
    )
    app.state.services = services
    app.state.registry = registry
    app.include_router(
        build_action_router(
            registry,
            site_url=lambda: services.settings.site_url,
            make_context=make_context,
            identify=identify,
        )
    )
    app.include_router(build_download_router(make_context, identify))
    install_api_error_handlers(app)
    return app

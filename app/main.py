"""The composition root: builds the services and the FastAPI application from Settings."""

from __future__ import annotations

import logging
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from sqlalchemy.exc import SQLAlchemyError

from app.api.router import build_action_router, install_api_error_handlers
from app.datapackage import build_datapackage_router
from app.datastore_dump import build_datastore_dump_router
from app.docs import install_api_docs
from app.downloads import build_download_router
from app.feeds import RdfNegotiation, build_feeds_router
from app.web import install_web
from catalog.actions import build_registry
from catalog.actions.registry import ActionContext, Identity
from catalog.config import Settings
from catalog.services.runtime import Services, build_services
from catalog.services.tokens import user_for_token

log = logging.getLogger(__name__)

TOKEN_HEADERS = ("authorization", "x-ckan-api-key")


def request_tokens(request: Request) -> list[str]:
    """The API tokens a request carries, in the order tried: `Authorization` (the raw
    token, as CKAN 2.11 and ckanapi send it, or `Bearer <token>`), then `X-CKAN-API-Key`."""
    found: list[str] = []
    for header in TOKEN_HEADERS:
        value = request.headers.get(header, "").strip()
        scheme, _, rest = value.partition(" ")
        if scheme.lower() == "bearer":
            value = rest.strip()
        if value and value not in found:
            found.append(value)
    return found


def identify(request: Request) -> Identity | None:
    """The caller named by the request's API token, or None (anonymous).

    Runs in the threadpool. As in CKAN, a token that is unknown, malformed, revoked or of a
    deleted user makes the caller anonymous: public reads keep working, writes get 403.
    """
    candidates = request_tokens(request)
    if not candidates:
        return None
    services: Services = request.app.state.services
    for touch in (True, False):
        try:
            with services.session() as session:
                for token in candidates:
                    user = user_for_token(session, token, touch=touch)
                    if user is not None:
                        return Identity(user_id=user.id, name=user.name, sysadmin=user.sysadmin)
            return None
        except SQLAlchemyError:
            # Recording last_access must never cost the caller their identity.
            log.warning("API token lookup failed (touch=%s)", touch, exc_info=True)
    return None


def create_app(settings: Settings, services: Services | None = None) -> FastAPI:
    services = services or build_services(settings)
    registry = build_registry()

    def make_context(identity: Identity | None) -> ActionContext:
        return ActionContext(services=services, identity=identity, registry=registry)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> Any:
        scheduler = None
        if settings.harvest_scheduler:
            from harvesters.scheduler import HarvestScheduler

            scheduler = HarvestScheduler(services, registry, settings.harvest_poll_seconds)
            scheduler.start()
        yield
        if scheduler is not None:
            scheduler.stop()
        services.dispose()

    app = FastAPI(
        title="Bắc Giang open data catalog",
        description="CKAN 2.11-compatible Action API of the Bắc Giang open data catalog.",
        redirect_slashes=False,
        lifespan=lifespan,
        docs_url=None,  # /docs is install_api_docs' (no CDN assets)
        redoc_url=None,
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
    # the feeds before any HTML route, so /dataset/{name}.ttl is not taken for a name
    app.include_router(build_feeds_router(make_context))
    app.include_router(build_download_router(make_context, identify))
    app.include_router(build_datapackage_router(make_context, identify))
    app.include_router(build_datastore_dump_router(make_context, identify))
    # The web pages last (their /dataset/{name} must not shadow other routes), and their
    # error pages before the API's, which only answer under /api.
    install_web(app, make_context=make_context)
    install_api_error_handlers(app)
    install_api_docs(app, registry)
    app.add_middleware(RdfNegotiation)
    return app

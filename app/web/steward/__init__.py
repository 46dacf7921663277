"""The pages for data stewards: sign in and out, the dashboard, the dataset and resource
forms, validation reports. Every write goes through the same catalog actions as the API,
as the signed-in user, and every form is protected against CSRF."""

from __future__ import annotations

from fastapi import APIRouter

from app.web.auth.login import FailureLimiter
from app.web.steward.dashboard import build_dashboard_routes
from app.web.steward.datasets import build_dataset_routes
from app.web.steward.resources import build_resource_routes
from app.web.steward.sign_in import build_sign_in_routes


def build_steward_router() -> APIRouter:
    """The steward routes (included before the public ones: `/dataset/new` must win over
    `/dataset/{name}`). Actions are called through `app.state.web_make_context`."""
    router = APIRouter()
    build_sign_in_routes(router, FailureLimiter())
    build_dashboard_routes(router)
    build_dataset_routes(router)
    build_resource_routes(router)
    return router

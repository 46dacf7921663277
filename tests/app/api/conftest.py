"""A FastAPI app with a small registry of test actions behind the action API router."""

from __future__ import annotations

import asyncio
import datetime
import sys
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI, Request
from fastapi.testclient import TestClient
from starlette.datastructures import UploadFile

from app.api import build_action_router, install_api_error_handlers
from catalog.actions.registry import Action, ActionContext, ActionRegistry, Identity
from catalog.errors import (
    DataShapeError,
    NotAuthorized,
    NotFound,
    SearchError,
    SearchQueryError,
    ValidationFailed,
)

# `tests.support` lives beside `tests/app`; make the repository root importable.
ROOT = Path(__file__).resolve().parents[3]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SITE_URL = "http://catalog.test"
TOKENS = {"tok-alice": Identity(user_id="id-alice", name="alice")}
UPLOADS: list[UploadFile] = []


def identify(request: Request) -> Identity | None:
    token = request.headers.get("authorization") or request.headers.get("x-ckan-api-key") or ""
    return TOKENS.get(token.removeprefix("Bearer "))


def make_context(identity: Identity | None) -> ActionContext:
    return ActionContext(services=None, identity=identity)


def _describe(value: Any) -> Any:
    if isinstance(value, UploadFile):
        UPLOADS.append(value)
        return {"file": value.filename, "content": value.file.read().decode()}
    return value


def echo(context: ActionContext, data_dict: dict[str, Any]) -> dict[str, Any]:
    """Echo the data dict and the caller."""
    user = context.identity.name if context.identity else None
    return {"data": {k: _describe(v) for k, v in data_dict.items()}, "user": user}


def on_event_loop(context: ActionContext, data_dict: dict[str, Any]) -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


def raiser(exc: BaseException) -> Any:
    def action(context: ActionContext, data_dict: dict[str, Any]) -> Any:
        raise exc

    return action


def returning(value: Any) -> Any:
    return lambda context, data_dict: value


VALIDATION_ERRORS = {
    "name": ["That URL is already in use."],
    "resources": [{}, {"url": ["Missing value"]}],
}

ACTIONS = [
    Action("echo", echo, side_effect_free=True),
    Action("write_echo", echo, side_effect_free=False),
    Action("on_event_loop", on_event_loop, side_effect_free=True),
    Action("not_found", raiser(NotFound("Dataset not found")), side_effect_free=True),
    Action("not_found_bare", raiser(NotFound()), side_effect_free=True),
    Action("not_authorized", raiser(NotAuthorized("User not authorized")), side_effect_free=True),
    Action("not_authorized_bare", raiser(NotAuthorized()), side_effect_free=True),
    Action("validation", raiser(ValidationFailed(VALIDATION_ERRORS)), side_effect_free=False),
    Action("data_shape", raiser(DataShapeError("Only lists of dicts")), side_effect_free=False),
    Action(
        "search_query",
        raiser(SearchQueryError('Invalid "sort" parameter')),
        side_effect_free=True,
    ),
    Action("search_error", raiser(SearchError("Invalid date")), side_effect_free=True),
    Action("boom", raiser(RuntimeError("kaput")), side_effect_free=True),
    Action("unserialisable", returning({"x": object()}), side_effect_free=True),
    Action("not_a_number", returning(float("nan")), side_effect_free=True),
    Action(
        "dates",
        returning(
            {
                "at": datetime.datetime(2024, 1, 2, 3, 4, 5, 6789),
                "day": datetime.date(2025, 7, 1),
            }
        ),
        side_effect_free=True,
    ),
    Action("text", returning({"title": "Bắc Giang 😀", "n": [1, 2.5, True, None]}), True),
]


def build_app(*, redirect_slashes: bool = False, handlers: bool = True) -> FastAPI:
    app = FastAPI(redirect_slashes=redirect_slashes)
    app.include_router(
        build_action_router(
            ActionRegistry(ACTIONS),
            site_url=lambda: SITE_URL,
            make_context=make_context,
            identify=identify,
        )
    )
    if handlers:
        install_api_error_handlers(app)
    return app


@pytest.fixture(scope="module")
def api_app() -> FastAPI:
    return build_app()


@pytest.fixture
def client(api_app: FastAPI) -> TestClient:
    return TestClient(api_app, follow_redirects=False)


def help_for(name: str) -> str:
    return f"{SITE_URL}/api/3/action/help_show?name={name}"

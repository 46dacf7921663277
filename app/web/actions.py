"""Calling catalog actions from pages, as the visitor (anonymous, or the signed-in steward)."""

from __future__ import annotations

from typing import Any

from fastapi import HTTPException, Request

from catalog.errors import ActionNotFound, NotAuthorized, NotFound


def context_for(request: Request) -> Any:
    state = request.app.state
    identity_of = getattr(state, "web_identity", None)
    identity = identity_of(request) if identity_of else None
    return state.web_make_context(identity)


def call(request: Request, name: str, data_dict: dict[str, Any] | None = None) -> Any:
    """Run action `name`; a missing or hidden object is a 404 page (private data is never
    revealed, not even by a 403)."""
    try:
        return context_for(request).call(name, dict(data_dict or {}))
    except (NotFound, NotAuthorized) as exc:
        raise HTTPException(status_code=404) from exc


def try_call(request: Request, name: str, data_dict: dict[str, Any] | None = None) -> Any:
    """Run action `name`, or None when it is not there or refuses (e.g. the DataStore)."""
    try:
        return context_for(request).call(name, dict(data_dict or {}))
    except (ActionNotFound, NotFound, NotAuthorized):
        return None

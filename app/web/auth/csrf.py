"""CSRF protection: every form carries the session's token in a hidden field, and every
POST is refused (403, nothing done) unless the field matches the session's token."""

from __future__ import annotations

import secrets
from typing import Any

from fastapi import Request

from app.web.auth.session import ensure_session, load_session

CSRF_FIELD = "_csrf"


def csrf_token(request: Request) -> str:
    return ensure_session(request).csrf


def csrf_ok(request: Request, form: Any) -> bool:
    """Whether the submitted form's token is this session's (compared in constant time)."""
    session = load_session(request)
    submitted = form.get(CSRF_FIELD) if form is not None else None
    if session is None or not isinstance(submitted, str) or not submitted:
        return False
    return secrets.compare_digest(submitted.encode("utf-8"), session.csrf.encode("utf-8"))

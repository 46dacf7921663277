"""Signing in for the web pages: the signed session cookie, CSRF tokens, the current user.

`current_user(request)` (a dict for templates, or None) and `current_identity(request)` (the
Identity actions are called with) are the hooks app.web installs for every page.
"""

from app.web.auth.csrf import CSRF_FIELD, csrf_ok, csrf_token
from app.web.auth.session import (
    current_identity,
    current_user,
    end_session,
    ensure_session,
    send_session,
    start_session,
)

__all__ = [
    "CSRF_FIELD",
    "csrf_ok",
    "csrf_token",
    "current_identity",
    "current_user",
    "end_session",
    "ensure_session",
    "send_session",
    "start_session",
]

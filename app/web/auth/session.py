"""The web session: a signed cookie (HttpOnly, SameSite=Lax; Secure on an https site) that
carries the signed-in user's id, a fingerprint of their password hash and the CSRF token.

Nothing is stored on the server. A session stops being valid when its user is deleted,
when their password changes (the fingerprint no longer matches) or after `MAX_AGE`.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from typing import Any

from fastapi import Request
from starlette.responses import Response

from app.web.auth.keys import secret_key
from app.web.auth.signing import sign, unsign
from catalog.actions.registry import Identity
from catalog.db.models import User

COOKIE = "opendata_session"
MAX_AGE = 14 * 24 * 3600
_NO_USER = object()


@dataclass
class WebSession:
    csrf: str
    user_id: str | None = None
    fingerprint: str | None = None

    def payload(self) -> dict[str, Any]:
        data: dict[str, Any] = {"csrf": self.csrf}
        if self.user_id:
            data.update(uid=self.user_id, fp=self.fingerprint)
        return data


def password_fingerprint(user: User) -> str:
    return hashlib.sha256((user.password_hash or "").encode("utf-8")).hexdigest()[:16]


def _key(request: Request) -> bytes:
    state = request.app.state
    key = getattr(state, "web_session_key", None)
    if key is None:
        key = secret_key(state.services.settings)
        state.web_session_key = key
    return key


def load_session(request: Request) -> WebSession | None:
    """The session the request's cookie carries, if it is genuine and current."""
    known = getattr(request.state, "web_session", _NO_USER)
    if known is not _NO_USER:
        return known
    data = unsign(_key(request), request.cookies.get(COOKIE), max_age=MAX_AGE)
    session = None
    if data and isinstance(data.get("csrf"), str):
        uid, fp = data.get("uid"), data.get("fp")
        session = WebSession(
            csrf=data["csrf"],
            user_id=uid if isinstance(uid, str) else None,
            fingerprint=fp if isinstance(fp, str) else None,
        )
    request.state.web_session = session
    return session


def ensure_session(request: Request) -> WebSession:
    """The request's session, or a new anonymous one (sent with the response by
    `send_session`): forms need a CSRF token before anyone signs in."""
    session = load_session(request)
    if session is None:
        session = WebSession(csrf=secrets.token_urlsafe(32))
        request.state.web_session = session
        request.state.web_session_changed = True
    return session


def start_session(request: Request, user: User) -> WebSession:
    """A fresh session (new CSRF token: nothing from before sign-in carries over)."""
    session = WebSession(
        csrf=secrets.token_urlsafe(32), user_id=user.id, fingerprint=password_fingerprint(user)
    )
    request.state.web_session = session
    request.state.web_session_changed = True
    request.state.web_identity = Identity(user_id=user.id, name=user.name, sysadmin=user.sysadmin)
    return session


def end_session(request: Request) -> None:
    request.state.web_session = None
    request.state.web_session_changed = True
    request.state.web_identity = None


def send_session(request: Request, response: Response) -> Response:
    """Set (or clear) the cookie on `response` when the session changed in this request."""
    if not getattr(request.state, "web_session_changed", False):
        return response
    session: WebSession | None = request.state.web_session
    secure = request.app.state.services.settings.site_url.startswith("https://")
    if session is None:
        response.delete_cookie(COOKIE, path="/", secure=secure, httponly=True, samesite="lax")
    else:
        response.set_cookie(
            COOKIE,
            sign(_key(request), session.payload()),
            max_age=MAX_AGE,
            path="/",
            secure=secure,
            httponly=True,
            samesite="lax",
        )
    return response


def current_identity(request: Request) -> Identity | None:
    """The signed-in user, checked against the database (an active account whose password
    has not changed since), or None. Cached for the request."""
    cached = getattr(request.state, "web_identity", _NO_USER)
    if cached is not _NO_USER:
        return cached
    identity = None
    session = load_session(request)
    if session is not None and session.user_id:
        with request.app.state.services.session() as db:
            user = db.get(User, session.user_id)
            if (
                user is not None
                and user.state == "active"
                and user.password_hash
                and secrets.compare_digest(password_fingerprint(user), session.fingerprint or "")
            ):
                identity = Identity(user_id=user.id, name=user.name, sysadmin=user.sysadmin)
    request.state.web_identity = identity
    return identity


def current_user(request: Request) -> dict[str, Any] | None:
    """What templates show of the signed-in user (`current_user`), or None."""
    identity = current_identity(request)
    if identity is None:
        return None
    session = load_session(request)
    return {
        "id": identity.user_id,
        "name": identity.name,
        "sysadmin": identity.sysadmin,
        "csrf_token": session.csrf if session else "",
    }

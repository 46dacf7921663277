"""API tokens, as CKAN's api_token_* actions offer them, stored hashed.

A token handed out is `<token id>.<secret>`: the id of its `api_tokens` row (a UUID, CKAN's
`jti`) and 32 random bytes in URL-safe base64. Only the SHA-256 of the secret is stored, so
the token is shown once, at creation. Looking one up is a primary-key read and a
constant-time comparison of hashes. Anything unknown, malformed, revoked, or belonging to a
deleted user is no token at all (`user_for_token` returns None): a bad token makes the
caller anonymous, never an error.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session

from catalog.db.models import ApiToken, User, utcnow
from catalog.services.dictization import iso

SECRET_BYTES = 32
TOUCH_INTERVAL = timedelta(minutes=1)
MAX_TOKEN_LENGTH = 200
_ID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_SECRET_RE = re.compile(r"^[A-Za-z0-9_-]{20,100}$")


@dataclass(frozen=True)
class IssuedToken:
    """A freshly created token: the row and the one-time token string."""

    row: ApiToken
    token: str


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("ascii")).hexdigest()


def create_token(session: Session, user: User, name: str) -> IssuedToken:
    """A new token of `user`; the returned `token` string is the only copy of the secret."""
    secret = secrets.token_urlsafe(SECRET_BYTES)
    row = ApiToken(user_id=user.id, name=name, token_hash=_digest(secret), created_at=utcnow())
    session.add(row)
    session.flush()
    return IssuedToken(row=row, token=f"{row.id}.{secret}")


def parse_token(token: Any) -> tuple[str, str] | None:
    """(token id, secret) of a well-formed token string, else None."""
    if not isinstance(token, str) or len(token) > MAX_TOKEN_LENGTH:
        return None
    token_id, dot, secret = token.strip().partition(".")
    if not dot or not _ID_RE.match(token_id) or not _SECRET_RE.match(secret):
        return None
    return token_id, secret


def token_id_of(token: Any) -> str | None:
    """The id (CKAN's jti) a token string names, if it is well formed."""
    parsed = parse_token(token)
    return parsed[0] if parsed else None


def find_token(session: Session, token: Any) -> ApiToken | None:
    """The stored token a token string stands for (checked against its hash), or None."""
    parsed = parse_token(token)
    if parsed is None:
        return None
    token_id, secret = parsed
    row = session.get(ApiToken, token_id)
    if row is None or not hmac.compare_digest(row.token_hash, _digest(secret)):
        return None
    return row


def user_for_token(session: Session, token: Any, *, touch: bool = True) -> User | None:
    """The active user a token belongs to, or None for anything else.

    With `touch`, the token's last_access moves to now when it is unset or over a minute
    old (so a busy client costs one write a minute, not one per request).
    """
    row = find_token(session, token)
    if row is None:
        return None
    user = session.get(User, row.user_id)
    if user is None or user.state != "active":
        return None
    if touch:
        now = utcnow()
        if row.last_access is None or now - row.last_access >= TOUCH_INTERVAL:
            session.execute(
                update(ApiToken)
                .where(
                    ApiToken.id == row.id,
                    or_(
                        ApiToken.last_access.is_(None),
                        ApiToken.last_access <= now - TOUCH_INTERVAL,
                    ),
                )
                .values(last_access=now)
                .execution_options(synchronize_session=False)
            )
    return user


def list_tokens(session: Session, user_id: str) -> list[ApiToken]:
    """The user's tokens, oldest first."""
    return list(
        session.execute(
            select(ApiToken)
            .where(ApiToken.user_id == user_id)
            .order_by(ApiToken.created_at, ApiToken.id)
        ).scalars()
    )


def revoke_token(session: Session, token_id: str) -> bool:
    """Delete a token (as CKAN does); False if there was none."""
    result = session.execute(
        delete(ApiToken).where(ApiToken.id == token_id).execution_options(synchronize_session=False)
    )
    return bool(getattr(result, "rowcount", 0))


def token_dict(row: ApiToken) -> dict[str, Any]:
    """CKAN's api_token_list item: no secret, no hash."""
    return {
        "id": row.id,
        "name": row.name,
        "user_id": row.user_id,
        "created_at": iso(row.created_at),
        "last_access": iso(row.last_access) if row.last_access else None,
    }

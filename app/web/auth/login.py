"""Checking a name (or email) and password, in about the same time whether or not the
account exists, with a limit on failed attempts per account and per client address."""

from __future__ import annotations

import secrets
import threading
import time
from collections import defaultdict, deque
from functools import lru_cache

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from catalog.db.models import User
from catalog.services.users import find_user, hash_password, verify_password

MAX_FAILURES = 10  # per account name and per client address ...
WINDOW_SECONDS = 15 * 60  # ... in this sliding window


@lru_cache(maxsize=1)
def _dummy() -> User:
    """An account no password matches, to verify against when the named one does not exist."""
    return User(name="-", state="active", password_hash=hash_password(secrets.token_hex(16)))


class FailureLimiter:
    """Failed sign-ins remembered in memory (per process): past MAX_FAILURES in the window,
    further attempts for that key are refused without checking the password."""

    def __init__(self, limit: int = MAX_FAILURES, window: float = WINDOW_SECONDS) -> None:
        self.limit = limit
        self.window = window
        self._failures: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque[float]:
        times = self._failures[key]
        while times and now - times[0] > self.window:
            times.popleft()
        return times

    def blocked(self, *keys: str) -> bool:
        now = time.monotonic()
        with self._lock:
            return any(len(self._recent(key, now)) >= self.limit for key in keys)

    def failed(self, *keys: str) -> None:
        now = time.monotonic()
        with self._lock:
            for key in keys:
                self._recent(key, now).append(now)
            if len(self._failures) > 10_000:  # forget idle keys
                for key in [k for k, v in self._failures.items() if not v]:
                    del self._failures[key]

    def succeeded(self, key: str) -> None:
        with self._lock:
            self._failures.pop(key, None)


def find_login(session: Session, login: str) -> User | None:
    """The account a sign-in names: its user name, or its email address (as CKAN allows)."""
    login = login.strip()
    if "@" in login:
        return session.execute(
            select(User).where(func.lower(User.email) == login.lower()).limit(1)
        ).scalar_one_or_none()
    return find_user(session, login)


def authenticate(session: Session, login: str, password: str) -> User | None:
    """The active account whose password this is, or None. An unknown account still costs
    one argon2 verification, so timing does not tell which accounts exist."""
    user = find_login(session, login) if login.strip() else None
    if user is not None and "@" not in login and user.name != login.strip():
        user = None  # an id is not a login name
    if user is None or user.state != "active" or not user.password_hash:
        verify_password(_dummy(), password)
        return None
    return user if verify_password(user, password) else None

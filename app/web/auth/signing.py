"""Signed, time-stamped values: `<base64 JSON>.<base64 HMAC-SHA256>` (no encryption: the
session holds nothing secret, only ids and the CSRF token)."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import time
from typing import Any


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _mac(key: bytes, body: str) -> str:
    return _b64(hmac.new(key, body.encode("ascii"), hashlib.sha256).digest())


def sign(key: bytes, payload: dict[str, Any], *, now: float | None = None) -> str:
    data = {**payload, "iat": int(now if now is not None else time.time())}
    body = _b64(json.dumps(data, separators=(",", ":"), sort_keys=True).encode("utf-8"))
    return f"{body}.{_mac(key, body)}"


def unsign(key: bytes, token: str | None, *, max_age: int, now: float | None = None) -> dict | None:
    """The payload of a token signed with `key` and younger than `max_age` seconds, or None."""
    if not token or len(token) > 4096 or token.count(".") != 1:
        return None
    body, mac = token.split(".")
    try:
        expected = _mac(key, body)
    except UnicodeEncodeError:
        return None
    if not hmac.compare_digest(expected, mac):
        return None
    try:
        data = json.loads(_unb64(body))
    except (ValueError, binascii.Error):
        return None
    issued = data.get("iat") if isinstance(data, dict) else None
    if not isinstance(issued, int):
        return None
    current = now if now is not None else time.time()
    if issued > current + 60 or current - issued > max_age:
        return None
    return data

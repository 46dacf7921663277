"""The key that signs session cookies: OPENDATA_SECRET_KEY, else a random key created once
and kept in the data dir (`secret_key`, mode 0600), so sessions survive restarts."""

from __future__ import annotations

import hashlib
import os
import secrets
from pathlib import Path

from catalog.config import Settings

KEY_FILE = "secret_key"
MIN_FILE_KEY_LENGTH = 32


def _read_or_create(path: Path) -> str:
    try:
        text = path.read_text(encoding="ascii").strip()
        if len(text) >= MIN_FILE_KEY_LENGTH:
            return text
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    try:
        # O_EXCL: two processes starting together agree on the first key written.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text(encoding="ascii").strip()
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(key + "\n")
    return key


def secret_key(settings: Settings) -> bytes:
    """The signing key (bytes); a configured key is used as given, whatever its length."""
    text = settings.secret_key or _read_or_create(settings.data_dir / KEY_FILE)
    # A derived key: the configured secret is never used directly as the HMAC key.
    return hashlib.sha256(b"opendata-web-session\x00" + text.encode("utf-8")).digest()

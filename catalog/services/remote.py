"""Fetching a linked resource's file so that it can be validated like an upload.

Standard library only (the core imports no HTTP client library): http and https URLs,
a time limit, and the same size limit as uploads. The fetched copy is staged and
validated; a copy that passed is kept privately for the DataStore (storage.py), any other
is discarded. A link stays a link.
"""

from __future__ import annotations

import urllib.request
from urllib.parse import urlparse

from catalog.services.storage import ResourceStorage, StoredFile

TIMEOUT_SECONDS = 30


class FetchFailed(Exception):
    """The URL could not be fetched; the message says why, for the report."""


def fetch_to_staging(storage: ResourceStorage, url: str, *, max_mb: int) -> StoredFile:
    if urlparse(url).scheme not in ("http", "https"):
        raise FetchFailed(f"only http and https links can be validated: {url}")
    request = urllib.request.Request(url, headers={"User-Agent": "bacgiang-opendata/validation"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
            return storage.stage(response, max_bytes=max_mb * 1024 * 1024)
    except Exception as error:  # any network or HTTP failure becomes the report's reason
        raise FetchFailed(f"{url} could not be fetched: {error}") from None

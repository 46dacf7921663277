"""The HTTP side of harvesting: one httpx client per job, and reads that turn every network
or HTTP failure into a GatherError with a message fit for the job's report."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import httpx

from harvesters.base import GatherError

DEFAULT_TIMEOUT = 30.0
USER_AGENT = "bacgiang-opendata-harvester/1.0"
MAX_BYTES = 200 * 1024 * 1024  # no remote page is this large; stop reading before memory is


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    status_code: int
    content_type: str
    content: bytes


def build_client(config: dict[str, Any]) -> httpx.Client:
    headers = {"User-Agent": str(config.get("user_agent") or USER_AGENT)}
    if config.get("api_key"):
        headers["Authorization"] = str(config["api_key"])
    timeout = float(config.get("timeout") or DEFAULT_TIMEOUT)
    return httpx.Client(timeout=timeout, headers=headers, follow_redirects=True)


def get(client: httpx.Client, url: str, **kwargs: Any) -> Fetched:
    """GET `url`; GatherError on a timeout, a refused connection or an oversized body.

    The status code is left to the caller (a CKAN error envelope is still JSON)."""
    try:
        with client.stream("GET", url, **kwargs) as response:
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > MAX_BYTES:
                    raise GatherError(f"{url}: the answer is larger than {MAX_BYTES} bytes")
        return Fetched(
            url=str(response.url),
            status_code=response.status_code,
            content_type=response.headers.get("content-type", ""),
            content=bytes(body),
        )
    except httpx.TimeoutException:
        raise GatherError(f"{url}: no answer within {client.timeout.read} s (timeout)") from None
    except httpx.HTTPError as error:
        raise GatherError(f"{url}: {type(error).__name__}: {error}") from None


def get_json(client: httpx.Client, url: str, **kwargs: Any) -> Any:
    response = get(client, url, **kwargs)
    try:
        return json.loads(response.content)
    except (ValueError, UnicodeDecodeError):
        snippet = response.content[:80].decode("utf-8", "replace").strip()
        raise GatherError(
            f"{url}: HTTP {response.status_code}, the answer is not JSON: {snippet!r}"
        ) from None

"""CKAN's response envelope, JSON serialisation, JSONP, CORS and cache headers.

Verified against CKAN 2.11.5 `ckan/views/api.py` (`_finish`, `_finish_ok`, `_wrap_jsonp`,
`action`) and `ckan/views/__init__.py` (`set_cors_headers_for_response`,
`set_cache_control_headers_for_response`):

* Body: `simplejson.dumps(data, default=<date/datetime -> isoformat()>, for_json=True)` with
  simplejson 3.19.2's defaults, i.e. `ensure_ascii=True`, separators `", "` / `": "`, no key
  sorting, `allow_nan=False`. The standard library's `json.dumps` with the same settings gives
  the same bytes for everything an action returns (dict, list, str, int, float, bool, None);
  simplejson extras are mimicked where cheap (`for_json()`, bytes as UTF-8 text, `Decimal`
  as a number, but via int/float), namedtuples are not (they come out as arrays).
* Content-Type `application/json;charset=utf-8`; JSONP `application/javascript;charset=utf-8`.
* Envelope key order: success `help, success, result`; error `help, error, success`
  (CKAN assigns `error` before `success` in every `except` clause).
* JSONP: only when status is 200, the method is GET and `callback` is in the query string;
  the body becomes `<html.escape(callback)>(<json>);`.
* Every response gets `Cache-Control: public, max-age=0, must-revalidate`
  (`ckan.cache_expires` defaults to 0, and API views never mark themselves uncacheable).
* CORS (CKAN with `ckan.cors.origin_allow_all = true`): only if the request has an Origin
  header, `Access-Control-Allow-Origin: *`, `Access-Control-Allow-Methods: POST, PUT, GET,
  DELETE, OPTIONS`, `Access-Control-Allow-Headers: <token header>, Content-Type`; we list both
  token headers.
"""

from __future__ import annotations

import datetime
import decimal
import html
import json
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import Response

from app.api.errors import HTTP_ERROR_PAGES, OK
from app.api.request_data import query_items

JSON_CONTENT_TYPE = "application/json;charset=utf-8"
JAVASCRIPT_CONTENT_TYPE = "application/javascript;charset=utf-8"
HTML_CONTENT_TYPE = "text/html; charset=utf-8"
CACHE_CONTROL = "public, max-age=0, must-revalidate"
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "POST, PUT, GET, DELETE, OPTIONS",
    "Access-Control-Allow-Headers": "Authorization, X-CKAN-API-Key, Content-Type",
}
ALLOWED_METHODS = "GET, HEAD, OPTIONS, POST"


def _default(obj: Any) -> Any:
    if isinstance(obj, datetime.datetime | datetime.date):
        return obj.isoformat()
    for_json = getattr(obj, "for_json", None)
    if callable(for_json):
        return for_json()
    if isinstance(obj, bytes):
        return obj.decode("utf-8")
    if isinstance(obj, decimal.Decimal) and obj.is_finite():
        return int(obj) if obj == obj.to_integral_value() else float(obj)
    raise TypeError(f"Object of type {type(obj).__name__} is not JSON serializable")


def dumps(data: Any) -> str:
    """Serialise like CKAN's `_finish` does. Raises TypeError/ValueError on unserialisable data."""
    return json.dumps(data, ensure_ascii=True, allow_nan=False, default=_default)


def help_url(site_url: str, name: str) -> str:
    """The envelope's `help`: always the `/api/3/action/help_show` URL, absolute."""
    return f"{site_url}/api/3/action/help_show?{urlencode({'name': name}, safe='/:')}"


def success_envelope(help: str, result: Any) -> dict[str, Any]:
    return {"help": help, "success": True, "result": result}


def error_envelope(help: str, error: Mapping[str, Any]) -> dict[str, Any]:
    return {"help": help, "error": dict(error), "success": False}


def _query_value(request: Request, key: str) -> str | None:
    for k, v in query_items(request):
        if k == key:
            return v
    return None


def common_headers(request: Request) -> dict[str, str]:
    """Cache-Control, plus CORS headers when the request carries an Origin header."""
    headers = {"Cache-Control": CACHE_CONTROL}
    if request.headers.get("origin"):
        headers.update(CORS_HEADERS)
    return headers


def finish(request: Request, status: int, data: Any) -> Response:
    """CKAN's `_finish(status, data, 'json')`: serialise, maybe wrap as JSONP, add headers."""
    body = dumps(data)
    content_type = JSON_CONTENT_TYPE
    if status == OK and request.method == "GET":
        callback = _query_value(request, "callback")
        if callback is not None:
            body = f"{html.escape(callback)}({body});"
            content_type = JAVASCRIPT_CONTENT_TYPE
    headers = common_headers(request)
    headers["Content-Type"] = content_type
    return Response(body.encode("utf-8"), status_code=status, headers=headers)


def html_error(request: Request, status: int, headers: Mapping[str, str] | None = None) -> Response:
    """A plain HTML error page for routing errors (CKAN renders its error template)."""
    name, description = HTTP_ERROR_PAGES.get(status, ("Error", ""))
    page = (
        "<!doctype html>\n<html lang=en>\n"
        f"<title>{status} {name}</title>\n<h1>{name}</h1>\n<p>{description}</p>\n"
    )
    out = common_headers(request)
    out.update(headers or {})
    out["Content-Type"] = HTML_CONTENT_TYPE
    return Response(page.encode("utf-8"), status_code=status, headers=out)


def preflight(request: Request) -> Response:
    """Answer OPTIONS like Flask's automatic handler: 200, empty body, `Allow`, CORS headers."""
    headers = common_headers(request)
    headers["Allow"] = ALLOWED_METHODS
    headers["Content-Type"] = HTML_CONTENT_TYPE
    return Response(b"", status_code=OK, headers=headers)

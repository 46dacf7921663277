"""Turn a Starlette request into CKAN's action data dict (ckan-api.md §1.3).

Verified against CKAN 2.11.5 `ckan/views/api.py::_get_request_data` (Flask 3.1 / Werkzeug 3.1),
in CKAN's order:

0. GET on an action that is not side-effect free fails with
   `"Invalid request. Please use POST method for your request"` (before anything is read).
1. POST with a non-empty form (urlencoded or multipart): if the form has exactly one key and
   that key's first value is `""` or `"1"`, the key is parsed as JSON (`curl -d '{"id": 1}'`);
   a key that is not JSON fails with `"Error decoding JSON data. Error: <repr of the decode
   error> JSON data extracted from the request: {}"`. Otherwise each key maps to its value, or
   to the list of its values when repeated.
2. Else, if the action is side-effect free and the query string is non-empty: the query
   string, flattened the same way. This applies to POST too (CKAN's test
   `test_jsonp_does_not_work_on_post_requests` posts `?callback=` with an empty body).
3. Else a non-empty raw body (not a form) is JSON. Werkzeug answers 415 when Content-Type is
   not JSON; we parse it whatever the Content-Type. A decode failure gives
   `"Error decoding JSON data. Error: <BadRequest '400: Bad Request'> JSON data extracted from
   the request: {}"` (Flask re-raises a bare `BadRequest()` outside debug mode).
4. The result must be a dict, else `"Request data JSON decoded to <repr> but it needs to be a
   dictionary."`; an empty request gives `{}`.
5. Uploaded files are added under their field names (the first file of a repeated name), as
   Starlette `UploadFile`s spooled to disk, never read here. The caller closes them
   (`await request.close()`) after the action ran.

Query strings and urlencoded bodies are split like Werkzeug (`parse_qsl` with blank values
kept; undecodable percent-escapes stay percent-encoded). Removing `callback` and making the
call anonymous is the router's job (it happens after parsing, as in CKAN).
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterable
from typing import Any
from urllib.parse import parse_qsl, quote

from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request

FORM_URLENCODED = "application/x-www-form-urlencoded"
MULTIPART = "multipart/form-data"

USE_POST = "Invalid request. Please use POST method for your request"
DECODE_ERROR = "Error decoding JSON data. Error: {error} JSON data extracted from the request: {{}}"
BODY_DECODE_ERROR_REPR = "<BadRequest '400: Bad Request'>"
NOT_A_DICT = "Request data JSON decoded to {value!r} but it needs to be a dictionary."

_QUOTE_ERRORS = "app.api.url_quote"


def _quote_undecodable(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    return quote(exc.object[exc.start : exc.end], safe=""), exc.end


codecs.register_error(_QUOTE_ERRORS, _quote_undecodable)


class RequestDataError(ValueError):
    """The request cannot be turned into a data dict; `str()` is CKAN's reason text."""


class FormError(ValueError):
    """The multipart body could not be parsed (Starlette's parser rejected it)."""


def _split_query(raw: bytes) -> list[tuple[str, str]]:
    text = raw.decode("utf-8", _QUOTE_ERRORS)
    return parse_qsl(text, keep_blank_values=True, errors=_QUOTE_ERRORS)


def query_items(request: Request) -> list[tuple[str, str]]:
    """The query string as (key, value) pairs, in order, split the way Werkzeug does."""
    cached = request.scope.get("app.api.query_items")
    if cached is None:
        cached = _split_query(request.scope.get("query_string", b""))
        request.scope["app.api.query_items"] = cached
    return cached


def mixed(items: Iterable[tuple[str, Any]]) -> dict[str, Any]:
    """CKAN's `mixed()`: a key seen once maps to its value, a repeated key to the list."""
    grouped: dict[str, list[Any]] = {}
    for key, value in items:
        grouped.setdefault(key, []).append(value)
    return {key: values[0] if len(values) == 1 else values for key, values in grouped.items()}


def mimetype(request: Request) -> str:
    return request.headers.get("content-type", "").split(";", 1)[0].strip().lower()


async def _read_form(
    request: Request, kind: str
) -> tuple[list[tuple[str, str]], dict[str, UploadFile]]:
    """Form fields in order, and the first file of each file field name."""
    if kind == FORM_URLENCODED:
        return _split_query(await request.body()), {}
    try:
        form = await request.form()
    except HTTPException as exc:  # Starlette's MultiPartException, re-raised with the app set
        raise FormError(str(exc.detail)) from exc
    fields: list[tuple[str, str]] = []
    files: dict[str, UploadFile] = {}
    for key, value in form.multi_items():
        if isinstance(value, str):
            fields.append((key, value))
        else:
            files.setdefault(key, value)
    return fields, files


def _from_form(fields: list[tuple[str, str]]) -> Any:
    first: dict[str, str] = {}
    for key, value in fields:
        first.setdefault(key, value)
    if len(first) == 1:
        ((key, value),) = first.items()
        if value in ("1", ""):
            try:
                return json.loads(key)
            except ValueError as exc:
                raise RequestDataError(DECODE_ERROR.format(error=repr(exc))) from exc
    return mixed(fields)


async def read_request_data(request: Request, *, try_url_params: bool) -> dict[str, Any]:
    """CKAN's `_get_request_data(try_url_params)` for a Starlette request.

    Raises `RequestDataError` (answer 400 `"Bad request - JSON Error: <str(exc)>"`) or
    `FormError` for a multipart body Starlette cannot parse.
    """
    method = request.method
    if not try_url_params and method in ("GET", "HEAD"):
        raise RequestDataError(USE_POST)

    kind = mimetype(request)
    is_form = kind in (FORM_URLENCODED, MULTIPART)
    fields: list[tuple[str, str]] = []
    files: dict[str, UploadFile] = {}
    if method == "POST" and is_form:
        fields, files = await _read_form(request, kind)

    data: Any = {}
    if fields:
        data = _from_form(fields)
    elif try_url_params and query_items(request):
        data = mixed(query_items(request))
    elif not is_form:
        body = await request.body()
        if body:
            try:
                data = json.loads(body)
            except ValueError as exc:
                raise RequestDataError(DECODE_ERROR.format(error=BODY_DECODE_ERROR_REPR)) from exc

    if not isinstance(data, dict):
        raise RequestDataError(NOT_A_DICT.format(value=data))
    data.update(files)
    return data

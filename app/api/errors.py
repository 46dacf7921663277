"""The one table of HTTP statuses and CKAN error shapes for the action API (DESIGN rule 5).

The core raises only `catalog.errors`; this module says what each becomes on the wire.
Verified against CKAN 2.11.5 `ckan/views/api.py::action` (the `except` clauses, in the same
order) and `_finish_bad_request`:

* `DataError`        -> 400 `__type` "Integrity Error", `message` e.error, `data` the request data
* `NotAuthorized`    -> 403 `__type` "Authorization Error", `message` "Access denied[: <e>]"
* `NotFound`         -> 404 `__type` "Not Found Error", `message` "Not found[: <e>]"
* `ValidationError`  -> 409 the error dict itself, `"__type": "Validation Error"` added last
                        (413 for `UploadTooLarge`: the issue asks for 413 where CKAN says 409)
* `SearchQueryError` -> 400 `__type` "Search Query Error",
                        `message` `'Search Query is invalid: %r' % e.args` (Python's repr of the
                        text, quotes included)
* `SearchError`      -> 409 `__type` "Search Error", `message` `'Search error: %r' % e.args`
* anything else      -> 500 `__type` "Internal Server Error", `message` "Internal Server Error"
* unknown action / unreadable request -> 400 with a bare JSON string `"Bad request - <detail>"`,
  the details being `"Action name not known: <name>"` and `"JSON Error: <reason>"`.

CKAN's `Search Index Error` (500) and `Search Connection Error` (500) have no counterpart in
`catalog.errors` yet; add a rule here when the core grows one.

Routing errors (no route, wrong method) are HTML pages in CKAN (Flask's error template); the
statuses and Werkzeug's names and descriptions for them are listed here too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from catalog.errors import (
    DataShapeError,
    NotAuthorized,
    NotFound,
    SearchError,
    SearchQueryError,
    UploadTooLarge,
    ValidationFailed,
)

OK = 200
BAD_REQUEST = 400
NOT_FOUND = 404
METHOD_NOT_ALLOWED = 405
INTERNAL_SERVER_ERROR = 500

INTERNAL_ERROR_TYPE = "Internal Server Error"

# `_finish_bad_request` body: "Bad request" or "Bad request - <extra>".
BAD_REQUEST_TEXT = "Bad request"
ACTION_NOT_KNOWN = "Action name not known: {name}"
JSON_ERROR = "JSON Error: {reason}"

# Werkzeug's names and descriptions, which CKAN's HTML error page shows.
HTTP_ERROR_PAGES: dict[int, tuple[str, str]] = {
    NOT_FOUND: (
        "Not Found",
        "The requested URL was not found on the server. If you entered the URL manually "
        "please check your spelling and try again.",
    ),
    METHOD_NOT_ALLOWED: ("Method Not Allowed", "The method is not allowed for the requested URL."),
}

ErrorBody = Callable[[Any, dict[str, Any]], dict[str, Any]]


@dataclass(frozen=True)
class ErrorRule:
    """How one exception class is answered: HTTP status, `__type`, the rest of `error`."""

    exc_type: type[BaseException]
    status: int
    type_name: str
    body: ErrorBody


def _with_detail(prefix: str, exc: BaseException) -> dict[str, Any]:
    detail = str(exc)
    return {"message": f"{prefix}: {detail}" if detail else prefix}


def _integrity(exc: DataShapeError, request_data: dict[str, Any]) -> dict[str, Any]:
    # CKAN echoes the request data; the core may hand a more precise echo itself.
    return {"message": exc.message, "data": request_data if exc.data is None else exc.data}


def _validation(exc: ValidationFailed, request_data: dict[str, Any]) -> dict[str, Any]:
    errors = exc.errors
    return dict(errors) if isinstance(errors, dict) else {"message": str(errors)}


ERROR_RULES: tuple[ErrorRule, ...] = (
    ErrorRule(DataShapeError, 400, "Integrity Error", _integrity),
    ErrorRule(
        NotAuthorized, 403, "Authorization Error", lambda e, d: _with_detail("Access denied", e)
    ),
    ErrorRule(NotFound, 404, "Not Found Error", lambda e, d: _with_detail("Not found", e)),
    ErrorRule(UploadTooLarge, 413, "Validation Error", _validation),
    ErrorRule(ValidationFailed, 409, "Validation Error", _validation),
    ErrorRule(
        SearchQueryError,
        400,
        "Search Query Error",
        lambda e, d: {"message": f"Search Query is invalid: {e.message!r}"},
    ),
    ErrorRule(
        SearchError,
        409,
        "Search Error",
        lambda e, d: {"message": f"Search error: {e.message!r}"},
    ),
)


def rule_for(exc: BaseException) -> ErrorRule | None:
    """The first rule whose exception class matches, or None for an unexpected error."""
    for rule in ERROR_RULES:
        if isinstance(exc, rule.exc_type):
            return rule
    return None


def action_error(exc: BaseException, request_data: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    """Status and CKAN `error` object for an exception raised by an action.

    Key order is CKAN's: `__type` first, except for validation errors, where CKAN adds
    `__type` to the field dict last.
    """
    rule = rule_for(exc)
    if rule is None:
        return INTERNAL_SERVER_ERROR, internal_error()
    rest = rule.body(exc, request_data)
    if isinstance(exc, ValidationFailed):
        rest["__type"] = rule.type_name
        return rule.status, rest
    return rule.status, {"__type": rule.type_name, **rest}


def internal_error() -> dict[str, Any]:
    """The `error` object of CKAN's catch-all `except Exception` (status 500)."""
    return {"__type": INTERNAL_ERROR_TYPE, "message": "Internal Server Error"}


def bad_request_text(extra: str | None = None) -> str:
    """The JSON string body of CKAN's `_finish_bad_request`."""
    return f"{BAD_REQUEST_TEXT} - {extra}" if extra else BAD_REQUEST_TEXT

"""The exception -> (status, error object) table."""

from __future__ import annotations

from typing import Any

import pytest

from app.api.errors import action_error, bad_request_text, rule_for
from catalog.errors import (
    ActionNotFound,
    DataShapeError,
    NotAuthorized,
    NotFound,
    SearchError,
    SearchQueryError,
    ValidationFailed,
)


@pytest.mark.parametrize(
    "exc, status, error",
    [
        (NotFound("x"), 404, {"__type": "Not Found Error", "message": "Not found: x"}),
        (NotAuthorized(), 403, {"__type": "Authorization Error", "message": "Access denied"}),
        (
            ValidationFailed({"name": ["Missing value"]}),
            409,
            {"name": ["Missing value"], "__type": "Validation Error"},
        ),
        (
            DataShapeError("bad", data={"tags": "a"}),
            400,
            {"__type": "Integrity Error", "message": "bad", "data": {"tags": "a"}},
        ),
        (
            DataShapeError("bad"),
            400,
            {"__type": "Integrity Error", "message": "bad", "data": {"req": 1}},
        ),
        (
            SearchQueryError("it's"),
            400,
            {"__type": "Search Query Error", "message": 'Search Query is invalid: "it\'s"'},
        ),
        (SearchError("x"), 409, {"__type": "Search Error", "message": "Search error: 'x'"}),
        (
            ActionNotFound("inner"),
            500,
            {"__type": "Internal Server Error", "message": "Internal Server Error"},
        ),
        (
            KeyError("k"),
            500,
            {"__type": "Internal Server Error", "message": "Internal Server Error"},
        ),
    ],
)
def test_action_error(exc: Exception, status: int, error: dict[str, Any]) -> None:
    got_status, got = action_error(exc, {"req": 1})
    assert (got_status, got) == (status, error)
    assert list(got) == list(error)


def test_validation_error_does_not_mutate_the_exception() -> None:
    exc = ValidationFailed({"name": ["x"]})
    action_error(exc, {})
    assert exc.errors == {"name": ["x"]}


def test_subclasses_match() -> None:
    class PackageNotFound(NotFound):
        pass

    rule = rule_for(PackageNotFound("p"))
    assert rule is not None and rule.type_name == "Not Found Error"


def test_bad_request_text() -> None:
    assert bad_request_text() == "Bad request"
    assert bad_request_text("JSON Error: x") == "Bad request - JSON Error: x"

"""Serialisation must give CKAN's bytes (simplejson 3.19 `dumps` with CKAN's arguments)."""

from __future__ import annotations

import datetime
import decimal
from typing import Any

import pytest

from app.api.responses import dumps, error_envelope, help_url, success_envelope

SAMPLES: list[Any] = [
    {"b": 1, "a": [1, 2.5, -0.0, 1e100, 10**30, True, False, None]},
    {"title": "Bắc Giang — dữ liệu mở 😀", "ctl": 'tab\there\nnl \x00 \x7f \u2028 / \\ "'},
    {"nested": {"resources": [{}, {"url": ["Missing value"]}]}, "empty": [], "e": {}},
    {"at": datetime.datetime(2024, 1, 2, 3, 4, 5), "day": datetime.date(2025, 7, 1)},
    {"at": datetime.datetime(2024, 1, 2, 3, 4, 5, 1)},
    "Bad request - Action name not known: <x>",
    ["tuple", ("a", 1)],
    {1: "int key", 2.5: "float key", None: "none key", False: "bool key"},
]


def _ckan_default(obj: Any) -> Any:
    if isinstance(obj, datetime.datetime | datetime.date):
        return obj.isoformat()
    raise TypeError("Unhandled Object")


@pytest.mark.parametrize("data", SAMPLES)
def test_bytes_equal_ckan_simplejson(data: Any) -> None:
    simplejson = pytest.importorskip("simplejson")
    expected = simplejson.dumps(data, default=_ckan_default, for_json=True)
    assert dumps(data) == expected


def test_simplejson_extras() -> None:
    class ForJson:
        def for_json(self) -> dict[str, int]:
            return {"x": 1}

    assert dumps({"o": ForJson(), "b": b"caf\xc3\xa9"}) == '{"o": {"x": 1}, "b": "caf\\u00e9"}'
    assert dumps([decimal.Decimal("42"), decimal.Decimal("0.5")]) == "[42, 0.5]"


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), object(), datetime.time(1)])
def test_unserialisable_raises(bad: Any) -> None:
    with pytest.raises((TypeError, ValueError)):
        dumps({"x": bad})


def test_envelopes_key_order() -> None:
    assert list(success_envelope("h", 1)) == ["help", "success", "result"]
    assert list(error_envelope("h", {"__type": "t"})) == ["help", "error", "success"]


def test_help_url() -> None:
    assert help_url("https://a.b/sub", "package_show") == (
        "https://a.b/sub/api/3/action/help_show?name=package_show"
    )

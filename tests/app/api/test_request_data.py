"""Request -> data dict, per ckan-api.md §1.3 and CKAN 2.11's `_get_request_data`."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from starlette.requests import Request

from app.api.request_data import mixed, query_items

from .conftest import UPLOADS

FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def data_of(r: Any) -> Any:
    assert r.status_code == 200, r.content
    return r.json()["result"]["data"]


def bad_request(r: Any) -> str:
    assert r.status_code == 400
    assert r.headers["content-type"] == "application/json;charset=utf-8"
    return r.json()


def test_mixed_keeps_first_seen_order() -> None:
    assert mixed([("b", "1"), ("a", "2"), ("b", "3")]) == {"b": ["1", "3"], "a": "2"}


def test_urlencoded_form(client: TestClient) -> None:
    r = client.post("/api/3/action/write_echo", content=b"a=1&b=2&b=3&c=&d+e=f%20g", headers=FORM)
    assert data_of(r) == {"a": "1", "b": ["2", "3"], "c": "", "d e": "f g"}


@pytest.mark.parametrize("body", [b'{"id": "x", "n": 1}', b'{"id": "x", "n": 1}=1'])
def test_form_with_one_json_key(client: TestClient, body: bytes) -> None:
    # curl -d '{"id": "x", "n": 1}' sends it form-urlencoded: the JSON is the only key.
    r = client.post("/api/3/action/write_echo", content=body, headers=FORM)
    assert data_of(r) == {"id": "x", "n": 1}


def test_form_with_one_key_that_is_not_json(client: TestClient) -> None:
    r = client.post("/api/3/action/write_echo", content=b"id=1", headers=FORM)
    assert bad_request(r) == (
        "Bad request - JSON Error: Error decoding JSON data. "
        "Error: JSONDecodeError('Expecting value: line 1 column 1 (char 0)') "
        "JSON data extracted from the request: {}"
    )
    # One distinct key whose first value is "1": CKAN tries JSON even when it is repeated.
    r = client.post("/api/3/action/write_echo", content=b"a=1&a=2", headers=FORM)
    assert bad_request(r).startswith("Bad request - JSON Error: Error decoding JSON data.")


def test_form_with_one_plain_field(client: TestClient) -> None:
    r = client.post("/api/3/action/write_echo", content=b"id=abc", headers=FORM)
    assert data_of(r) == {"id": "abc"}


def test_form_key_decoding_to_a_list(client: TestClient) -> None:
    r = client.post("/api/3/action/write_echo", content=b"[1, 2]", headers=FORM)
    assert bad_request(r) == (
        "Bad request - JSON Error: Request data JSON decoded to [1, 2] "
        "but it needs to be a dictionary."
    )


def test_multipart_fields_and_file(client: TestClient) -> None:
    UPLOADS.clear()
    r = client.post(
        "/api/3/action/write_echo",
        data={"package_id": "p1", "tag": ["x", "y"], "size": "42"},
        files={"upload": ("data.csv", b"a,b\n1,2\n", "text/csv")},
    )
    assert data_of(r) == {
        "package_id": "p1",
        "tag": ["x", "y"],
        "size": "42",
        "upload": {"file": "data.csv", "content": "a,b\n1,2\n"},
    }
    # The action got Starlette's UploadFile itself, and it is closed after the response.
    assert len(UPLOADS) == 1 and UPLOADS[0].file.closed


def test_multipart_file_only_and_file_overrides_field(client: TestClient) -> None:
    r = client.post("/api/3/action/write_echo", files={"upload": ("a.txt", b"A", "text/plain")})
    assert data_of(r) == {"upload": {"file": "a.txt", "content": "A"}}
    r = client.post(
        "/api/3/action/write_echo",
        data={"upload": "http://example.org/x.csv", "name": "n"},
        files=[("upload", ("first.txt", b"1", "text/plain")), ("upload", ("2.txt", b"2", "t/p"))],
    )
    assert data_of(r) == {"upload": {"file": "first.txt", "content": "1"}, "name": "n"}


def test_multipart_single_json_field(client: TestClient) -> None:
    # (httpx percent-escapes quotes in part names, so use JSON without quotes.)
    r = client.post("/api/3/action/write_echo", files={"7": (None, b"1")})
    assert bad_request(r) == (
        "Bad request - JSON Error: Request data JSON decoded to 7 but it needs to be a dictionary."
    )


def test_get_query_flattening(client: TestClient) -> None:
    r = client.get("/api/3/action/echo?facet.field=a&facet.field=b&rows=100&q=B%E1%BA%AFc+Giang")
    assert data_of(r) == {"facet.field": ["a", "b"], "rows": "100", "q": "Bắc Giang"}


def test_query_keeps_undecodable_escapes(client: TestClient) -> None:
    r = client.get("/api/3/action/echo?q=%FF%41&empty")
    assert data_of(r) == {"q": "%FFA", "empty": ""}


@pytest.mark.parametrize("content_type", ["application/json", "text/plain", None])
def test_raw_json_body_whatever_the_content_type(
    client: TestClient, content_type: str | None
) -> None:
    headers = {"Content-Type": content_type} if content_type else {}
    r = client.post("/api/action/write_echo", content=b'{"id": "x", "n": [1]}', headers=headers)
    assert data_of(r) == {"id": "x", "n": [1]}


def test_empty_bodies_are_empty_dicts(client: TestClient) -> None:
    assert data_of(client.post("/api/action/write_echo")) == {}
    r = client.post("/api/action/write_echo", content=b"", headers=FORM)
    assert data_of(r) == {}
    r = client.post("/api/action/write_echo", headers={"Content-Type": "application/json"})
    assert data_of(r) == {}
    assert data_of(client.get("/api/action/echo")) == {}


def test_invalid_json(client: TestClient) -> None:
    r = client.post(
        "/api/action/write_echo", content=b'{"id": ', headers={"Content-Type": "application/json"}
    )
    assert bad_request(r) == (
        "Bad request - JSON Error: Error decoding JSON data. "
        "Error: <BadRequest '400: Bad Request'> JSON data extracted from the request: {}"
    )


@pytest.mark.parametrize(
    "body, shown", [(b"[1, 2]", "[1, 2]"), (b'"abc"', "'abc'"), (b"null", "None"), (b"1.5", "1.5")]
)
def test_json_that_is_not_an_object(client: TestClient, body: bytes, shown: str) -> None:
    r = client.post("/api/action/write_echo", content=body)
    assert bad_request(r) == (
        f"Bad request - JSON Error: Request data JSON decoded to {shown} "
        "but it needs to be a dictionary."
    )


def test_query_wins_over_body_for_side_effect_free_posts(client: TestClient) -> None:
    # CKAN consults the query string before the raw body whenever the action is GET-able.
    r = client.post("/api/action/echo?id=q", json={"id": "body"})
    assert data_of(r) == {"id": "q"}
    r = client.post("/api/action/write_echo?id=q", json={"id": "body"})
    assert data_of(r) == {"id": "body"}
    r = client.post("/api/action/echo?id=q", data={"id": "form"})
    assert data_of(r) == {"id": "form"}


def test_get_with_json_body_and_no_query(client: TestClient) -> None:
    r = client.request("GET", "/api/action/echo", content=b'{"id": "b"}')
    assert data_of(r) == {"id": "b"}


def test_values_are_passed_as_received(client: TestClient) -> None:
    body = {"rows": 10, "private": True, "extras": [{"key": "k", "value": "v"}], "x": None}
    assert data_of(client.post("/api/action/write_echo", json=body)) == body


def test_query_items_is_cached_per_request() -> None:
    request = Request({"type": "http", "query_string": b"a=1&a=2", "headers": []})
    assert query_items(request) == [("a", "1"), ("a", "2")]
    assert query_items(request) is query_items(request)

"""Routes, envelope bytes, error mapping, JSONP, CORS, 404/405 of the action API router."""

from __future__ import annotations

import logging

import pytest
from fastapi.testclient import TestClient

from .conftest import build_app, help_for

JSON = "application/json;charset=utf-8"
JS = "application/javascript;charset=utf-8"
HTML = "text/html; charset=utf-8"


def test_success_envelope_bytes(client: TestClient) -> None:
    r = client.post("/api/3/action/echo", json={"id": "x"})
    assert r.status_code == 200
    assert r.headers["content-type"] == JSON
    assert r.headers["cache-control"] == "public, max-age=0, must-revalidate"
    assert r.content == (
        b'{"help": "http://catalog.test/api/3/action/help_show?name=echo", '
        b'"success": true, "result": {"data": {"id": "x"}, "user": null}}'
    )


@pytest.mark.parametrize("prefix", ["/api/action", "/api/3/action", "/api/03/action"])
def test_url_forms_share_the_v3_help_url(client: TestClient, prefix: str) -> None:
    r = client.post(f"{prefix}/echo", json={})
    assert r.status_code == 200
    assert r.json()["help"] == help_for("echo")


@pytest.mark.parametrize(
    "path",
    [
        "/api/1/action/echo",
        "/api/2/action/echo",
        "/api/4/action/echo",
        "/api/3/action/echo/",
        "/api/action/echo/",
        "/api/action/",
        "/api/3/action/a/b",
    ],
)
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_other_action_urls_are_html_404(client: TestClient, path: str, method: str) -> None:
    r = client.request(method, path)
    assert r.status_code == 404
    assert r.headers["content-type"] == HTML
    assert b"Not Found" in r.content


@pytest.mark.parametrize("redirect_slashes", [False, True])
def test_trailing_slash_never_redirects(redirect_slashes: bool) -> None:
    client = TestClient(build_app(redirect_slashes=redirect_slashes), follow_redirects=False)
    r = client.post("/api/3/action/echo/", json={"id": "x"})
    assert r.status_code == 404
    assert "location" not in r.headers


@pytest.mark.parametrize(
    "path, version",
    [
        ("/api", 1),
        ("/api/", 1),
        ("/api/1", 1),
        ("/api/2/", 2),
        ("/api/3", 3),
        ("/api/3/", 3),
    ],
)
def test_version_endpoints(client: TestClient, path: str, version: int) -> None:
    r = client.get(path)
    assert r.status_code == 200
    assert r.headers["content-type"] == JSON
    assert r.content == b'{"version": %d}' % version


def test_version_endpoint_errors(client: TestClient) -> None:
    assert client.get("/api/4").status_code == 404
    assert client.get("/api/0/").status_code == 404
    r = client.post("/api/3")
    assert r.status_code == 405
    assert r.headers["content-type"] == HTML


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_other_methods_are_405(client: TestClient, method: str) -> None:
    r = client.request(method, "/api/3/action/echo")
    assert r.status_code == 405
    assert r.headers["content-type"] == HTML
    assert r.headers["allow"] == "GET, HEAD, OPTIONS, POST"
    assert b"detail" not in r.content


def test_options_preflight(client: TestClient) -> None:
    r = client.options(
        "/api/3/action/package_create",
        headers={
            "Origin": "https://example.org",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, content-type",
        },
    )
    assert r.status_code == 200
    assert r.content == b""
    assert r.headers["access-control-allow-origin"] == "*"
    assert r.headers["access-control-allow-methods"] == "POST, PUT, GET, DELETE, OPTIONS"
    assert r.headers["access-control-allow-headers"] == (
        "Authorization, X-CKAN-API-Key, Content-Type"
    )


def test_cors_only_with_origin(client: TestClient) -> None:
    plain = client.get("/api/3/action/echo")
    assert "access-control-allow-origin" not in plain.headers
    cors = client.get("/api/3/action/echo", headers={"Origin": "https://example.org"})
    assert cors.headers["access-control-allow-origin"] == "*"
    error = client.get("/api/3/action/nope", headers={"Origin": "https://example.org"})
    assert error.headers["access-control-allow-origin"] == "*"


def test_unknown_action(client: TestClient) -> None:
    for r in (client.get("/api/3/action/nope"), client.post("/api/action/nope", json={})):
        assert r.status_code == 400
        assert r.headers["content-type"] == JSON
        assert r.content == b'"Bad request - Action name not known: nope"'


def test_get_on_write_action(client: TestClient) -> None:
    r = client.get("/api/3/action/write_echo?id=1")
    assert r.status_code == 400
    assert r.content == (
        b'"Bad request - JSON Error: Invalid request. Please use POST method for your request"'
    )


def _error(name: str, error: bytes) -> bytes:
    return b'{"help": "%s", "error": %s, "success": false}' % (help_for(name).encode(), error)


ERROR_CASES = [
    (
        "not_found",
        404,
        b'{"__type": "Not Found Error", "message": "Not found: Dataset not found"}',
    ),
    ("not_found_bare", 404, b'{"__type": "Not Found Error", "message": "Not found"}'),
    (
        "not_authorized",
        403,
        b'{"__type": "Authorization Error", "message": "Access denied: User not authorized"}',
    ),
    ("not_authorized_bare", 403, b'{"__type": "Authorization Error", "message": "Access denied"}'),
    (
        "validation",
        409,
        b'{"name": ["That URL is already in use."], "resources": [{}, {"url": ["Missing value"]}]'
        b', "__type": "Validation Error"}',
    ),
    (
        "data_shape",
        400,
        b'{"__type": "Integrity Error", "message": "Only lists of dicts", "data": {"tags": "a"}}',
    ),
    (
        "search_query",
        400,
        b'{"__type": "Search Query Error", '
        b'"message": "Search Query is invalid: \'Invalid \\"sort\\" parameter\'"}',
    ),
    (
        "search_error",
        409,
        b'{"__type": "Search Error", "message": "Search error: \'Invalid date\'"}',
    ),
    ("boom", 500, b'{"__type": "Internal Server Error", "message": "Internal Server Error"}'),
    (
        "unserialisable",
        500,
        b'{"__type": "Internal Server Error", "message": "Internal Server Error"}',
    ),
    (
        "not_a_number",
        500,
        b'{"__type": "Internal Server Error", "message": "Internal Server Error"}',
    ),
]


@pytest.mark.parametrize("name, status, error", ERROR_CASES)
def test_error_envelopes(client: TestClient, name: str, status: int, error: bytes) -> None:
    r = client.post(f"/api/3/action/{name}", json={"tags": "a"})
    assert r.status_code == status
    assert r.headers["content-type"] == JSON
    assert r.content == _error(name, error)


def test_internal_error_is_logged(client: TestClient, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.ERROR, logger="app.api.router"):
        client.post("/api/3/action/boom")
    assert any(rec.exc_info and "kaput" in str(rec.exc_info[1]) for rec in caplog.records)


def test_integrity_error_echo_names_uploads(client: TestClient) -> None:
    r = client.post(
        "/api/3/action/data_shape",
        data={"tags": "a"},
        files={"upload": ("x.csv", b"a\n", "text/csv")},
    )
    assert r.status_code == 400
    assert r.json()["error"]["data"] == {"tags": "a", "upload": "x.csv"}


def test_datetimes_and_unicode(client: TestClient) -> None:
    r = client.get("/api/3/action/dates")
    assert r.content.endswith(
        b'"success": true, "result": {"at": "2024-01-02T03:04:05.006789", "day": "2025-07-01"}}'
    )
    r = client.get("/api/3/action/text")
    assert r.content.endswith(
        b'"result": {"title": "B\\u1eafc Giang \\ud83d\\ude00", "n": [1, 2.5, true, null]}}'
    )


def test_identity_reaches_the_action(client: TestClient) -> None:
    r = client.post("/api/action/echo", json={}, headers={"Authorization": "tok-alice"})
    assert r.json()["result"]["user"] == "alice"
    r = client.post("/api/action/echo", json={}, headers={"X-CKAN-API-Key": "tok-alice"})
    assert r.json()["result"]["user"] == "alice"
    r = client.post("/api/action/echo", json={}, headers={"Authorization": "stale"})
    assert r.json()["result"]["user"] is None


def test_actions_run_off_the_event_loop(client: TestClient) -> None:
    assert client.get("/api/3/action/on_event_loop").json()["result"] is False


def test_jsonp_on_get(client: TestClient) -> None:
    r = client.get("/api/3/action/echo?callback=cb&id=1", headers={"Authorization": "tok-alice"})
    assert r.status_code == 200
    assert r.headers["content-type"] == JS
    assert r.content == (
        b'cb({"help": "%s", "success": true, "result": {"data": {"id": "1"}, "user": null}});'
        % help_for("echo").encode()
    )


def test_jsonp_escapes_callback_and_wraps_version(client: TestClient) -> None:
    r = client.get("/api/3", params={"callback": "<a&b>"})
    assert r.content == b'&lt;a&amp;b&gt;({"version": 3});'


def test_jsonp_not_on_errors(client: TestClient) -> None:
    r = client.get("/api/3/action/not_found?callback=cb")
    assert r.status_code == 404
    assert r.headers["content-type"] == JSON
    assert r.content.startswith(b'{"help"')
    r = client.get("/api/3/action/write_echo?callback=cb")
    assert r.status_code == 400
    assert r.content.startswith(b'"Bad request')


def test_callback_on_post_is_anonymous_and_unwrapped(client: TestClient) -> None:
    # CKAN's test_jsonp_does_not_work_on_post_requests: the query string is the data dict.
    r = client.post("/api/3/action/echo?callback=cb", headers={"Authorization": "tok-alice"})
    assert r.headers["content-type"] == JSON
    assert r.json()["result"] == {"data": {}, "user": None}
    r = client.post(
        "/api/3/action/write_echo",
        json={"callback": "cb", "id": "1"},
        headers={"Authorization": "tok-alice"},
    )
    assert r.json()["result"] == {"data": {"id": "1"}, "user": None}


def test_api_error_handlers_only_touch_api_paths(client: TestClient) -> None:
    r = client.get("/api/nothing/here")
    assert r.status_code == 404
    assert r.headers["content-type"] == HTML
    r = client.get("/elsewhere")
    assert r.status_code == 404
    assert r.json() == {"detail": "Not Found"}


def test_action_urls_never_get_fastapi_shapes_without_handlers() -> None:
    client = TestClient(build_app(handlers=False))
    for method, path in [("PUT", "/api/3/action/echo"), ("GET", "/api/2/action/echo")]:
        r = client.request(method, path)
        assert r.headers["content-type"] == HTML, (method, path)
    r = client.post(
        "/api/3/action/echo",
        content=b"--xyz\r\nbroken",
        headers={"Content-Type": "multipart/form-data"},
    )
    assert r.status_code == 400
    assert r.headers["content-type"] == JSON
    assert r.content == b'"Bad request - Missing boundary in multipart."'


def test_other_api_routes_are_not_shadowed() -> None:
    app = build_app()
    app.add_api_route("/api/util/dataset/autocomplete", lambda: {"ResultSet": {"Result": []}})
    app.add_api_route("/api/2/util/tag/autocomplete", lambda: [])
    client = TestClient(app)
    assert client.get("/api/util/dataset/autocomplete").json() == {"ResultSet": {"Result": []}}
    assert client.get("/api/2/util/tag/autocomplete").json() == []

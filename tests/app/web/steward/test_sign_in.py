"""Signing in and out over HTTP: the session cookie, bad passwords, redirects, CSRF,
rate limiting, deleted users."""

from __future__ import annotations

import httpx

from app.web.auth.session import COOKIE
from tests.app.web.steward.conftest import PASSWORD, Site, client, csrf_of, form_token, sign_in


def test_sign_in_sets_a_signed_http_only_lax_cookie(site: Site):
    http = client(site)
    page = http.get("/user/login")
    assert page.status_code == 200 and 'autocomplete="current-password"' in page.text
    answer = http.post(
        "/user/login",
        data={"login": "bien-tap-a", "password": PASSWORD, "_csrf": csrf_of(page),
              "came_from": "/dataset/new"},
    )  # fmt: skip
    assert answer.status_code == 303 and answer.headers["location"] == "/dataset/new"
    cookie = answer.headers["set-cookie"]
    assert cookie.startswith(f"{COOKIE}=") and "HttpOnly" in cookie
    assert "SameSite=lax" in cookie or "samesite=lax" in cookie.lower()
    dashboard = http.get("/dashboard")
    assert dashboard.status_code == 200 and "bien-tap-a" in dashboard.text


def test_sign_in_by_email(site: Site):
    http = sign_in(site, "bien-tap-a@example.org")
    assert http.get("/dashboard").status_code == 200


def test_wrong_password_or_unknown_user_is_refused_alike(site: Site):
    http = client(site)
    token = form_token(http, "/user/login")
    for login in ("bien-tap-a", "khong-ton-tai"):
        answer = http.post("/user/login", data={"login": login, "password": "sai-mat-khau",
                                                  "_csrf": token})  # fmt: skip
        assert answer.status_code == 400
        assert "không đúng" in answer.text and 'value="' + login + '"' in answer.text
    assert http.get("/dashboard").status_code == 303


def test_came_from_only_goes_to_local_paths(site: Site):
    for target in ("https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:x"):
        http = client(site)
        token = form_token(http, "/user/login")
        answer = http.post(
            "/user/login",
            data={"login": "bien-tap-a", "password": PASSWORD, "_csrf": token,
                  "came_from": target},
        )  # fmt: skip
        assert answer.headers["location"] == "/dashboard", target


def test_pages_send_anonymous_users_to_sign_in_and_back(site: Site):
    http = client(site)
    for path in ("/dashboard", "/dataset/new", "/dataset/edit/cong-khai"):
        answer = http.get(path)
        assert answer.status_code == 303
        assert answer.headers["location"] == "/user/login?came_from=" + path


def test_login_without_csrf_token_is_refused(site: Site):
    http = client(site)
    http.get("/user/login")
    for data in ({"login": "bien-tap-a", "password": PASSWORD},
                 {"login": "bien-tap-a", "password": PASSWORD, "_csrf": "x" * 43}):  # fmt: skip
        answer = http.post("/user/login", data=data)
        assert answer.status_code == 403 and COOKIE not in answer.headers.get("set-cookie", "")
    # No session cookie at all (a cross-site form post): refused too.
    forged = {"login": "bien-tap-a", "password": PASSWORD, "_csrf": "x"}
    fresh = httpx.post(f"{site.url}/user/login", data=forged)
    assert fresh.status_code == 403


def test_sign_out_needs_a_post_with_the_token(site: Site):
    http = sign_in(site, "bien-tap-a")
    page = http.get("/user/logout")
    assert page.status_code == 200
    assert http.post("/user/logout", data={}).status_code == 403
    assert http.get("/dashboard").status_code == 200  # still signed in
    answer = http.post("/user/logout", data={"_csrf": csrf_of(page)})
    assert answer.status_code == 303
    assert http.get("/dashboard").status_code == 303


def test_a_forged_or_tampered_cookie_is_anonymous(site: Site):
    http = sign_in(site, "bien-tap-a")
    value = http.cookies[COOKIE]
    body, mac = value.split(".")
    http.cookies.set(COOKIE, body + "." + mac[:-2] + ("AA" if mac[-2:] != "AA" else "BB"))
    assert http.get("/dashboard").status_code == 303


def test_deleting_the_user_or_changing_the_password_ends_the_session(site: Site):
    from catalog.db.models import User
    from catalog.services.users import find_user, hash_password

    http = sign_in(site, "bien-tap-a")
    other = sign_in(site, "admin-a")
    with site.services.session(write=True) as db:
        user = find_user(db, "bien-tap-a")
        assert isinstance(user, User)
        user.state = "deleted"
        find_user(db, "admin-a").password_hash = hash_password("mat-khau-moi-123")
    assert http.get("/dashboard").status_code == 303
    assert other.get("/dashboard").status_code == 303


def test_too_many_failures_are_refused_even_with_the_right_password(site: Site):
    http = client(site)
    token = form_token(http, "/user/login")
    for _ in range(10):
        http.post("/user/login", data={"login": "admin-a", "password": "sai-sai-sai",
                                       "_csrf": token})  # fmt: skip
    answer = http.post("/user/login", data={"login": "admin-a", "password": PASSWORD,
                                            "_csrf": token})  # fmt: skip
    assert answer.status_code == 429

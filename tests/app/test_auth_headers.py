"""API tokens over HTTP: the three header forms authenticate; a bad token is anonymous
(public reads keep working, writes get 403 `Authorization Error`), as in CKAN."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import ckanapi
import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from catalog.actions.registry import ActionContext, Identity
from catalog.db.models import User
from catalog.services.users import find_user
from tests.support import accounts, builders
from tests.support.live_server import serve_app


@dataclass
class Site:
    context: ActionContext
    client: TestClient
    token: str


@pytest.fixture
def site(sysadmin_context: ActionContext) -> Iterator[Site]:
    ctx = sysadmin_context
    builders.organization(ctx, "so-tai-chinh")
    builders.dataset(ctx, "cong-khai", owner_org="so-tai-chinh")
    builders.dataset(ctx, "rieng-tu", owner_org="so-tai-chinh", private=True)
    alice = accounts.user(ctx, "alice")
    accounts.member(ctx, "so-tai-chinh", alice, "editor")
    token = accounts.token(ctx, alice, "http")
    app = create_app(ctx.services.settings, ctx.services)
    # No `with`: the app's lifespan would dispose the fixture's services.
    yield Site(ctx, TestClient(app), token)


def _get(site: Site, action: str, headers: dict[str, str], **params: str):
    return site.client.get(f"/api/3/action/{action}", params=params, headers=headers)


def _post(site: Site, action: str, headers: dict[str, str], data: dict):
    return site.client.post(f"/api/3/action/{action}", json=data, headers=headers)


def _forms(token: str) -> list[dict[str, str]]:
    return [
        {"Authorization": token},
        {"Authorization": f"Bearer {token}"},
        {"X-CKAN-API-Key": token},
        {"Authorization": "Basic dXNlcjpwYXNz", "X-CKAN-API-Key": token},  # proxy auth + key
        {"Authorization": token, "X-CKAN-API-Key": token},  # what ckanapi sends
    ]


@pytest.mark.parametrize("form", range(5))
def test_every_header_form_authenticates(site, form):
    headers = _forms(site.token)[form]
    listed = _get(site, "api_token_list", headers, user="alice")
    assert listed.status_code == 200, listed.text
    assert [item["name"] for item in listed.json()["result"]] == ["http"]
    shown = _get(site, "package_show", headers, id="rieng-tu")
    assert shown.status_code == 200 and shown.json()["result"]["private"] is True
    me = _get(site, "user_show", headers, id="alice").json()["result"]
    assert me["email"] == "alice@example.org"
    created = _post(site, "api_token_create", headers, {"user": "alice", "name": f"form-{form}"})
    assert created.status_code == 200 and created.json()["result"]["token"]


def test_a_token_can_write_what_its_user_may(site):
    headers = {"Authorization": site.token}
    patched = _post(site, "package_patch", headers, {"id": "rieng-tu", "notes": "Đã sửa"})
    assert patched.status_code == 200, patched.text
    assert patched.json()["result"]["notes"] == "Đã sửa"
    refused = _post(
        site,
        "organization_member_create",
        headers,
        {"id": "so-tai-chinh", "username": "alice", "role": "admin"},
    )
    assert refused.status_code == 403
    assert refused.json()["error"] == {
        "__type": "Authorization Error",
        "message": "Access denied: User alice not authorized to add members",
    }


def _revoked(site: Site) -> str:
    token = accounts.token(site.context, find_identity(site, "alice"), "soon-revoked")
    site.context.call("api_token_revoke", {"token": token})
    return token


def _of_deleted_user(site: Site) -> str:
    bob = accounts.user(site.context, "bob")
    token = accounts.token(site.context, bob)
    with site.context.services.session() as session:
        session.get(User, bob.user_id).state = "deleted"
    return token


def find_identity(site: Site, name: str) -> Identity:
    with site.context.services.session() as session:
        user = find_user(session, name)
        return Identity(user_id=user.id, name=user.name, sysadmin=user.sysadmin)


BAD_TOKENS = {
    "garbage": lambda site: "not-a-token",
    "forged": lambda site: site.token.partition(".")[0] + "." + "A" * 43,
    "revoked": _revoked,
    "deleted-user": _of_deleted_user,
    "empty-bearer": lambda site: "",
}


@pytest.mark.parametrize("kind", sorted(BAD_TOKENS))
@pytest.mark.parametrize("header", ["Authorization", "Bearer", "X-CKAN-API-Key"])
def test_a_bad_token_is_anonymous(site, kind, header):
    token = BAD_TOKENS[kind](site)
    if header == "Bearer":
        headers = {"Authorization": f"Bearer {token}"}
    else:
        headers = {header: token}
    public = _get(site, "package_show", headers, id="cong-khai")
    assert public.status_code == 200 and public.json()["success"] is True
    assert _get(site, "package_list", headers).json()["result"] == ["cong-khai"]
    private = _get(site, "package_show", headers, id="rieng-tu")
    assert private.status_code == 403
    assert private.json()["error"]["__type"] == "Authorization Error"
    write = _post(site, "api_token_create", headers, {"user": "alice", "name": "x"})
    assert write.status_code == 403
    assert write.json()["error"] == {
        "__type": "Authorization Error",
        "message": "Access denied: Action api_token_create requires an authenticated user",
    }
    patch = _post(site, "package_patch", headers, {"id": "cong-khai", "notes": "x"})
    assert patch.status_code == 403
    assert patch.json()["error"]["__type"] == "Authorization Error"


def test_ckanapi_with_a_token(site):
    app = create_app(site.context.services.settings, site.context.services)
    with serve_app(app, lifespan="off") as url:
        remote = ckanapi.RemoteCKAN(url, apikey=site.token)
        tokens = remote.action.api_token_list(user="alice")
        assert [item["name"] for item in tokens] == ["http"]
        assert remote.action.package_show(id="rieng-tu")["name"] == "rieng-tu"
        stale = ckanapi.RemoteCKAN(url, apikey="stale-token")
        assert stale.action.package_show(id="cong-khai")["name"] == "cong-khai"
        with pytest.raises(ckanapi.NotAuthorized):
            stale.action.package_show(id="rieng-tu")
        with pytest.raises(ckanapi.NotAuthorized):
            stale.action.api_token_list(user="alice")

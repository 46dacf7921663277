"""Over HTTP, with a sysadmin's and a member's API token too, no feed shows a private or
deleted dataset: the feeds answer every caller as anonymous (both backends)."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from catalog.actions.registry import ActionContext
from catalog.services.runtime import Services
from tests.support import accounts, builders


@pytest.fixture
def world(services: Services, sysadmin_context: ActionContext) -> Iterator[tuple]:
    admin = sysadmin_context
    builders.organization(admin, "so-a", "Sở A")
    builders.dataset(admin, "cong-khai", title="Công khai", owner_org="so-a")
    private = builders.dataset(admin, "bi-mat", title="Bí mật", owner_org="so-a", private=True)
    admin.call(
        "resource_create",
        {"package_id": "bi-mat", "upload": io.BytesIO(b"a\n1\n"), "name": "mat", "format": "CSV"},
    )
    deleted = builders.dataset(admin, "da-xoa", title="Đã xóa", owner_org="so-a")
    admin.call("package_delete", {"id": "da-xoa"})
    root = accounts.user(admin, "quan-tri", sysadmin=True)
    editor = accounts.user(admin, "bien-tap")
    accounts.member(admin, "so-a", editor, "editor")
    tokens = {"anonymous": None, "sysadmin": accounts.token(admin, root),
              "member": accounts.token(admin, editor)}  # fmt: skip
    with TestClient(create_app(services.settings, services)) as client:
        yield client, tokens, private, deleted


FEEDS = ["/catalog.ttl", "/catalog.rdf", "/catalog.jsonld", "/catalog", "/data.json"]


@pytest.mark.parametrize("role", ["anonymous", "member", "sysadmin"])
def test_no_feed_shows_hidden_datasets(world: tuple, role: str) -> None:
    client, tokens, private, deleted = world
    headers = {"Authorization": tokens[role]} if tokens[role] else {}
    for path in FEEDS:
        reply = client.get(path, headers=headers)
        assert reply.status_code == 200, (path, reply.text)
        for hidden in (private, deleted):
            assert hidden["id"] not in reply.text and hidden["title"] not in reply.text, path
        assert "Công khai" in reply.text or "C\\u00f4ng khai" in reply.text, path
    for hidden, status in ((private, 403), (deleted, 403)):
        for path in (f"/dataset/{hidden['name']}.ttl", f"/dataset/{hidden['id']}.jsonld"):
            assert client.get(path, headers=headers).status_code == status
        negotiated = client.get(
            f"/dataset/{hidden['name']}", headers={**headers, "Accept": "text/turtle"}
        )
        assert negotiated.status_code == status

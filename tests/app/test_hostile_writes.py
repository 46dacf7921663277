"""Write actions called by a sysadmin with hostile input: CKAN's errors, never a 500."""

from __future__ import annotations

import json
import random

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from catalog.actions import build_registry
from catalog.content.loader import site_context
from catalog.services.tokens import create_token
from catalog.services.users import create_user
from tests.support import builders

PARAMETERS = (
    "id", "name", "package_id", "owner_org", "url", "upload", "tags", "extras", "resources",
    "groups", "match", "update", "filter", "title", "private", "state", "type", "users",
    "capacity", "object", "object_type", "role", "username", "schema", "format", "size",
    "organization_id", "resource_id", "user", "token", "include", "notes", "license_id",
)  # fmt: skip
HOSTILE = (
    None, True, -1, 10**30, 1.5, "", " ", "a", "so-a", "du-lieu", "../..", "\\", "%", "ả\u0301",
    "🙂" * 30, "x" * 3000, ["a", 1], [None], [[]], [{}], [{"name": None}], [{"key": 1}],
    {"a": 1}, {}, [], "[1, 2]", '{"id": 1}', "admin", "user", "package", "*",
)  # fmt: skip
ALLOWED = {200, 400, 403, 404, 409, 413}


@pytest.fixture
def client(services):
    admin = site_context(services, build_registry())
    org = builders.organization(admin, "so-a")
    builders.group(admin, "chu-de")
    data = builders.dataset(admin, "du-lieu", owner_org="so-a")
    admin.call("resource_create", {"package_id": "du-lieu", "url": "http://example.org/x"})
    with services.session() as session:
        user = create_user(session, "quan-tri", "qt@example.vn", sysadmin=True)
        token = create_token(session, user, "t").token
    names = [a for a in build_registry().names() if not build_registry().get(a).side_effect_free]
    with TestClient(create_app(services.settings, services)) as test_client:
        yield test_client, token, names, org, data


@pytest.mark.parametrize("seed", range(3))
def test_hostile_writes_never_cause_a_500(client, seed: int):
    test_client, token, names, org, data = client
    rng = random.Random(seed)
    for _ in range(250):
        name = rng.choice(names)
        params = {k: rng.choice(HOSTILE) for k in rng.sample(PARAMETERS, rng.randint(1, 5))}
        reply = test_client.post(
            f"/api/3/action/{name}",
            content=json.dumps(params),
            headers={"Authorization": token},
        )
        assert reply.status_code in ALLOWED, (name, params, reply.text[:300])
    still = test_client.get("/api/3/action/package_show", params={"id": data["id"]})
    assert still.status_code in (200, 403, 404)


@pytest.mark.parametrize(
    "change",
    [
        {"resources": [{"url": "http://x", "size": 10**30}]},
        {"resources": [{"url": "http://x", "size": "-5"}]},
        {"resources": [{"url": "http://x", "created": "năm ngoái"}]},
        {"resources": [{"url": "http://x", "last_modified": "9999-99-99"}]},
        {"tags": [{"name": "x" * 101}], "extras": [{"key": "k", "value": {"nested": 1}}]},
        {"title": "t" * 100_000, "version": "v" * 101},
        {"private": "maybe", "state": "weird", "type": ["x"]},
        {"groups": [{"name": "chu-de"}, {"id": "khong-co"}]},
        {"owner_org": ["so-a"]},
        {"id": "not-a-uuid", "name": "khac"},
        {"license_id": "l" * 3000, "type": "t" * 300},
        {
            "resources": [
                {
                    "url": "http://x",
                    "format": "f" * 500,
                    "mimetype": "m" * 500,
                    "url_type": "u" * 100,
                    "resource_type": "r" * 300,
                }
            ]
        },
    ],
)
def test_odd_values_in_a_valid_update_are_409_not_500(client, change):
    test_client, token, _names, _org, data = client
    body = {"id": data["id"], "name": "du-lieu", "owner_org": "so-a", **change}
    reply = test_client.post(
        "/api/3/action/package_update", content=json.dumps(body),
        headers={"Authorization": token},
    )  # fmt: skip
    assert reply.status_code in (200, 400, 404, 409), reply.text[:300]

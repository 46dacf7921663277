"""/dataset/{name_or_id}/datapackage.json: a Frictionless data package that `frictionless
validate` accepts (it fetches every file from the live server and checks rows, bytes and
sha256), and private or deleted datasets refused as package_show refuses them."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

import frictionless
import httpx
import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from catalog.actions import build_registry
from catalog.content.loader import site_context
from catalog.db.models import Member
from catalog.services.runtime import Services
from catalog.services.tokens import create_token
from catalog.services.users import create_user
from tests.support import builders

SAMPLES = ("bang-gia-dat", "don-vi-hanh-chinh", "le-hoi-truyen-thong")


def _descriptor(live_http: httpx.Client, name: str) -> dict[str, Any]:
    reply = live_http.get(f"/dataset/{name}/datapackage.json")
    assert reply.status_code == 200
    assert reply.headers["content-type"] == "application/json"
    return reply.json()


@pytest.mark.parametrize("name", SAMPLES)
def test_frictionless_validates_the_served_package(
    live_catalog: str, live_http: httpx.Client, name: str
) -> None:
    package = live_http.get("/api/3/action/package_show", params={"id": name}).json()["result"]
    descriptor = _descriptor(live_http, name)
    assert descriptor["name"] == name and descriptor["title"] == package["title"]
    assert [item["path"] for item in descriptor["resources"]] == [
        item["url"] for item in package["resources"]
    ]
    for item, resource in zip(descriptor["resources"], package["resources"], strict=True):
        assert item["path"].startswith(f"{live_catalog}/dataset/")
        assert item["bytes"] == resource["size"]
        assert item["hash"] == f"sha256:{resource['hash']}"
        assert item["schema"]["fields"]
    report = frictionless.validate(f"{live_catalog}/dataset/{name}/datapackage.json")
    assert report.valid, report.flatten(["type", "note"])
    assert [task.type for task in report.tasks] == ["table"] * len(package["resources"])
    assert all(task.stats["rows"] > 0 for task in report.tasks)


def test_the_dataset_id_works_too_and_integrity_is_checked(
    live_catalog: str, live_http: httpx.Client
) -> None:
    by_name = _descriptor(live_http, "bang-gia-dat")
    assert _descriptor(live_http, by_name["id"]) == by_name
    tampered = copy.deepcopy(by_name)
    tampered["resources"][0]["hash"] = "sha256:" + "0" * 64
    report = frictionless.validate(tampered)
    assert not report.valid
    assert "hash-count" in {error[0] for error in report.flatten(["type"])}


def test_unknown_dataset_is_404(live_http: httpx.Client) -> None:
    reply = live_http.get("/dataset/khong-ton-tai/datapackage.json")
    assert reply.status_code == 404
    assert reply.headers["content-type"] == "application/json"


@pytest.fixture
def client_and_tokens(services: Services) -> Iterator[tuple[TestClient, dict[str, str | None]]]:
    admin = site_context(services, build_registry())
    org = builders.organization(admin, "so-a", "Sở A")
    builders.dataset(admin, "bi-mat", owner_org="so-a", private=True)
    builders.dataset(admin, "da-xoa", owner_org="so-a")
    admin.call("package_delete", {"id": "da-xoa"})
    tokens: dict[str, str | None] = {"anonymous": None}
    with services.session() as session:
        for role, member, sysadmin in (
            ("outsider", False, False),
            ("member", True, False),
            ("sysadmin", False, True),
        ):
            user = create_user(session, role, f"{role}@example.vn", sysadmin=sysadmin)
            if member:
                session.add(
                    Member(group_id=org["id"], table_id=user.id, table_name="user",
                           capacity="member")
                )  # fmt: skip
            tokens[role] = create_token(session, user, "test").token
    with TestClient(create_app(services.settings, services)) as client:
        yield client, tokens


@pytest.mark.parametrize(
    ("role", "status"), [("anonymous", 403), ("outsider", 403), ("member", 200), ("sysadmin", 200)]
)
def test_private_dataset_as_package_show(client_and_tokens, role: str, status: int) -> None:
    client, tokens = client_and_tokens
    headers = {"Authorization": tokens[role]} if tokens[role] else {}
    reply = client.get("/dataset/bi-mat/datapackage.json", headers=headers)
    shown = client.get("/api/3/action/package_show", params={"id": "bi-mat"}, headers=headers)
    assert reply.status_code == status == shown.status_code
    if status == 200:
        assert reply.json()["name"] == "bi-mat"
    else:
        assert "bi-mat" not in reply.text


@pytest.mark.parametrize("role", ["anonymous", "outsider"])
def test_deleted_dataset_is_refused(client_and_tokens, role: str) -> None:
    client, tokens = client_and_tokens
    headers = {"Authorization": tokens[role]} if tokens[role] else {}
    reply = client.get("/dataset/da-xoa/datapackage.json", headers=headers)
    shown = client.get("/api/3/action/package_show", params={"id": "da-xoa"}, headers=headers)
    assert reply.status_code == shown.status_code and reply.status_code in (403, 404)

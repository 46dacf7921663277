"""Private and deleted data never leak: every read path × anonymous / non-member / member /
sysadmin, over HTTP with real API tokens."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass

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

ROLES = ("anonymous", "non-member", "member", "sysadmin")
SEES_PRIVATE = {"anonymous": False, "non-member": False, "member": True, "sysadmin": True}


@dataclass
class World:
    client: TestClient
    tokens: dict[str, str | None]
    private: dict
    private_resource: dict
    deleted: dict

    def get(self, role: str, path: str, **params: object):
        token = self.tokens[role]
        headers = {"Authorization": token} if token else {}
        return self.client.get(path, params=params, headers=headers)

    def action(self, role: str, name: str, **params: object):
        return self.get(role, f"/api/3/action/{name}", **params)


@pytest.fixture
def world(services: Services) -> Iterator[World]:
    admin = site_context(services, build_registry())
    org = builders.organization(admin, "so-a", "Sở A")
    builders.organization(admin, "so-b", "Sở B")
    builders.group(admin, "chu-de", "Chủ đề")
    builders.dataset(admin, "cong-khai", title="Công khai", owner_org="so-a", groups=["chu-de"])
    private = builders.dataset(
        admin, "bi-mat", title="Bí mật riêng tư", owner_org="so-a", private=True,
        groups=["chu-de"], tags=["nhãn riêng tư"],
    )  # fmt: skip
    resource = admin.call(
        "resource_create",
        {"package_id": "bi-mat", "upload": io.BytesIO(b"noi dung mat"), "name": "mat-xyz",
         "format": "MATFMT"},
    )  # fmt: skip
    deleted = builders.dataset(admin, "da-xoa", title="Đã xóa hẳn", owner_org="so-a")
    admin.call("package_delete", {"id": "da-xoa"})
    tokens: dict[str, str | None] = {"anonymous": None}
    with services.session() as session:
        for role, org_id, sysadmin in (
            ("non-member", None, False),
            ("member", org["id"], False),
            ("sysadmin", None, True),
        ):
            user = create_user(
                session, role.replace("-", ""), f"{role}@example.vn", sysadmin=sysadmin
            )
            if org_id:
                session.add(Member(group_id=org_id, table_id=user.id, table_name="user",
                                   capacity="member"))  # fmt: skip
            elif role == "non-member":
                other = admin.call("organization_show", {"id": "so-b"})["id"]
                session.add(Member(group_id=other, table_id=user.id, table_name="user",
                                   capacity="admin"))  # fmt: skip
            tokens[role] = create_token(session, user, "test").token
    with TestClient(create_app(services.settings, services)) as client:
        yield World(client, tokens, private, resource, deleted)


def ids(reply) -> set[str]:
    return {item["id"] for item in reply.json()["result"]["results"]}


@pytest.mark.parametrize("role", ROLES)
def test_private_dataset_is_seen_only_by_members_and_sysadmins(world: World, role: str):
    sees = SEES_PRIVATE[role]
    pid, rid = world.private["id"], world.private_resource["id"]
    show = world.action(role, "package_show", id="bi-mat")
    assert show.status_code == (200 if sees else 403)
    assert show.json()["success"] is sees
    found = ids(world.action(role, "package_search", q="bi mat", include_private="true"))
    assert (pid in found) is sees
    assert pid not in ids(world.action(role, "package_search", q="bi mat"))
    assert "bi-mat" not in world.action(role, "package_list").json()["result"]
    assert world.action(role, "resource_show", id=rid).status_code == (200 if sees else 403)
    download = world.get(role, f"/dataset/{pid}/resource/{rid}/download/mat-xyz")
    assert download.status_code == (200 if sees else 403)
    assert (download.content == b"noi dung mat") is sees
    org = world.action(role, "organization_show", id="so-a", include_datasets="true").json()
    assert org["result"]["package_count"] == (2 if sees else 1)
    assert (pid in {p["id"] for p in org["result"]["packages"]}) is sees
    group = world.action(role, "group_show", id="chu-de", include_datasets="true").json()
    assert (pid in {p["id"] for p in group["result"]["packages"]}) is sees
    counts = world.action(role, "organization_list", all_fields="true").json()["result"]
    assert {o["name"]: o["package_count"] for o in counts}["so-a"] == (2 if sees else 1)
    activity = world.action(role, "package_activity_list", id="bi-mat")
    assert activity.status_code == (200 if sees else 403)
    recent = world.action(role, "recently_changed_packages_activity_list").json()["result"]
    assert (pid in {a["object_id"] for a in recent}) is sees
    org_activity = world.action(role, "organization_activity_list", id="so-a").json()["result"]
    assert (pid in {a["object_id"] for a in org_activity}) is sees


@pytest.mark.parametrize("role", ROLES)
def test_private_metadata_never_leaks_through_public_listings(world: World, role: str):
    assert "nhãn riêng tư" not in world.action(role, "tag_list").json()["result"]
    assert world.action(role, "format_autocomplete", q="matfmt").json()["result"] == []
    assert world.action(role, "package_autocomplete", q="bi mat").json()["result"] == []
    search = world.action(role, "resource_search", query="name:mat-xyz").json()["result"]
    assert search["count"] == 0
    current = world.action(role, "current_package_list_with_resources").json()["result"]
    assert (world.private["id"] in {p["id"] for p in current}) is (role == "sysadmin")


@pytest.mark.parametrize("role", ROLES)
def test_deleted_dataset_is_gone_for_outsiders(world: World, role: str):
    """As CKAN's package_show auth: those who may read the organization still see it."""
    did = world.deleted["id"]
    show = world.action(role, "package_show", id=did)
    assert show.status_code == (200 if SEES_PRIVATE[role] else 403)
    everything = world.action(role, "package_search", q="da xoa", include_private="true")
    assert did not in ids(everything)
    assert "da-xoa" not in world.action(role, "package_list").json()["result"]

"""The activity actions: CKAN 2.11's shapes and parameters, and the visibility matrix of
private and deleted datasets over every activity action × anonymous / non-member / member /
sysadmin."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import delete

from app.main import create_app
from catalog.actions.registry import ActionContext, Identity
from catalog.db.models import Activity, Member, Package, User
from catalog.errors import NotAuthorized, NotFound, ValidationFailed
from catalog.services import activity as stream
from catalog.services.users import get_or_create_site_user
from tests.support import builders

T0 = datetime(2025, 7, 1, 9, 30, 0)
KEYS = ["id", "timestamp", "user_id", "object_id", "activity_type", "data", "permission_labels"]
WHO = ["anonymous", "outsider", "member", "sysadmin"]
SEES_PRIVATE = {"anonymous": False, "outsider": False, "member": True, "sysadmin": True}


class Catalog:
    """An organization with a public and a private dataset (both in one group), three
    users and a context for each kind of caller."""

    def __init__(self, ctx: ActionContext) -> None:
        self.services = ctx.services
        self.registry = ctx.registry
        self.org = builders.organization(ctx, "so-y-te", "Sở Y tế")
        builders.organization(ctx, "so-khac", "Sở khác")
        self.group = builders.group(ctx, "y-te", "Y tế")
        self.public = builders.dataset(ctx, "co-so-y-te", owner_org="so-y-te", groups=["y-te"])
        self.private = builders.dataset(
            ctx, "ho-so-benh-an", owner_org="so-y-te", private=True, groups=["y-te"]
        )
        with self.services.session() as session:
            session.add_all(
                [
                    User(id="u-member", name="can-bo-y-te"),
                    User(id="u-outsider", name="nguoi-ngoai"),
                    User(id="u-admin", name="quan-tri", sysadmin=True),
                ]
            )
            session.flush()
            session.add(
                Member(
                    group_id=self.org["id"], table_id="u-member", table_name="user",
                    capacity="editor",
                )
            )  # fmt: skip
        with self.services.session() as session:
            # a clean slate: only the activities recorded below (the setup's own are
            # recorded by the write actions and covered by the lifecycle test)
            session.execute(delete(Activity))
        self.contexts = {
            "anonymous": self.context(None),
            "outsider": self.context(Identity("u-outsider", "nguoi-ngoai")),
            "member": self.context(Identity("u-member", "can-bo-y-te")),
            "sysadmin": self.context(Identity("u-admin", "quan-tri", sysadmin=True)),
        }
        minute = timedelta(minutes=1)
        self.activities: dict[str, dict[str, Any]] = {}
        with self.services.session() as session:
            for key, activity_type, package, when in (
                ("public-new", "new package", self.public, T0),
                ("private-new", "new package", self.private, T0 + minute),
                ("public-changed", "changed package", self.public, T0 + 3 * minute),
            ):
                found = stream.record_package_activity(
                    session, user_id="u-member", activity_type=activity_type,
                    package_dict=package, timestamp=when,
                )  # fmt: skip
                self.activities[key] = stream.activity_dictize(found)
            for key, activity_type, group, when in (
                ("org-changed", "changed organization", self.org, T0 + 2 * minute),
                ("group-changed", "changed group", self.group, T0 + 4 * minute),
            ):
                found = stream.record_group_activity(
                    session, user_id="u-admin", activity_type=activity_type,
                    group_dict=group, timestamp=when,
                )  # fmt: skip
                self.activities[key] = stream.activity_dictize(found)

    def context(self, identity: Identity | None) -> ActionContext:
        return ActionContext(services=self.services, identity=identity, registry=self.registry)


@pytest.fixture
def catalog(sysadmin_context: ActionContext) -> Catalog:
    return Catalog(sysadmin_context)


def _ids(result: list[dict[str, Any]]) -> list[str]:
    return [item["id"] for item in result]


# --- the visibility matrix -------------------------------------------------------------


@pytest.mark.parametrize("who", WHO)
def test_package_activity_list_of_a_private_dataset(catalog: Catalog, who: str) -> None:
    ctx = catalog.contexts[who]
    if SEES_PRIVATE[who]:
        result = ctx.call("package_activity_list", {"id": "ho-so-benh-an"})
        assert _ids(result) == [catalog.activities["private-new"]["id"]]
    else:
        with pytest.raises(NotAuthorized):
            ctx.call("package_activity_list", {"id": "ho-so-benh-an"})
        with pytest.raises(NotAuthorized):
            ctx.call("package_activity_list", {"id": catalog.private["id"]})


@pytest.mark.parametrize("who", WHO)
def test_package_activity_list_of_a_public_dataset(catalog: Catalog, who: str) -> None:
    result = catalog.contexts[who].call("package_activity_list", {"id": "co-so-y-te"})
    assert _ids(result) == [
        catalog.activities["public-changed"]["id"],
        catalog.activities["public-new"]["id"],
    ]


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize(
    ("action", "ref", "own"),
    [
        ("organization_activity_list", "so-y-te", "org-changed"),
        ("group_activity_list", "y-te", "group-changed"),
        ("recently_changed_packages_activity_list", None, None),
    ],
)
def test_streams_show_private_datasets_to_members_only(
    catalog: Catalog, who: str, action: str, ref: str | None, own: str | None
) -> None:
    result = catalog.contexts[who].call(action, {"id": ref} if ref else {})
    expected = ["public-changed", "public-new"]
    if SEES_PRIVATE[who]:
        expected.insert(1, "private-new")
    if own:
        expected.append(own)
    got = _ids(result)
    assert sorted(got) == sorted(catalog.activities[key]["id"] for key in expected)
    assert [item["timestamp"] for item in result] == sorted(
        (item["timestamp"] for item in result), reverse=True
    )
    for item in result:
        assert item["object_id"] != catalog.private["id"] or SEES_PRIVATE[who]


@pytest.mark.parametrize("who", WHO)
def test_activity_show_of_a_private_dataset(catalog: Catalog, who: str) -> None:
    ctx = catalog.contexts[who]
    activity = catalog.activities["private-new"]
    if SEES_PRIVATE[who]:
        assert ctx.call("activity_show", {"id": activity["id"]}) == activity
    else:
        with pytest.raises(NotAuthorized):
            ctx.call("activity_show", {"id": activity["id"]})
    for key in ("public-new", "org-changed", "group-changed"):
        shown = ctx.call("activity_show", {"id": catalog.activities[key]["id"]})
        assert shown == catalog.activities[key]


@pytest.mark.parametrize("who", WHO)
def test_a_deleted_dataset_is_visible_to_members_only(catalog: Catalog, who: str) -> None:
    with catalog.services.session() as session:
        session.get(Package, catalog.public["id"]).state = "deleted"
        deleted = stream.record_package_activity(
            session, user_id="u-member", activity_type="deleted package",
            package_dict={**catalog.public, "state": "deleted"},
            timestamp=T0 + timedelta(minutes=9),
        )  # fmt: skip
        deleted_id = deleted.id
    ctx = catalog.contexts[who]
    stream_ids = _ids(ctx.call("recently_changed_packages_activity_list", {}))
    org_ids = _ids(ctx.call("organization_activity_list", {"id": "so-y-te"}))
    public_ids = {catalog.activities[key]["id"] for key in ("public-new", "public-changed")}
    if SEES_PRIVATE[who]:
        listed = _ids(ctx.call("package_activity_list", {"id": "co-so-y-te"}))
        assert listed[0] == deleted_id and set(listed[1:]) == public_ids
        assert deleted_id in stream_ids and deleted_id in org_ids
        assert ctx.call("activity_show", {"id": deleted_id})["activity_type"] == "deleted package"
    else:
        with pytest.raises(NotAuthorized):
            ctx.call("package_activity_list", {"id": "co-so-y-te"})
        with pytest.raises(NotAuthorized):
            ctx.call("activity_show", {"id": deleted_id})
        with pytest.raises(NotAuthorized):
            # its public past goes with it
            ctx.call("activity_show", {"id": catalog.activities["public-new"]["id"]})
        assert not ({deleted_id} | public_ids) & (set(stream_ids) | set(org_ids))


# --- shapes and parameters -------------------------------------------------------------


def test_activity_dicts_have_ckans_keys_and_values(catalog: Catalog) -> None:
    result = catalog.contexts["anonymous"].call("package_activity_list", {"id": "co-so-y-te"})
    item = result[-1]
    assert list(item) == KEYS
    assert item["timestamp"] == T0.isoformat() == "2025-07-01T09:30:00"
    assert item["user_id"] == "u-member" and item["object_id"] == catalog.public["id"]
    assert item["activity_type"] == "new package"
    assert item["data"] == {"package": catalog.public, "actor": "can-bo-y-te"}
    assert item["permission_labels"] == ["public"]
    org = catalog.contexts["anonymous"].call("organization_activity_list", {"id": "so-y-te"})
    own = next(entry for entry in org if entry["object_id"] == catalog.org["id"])
    assert own["data"] == {"group": catalog.org, "actor": "quan-tri"}
    assert own["permission_labels"] is None
    private = catalog.contexts["member"].call("activity_show", {"id": _private_id(catalog)})
    assert private["permission_labels"] == [f"member-{catalog.org['id']}"]


def _private_id(catalog: Catalog) -> str:
    return catalog.activities["private-new"]["id"]


@pytest.mark.parametrize(
    ("action", "ref"),
    [
        ("package_activity_list", "khong-co"),
        ("organization_activity_list", "khong-co"),
        ("organization_activity_list", "y-te"),  # a group is not an organization
        ("group_activity_list", "so-y-te"),
        ("activity_show", "khong-co"),
    ],
)
def test_unknown_objects_are_not_found(catalog: Catalog, action: str, ref: str) -> None:
    with pytest.raises(NotFound):
        catalog.contexts["sysadmin"].call(action, {"id": ref})


@pytest.mark.parametrize(
    "action",
    ["package_activity_list", "organization_activity_list", "group_activity_list",
     "activity_show"],
)  # fmt: skip
def test_id_is_required(catalog: Catalog, action: str) -> None:
    with pytest.raises(ValidationFailed) as error:
        catalog.contexts["anonymous"].call(action, {})
    assert error.value.errors == {"id": ["Missing value"]}


def test_bad_parameters_are_named(catalog: Catalog) -> None:
    ctx = catalog.contexts["anonymous"]
    with pytest.raises(ValidationFailed) as error:
        ctx.call(
            "package_activity_list",
            {"limit": "many", "offset": -1, "after": "yesterday", "activity_types": 5},
        )
    assert set(error.value.errors) == {"id", "limit", "offset", "after", "activity_types"}
    with pytest.raises(ValidationFailed) as error:
        ctx.call(
            "recently_changed_packages_activity_list",
            {"activity_types": ["new package"], "exclude_activity_types": ["changed package"]},
        )
    assert list(error.value.errors) == ["activity_types"]


def test_limit_defaults_to_31_and_stops_at_100(catalog: Catalog) -> None:
    with catalog.services.session() as session:
        for n in range(120):
            stream.record_package_activity(
                session, user_id="u-member", activity_type="changed package",
                package_dict=catalog.public, timestamp=T0 + timedelta(seconds=n, minutes=10),
            )  # fmt: skip
    ctx = catalog.contexts["anonymous"]
    assert len(ctx.call("package_activity_list", {"id": "co-so-y-te"})) == 31
    assert len(ctx.call("package_activity_list", {"id": "co-so-y-te", "limit": "500"})) == 100
    assert len(ctx.call("recently_changed_packages_activity_list", {"limit": 7})) == 7
    first = ctx.call("package_activity_list", {"id": "co-so-y-te", "limit": 5})
    page = ctx.call("package_activity_list", {"id": "co-so-y-te", "limit": 5, "offset": 3})
    assert _ids(page)[:2] == _ids(first)[3:]


def test_time_windows_and_type_filters(catalog: Catalog) -> None:
    ctx = catalog.contexts["sysadmin"]
    epoch = (T0 - datetime(1970, 1, 1)).total_seconds()
    after = ctx.call("organization_activity_list", {"id": "so-y-te", "after": epoch + 90})
    assert [item["timestamp"] for item in after] == [
        (T0 + timedelta(minutes=3)).isoformat(),
        (T0 + timedelta(minutes=2)).isoformat(),
    ]
    before = ctx.call("organization_activity_list", {"id": "so-y-te", "before": str(epoch + 90)})
    assert [item["timestamp"] for item in before] == [
        (T0 + timedelta(minutes=1)).isoformat(),
        T0.isoformat(),
    ]
    iso = ctx.call(
        "recently_changed_packages_activity_list",
        {"before": (T0 + timedelta(seconds=1)).isoformat()},
    )
    assert _ids(iso) == [catalog.activities["public-new"]["id"]]
    only = ctx.call(
        "organization_activity_list", {"id": "so-y-te", "activity_types": "changed organization"}
    )
    assert _ids(only) == [catalog.activities["org-changed"]["id"]]
    without = ctx.call(
        "organization_activity_list",
        {"id": "so-y-te", "exclude_activity_types": ["new package", "changed organization"]},
    )
    assert _ids(without) == [catalog.activities["public-changed"]["id"]]


def test_hidden_users_as_ckans_hide_activity_from_users(
    catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    with catalog.services.session() as session:
        site = get_or_create_site_user(session)
        hidden = stream.record_package_activity(
            session, user_id=site.id, activity_type="changed package",
            package_dict=catalog.public, timestamp=T0 + timedelta(hours=1),
        ).id  # fmt: skip
    data = {"id": "co-so-y-te", "include_hidden_activity": "true"}

    def listed(who: str, action: str, data: dict[str, Any]) -> list[str]:
        return _ids(catalog.contexts[who].call(action, data))

    # by default the site user's activity (the loading of content) is shown
    assert listed("anonymous", "package_activity_list", {"id": "co-so-y-te"})[0] == hidden
    monkeypatch.setattr(
        type(catalog.services.settings), "hide_activity_from_users", "site_user", raising=False
    )
    assert hidden not in listed("member", "package_activity_list", data)
    assert hidden not in listed("sysadmin", "package_activity_list", {"id": "co-so-y-te"})
    assert listed("sysadmin", "package_activity_list", data)[0] == hidden
    assert hidden not in listed("sysadmin", "recently_changed_packages_activity_list", data)
    assert catalog.contexts["anonymous"].call("activity_show", {"id": hidden})["id"] == hidden


HOSTILE = (
    None, True, -1, 10**30, 1e300, 1.5, "", " ", "[", "\\", "%", "_", "ả\u0301", "\x00",
    "a" * 5000, "1e400", "nan", "-inf", "2025-13-01", ["a", 1], [None], [[]], {"a": 1}, {}, [],
)  # fmt: skip
LIST_PARAMETERS = ("id", "limit", "offset", "after", "before", "activity_types",
                   "exclude_activity_types", "include_hidden_activity")  # fmt: skip


@pytest.mark.parametrize(
    ("action", "ref"),
    [
        ("package_activity_list", "co-so-y-te"),
        ("organization_activity_list", "so-y-te"),
        ("group_activity_list", "y-te"),
        ("recently_changed_packages_activity_list", None),
        ("activity_show", "x"),
    ],
)
def test_hostile_parameters_get_a_catalog_error_at_worst(
    catalog: Catalog, action: str, ref: str | None
) -> None:
    for who in ("anonymous", "sysadmin"):
        for key in LIST_PARAMETERS:
            for value in HOSTILE:
                data = {"id": ref, key: value} if ref else {key: value}
                try:
                    catalog.contexts[who].call(action, data)
                except (NotFound, NotAuthorized, ValidationFailed):
                    pass


def test_activity_actions_are_side_effect_free_and_documented(catalog: Catalog) -> None:
    for name in (
        "package_activity_list", "organization_activity_list", "group_activity_list",
        "recently_changed_packages_activity_list", "activity_show",
    ):  # fmt: skip
        registered = catalog.registry.get(name)
        assert registered.side_effect_free
        assert registered.doc and ":param" in registered.doc


def test_over_http_with_get(catalog: Catalog) -> None:
    client = TestClient(create_app(catalog.services.settings, catalog.services))
    reply = client.get(
        "/api/3/action/package_activity_list",
        params={"id": "co-so-y-te", "activity_types": "new package"},
    )
    assert reply.status_code == 200
    assert _ids(reply.json()["result"]) == [catalog.activities["public-new"]["id"]]
    refused = client.get("/api/3/action/package_activity_list", params={"id": "ho-so-benh-an"})
    assert refused.status_code == 403
    assert refused.json()["error"]["__type"] == "Authorization Error"
    refused = client.get("/api/action/activity_show", params={"id": _private_id(catalog)})
    assert refused.status_code == 403
    listed = client.get("/api/3/action/recently_changed_packages_activity_list").json()
    assert _private_id(catalog) not in _ids(listed["result"])


def test_write_actions_record_the_lifecycle(catalog: Catalog) -> None:
    admin = catalog.contexts["sysadmin"]
    created = admin.call(
        "package_create",
        {"name": "tram-y-te", "title": "Trạm y tế", "owner_org": "so-y-te", "private": True},
    )
    admin.call("package_patch", {"id": "tram-y-te", "notes": "Danh sách trạm y tế xã"})
    admin.call("package_delete", {"id": "tram-y-te"})
    admin.call("organization_patch", {"id": "so-y-te", "description": "Sở Y tế tỉnh"})
    result = admin.call("package_activity_list", {"id": created["id"]})
    assert [item["activity_type"] for item in result] == [
        "deleted package", "changed package", "new package",
    ]  # fmt: skip
    assert {item["user_id"] for item in result} == {"u-admin"}
    assert {item["object_id"] for item in result} == {created["id"]}
    assert result[1]["data"]["package"]["notes"] == "Danh sách trạm y tế xã"
    assert result[1]["data"]["actor"] == "quan-tri"
    assert result[0]["data"]["package"]["state"] == "deleted"
    assert result[2]["permission_labels"] == [f"member-{catalog.org['id']}"]
    org_stream = admin.call("organization_activity_list", {"id": "so-y-te", "limit": 1})
    assert org_stream[0]["activity_type"] == "changed organization"
    assert org_stream[0]["data"]["group"]["description"] == "Sở Y tế tỉnh"
    for who in ("anonymous", "outsider"):
        seen = catalog.contexts[who].call("organization_activity_list", {"id": "so-y-te"})
        assert created["id"] not in {item["object_id"] for item in seen}
        recent = catalog.contexts[who].call("recently_changed_packages_activity_list", {})
        assert created["id"] not in {item["object_id"] for item in recent}
    member = catalog.contexts["member"].call("package_activity_list", {"id": created["id"]})
    assert _ids(member) == _ids(result)


def test_uploaded_files_are_shown_as_download_urls(catalog: Catalog) -> None:
    package = {
        **catalog.public,
        "resources": [{"id": "r1", "url_type": "upload", "url": "co-so.csv"}],
    }
    with catalog.services.session() as session:
        found = stream.record_package_activity(
            session, user_id="u-member", activity_type="changed package", package_dict=package,
            timestamp=T0 + timedelta(hours=2),
        )  # fmt: skip
    shown = catalog.contexts["anonymous"].call("activity_show", {"id": found.id})
    site = catalog.services.settings.site_url
    assert shown["data"]["package"]["resources"][0]["url"] == (
        f"{site}/dataset/{catalog.public['id']}/resource/r1/download/co-so.csv"
    )

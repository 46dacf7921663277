"""The activity stream service: recording with CKAN's permission labels, and the queries."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from catalog.db.models import Activity, Group, Member, Package, User
from catalog.errors import ValidationFailed
from catalog.services import activity as stream
from catalog.services.authz import can_read_package
from catalog.services.search.service import Viewer
from catalog.services.users import get_or_create_site_user

T0 = datetime(2025, 3, 1, 8, 0, 0)


def _package(id_: str, *, org: str | None = None, private: bool = False, state: str = "active",
             creator: str | None = None) -> dict:  # fmt: skip
    return {
        "id": id_, "name": f"ds-{id_}", "state": state, "private": private,
        "owner_org": org, "creator_user_id": creator,
    }  # fmt: skip


@pytest.fixture
def world(services):
    """Two organizations, their packages, a member of the first one and an outsider."""
    with services.session() as session:
        org_a = Group(id="org-a", name="org-a", is_organization=True, type="organization")
        org_b = Group(id="org-b", name="org-b", is_organization=True, type="organization")
        theme = Group(id="theme", name="theme", is_organization=False)
        member = User(id="u-member", name="member")
        outsider = User(id="u-outsider", name="outsider")
        session.add_all([org_a, org_b, theme, member, outsider])
        session.flush()
        session.add_all(
            [
                Package(id="pub", name="pub", owner_org="org-a"),
                Package(id="priv", name="priv", owner_org="org-a", private=True),
                Package(id="other", name="other", owner_org="org-b", private=True),
                Package(id="mine", name="mine", state="draft", creator_user_id="u-outsider"),
                Member(group_id="org-a", table_id="u-member", table_name="user",
                       capacity="editor"),
                Member(group_id="theme", table_id="priv", table_name="package"),
                Member(group_id="theme", table_id="pub", table_name="package"),
            ]
        )  # fmt: skip
        minute = timedelta(minutes=1)
        record = stream.record_package_activity
        record(
            session,
            user_id="u-member",
            activity_type="new package",
            package_dict=_package("pub", org="org-a"),
            timestamp=T0,
        )
        record(
            session,
            user_id="u-member",
            activity_type="new package",
            package_dict=_package("priv", org="org-a", private=True),
            timestamp=T0 + minute,
        )
        record(
            session,
            user_id="u-member",
            activity_type="changed package",
            package_dict=_package("pub", org="org-a"),
            timestamp=T0 + 2 * minute,
        )
        record(
            session,
            user_id=None,
            activity_type="new package",
            package_dict=_package("other", org="org-b", private=True),
            timestamp=T0 + 3 * minute,
        )
        record(
            session,
            user_id="u-outsider",
            activity_type="new package",
            package_dict=_package("mine", state="draft", creator="u-outsider"),
            timestamp=T0 + 4 * minute,
        )
        stream.record_group_activity(
            session,
            user_id="u-member",
            activity_type="changed organization",
            group_dict={"id": "org-a", "name": "org-a"},
            timestamp=T0 + 5 * minute,
        )
    # fmt: skip
    return services


ANONYMOUS = Viewer()
OUTSIDER = Viewer(user_id="u-outsider")
MEMBER = Viewer(user_id="u-member", organization_ids=frozenset({"org-a"}))
SYSADMIN = Viewer(user_id="u-admin", sysadmin=True)


def _ids(activities: list[Activity]) -> list[tuple[str, str]]:
    return [(item.object_id, item.activity_type) for item in activities]


@pytest.mark.parametrize(
    ("package", "user_id", "labels"),
    [
        (_package("p", org="o"), "u", ["public"]),
        (_package("p", org="o", private=True), "u", ["member-o"]),
        (_package("p", org="o", state="deleted"), "u", ["member-o"]),
        (_package("p", org="o", state="draft"), "u", ["member-o"]),
        (_package("p", state="draft", creator="c"), "u", ["creator-c"]),
        (_package("p", private=True), "u", ["creator-u"]),
    ],
)
def test_permission_labels_are_ckans_default_labels(package, user_id, labels):
    assert stream.package_permission_labels(package, user_id) == labels


def test_user_labels():
    assert stream.user_permission_labels(SYSADMIN) is None
    assert stream.user_permission_labels(ANONYMOUS) == ["public"]
    assert stream.user_permission_labels(MEMBER) == ["public", "creator-u-member", "member-org-a"]


def test_record_package_activity_keeps_the_dict_actor_and_labels(services):
    with services.session() as session:
        session.add(User(id="u1", name="can-bo"))
        package = _package("p1", org="o1", private=True)
        found = stream.record_package_activity(
            session, user_id="u1", activity_type="new package", package_dict=package
        )
    with services.session() as session:
        stored = session.get(Activity, found.id)
        assert stored.data == {"package": package, "actor": "can-bo"}
        assert stored.permission_labels == ["member-o1"]
        assert stored.object_id == "p1" and stored.user_id == "u1"
        assert abs(stored.timestamp - datetime.utcnow()) < timedelta(minutes=1)  # noqa: DTZ003


def test_changed_to_deleted_is_recorded_once_as_deleted(services):
    deleted = _package("p2", org="o1", state="deleted")
    with services.session() as session:
        first = stream.record_package_activity(
            session, user_id=None, activity_type="changed package", package_dict=deleted
        )
        again = stream.record_package_activity(
            session, user_id=None, activity_type="changed package", package_dict=deleted
        )
    assert first.activity_type == "deleted package" and again is None


def test_unknown_activity_types_are_refused(services):
    with services.session() as session, pytest.raises(ValueError):
        stream.record_package_activity(
            session, user_id=None, activity_type="new organization", package_dict=_package("x")
        )
    with services.session() as session, pytest.raises(ValueError):
        stream.record_group_activity(
            session, user_id=None, activity_type="changed package", group_dict={"id": "g"}
        )


def test_group_activity_has_no_labels(services):
    with services.session() as session:
        found = stream.record_group_activity(
            session, user_id=None, activity_type="new group", group_dict={"id": "g", "name": "g"}
        )
        assert found.permission_labels is None
        assert found.data == {"group": {"id": "g", "name": "g"}, "actor": None}


@pytest.mark.parametrize(
    ("viewer", "expected"),
    [
        (ANONYMOUS, [("pub", "changed package"), ("pub", "new package")]),
        (OUTSIDER, [("mine", "new package"), ("pub", "changed package"),
                    ("pub", "new package")]),
        (MEMBER, [("pub", "changed package"), ("priv", "new package"),
                  ("pub", "new package")]),
        (SYSADMIN, [("mine", "new package"), ("other", "new package"),
                    ("pub", "changed package"), ("priv", "new package"),
                    ("pub", "new package")]),
    ],
)  # fmt: skip
def test_recently_changed_is_filtered_by_labels(world, viewer, expected):
    with world.session() as session:
        found = stream.recently_changed_package_activities(session, viewer, stream.ActivityQuery())
    assert _ids(found) == expected


@pytest.mark.parametrize(
    ("viewer", "expected"),
    [
        (ANONYMOUS, ["changed organization", "changed package", "new package"]),
        (OUTSIDER, ["changed organization", "changed package", "new package"]),
        (MEMBER, ["changed organization", "changed package", "new package", "new package"]),
        (SYSADMIN, ["changed organization", "changed package", "new package", "new package"]),
    ],
)
def test_organization_stream_holds_its_own_and_its_datasets(world, viewer, expected):
    with world.session() as session:
        found = stream.organization_activities(session, "org-a", viewer, stream.ActivityQuery())
    assert [item.activity_type for item in found] == expected
    assert {item.object_id for item in found} <= {"org-a", "pub", "priv"}


@pytest.mark.parametrize(("viewer", "count"), [(ANONYMOUS, 2), (MEMBER, 3), (SYSADMIN, 3)])
def test_group_stream_holds_its_datasets(world, viewer, count):
    with world.session() as session:
        found = stream.group_activities(session, "theme", viewer, stream.ActivityQuery())
    assert len(found) == count


def test_a_dataset_made_private_later_hides_its_public_past(world):
    with world.session() as session:
        session.get(Package, "pub").private = True
    with world.session() as session:
        assert stream.package_activities(session, "pub", ANONYMOUS, stream.ActivityQuery()) == []
        assert len(stream.package_activities(session, "pub", MEMBER, stream.ActivityQuery())) == 2


def test_a_purged_dataset_leaves_nothing_but_for_sysadmins(world):
    with world.session() as session:
        session.delete(session.get(Package, "pub"))
    with world.session() as session:
        query = stream.ActivityQuery()
        assert stream.package_activities(session, "pub", MEMBER, query) == []
        assert len(stream.package_activities(session, "pub", SYSADMIN, query)) == 2


def test_hidden_users_activity(world):
    """CKAN's hide_activity_from_users: shown unless names are given; include_hidden wins."""
    with world.session() as session:
        site = get_or_create_site_user(session)
        stream.record_package_activity(
            session, user_id=site.id, activity_type="changed package",
            package_dict=_package("pub", org="org-a"), timestamp=T0 + timedelta(minutes=6),
        )  # fmt: skip
    names = stream.CKAN_HIDDEN_USER_NAMES
    with world.session() as session:

        def count(**query) -> int:
            found = stream.package_activities(
                session, "pub", ANONYMOUS, stream.ActivityQuery(**query)
            )
            return len(found)

        assert count() == 3
        assert count(hidden_user_names=names) == 2
        assert count(hidden_user_names=names, include_hidden=True) == 3


def test_paging_and_time_windows(world):
    minute = timedelta(minutes=1)
    with world.session() as session:

        def times(**query) -> list[datetime]:
            found = stream.recently_changed_package_activities(
                session, SYSADMIN, stream.ActivityQuery(**query)
            )
            return [item.timestamp for item in found]

        assert times() == [T0 + n * minute for n in (4, 3, 2, 1, 0)]
        assert times(limit=2) == [T0 + 4 * minute, T0 + 3 * minute]
        assert times(limit=2, offset=3) == [T0 + minute, T0]
        assert times(before=T0 + 2 * minute) == [T0 + minute, T0]
        # only "after": the ones just after it, newest first
        assert times(after=T0 + minute, limit=2) == [T0 + 3 * minute, T0 + 2 * minute]
        assert times(after=T0, before=T0 + 3 * minute) == [T0 + 2 * minute, T0 + minute]


def test_type_filters(world):
    with world.session() as session:
        only_new = stream.organization_activities(
            session, "org-a", SYSADMIN, stream.ActivityQuery(activity_types=("new package",))
        )
        not_new = stream.organization_activities(
            session,
            "org-a",
            SYSADMIN,
            stream.ActivityQuery(exclude_activity_types=("new package",)),
        )
    assert {item.activity_type for item in only_new} == {"new package"}
    assert [item.activity_type for item in not_new] == ["changed organization", "changed package"]
    with pytest.raises(ValidationFailed) as error:
        stream.ActivityQuery(activity_types=("a",), exclude_activity_types=("b",))
    assert "activity_types" in error.value.errors


def test_can_see_activity_follows_the_lists(world):
    with world.session() as session:
        by_object = {
            (item.object_id, item.activity_type): item
            for item in session.execute(select(Activity)).scalars()
        }
        private = by_object[("priv", "new package")]
        org = by_object[("org-a", "changed organization")]
        assert not stream.can_see_activity(session, ANONYMOUS, private)
        assert not stream.can_see_activity(session, OUTSIDER, private)
        assert stream.can_see_activity(session, MEMBER, private)
        assert stream.can_see_activity(session, SYSADMIN, private)
        assert stream.can_see_activity(session, ANONYMOUS, org)


def test_label_matching_escapes_like_wildcards(services):
    """An organization id with LIKE wildcards must not match other organizations' labels."""
    with services.session() as session:
        session.add_all([
            Group(id="o_1", name="o_1", is_organization=True),
            Group(id="oX1", name="ox1", is_organization=True),
        ])  # fmt: skip
        session.flush()
        session.add(Package(id="p", name="p", owner_org="oX1", private=True))
        stream.record_package_activity(
            session, user_id=None, activity_type="new package",
            package_dict=_package("p", org="oX1", private=True),
        )  # fmt: skip
    viewer = Viewer(user_id="u", organization_ids=frozenset({"o_1"}))
    with services.session() as session:
        assert stream.recently_changed_package_activities(
            session, viewer, stream.ActivityQuery()
        ) == []  # fmt: skip


def test_activity_dictize_has_ckans_keys_in_order(world):
    with world.session() as session:
        item = stream.recently_changed_package_activities(
            session, SYSADMIN, stream.ActivityQuery(limit=1)
        )[0]
    result = stream.activity_dictize(item)
    assert list(result) == [
        "id", "timestamp", "user_id", "object_id", "activity_type", "data", "permission_labels",
    ]  # fmt: skip
    assert result["timestamp"] == (T0 + timedelta(minutes=4)).isoformat()
    assert result["permission_labels"] == ["creator-u-outsider"]


def test_readability_in_sql_agrees_with_can_read_package(services):
    """The streams' "readable now" condition must follow catalog.services.authz."""
    with services.session() as session:
        session.add(Group(id="org-x", name="org-x", is_organization=True))
        session.flush()
        n = 0
        for state in ("active", "draft", "deleted"):
            for private in (False, True):
                for owner in ("org-x", None):
                    for creator in ("u-c", "u-other", None):
                        n += 1
                        session.add(Package(id=f"p{n}", name=f"p{n}", state=state,
                                            private=private, owner_org=owner,
                                            creator_user_id=creator))  # fmt: skip
    viewers = [
        ANONYMOUS,
        Viewer(user_id="u-c"),
        Viewer(user_id="u-m", organization_ids=frozenset({"org-x"})),
        Viewer(user_id="u-o", organization_ids=frozenset({"org-y"})),
        SYSADMIN,
    ]
    with services.session() as session:
        packages = list(session.execute(select(Package)).scalars())
        for viewer in viewers:
            in_python = {p.id for p in packages if can_read_package(viewer, p)}
            if viewer.sysadmin:
                assert in_python == {p.id for p in packages}
                continue
            in_sql = set(session.execute(stream._readable_package_ids(viewer)).scalars())
            assert in_sql == in_python, viewer

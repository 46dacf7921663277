"""The dataset form offers only the themes the steward may add datasets to (a role in the
theme, as package_create requires), and keeps the themes a dataset already has on edit."""

from __future__ import annotations

import pytest

from tests.app.web.steward.conftest import GOOD_CSV, Site, dataset_fields, post_form, sign_in
from tests.support import builders

THEME_BOX = 'id="field-group-{}"'


@pytest.mark.parametrize(
    ("user", "offered"),
    [("quan-tri", {"giao-duc", "y-te"}), ("bien-tap-a", {"giao-duc"}), ("bien-tap-b", set())],
)
def test_only_themes_the_steward_may_use_are_offered(site: Site, user: str, offered: set[str]):
    builders.group(site.admin, "y-te", "Y tế")
    page = sign_in(site, user).get("/dataset/new").text
    assert {t for t in ("giao-duc", "y-te") if THEME_BOX.format(t) in page} == offered
    assert ("You have no role in any theme" in page or "chưa có vai trò" in page) == (not offered)


def test_an_offered_theme_can_be_chosen(site: Site):
    http = sign_in(site, "bien-tap-a")
    answer = post_form(
        http,
        dataset_fields(name="co-chu-de", groups="giao-duc"),
        {"res-0-upload": ("a.csv", GOOD_CSV)},
    )
    assert answer.status_code == 303, answer.text[:500]
    package = site.admin.call("package_show", {"id": "co-chu-de"})
    assert [g["name"] for g in package["groups"]] == ["giao-duc"]


def test_editing_keeps_a_theme_the_steward_has_no_role_in(site: Site):
    builders.dataset(site.admin, "cua-so-b", title="Của Sở B", owner_org="so-b",
                     groups=["giao-duc"])  # fmt: skip
    http = sign_in(site, "bien-tap-b")
    page = http.get("/dataset/edit/cua-so-b").text
    assert THEME_BOX.format("giao-duc") + ' name="groups" value="giao-duc" checked' in page
    fields = dataset_fields(name="cua-so-b", owner_org="so-b", title_vi="Đổi tên",
                            groups="giao-duc")  # fmt: skip
    answer = post_form(http, fields, path="/dataset/edit/cua-so-b")
    assert answer.status_code == 303, answer.text[:500]
    package = site.admin.call("package_show", {"id": "cua-so-b"})
    assert package["title"] == "Đổi tên" and [g["name"] for g in package["groups"]] == ["giao-duc"]

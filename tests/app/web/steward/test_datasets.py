"""The dataset and resource forms over HTTP: create with a first resource in one post, edit,
upload, replace, delete; CSRF refusals; the permission matrix; errors next to fields."""

from __future__ import annotations

import dataclasses

import pytest

from tests.app.web.steward.conftest import (
    BAD_CSV,
    GOOD_CSV,
    Site,
    client,
    dataset_fields,
    form_token,
    post_form,
    sign_in,
)


def shown(site: Site, name: str) -> dict:
    return site.admin.call("package_show", {"id": name})


def count(site: Site) -> int:
    return site.admin.call("package_search", {"include_private": True, "rows": 0})["count"]


def test_create_a_dataset_with_its_first_file_in_one_post(site: Site):
    http = sign_in(site, "bien-tap-a")
    answer = post_form(
        http,
        dataset_fields(groups="giao-duc", private="true", temporal_start="2024-01-01"),
        files={"res-0-upload": ("Trường học.csv", GOOD_CSV, "text/csv")},
    )
    assert answer.status_code == 303
    assert answer.headers["location"] == "/dataset/edit/danh-sach-truong-hoc?done=created"
    package = shown(site, "danh-sach-truong-hoc")
    assert package["title_translated"] == {"vi": "Danh sách trường học", "en": "Schools"}
    assert package["private"] is True and package["organization"]["name"] == "so-a"
    assert [t["name"] for t in package["tags"]] == ["giáo dục", "trường học"]
    assert [g["name"] for g in package["groups"]] == ["giao-duc"]
    extras = {e["key"]: e["value"] for e in package["extras"]}
    assert extras["frequency"] == "annual" and extras["temporal_start"] == "2024-01-01"
    assert package["maintainer_email"] == "gd@example.org"
    (resource,) = package["resources"]
    assert resource["name"] == "Danh sách" and resource["url_type"] == "upload"
    assert resource["validation_status"] == "success" and resource["size"] == len(GOOD_CSV)
    assert site.services.storage.path_for(resource["id"]).read_bytes() == GOOD_CSV
    page = http.get(answer.headers["location"])
    assert "Đã lưu. Bộ dữ liệu đã được tạo." in page.text and "Hợp lệ" in page.text
    dashboard = http.get("/dashboard")
    assert "Danh sách trường học" in dashboard.text and "Riêng tư" in dashboard.text


def test_a_failing_file_is_kept_flagged_reported_and_replaced(site: Site):
    http = sign_in(site, "bien-tap-a")
    answer = post_form(
        http, dataset_fields(name="hong"), files={"res-0-upload": ("bad.csv", BAD_CSV, "text/csv")}
    )
    assert answer.status_code == 303
    (resource,) = shown(site, "hong")["resources"]
    assert resource["validation_status"] == "failure"
    assert "Không hợp lệ" in http.get("/dashboard").text
    report = http.get(f"/dataset/hong/resource/{resource['id']}/report")
    assert report.status_code == 200 and "Thiếu ô ở dòng 2" in report.text
    edit = f"/dataset/hong/resource/{resource['id']}/edit"
    answer = post_form(http, {"name": "Danh sách"}, {"upload": ("good.csv", GOOD_CSV)}, path=edit)
    assert answer.status_code == 303
    (replaced,) = shown(site, "hong")["resources"]
    assert replaced["id"] == resource["id"] and replaced["validation_status"] == "success"
    assert site.services.storage.path_for(resource["id"]).read_bytes() == GOOD_CSV


def test_block_mode_shows_the_error_next_to_the_file_and_writes_nothing(site: Site):
    settings = site.services.settings
    site.services.settings = dataclasses.replace(settings, validation_mode="block")
    try:
        http = sign_in(site, "bien-tap-a")
        before = count(site)
        answer = post_form(
            http, dataset_fields(name="chan"), files={"res-0-upload": ("bad.csv", BAD_CSV)}
        )
    finally:
        site.services.settings = settings
    assert answer.status_code == 400 and count(site) == before
    assert 'id="field-res-0-upload-error"' in answer.text and "error(s)" in answer.text
    assert 'aria-describedby="field-res-0-upload-hint field-res-0-upload-error"' in answer.text
    assert 'value="Danh sách trường học"' in answer.text  # the input is kept
    assert 'href="#field-res-0-upload"' in answer.text  # the summary links to the field


def test_validation_errors_appear_next_to_their_fields(site: Site):
    http = sign_in(site, "bien-tap-a")
    before = count(site)
    answer = post_form(
        http,
        dataset_fields(name="cong-khai", tags="a", contact_email="x", **{"res-0-url": "http://x"}),
    )
    assert answer.status_code == 400 and count(site) == before
    assert 'id="field-name-error"' in answer.text and 'id="field-tags-error"' in answer.text
    assert 'aria-invalid="true"' in answer.text and 'id="error-summary"' in answer.text
    missing = post_form(http, dataset_fields(title_vi="", name="khong-tep"))
    assert missing.status_code == 400
    assert 'id="field-title-vi-error"' in missing.text
    assert 'id="field-res-0-upload-error"' in missing.text and count(site) == before


def test_edit_replaces_a_file_adds_a_link_and_keeps_unshown_fields(site: Site):
    http = sign_in(site, "admin-a")
    post_form(http, dataset_fields(name="sua"), files={"res-0-upload": ("a.csv", BAD_CSV)})
    package = shown(site, "sua")
    (first,) = package["resources"]
    site.admin.call("package_patch", {"id": "sua", "extras": package["extras"] + [
        {"key": "category_no", "value": "17"}]})  # fmt: skip
    fields = dataset_fields(name="sua", title_en="Schools 2025")
    fields.update({"res-0-id": first["id"], "res-0-name": "Sửa rồi"})
    fields.update({"res-1-url": "https://example.org/data.pdf", "res-1-name": "Văn bản"})
    answer = post_form(
        http, fields, {"res-0-upload": ("b.csv", GOOD_CSV)}, path="/dataset/edit/sua"
    )
    assert answer.status_code == 303, answer.text[:500]
    package = shown(site, "sua")
    first_now, link = package["resources"]
    assert first_now["id"] == first["id"] and first_now["name"] == "Sửa rồi"
    assert first_now["validation_status"] == "success"
    assert link["url"] == "https://example.org/data.pdf" and link["name"] == "Văn bản"
    assert package["title_translated"]["en"] == "Schools 2025"
    assert {"key": "category_no", "value": "17"} in package["extras"]


def test_delete_a_resource_and_a_dataset_after_confirmation(site: Site):
    http = sign_in(site, "bien-tap-a")
    post_form(http, dataset_fields(name="xoa"), files={"res-0-upload": ("a.csv", GOOD_CSV)})
    (resource,) = shown(site, "xoa")["resources"]
    path = f"/dataset/xoa/resource/{resource['id']}/delete"
    assert http.post(path, data={}).status_code == 403  # no token: nothing deleted
    assert len(shown(site, "xoa")["resources"]) == 1
    assert post_form(http, {}, path=path).status_code == 303
    assert shown(site, "xoa")["resources"] == []
    assert http.post("/dataset/delete/xoa", data={"_csrf": "sai"}).status_code == 403
    assert shown(site, "xoa")["state"] == "active"
    answer = post_form(http, {}, path="/dataset/delete/xoa")
    assert answer.status_code == 303 and answer.headers["location"] == "/dashboard?done=deleted"
    assert shown(site, "xoa")["state"] == "deleted"


def test_every_form_refuses_a_post_without_the_right_token(site: Site):
    http = sign_in(site, "bien-tap-a")
    (resource_id,) = [r["id"] for r in shown(site, "cong-khai")["resources"]] or [None]
    before = count(site)
    paths = ["/dataset/new", "/dataset/edit/cong-khai", "/dataset/delete/cong-khai",
             "/dataset/cong-khai/resource/new", "/user/logout"]  # fmt: skip
    for path in paths:
        for token in (None, "", "sai-token"):
            data = dataset_fields(name="gia-mao", title_vi="Giả mạo")
            if token is not None:
                data["_csrf"] = token
            answer = http.post(path, data=data, files={"res-0-upload": ("a.csv", GOOD_CSV)})
            assert answer.status_code == 403, (path, token)
            assert "Chưa có gì được lưu" in answer.text
    assert count(site) == before and shown(site, "cong-khai")["title"] == "Công khai"
    assert shown(site, "cong-khai")["resources"] == [] and resource_id is None
    assert list(site.services.storage.root.rglob("*.csv")) == []


@pytest.mark.parametrize(
    ("user", "edit", "new"),
    [
        ("quan-tri", 200, 200),
        ("admin-a", 200, 200),
        ("bien-tap-a", 200, 200),
        ("thanh-vien-a", 403, 403),
        ("bien-tap-b", 403, 200),
        ("nguoi-ngoai", 403, 403),
    ],
)
def test_permissions_are_the_api_rules(site: Site, user: str, edit: int, new: int):
    http = sign_in(site, user)
    assert http.get("/dashboard").status_code == 200
    assert http.get("/dataset/new").status_code == new
    for path in ("/dataset/edit/cong-khai", "/dataset/delete/cong-khai",
                 "/dataset/cong-khai/resource/new"):  # fmt: skip
        assert http.get(path).status_code == edit, path
    private = http.get("/dataset/edit/rieng-tu").status_code
    assert private == (edit if user != "nguoi-ngoai" and user != "bien-tap-b" else 404)
    # Posting is refused the same way, and nothing changes.
    token = form_token(http, "/dashboard")
    answer = http.post("/dataset/edit/cong-khai",
                       data={**dataset_fields(title_vi="Đổi"), "_csrf": token})  # fmt: skip
    assert answer.status_code == (303 if edit == 200 else 403)
    assert (shown(site, "cong-khai")["title"] == "Đổi") == (edit == 200)
    if new == 200:
        names = {o["name"] for o in site.admin.call("organization_list", {"all_fields": True})}
        page = http.get("/dataset/new").text
        offered = {n for n in names if f">Sở {n[-1].upper()}</option>" in page}
        expected = {"quan-tri": {"so-a", "so-b"}, "bien-tap-b": {"so-b"}}.get(user, {"so-a"})
        assert offered == expected
    # A member may not create in so-a, an editor of so-b may not either.
    if user in ("thanh-vien-a", "bien-tap-b"):
        answer = http.post("/dataset/new", data={**dataset_fields(name="la"), "_csrf": token},
                           files={"res-0-upload": ("a.csv", GOOD_CSV)})  # fmt: skip
        assert answer.status_code == 403
        assert site.admin.call("package_search", {"q": "name:la"})["count"] == 0


def test_member_sees_private_datasets_on_the_dashboard_and_outsiders_see_none(site: Site):
    assert "Riêng tư" in sign_in(site, "thanh-vien-a").get("/dashboard").text
    page = sign_in(site, "nguoi-ngoai").get("/dashboard").text
    assert "Riêng tư" not in page and "Công khai</a>" not in page


def test_english_interface(site: Site):
    http = client(site)
    page = http.get("/user/login?lang=en")
    assert "User name or email" in page.text and 'lang="en"' in page.text

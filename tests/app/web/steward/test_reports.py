"""The validation report in plain language, on the steward report page and the public
dataset and resource pages (one shared partial): a summary by type, each error explained
with its row and column, Vietnamese first, English by switch, long reports capped."""

from __future__ import annotations

import re

import httpx

from tests.app.web.steward.conftest import (
    BAD_CSV,
    Site,
    client,
    dataset_fields,
    post_form,
    sign_in,
)

BLANK_ROWS_CSV = b"ma,ten\n01,A\n" + b",\n" * 120


def publish(site: Site, name: str, content: bytes) -> tuple[httpx.Client, str]:
    http = sign_in(site, "bien-tap-a")
    answer = post_form(
        http, dataset_fields(name=name), {"res-0-upload": ("bang.csv", content, "text/csv")}
    )
    assert answer.status_code == 303, answer.text[:500]
    (resource,) = site.admin.call("package_show", {"id": name})["resources"]
    return http, resource["id"]


def table_rows(html: str) -> list[str]:
    body = html.split('class="data report-errors"', 1)[1].split("<tbody>", 1)[1]
    body = body.split("</tbody>", 1)[0]
    return re.findall(r"<tr>.*?</tr>", body, re.S)


def test_steward_and_public_pages_explain_each_error_in_vietnamese(site: Site):
    http, resource_id = publish(site, "hong", BAD_CSV)
    steward = http.get(f"/dataset/hong/resource/{resource_id}/report").text
    public = client(site).get("/dataset/hong").text
    one = client(site).get(f"/dataset/hong/resource/{resource_id}").text
    for html in (steward, public, one):
        assert "Missing Cell" not in html and "has a missing cell" not in html
        assert '<span class="error-count">4 ×</span> Thiếu ô' in html  # the summary
        assert "Thiếu ô ở dòng 2, cột “field3”: dòng này có ít ô hơn số cột." in html
        assert "Cột thứ 3 không có tên ở dòng tiêu đề." in html  # the blank label
        assert "Cột thứ 4 có tên “name”, trùng với cột thứ 2." in html
        assert len(table_rows(html)) == 8  # blank and duplicate label, 4 cells, row, cell
    assert steward.count("<h2") > 1 and "<h3" not in steward.split("<main", 1)[1]


def test_english_report(site: Site):
    http, resource_id = publish(site, "hong", BAD_CSV)
    page = http.get(f"/dataset/hong/resource/{resource_id}/report?lang=en").text
    assert '<span class="error-count">4 ×</span> Missing cell' in page
    assert "Missing cell in row 2, column “field3”: the row has fewer cells" in page
    public = client(site).get("/en/dataset/hong").text
    assert "Column 4 is named “name”, like column 2." in public


def test_a_long_report_shows_the_first_rows_and_points_to_the_full_report(site: Site):
    http, resource_id = publish(site, "trong", BLANK_ROWS_CSV)
    anonymous = client(site)
    for html in (
        http.get(f"/dataset/trong/resource/{resource_id}/report").text,
        anonymous.get("/dataset/trong").text,
    ):
        assert '<span class="error-count">120 ×</span> Dòng trống' in html
        assert len(table_rows(html)) == 50
        assert "Đang hiển thị 50 lỗi đầu tiên trong số 120 lỗi." in html
        link = f'href="/api/3/action/resource_validation_show?resource_id={resource_id}"'
        assert link in html
    full = anonymous.get("/api/3/action/resource_validation_show", params={
        "resource_id": resource_id}).json()["result"]  # fmt: skip
    assert len(full["report"]["errors"]) == 120

"""datastore_search and /datastore/dump over HTTP against a live uvicorn, on both backends:
CKAN's shapes, `_links`, the dump files, private tables, and hostile values in every
parameter (never a 500, never another table's rows)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.main import create_app
from catalog.actions import build_registry
from catalog.content.loader import site_context
from catalog.services.datastore.store import DatastoreField
from tests.support import accounts
from tests.support.databases import BACKENDS, fresh_services
from tests.support.datastore_tables import resource_with_table
from tests.support.live_server import serve_app

OTHER_ROWS = [("SECRET-OTHER-ROW", 1)]


@dataclass
class Site:
    url: str
    public: str
    private: str
    other: str
    member_token: str
    outsider_token: str


@pytest.fixture(scope="module", params=BACKENDS)
def site(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Site]:
    directory: Path = tmp_path_factory.mktemp(f"ds-http-{request.param}")
    with fresh_services(request.param, directory) as services:
        context = site_context(services, build_registry())
        org = context.call("organization_create", {"name": "so-noi-vu"})
        public = resource_with_table(context, "cong-khai", owner_org=org["id"])
        private = resource_with_table(context, "rieng-tu", private=True, owner_org=org["id"])
        other = resource_with_table(
            context, "bang-khac", [DatastoreField("secret", "text"), DatastoreField("n", "int4")],
            OTHER_ROWS, owner_org=org["id"],
        )  # fmt: skip
        member = accounts.user(context, "thanh-vien")
        accounts.member(context, org["id"], member, "member")
        outsider = accounts.user(context, "nguoi-ngoai")
        with serve_app(create_app(services.settings, services), lifespan="off") as url:
            yield Site(
                url, public, private, other,
                accounts.token(context, member), accounts.token(context, outsider),
            )  # fmt: skip


@pytest.fixture(scope="module")
def http(site: Site) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=site.url, timeout=30) as client:
        yield client


def get(http: httpx.Client, **params: Any) -> httpx.Response:
    return http.get("/api/3/action/datastore_search", params=params)


def test_get_with_json_filters_and_links(http: httpx.Client, site: Site) -> None:
    reply = get(http, resource_id=site.public, filters='{"year": 2014}', limit=1, offset=2)
    body = reply.json()
    assert reply.status_code == 200 and body["success"] is True
    result = body["result"]
    assert result["total"] == 2 and result["records"] == []
    path = "/api/3/action/datastore_search"
    assert result["_links"]["start"] == (
        f"{path}?resource_id={site.public}&filters=%7B%22year%22%3A+2014%7D&limit=1"
    )
    assert result["_links"]["next"].endswith("&limit=1&offset=3")
    assert result["_links"]["prev"].endswith("&limit=1&offset=1")


def test_post_links_have_no_query(http: httpx.Client, site: Site) -> None:
    reply = http.post("/api/action/datastore_search", json={"resource_id": site.public, "q": "luc"})
    result = reply.json()["result"]
    assert result["_links"] == {"start": "/api/action/datastore_search",
                                "next": "/api/action/datastore_search?offset=100"}  # fmt: skip
    assert {r["_id"] for r in result["records"]} == {1, 3}


def test_errors_have_ckan_statuses(http: httpx.Client, site: Site) -> None:
    missing = get(http, resource_id="nope")
    assert missing.status_code == 404
    assert missing.json()["error"] == {
        "__type": "Not Found Error", "message": 'Not found: Resource "nope" was not found.'
    }  # fmt: skip
    bad = get(http, resource_id=site.public, sort="nope desc")
    assert bad.status_code == 409
    assert bad.json()["error"] == {
        "__type": "Validation Error",
        "sort": ['invalid value "nope desc"'],
    }
    sql = http.get("/api/3/action/datastore_search_sql", params={"sql": "SELECT 1"})
    assert sql.status_code == 400
    assert sql.json() == "Bad request - Action name not known: datastore_search_sql"


@pytest.mark.parametrize("who", ["anonymous", "outsider", "member"])
def test_private_table(http: httpx.Client, site: Site, who: str) -> None:
    headers = {"anonymous": {}, "outsider": {"Authorization": site.outsider_token},
               "member": {"Authorization": site.member_token}}[who]  # fmt: skip
    search = http.get("/api/3/action/datastore_search", params={"resource_id": site.private},
                      headers=headers)  # fmt: skip
    dump = http.get(f"/datastore/dump/{site.private}", headers=headers)
    if who == "member":
        assert search.status_code == 200 and search.json()["result"]["total"] == 4
        assert dump.status_code == 200 and "Nguyễn Văn An" in dump.text
    else:
        assert search.status_code == 403
        assert search.json()["error"]["__type"] == "Authorization Error"
        assert dump.status_code == 404 and "Nguyễn" not in dump.text


def test_dump_csv(http: httpx.Client, site: Site) -> None:
    reply = http.get(f"/datastore/dump/{site.public}")
    assert reply.status_code == 200
    assert reply.headers["content-type"] == "text/csv; charset=utf-8"
    assert reply.headers["content-disposition"] == f'attachment; filename="{site.public}.csv"'
    text = reply.content.decode("utf-8")
    assert text.startswith("_id,name,district,year,score,ratio,active,born,seen,the time,extra\r\n")
    rows = list(csv.reader(io.StringIO(text)))
    assert len(rows) == 5 and rows[1][:4] == ["1", "Nguyễn Văn An", "Lục Nam", "2014"]
    assert rows[4][1] == 'Phạm "Dũng", Hà'


def test_dump_params(http: httpx.Client, site: Site) -> None:
    url = f"/datastore/dump/{site.public}"
    tsv = http.get(url, params={"format": "tsv", "bom": "true", "fields": "name,year",
                                "sort": "year desc", "limit": 2, "q": "luc"})  # fmt: skip
    assert tsv.content.startswith("\ufeffname\tyear\r\n".encode())
    assert tsv.text.count("\n") == 3
    filtered = http.get(url, params={"filters": '{"district": "Yên Thế"}', "format": "json"})
    assert filtered.headers["content-type"] == "application/json; charset=utf-8"
    data = json.loads(filtered.content)
    assert [r[1] for r in data["records"]] == ["Trần Thị Bình"]
    assert data["fields"][0] == {"id": "_id", "type": "int"}
    xml = http.get(url, params={"format": "xml", "offset": 3})
    assert xml.text.startswith(
        '<data xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n<row _id="4">'
    )


def test_dump_xlsx(http: httpx.Client, site: Site) -> None:
    from openpyxl import load_workbook

    reply = http.get(f"/datastore/dump/{site.public}", params={"format": "xlsx"})
    assert reply.status_code == 200
    sheet = load_workbook(io.BytesIO(reply.content), read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("_id", "name", "district") and len(rows) == 5
    assert rows[1][1] == "Nguyễn Văn An" and rows[1][3] == 2014


@pytest.mark.parametrize(
    ("params", "status", "needle"),
    [
        ({"format": "exe"}, 400, "format: Value must be one of"),
        ({"limit": "x"}, 400, "limit: Invalid integer"),
        ({"fields": "nope"}, 400, 'fields: invalid value "nope"'),
        ({"filters": "{"}, 400, "filters: Cannot parse JSON"),
        ({"q": "a &", "plain": "false"}, 400, "query: Invalid query"),
    ],
)
def test_dump_bad_params(
    http: httpx.Client, site: Site, params: dict, status: int, needle: str
) -> None:
    reply = http.get(f"/datastore/dump/{site.public}", params=params)
    assert reply.status_code == status and needle in reply.text


HOSTILE = [
    "' OR '1'='1", "1; DROP TABLE _tables; --", '"; SELECT * FROM "user"; --', "\x00", "a\x00b",
    "_full_text", "_id", "rank", "user", "package", "_tables", "pg_catalog.pg_user",
    "sqlite_master", "9" * 400, "-1", "1e309", "NaN", "Infinity", "true", "null", "[]", "{}",
    '{"_full_text": "x"}', '{"year": {"$gt": 1}}', '[{"a": [[[[[]]]]]}]', "[" * 2000 + "]" * 2000,
    "ŝ̷̛̀ớm̵e̸ ̶ẑ̵ả̷l̵g̸o̵", "\ud7ff\ue000\uffff", "🙂" * 100, "x" * 20000, " ", "%",
    "*", "\\", "name desc nulls sideways", "name, name", ",,,", "t._id", "t.*",
]  # fmt: skip
JSON_HOSTILE: list[Any] = [
    None, True, 2**70, -(2**70), 1.5e308, -0.0, [], {}, [None], [[["deep"]]], {"a": {"b": {}}},
    {"year": [1, [2]]}, {"_full_text": "x"}, ["name", {"id": 1}], "\u0000",
]  # fmt: skip
PARAMS = [
    "resource_id", "id", "filters", "q", "full_text", "plain", "language", "fields", "sort",
    "limit", "offset", "distinct", "include_total", "total_estimation_threshold",
    "records_format", "unknown_key",
]  # fmt: skip


def _check(reply: httpx.Response, site: Site) -> None:
    assert reply.status_code in (200, 400, 403, 404, 409), (reply.status_code, reply.text[:300])
    assert "SECRET-OTHER-ROW" not in reply.text
    if reply.status_code == 200 and reply.headers["content-type"].startswith("application/json"):
        result = reply.json()["result"]
        if isinstance(result, dict) and "resource_id" in result:
            assert result["resource_id"] in (site.public,)


@pytest.mark.parametrize("param", PARAMS)
def test_hostile_search_get(http: httpx.Client, site: Site, param: str) -> None:
    for value in HOSTILE:
        params = {"resource_id": site.public, param: value}
        _check(http.get("/api/3/action/datastore_search", params=params), site)
        plain = {**params, "plain": "false"}
        _check(http.get("/api/3/action/datastore_search", params=plain), site)


@pytest.mark.parametrize("param", PARAMS)
def test_hostile_search_post(http: httpx.Client, site: Site, param: str) -> None:
    for value in [*HOSTILE, *JSON_HOSTILE]:
        body = {"resource_id": site.public, param: value}
        _check(http.post("/api/3/action/datastore_search", json=body), site)
    for value in [*HOSTILE[:12], *JSON_HOSTILE]:
        for inner in ("filters", "q"):
            body = {
                "resource_id": site.public,
                inner: {value if isinstance(value, str) else "name": value},
            }
            _check(http.post("/api/3/action/datastore_search", json=body), site)


def test_other_ids_and_catalog_tables(http: httpx.Client, site: Site) -> None:
    for name in ("_tables", "user", "package", "resource", "api_token", site.other.upper(),
                 f"{site.other}' OR '1'='1", "../" + site.other, "_table_metadata"):  # fmt: skip
        reply = get(http, resource_id=name)
        assert reply.status_code == 404, (name, reply.text)
    assert "SECRET-OTHER-ROW" in get(http, resource_id=site.other).text  # its own table only


@pytest.mark.parametrize("param", ["q", "filters", "fields", "sort", "limit", "offset", "format",
                                   "bom", "distinct", "plain", "language"])  # fmt: skip
def test_hostile_dump(http: httpx.Client, site: Site, param: str) -> None:
    for value in HOSTILE:
        reply = http.get(f"/datastore/dump/{site.public}", params={param: value})
        assert reply.status_code in (200, 400), (value, reply.status_code, reply.text[:200])
        assert "SECRET-OTHER-ROW" not in reply.text
    for name in ("_tables", "sqlite_master", site.other + "x", "%2e%2e", site.private):
        reply = http.get(f"/datastore/dump/{name}", params={param: HOSTILE[0]})
        assert reply.status_code == 404 and "SECRET" not in reply.text

"""Uploads and validated links load into the DataStore in the background: CSV, TSV, XLSX,
XLS and JSON; state, replacement, failure, removal."""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from io import BytesIO

import pytest
from sqlalchemy import text

from catalog.actions.registry import ActionContext
from catalog.errors import NotAuthorized, NotFound, ValidationFailed
from catalog.services.datastore.rows import typed_rows
from tests.support import builders
from tests.support.accounts import anonymous, person
from tests.support.live_server import serve_app

CSV = (
    "mã,tên,dân số,ngày,đang hoạt động\n"
    "1,Thành phố Bắc Giang,174229.5,2024-01-01,true\n"
    "2,Huyện Lục Ngạn,220000,2024-12-31,false\n"
    "3,,,,\n"
)
SCHEMA = {
    "fields": [
        {"name": "mã", "type": "integer", "title": "Mã"},
        {"name": "tên", "type": "string"},
        {"name": "dân số", "type": "number"},
        {"name": "ngày", "type": "date"},
        {"name": "đang hoạt động", "type": "boolean"},
    ],
    "primaryKey": ["mã"],
}


@dataclass
class Upload:
    file: BytesIO
    filename: str


def upload(body: str | bytes, name: str = "don-vi.csv") -> Upload:
    return Upload(BytesIO(body.encode("utf-8") if isinstance(body, str) else body), name)


@pytest.fixture
def ctx(sysadmin_context: ActionContext) -> ActionContext:
    builders.organization(sysadmin_context, "so-a")
    builders.dataset(sysadmin_context, "don-vi", owner_org="so-a")
    return sysadmin_context


def _create(ctx: ActionContext, body: str | bytes = CSV, name: str = "don-vi.csv",
            **extra) -> dict:  # fmt: skip
    extra.setdefault("format", name.rsplit(".", 1)[-1].upper())
    created = ctx.call("resource_create", {"package_id": "don-vi", "upload": upload(body, name),
                                           **extra})  # fmt: skip
    assert ctx.services.datastore_jobs.wait_idle(timeout=60)
    return created


def _rows(ctx: ActionContext, resource_id: str) -> list[tuple]:
    store = ctx.services.datastore
    with store.connect() as connection:
        info = store.describe(resource_id, connection)
        columns = ", ".join(f'"{f.id}"' for f in info.fields)
        sql = f"SELECT {columns} FROM {info.sql_name} ORDER BY _id"
        return [tuple(row) for row in connection.execute(text(sql))]


def _typed(ctx: ActionContext, resource_id: str) -> list[tuple]:
    """The table's rows as typed values, the same on both databases."""
    store = ctx.services.datastore
    with store.connect() as connection:
        info = store.describe(resource_id, connection)
        assert info is not None
        return [values for _, values in typed_rows(store, connection, info)]


def _loaded(ctx: ActionContext, resource_id: str) -> dict:
    """xloader_status of a load that completed."""
    status = ctx.call("xloader_status", {"resource_id": resource_id})
    assert status["status"] == "complete", status["error"]
    return status


def test_an_upload_is_loaded_with_the_schema_types(ctx: ActionContext) -> None:
    created = _create(ctx, schema=SCHEMA)
    shown = ctx.call("resource_show", {"id": created["id"]})
    assert shown["datastore_active"] is True
    status = ctx.call("xloader_status", {"resource_id": created["id"]})
    assert status["status"] == "complete" and status["error"] is None
    assert status["task_info"]["rows"] == 3 and status["task_info"]["finished"]
    info = ctx.call("datastore_info", {"id": created["id"]})
    assert info["meta"]["count"] == 3 and info["meta"]["load"]["status"] == "complete"
    assert [(f["id"], f["type"]) for f in info["fields"]] == [
        ("mã", "int8"), ("tên", "text"), ("dân số", "numeric"), ("ngày", "date"),
        ("đang hoạt động", "bool")]  # fmt: skip
    assert info["fields"][0]["info"]["label"] == "Mã"
    assert info["fields"][0]["schema"]["uniquekey"] is True
    rows = _rows(ctx, created["id"])
    if ctx.services.datastore.dialect == "postgresql":
        assert rows[0] == (1, "Thành phố Bắc Giang", Decimal("174229.5"),
                           dt.date(2024, 1, 1), True)  # fmt: skip
    else:
        assert rows[0] == (1, "Thành phố Bắc Giang", 174229.5, "2024-01-01", 1)
    assert rows[2] == (3, None, None, None, None)


def test_without_a_schema_the_inferred_one_is_used(ctx: ActionContext) -> None:
    created = _create(ctx)
    info = ctx.call("datastore_info", {"id": created["id"]})
    types = {f["id"]: f["type"] for f in info["fields"]}
    assert types["mã"] in ("int8", "numeric") and types["tên"] == "text"
    assert info["meta"]["count"] == 3


def _cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese tools write it: base letters plus combining tone marks."""
    out = b""
    for char in text:
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            base, *marks = unicodedata.normalize("NFD", char)
            head = unicodedata.normalize("NFC", base + "".join(marks[:-1]))
            out += (head + marks[-1]).encode("cp1258")
    return out


def test_windows_1258_and_semicolons_load_as_nfc_text(ctx: ActionContext) -> None:
    body = _cp1258("mã;tên\n1;Lục Ngạn\n2;Yên Thế\n")
    created = _create(ctx, body)
    assert ctx.call("resource_show", {"id": created["id"]})["validation_status"] == "success"
    names = [row[1] for row in _rows(ctx, created["id"])]
    assert names == ["Lục Ngạn", "Yên Thế"]


def test_a_new_file_replaces_the_table(ctx: ActionContext) -> None:
    created = _create(ctx, schema=SCHEMA)
    old = ctx.services.datastore.describe(created["id"])
    body = "mã,tên,dân số,ngày,đang hoạt động\n9,Yên Dũng,1,2025-07-01,true\n"
    ctx.call("resource_patch", {"id": created["id"], "upload": upload(body)})
    assert ctx.services.datastore_jobs.wait_idle(timeout=60)
    assert _rows(ctx, created["id"])[0][:2] == (9, "Yên Dũng")
    new = ctx.services.datastore.describe(created["id"])
    assert new.count == 1 and new.table != old.table


def test_a_failed_load_keeps_the_old_table_and_records_why(ctx: ActionContext) -> None:
    created = _create(ctx, schema=SCHEMA)
    too_big = "mã,tên,dân số,ngày,đang hoạt động\n99999999999999999999999,x,1,2025-07-01,true\n"
    ctx.call("resource_patch", {"id": created["id"], "upload": upload(too_big), "schema": SCHEMA})
    assert ctx.services.datastore_jobs.wait_idle(timeout=60)
    status = ctx.call("xloader_status", {"id": created["id"]})
    assert status["status"] == "error" and status["error"]["message"]
    assert len(_rows(ctx, created["id"])) == 3
    assert ctx.call("resource_show", {"id": created["id"]})["datastore_active"] is True
    invalid = "mã,tên,dân số,ngày,đang hoạt động\nabc,x,1,2025-07-01,true\n"
    ctx.call("resource_patch", {"id": created["id"], "upload": upload(invalid), "schema": SCHEMA})
    assert ctx.services.datastore_jobs.wait_idle(timeout=60)
    status = ctx.call("xloader_status", {"id": created["id"]})
    assert status["status"] == "error" and "validation" in status["error"]["message"]
    assert len(_rows(ctx, created["id"])) == 3


def test_pending_then_complete(ctx: ActionContext) -> None:
    jobs = ctx.services.datastore_jobs
    jobs.stop()  # nothing runs: the job stays pending
    created = ctx.call("resource_create", {"package_id": "don-vi", "upload": upload(CSV)})
    status = ctx.call("xloader_status", {"id": created["id"]})
    assert status["status"] == "pending" and status["task_info"]["started"] is None
    assert created["datastore_active"] is False
    jobs.run_task(created["id"], "load")
    assert ctx.call("xloader_status", {"id": created["id"]})["status"] == "complete"
    assert ctx.call("resource_show", {"id": created["id"]})["datastore_active"] is True


def test_deleting_the_resource_or_purging_drops_the_table(ctx: ActionContext) -> None:
    first = _create(ctx)
    second = _create(ctx)
    ctx.call("resource_delete", {"id": first["id"]})
    assert ctx.services.datastore_jobs.wait_idle(timeout=60)
    assert ctx.services.datastore.describe(first["id"]) is None
    assert ctx.services.datastore.describe(second["id"]) is not None
    ctx.call("dataset_purge", {"id": "don-vi"})
    assert ctx.services.datastore_jobs.wait_idle(timeout=60)
    assert ctx.services.datastore.resource_ids() == set()


def test_resubmit_and_resume(ctx: ActionContext) -> None:
    created = _create(ctx)
    ctx.services.datastore.drop_table(created["id"])
    assert ctx.call("xloader_submit", {"resource_id": created["id"]}) is True
    assert ctx.services.datastore_jobs.wait_idle(timeout=60)
    assert ctx.services.datastore.describe(created["id"]).count == 3
    ctx.services.datastore.create_table("gone-resource", [], iter([]))
    assert ctx.services.datastore_jobs.resume() == 1
    assert ctx.services.datastore_jobs.wait_idle(timeout=60)
    assert "gone-resource" not in ctx.services.datastore.resource_ids()


def test_status_needs_edit_rights(ctx: ActionContext) -> None:
    created = _create(ctx)
    with pytest.raises(NotAuthorized):
        anonymous(ctx).call("xloader_status", {"resource_id": created["id"]})
    with pytest.raises(NotAuthorized):
        person(ctx, "nguoi-ngoai").call("xloader_submit", {"resource_id": created["id"]})
    with pytest.raises(NotFound):
        ctx.call("xloader_status", {"resource_id": "khong-co"})
    with pytest.raises(ValidationFailed):
        ctx.call("xloader_status", {})


TYPES_SCHEMA = {
    "fields": [
        {"name": "mã", "type": "integer", "constraints": {"required": True, "unique": True}},
        {"name": "tên", "type": "string"},
        {"name": "dân số", "type": "number"},
        {"name": "ngày", "type": "date"},
        {"name": "mở cửa", "type": "boolean"},
        {"name": "giờ", "type": "time"},
        {"name": "cập nhật", "type": "datetime"},
        {"name": "năm", "type": "year"},
        {"name": "tháng", "type": "yearmonth"},
        {"name": "thuộc tính", "type": "object"},
    ],
    "primaryKey": ["mã"],
}
TYPES_ROWS = [
    (1, "Thành phố Bắc Giang", Decimal("174229.5"), dt.date(2024, 1, 1), True, dt.time(8, 30),
     dt.datetime(2024, 1, 1, 7, 0), 2024, "2024-01", {"loại": "thành phố", "phường": 16}),
    (2, "Huyện Lục Ngạn", Decimal("220000"), dt.date(2024, 12, 31), False, dt.time(17, 0),
     dt.datetime(2025, 7, 1, 0, 0), 1999, "1999-12", {"loại": "huyện", "xã": [1, 2.5]}),
    (3, None, None, None, None, None, None, None, None, None),
]  # fmt: skip


def _cells(row: tuple) -> list:
    """A row as a steward types it into Excel (numbers, dates, times and text)."""
    *first, month, extra = row
    return [*first, month, None if extra is None else json.dumps(extra, ensure_ascii=False)]


def _xlsx(rows: list[list], header: list[str]) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    data = BytesIO()
    book.save(data)
    return data.getvalue()


def test_an_xlsx_upload_is_loaded_with_the_schema_types(ctx: ActionContext) -> None:
    names = [f["name"] for f in TYPES_SCHEMA["fields"]]
    body = _xlsx([_cells(row) for row in TYPES_ROWS], names)
    created = _create(ctx, body, "don-vi.xlsx", schema=TYPES_SCHEMA)
    assert created["validation_status"] == "success"
    assert _loaded(ctx, created["id"])["task_info"]["rows"] == 3
    info = ctx.call("datastore_info", {"id": created["id"]})
    assert [f["type"] for f in info["fields"]] == [
        "int8", "text", "numeric", "date", "bool", "time", "timestamp", "int4", "text", "json",
    ]  # fmt: skip
    assert _typed(ctx, created["id"]) == TYPES_ROWS
    found = ctx.call("datastore_search", {"resource_id": created["id"], "q": "luc ngan"})
    assert [record["mã"] for record in found["records"]] == [2]
    assert found["records"][0]["thuộc tính"] == {"loại": "huyện", "xã": [1, 2.5]}


def test_an_xlsx_without_a_schema_is_loaded_by_the_inferred_one(ctx: ActionContext) -> None:
    rows = [[i, f"Xã {i}", dt.date(2024, 1, i), i * 1.5] for i in range(1, 6)]
    created = _create(ctx, _xlsx(rows, ["mã", "tên", "ngày", "diện tích"]), "xa.xlsx")
    assert created["validation_status"] == "success"
    assert _loaded(ctx, created["id"])["task_info"]["rows"] == 5
    fields = ctx.call("datastore_info", {"id": created["id"]})["fields"]
    types = {f["id"]: f["type"] for f in fields}
    assert types == {"mã": "int8", "tên": "text", "ngày": "date", "diện tích": "numeric"}
    assert _typed(ctx, created["id"])[1] == (2, "Xã 2", dt.date(2024, 1, 2), Decimal("3"))


def _json_rows(rows: list[tuple]) -> list[dict]:
    names = [f["name"] for f in TYPES_SCHEMA["fields"]]
    out = []
    for row in rows:
        values = [v.isoformat() if isinstance(v, (dt.date, dt.time)) else v for v in row]
        values[2] = None if values[2] is None else float(values[2])
        out.append(dict(zip(names, values, strict=True)))
    return out


def test_a_json_table_upload_is_loaded_with_the_schema_types(ctx: ActionContext) -> None:
    body = json.dumps({"data": _json_rows(TYPES_ROWS)}, ensure_ascii=False)
    created = _create(ctx, unicodedata.normalize("NFD", body), "don-vi.json", schema=TYPES_SCHEMA)
    assert created["validation_status"] == "success"
    assert _loaded(ctx, created["id"])["task_info"]["rows"] == 3
    assert _typed(ctx, created["id"]) == TYPES_ROWS  # NFD text stored as NFC
    arrays = [["mã", "tên"], [1, "Lục Nam"], [2, None], [3, "Yên Thế"]]
    created = _create(ctx, json.dumps(arrays, ensure_ascii=False), "mang.json")
    assert _loaded(ctx, created["id"])["task_info"]["rows"] == 3
    assert _typed(ctx, created["id"]) == [(1, "Lục Nam"), (2, None), (3, "Yên Thế")]


def test_a_deleted_xlsx_or_json_resource_loses_its_table(ctx: ActionContext) -> None:
    names = [f["name"] for f in TYPES_SCHEMA["fields"]]
    sheet = _create(ctx, _xlsx([_cells(r) for r in TYPES_ROWS], names), "a.xlsx",
                    schema=TYPES_SCHEMA)  # fmt: skip
    table = _create(ctx, json.dumps(_json_rows(TYPES_ROWS)), "b.json", schema=TYPES_SCHEMA)
    assert ctx.services.datastore.resource_ids() == {sheet["id"], table["id"]}
    for created in (sheet, table):
        ctx.call("resource_delete", {"id": created["id"]})
    assert ctx.services.datastore_jobs.wait_idle(timeout=60)
    assert ctx.services.datastore.resource_ids() == set()


class RemoteFile:
    """An ASGI app serving one file at any path, for links (served by `serve_app` on the
    loopback interface); a test changes `body` to change the remote file."""

    def __init__(self, body: bytes = b"") -> None:
        self.body = body
        self.requests = 0

    async def __call__(self, scope: dict, receive, send) -> None:
        assert scope["type"] == "http"
        self.requests += 1
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-length", str(len(self.body)).encode())]})  # fmt: skip
        await send({"type": "http.response.body", "body": self.body})


@pytest.fixture
def remote() -> Iterator[tuple[RemoteFile, str]]:
    served = RemoteFile(CSV.encode("utf-8"))
    with serve_app(served, lifespan="off") as base_url:
        yield served, base_url


def _link(ctx: ActionContext, url: str, **extra) -> dict:
    created = ctx.call("resource_create", {"package_id": "don-vi", "url": url, **extra})
    assert ctx.services.datastore_jobs.wait_idle(timeout=60)
    return created


def _names(ctx: ActionContext, resource_id: str) -> list[str]:
    found = ctx.call("datastore_search", {"resource_id": resource_id, "sort": "mã"})
    return [record["tên"] for record in found["records"]]


def test_a_validated_link_is_loaded_from_the_bytes_that_were_validated(
    ctx: ActionContext, remote: tuple[RemoteFile, str]
) -> None:
    served, base_url = remote
    created = _link(ctx, f"{base_url}/don-vi.csv", format="CSV", schema=SCHEMA)
    assert created["url_type"] is None and created["validation_status"] == "success"
    assert _loaded(ctx, created["id"])["task_info"]["rows"] == 3
    assert ctx.call("resource_show", {"id": created["id"]})["datastore_active"] is True
    found = ctx.call("datastore_search", {"resource_id": created["id"], "q": "bac giang"})
    assert [record["mã"] for record in found["records"]] == [1]
    assert found["records"][0]["ngày"] == "2024-01-01"
    storage = ctx.services.storage
    assert storage.link_copy_path(created["id"]).read_bytes() == CSV.encode("utf-8")
    assert not storage.exists(created["id"])  # the copy is private: a link stays a link
    fetched = served.requests
    served.body = CSV.replace("Huyện Lục Ngạn", "Huyện Đổi Rồi").encode("utf-8")
    assert ctx.call("xloader_submit", {"resource_id": created["id"]}) is True
    assert ctx.services.datastore_jobs.wait_idle(timeout=60)
    assert _loaded(ctx, created["id"]) and served.requests == fetched  # not fetched again
    assert _names(ctx, created["id"]) == ["Thành phố Bắc Giang", "Huyện Lục Ngạn", None]


def test_a_copy_that_is_not_the_validated_file_is_not_loaded(
    ctx: ActionContext, remote: tuple[RemoteFile, str]
) -> None:
    _, base_url = remote
    created = _link(ctx, f"{base_url}/don-vi.csv", schema=SCHEMA)
    copy = ctx.services.storage.link_copy_path(created["id"])
    copy.write_bytes(CSV.replace("Lục Ngạn", "Lục Nam").encode("utf-8"))  # same size
    assert ctx.call("xloader_submit", {"resource_id": created["id"]}) is True
    assert ctx.services.datastore_jobs.wait_idle(timeout=60)
    status = ctx.call("xloader_status", {"resource_id": created["id"]})
    assert status["status"] == "error"
    assert "not the validated one" in status["error"]["message"]
    assert _names(ctx, created["id"])[1] == "Huyện Lục Ngạn"  # the old table stays
    copy.unlink()
    ctx.call("xloader_submit", {"resource_id": created["id"]})
    assert ctx.services.datastore_jobs.wait_idle(timeout=60)
    status = ctx.call("xloader_status", {"resource_id": created["id"]})
    assert "validate the link again" in status["error"]["message"]


def test_revalidating_a_link_loads_its_new_file_only_when_it_passes(
    ctx: ActionContext, remote: tuple[RemoteFile, str]
) -> None:
    served, base_url = remote
    created = _link(ctx, f"{base_url}/don-vi.csv", schema=SCHEMA)
    served.body = (CSV + "4,Huyện Yên Thế,99,2025-07-01,true\n").encode("utf-8")
    report = ctx.call("resource_validation_run", {"resource_id": created["id"]})
    assert report["status"] == "success" and report["report"]["stats"]["rows"] == 4
    assert ctx.services.datastore_jobs.wait_idle(timeout=60)
    assert _loaded(ctx, created["id"])["task_info"]["rows"] == 4
    assert _names(ctx, created["id"])[3] == "Huyện Yên Thế"
    served.body = (CSV + "khong-phai-so,x,1,2025-07-01,true\n").encode("utf-8")
    report = ctx.call("resource_validation_run", {"resource_id": created["id"]})
    assert report["status"] == "failure"
    assert ctx.services.datastore_jobs.wait_idle(timeout=60)
    assert ctx.call("xloader_status", {"resource_id": created["id"]})["status"] == "error"
    assert len(_names(ctx, created["id"])) == 4  # the invalid file was not loaded
    assert not ctx.services.storage.link_copy_path(created["id"]).exists()


def test_a_link_to_a_new_file_or_an_upload_or_deleted_leaves_no_copy(
    ctx: ActionContext, remote: tuple[RemoteFile, str]
) -> None:
    served, base_url = remote
    names = [f["name"] for f in TYPES_SCHEMA["fields"]]
    served.body = _xlsx([_cells(row) for row in TYPES_ROWS], names)
    sheet = _link(ctx, f"{base_url}/don-vi.xlsx", schema=TYPES_SCHEMA)
    assert _loaded(ctx, sheet["id"])["task_info"]["rows"] == 3
    assert _typed(ctx, sheet["id"]) == TYPES_ROWS
    storage = ctx.services.storage
    served.body = CSV.encode("utf-8")
    moved = ctx.call("resource_patch", {"id": sheet["id"], "url": f"{base_url}/b.csv",
                                        "format": "CSV", "schema": SCHEMA})  # fmt: skip
    assert moved["validation_status"] == "success"
    assert ctx.services.datastore_jobs.wait_idle(timeout=60)
    assert _names(ctx, sheet["id"])[0] == "Thành phố Bắc Giang"
    assert storage.link_copy_path(sheet["id"]).read_bytes() == CSV.encode("utf-8")
    ctx.call("resource_patch", {"id": sheet["id"], "url": "https://example.org/trang.html"})
    assert not storage.link_copy_path(sheet["id"]).exists()
    link = _link(ctx, f"{base_url}/c.csv", schema=SCHEMA)
    ctx.call("resource_patch", {"id": link["id"], "upload": upload(CSV)})
    assert not storage.link_copy_path(link["id"]).exists() and storage.exists(link["id"])
    other = _link(ctx, f"{base_url}/d.csv", schema=SCHEMA)
    assert storage.link_copy_path(other["id"]).exists()
    ctx.call("resource_delete", {"id": other["id"]})
    assert ctx.services.datastore_jobs.wait_idle(timeout=60)
    assert ctx.services.datastore.describe(other["id"]) is None
    assert not storage.link_copy_path(other["id"]).exists()

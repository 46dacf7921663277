"""datastore_create / upsert / delete / info: CKAN 2.11's shapes, errors and permissions."""

from __future__ import annotations

import itertools

import pytest
from sqlalchemy import text

from catalog.actions.registry import ActionContext
from catalog.errors import CatalogError, NotAuthorized, NotFound, ValidationFailed
from catalog.services.datastore.rows import typed_rows
from tests.support import builders
from tests.support.accounts import anonymous, person

FIELDS = [
    {"id": "mã", "type": "int"},
    {"id": "tên", "type": "text", "info": {"label": "Tên"}},
    {"id": "số", "type": "numeric"},
    {"id": "ngày", "type": "date"},
    {"id": "thuộc tính", "type": "json"},
]
RECORDS = [
    {"mã": 1, "tên": "Bắc Giang", "số": "1.5", "ngày": "2024-01-01", "thuộc tính": {"a": 1}},
    {"mã": 2, "tên": "Lục Ngạn", "số": 2, "ngày": None},
]


@pytest.fixture
def ctx(sysadmin_context: ActionContext) -> ActionContext:
    org = builders.organization(sysadmin_context, "so-a")
    builders.dataset(sysadmin_context, "cong-khai", owner_org="so-a")
    builders.dataset(sysadmin_context, "rieng", owner_org="so-a", private=True)
    sysadmin_context.org_id = org["id"]  # type: ignore[attr-defined]
    return sysadmin_context


def _new_table(ctx: ActionContext, package: str = "cong-khai", **extra) -> str:
    result = ctx.call(
        "datastore_create",
        {"resource": {"package_id": package, "name": "bảng"}, "fields": FIELDS,
         "records": RECORDS, "primary_key": "mã", **extra},
    )  # fmt: skip
    return result["resource_id"]


def _records(ctx: ActionContext, resource_id: str) -> list[tuple]:
    store = ctx.services.datastore
    with store.connect() as connection:
        info = store.describe(resource_id, connection)
        return [row for _, row in typed_rows(store, connection, info)]


def _words(ctx: ActionContext, resource_id: str, word: str) -> int:
    store = ctx.services.datastore
    with store.connect() as connection:
        info = store.describe(resource_id, connection)
        if store.dialect == "postgresql":
            sql = (
                f"SELECT count(*) FROM {info.sql_name} WHERE _full_text @@ to_tsquery('simple', :w)"
            )
        else:
            sql = f"SELECT count(*) FROM {info.fts_sql_name} WHERE _full_text MATCH :w"
        return connection.execute(text(sql), {"w": word}).scalar()


def test_create_with_a_resource_dict(ctx: ActionContext) -> None:
    result = ctx.call(
        "datastore_create",
        {"resource": {"package_id": "cong-khai", "name": "bảng"}, "fields": FIELDS,
         "records": RECORDS, "primary_key": ["mã"]},
    )  # fmt: skip
    assert result["method"] == "insert" and result["primary_key"] == ["mã"]
    assert [(f["id"], f["type"]) for f in result["fields"]] == [
        ("mã", "int4"), ("tên", "text"), ("số", "numeric"), ("ngày", "date"),
        ("thuộc tính", "json")]  # fmt: skip
    assert "records" not in result
    resource = ctx.call("resource_show", {"id": result["resource_id"]})
    assert resource["url_type"] == "datastore" and resource["datastore_active"] is True
    assert resource["url"] == f"http://testserver/datastore/dump/{resource['id']}"
    info = ctx.call("datastore_info", {"resource_id": resource["id"]})
    assert info["meta"]["count"] == 2 and info["meta"]["id"] == resource["id"]
    assert info["fields"][1]["info"] == {"label": "Tên"}
    rows = _records(ctx, resource["id"])
    assert rows[0][0] == 1 and rows[0][1] == "Bắc Giang" and rows[0][4] == {"a": 1}
    assert str(rows[0][2]) == "1.5" and rows[1][3] is None
    assert _words(ctx, resource["id"], "bac") == 1


def test_create_on_an_existing_resource_adds_fields_and_rows(ctx: ActionContext) -> None:
    resource_id = _new_table(ctx)
    ctx.call(
        "datastore_create",
        {"resource_id": resource_id, "fields": [{"id": "mới", "type": "text"}],
         "records": [{"mã": 3, "mới": "x"}]},
    )  # fmt: skip
    info = ctx.call("datastore_info", {"id": resource_id})
    assert [f["id"] for f in info["fields"]] == ["mã", "tên", "số", "ngày", "thuộc tính", "mới"]
    assert info["meta"]["count"] == 3
    ctx.call(
        "datastore_create",
        {"resource_id": resource_id, "fields": [{"id": "mã", "type": "text"}, {"id": "tên"}],
         "delete_fields": True},
    )  # fmt: skip
    info = ctx.call("datastore_info", {"id": resource_id})
    assert [(f["id"], f["type"]) for f in info["fields"]] == [("mã", "text"), ("tên", "text")]
    assert _records(ctx, resource_id)[0] == ("1", "Bắc Giang")


def test_upsert_insert_update(ctx: ActionContext) -> None:
    resource_id = _new_table(ctx)
    changes = [{"mã": 2, "tên": "Yên Thế"}, {"mã": 5, "tên": "Mới"}]
    ctx.call(
        "datastore_upsert", {"resource_id": resource_id, "method": "upsert", "records": changes}
    )
    rows = {row[0]: row for row in _records(ctx, resource_id)}
    assert rows[2][1] == "Yên Thế" and rows[2][2] is not None  # other columns kept
    assert rows[5][1] == "Mới"
    assert _words(ctx, resource_id, "yen") == 1 and _words(ctx, resource_id, "luc") == 0
    ctx.call("datastore_upsert", {"resource_id": resource_id, "method": "update",
                                  "records": [{"_id": 1, "tên": "Đổi"}]})  # fmt: skip
    assert _records(ctx, resource_id)[0][1] == "Đổi"
    ctx.call("datastore_upsert", {"id": resource_id, "method": "insert", "records": [{"mã": 9}]})
    assert ctx.call("datastore_info", {"id": resource_id})["meta"]["count"] == 4
    ctx.call("datastore_upsert", {"id": resource_id, "records": [{"mã": 10}], "dry_run": True})
    assert ctx.call("datastore_info", {"id": resource_id})["meta"]["count"] == 4


def test_upsert_errors_change_nothing(ctx: ActionContext) -> None:
    resource_id = _new_table(ctx)
    before = _records(ctx, resource_id)
    cases = [
        ({"records": [{"mã": 7}, {"khác": 1}]}, {"fields": ['fields "khác" do not exist']}),
        ({"records": [{"mã": 7}, {"mã": "bảy"}]}, "records"),
        ({"method": "update", "records": [{"mã": 99, "tên": "x"}]}, "key"),
        ({"records": [{"tên": "không khoá"}]}, "key"),
        ({"method": "insert", "records": [{"mã": 8}, {"mã": 1}]}, "records"),
        ({"method": "nope", "records": []}, "method"),
        ({"records": [{"mã": 2**40}]}, "records"),
        ({"records": "không phải danh sách"}, "records"),
    ]
    for extra, expected in cases:
        with pytest.raises(ValidationFailed) as error:
            ctx.call("datastore_upsert", {"resource_id": resource_id, **extra})
        if isinstance(expected, dict):
            assert error.value.errors == expected
        else:
            assert expected in error.value.errors, (extra, error.value.errors)
    assert _records(ctx, resource_id) == before


def test_delete_rows_and_table(ctx: ActionContext) -> None:
    resource_id = _new_table(ctx)
    result = ctx.call("datastore_delete", {"resource_id": resource_id, "filters": {"mã": [1]}})
    assert result == {"resource_id": resource_id, "filters": {"mã": [1]}}
    assert [row[0] for row in _records(ctx, resource_id)] == [2]
    assert _words(ctx, resource_id, "bac") == 0
    with pytest.raises(ValidationFailed) as error:
        ctx.call("datastore_delete", {"resource_id": resource_id, "filters": {"không": 1}})
    assert error.value.errors == {"filters": ['field "không" not in table']}
    with pytest.raises(ValidationFailed):
        ctx.call("datastore_delete", {"resource_id": resource_id, "filters": "mã=1"})
    ctx.call("datastore_delete", {"resource_id": resource_id})
    assert ctx.call("resource_show", {"id": resource_id})["datastore_active"] is False
    with pytest.raises(NotFound) as missing:
        ctx.call("datastore_info", {"id": resource_id})
    assert str(missing.value.detail) == f'Resource/Alias "{resource_id}" was not found.'
    with pytest.raises(NotFound) as missing:
        ctx.call("datastore_delete", {"resource_id": resource_id})
    assert missing.value.detail == f'Resource "{resource_id}" was not found.'


def test_file_tables_are_read_only_without_force(ctx: ActionContext) -> None:
    created = ctx.call("resource_create", {"package_id": "cong-khai", "url": "", "name": "x"})
    ctx.call("datastore_create", {"resource_id": created["id"], "fields": [{"id": "a"}],
                                  "force": True})  # fmt: skip
    with pytest.raises(ValidationFailed) as error:
        ctx.call("datastore_upsert", {"resource_id": created["id"], "records": [{"a": "1"}]})
    assert list(error.value.errors) == ["read-only"]
    ctx.call("datastore_upsert", {"resource_id": created["id"], "records": [{"a": "1"}],
                                  "method": "insert", "force": "true"})  # fmt: skip


def test_permissions(ctx: ActionContext) -> None:
    public = _new_table(ctx)
    private = _new_table(ctx, package="rieng")
    outsider = person(ctx, "nguoi-ngoai")
    editor = person(ctx, "bien-tap", org_id=ctx.org_id, role="editor")  # type: ignore[attr-defined]
    for caller in (anonymous(ctx), outsider):
        with pytest.raises(NotAuthorized):
            caller.call("datastore_upsert", {"resource_id": public, "records": [{"mã": 3}]})
        with pytest.raises(NotAuthorized):
            caller.call("datastore_delete", {"resource_id": public})
        with pytest.raises(NotAuthorized):
            caller.call("datastore_create", {"resource_id": public, "fields": [{"id": "x"}]})
        with pytest.raises(NotAuthorized):
            caller.call("datastore_info", {"resource_id": private})
        assert caller.call("datastore_info", {"resource_id": public})["meta"]["count"] == 2
    with pytest.raises(NotAuthorized):
        anonymous(ctx).call("datastore_create", {"resource": {"package_id": "cong-khai"}})
    editor.call("datastore_upsert", {"resource_id": private, "records": [{"mã": 3}]})
    assert editor.call("datastore_info", {"resource_id": private})["meta"]["count"] == 3
    assert _new_table(editor)


def test_parameter_errors(ctx: ActionContext) -> None:
    resource_id = _new_table(ctx)
    cases = [
        ("datastore_create", {}, {"resource_id": ["resource_id or resource required"]}),
        ("datastore_create", {"resource_id": resource_id, "resource": {}}, None),
        ("datastore_create", {"resource_id": resource_id, "fields": [{"id": "_x"}]}, None),
        ("datastore_create", {"resource_id": resource_id, "fields": [{"id": "a", "type": "x"}]},
         {"fields": ['"x" is not a valid field type']}),
        ("datastore_create", {"resource_id": resource_id, "bogus": 1}, None),
        ("datastore_create", {"resource_id": resource_id, "primary_key": ["không"]}, None),
        ("datastore_upsert", {}, {"resource_id": ["Missing value"]}),
        ("datastore_delete", {"resource_id": ""}, {"resource_id": ["Missing value"]}),
    ]  # fmt: skip
    for name, data, expected in cases:
        with pytest.raises(ValidationFailed) as error:
            ctx.call(name, data)
        if expected is not None:
            assert error.value.errors == expected
    with pytest.raises(NotFound):
        ctx.call("datastore_upsert", {"resource_id": "khong-co", "records": []})


HOSTILE = [None, "", " ", "\x00", "'; DROP TABLE x; --", '"', "_id", "a" * 5000, -1, 2**70,
           1.5, float("inf"), True, [], {}, [None], [{}], {"": ""}, {"_id": "x"},
           [{"_id": "x"}], [{"mã": {"a": [1]}}], ["mã"], {"mã": []}, {"mã": {"$gt": 1}},
           "Đất đai", [{"tên": "\ud800"}]]  # fmt: skip
PARAMS = {
    "datastore_create": ["resource_id", "fields", "records", "primary_key", "resource",
                         "delete_fields", "force", "indexes", "aliases", "triggers"],
    "datastore_upsert": ["resource_id", "records", "method", "force", "dry_run"],
    "datastore_delete": ["resource_id", "filters", "force"],
    "datastore_info": ["resource_id", "id"],
    "xloader_status": ["resource_id"],
    "xloader_submit": ["resource_id"],
}  # fmt: skip


def test_hostile_input_never_breaks_anything(ctx: ActionContext) -> None:
    resource_id = _new_table(ctx)
    for (name, params), value in itertools.product(PARAMS.items(), HOSTILE):
        for param in params:
            data = {"resource_id": resource_id, "force": True, param: value}
            try:
                ctx.call(name, data)
            except CatalogError:
                pass
    assert ctx.services.datastore.resource_ids() <= {resource_id}
    assert ctx.call("package_show", {"id": "cong-khai"})["num_resources"] >= 1

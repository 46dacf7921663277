"""Uploads inside a dataset's resources (package_create / _patch): the dataset and its files
are written in one transaction; a refused file leaves nothing behind."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

import pytest

from catalog.actions.registry import ActionContext
from catalog.errors import NotAuthorized, UploadTooLarge, ValidationFailed
from tests.support import builders
from tests.support.accounts import person

GOOD = "ma,ten\n01,Bắc Giang\n02,Lạng Giang\n".encode()
TESTDATA = Path(__file__).resolve().parents[3].parent / "shared" / "frictionless-testdata"
BAD = (TESTDATA / "invalid.csv").read_bytes()


class Upload:
    """What the web forms pass: an object with `file` and `filename` (like UploadFile)."""

    def __init__(self, content: bytes, filename: str) -> None:
        self.file = io.BytesIO(content)
        self.filename = filename


def staged_files(ctx: ActionContext) -> list[Path]:
    staging = ctx.services.storage.staging_dir
    return list(staging.iterdir()) if staging.exists() else []


def one_file(name: str, org: str) -> dict:
    return {"name": name, "owner_org": org, "resources": [{"upload": Upload(GOOD, "a.csv")}]}


@pytest.fixture
def org(sysadmin_context: ActionContext) -> str:
    builders.organization(sysadmin_context, "so-a")
    return "so-a"


def test_create_with_an_uploaded_resource(sysadmin_context, org):
    ctx = person(sysadmin_context, "bien-tap", org_id=org)
    created = ctx.call(
        "package_create",
        {"name": "don-vi", "title": "Đơn vị", "owner_org": org,
         "resources": [{"name": "Danh sách", "upload": Upload(GOOD, "Đơn vị.csv")}]},
    )  # fmt: skip
    (resource,) = created["resources"]
    assert resource["url_type"] == "upload" and resource["format"] == "CSV"
    assert resource["url"].endswith("/download/don-vi.csv")
    assert resource["size"] == len(GOOD) and resource["validation_status"] == "success"
    assert ctx.services.storage.path_for(resource["id"]).read_bytes() == GOOD
    report = ctx.call("resource_validation_show", {"resource_id": resource["id"]})
    assert report["status"] == "success"
    assert staged_files(ctx) == []


def test_an_invalid_file_is_kept_and_flagged(sysadmin_context, org):
    created = sysadmin_context.call(
        "package_create",
        {"name": "hong", "owner_org": org, "resources": [{"upload": Upload(BAD, "invalid.csv")}]},
    )
    (resource,) = created["resources"]
    assert resource["validation_status"] == "failure" and resource["name"] == "invalid.csv"


def test_block_mode_refuses_and_writes_nothing(sysadmin_context, org):
    ctx = sysadmin_context
    settings = ctx.services.settings
    ctx.services.settings = dataclasses.replace(settings, validation_mode="block")
    try:
        with pytest.raises(ValidationFailed) as refused:
            ctx.call(
                "package_create",
                {"name": "hong", "owner_org": org,
                 "resources": [{"url": "http://example.org/x"},
                               {"upload": Upload(BAD, "invalid.csv")}]},
            )  # fmt: skip
    finally:
        ctx.services.settings = settings
    errors = refused.value.errors["resources"]
    assert errors[0] == {} and "validation" in errors[1]
    assert ctx.call("package_search", {"q": "name:hong", "include_private": True})["count"] == 0
    assert staged_files(ctx) == []


def test_too_large_and_unauthorized_leave_nothing(sysadmin_context, org):
    ctx = sysadmin_context
    settings = ctx.services.settings
    ctx.services.settings = dataclasses.replace(settings, max_upload_mb=0)
    try:
        with pytest.raises(UploadTooLarge) as large:
            ctx.call("package_create", one_file("lon", org))
    finally:
        ctx.services.settings = settings
    assert "upload" in large.value.errors["resources"][0]
    outsider = person(ctx, "nguoi-ngoai")
    with pytest.raises(NotAuthorized):
        outsider.call("package_create", one_file("lon", org))
    assert staged_files(ctx) == []
    assert not any(p.is_file() for p in ctx.services.storage.root.rglob("*"))


def test_patch_replaces_one_file_and_keeps_the_others(sysadmin_context, org):
    ctx = sysadmin_context
    created = ctx.call(
        "package_create",
        {"name": "hai-tep", "owner_org": org,
         "resources": [{"upload": Upload(BAD, "a.csv")}, {"upload": Upload(GOOD, "b.csv")}]},
    )  # fmt: skip
    first, second = created["resources"]
    assert first["validation_status"] == "failure"
    resources = [dict(first, upload=Upload(GOOD, "a-sua.csv")), second]
    patched = ctx.call("package_patch", {"id": "hai-tep", "resources": resources})
    new_first, new_second = patched["resources"]
    assert new_first["id"] == first["id"] and new_first["validation_status"] == "success"
    assert new_first["url"].endswith("/a-sua.csv") and new_second == second
    assert ctx.services.storage.path_for(first["id"]).read_bytes() == GOOD
    report = ctx.call("resource_validation_show", {"resource_id": first["id"]})
    assert report["status"] == "success"

"""A page is written in one transaction: a record failing in the middle of it (here after
its rows were written) rolls back alone, the others are kept with their activity, search
entries and harvest objects."""

from __future__ import annotations

import uuid

from sqlalchemy import func, select
from starlette.responses import JSONResponse

from catalog.actions import package_import, package_writes
from catalog.db.models import Activity, Package, SearchDoc
from tests.support.harvest import fake_remote, harvest_ckan_catalog

SEARCH = "/api/3/action/package_search"


def _dataset(name: str) -> dict:
    return {"id": str(uuid.uuid5(uuid.NAMESPACE_URL, name)), "name": name,
            "title": f"Dữ liệu {name}", "tags": [{"name": "thử"}],
            "resources": [{"id": f"r-{name}", "url": f"https://x.vn/{name}.csv"}]}  # fmt: skip


def _remote(records: list[dict]):
    def handler(request):
        page = records if request.query_params.get("start") == "0" else []
        return JSONResponse({"success": True, "result": {"count": 3, "results": page}})

    return fake_remote({SEARCH: handler})


def test_a_record_failing_in_the_middle_of_a_page_fails_alone(services, local, monkeypatch):
    bulk = package_import.add_new_packages
    write_package = package_writes.write_package

    def bulk_fails_with_hong(session, items, **kwargs):
        if any(item["name"] == "hong" for item in items):
            raise RuntimeError("the bulk write failed")  # each is then created alone
        return bulk(session, items, **kwargs)

    def hong_fails_after_writing(context, session, data_dict, existing):
        written = write_package(context, session, data_dict, existing)
        if data_dict.get("name") == "hong":
            raise RuntimeError("the disk gave up")
        return written

    monkeypatch.setattr(package_import, "add_new_packages", bulk_fails_with_hong)
    monkeypatch.setattr(package_writes, "write_package", hong_fails_after_writing)
    with _remote([_dataset("dau"), _dataset("hong"), _dataset("cuoi")]) as base:
        summary = harvest_ckan_catalog(services, base)
    monkeypatch.undo()

    assert summary.counts["created"] == 2 and summary.counts["failed"] == 1
    found = local.call("package_search", {"q": "du lieu"})
    assert sorted(p["name"] for p in found["results"]) == ["cuoi", "dau"]
    with services.session() as session:
        assert session.execute(select(Package.name).where(Package.name == "hong")).all() == []
        docs = session.execute(select(func.count()).select_from(SearchDoc)).scalar_one()
        assert docs == 2
        activities = session.execute(
            select(func.count()).where(Activity.activity_type == "new package")
        ).scalar_one()
        assert activities == 2
    report = local.call("harvest_job_report", {"id": summary.job_id})["object_errors"]
    [error] = report.values()
    assert error["guid"] == _dataset("hong")["id"]
    assert "the disk gave up" in error["errors"][0]["message"]
    objects = local.call("harvest_object_list", {"source_id": "ckan-source"})
    assert len(objects) == 2  # current objects: the two datasets written

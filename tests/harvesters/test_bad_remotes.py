"""Remotes that time out or send garbage: every problem is recorded with the job (a gather
error for a page, an errored object for a record), the job finishes, and nothing is deleted
after a gather that did not read everything."""

from __future__ import annotations

import asyncio
import json
import uuid

from starlette.responses import JSONResponse, Response

from catalog.actions import build_registry
from harvesters.runner import run_source
from tests.support.harvest import fake_remote, harvest_ckan_catalog

SEARCH = "/api/3/action/package_search"


def _page(results) -> JSONResponse:
    return JSONResponse({"help": "", "success": True, "result": {"count": 5, "results": results}})


def _paged(first_page):
    def handler(request):
        return _page(first_page if request.query_params.get("start") == "0" else [])

    return handler


def _dataset(name: str, **fields) -> dict:
    return {"id": str(uuid.uuid5(uuid.NAMESPACE_URL, name)), "name": name, "title": name.title(),
            "metadata_modified": "2025-01-02T03:04:05.000001", **fields}  # fmt: skip


def test_a_remote_that_times_out(services, local):
    async def slow(request):
        await asyncio.sleep(3)
        return _page([])

    with fake_remote({SEARCH: slow}) as base:
        summary = harvest_ckan_catalog(services, base, config={"timeout": 0.5})
    assert summary.status == "Finished" and summary.total == 0
    assert len(summary.gather_errors) == 1 and "timeout" in summary.gather_errors[0]
    job = local.call("harvest_job_show", {"id": summary.job_id})
    assert job["stats"]["errored"] == 1 and not job["gather_complete"]
    assert "timeout" in job["gather_error_summary"][0]["message"]


def test_garbage_pages_are_gather_errors(services, local):
    answers = {
        "html": Response("<!doctype html><title>Bảo trì</title>", media_type="text/html"),
        "truncated": Response(
            '{"success": true, "result": {"results": [{"id": "a',
            status_code=200,
            media_type="application/json",
        ),  # fmt: skip
        "shape": JSONResponse({"success": True, "result": {"results": "không phải danh sách"}}),
        "refused": JSONResponse(
            {"success": False, "error": {"__type": "Search Query Error"}}, status_code=400
        ),  # fmt: skip
        "status": Response("Bad gateway", status_code=502),
    }
    for kind, answer in answers.items():
        with fake_remote({SEARCH: lambda request, answer=answer: answer}) as base:
            summary = harvest_ckan_catalog(services, base, name=f"src-{kind}")
        assert summary.status == "Finished", kind
        assert summary.total == 0 and len(summary.gather_errors) == 1, kind
        report = local.call("harvest_job_report", {"id": summary.job_id})
        assert report["gather_errors"][0]["message"] == summary.gather_errors[0]
    assert "not JSON" in local.call("harvest_job_report", {"id": summary.job_id})[
        "gather_errors"][0]["message"]  # fmt: skip


def test_bad_records_fail_alone(services, local):
    records = [
        _dataset("tot", resources=[{"id": "r1", "url": "https://x.vn/a.csv", "format": "CSV"}]),
        {"name": "khong-co-id", "title": "Không có id"},
        "không phải một dict",
        _dataset("the-sai", tags="a,b"),
        _dataset("kich-thuoc-sai", resources=[{"url": "https://x.vn/b.csv", "size": "lớn"}]),
        _dataset("Tên Sai!"),
        _dataset("tot-nua", author_email="không phải email"),
    ]
    with fake_remote({SEARCH: _paged(records)}) as base:
        summary = harvest_ckan_catalog(services, base)
    assert summary.status == "Finished" and not summary.gather_errors
    assert summary.counts["created"] == 1 and summary.counts["failed"] == 6
    report = local.call("harvest_job_report", {"id": summary.job_id})["object_errors"]
    messages = {e["guid"]: e["errors"][0]["message"] for e in report.values()}
    assert "tags is not a list" in messages[_dataset("the-sai")["id"]]
    assert "size" in messages[_dataset("kich-thuoc-sai")["id"]]
    assert "Invalid package" in messages[_dataset("Tên Sai!")["id"]]
    assert "author_email" in messages[_dataset("tot-nua")["id"]]
    assert sum("not a dataset" in m for m in messages.values()) == 2
    job = local.call("harvest_job_show", {"id": summary.job_id})
    assert not job["gather_complete"]  # records without an id: deletions are unsafe
    assert local.call("package_show", {"id": "tot"})["resources"][0]["url"] == "https://x.vn/a.csv"


def test_nothing_is_deleted_after_an_incomplete_gather(services, local):
    state = {"mode": "good"}
    good = [_dataset("mot"), _dataset("hai")]

    def handler(request):
        if state["mode"] == "html":
            return Response("<html>lỗi</html>", media_type="text/html")
        if state["mode"] == "no-id":
            return _page([{"name": "mot"}] if request.query_params.get("start") == "0" else [])
        if state["mode"] == "empty":
            return _page([])
        return _page(good if request.query_params.get("start") == "0" else [])

    with fake_remote({SEARCH: handler}) as base:
        assert harvest_ckan_catalog(services, base).counts["created"] == 2
        for mode in ("html", "no-id", "empty"):
            state["mode"] = mode
            summary = run_source(services, build_registry(), "ckan-source")
            assert summary.counts["deleted"] == 0, mode
            # changes since the last error-free job (the first), ids listed for deletions
            assert summary.run_type == "incremental", mode
            assert summary.gather_errors or summary.counts["failed"] == 1, mode
        found = local.call("package_search", {})["count"]
    assert found == 2
    assert summary.gather_errors == [f"No datasets found at {base}; nothing was deleted"]


def test_a_job_with_a_huge_page_of_duplicates_keeps_one(services, local):
    record = _dataset("trung")
    with fake_remote({SEARCH: _paged([record, record, json.loads(json.dumps(record))])}) as base:
        summary = harvest_ckan_catalog(services, base)
    assert summary.counts["created"] == 1 and summary.total == 1

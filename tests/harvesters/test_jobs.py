"""Jobs: an interrupted job is recovered (its dying batch left nothing) and its rerun is
safe; abort; harvest_job_create runs through the scheduler; the schedule of daily sources;
the server's scheduler thread."""

from __future__ import annotations

import dataclasses
import time
from datetime import timedelta

import httpx
import pytest
from sqlalchemy import update

from app.main import create_app
from catalog.actions import build_registry
from catalog.db.harvest import HarvestJob
from catalog.db.models import utcnow
from catalog.errors import ValidationFailed
from catalog.services.harvest import store
from harvesters import importer
from harvesters.runner import run_pending, run_source
from tests.support.accounts import token, user
from tests.support.harvest import ensure_organization, ensure_source
from tests.support.live_server import serve_app


class Killed(BaseException):
    """Stands for the process dying in the middle of a job."""


def _source(services, remote, **fields):
    ensure_organization(services, "harvested")
    return ensure_source(services, "nguon", remote.base_url, "ckan", owner_org="harvested",
                         config={"rows": 2}, **fields)  # fmt: skip


def test_an_interrupted_job_is_recovered_and_rerun_safely(services, local, remote, monkeypatch):
    _source(services, remote)
    pages = []
    create_packages = importer.create_packages

    def die_on_second_page(context, data_dicts):
        pages.append(create_packages(context, data_dicts))  # written, not committed yet
        if len(pages) == 2:
            raise Killed
        return pages[-1]

    monkeypatch.setattr(importer, "create_packages", die_on_second_page)
    with pytest.raises(Killed):
        run_source(services, build_registry(), "nguon")
    monkeypatch.undo()
    [job] = local.call("harvest_job_list", {"source_id": "nguon"})
    assert job["status"] == "Running"
    # the first page committed with its objects; nothing of the dying page's batch is left
    assert local.call("package_search", {})["count"] == 2
    assert len(local.call("harvest_object_list", {"source_id": "nguon"})) == 2
    with pytest.raises(ValidationFailed):  # a fresh heartbeat: it might still be alive
        run_source(services, build_registry(), "nguon")
    with services.session(write=True) as session:
        session.execute(update(HarvestJob).values(heartbeat=utcnow() - timedelta(hours=1)))

    summary = run_source(services, build_registry(), "nguon")
    assert summary.status == "Finished" and summary.run_type == "full"
    assert summary.counts["unchanged"] == 2  # the first page was recorded
    assert summary.counts["created"] == 5 and summary.counts["failed"] == 0
    assert summary.counts["updated"] == 0
    found = local.call("package_search", {"rows": 100})
    assert found["count"] == 7 and len({p["name"] for p in found["results"]}) == 7
    old = local.call("harvest_job_show", {"id": job["id"]})
    assert old["status"] == "Aborted"
    assert "stale heartbeat" in old["gather_error_summary"][0]["message"]
    current = local.call("harvest_object_list", {"source_id": "nguon"})
    assert len(current) == 7  # one current object per dataset


def test_abort_stops_a_running_job(services, local, remote):
    _source(services, remote)

    def abort_early(source, tally, state):
        if tally.total == 1:
            local.call("harvest_job_abort", {"source_id": "nguon"})

    summary = run_source(services, build_registry(), "nguon", abort_early)
    assert summary.status == "Aborted" and summary.total == 2  # the page in hand ends
    assert local.call("package_search", {})["count"] == 2
    job = local.call("harvest_job_show", {"id": summary.job_id})
    assert job["status"] == "Aborted" and job["finished"]


def test_job_create_then_the_scheduler_runs_it(services, local, remote):
    _source(services, remote)
    job = local.call("harvest_job_create", {"source_id": "nguon"})
    assert job["status"] == "New"
    with pytest.raises(ValidationFailed) as caught:
        local.call("harvest_job_create", {"source_id": "nguon"})
    assert caught.value.errors == {"source_id": ["There already is an unrun job for this source"]}
    [summary] = run_pending(services, build_registry())
    assert summary.job_id == job["id"] and summary.counts["created"] == 7
    assert run_pending(services, build_registry()) == []  # manual sources are not scheduled
    local.call("harvest_source_update", {"id": "nguon", "active": False})
    with pytest.raises(ValidationFailed):
        local.call("harvest_job_create", {"source_id": "nguon"})


def test_daily_sources_run_when_due(services, local, remote):
    _source(services, remote, frequency="daily")
    [first] = run_pending(services, build_registry())
    assert first.counts["created"] == 7
    assert run_pending(services, build_registry()) == []  # not due again today
    source = local.call("harvest_source_show", {"id": "nguon"})
    assert source["frequency"] == "DAILY"
    with services.session() as session:
        due = store.due_sources(session, utcnow() + timedelta(days=1, minutes=1))
    assert [s.name for s in due] == ["nguon"]


def test_the_server_runs_jobs_created_over_the_api(services, local, remote):
    _source(services, remote)
    admin = token(local, user(local, "quan-tri", sysadmin=True))
    settings = dataclasses.replace(services.settings, harvest_scheduler=True,
                                   harvest_poll_seconds=0.2)  # fmt: skip
    app = create_app(settings, services)
    with serve_app(app, lifespan="on") as base_url:
        api = f"{base_url}/api/3/action"
        auth = {"Authorization": admin}
        reply = httpx.post(f"{api}/harvest_job_create", json={"source_id": "nguon"}, headers=auth)
        assert reply.status_code == 200, reply.text
        job_id = reply.json()["result"]["id"]
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            job = httpx.get(f"{api}/harvest_job_show", params={"id": job_id}, headers=auth).json()
            if job["result"]["status"] == "Finished":
                break
            time.sleep(0.2)
    assert job["result"]["status"] == "Finished"
    assert job["result"]["stats"]["added"] == 7

"""Harvest sources, jobs and objects as dicts, in ckanext-harvest's shapes."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from catalog.db.harvest import HarvestGatherError, HarvestJob, HarvestObject, HarvestSource
from catalog.db.models import Group
from catalog.services.dictization import iso
from catalog.services.harvest import store
from catalog.services.harvest.sources import parse_config

SECRET_KEYS = ("api_key",)


def source_dict(session: Session, source: HarvestSource, *, show_secrets: bool) -> dict:
    """The source; `config` loses its api_key for callers who may not manage it."""
    config = source.config
    if not show_secrets and config:
        parsed = parse_config(config)
        for key in SECRET_KEYS:
            if key in parsed:
                parsed[key] = "***"
        config = _dumps(parsed)
    organization = session.get(Group, source.owner_org) if source.owner_org else None
    jobs = session.execute(
        select(func.count()).where(HarvestJob.source_id == source.id)
    ).scalar_one()
    last = session.execute(
        select(HarvestJob)
        .where(HarvestJob.source_id == source.id)
        .order_by(HarvestJob.created.desc())
        .limit(1)
    ).scalar_one_or_none()
    datasets = store.count_harvested(session, source.id)
    return {
        "id": source.id,
        "name": source.name,
        "title": source.title,
        "url": source.url,
        "source_type": source.source_type,
        "type": "harvest",
        "frequency": source.frequency,
        "config": config,
        "owner_org": source.owner_org,
        "organization": {
            "id": organization.id,
            "name": organization.name,
            "title": organization.title,
        }
        if organization
        else None,  # fmt: skip
        "active": source.active,
        "state": "active" if source.active else "inactive",
        "created": iso(source.created),
        "next_run": iso(source.next_run),
        "status": {
            "job_count": jobs,
            "total_datasets": datasets,
            "last_job": job_dict(session, last) if last else None,
            "next_harvest": "Scheduled"
            if last is not None and last.status == "New"
            else "Not yet scheduled",
        },
    }


def _dumps(value: dict[str, Any]) -> str:
    return json.dumps(value, ensure_ascii=False)


def job_dict(session: Session, job: HarvestJob, *, error_summary: bool = True) -> dict:
    out: dict[str, Any] = {
        "id": job.id,
        "source_id": job.source_id,
        "status": job.status,
        "run_type": job.run_type,
        "created": iso(job.created),
        "gather_started": iso(job.gather_started),
        "gather_finished": iso(job.gather_finished),
        "finished": iso(job.finished),
        "gather_complete": job.gather_complete,
        "stats": store.job_stats(session, job.id),
    }
    if error_summary:
        out["gather_error_summary"] = [
            {"message": message, "error_count": count}
            for message, count in session.execute(
                select(HarvestGatherError.message, func.count())
                .where(HarvestGatherError.job_id == job.id)
                .group_by(HarvestGatherError.message)
                .order_by(func.count().desc())
                .limit(20)
            ).all()
        ]
        out["object_error_summary"] = [
            {"message": message, "error_count": count}
            for message, count in session.execute(
                select(HarvestObject.message, func.count())
                .where(HarvestObject.job_id == job.id, HarvestObject.state == "ERROR")
                .group_by(HarvestObject.message)
                .order_by(func.count().desc())
                .limit(20)
            ).all()
        ]
    return out


def object_dict(obj: HarvestObject) -> dict[str, Any]:
    return {
        "id": obj.id,
        "guid": obj.guid,
        "harvest_job_id": obj.job_id,
        "harvest_source_id": obj.source_id,
        "package_id": obj.package_id,
        "current": obj.current,
        "state": obj.state,
        "report_status": obj.report_status,
        "metadata_modified_date": obj.remote_modified,
        "remote_url": obj.remote_url,
        "gathered": iso(obj.gathered),
        "import_finished": iso(obj.import_finished),
        "errors": [{"message": obj.message, "stage": obj.stage}] if obj.state == "ERROR" else [],
        "message": obj.message,
    }

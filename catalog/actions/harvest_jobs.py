"""Harvest job and object actions, named and shaped as ckanext-harvest's (sysadmins only):
harvest_job_create (a New job; the server's harvest scheduler or `opendata harvest run`
runs it), harvest_job_list, harvest_job_show, harvest_job_report, harvest_job_abort,
harvest_object_list, harvest_object_show.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from catalog.actions.auth import authorize
from catalog.actions.common import utcnow
from catalog.actions.harvest_sources import _source
from catalog.actions.params import Params
from catalog.actions.registry import ActionContext, action
from catalog.db.harvest import HarvestGatherError, HarvestJob, HarvestObject
from catalog.errors import NotFound, ValidationFailed
from catalog.services.harvest import store
from catalog.services.harvest.dictize import job_dict, object_dict


def _job(session: Any, reference: Any) -> HarvestJob:
    if reference in (None, ""):
        raise ValidationFailed({"id": ["Missing value"]})
    job = session.get(HarvestJob, str(reference))
    if job is None:
        raise NotFound("Harvest job not found")
    return job


@action()
def harvest_job_create(context: ActionContext, data_dict: dict[str, Any]) -> dict:
    """Create a job (status New) for a harvest source; the harvest scheduler of the server
    runs it within a minute (or `opendata harvest run SOURCE` now).

    :param source_id: the source's id or name
    """
    with context.services.session(write=True) as session:
        authorize(context, session, "harvest_job_create")
        source = _source(session, data_dict.get("source_id") or data_dict.get("id"))
        if not source.active:
            raise ValidationFailed({"source_id": ["Can not create jobs on inactive sources"]})
        store.recover_stale_jobs(session, utcnow())
        if store.open_job(session, source.id) is not None:
            raise ValidationFailed({"source_id": ["There already is an unrun job for this source"]})
        job = HarvestJob(source_id=source.id, created=utcnow())
        session.add(job)
        session.flush()
        return job_dict(session, job)


@action(side_effect_free=True)
def harvest_job_list(context: ActionContext, data_dict: dict[str, Any]) -> list[dict]:
    """Return jobs, newest first, with their stats.

    :param source_id: only this source's (id or name); :param status: New, Running,
        Finished or Aborted; :param limit: at most this many (default 100)
    """
    params = Params(data_dict)
    limit = params.natural("limit", 100)
    params.check()
    with context.services.session() as session:
        authorize(context, session, "harvest_job_show")
        query = select(HarvestJob).order_by(HarvestJob.created.desc())
        if data_dict.get("source_id"):
            query = query.where(HarvestJob.source_id == _source(session, data_dict["source_id"]).id)
        if data_dict.get("status"):
            query = query.where(HarvestJob.status == str(data_dict["status"]))
        jobs = session.execute(query.limit(limit)).scalars()
        return [job_dict(session, job, error_summary=False) for job in jobs]


@action(side_effect_free=True)
def harvest_job_show(context: ActionContext, data_dict: dict[str, Any]) -> dict:
    """Return a job with its stats (added, updated, not modified, errored, deleted) and a
    summary of its errors.

    :param id: the job id
    """
    with context.services.session() as session:
        authorize(context, session, "harvest_job_show")
        return job_dict(session, _job(session, data_dict.get("id")))


@action(side_effect_free=True)
def harvest_job_report(context: ActionContext, data_dict: dict[str, Any]) -> dict:
    """Return every error of a job: `gather_errors` and `object_errors` by object id.

    :param id: the job id
    """
    with context.services.session() as session:
        authorize(context, session, "harvest_job_show")
        job = _job(session, data_dict.get("id"))
        gather = session.execute(
            select(HarvestGatherError.message)
            .where(HarvestGatherError.job_id == job.id)
            .order_by(HarvestGatherError.created)
        ).scalars()
        objects = session.execute(
            select(HarvestObject)
            .where(HarvestObject.job_id == job.id, HarvestObject.state == "ERROR")
            .order_by(HarvestObject.gathered)
        ).scalars()
        return {
            "gather_errors": [{"message": message} for message in gather],
            "object_errors": {
                obj.id: {
                    "guid": obj.guid,
                    "original_url": obj.remote_url,
                    "errors": [{"message": obj.message, "type": obj.stage}],
                }
                for obj in objects
            },
        }


@action()
def harvest_job_abort(context: ActionContext, data_dict: dict[str, Any]) -> dict:
    """Abort a New or Running job: it is marked Aborted and its runner stops at the next
    record. Given a source, its newest job is aborted.

    :param id: the job id, or a source id or name; :param source_id: a source id or name
    """
    with context.services.session(write=True) as session:
        authorize(context, session, "harvest_job_abort")
        reference = data_dict.get("source_id") or data_dict.get("id")
        job = session.get(HarvestJob, str(reference)) if reference else None
        if job is None:
            source = _source(session, reference)
            job = session.execute(
                select(HarvestJob)
                .where(HarvestJob.source_id == source.id)
                .order_by(HarvestJob.created.desc())
                .limit(1)
            ).scalar_one_or_none()
            if job is None:
                raise NotFound("Error: source has no jobs")
        if job.status in store.OPEN_STATUSES:
            store.abort_job(session, job.id, utcnow(), "by harvest_job_abort")
            session.flush()
            session.refresh(job)
        return job_dict(session, job)


@action(side_effect_free=True)
def harvest_object_list(context: ActionContext, data_dict: dict[str, Any]) -> list:
    """Return harvest object ids (or, with all_fields, the objects), oldest first.

    :param source_id: a source id or name; :param job_id: a job id
    :param only_current: only the current object of each record (default true without
        job_id); :param report_status: added, updated, not modified, errored or deleted
    :param all_fields: return the objects, not their ids; :param limit (1000), offset
    """
    params = Params(data_dict)
    limit = params.natural("limit", 1000)
    offset = params.natural("offset", 0)
    only_current = params.boolean("only_current", not data_dict.get("job_id"))
    all_fields = params.boolean("all_fields")
    params.check()
    with context.services.session() as session:
        authorize(context, session, "harvest_job_show")
        query = select(HarvestObject).order_by(HarvestObject.gathered, HarvestObject.id)
        if data_dict.get("source_id"):
            source = _source(session, data_dict["source_id"])
            query = query.where(HarvestObject.source_id == source.id)
        if data_dict.get("job_id"):
            query = query.where(HarvestObject.job_id == str(data_dict["job_id"]))
        if only_current:
            query = query.where(HarvestObject.current.is_(True))
        if data_dict.get("report_status"):
            query = query.where(HarvestObject.report_status == str(data_dict["report_status"]))
        rows = session.execute(query.offset(offset).limit(limit)).scalars()
        return [object_dict(obj) if all_fields else obj.id for obj in rows]


@action(side_effect_free=True)
def harvest_object_show(context: ActionContext, data_dict: dict[str, Any]) -> dict:
    """Return a harvest object: by `id`, or the current one of a dataset (`dataset_id`).

    :param id: the object id; :param dataset_id: a harvested dataset's id
    """
    with context.services.session() as session:
        authorize(context, session, "harvest_job_show")
        if data_dict.get("id"):
            obj = session.get(HarvestObject, str(data_dict["id"]))
        elif data_dict.get("dataset_id"):
            obj = session.execute(
                select(HarvestObject)
                .where(
                    HarvestObject.package_id == str(data_dict["dataset_id"]),
                    HarvestObject.current.is_(True),
                )
                .limit(1)
            ).scalar_one_or_none()
        else:
            raise ValidationFailed({"id": ['Please provide either an "id" or a "dataset_id"']})
        if obj is None:
            raise NotFound("Harvest object not found")
        return object_dict(obj)

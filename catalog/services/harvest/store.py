"""Reading and writing harvest sources, jobs and objects (session-level functions).

A job is claimed atomically (New -> Running), sends a heartbeat while it runs, and ends
Finished (or Aborted). A Running job whose heartbeat is older than the stale limit belongs
to a runner that died; `recover_stale_jobs` marks it Aborted so the source can run again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, delete, exists, func, or_, select, update
from sqlalchemy.orm import Session

from catalog.db.harvest import HarvestGatherError, HarvestJob, HarvestObject, HarvestSource
from catalog.db.models import Package, PackageExtra

OPEN_STATUSES = ("New", "Running")
STALE_AFTER = timedelta(minutes=10)


def find_source(session: Session, reference: str) -> HarvestSource | None:
    """By id, else by name, else by URL."""
    for column in (HarvestSource.id, HarvestSource.name, HarvestSource.url):
        row = session.execute(
            select(HarvestSource).where(column == reference).limit(1)
        ).scalar_one_or_none()
        if row is not None:
            return row
    return None


def list_sources(session: Session, *, only_active: bool = False) -> list[HarvestSource]:
    query = select(HarvestSource).order_by(HarvestSource.created.desc(), HarvestSource.name)
    if only_active:
        query = query.where(HarvestSource.active.is_(True))
    return list(session.execute(query).scalars())


def due_sources(session: Session, now: datetime) -> list[HarvestSource]:
    """Active scheduled sources whose next run has come (or was never set)."""
    return list(
        session.execute(
            select(HarvestSource).where(
                HarvestSource.active.is_(True),
                HarvestSource.frequency != "MANUAL",
                or_(HarvestSource.next_run.is_(None), HarvestSource.next_run <= now),
            )
        ).scalars()
    )


def open_job(session: Session, source_id: str) -> HarvestJob | None:
    return session.execute(
        select(HarvestJob)
        .where(HarvestJob.source_id == source_id, HarvestJob.status.in_(OPEN_STATUSES))
        .order_by(HarvestJob.created.desc())
        .limit(1)
    ).scalar_one_or_none()


def recover_stale_jobs(
    session: Session, now: datetime, stale_after: timedelta = STALE_AFTER
) -> list[str]:
    """Mark Running jobs without a recent heartbeat Aborted; returns their ids."""
    limit = now - stale_after
    stale = list(
        session.execute(
            select(HarvestJob.id).where(
                HarvestJob.status == "Running",
                or_(HarvestJob.heartbeat.is_(None), HarvestJob.heartbeat < limit),
            )
        ).scalars()
    )
    for job_id in stale:
        abort_job(session, job_id, now, "the job stopped without finishing (stale heartbeat)")
    return stale


def abort_job(session: Session, job_id: str, now: datetime, reason: str) -> None:
    session.execute(
        update(HarvestJob)
        .where(HarvestJob.id == job_id, HarvestJob.status.in_(OPEN_STATUSES))
        .values(status="Aborted", finished=now)
    )
    add_gather_error(session, job_id, f"Aborted: {reason}", now)


def claim_job(session: Session, job_id: str, now: datetime) -> bool:
    """New -> Running, atomically; False when another runner got it first."""
    result = session.execute(
        update(HarvestJob)
        .where(HarvestJob.id == job_id, HarvestJob.status == "New")
        .values(status="Running", gather_started=now, heartbeat=now)
    )
    return result.rowcount == 1


def pending_jobs(session: Session) -> list[HarvestJob]:
    return list(
        session.execute(
            select(HarvestJob).where(HarvestJob.status == "New").order_by(HarvestJob.created)
        ).scalars()
    )


def beat(session: Session, job_id: str, now: datetime) -> str | None:
    """Record that the job is alive; returns its status (Aborted means: stop)."""
    session.execute(update(HarvestJob).where(HarvestJob.id == job_id).values(heartbeat=now))
    return session.execute(
        select(HarvestJob.status).where(HarvestJob.id == job_id)
    ).scalar_one_or_none()


def add_gather_error(session: Session, job_id: str, message: str, now: datetime) -> None:
    session.add(HarvestGatherError(job_id=job_id, message=message[:4000], created=now))


def finish_job(
    session: Session, job_id: str, now: datetime, *, run_type: str, complete: bool
) -> None:
    session.execute(
        update(HarvestJob)
        .where(HarvestJob.id == job_id, HarvestJob.status == "Running")
        .values(
            status="Finished",
            finished=now,
            gather_finished=now,
            run_type=run_type,
            gather_complete=complete,
        )
    )


def last_error_free_job(session: Session, source_id: str, job_id: str) -> HarvestJob | None:
    """The newest finished job of the source that read everything and had no error at all
    (ckanext-harvest's rule for harvesting only what changed since)."""
    has_gather_error = exists().where(HarvestGatherError.job_id == HarvestJob.id)
    has_object_error = exists().where(
        HarvestObject.job_id == HarvestJob.id, HarvestObject.state == "ERROR"
    )
    return session.execute(
        select(HarvestJob)
        .where(
            HarvestJob.source_id == source_id,
            HarvestJob.id != job_id,
            HarvestJob.status == "Finished",
            HarvestJob.gather_complete.is_(True),
            HarvestJob.gather_started.is_not(None),
            ~has_gather_error,
            ~has_object_error,
        )
        .order_by(HarvestJob.gather_started.desc())
        .limit(1)
    ).scalar_one_or_none()


@dataclass(frozen=True)
class CurrentObject:
    object_id: str
    package_id: str | None
    content_hash: str | None


def current_objects(session: Session, source_id: str) -> dict[str, CurrentObject]:
    """guid -> the current object (the last successful import) of each harvested record."""
    rows = session.execute(
        select(
            HarvestObject.guid,
            HarvestObject.id,
            HarvestObject.package_id,
            HarvestObject.content_hash,
        ).where(HarvestObject.source_id == source_id, HarvestObject.current.is_(True))
    ).all()
    return {guid: CurrentObject(oid, pid, digest) for guid, oid, pid, digest in rows}


@dataclass(frozen=True)
class LocalPackage:
    name: str
    state: str
    harvest_source_id: str | None  # None: not (or no longer) harvested: a local dataset


def local_packages(session: Session, package_ids: list[str]) -> dict[str, LocalPackage]:
    """The local state of these datasets and the source that harvested each, if any."""
    if not package_ids:
        return {}
    rows = session.execute(
        select(Package.id, Package.name, Package.state, PackageExtra.value)
        .outerjoin(
            PackageExtra,
            and_(PackageExtra.package_id == Package.id, PackageExtra.key == "harvest_source_id"),
        )
        .where(Package.id.in_(package_ids))
    ).all()
    return {pid: LocalPackage(name, state, source) for pid, name, state, source in rows}


def harvested_package_ids(session: Session, source_id: str) -> list[str]:
    """Datasets (not purged) that still carry this source's harvest extras."""
    return list(
        session.execute(
            select(PackageExtra.package_id).where(
                PackageExtra.key == "harvest_source_id", PackageExtra.value == source_id
            )
        ).scalars()
    )


def count_harvested(session: Session, source_id: str) -> int:
    """Active datasets of this source (ckanext-harvest's total_datasets)."""
    return session.execute(
        select(func.count())
        .select_from(PackageExtra)
        .join(Package, Package.id == PackageExtra.package_id)
        .where(
            PackageExtra.key == "harvest_source_id",
            PackageExtra.value == source_id,
            Package.state == "active",
        )
    ).scalar_one()


def record_objects(session: Session, rows: list[dict[str, Any]]) -> None:
    """Insert objects; an object made current takes that status from older ones of its guid."""
    if not rows:
        return
    by_source: dict[str, list[str]] = {}
    for row in rows:
        if row.get("current"):
            by_source.setdefault(row["source_id"], []).append(row["guid"])
    for source_id, guids in by_source.items():
        session.execute(
            update(HarvestObject)
            .where(
                HarvestObject.source_id == source_id,
                HarvestObject.guid.in_(guids),
                HarvestObject.current.is_(True),
            )
            .values(current=False)
        )
    session.execute(HarvestObject.__table__.insert(), rows)


def uncurrent_guid(session: Session, source_id: str, guid: str) -> None:
    """The record is gone at the source: none of its objects is current any more."""
    session.execute(
        update(HarvestObject)
        .where(
            HarvestObject.source_id == source_id,
            HarvestObject.guid == guid,
            HarvestObject.current.is_(True),
        )
        .values(current=False)
    )


def uncurrent_package(session: Session, package_id: str) -> None:
    """The dataset is no longer harvested (detached): its objects stop being current."""
    session.execute(
        update(HarvestObject)
        .where(HarvestObject.package_id == package_id, HarvestObject.current.is_(True))
        .values(current=False)
    )


def job_stats(session: Session, job_id: str) -> dict[str, int]:
    stats = {"added": 0, "updated": 0, "not modified": 0, "errored": 0, "deleted": 0}
    for status, count in session.execute(
        select(HarvestObject.report_status, func.count())
        .where(HarvestObject.job_id == job_id)
        .group_by(HarvestObject.report_status)
    ).all():
        stats[status] = count
    gather_errors = session.execute(
        select(func.count()).where(HarvestGatherError.job_id == job_id)
    ).scalar_one()
    stats["errored"] += gather_errors
    return stats


def delete_source(session: Session, source: HarvestSource) -> None:
    job_ids = select(HarvestJob.id).where(HarvestJob.source_id == source.id)
    session.execute(delete(HarvestObject).where(HarvestObject.source_id == source.id))
    session.execute(delete(HarvestGatherError).where(HarvestGatherError.job_id.in_(job_ids)))
    session.execute(delete(HarvestJob).where(HarvestJob.source_id == source.id))
    session.delete(source)

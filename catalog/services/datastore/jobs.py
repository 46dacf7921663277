"""Background DataStore loads: a queue and one worker thread per Services, started lazily.

A load reads the resource's uploaded file, or for a link the copy of its file kept when it
passed validation (checked against the size and sha256 in the report: exactly the bytes that
were validated, never the URL again). Writes that change a resource's data call `mark_load` /
`mark_drop` inside their session; `Services.session` hands the marks to
`DatastoreJobs.submit` once the transaction has committed. A load's state (pending, running,
indexing, complete, error) is the resource's row in `datastore_jobs`, written as the job
moves on (a first load is `indexing` once its rows are live, until its search indexes are
built); a failed load leaves the previous table in place and records why. One worker does
the jobs one at a time, so the loads and drops of a resource never overlap; `wait_idle()`
lets tests and the CLI wait for the queue to drain. Dropping a deleted resource's table also
deletes its link copy.
"""

from __future__ import annotations

import logging
import queue
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from catalog.db.datastore_models import DatastoreJob
from catalog.db.models import Package, Resource, ResourceValidation, utcnow
from catalog.services.datastore.indexes import create_search_indexes, make_all_visible
from catalog.services.datastore.loader import LoadError, LoadPlan, load_file
from catalog.services.datastore.store import DatastoreStore, Indexer
from catalog.services.storage import file_sha256

if TYPE_CHECKING:
    from catalog.services.runtime import Services

log = logging.getLogger(__name__)
MARKS = "datastore_marks"
MAX_ERROR = 2000


def mark_load(session: Session, resource_id: str, *, submit: bool = True) -> None:
    """Queue a load of the resource's file once this session commits (state: pending).

    `submit=False`: only record the pending job; the caller submits it when the file is in
    place (an upload is moved into storage after the commit)."""
    now = utcnow()
    job = session.get(DatastoreJob, resource_id)
    if job is None:
        job = DatastoreJob(resource_id=resource_id, job_id="", status="pending")
        session.add(job)
    job.job_id, job.status, job.source = str(uuid.uuid4()), "pending", "file"
    job.created = job.last_updated = now
    job.started = job.finished = job.error = None
    if submit:
        session.info.setdefault(MARKS, {})[resource_id] = "load"


def mark_drop(session: Session, resource_id: str) -> None:
    """Drop the resource's DataStore table once this session commits."""
    session.info.setdefault(MARKS, {})[resource_id] = "drop"


def set_active(session: Session, resource_id: str, active: bool, *, rows: int | None = None,
               source: str = "api") -> bool:  # fmt: skip
    """Record that the resource's table was created (or dropped) by a steward action.
    Returns whether datastore_active changed (the package needs reindexing then)."""
    job = session.get(DatastoreJob, resource_id)
    now = utcnow()
    if job is None:
        if not active:
            return False
        job = DatastoreJob(resource_id=resource_id, job_id=str(uuid.uuid4()), status="complete",
                           source=source, created=now, started=now, finished=now)  # fmt: skip
        session.add(job)
        changed = True
    else:
        changed = job.active != active
    job.active, job.last_updated = active, now
    if rows is not None:
        job.rows = rows
    return changed


def take_marks(session: Session) -> dict[str, str]:
    return session.info.pop(MARKS, None) or {}


@dataclass(frozen=True)
class _Task:
    resource_id: str
    kind: str  # "load" | "drop" | "index"


class DatastoreJobs:
    """The load queue of one Services."""

    def __init__(self, services: Services) -> None:
        self.services = services
        self._queue: queue.Queue[_Task | None] = queue.Queue()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._idle = threading.Condition(self._lock)
        self._pending = 0
        self._stopped = False

    # ------------------------------------------------------------------ queue

    def submit(self, marks: dict[str, str]) -> None:
        with self._lock:
            if self._stopped:
                return
            self._pending += len(marks)
            self._start_locked()
        for resource_id, kind in marks.items():
            self._queue.put(_Task(resource_id, kind))

    def resume(self) -> int:
        """Queue again the loads a stopped process left pending or running, and drop tables
        whose resource is gone. Returns how many jobs were queued."""
        with self.services.session() as session:
            waiting = session.execute(
                select(DatastoreJob.resource_id).where(
                    DatastoreJob.status.in_(("pending", "running", "indexing"))
                )
            ).scalars()
            marks = {resource_id: "load" for resource_id in waiting}
            active = set(
                session.execute(select(Resource.id).where(Resource.state == "active")).scalars()
            )
        for resource_id in self.services.datastore.resource_ids() - active:
            marks.setdefault(resource_id, "drop")
        for resource_id in self.services.datastore.unindexed():
            marks.setdefault(resource_id, "index")
        if marks:
            self.submit(marks)
        return len(marks)

    def summary(self) -> str:
        """A line counting the DataStore jobs by state."""
        from sqlalchemy import func

        with self.services.session() as session:
            counts = dict(
                session.execute(
                    select(DatastoreJob.status, func.count()).group_by(DatastoreJob.status)
                ).all()
            )
        states = ", ".join(f"{counts.get(s, 0)} {s}" for s in ("complete", "error", "pending"))
        return f"datastore: {states}"

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Block until every submitted job has finished; False on timeout."""
        with self._idle:
            return self._idle.wait_for(lambda: self._pending == 0, timeout=timeout)

    def stop(self, timeout: float = 30.0) -> None:
        with self._lock:
            self._stopped = True
            thread = self._thread
        if thread is not None:
            self._queue.put(None)
            thread.join(timeout=timeout)

    def _start_locked(self) -> None:
        if self._thread is None or not self._thread.is_alive():
            self._thread = threading.Thread(target=self._run, name="datastore-loader", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        while True:
            task = self._queue.get()
            if task is None:
                return
            try:
                if not self._stopped:
                    self.run_task(task.resource_id, task.kind)
            except Exception:  # the worker must survive anything one job does
                log.exception("DataStore job for %s failed", task.resource_id)
            finally:
                with self._idle:
                    self._pending -= 1
                    self._idle.notify_all()

    # ------------------------------------------------------------------ jobs

    def run_task(self, resource_id: str, kind: str) -> None:
        """Do one job now, in this thread (the worker calls it; tests may too)."""
        with self.services.session() as session:
            resource = session.get(Resource, resource_id)
            alive = resource is not None and resource.state == "active"
        if kind == "drop" or not alive:
            if not alive:
                self._drop(resource_id)
            return
        if kind == "index":
            index_table(self.services.datastore, resource_id)
            return
        self._load(resource_id)

    def _drop(self, resource_id: str) -> None:
        self.services.datastore.drop_table(resource_id)
        self.services.storage.delete_link_copy(resource_id)  # a link's validated file
        with self.services.session(write=True) as session:
            job = session.get(DatastoreJob, resource_id)
            if job is not None:
                session.delete(job)

    def _load(self, resource_id: str) -> None:
        job_id = self._set_state(resource_id, "running", started=utcnow())
        if job_id is None:  # no pending job (already done, or the resource went away)
            return
        store = self.services.datastore
        try:
            plan = self._plan(resource_id)
            info = load_file(store, resource_id, plan, indexer=search_indexer(store),
                             defer_indexes=True)  # fmt: skip
        except LoadError as error:
            self._set_state(resource_id, "error", job_id=job_id, error=str(error))
            return
        except Exception as error:
            log.exception("DataStore load of %s failed", resource_id)
            message = f"The rows could not be stored: {_short(error)}"
            self._set_state(resource_id, "error", job_id=job_id, error=message)
            return
        if not info.indexed:  # a first load: live now, indexes next (status "indexing")
            self._set_state(resource_id, "indexing", job_id=job_id, rows=info.count, active=True)
            index_table(store, resource_id)
        else:
            make_all_visible(store.engine, info)
        self._set_state(resource_id, "complete", job_id=job_id, rows=info.count, active=True)

    def _plan(self, resource_id: str) -> LoadPlan:
        with self.services.session() as session:
            resource = session.get(Resource, resource_id)
            validation = session.get(ResourceValidation, resource_id)
            if resource is None:
                raise LoadError("The resource was deleted")
            if validation is None or validation.status != "success":
                status = validation.status if validation else "missing"
                raise LoadError(
                    f"Only files that pass validation are loaded (validation: {status})"
                )
            report = dict(validation.report or {})
            schema = (resource.extras or {}).get("schema")
        if report.get("schemaSource") == "inferred" and report.get("schema"):
            schema = report["schema"]  # the file was validated by this one
        if isinstance(schema, str):
            import json

            try:
                schema = json.loads(schema)
            except ValueError:
                schema = None
        source = report.get("source") or {}
        if resource.url_type == "upload" and not source.get("url"):
            path = self.services.storage.path_for(resource_id)
            if not path.is_file():
                raise LoadError("The uploaded file is missing")
        else:
            path = self._link_copy(resource_id, resource.url, source)
        plan = LoadPlan.from_report(path, report, schema)
        plan.workdir = self.services.storage.staging_dir
        plan.workdir.mkdir(parents=True, exist_ok=True)
        return plan

    def _link_copy(self, resource_id: str, url: str | None, source: dict[str, Any]) -> Path:
        """The link's file as it was validated: the copy kept then, checked against the size
        and sha256 the validation recorded (the URL is never fetched again here)."""
        path = self.services.storage.link_copy_path(resource_id)
        again = "validate the link again (resource_validation_run)"
        if not source.get("url") or not path.is_file():
            raise LoadError(f"No validated copy of the linked file is kept: {again}")
        if str(source["url"]).strip() != (url or "").strip():
            raise LoadError(f"The link changed after its validation: {again}")
        if path.stat().st_size != source.get("bytes") or file_sha256(path) != source.get("sha256"):
            raise LoadError(f"The copy of the linked file is not the validated one: {again}")
        return path

    def _set_state(self, resource_id: str, status: str, *, job_id: str | None = None,
                   **values: Any) -> str | None:  # fmt: skip
        """Move the job on (only the job `job_id`, when given: a newer submission wins)."""
        from catalog.services.packages import reindex

        services = self.services
        with services.session(write=True) as session:
            job = session.get(DatastoreJob, resource_id)
            if job is None or (job_id is not None and job.job_id != job_id):
                return None
            if job_id is None and job.status != "pending":
                return None
            now = utcnow()
            job.status, job.last_updated = status, now
            if status in ("complete", "error"):
                job.finished = now
            if "error" in values:
                job.error = str(values.pop("error"))[:MAX_ERROR]
            was_active = job.active
            for key, value in values.items():
                setattr(job, key, value)
            if job.active != was_active:
                resource = session.get(Resource, resource_id)
                package = session.get(Package, resource.package_id) if resource else None
                if package is not None:
                    reindex(session, services.search, package, services.settings.site_url)
            return job.job_id


def search_indexer(store: DatastoreStore) -> Indexer:
    """The per-column search indexes of indexes.py, as `create_table` takes them."""
    return lambda connection, info: create_search_indexes(connection, store.dialect, info)


def index_table(store: DatastoreStore, resource_id: str) -> None:
    """What a first load deferred (the full text, the unique key, the per-column indexes),
    built after the rows went live: searches work meanwhile (q as a scan), and a failure
    here only costs speed (the table stays `indexed` False; `resume` tries again)."""
    try:
        info = store.finish_indexing(resource_id, search_indexer(store))
        if info is not None:
            make_all_visible(store.engine, info)
    except Exception:
        log.exception("search indexes of %s failed", resource_id)


def _short(error: BaseException) -> str:
    text = str(getattr(error, "orig", None) or error).strip().splitlines()
    return (text[0] if text else type(error).__name__)[:500]

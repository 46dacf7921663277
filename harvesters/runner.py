"""Running a harvest job: claim it, gather page by page while importing, delete what
disappeared (only after a complete, error-free gather), record everything, finish.

Datasets are written through the actions as the site user with `harvest=True` on the
context: the only caller allowed to change harvested datasets. A job checks its own status
between pages (harvest_job_abort stops it) and sends heartbeats, so a job whose process
died is found stale later (`store.recover_stale_jobs`) and its source can run again; the
rerun is safe because imports are idempotent by guid.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import httpx

from catalog.actions.registry import ActionContext, ActionRegistry, Identity
from catalog.db.harvest import HarvestJob, HarvestSource
from catalog.db.models import utcnow
from catalog.errors import NotFound, ValidationFailed
from catalog.services.harvest import store
from catalog.services.harvest.sources import next_run, parse_config
from catalog.services.users import get_or_create_site_user
from harvesters.base import GatherState, Harvester
from harvesters.ckan import CkanHarvester
from harvesters.ckan_mapping import CkanMapper, LocalCatalog
from harvesters.dcat import DcatHarvester
from harvesters.http import build_client
from harvesters.importer import Importer, Tally

log = logging.getLogger(__name__)
Progress = Callable[[str, Tally, GatherState], None]


@dataclass
class JobSummary:
    job_id: str
    source: str
    status: str
    run_type: str
    counts: dict[str, int]
    gather_errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def rate(self) -> float:
        return self.total / self.seconds if self.seconds else 0.0

    def line(self) -> str:
        counts = ", ".join(f"{key} {value}" for key, value in self.counts.items())
        return (
            f"{self.source}: {self.status} ({self.run_type}) in {self.seconds:.1f} s: {counts}"
            + (f"; {len(self.gather_errors)} gather error(s)" if self.gather_errors else "")
        )


def harvest_context(services: Any, registry: ActionRegistry) -> ActionContext:
    """The site user, as the harvester: the one context allowed to write harvested data."""
    with services.session() as session:
        user = get_or_create_site_user(session)
        identity = Identity(user_id=user.id, name=user.name, sysadmin=True)
    return ActionContext(services=services, identity=identity, registry=registry, harvest=True)


def build_harvester(
    source: HarvestSource,
    config: dict[str, Any],
    client: httpx.Client,
    since: datetime | None,
    context: ActionContext,
    job_id: str,
) -> Harvester:
    placeholders = {
        "harvest_source_id": source.id,
        "harvest_source_url": source.url.strip("/"),
        "harvest_source_title": source.title,
        "harvest_job_id": job_id,
    }
    if source.source_type == "dcat":
        return DcatHarvester(url=source.url, config=config, client=client,
                             owner_org=source.owner_org, placeholders=placeholders)  # fmt: skip
    mapper = CkanMapper(
        base_url=source.url, config=config, client=client, local=LocalCatalog(context),
        owner_org=source.owner_org, placeholders=placeholders,
    )  # fmt: skip
    return CkanHarvester(url=source.url, config=config, client=client, since=since, mapper=mapper)


def create_job(context: ActionContext, source_ref: str) -> str:
    """The id of the source's waiting job, or of a new one (stale running jobs are
    aborted first); ValidationFailed when a job of the source is running now."""
    with context.services.session(write=True) as session:
        source = store.find_source(session, source_ref)
        if source is None:
            raise NotFound(f"Harvest source {source_ref} does not exist")
        store.recover_stale_jobs(session, utcnow())
        job = store.open_job(session, source.id)
        if job is not None and job.status == "New":
            return job.id
        if job is not None:
            raise ValidationFailed({"source_id": ["A harvest job of this source is running"]})
    return context.call("harvest_job_create", {"source_id": source.id})["id"]


def run_job(
    services: Any, registry: ActionRegistry, job_id: str, progress: Progress | None = None
) -> JobSummary | None:
    """Run a New job to its end; None when another runner claimed it first."""
    started = time.perf_counter()
    with services.session(write=True) as session:
        if not store.claim_job(session, job_id, utcnow()):
            return None
        job = session.get(HarvestJob, job_id)
        source = session.get(HarvestSource, job.source_id)
        previous = store.last_error_free_job(session, source.id, job_id)
        since = previous.gather_started if previous else None
        if source.frequency != "MANUAL":
            source.next_run = next_run(source.frequency, utcnow())
    context = harvest_context(services, registry)
    config = parse_config(source.config)
    status = "Finished"
    with build_client(config) as client:
        harvester = build_harvester(source, config, client, since, context, job_id)
        state = harvester.state
        importer = Importer(
            context, source_id=source.id, source_title=source.title, job_id=job_id,
            harvester=harvester,
        )  # fmt: skip
        if progress is not None:
            importer.on_object = lambda _: progress(source.name, importer.tally, state)
        try:
            for page in harvester.gather():
                importer.import_page(page)
                with services.session(write=True) as session:
                    status = store.beat(session, job_id, utcnow()) or "Aborted"
                if status != "Running":
                    break
            else:
                status = "Finished"
        except Exception as error:  # noqa: BLE001  (a harvester bug ends the gather, recorded)
            log.exception("harvest job %s failed while gathering", job_id)
            state.errors.append(f"{type(error).__name__}: {error}")
            state.complete = False
            status = "Finished"
        if state.complete and not state.errors and not state.seen and importer.current:
            # an empty answer is far more likely a broken remote than a catalog emptied
            state.errors.append(f"No datasets found at {source.url}; nothing was deleted")
        if status == "Finished" and state.complete and not state.errors:
            importer.delete_missing(state.seen)
    with services.session(write=True) as session:
        for message in state.errors:
            store.add_gather_error(session, job_id, message, utcnow())
        if status == "Finished":
            store.finish_job(session, job_id, utcnow(), run_type=state.run_type,
                             complete=state.complete and not state.errors)  # fmt: skip
        final = session.get(HarvestJob, job_id)
        final_status = final.status if final else status
    return JobSummary(
        job_id=job_id, source=source.name, status=final_status, run_type=state.run_type,
        counts=dict(importer.tally.counts), gather_errors=list(state.errors),
        seconds=time.perf_counter() - started,
    )  # fmt: skip


def run_source(
    services: Any, registry: ActionRegistry, source_ref: str, progress: Progress | None = None
) -> JobSummary:
    """Harvest one source now (the CLI's `opendata harvest run SOURCE`)."""
    context = harvest_context(services, registry)
    job_id = create_job(context, source_ref)
    summary = run_job(services, registry, job_id, progress)
    if summary is None:
        raise ValidationFailed({"source_id": ["Another runner took this job"]})
    return summary


def run_pending(
    services: Any, registry: ActionRegistry, progress: Progress | None = None
) -> list[JobSummary]:
    """Create jobs for the scheduled sources that are due, then run every New job."""
    context = harvest_context(services, registry)
    with services.session(write=True) as session:
        store.recover_stale_jobs(session, utcnow())
        due = [source.id for source in store.due_sources(session, utcnow())]
    for source_id in due:
        try:
            context.call("harvest_job_create", {"source_id": source_id})
        except ValidationFailed:
            pass  # it has a job already
        with services.session(write=True) as session:
            source = session.get(HarvestSource, source_id)
            if source is not None:
                source.next_run = next_run(source.frequency, utcnow())
    with services.session() as session:
        waiting = [job.id for job in store.pending_jobs(session)]
    summaries = []
    for job_id in waiting:
        summary = run_job(services, registry, job_id, progress)
        if summary is not None:
            summaries.append(summary)
    return summaries

"""Tables of harvesting: sources, jobs, the objects (one per remote record per job) and the
errors of a job's gather stage. Shapes follow ckanext-harvest's model, minus its queues.

Job status: New (waiting to run) -> Running -> Finished, or Aborted (by harvest_job_abort,
or found stale: its runner stopped sending heartbeats). Object report_status uses
ckanext-harvest's words: added, updated, not modified, deleted, errored.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, DateTime, Index, Text
from sqlmodel import Field, SQLModel

from catalog.db.models import new_id, utcnow


class HarvestSource(SQLModel, table=True):
    __tablename__ = "harvest_sources"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    name: str = Field(unique=True, max_length=100)
    title: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    url: str = Field(sa_column=Column(Text, nullable=False))
    source_type: str = Field(max_length=20)
    config: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    frequency: str = Field(default="MANUAL", max_length=20)
    owner_org: str | None = Field(default=None, max_length=36)
    active: bool = True
    created: datetime = Field(sa_type=DateTime, default_factory=utcnow)
    next_run: datetime | None = Field(default=None, sa_type=DateTime)
    creator_user_id: str | None = Field(default=None, max_length=36)


class HarvestJob(SQLModel, table=True):
    __tablename__ = "harvest_jobs"
    __table_args__ = (Index("ix_harvest_jobs_source_status", "source_id", "status"),)

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    source_id: str = Field(foreign_key="harvest_sources.id", ondelete="CASCADE")
    status: str = Field(default="New", max_length=20)
    run_type: str | None = Field(default=None, max_length=20)  # "full" | "incremental"
    created: datetime = Field(sa_type=DateTime, default_factory=utcnow)
    gather_started: datetime | None = Field(default=None, sa_type=DateTime)
    gather_finished: datetime | None = Field(default=None, sa_type=DateTime)
    finished: datetime | None = Field(default=None, sa_type=DateTime)
    heartbeat: datetime | None = Field(default=None, sa_type=DateTime)
    gather_complete: bool = False  # every page of the source was read without error


class HarvestGatherError(SQLModel, table=True):
    __tablename__ = "harvest_gather_errors"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    job_id: str = Field(foreign_key="harvest_jobs.id", index=True, ondelete="CASCADE")
    message: str = Field(sa_column=Column(Text, nullable=False))
    created: datetime = Field(sa_type=DateTime, default_factory=utcnow)


class HarvestObject(SQLModel, table=True):
    __tablename__ = "harvest_objects"
    __table_args__ = (
        Index("ix_harvest_objects_source_guid", "source_id", "guid"),
        Index("ix_harvest_objects_source_current", "source_id", "current"),
        Index("ix_harvest_objects_package", "package_id"),
    )

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    guid: str = Field(sa_column=Column(Text, nullable=False))
    job_id: str = Field(foreign_key="harvest_jobs.id", index=True, ondelete="CASCADE")
    source_id: str = Field(foreign_key="harvest_sources.id", ondelete="CASCADE")
    package_id: str | None = Field(default=None, max_length=36)
    current: bool = False
    state: str = Field(default="COMPLETE", max_length=20)  # COMPLETE | ERROR
    report_status: str = Field(max_length=20)
    content_hash: str | None = Field(default=None, max_length=64)
    remote_modified: str | None = Field(default=None, max_length=64)
    remote_url: str | None = Field(default=None, sa_column=Column(Text))
    message: str | None = Field(default=None, sa_column=Column(Text))
    stage: str | None = Field(default=None, max_length=20)
    gathered: datetime = Field(sa_type=DateTime, default_factory=utcnow)
    import_finished: datetime | None = Field(default=None, sa_type=DateTime)

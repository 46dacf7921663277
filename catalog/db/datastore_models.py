"""The DataStore's row in the catalog database: is a resource's table active, and how did
its last load go (the rows themselves live in the DataStore database; see
catalog.services.datastore.store)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Column, DateTime, Text
from sqlmodel import Field, SQLModel

from catalog.db.models import utcnow


class DatastoreJob(SQLModel, table=True):
    """One per resource that has (or had, or is getting) a DataStore table."""

    __tablename__ = "datastore_jobs"

    resource_id: str = Field(foreign_key="resources.id", primary_key=True, ondelete="CASCADE")
    job_id: str = Field(max_length=36)
    status: str = Field(max_length=20)  # pending | running | complete | error
    active: bool = False  # a DataStore table exists (the resource's datastore_active)
    source: str = Field(default="file", max_length=20)  # file | api (datastore_create)
    created: datetime = Field(sa_type=DateTime, default_factory=utcnow)  # queued at
    started: datetime | None = Field(default=None, sa_type=DateTime)
    finished: datetime | None = Field(default=None, sa_type=DateTime)
    last_updated: datetime = Field(sa_type=DateTime, default_factory=utcnow)
    error: str | None = Field(default=None, sa_column=Column(Text))
    rows: int | None = Field(default=None, sa_column=Column(BigInteger))

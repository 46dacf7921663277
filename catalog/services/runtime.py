"""The composition of the core's services for one database: built by the CLI or create_app."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Session

from catalog.config import Settings
from catalog.db import migrate
from catalog.db.engine import WRITE_OPTION, build_engine
from catalog.services.datastore.jobs import DatastoreJobs, take_marks
from catalog.services.datastore.store import DatastoreStore, sqlite_datastore_path
from catalog.services.search.backend import SearchBackend, backend_for
from catalog.services.storage import ResourceStorage

DATASTORE_BUSY_MS = 300_000


@dataclass
class Services:
    settings: Settings
    engine: Engine
    search: SearchBackend
    storage: ResourceStorage
    datastore: DatastoreStore
    _datastore_jobs: DatastoreJobs | None = field(default=None, repr=False)

    @property
    def datastore_jobs(self) -> DatastoreJobs:
        """The background DataStore load queue (its worker starts with the first job)."""
        if self._datastore_jobs is None:
            self._datastore_jobs = DatastoreJobs(self)
        return self._datastore_jobs

    @contextmanager
    def session(self, *, write: bool = False) -> Iterator[Session]:
        """A session whose transaction commits on success and rolls back on error.

        `write=True` for read-modify-write work: on SQLite it takes the write lock at BEGIN;
        on PostgreSQL callers lock the rows they change (SELECT ... FOR UPDATE).
        """
        bind = self.engine.execution_options(**{WRITE_OPTION: True}) if write else self.engine
        with Session(bind, expire_on_commit=False) as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                take_marks(session)
                raise
        marks = take_marks(session)
        if marks:  # DataStore work asked for by this transaction, now committed
            self.datastore_jobs.submit(marks)

    def upgrade_schema(self) -> None:
        migrate.upgrade(self.engine)
        self.datastore.ensure()

    def dispose(self) -> None:
        if self._datastore_jobs is not None:
            self._datastore_jobs.stop()
        if self.datastore.engine is not self.engine:
            self.datastore.engine.dispose()
        self.engine.dispose()


def build_services(settings: Settings) -> Services:
    engine = build_engine(settings.database_url)
    return Services(
        settings=settings,
        engine=engine,
        search=backend_for(engine.dialect.name),
        storage=ResourceStorage(settings.storage_dir),
        datastore=build_datastore(settings, engine),
    )


def _long_busy_timeout(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.execute(f"PRAGMA busy_timeout={DATASTORE_BUSY_MS}")


def build_datastore(settings: Settings, engine: Engine) -> DatastoreStore:
    """SQLite: a file of its own next to the catalog; PostgreSQL: a schema of the catalog's."""
    if engine.dialect.name == "sqlite":
        path = sqlite_datastore_path(settings.data_dir)
        datastore_engine = build_engine(f"sqlite:///{path}")
        # a writer may wait for a large load or index build (one writer at a time in SQLite)
        event.listen(datastore_engine, "connect", _long_busy_timeout)
        return DatastoreStore(datastore_engine)
    return DatastoreStore(engine, schema=settings.datastore_schema)

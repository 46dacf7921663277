"""The composition of the core's services for one database: built by the CLI or create_app."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy.engine import Engine
from sqlmodel import Session

from catalog.config import Settings
from catalog.db import migrate
from catalog.db.engine import build_engine
from catalog.services.search.backend import SearchBackend, backend_for
from catalog.services.storage import ResourceStorage


@dataclass
class Services:
    settings: Settings
    engine: Engine
    search: SearchBackend
    storage: ResourceStorage

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session whose transaction commits on success and rolls back on error."""
        with Session(self.engine, expire_on_commit=False) as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def upgrade_schema(self) -> None:
        migrate.upgrade(self.engine)

    def dispose(self) -> None:
        self.engine.dispose()


def build_services(settings: Settings) -> Services:
    engine = build_engine(settings.database_url)
    return Services(
        settings=settings,
        engine=engine,
        search=backend_for(engine.dialect.name),
        storage=ResourceStorage(settings.storage_dir),
    )

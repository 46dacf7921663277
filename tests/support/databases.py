"""Fresh, migrated databases for tests: a SQLite file, and PostgreSQL when
OPENDATA_TEST_DATABASE_URL is set (each test database is its own schema there)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import create_engine, text

from catalog.config import Settings
from catalog.services.runtime import Services, build_services

POSTGRES_ENV = "OPENDATA_TEST_DATABASE_URL"
BACKENDS = ["sqlite", "postgresql"] if os.environ.get(POSTGRES_ENV) else ["sqlite"]


@contextmanager
def database_url(backend: str, directory: Path) -> Iterator[str]:
    with database(backend, directory) as (url, _datastore_schema):
        yield url


@contextmanager
def database(backend: str, directory: Path) -> Iterator[tuple[str, str]]:
    """A database URL and the DataStore schema to use with it (`<schema>_ds` on PostgreSQL,
    dropped afterwards with the schema)."""
    if backend == "sqlite":
        yield f"sqlite:///{directory / 'catalog.db'}", "datastore"
        return
    base = os.environ[POSTGRES_ENV]
    schema = f"test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in base else "?"
    try:
        yield f"{base}{separator}options={quote(f'-csearch_path={schema}')}", f"{schema}_ds"
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}_ds" CASCADE'))
        admin.dispose()


@contextmanager
def fresh_services(backend: str, directory: Path) -> Iterator[Services]:
    """Services over a new, migrated database, with storage under `directory`."""
    with database(backend, directory) as (url, datastore_schema):
        settings = Settings(
            data_dir=directory,
            database_url=url,
            site_url="http://testserver",
            datastore_schema=datastore_schema,
        )
        services = build_services(settings)
        services.upgrade_schema()
        try:
            yield services
        finally:
            services.dispose()

"""Fresh databases for the benchmarks: a SQLite file, or a throwaway PostgreSQL schema."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote


@contextmanager
def database_url(backend: str, directory: Path, postgres_url: str) -> Iterator[str]:
    """A URL to a fresh, empty database; the PostgreSQL schema is dropped on exit."""
    if backend == "sqlite":
        yield f"sqlite:///{directory / 'catalog.db'}"
        return
    from sqlalchemy import create_engine, text

    schema = f"bench_{uuid.uuid4().hex[:12]}"
    admin = create_engine(postgres_url)
    try:
        with admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        separator = "&" if "?" in postgres_url else "?"
        try:
            yield f"{postgres_url}{separator}options={quote(f'-csearch_path={schema}')}"
        finally:
            with admin.begin() as connection:
                connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    finally:
        admin.dispose()


def postgres_unreachable(url: str) -> str | None:
    """Why PostgreSQL cannot be used (None when it can)."""
    try:
        from sqlalchemy import create_engine, text

        engine = create_engine(url, connect_args={"connect_timeout": 5})
        try:
            with engine.connect() as connection:
                connection.execute(text("SELECT 1"))
        finally:
            engine.dispose()
    except Exception as exc:  # any driver or network failure means "skip"
        return f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
    return None

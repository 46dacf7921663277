"""Alembic environment: runs against the connection handed over by catalog.db.migrate."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

import catalog.db.models  # noqa: F401  (registers the tables on SQLModel.metadata)

config = context.config
target_metadata = SQLModel.metadata


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("catalog.db.migrate passes the connection; run `opendata db upgrade`")
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()

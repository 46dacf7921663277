"""Alembic environment: runs against the connection handed over by catalog.db.migrate."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

import catalog.db.datastore_models  # noqa: F401
import catalog.db.harvest  # noqa: F401  (the harvesting tables)
import catalog.db.models  # noqa: F401  (registers the tables on SQLModel.metadata)

config = context.config
target_metadata = SQLModel.metadata


def include_object(obj: object, name: str | None, type_: str, reflected: bool, _: object) -> bool:
    """Autogenerate ignores the full-text structures the first migration makes by hand."""
    if type_ == "table" and name and name.startswith("search_fts"):
        return False
    return not (type_ == "column" and name == "tsv")


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("catalog.db.migrate passes the connection; run `opendata db upgrade`")
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        include_object=include_object,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()

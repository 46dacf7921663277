"""Many action calls in ONE write transaction, each call inside its own SAVEPOINT.

A bulk writer (the harvest importer) calls the ordinary actions (auth, validation, search
index, activity and the harvest guard all run as for any call) through the context a
`write_batch` yields. Every `services.session()` an action opens there is a SAVEPOINT of
the batch's one session: a call that raises rolls back to its savepoint alone (nothing of it
is left, the earlier calls stay), and everything commits together when the batch ends, so
a batch pays for one BEGIN / COMMIT (one fsync, one connection checkout) instead of one
per dataset. An exception escaping the `with` block rolls the whole batch back.

Calls inside a batch see the batch's earlier, uncommitted writes. A caller should keep
batches short (SQLite's write lock is held for the whole batch) and do no other database
work of its own while one is open. Files staged by uploads are put in place when their
call's savepoint is released; bulk importers send no uploads.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy.orm import Session

from catalog.actions.registry import ActionContext


class BatchServices:
    """The services of a context, whose sessions are savepoints of one outer session."""

    def __init__(self, services: Any, session: Session) -> None:
        self._services = services
        self.outer_session = session

    def __getattr__(self, name: str) -> Any:
        return getattr(self._services, name)

    @contextmanager
    def session(self, *, write: bool = False) -> Iterator[Session]:
        """A SAVEPOINT: released when the block ends, rolled back when it raises."""
        with self.outer_session.begin_nested():
            yield self.outer_session


@contextmanager
def write_batch(context: ActionContext) -> Iterator[ActionContext]:
    """A context like `context` whose action calls share one write transaction (see the
    module docstring); it commits when the block ends, or rolls back if it raises."""
    if isinstance(context.services, BatchServices):
        raise RuntimeError("write batches do not nest")
    with context.services.session(write=True) as session:
        services = BatchServices(context.services, session)
        yield dataclasses.replace(context, services=services)


def batch_session(context: ActionContext) -> Session:
    """The outer session of a batch context (for the caller's own rows in the batch)."""
    if not isinstance(context.services, BatchServices):
        raise RuntimeError("not a write batch context")
    return context.services.outer_session

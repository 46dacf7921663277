"""The import stage: each remote record becomes a dataset through package_create /
package_update (as the harvester: validation, indexing and activity as for any write),
and its outcome becomes a harvest object. One bad record is one errored object.

Records are written in batches (`catalog.actions.batch`): up to BATCH_SIZE records share
one write transaction, the new datasets created together by
`catalog.actions.package_import.create_packages` (checked one by one as package_create
checks them), the others through package_update, each call in its own savepoint, so a
failing record rolls back alone while the others stay; the batch's harvest objects commit
with its datasets. Should a whole batch fail (its commit, the connection), its records are
written again one transaction each. Mapping (which may create organizations through their
own actions) is done before a batch opens.

Idempotent by guid: a record's dataset id is derived from the source and the guid, and a
record whose mapped dict has not changed since its current object is "not modified".
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from catalog.actions.batch import batch_session, write_batch
from catalog.actions.package_import import create_packages
from catalog.actions.registry import ActionContext
from catalog.db.models import new_id, utcnow
from catalog.errors import CatalogError, ValidationFailed
from catalog.services.harvest import store
from catalog.services.harvest.store import CurrentObject, LocalPackage
from harvesters.base import (
    Harvester,
    RecordError,
    RemoteRecord,
    content_hash,
    package_id_for,
    resource_id_for,
)

log = logging.getLogger(__name__)
NAME_IN_USE = "That URL is already in use."
OUTCOMES = {"added": "created", "updated": "updated", "not modified": "unchanged",
            "deleted": "deleted", "errored": "failed"}  # fmt: skip
BATCH_SIZE = 100  # records per write transaction (SQLite's write lock is held that long)
Row = dict[str, Any]  # a harvest object row


@dataclass
class Tally:
    """Counts by outcome, in the CLI's words (created, updated, unchanged, deleted, failed)."""

    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(OUTCOMES.values(), 0))

    def add(self, report_status: str) -> None:
        self.counts[OUTCOMES[report_status]] += 1

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def _name_in_use(result: Any) -> bool:
    """Whether a create failed only for want of a free name (it gets a suffix then)."""
    return isinstance(result, ValidationFailed) and NAME_IN_USE in (result.errors.get("name") or [])


@dataclass
class Write:
    """A record to write: its mapped dataset and what its object will say."""

    record: RemoteRecord
    package_id: str
    local: LocalPackage | None
    data: dict[str, Any]
    digest: str
    object_id: str


class Importer:
    def __init__(
        self,
        context: ActionContext,
        *,
        source_id: str,
        source_title: str,
        job_id: str,
        harvester: Harvester,
        on_object: Callable[[str], None] | None = None,
        batch_size: int = BATCH_SIZE,
    ) -> None:
        self.context = context
        self.source_id = source_id
        self.source_title = source_title
        self.job_id = job_id
        self.harvester = harvester
        self.tally = Tally()
        self.on_object = on_object
        self.batch_size = max(1, batch_size)
        with context.services.session() as session:
            self.current: dict[str, CurrentObject] = store.current_objects(session, source_id)

    # -- one page of records --------------------------------------------------------------

    def import_page(self, records: list[RemoteRecord]) -> None:
        ids = [package_id_for(self.source_id, r.guid) for r in records]
        with self.context.services.session() as session:
            local = store.local_packages(session, ids)
        planned = [
            self._plan(record, package_id, local.get(package_id))
            for record, package_id in zip(records, ids, strict=True)
        ]
        for start in range(0, len(planned), self.batch_size):
            self._write_batch(planned[start : start + self.batch_size])

    def _plan(
        self, record: RemoteRecord, package_id: str, local: LocalPackage | None
    ) -> Write | Row:
        """The record's finished object (errored, not modified), or the write it needs."""
        try:
            package = self.harvester.to_package(record)
        except RecordError as error:
            return self._row(record, None, "errored", message=str(error), stage="Import")
        except Exception as error:  # a harvester bug must not stop the job either
            log.exception("mapping %s failed", record.guid)
            return self._row(record, None, "errored", message=f"{type(error).__name__}: {error}")
        digest = content_hash(package)
        previous = self.current.get(record.guid)
        if local is not None and local.harvest_source_id != self.source_id:
            return self._row(record, package_id, "not modified", digest=digest,
                             message="detached here: the local dataset is left alone")  # fmt: skip
        if (
            local is not None
            and local.state == "active"
            and previous is not None
            and previous.content_hash == digest
            and previous.package_id == package_id
        ):
            return self._row(record, package_id, "not modified", digest=digest)
        object_id = new_id()
        data = self._with_harvest_fields(package, record, package_id, object_id)
        return Write(record, package_id, local, data, digest, object_id)

    def _write_batch(self, planned: list[Write | Row]) -> None:
        """The writes of `planned` in one transaction with their objects (the new datasets
        through create_packages, together); if the batch as a whole fails, one transaction
        per record."""
        if not any(isinstance(item, Write) for item in planned):
            self._store(planned)
            return
        try:
            with write_batch(self.context) as batch:
                rows = self._write_all(batch, planned)
                self._save_objects(batch_session(batch), rows)
        except Exception:  # noqa: BLE001  (not a record's fault: retried record by record)
            log.exception("a batch of %d records failed; writing them one by one", len(planned))
            rows = [self._write(self.context, i) if isinstance(i, Write) else i for i in planned]
            self._store(rows)
            return
        self._done(rows)

    def _write_all(self, batch: ActionContext, planned: list[Write | Row]) -> list[Row]:
        new = [item for item in planned if isinstance(item, Write) and item.local is None]
        results = create_packages(batch, [dict(item.data) for item in new])
        created = {id(item): result for item, result in zip(new, results, strict=True)}
        rows = []
        for item in planned:
            if not isinstance(item, Write):
                rows.append(item)
                continue
            result = created.get(id(item))
            if result is None or _name_in_use(result):  # an update; a create again, renamed
                rows.append(self._write(batch, item))
            elif isinstance(result, dict):
                rows.append(self._written(item, "added"))
            else:
                rows.append(self._failed(item, result))
        return rows

    def _write(self, context: ActionContext, write: Write) -> Row:
        """package_create / package_update of one record; its object row either way."""
        data = dict(write.data)
        try:
            if write.local is None:
                self._create(context, data, write.record.guid)
                status = "added"
            else:
                data["name"] = write.local.name
                context.call("package_update", data)
                status = "added" if write.local.state == "deleted" else "updated"
        except Exception as error:  # noqa: BLE001  (recorded; the job goes on)
            return self._failed(write, error)
        return self._written(write, status)

    def _written(self, write: Write, status: str) -> Row:
        return self._row(write.record, write.package_id, status, digest=write.digest,
                         object_id=write.object_id, current=True)  # fmt: skip

    def _failed(self, write: Write, error: BaseException) -> Row:
        record, package_id = write.record, write.package_id
        if isinstance(error, ValidationFailed):
            message = f"Invalid package with GUID {record.guid}: {error.errors!r}"
        elif isinstance(error, CatalogError):
            message = f"{error!r}"
        else:
            log.error("importing %s failed", record.guid, exc_info=error)
            message = f"{type(error).__name__}: {error}"
        return self._row(record, package_id, "errored", message=message, stage="Import")

    def _create(self, context: ActionContext, data: dict[str, Any], guid: str) -> None:
        """package_create; a name taken by another dataset gets a suffix from the guid."""
        try:
            context.call("package_create", data)
        except ValidationFailed as error:
            if not _name_in_use(error):
                raise
            suffix = hashlib.sha1(f"{self.source_id}{guid}".encode()).hexdigest()[:6]
            data["name"] = f"{str(data['name'])[:93]}-{suffix}"
            context.call("package_create", data)

    def _with_harvest_fields(
        self, package: dict[str, Any], record: RemoteRecord, package_id: str, object_id: str
    ) -> dict[str, Any]:
        data = dict(package)
        data["id"] = package_id
        data["state"] = "active"
        resources = []
        for number, resource in enumerate(package.get("resources") or []):
            resource = dict(resource)
            key = str(resource.pop("remote_id", None) or resource.get("url") or number)
            resource["id"] = resource_id_for(package_id, key)
            resources.append(resource)
        data["resources"] = resources
        harvest = {
            "harvest_source_id": self.source_id,
            "harvest_source_title": self.source_title,
            "harvest_object_id": object_id,
            "harvest_guid": record.guid,
            "harvest_url": record.remote_url or "",
        }
        data["extras"] = [
            *(e for e in package.get("extras") or [] if e.get("key") not in harvest),
            *({"key": key, "value": value} for key, value in harvest.items()),
        ]
        return data

    # -- deletions ------------------------------------------------------------------------

    def delete_missing(self, seen: set[str]) -> None:
        """Delete the datasets of this source whose guid the (complete) gather did not see."""
        gone = {guid: obj for guid, obj in self.current.items() if guid not in seen}
        if not gone:
            return
        ids = [obj.package_id for obj in gone.values() if obj.package_id]
        with self.context.services.session() as session:
            local = store.local_packages(session, ids)
        rows = []
        for guid, obj in sorted(gone.items()):
            record = RemoteRecord(guid=guid, content=None)
            found = local.get(obj.package_id or "")
            if found is None or found.harvest_source_id != self.source_id:
                note = "gone at the source; no local dataset left to delete"
                rows.append(self._row(record, obj.package_id, "deleted", message=note))
                continue
            try:
                if found.state != "deleted":
                    self.context.call("package_delete", {"id": obj.package_id})
            except Exception as error:  # noqa: BLE001
                rows.append(self._row(record, obj.package_id, "errored", stage="Delete",
                                      message=f"could not delete: {error!r}"))  # fmt: skip
                continue
            rows.append(self._row(record, obj.package_id, "deleted"))
        self._store(rows)

    # -- objects --------------------------------------------------------------------------

    def _row(
        self,
        record: RemoteRecord,
        package_id: str | None,
        report_status: str,
        *,
        digest: str | None = None,
        object_id: str | None = None,
        current: bool = False,
        message: str | None = None,
        stage: str | None = None,
    ) -> Row:
        now = utcnow()
        return {
            "id": object_id or new_id(),
            "guid": record.guid,
            "job_id": self.job_id,
            "source_id": self.source_id,
            "package_id": package_id,
            "current": current,
            "state": "ERROR" if report_status == "errored" else "COMPLETE",
            "report_status": report_status,
            "content_hash": digest,
            "remote_modified": (record.remote_modified or "")[:64] or None,
            "remote_url": record.remote_url,
            "message": message,
            "stage": stage,
            "gathered": now,
            "import_finished": now,
        }

    @staticmethod
    def _save_objects(session: Any, rows: list[Row]) -> None:
        for row in rows:
            if row["report_status"] == "deleted":  # its older objects are no longer current
                store.uncurrent_guid(session, row["source_id"], row["guid"])
        store.record_objects(session, rows)

    def _store(self, rows: list[Row]) -> None:
        """Objects in a transaction of their own (for work done outside a batch)."""
        if rows:
            with self.context.services.session(write=True) as session:
                self._save_objects(session, rows)
        self._done(rows)

    def _done(self, rows: list[Row]) -> None:
        """Committed: count the outcomes and remember the new current objects."""
        for row in rows:
            status = row["report_status"]
            if row["current"]:
                self.current[row["guid"]] = CurrentObject(
                    row["id"], row["package_id"], row["content_hash"]
                )
            elif status == "deleted":
                self.current.pop(row["guid"], None)
            self.tally.add(status)
            if self.on_object is not None:
                self.on_object(status)

"""The import stage: each remote record becomes a dataset through package_create /
package_update (as the harvester: validation, indexing and activity as for any write),
and its outcome becomes a harvest object. One bad record is one errored object.

Idempotent by guid: a record's dataset id is derived from the source and the guid, and a
record whose mapped dict has not changed since its current object is "not modified".
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

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


@dataclass
class Tally:
    """Counts by outcome, in the CLI's words (created, updated, unchanged, deleted, failed)."""

    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(OUTCOMES.values(), 0))

    def add(self, report_status: str) -> None:
        self.counts[OUTCOMES[report_status]] += 1

    @property
    def total(self) -> int:
        return sum(self.counts.values())


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
    ) -> None:
        self.context = context
        self.source_id = source_id
        self.source_title = source_title
        self.job_id = job_id
        self.harvester = harvester
        self.tally = Tally()
        self.on_object = on_object
        self.pending: list[dict[str, Any]] = []
        with context.services.session() as session:
            self.current: dict[str, CurrentObject] = store.current_objects(session, source_id)

    # -- one page of records --------------------------------------------------------------

    def import_page(self, records: list[RemoteRecord]) -> None:
        ids = [package_id_for(self.source_id, r.guid) for r in records]
        with self.context.services.session() as session:
            local = store.local_packages(session, ids)
        for record, package_id in zip(records, ids, strict=True):
            self._import(record, package_id, local.get(package_id))
        self.flush()

    def _import(self, record: RemoteRecord, package_id: str, local: LocalPackage | None) -> None:
        try:
            package = self.harvester.to_package(record)
        except RecordError as error:
            self._record(record, None, "errored", message=str(error), stage="Import")
            return
        except Exception as error:  # a harvester bug must not stop the job either
            log.exception("mapping %s failed", record.guid)
            self._record(record, None, "errored", message=f"{type(error).__name__}: {error}")
            return
        digest = content_hash(package)
        previous = self.current.get(record.guid)
        if local is not None and local.harvest_source_id != self.source_id:
            self._record(record, package_id, "not modified", digest=digest,
                         message="detached here: the local dataset is left alone")  # fmt: skip
            return
        if (
            local is not None
            and local.state == "active"
            and previous is not None
            and previous.content_hash == digest
            and previous.package_id == package_id
        ):
            self._record(record, package_id, "not modified", digest=digest)
            return
        object_id = new_id()
        data = self._with_harvest_fields(package, record, package_id, object_id)
        try:
            if local is None:
                self._create(data, record.guid)
                status = "added"
            else:
                data["name"] = local.name
                self.context.call("package_update", data)
                status = "added" if local.state == "deleted" else "updated"
        except ValidationFailed as error:
            message = f"Invalid package with GUID {record.guid}: {error.errors!r}"
            self._record(record, package_id, "errored", message=message, stage="Import")
            return
        except CatalogError as error:
            self._record(record, package_id, "errored", message=f"{error!r}", stage="Import")
            return
        except Exception as error:  # noqa: BLE001  (recorded; the job goes on)
            log.exception("importing %s failed", record.guid)
            self._record(record, package_id, "errored", message=f"{type(error).__name__}: "
                         f"{error}", stage="Import")  # fmt: skip
            return
        self._record(record, package_id, status, digest=digest, object_id=object_id,
                     current=True)  # fmt: skip
        self.current[record.guid] = CurrentObject(object_id, package_id, digest)

    def _create(self, data: dict[str, Any], guid: str) -> None:
        """package_create; a name taken by another dataset gets a suffix from the guid."""
        try:
            self.context.call("package_create", data)
        except ValidationFailed as error:
            if NAME_IN_USE not in (error.errors.get("name") or []):
                raise
            suffix = hashlib.sha1(f"{self.source_id}{guid}".encode()).hexdigest()[:6]
            data["name"] = f"{str(data['name'])[:93]}-{suffix}"
            self.context.call("package_create", data)

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
        for guid, obj in sorted(gone.items()):
            record = RemoteRecord(guid=guid, content=None)
            found = local.get(obj.package_id or "")
            if found is None or found.harvest_source_id != self.source_id:
                note = "gone at the source; no local dataset left to delete"
                self._record(record, obj.package_id, "deleted", message=note)
                continue
            try:
                if found.state != "deleted":
                    self.context.call("package_delete", {"id": obj.package_id})
            except Exception as error:  # noqa: BLE001
                self._record(record, obj.package_id, "errored", stage="Delete",
                             message=f"could not delete: {error!r}")  # fmt: skip
                continue
            self._record(record, obj.package_id, "deleted")
            self.current.pop(guid, None)
        self.flush()

    # -- objects --------------------------------------------------------------------------

    def _record(
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
    ) -> None:
        now = utcnow()
        self.pending.append(
            {
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
        )
        if report_status == "deleted":
            # its older objects are no longer current
            self.pending[-1]["_uncurrent"] = True
        self.tally.add(report_status)
        if self.on_object is not None:
            self.on_object(report_status)

    def flush(self) -> None:
        if not self.pending:
            return
        rows, self.pending = self.pending, []
        with self.context.services.session(write=True) as session:
            for row in rows:
                if row.pop("_uncurrent", False):
                    store.uncurrent_guid(session, row["source_id"], row["guid"])
            store.record_objects(session, rows)

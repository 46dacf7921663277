"""What every harvester gives the runner: pages of remote records, and a mapping of each
record to a package dict for package_create / package_update.

A harvester's `gather()` yields lists of `RemoteRecord`s (one list per remote page, so the
runner imports while it reads). Problems with a whole page (timeouts, HTML, truncated
JSON, wrong shapes) go to `gather_errors`; `complete` is true only when every page was read
and every record identified, and only then may the runner delete what disappeared.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

# Ids of harvested datasets are derived from the source and the record's guid, so a rerun
# (or a job interrupted midway and started again) finds the same dataset.
_NAMESPACE = uuid.UUID("0f6b1c0e-6c1a-4a59-9d7e-5e1b2c3d4f50")


def package_id_for(source_id: str, guid: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"{source_id}\n{guid}"))


def resource_id_for(package_id: str, key: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"{package_id}\n{key}"))


def content_hash(package: dict[str, Any]) -> str:
    text = json.dumps(package, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class RecordError(Exception):
    """A record that cannot become a dataset; the message is recorded with the object."""


class GatherError(Exception):
    """A page (or the whole source) could not be read; the message is a gather error."""


@dataclass
class RemoteRecord:
    guid: str
    content: Any  # the remote's own representation (a CKAN dict, a DCAT dataset node ...)
    remote_modified: str | None = None
    remote_url: str | None = None
    problem: str | None = None  # set when the record is broken but identifiable


@dataclass
class GatherState:
    run_type: str = "full"
    complete: bool = False
    seen: set[str] = field(default_factory=set)
    errors: list[str] = field(default_factory=list)


class Harvester(Protocol):
    state: GatherState

    def gather(self) -> Iterator[list[RemoteRecord]]: ...

    def to_package(self, record: RemoteRecord) -> dict[str, Any]:
        """The package dict (without id, harvest extras or owner_org resolution errors:
        raises RecordError for a record that cannot be imported)."""
        ...

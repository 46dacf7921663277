"""Resource file storage under the data dir. Files stream in chunks; hash and size on the way.

An upload is first staged (written under `.staging/` while it is hashed and measured), then
either committed into place with an atomic rename once the database has accepted it, or
discarded: a refused or interrupted upload leaves no file behind.

A link's file that passed validation is kept the same way, under `.links/` (never served):
the DataStore loads exactly those bytes. A new validation of the link replaces the copy
(or deletes it when the new one fails); the copy goes with the resource.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

CHUNK_SIZE = 1024 * 1024


@dataclass(frozen=True)
class StoredFile:
    path: Path
    size: int
    sha256: str


class FileTooLarge(Exception):
    def __init__(self, limit: int) -> None:
        super().__init__(limit)
        self.limit = limit


class ResourceStorage:
    """Files are kept at `<root>/<id[0:3]>/<id[3:6]>/<id[6:]>`, as CKAN lays them out."""

    def __init__(self, root: Path) -> None:
        self.root = root

    @property
    def staging_dir(self) -> Path:
        return self.root / ".staging"

    def path_for(self, resource_id: str) -> Path:
        return _sharded(self.root, resource_id)

    def link_copy_path(self, resource_id: str) -> Path:
        """The validated copy of a link's file (private: downloads never serve it)."""
        return _sharded(self.root / ".links", resource_id)

    def exists(self, resource_id: str) -> bool:
        return self.path_for(resource_id).is_file()

    def stage(self, source: BinaryIO, max_bytes: int | None = None) -> StoredFile:
        """Stream `source` to a staging file; raise FileTooLarge past `max_bytes`."""
        self.staging_dir.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        size = 0
        fd, name = tempfile.mkstemp(dir=self.staging_dir, prefix="upload-")
        try:
            with os.fdopen(fd, "wb") as tmp:
                while chunk := source.read(CHUNK_SIZE):
                    size += len(chunk)
                    if max_bytes is not None and size > max_bytes:
                        raise FileTooLarge(max_bytes)
                    digest.update(chunk)
                    tmp.write(chunk)
        except BaseException:
            Path(name).unlink(missing_ok=True)
            raise
        return StoredFile(path=Path(name), size=size, sha256=digest.hexdigest())

    def commit(self, staged: StoredFile, resource_id: str) -> StoredFile:
        """Move a staged file into place for `resource_id` (atomic on one file system)."""
        return _move(staged, self.path_for(resource_id))

    def keep_link_copy(self, staged: StoredFile, resource_id: str) -> StoredFile:
        """Move a fetched, validated file into place as the link's copy (atomic)."""
        return _move(staged, self.link_copy_path(resource_id))

    def delete_link_copy(self, resource_id: str) -> None:
        self.link_copy_path(resource_id).unlink(missing_ok=True)

    @staticmethod
    def discard(staged: StoredFile) -> None:
        staged.path.unlink(missing_ok=True)

    def save(self, resource_id: str, source: BinaryIO, max_bytes: int | None = None) -> StoredFile:
        """Stage and commit in one go (for content that needs no database decision first)."""
        return self.commit(self.stage(source, max_bytes), resource_id)

    def delete(self, resource_id: str) -> None:
        self.path_for(resource_id).unlink(missing_ok=True)
        self.delete_link_copy(resource_id)


def _sharded(base: Path, resource_id: str) -> Path:
    return base / resource_id[0:3] / resource_id[3:6] / resource_id[6:]


def _move(staged: StoredFile, target: Path) -> StoredFile:
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(staged.path, target)
    return StoredFile(path=target, size=staged.size, sha256=staged.sha256)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK_SIZE):
            digest.update(chunk)
    return digest.hexdigest()

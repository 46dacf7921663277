"""Resource file storage under the data dir. Files stream in chunks; hash and size on the way."""

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

    def path_for(self, resource_id: str) -> Path:
        return self.root / resource_id[0:3] / resource_id[3:6] / resource_id[6:]

    def exists(self, resource_id: str) -> bool:
        return self.path_for(resource_id).is_file()

    def save(self, resource_id: str, source: BinaryIO, max_bytes: int | None = None) -> StoredFile:
        """Stream `source` into place atomically; raise FileTooLarge past `max_bytes`."""
        target = self.path_for(resource_id)
        target.parent.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        size = 0
        fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=".upload-")
        try:
            with os.fdopen(fd, "wb") as tmp:
                while chunk := source.read(CHUNK_SIZE):
                    size += len(chunk)
                    if max_bytes is not None and size > max_bytes:
                        raise FileTooLarge(max_bytes)
                    digest.update(chunk)
                    tmp.write(chunk)
            os.replace(tmp_name, target)
        except BaseException:
            Path(tmp_name).unlink(missing_ok=True)
            raise
        return StoredFile(path=target, size=size, sha256=digest.hexdigest())

    def delete(self, resource_id: str) -> None:
        self.path_for(resource_id).unlink(missing_ok=True)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK_SIZE):
            digest.update(chunk)
    return digest.hexdigest()

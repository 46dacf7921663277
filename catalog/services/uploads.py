"""Uploaded files: safe names, format guessing, staging and Frictionless validation.

The expensive part (copying and validating a large file) happens here, before any database
transaction is opened, so no lock is held while a 100 MB file is checked.
"""

from __future__ import annotations

import mimetypes
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO
from urllib.parse import urlparse

from sqlalchemy.orm import Session

from catalog.db.models import ResourceValidation, utcnow
from catalog.errors import UploadTooLarge, ValidationFailed
from catalog.services.search.folding import fold
from catalog.services.storage import FileTooLarge, ResourceStorage, StoredFile

if TYPE_CHECKING:
    from catalog.services.tabular.validate import ValidationOutcome

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
MAX_FILENAME = 100
EXTRA_MIMETYPES = {
    ".csv": "text/csv",
    ".tsv": "text/tab-separated-values",
    ".json": "application/json",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".xls": "application/vnd.ms-excel",
}


def safe_filename(name: str | None) -> str:
    """A lower-case ASCII file name, safe on disk and in a URL, whatever the client sent."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = _UNSAFE.sub("-", fold(base)).strip("-.")
    base = re.sub(r"-{2,}", "-", base)
    if not base:
        return "upload"
    if len(base) > MAX_FILENAME:
        stem, dot, ext = base.rpartition(".")
        keep = ext if dot and len(ext) <= 10 else ""
        base = (stem if dot else base)[: MAX_FILENAME - len(keep) - 1].rstrip("-.")
        base = f"{base}.{keep}" if keep else base
    return base


def guess_format(filename: str) -> str:
    suffix = Path(filename).suffix.lstrip(".")
    return suffix.upper()


def guess_mimetype(filename: str) -> str | None:
    suffix = Path(filename).suffix.lower()
    return EXTRA_MIMETYPES.get(suffix) or mimetypes.guess_type(filename)[0]


def upload_parts(upload: Any) -> tuple[BinaryIO, str]:
    """The readable stream and client file name of an upload (Starlette's UploadFile or any
    object with `file`/`filename`, or a binary stream with a `name`)."""
    stream = getattr(upload, "file", None)
    if stream is not None:
        return stream, getattr(upload, "filename", None) or "upload"
    if hasattr(upload, "read"):
        return upload, getattr(upload, "name", None) or "upload"
    raise ValidationFailed({"upload": ["Not a file upload"]})


@dataclass
class PreparedUpload:
    staged: StoredFile
    filename: str
    format: str
    mimetype: str | None
    outcome: ValidationOutcome | None


def prepare_upload(
    storage: ResourceStorage,
    upload: Any,
    *,
    max_mb: int,
    format_hint: str | None,
    schema: Any,
    workdir: Path,
) -> PreparedUpload:
    """Stage the upload and validate it when it is a table. The caller commits or discards."""
    stream, client_name = upload_parts(upload)
    filename = safe_filename(client_name)
    try:
        staged = storage.stage(stream, max_bytes=max_mb * 1024 * 1024)
    except FileTooLarge:
        raise UploadTooLarge(max_mb) from None
    fmt = (format_hint or "").strip() or guess_format(filename)
    try:
        outcome = validate_table(staged.path, fmt, filename, schema, workdir)
    except BaseException:
        storage.discard(staged)
        raise
    return PreparedUpload(staged, filename, fmt.upper(), guess_mimetype(filename), outcome)


def validate_table(
    path: Path, fmt: str | None, filename: str, schema: Any, workdir: Path
) -> ValidationOutcome | None:
    """Frictionless validation of a tabular file (None for other files).

    No normalized copy is asked for: a clean UTF-8 file is validated as it is, and a copy the
    engine makes for any other text is deleted here (nothing uses it yet). The engine (and
    frictionless) is imported on first use: it is slow to import, and reading the catalog
    never needs it.
    """
    from catalog.services.tabular.validate import is_tabular, validate_file

    if not is_tabular(fmt, filename):
        return None
    outcome = validate_file(path, format=fmt, schema=schema, workdir=workdir)
    if outcome.normalized_path is not None:
        outcome.normalized_path.unlink(missing_ok=True)
    return outcome


@dataclass
class CheckedLink:
    """A link's validation, and the fetched file (staged) when it passed."""

    outcome: ValidationOutcome
    copy: StoredFile | None  # the caller keeps it (storage.keep_link_copy) or discards it


def validate_link(
    storage: ResourceStorage,
    url: str,
    *,
    format_hint: str | None,
    schema: Any,
    max_mb: int,
    workdir: Path,
) -> CheckedLink | None:
    """Validate the table a link points to (None when it is not a table); an unreachable
    link gives status "error" with the reason in the report. A file that passed is handed
    back staged, and the report's source names its URL, size and sha256: the DataStore loads
    that copy, never the URL again. Any other fetched file is discarded."""
    from catalog.services.remote import FetchFailed, fetch_to_staging
    from catalog.services.tabular.report import error_report
    from catalog.services.tabular.validate import ValidationOutcome, is_tabular

    filename = safe_filename(urlparse(url).path)
    fmt = (format_hint or "").strip() or guess_format(filename)
    if not is_tabular(fmt, filename):
        return None
    try:
        staged = fetch_to_staging(storage, url, max_mb=max_mb)
    except FetchFailed as error:
        report = error_report("source-error", str(error), source={"path": url})
        return CheckedLink(ValidationOutcome("error", report, None, None, None), None)
    try:
        outcome = validate_table(staged.path, fmt, filename, schema, workdir)
    except BaseException:
        storage.discard(staged)
        raise
    if outcome is None or outcome.status != "success":
        storage.discard(staged)
        return None if outcome is None else CheckedLink(outcome, None)
    source = outcome.report.setdefault("source", {})
    source.update(url=url, bytes=staged.size, sha256=staged.sha256)
    return CheckedLink(outcome, staged)


def store_validation(
    session: Session, resource_id: str, outcome: ValidationOutcome, started: datetime
) -> ResourceValidation:
    row = session.get(ResourceValidation, resource_id) or ResourceValidation(
        resource_id=resource_id, status=outcome.status
    )
    row.status = outcome.status
    row.created = started
    row.finished = utcnow()
    row.report = outcome.report
    if outcome.schema and (outcome.report or {}).get("schemaSource") == "inferred":
        # the DataStore loads the file by this schema when the resource has none
        row.report = {**outcome.report, "schema": outcome.schema}
    session.add(row)
    return row

"""The entry point: validate one uploaded file, never raising, always returning a report.

    outcome = validate_file(path, format="CSV", schema=resource.get("schema"))
    outcome.status           # "success" | "failure" | "error" (as ckanext-validation)
    outcome.report           # stored with the resource (see `report`)
    outcome.normalized_path  # UTF-8 NFC copy, if one was made or asked for; the caller deletes it

Text files (CSV, TSV, JSON) go: whole-file encoding detection -> a normalized UTF-8 NFC LF
copy -> delimiter sniffing / JSON shape -> schema (given, or inferred from 10,000 rows) ->
Frictionless validation of the copy. A file that is already clean (UTF-8, with or without a
BOM, every byte decodable, NFC, no lone CR: found in the same pass as its encoding) gets no
copy: Frictionless reads the original, unless `want_normalized` asks for the copy (for
DataStore or previews). Spreadsheets go to Frictionless directly. Everything streams; the
original file is only read.
"""

from __future__ import annotations

import json
import logging
import os
import re
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from catalog.services.tabular import report as reports
from catalog.services.tabular.dialect import read_sample, sniff_dialect
from catalog.services.tabular.encoding import canonical, detect_encoding
from catalog.services.tabular.formats import (
    SPREADSHEET_FORMATS,
    is_tabular,
    resolve_format,
    sniff_container,
)
from catalog.services.tabular.json_tables import sniff_json_table
from catalog.services.tabular.normalize import rows_of_lines, write_normalized

__all__ = ["ValidationOutcome", "is_tabular", "parse_schema", "validate_file"]

log = logging.getLogger(__name__)
MAX_ENCODING_ERRORS = 100
# Frictionless reads the original file only under a plain name: nothing it could take for a
# compression suffix (".gz", ".zip" ...), a variable or a scheme. The staged name always is.
_PLAIN_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*")
_COMPRESSED = (".zip", ".gz", ".bz2", ".xz")


@dataclass
class ValidationOutcome:
    status: str  # "success" | "failure" | "error" ("error": could not be validated at all)
    report: dict  # the stored report (JSON-serialisable)
    schema: dict | None  # the schema used (given or inferred)
    encoding: str | None  # detected encoding of the original bytes (Python codec name)
    normalized_path: Path | None  # the clean UTF-8 NFC copy, if made (caller deletes it)
    format: str | None = None  # "csv" | "tsv" | "xlsx" | "xls" | "json"
    dialect: dict | None = None  # {"delimiter", "quoteChar"} of CSV/TSV (also of the copy)
    warnings: list[str] = field(default_factory=list)


class SchemaProblem(Exception):
    pass


def parse_schema(schema: Any) -> dict | None:
    """The `schema` resource field as a descriptor: a dict, a JSON string, or empty.

    Raises SchemaProblem saying why a schema is unusable (not JSON, not an object, not a
    valid Table Schema).
    """
    if schema in (None, "", {}):
        return None
    if isinstance(schema, str):
        text = schema.strip()
        if text.startswith(("http://", "https://")):
            raise SchemaProblem(
                "Schema is not valid: a schema URL is not fetched; give the schema itself"
            )
        try:
            schema = json.loads(text)
        except ValueError as exc:
            raise SchemaProblem(f"Schema is not valid: it is not valid JSON ({exc})") from None
    if not isinstance(schema, dict):
        raise SchemaProblem("Schema is not valid: a Table Schema is a JSON object")
    from frictionless import FrictionlessException, Schema

    try:
        Schema.from_descriptor(schema)
    except FrictionlessException as exc:
        reasons = [reason.message for reason in exc.reasons] or [exc.error.message]
        raise SchemaProblem("; ".join(dict.fromkeys([exc.error.message, *reasons]))) from None
    return schema


def validate_file(
    path: Path,
    *,
    format: str | None,
    schema: dict | str | None = None,
    limit_errors: int = 1000,
    limit_rows: int | None = None,
    workdir: Path | None = None,
    encoding: str | None = None,
    filename: str | None = None,
    want_normalized: bool = False,
) -> ValidationOutcome:
    """Validate the file at `path` (never modified) and report on it.

    `format` is the resource's format (or None: the file name decides); `schema` its Table
    Schema (dict or JSON string; None: inferred); `encoding` a declared encoding, checked
    against the content; `filename` the name the steward uploaded, shown in the report;
    `workdir` where the normalized copy is written (default: the system's temp dir).
    A text file that is already clean UTF-8 NFC is validated as it is, with no copy, unless
    `want_normalized`: then the copy is made (and validated) for every text file.
    """
    started = time.perf_counter()
    path = Path(path)
    name = filename or path.name
    source: dict[str, Any] = {"name": name, "bytes": path.stat().st_size}
    fmt = resolve_format(format, name)
    source["format"] = fmt

    def fail(type_: str, message: str, **extra: Any) -> ValidationOutcome:
        report = reports.error_report(
            type_, message, source=source, seconds=time.perf_counter() - started
        )
        return ValidationOutcome("error", report, None, None, None, fmt, **extra)

    if fmt is None:
        return fail(
            "format-error",
            f'The format "{format or ""}" of "{name}" is not a tabular format: '
            "CSV, TSV, XLSX, XLS or JSON tables are validated",
        )
    warnings: list[str] = []
    container = sniff_container(path)
    if container and fmt not in SPREADSHEET_FORMATS:
        warnings.append(f"The file is declared {fmt.upper()} but is an Excel workbook")
        fmt = source["format"] = container
    try:
        given = parse_schema(schema)
    except SchemaProblem as exc:
        return fail("schema-error", str(exc))

    run = _Run(path, fmt, given, source, warnings, limit_errors, limit_rows, workdir, started,
               want_normalized)  # fmt: skip
    try:
        return run.execute(encoding)
    except Exception as exc:  # a report, never an exception, whatever the file holds
        log.exception("validation of %s failed", name)
        message = str(exc)
        for folder in {path.parent, Path(workdir or tempfile.gettempdir())}:
            message = message.replace(f"{folder}{os.sep}", "")  # no server paths in reports
        outcome = fail("validation-error", f"The file could not be validated: {message}")
        outcome.normalized_path = run.normalized
        outcome.encoding = run.encoding
        return outcome


def _primary_key(schema: dict | None) -> list[tuple[str, int]] | None:
    """The primary key's field names with their positions among the schema's fields."""
    if not schema or not schema.get("primaryKey"):
        return None
    key = schema["primaryKey"]
    names = [key] if isinstance(key, str) else list(key)
    positions = {field.get("name"): i for i, field in enumerate(schema.get("fields", []))}
    return [(name, positions[name]) for name in names if name in positions] or None


class _Run:
    def __init__(self, path, fmt, schema, source, warnings, limit_errors, limit_rows, workdir,
                 started, want_normalized=False) -> None:  # fmt: skip
        self.path, self.fmt, self.schema, self.source = path, fmt, schema, source
        self.warnings = warnings
        self.limit_errors, self.limit_rows = max(1, limit_errors), limit_rows
        self.workdir, self.started = workdir, started
        self.normalized: Path | None = None
        self.encoding: str | None = None
        self.dialect: dict | None = None
        self.extra_errors: list[dict] = []
        self.extra_count = 0
        self.want_normalized = want_normalized

    def _read_as_is(self, detected) -> bool:
        """Whether Frictionless can read the original: clean text, a plain name, no copy asked."""
        name = self.path.name
        return (
            detected.clean is not None
            and not self.want_normalized
            and _PLAIN_NAME.fullmatch(name) is not None
            and not name.lower().endswith(_COMPRESSED)
        )

    def execute(self, declared_encoding: str | None) -> ValidationOutcome:
        # Frictionless is imported here, not when the package is imported.
        from catalog.services.tabular.resources import (
            csv_resource,
            json_resource,
            spreadsheet_resource,
        )

        if self.fmt in SPREADSHEET_FORMATS:
            prepared = spreadsheet_resource(self.path, self.fmt, self.schema)
            return self._validate(prepared)
        if declared_encoding and canonical(declared_encoding) is None:
            self.warnings.append(
                f"The declared encoding {declared_encoding} is unknown; the encoding was detected"
            )
        detected = detect_encoding(self.path, declared=declared_encoding)
        self.encoding = detected.encoding
        self.source.update(detected.describe())
        if detected.mismatch:
            self.warnings.append(
                f"The declared encoding {detected.declared} does not match the content; "
                f"the file was read as {detected.encoding}"
            )
        normalized = None
        if self._read_as_is(detected):
            text_path, text_encoding = self.path, detected.encoding  # utf-8 or utf-8-sig
            self.source["lineTerminator"] = "\r\n" if detected.clean.crlf else "\n"
            self.source["normalizedToNFC"] = False
        else:
            suffix = ".json" if self.fmt == "json" else f".{self.fmt}"
            normalized = write_normalized(
                self.path,
                detected.encoding,
                workdir=self.workdir,
                suffix=suffix,
                max_reported=min(MAX_ENCODING_ERRORS, self.limit_errors),
            )
            self.normalized = normalized.path
            text_path, text_encoding = normalized.path, "utf-8"
            self.source["lineTerminator"] = "\r\n" if normalized.crlf else "\n"
            self.source["normalizedToNFC"] = normalized.changed_by_nfc
        if self.fmt == "json":
            sniffed = sniff_json_table(text_path)
            if sniffed.shape is None:
                return self._error("not-a-table", f"The JSON is not a table: {sniffed.reason}")
            self.source["jsonShape"] = "objects" if sniffed.shape.keyed else "arrays"
            prepared = json_resource(text_path, sniffed.shape, self.schema)
            rows_for_lines = None
        else:
            if normalized is None:
                sample, complete = detected.clean.head, detected.clean.complete
            else:
                sample, complete = read_sample(normalized.path)
            dialect = sniff_dialect(sample, format=self.fmt, complete=complete)
            self.dialect = dialect.describe()
            self.source["dialect"] = self.dialect
            prepared = csv_resource(text_path, dialect, self.schema, encoding=text_encoding)

            def rows_for_lines(lines: list[int]) -> dict[int, int]:
                return rows_of_lines(
                    text_path,
                    lines,
                    delimiter=dialect.delimiter,
                    quote_char=dialect.quote_char,
                )

        if normalized is not None:
            self._encoding_errors(normalized, rows_for_lines)
        return self._validate(prepared)

    def _encoding_errors(self, normalized, rows_for_lines) -> None:
        if not normalized.bad_count:
            return
        lines = [bad.line for bad in normalized.bad_bytes if bad.line]
        rows = rows_for_lines(lines) if rows_for_lines else {}
        for bad in normalized.bad_bytes:
            row = rows.get(bad.line) if bad.line else None
            self.extra_errors.append(
                reports.undecodable_error(bad.offset, bad.raw, bad.line, row, self.encoding or "")
            )
        self.extra_count += normalized.bad_count
        if normalized.bad_count > len(normalized.bad_bytes):
            self.warnings.append(
                f"{normalized.bad_count} undecodable byte sequences; "
                f"the first {len(normalized.bad_bytes)} are listed"
            )

    def _error(self, type_: str, message: str) -> ValidationOutcome:
        report = reports.error_report(
            type_, message, source=self.source, seconds=time.perf_counter() - self.started
        )
        report["warnings"] = self.warnings + report["warnings"]
        return self._outcome("error", report, None)

    def _validate(self, prepared) -> ValidationOutcome:
        from frictionless import __version__ as frictionless_version

        # No `system.use_context(trusted=True)` (process-wide, racy across threads): the
        # resources name a file inside a base path, which Frictionless deems safe.
        result = prepared.resource.validate(
            limit_errors=self.limit_errors, limit_rows=self.limit_rows
        )
        descriptor = result.to_descriptor()
        task = descriptor["tasks"][0] if descriptor.get("tasks") else None
        if task is None:
            task = {"valid": False, "errors": descriptor.get("errors", [])}
        drop_rows: dict[int, str] = {}
        if prepared.json_rows is not None:
            for problem in prepared.json_rows.problems:
                self.extra_errors.append(problem)
                self.extra_count += 1
                if problem["type"] == "row-shape":
                    drop_rows[problem["rowNumber"]] = "blank-row"
        report = reports.build_report(
            task,
            extra_errors=self.extra_errors,
            extra_error_count=self.extra_count,
            extra_warnings=self.warnings,
            source=self.source,
            schema_source="inferred" if prepared.inferred else "given",
            limit_errors=self.limit_errors,
            seconds=time.perf_counter() - self.started,
            frictionless_version=frictionless_version,
            drop_rows=drop_rows,
            primary_key=_primary_key(prepared.schema),
        )
        return self._outcome(reports.status_of(report), report, prepared.schema)

    def _outcome(self, status: str, report: dict, schema: dict | None) -> ValidationOutcome:
        return ValidationOutcome(
            status=status,
            report=report,
            schema=schema,
            encoding=self.encoding,
            normalized_path=self.normalized,
            format=self.fmt,
            dialect=self.dialect,
            warnings=list(self.warnings),
        )

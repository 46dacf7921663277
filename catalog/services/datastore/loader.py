"""Bulk load of a validated CSV/TSV file into its resource's DataStore table.

The file passed Frictionless validation already (rows have the schema's width, cells parse
as their types), so no second validation runs. Two ways in, both one transaction of
`DatastoreStore.create_table` (a first load goes live before its full text and search
indexes are built, see store.py):

- the file itself (`csv_source`), when the database can type every cell as written: UTF-8
  already in NFC, the header on the first line, only default-format numbers, dates, times,
  text and default booleans, "" as the missing value. SQLite executemany of the csv
  module's rows / PostgreSQL COPY of the bytes: near the database's raw bulk speed. If the
  database refuses anything, the load falls back to:
- typed rows (`read_rows`): read with the csv module in the encoding and dialect the
  validation found, each cell converted by its Table Schema type (cells.py), text decoded
  as it streams and NFC-normalized: the same text as the validation's normalized copy.

XLSX, XLS and JSON tables are read by Frictionless with their schema (table_rows.py) and
go in as typed rows too.
"""

from __future__ import annotations

import codecs
import csv
import logging
import sys
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from catalog.services.datastore.bulk import SQLITE_TRUE, CsvSource
from catalog.services.datastore.cells import canonical_text, row_converter
from catalog.services.datastore.store import DatastoreField, DatastoreStore, Indexer, TableInfo
from catalog.services.datastore.types import ckan_type_for

CSV_FORMATS = ("csv", "tsv")
LOADABLE_FORMATS = (*CSV_FORMATS, "xlsx", "xls", "json")  # every format validation accepts
MAX_FIELD_BYTES = 63  # PostgreSQL's identifier length
HEADER_SCAN_ROWS = 50

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
log = logging.getLogger(__name__)
DEFAULT_FALSE = ("false", "False", "FALSE", "0")


class LoadError(Exception):
    """The file cannot be loaded; the message is shown to stewards as the job's error."""


@dataclass
class LoadPlan:
    """What the loader needs to know about a validated file (from its validation report)."""

    path: Path
    format: str  # one of LOADABLE_FORMATS
    schema: dict[str, Any]  # the Table Schema: the resource's, else the inferred one
    encoding: str = "utf-8"
    delimiter: str = ","
    quote_char: str = '"'
    labels: list[str] = field(default_factory=list)  # the header, as validation read it
    rows: int | None = None  # data rows the validation read
    as_is: bool = False  # text the validation read as it is (no normalized copy)
    schema_given: bool = True  # False: the validation inferred the schema
    workdir: Path | None = None  # where a normalized copy of a JSON text may be written

    @property
    def clean(self) -> bool:
        """UTF-8 and NFC already: no line needs normalizing."""
        return self.as_is and _is_utf8(self.encoding)

    @classmethod
    def from_report(cls, path: Path, report: dict[str, Any], schema: Any) -> LoadPlan:
        source = report.get("source") or {}
        fmt = str(source.get("format") or "csv").lower()
        if fmt not in LOADABLE_FORMATS:
            raise LoadError(f"{fmt.upper()} files are not loaded into the DataStore")
        if not isinstance(schema, dict) or not isinstance(schema.get("fields"), list):
            schema = report.get("schema")
        if not isinstance(schema, dict) or not isinstance(schema.get("fields"), list):
            raise LoadError("The file has no Table Schema (given or inferred) to load it by")
        dialect = source.get("dialect") or {}
        return cls(
            path=path,
            format=fmt,
            schema=schema,
            encoding=str(source.get("encoding") or "utf-8"),
            delimiter=str(dialect.get("delimiter") or ("\t" if fmt == "tsv" else ",")),
            quote_char=str(dialect.get("quoteChar") or '"'),
            labels=[str(label) for label in report.get("labels") or []],
            rows=_row_count(report),
            as_is=source.get("normalizedToNFC") is False,
            schema_given=report.get("schemaSource") != "inferred",
        )


def _row_count(report: dict[str, Any]) -> int | None:
    rows = (report.get("stats") or {}).get("rows")
    return rows if isinstance(rows, int) and not isinstance(rows, bool) else None


def _is_utf8(encoding: Any) -> bool:
    try:
        return codecs.lookup(str(encoding or "utf-8")).name in ("utf-8", "utf-8-sig")
    except LookupError:
        return False


def field_problem(field_id: Any) -> str | None:
    """Why `field_id` cannot name a DataStore column (None: it can). CKAN's rules (no
    surrounding space, no leading underscore, no double quote, not empty) plus a length
    PostgreSQL keeps whole."""
    if not isinstance(field_id, str) or not field_id or field_id != field_id.strip():
        return "is not a valid field name"
    if field_id.startswith("_") or '"' in field_id or "\x00" in field_id:
        return "is not a valid field name"
    try:
        encoded = field_id.encode("utf-8")
    except UnicodeEncodeError:
        return "is not a valid field name"
    if len(encoded) > MAX_FIELD_BYTES:
        return f"is longer than {MAX_FIELD_BYTES} bytes"
    return None


def datastore_fields(schema: dict[str, Any]) -> tuple[list[DatastoreField], list[str]]:
    """The DataStore fields and primary key of a Table Schema."""
    fields: list[DatastoreField] = []
    seen: set[str] = set()
    for item in schema.get("fields") or []:
        name = item.get("name") if isinstance(item, dict) else None
        problem = field_problem(name)
        if problem:
            raise LoadError(f'The column "{name}" {problem} for the DataStore')
        if name in seen:
            raise LoadError(f'The column "{name}" appears twice')
        seen.add(name)
        info = {"label": str(item.get("title") or ""), "notes": str(item.get("description") or ""),
                "type_override": ""}  # fmt: skip
        fields.append(DatastoreField(name, ckan_type_for(item), info))
    key = schema.get("primaryKey") or []
    if isinstance(key, str):
        key = [key]
    primary_key = [name for name in key if name in seen]
    return fields, primary_key


def _decoded(plan: LoadPlan):
    try:
        codec = codecs.lookup(plan.encoding).name
    except LookupError:
        raise LoadError(f"Unknown encoding {plan.encoding}") from None
    if codec == "utf-8":
        codec = "utf-8-sig"
    return open(plan.path, encoding=codec, errors="replace", newline="")


def read_rows(plan: LoadPlan) -> Iterator[tuple]:
    """The file's data rows as typed tuples, in file order."""
    fields = plan.schema.get("fields") or []
    convert = row_converter(fields, plan.schema.get("missingValues"))
    width = len(fields)
    with _decoded(plan) as handle:
        lines = handle if plan.clean else _nfc_lines(handle)
        reader = csv.reader(lines, delimiter=plan.delimiter, quotechar=plan.quote_char)
        _skip_header(reader, plan.labels)
        row = 1
        try:
            for row, cells in enumerate(reader, 2):  # noqa: B007 - kept for the message
                if len(cells) != width:
                    if not cells:
                        continue
                    raise LoadError(f"Row {row} has {len(cells)} cells, the schema {width}")
                yield convert(cells)
        except (ValueError, ArithmeticError) as error:
            raise LoadError(f"Row {row}: a cell does not match its type ({error})") from None


def _nfc_lines(handle: Any) -> Iterator[str]:
    """The text's lines in NFC (a line end never joins two characters into one)."""
    normalize, is_normalized = unicodedata.normalize, unicodedata.is_normalized
    for line in handle:
        if line.isascii() or is_normalized("NFC", line):
            yield line
        else:
            yield normalize("NFC", line)


def _database_typed(field: dict) -> bool:
    """Whether both databases read this field's valid cells as they are written."""
    if str(field.get("type")) == "boolean":
        trues, falses = field.get("trueValues"), field.get("falseValues")
        return (trues is None or sorted(trues) == sorted(SQLITE_TRUE)) and (
            falses is None or sorted(falses) == sorted(DEFAULT_FALSE)
        )
    return canonical_text(field)


def csv_source(plan: LoadPlan) -> CsvSource | None:
    """The file as the database can load it itself, or None (then `read_rows`)."""
    fields = plan.schema.get("fields") or []
    missing = plan.schema.get("missingValues")
    if not plan.clean or not fields or missing not in (None, [""]):
        return None
    if len(plan.delimiter) != 1 or len(plan.quote_char) != 1 or plan.delimiter == plan.quote_char:
        return None
    if not all(isinstance(f, dict) and _database_typed(f) for f in fields):
        return None
    with open(plan.path, "rb") as handle:
        line = handle.readline(1 << 20)
        offset = handle.tell()
    body = line[3:] if line.startswith(codecs.BOM_UTF8) else line
    if not body.endswith(b"\n") or b"\r" in body[:-2] or body.count(plan.quote_char.encode()) % 2:
        return None  # no line end, a lone CR, or a header running over several lines
    try:
        header = next(csv.reader([body.decode("utf-8").rstrip("\r\n")],
                                 delimiter=plan.delimiter, quotechar=plan.quote_char))  # fmt: skip
    except (UnicodeDecodeError, csv.Error, StopIteration):
        return None
    if plan.labels and header != plan.labels:
        return None  # a preamble before the header: read_rows finds it
    if len(header) != len(fields):
        return None
    return CsvSource(plan.path, offset, plan.delimiter, plan.quote_char, plan.rows)


def _skip_header(reader: Any, labels: list[str]) -> None:
    """Consume rows up to and including the header (the first row, or the row holding the
    labels the validation reported, when a preamble comes first)."""
    wanted = [unicodedata.normalize("NFC", label) for label in labels]
    for _ in range(HEADER_SCAN_ROWS):
        row = next(reader, None)
        if row is None:
            return
        if not wanted or [unicodedata.normalize("NFC", cell) for cell in row] == wanted:
            return
    raise LoadError("The header row was not found")


def load_file(
    store: DatastoreStore,
    resource_id: str,
    plan: LoadPlan,
    *,
    indexer: Indexer | None = None,
    defer_indexes: bool = False,
) -> TableInfo:
    """Load the file into a new table and swap it in for `resource_id`'s old one (see
    `DatastoreStore.create_table` for `indexer` and `defer_indexes`)."""
    fields, primary_key = datastore_fields(plan.schema)
    options = {"primary_key": primary_key, "indexer": indexer, "defer_indexes": defer_indexes}
    if plan.format not in CSV_FORMATS:
        from catalog.services.datastore.table_rows import read_table_rows  # imports frictionless

        return store.create_table(resource_id, fields, read_table_rows(plan), **options)
    source = csv_source(plan)
    if source is not None:
        try:
            return store.create_table(resource_id, fields, source, **options)
        except Exception as error:  # noqa: BLE001 - any refusal: the typed path says why
            log.info("DataStore: %s loads by typed rows (%s)", resource_id, error)
    return store.create_table(resource_id, fields, read_rows(plan), **options)

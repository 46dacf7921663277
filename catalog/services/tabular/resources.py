"""Frictionless table resources for a UTF-8 text (the normalized copy, or an original that
is already clean), a spreadsheet or a JSON table.

Each builder returns the resource to validate and the schema it uses: the given one, or one
inferred here from a large sample (`schema_inference`), never Frictionless' 100-row guess.
Resources are addressed as a file name inside a base path, so Frictionless treats the path as
safe and its messages name the file, not the server's directories.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from frictionless import Detector, Dialect, FrictionlessException, Schema, formats
from frictionless.resources import TableResource

from catalog.services.tabular.dialect import CsvDialect
from catalog.services.tabular.json_tables import JsonRows, JsonTableShape
from catalog.services.tabular.schema_inference import SAMPLE_ROWS, infer_schema

RESOURCE_NAME = "table"


@dataclass
class Prepared:
    resource: TableResource
    schema: dict[str, Any] | None  # None: the file could not be read to infer one
    inferred: bool
    json_rows: JsonRows | None = None


def _where(path: Path) -> dict[str, str]:
    return {"path": path.name, "basepath": str(path.parent)}


def _probe(make: Any, sample_rows: int) -> tuple[list[str], list[list[Any]], Dialect] | None:
    """Open a resource reading `sample_rows` rows; its labels, data rows and dialect.

    None when the file cannot be opened as a table (corrupt workbook, empty file ...): the
    validation then reports Frictionless' own error for it.
    """
    probe = make(detector=Detector(sample_size=sample_rows + 20, field_type="any"))
    try:
        with probe:
            labels = list(probe.labels or [])
            fragment = list(probe.fragment or [])
            dialect = probe.dialect.to_copy()
    except FrictionlessException:
        return None
    return labels, fragment, dialect


def _header_dialect(probed: Dialect, base: Dialect) -> Dialect:
    """`base` with the header rows the probe found (e.g. a comment line skipped)."""
    if not probed.header:
        base.header = False
    elif probed.header_rows != [1]:
        base.header_rows = list(probed.header_rows)
    return base


def csv_resource(
    path: Path,
    dialect: CsvDialect,
    schema: dict[str, Any] | None,
    *,
    sample_rows: int = SAMPLE_ROWS,
    encoding: str = "utf-8",
) -> Prepared:
    """A UTF-8 CSV ("utf-8-sig": with a BOM) read with the sniffed delimiter and quote char."""

    def make(**options: Any) -> TableResource:
        control = formats.CsvControl(delimiter=dialect.delimiter, quote_char=dialect.quote_char)
        return TableResource(
            name=RESOURCE_NAME,
            format="csv",
            encoding=encoding,
            control=control,
            **_where(path),
            **options,
        )

    if schema is not None:
        return Prepared(make(schema=Schema.from_descriptor(schema)), schema, inferred=False)
    probed_sample = _probe(make, sample_rows)
    if probed_sample is None:
        return Prepared(make(), None, inferred=True)
    labels, fragment, probed = probed_sample
    inferred = infer_schema(labels, fragment, delimiter=dialect.delimiter)
    control = formats.CsvControl(delimiter=dialect.delimiter, quote_char=dialect.quote_char)
    base = _header_dialect(probed, Dialect(controls=[control]))
    resource = TableResource(
        name=RESOURCE_NAME,
        format="csv",
        encoding=encoding,
        dialect=base,
        schema=Schema.from_descriptor(inferred),
        **_where(path),
    )
    return Prepared(resource, inferred, inferred=True)


def spreadsheet_resource(
    path: Path, format: str, schema: dict[str, Any] | None, *, sample_rows: int = SAMPLE_ROWS
) -> Prepared:
    """An XLSX/XLS workbook's first sheet, read by Frictionless (openpyxl / xlrd)."""

    def make(**options: Any) -> TableResource:
        return TableResource(name=RESOURCE_NAME, format=format, **_where(path), **options)

    if schema is not None:
        return Prepared(make(schema=Schema.from_descriptor(schema)), schema, inferred=False)
    probed_sample = _probe(make, sample_rows)
    if probed_sample is None:
        return Prepared(make(), None, inferred=True)
    labels, fragment, probed = probed_sample
    inferred = infer_schema(labels, fragment)
    base = _header_dialect(probed, Dialect())
    resource = make(dialect=base, schema=Schema.from_descriptor(inferred))
    return Prepared(resource, inferred, inferred=True)


def json_resource(
    path: Path,
    shape: JsonTableShape,
    schema: dict[str, Any] | None,
    *,
    sample_rows: int = SAMPLE_ROWS,
) -> Prepared:
    """A JSON table's rows streamed into an inline table resource (so rows are checked)."""
    header = None
    if schema is not None and shape.keyed:
        header = [str(field.get("name", "")) for field in schema.get("fields", [])]
    rows = JsonRows(path, shape, header=header)
    used = schema
    if used is None:
        stream = iter(rows)
        labels = next(stream, [])
        used = infer_schema(labels, islice(stream, sample_rows))
        stream.close()
    resource = TableResource(
        name=RESOURCE_NAME,
        data=rows,
        format="inline",
        schema=Schema.from_descriptor(used),
    )
    return Prepared(resource, used, inferred=schema is None, json_rows=rows)

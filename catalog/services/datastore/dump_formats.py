"""The files of /datastore/dump: CKAN 2.11's writers (`ckanext/datastore/writer.py`), plus xlsx.

* csv / tsv: a header line written by Python's csv module (so it ends with CRLF, as CKAN's
  does), then the rows as PostgreSQL's `COPY ... csv` writes them (LF).
* json: `{\\n  "fields": [...],\\n  "records": [\\n    [..],\\n    [..]\\n]}\\n`, records as lists.
* xml: `<data>` of `<row _id="1"><col>value</col>...</row>` (nulls `xsi:nil="true"`).
* xlsx: one sheet, header row then typed cells, written by openpyxl in write-only mode to a
  temporary file (so memory stays flat) which is then streamed.
`bom` puts a UTF-8 byte order mark first (csv, tsv, json, xml).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import Any
from xml.etree.ElementTree import Element, ElementTree, SubElement

from catalog.services.datastore.records_format import copy_line, json_value

FORMATS = ("csv", "tsv", "json", "xml", "xlsx")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
    "json": "application/json; charset=utf-8",
    "xml": "text/xml; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
BOM = "\ufeff"
XLSX_CHUNK = 64 * 1024
XLSX_MAX_TEXT = 32767


def _header(ids: list[str], dialect: str) -> str:
    out = io.StringIO()
    csv.writer(out, dialect=dialect).writerow(ids)
    return out.getvalue()


def _xml_node(parent: Element, tag: str, value: Any, key: Any = None) -> None:
    element = SubElement(parent, tag)
    if value is None:
        element.attrib["xsi:nil"] = "true"
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _xml_node(element, "value", item, index)
    elif isinstance(value, dict):
        for item_key, item in value.items():
            _xml_node(element, "value", item, item_key)
    else:
        element.text = str(value)
    if key is not None:
        element.attrib["key"] = str(key)


def _xml_rows(ids: list[str], batch: list[tuple]) -> bytes:
    out = io.BytesIO()
    has_id = bool(ids) and ids[0] == "_id"
    for row in batch:
        root = Element("row")
        values = [json_value(v) for v in row]
        if has_id:
            root.attrib["_id"] = str(values[0])
        for name, value in zip(
            ids[1:] if has_id else ids, values[1:] if has_id else values, strict=True
        ):
            _xml_node(root, name, value)
        ElementTree(root).write(out, encoding="utf-8")
        out.write(b"\n")
    return out.getvalue()


def text_dump(
    fmt: str, fields: list[dict[str, Any]], batches: Iterable[list[tuple]], bom: bool
) -> Iterator[bytes]:
    """The csv / tsv / json / xml file, one chunk per batch of decoded rows."""
    ids = [f["id"] for f in fields]
    start = BOM if bom else ""
    if fmt in ("csv", "tsv"):
        delimiter = "," if fmt == "csv" else "\t"
        yield (start + _header(ids, "excel" if fmt == "csv" else "excel-tab")).encode()
        for batch in batches:
            yield "".join(copy_line(row, delimiter) for row in batch).encode()
        return
    if fmt == "json":
        head = json.dumps(fields, ensure_ascii=False, separators=(",", ":"))
        yield (start + '{\n  "fields": ' + head + ',\n  "records": [').encode()
        first = True
        for batch in batches:
            parts = []
            for row in batch:
                parts.append("\n    " if first else ",\n    ")
                first = False
                parts.append(
                    json.dumps(
                        [json_value(v) for v in row], ensure_ascii=False, separators=(",", ":")
                    )
                )
            yield "".join(parts).encode()
        yield b"\n]}\n"
        return
    prefix = start.encode()
    yield prefix + b'<data xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
    for batch in batches:
        yield _xml_rows(ids, batch)
    yield b"</data>\n"


def _cell(value: Any) -> Any:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if value is None or isinstance(value, bool | int | float | dt.date | dt.time):
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 2**53:
            return str(value)
        return value
    if isinstance(value, Decimal):
        return float(value) if value.is_finite() else str(value)
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return ILLEGAL_CHARACTERS_RE.sub("", text)[:XLSX_MAX_TEXT]


def xlsx_dump(fields: list[dict[str, Any]], batches: Iterable[list[tuple]]) -> Iterator[bytes]:
    """The workbook, written to a temporary file row by row, then read back in chunks."""
    from openpyxl import Workbook

    with tempfile.TemporaryFile() as spool:
        book = Workbook(write_only=True)
        sheet = book.create_sheet("data")
        sheet.append([_cell(f["id"]) for f in fields])
        for batch in batches:
            for row in batch:
                sheet.append([_cell(value) for value in row])
        book.save(spool)
        spool.seek(0)
        while chunk := spool.read(XLSX_CHUNK):
            yield chunk


def dump_chunks(
    fmt: str, fields: list[dict[str, Any]], batches: Iterable[list[tuple]], bom: bool
) -> Iterator[bytes]:
    if fmt == "xlsx":
        return xlsx_dump(fields, batches)
    return text_dump(fmt, fields, batches, bom)


def field_ids(fields: Sequence[dict[str, Any]]) -> list[str]:
    return [f["id"] for f in fields]

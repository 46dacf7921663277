"""Which uploads are tables, and in which format: `format` field, file name, magic bytes."""

from __future__ import annotations

import zipfile
from pathlib import Path, PurePath

TEXT_FORMATS = frozenset({"csv", "tsv", "json"})
SPREADSHEET_FORMATS = frozenset({"xlsx", "xls"})
TABULAR_FORMATS = TEXT_FORMATS | SPREADSHEET_FORMATS

_ALIASES = {
    "csv": "csv",
    "text/csv": "csv",
    "application/csv": "csv",
    "tsv": "tsv",
    "tab": "tsv",
    "text/tab-separated-values": "tsv",
    "xlsx": "xlsx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "xls": "xls",
    "application/vnd.ms-excel": "xls",
    "json": "json",
    "application/json": "json",
    "text/json": "json",
}
# Formats that name a family rather than one file format: the file name decides.
_AMBIGUOUS = frozenset({"excel", "ms excel", "spreadsheet", "table", "data"})

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _from_format(value: str | None) -> str | None:
    if not value:
        return None
    key = value.strip().lower().lstrip(".")
    return _ALIASES.get(key)


def _from_filename(filename: str | None) -> str | None:
    if not filename:
        return None
    suffix = PurePath(filename.strip()).suffix.lower().lstrip(".")
    return _ALIASES.get(suffix)


def resolve_format(format: str | None, filename: str | None) -> str | None:
    """The tabular format ("csv", "tsv", "xlsx", "xls", "json") or None when not tabular.

    The resource's `format` wins (CKAN: the steward's word); an empty or family name such as
    "Excel" defers to the file name's extension.
    """
    given = (format or "").strip().lower().lstrip(".")
    if given and given not in _AMBIGUOUS:
        return _from_format(given)
    return _from_filename(filename)


def is_tabular(format: str | None, filename: str | None, *, path: Path | None = None) -> bool:
    """True for CSV, TSV, XLSX, XLS and JSON tables.

    Without `path` any JSON counts (it may be a table); with `path` a JSON file counts only
    when it holds a table: an array of objects or an array of arrays with a header row.
    """
    resolved = resolve_format(format, filename)
    if resolved is None:
        return False
    if resolved == "json" and path is not None:
        from catalog.services.tabular.json_tables import sniff_json_table

        return sniff_json_table(path).shape is not None
    return True


def sniff_container(path: Path) -> str | None:
    """The workbook format ("xlsx", "xls") of the bytes, whatever the name says; else None."""
    with open(path, "rb") as handle:
        head = handle.read(8)
    if head.startswith(_ZIP_MAGIC):
        try:
            with zipfile.ZipFile(path) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError):
            return None
        return "xlsx" if "xl/workbook.xml" in names else None
    if head.startswith(_OLE_MAGIC):
        return "xls"
    return None

"""Typed rows of XLSX and JSON tables, read by Frictionless as the validation read them."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from catalog.services.datastore.loader import LoadError, LoadPlan
from catalog.services.datastore.table_rows import read_table_rows, reading_schema

SCHEMA = {
    "fields": [
        {"name": "mã", "type": "integer", "constraints": {"unique": True, "maximum": 1}},
        {"name": "diện tích", "type": "number"},
    ],
    "primaryKey": ["mã"],
}


def _xlsx(tmp_path: Path, rows: list[list]) -> Path:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    path = tmp_path / "bang"  # stored files have no extension: the plan's format decides
    book.save(path)
    return path


def _plan(path: Path, fmt: str, **values) -> LoadPlan:
    return LoadPlan(path=path, format=fmt, schema=SCHEMA, labels=["mã", "diện tích"], **values)


def test_only_what_validation_needs_is_left_out_of_the_schema() -> None:
    schema = reading_schema({**SCHEMA, "missingValues": ["", "-"]})
    assert schema == {"fields": [{"name": "mã", "type": "integer"},
                                 {"name": "diện tích", "type": "number"}],
                      "missingValues": ["", "-"]}  # fmt: skip


def test_rows_stream_in_file_order_without_checking_constraints_again(tmp_path: Path) -> None:
    path = _xlsx(tmp_path, [["mã", "diện tích"], [2, 1.5], [2, None], [10**12, 7]])
    rows = read_table_rows(_plan(path, "xlsx"))
    assert next(rows) == (2, Decimal("1.5"))
    assert list(rows) == [(2, None), (10**12, 7)]


def test_a_header_other_than_the_validated_one_is_refused(tmp_path: Path) -> None:
    path = _xlsx(tmp_path, [["ma", "dien tich"], [1, 2]])
    with pytest.raises(LoadError, match="header is not the one the validation read"):
        list(read_table_rows(_plan(path, "xlsx")))


def test_an_integer_beyond_int8_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bang.json"
    path.write_text(json.dumps([{"mã": 2**63, "diện tích": 1}]), encoding="utf-8")
    with pytest.raises(LoadError, match="Row 2: .*out of range"):
        list(read_table_rows(_plan(path, "json", as_is=True)))

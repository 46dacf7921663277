"""Infer a Table Schema from a large sample of rows (10,000 by default).

Rules, for text cells (CSV) and typed cells (XLSX, JSON) alike:
- codes keep their leading zeros: a column with "01", "07201", "0912345678" is a string, and so
  is one of integers longer than 15 digits (identity and account numbers);
- a type is chosen when it fits a strong majority of the non-empty cells (all but 10 %, or
  all but one when 4 or more fit), so one odd value early in the file does not turn a numeric
  column into text: the odd cells are then reported by the validation as type errors;
- a column of mixed JSON/Excel values that fits no type is "any" (a string field would
  reject every number in it);
- integer is chosen over number only when every numeric cell is whole;
- dates: ISO "2024-03-01" (Frictionless' default) or Vietnamese "01/03/2024" (format
  %d/%m/%Y; %m/%d/%Y when a first part above 12 shows it); ISO datetimes; true/false booleans;
  "1,5"-style decimal commas in files whose delimiter is not a comma.
Field names follow Frictionless: blank labels become "fieldN", duplicates get "2", "3" ...
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

SAMPLE_ROWS = 10_000
MAJORITY = 0.9
MIN_WITH_ODD = 4  # a type is kept despite one odd value only with this many that fit
MAX_INTEGER_DIGITS = 15

_INTEGER = re.compile(r"^[+-]?\d+$")
_LEADING_ZERO = re.compile(r"^[+-]?0\d")
_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")
_COMMA_NUMBER = re.compile(r"^[+-]?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SLASH_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_ISO_DATETIME = re.compile(
    r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}(:?\d{2})?)?$"
)
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})


def field_names(labels: Sequence[Any]) -> list[str]:
    """Frictionless' names for a header: blank -> fieldN, duplicates -> name2, name3 ..."""
    names = [
        str(label) if label not in (None, "") else f"field{i}" for i, label in enumerate(labels, 1)
    ]
    used: set[str] = set()
    result = []
    for name in names:
        candidate, suffix = name, 2
        while candidate in used:
            candidate = f"{name}{suffix}"
            suffix += 1
        used.add(candidate)
        result.append(candidate)
    return result


class _Column:
    """Counts, for one column, how many cells fit each candidate type."""

    __slots__ = (
        "values", "integer", "number", "comma", "comma_used", "leading_zero", "long_integer",
        "boolean", "iso_date", "dmy", "mdy", "day_first", "month_first", "datetime", "time",
        "object", "array", "typed",
    )  # fmt: skip

    def __init__(self) -> None:
        for slot in self.__slots__:
            setattr(self, slot, 0)

    def add(self, value: Any) -> None:
        if value is None or value == "":
            return
        self.values += 1
        if isinstance(value, str):
            self._add_text(value.strip())
            return
        self.typed += 1
        if isinstance(value, bool):
            self.boolean += 1
        elif isinstance(value, int):
            self.integer += 1
            self.number += 1
            if len(str(abs(value))) > MAX_INTEGER_DIGITS:
                self.long_integer += 1
        elif isinstance(value, (float, Decimal)):
            self.number += 1
            if value == int(value):
                self.integer += 1
        elif isinstance(value, datetime):
            if value.time() == time(0):
                self.iso_date += 1
            self.datetime += 1
        elif isinstance(value, date):
            self.iso_date += 1
        elif isinstance(value, time):
            self.time += 1
        elif isinstance(value, dict):
            self.object += 1
        elif isinstance(value, list):
            self.array += 1

    def _add_text(self, text: str) -> None:
        if _NUMBER.match(text):
            self.number += 1
            if _INTEGER.match(text):
                self.integer += 1
                if len(text.lstrip("+-")) > MAX_INTEGER_DIGITS:
                    self.long_integer += 1
            if _LEADING_ZERO.match(text):
                self.leading_zero += 1
            if _COMMA_NUMBER.match(text):
                self.comma += 1  # "1.234" reads as a grouped integer too
            return
        if _COMMA_NUMBER.match(text):
            self.comma += 1
            self.comma_used += 1
            if _LEADING_ZERO.match(text):
                self.leading_zero += 1
            return
        if text in _TRUE or text in _FALSE:
            self.boolean += 1
        elif _ISO_DATE.match(text):
            if _valid_date(text):
                self.iso_date += 1
        elif _ISO_DATETIME.match(text):
            self.datetime += 1
        elif match := _SLASH_DATE.match(text):
            first, second = int(match.group(1)), int(match.group(2))
            if 1 <= first <= 31 and 1 <= second <= 12:
                self.dmy += 1
            if 1 <= first <= 12 and 1 <= second <= 31:
                self.mdy += 1
            if first > 12:
                self.day_first += 1
            if second > 12:
                self.month_first += 1

    def descriptor(self, name: str, *, comma_decimals: bool) -> dict[str, Any]:
        field: dict[str, Any] = {"name": name, "type": "string"}
        n = self.values
        if n == 0:
            return field

        def fits(count: int) -> bool:
            odd = n - count
            if odd == 0:
                return True
            return count >= MIN_WITH_ODD and odd <= max(1, int((1 - MAJORITY) * n))

        if fits(self.number) and not self.leading_zero:
            if self.integer == self.number and not self.long_integer:
                field["type"] = "integer"
            elif self.integer < self.number:
                field["type"] = "number"
        elif comma_decimals and self.comma_used and fits(self.comma) and not self.leading_zero:
            field.update(type="number", decimalChar=",", groupChar=".")
        elif fits(self.boolean):
            field["type"] = "boolean"
        elif fits(self.iso_date):
            field["type"] = "date"
        elif fits(self.datetime + self.iso_date) and self.datetime:
            field["type"] = "datetime"
        elif fits(self.dmy) and not self.month_first:
            field.update(type="date", format="%d/%m/%Y")
        elif fits(self.mdy) and self.month_first and not self.day_first:
            field.update(type="date", format="%m/%d/%Y")
        elif fits(self.time):
            field["type"] = "time"
        elif fits(self.object):
            field["type"] = "object"
        elif fits(self.array):
            field["type"] = "array"
        elif self.typed:
            field["type"] = "any"  # mixed JSON/Excel values: "string" would reject them all
        return field


def _valid_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def infer_schema(
    labels: Sequence[Any],
    rows: Iterable[Sequence[Any]],
    *,
    delimiter: str | None = None,
    sample_rows: int = SAMPLE_ROWS,
) -> dict[str, Any]:
    """A Table Schema descriptor for `labels` from (up to `sample_rows` of) `rows`."""
    names = field_names(labels)
    columns = [_Column() for _ in names]
    width = len(columns)
    for count, row in enumerate(rows):
        if count >= sample_rows:
            break
        for column, value in zip(columns, row[:width], strict=False):
            column.add(value)
    comma_decimals = delimiter is not None and delimiter != ","
    return {
        "fields": [
            column.descriptor(name, comma_decimals=comma_decimals)
            for name, column in zip(names, columns, strict=True)
        ]
    }

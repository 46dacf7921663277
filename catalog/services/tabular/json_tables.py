"""JSON tables: an array of objects, or an array of arrays whose first array is the header.

Frictionless validates a `.json` file as a plain JSON resource unless told it is a table, so
its rows are never checked. Here the file's shape is sniffed with a streaming parser (ijson)
and its rows are fed to a Frictionless table resource one by one, so every row is checked:
types, constraints, keys. An object row with a key outside the header, a row of the wrong kind
(a number where an object was expected) and JSON that breaks off mid-file are reported with
their row number instead of stopping the check. Row 1 is the header (the keys of the first
object, or the first array); the first data item is row 2.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PROPERTIES = ("data", "records", "rows", "items", "results")
MAX_SNIFF_EVENTS = 100_000
NOT_A_TABLE = (
    "expected an array of objects, or an array of arrays whose first array is the header row"
)


@dataclass(frozen=True)
class JsonTableShape:
    keyed: bool  # an array of objects (else an array of arrays)
    prefix: str  # ijson prefix of the rows: "item", or "data.item" inside {"data": [...]}

    @property
    def property(self) -> str | None:
        return self.prefix[: -len(".item")] if self.prefix != "item" else None


@dataclass(frozen=True)
class JsonSniff:
    shape: JsonTableShape | None
    reason: str | None = None


def _ijson():
    import ijson

    return ijson


def _kind(event: str) -> str:
    return {"start_map": "object", "start_array": "array"}.get(event, event)


def _first_item(events: Iterator, prefix: str) -> JsonSniff:
    _, event, _ = next(events)
    if event == "start_map":
        return JsonSniff(JsonTableShape(keyed=True, prefix=f"{prefix}item" if prefix else "item"))
    if event == "start_array":
        return JsonSniff(JsonTableShape(keyed=False, prefix=f"{prefix}item" if prefix else "item"))
    if event == "end_array":
        return JsonSniff(None, "the JSON array is empty: there are no rows")
    return JsonSniff(None, f"the JSON array holds {_kind(event)} values, not rows: {NOT_A_TABLE}")


def sniff_json_table(path: Path) -> JsonSniff:
    """Whether the JSON file at `path` is a table, and of which shape; reads only its head."""
    ijson = _ijson()
    with open(path, "rb") as handle:
        if handle.read(3) != b"\xef\xbb\xbf":  # a raw upload may start with a UTF-8 BOM
            handle.seek(0)
        events = ijson.parse(handle)
        try:
            _, event, _ = next(events)
            if event == "start_array":
                return _first_item(events, "")
            if event == "start_map":
                for count, (prefix, event, value) in enumerate(events):
                    if count > MAX_SNIFF_EVENTS:
                        break
                    if prefix == "" and event == "map_key" and value in PROPERTIES:
                        _, inner, _ = next(events)
                        if inner == "start_array":
                            return _first_item(events, f"{value}.")
            return JsonSniff(None, f"not a JSON table: {NOT_A_TABLE}")
        except StopIteration:
            return JsonSniff(None, "the JSON file is empty")
        except ijson.JSONError as exc:
            return JsonSniff(None, f"invalid JSON: {exc}")


@dataclass
class JsonRows:
    """Rows of a JSON table as lists, for a Frictionless inline table resource.

    Iterating the object starts a new pass over the file (Frictionless does on open);
    `problems` holds the rows that could not be made into cells in the last pass.
    """

    path: Path
    shape: JsonTableShape
    header: list[str] | None = None  # for object rows: the keys, in order (schema's names)
    problems: list[dict[str, Any]] = field(default_factory=list)

    def labels(self) -> list[str]:
        """The header: given, or the first object's keys, or the first array's cells."""
        if self.header is not None:
            return list(self.header)
        for row in self._items():
            if self.shape.keyed:
                return [str(key) for key in row] if isinstance(row, dict) else []
            return (
                ["" if cell is None else str(cell) for cell in row] if isinstance(row, list) else []
            )
        return []

    def _items(self) -> Iterator[Any]:
        ijson = _ijson()
        with open(self.path, "rb") as handle:
            if handle.read(3) != b"\xef\xbb\xbf":  # an original read as it is may have a BOM
                handle.seek(0)
            yield from ijson.items(handle, self.shape.prefix)

    def __iter__(self) -> Iterator[list[Any]]:
        self.problems = []
        return self._rows()

    def _problem(self, type_: str, row: int, message: str, **extra: Any) -> None:
        self.problems.append({"type": type_, "rowNumber": row, "message": message, **extra})

    def _rows(self) -> Iterator[list[Any]]:
        ijson = _ijson()
        labels = self.labels()
        yield labels
        known = set(labels)
        row_number = 1
        items = self._items()
        if not self.shape.keyed:
            next(items, None)  # the header row
        try:
            for item in items:
                row_number += 1
                if self.shape.keyed and isinstance(item, dict):
                    for key in item:
                        if key not in known:
                            self._problem(
                                "extra-key",
                                row_number,
                                f'Row at position "{row_number}" has a key "{key}" that is '
                                "not in the header",
                                fieldName=str(key),
                                cell=_short(item[key]),
                            )
                    yield [item.get(name) for name in labels]
                elif not self.shape.keyed and isinstance(item, list):
                    yield item
                else:
                    wanted = "an object" if self.shape.keyed else "an array"
                    self._problem(
                        "row-shape",
                        row_number,
                        f'Row at position "{row_number}" is {_describe(item)}, not {wanted}',
                        cell=_short(item),
                    )
                    yield []
        except ijson.JSONError as exc:
            self._problem(
                "json-error",
                row_number + 1,
                f'The JSON breaks off after row "{row_number}": {exc}',
            )


def _describe(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return "a number"


def _short(value: Any, limit: int = 200) -> Any:
    if isinstance(value, (dict, list)):
        text = str(value)
        return text if len(text) <= limit else text[:limit] + "…"
    if isinstance(value, str) and len(value) > limit:
        return value[:limit] + "…"
    return value if isinstance(value, (str, int, float, bool)) or value is None else str(value)

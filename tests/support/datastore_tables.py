"""Small DataStore tables behind real catalog resources, for the query side's tests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from catalog.actions.registry import ActionContext
from catalog.services.datastore.store import DatastoreField
from tests.support import builders

PEOPLE_FIELDS = [
    DatastoreField("name", "text"),
    DatastoreField("district", "text", {"label": "Huyện", "notes": ""}),
    DatastoreField("year", "int8"),
    DatastoreField("score", "numeric"),
    DatastoreField("ratio", "float8"),
    DatastoreField("active", "bool"),
    DatastoreField("born", "date"),
    DatastoreField("seen", "timestamp"),
    DatastoreField("the time", "time"),
    DatastoreField("extra", "json"),
]
PEOPLE_ROWS: list[tuple[Any, ...]] = [
    ("Nguyễn Văn An", "Lục Nam", 2014, Decimal("10"), 1.5, True, dt.date(2011, 1, 1),
     dt.datetime(2020, 1, 1, 10, 0, 0, 500000), dt.time(8, 30), {"a": 1}),
    ("Trần Thị Bình", "Yên Thế", 2013, Decimal("9.5"), 2.0, False, dt.date(2011, 2, 2),
     dt.datetime(2020, 1, 2), dt.time(9, 0), [1, "x"]),
    ("Lê Đức Cường", "Lục Ngạn", 2014, Decimal("9"), None, None, None, None, None, None),
    ("Phạm \"Dũng\", Hà", "", None, None, -0.25, True, dt.date(2012, 3, 3),
     dt.datetime(2021, 6, 1, 23, 59, 59), dt.time(23, 0), {"note": "dấu"}),
]  # fmt: skip


def resource_with_table(
    context: ActionContext,
    name: str,
    fields: list[DatastoreField] | None = None,
    rows: list[tuple[Any, ...]] | None = None,
    *,
    private: bool = False,
    owner_org: str | None = None,
) -> str:
    """A dataset with one resource whose DataStore table holds `rows`; the resource id."""
    if owner_org is None:
        owner_org = builders.organization(context, f"{name}-org")["id"]
    extra: dict[str, Any] = {"private": private, "owner_org": owner_org}
    package = builders.dataset(
        context, name, resources=[{"name": "rows", "url": "http://example.org/x.csv"}], **extra
    )
    resource_id = package["resources"][0]["id"]
    context.services.datastore.create_table(
        resource_id, fields or PEOPLE_FIELDS, rows if rows is not None else PEOPLE_ROWS
    )
    return resource_id

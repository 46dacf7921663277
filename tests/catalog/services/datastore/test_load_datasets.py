"""After `datasets/` is loaded, every tabular resource is in the DataStore with all its rows."""

from __future__ import annotations

import csv

from sqlalchemy import select, text

from catalog.actions import build_registry
from catalog.actions.registry import ActionContext
from catalog.db.datastore_models import DatastoreJob
from catalog.services.runtime import Services


def _data_rows(path) -> int:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return sum(1 for row in csv.reader(handle) if row) - 1


def test_every_tabular_resource_is_active_with_its_rows(loaded_services: Services) -> None:
    context = ActionContext(services=loaded_services, identity=None, registry=build_registry())
    names = context.call("package_list", {})
    assert len(names) == 94
    tabular = 0
    for name in names:
        package = context.call("package_show", {"id": name})
        for resource in package["resources"]:
            if (resource.get("format") or "").upper() not in ("CSV", "TSV"):
                continue
            tabular += 1
            assert resource["datastore_active"] is True, (name, resource["name"])
            info = loaded_services.datastore.describe(resource["id"])
            assert info is not None
            path = loaded_services.storage.path_for(resource["id"])
            assert info.count == _data_rows(path), (name, resource["name"])
            with loaded_services.datastore.connect() as connection:
                count = connection.execute(text(f"SELECT count(*) FROM {info.sql_name}"))
                assert count.scalar() == info.count
    assert tabular >= 94
    with loaded_services.session() as session:
        jobs = list(session.execute(select(DatastoreJob)).scalars())
    assert {job.status for job in jobs} == {"complete"}
    assert all(job.rows is not None and job.finished for job in jobs)

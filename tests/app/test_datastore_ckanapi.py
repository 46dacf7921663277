"""The real ckanapi library querying a loaded category's DataStore table over uvicorn."""

from __future__ import annotations

import csv
from pathlib import Path

import ckanapi
import pytest

from catalog.services.runtime import Services
from catalog.services.search.folding import fold

CATEGORY = "bang-gia-dat"
CSV = Path(__file__).resolve().parents[2] / "datasets" / CATEGORY / "bang-gia-dat-2025.csv"


@pytest.fixture(scope="module")
def remote(live_catalog: str, loaded_services: Services) -> ckanapi.RemoteCKAN:
    assert loaded_services.datastore_jobs.wait_idle(timeout=600)
    return ckanapi.RemoteCKAN(live_catalog)


@pytest.fixture(scope="module")
def source_rows() -> list[dict[str, str]]:
    with CSV.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_ckanapi_datastore_search(remote: ckanapi.RemoteCKAN, source_rows: list[dict]) -> None:
    package = remote.action.package_show(id=CATEGORY)
    resource = next(r for r in package["resources"] if r.get("datastore_active"))
    rid = resource["id"]

    everything = remote.action.datastore_search(resource_id=rid, limit=0)
    assert everything["records"] == [] and everything["total"] == len(source_rows)
    types = {f["id"]: f["type"] for f in everything["fields"]}
    assert types["_id"] == "int" and types["commune_name"] == "text"
    assert types["position"] == "int8" and types["price_vnd_per_m2"] == "numeric"

    page = remote.action.datastore_search(resource_id=rid, limit=5, offset=5)
    assert [r["_id"] for r in page["records"]] == [6, 7, 8, 9, 10]
    assert page["records"][0]["road_or_area"] == source_rows[5]["road_or_area"]

    commune = source_rows[0]["commune_name"]
    expected = [row for row in source_rows if row["commune_name"] == commune]
    filtered = remote.action.datastore_search(
        resource_id=rid, filters={"commune_name": commune}, limit=1000
    )
    assert filtered["total"] == len(expected)
    assert [r["road_or_area"] for r in filtered["records"]] == [r["road_or_area"] for r in expected]

    road = fold(source_rows[0]["road_or_area"])  # without diacritics
    found = remote.action.datastore_search(resource_id=rid, q=road, limit=1000)
    assert found["total"] >= 1 and "rank" in found["records"][0]
    for record in found["records"]:  # every word somewhere in the row
        row_words = set(fold(" ".join(str(v) for v in record.values())).replace(",", " ").split())
        assert set(road.split()) <= row_words

    with pytest.raises(ckanapi.ValidationError):
        remote.action.datastore_search(resource_id=rid, filters={"no_such_column": 1})
    with pytest.raises(ckanapi.NotFound):
        remote.action.datastore_search(resource_id="no-such-resource")

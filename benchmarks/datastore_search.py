"""datastore_search on a 1,000,000-row, 10-column DataStore table: p50 / p95 per query kind.

    .venv/bin/python benchmarks/datastore_search.py [--rows N] [--runs N] [--backend B]

Builds the table through `DatastoreStore.create_table` (the loader's path) with Vietnamese
sample values, adds the search indexes (`catalog.services.datastore.indexes`), then calls the
real `datastore_search` action in-process (validation, auth, SQL, encoding; not HTTP) for:
a filter on an indexed integer column, a filter on a text column, two filters, full-text q
(a rare and a common word, without diacritics), q + filter, sort + limit, offset paging deep
into the table, and the same pages as csv. Total counts are included, as CKAN does by
default. PostgreSQL runs when OPENDATA_BENCH_POSTGRES_URL (default postgres@127.0.0.1) works.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import tempfile
import time
import uuid
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_databases import database_url, postgres_unreachable  # noqa: E402
from catalog.actions import build_registry  # noqa: E402
from catalog.config import Settings  # noqa: E402
from catalog.content.loader import site_context  # noqa: E402
from catalog.services.datastore.indexes import create_search_indexes  # noqa: E402
from catalog.services.datastore.store import DatastoreField  # noqa: E402
from catalog.services.runtime import build_services  # noqa: E402

POSTGRES = os.environ.get(
    "OPENDATA_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
DISTRICTS = ["Lục Nam", "Lục Ngạn", "Yên Thế", "Sơn Động", "Lạng Giang", "Tân Yên", "Hiệp Hòa",
             "Việt Yên", "Yên Dũng", "Bắc Giang"]  # fmt: skip
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hùng", "Lan", "Linh", "Minh",
         "Nam", "Ngọc", "Phương", "Quân", "Sơn", "Thảo", "Trang", "Tuấn", "Yến"]  # fmt: skip
FIELDS = [
    DatastoreField("ma_ho", "text"), DatastoreField("ho_ten", "text"),
    DatastoreField("huyen", "text"), DatastoreField("xa", "text"),
    DatastoreField("nam", "int8"), DatastoreField("dien_tich", "numeric"),
    DatastoreField("ty_le", "float8"), DatastoreField("hoat_dong", "bool"),
    DatastoreField("ngay", "date"), DatastoreField("ghi_chu", "text"),
]  # fmt: skip


def rows(count: int) -> Any:
    rng = random.Random(42)
    start = dt.date(2015, 1, 1)
    for i in range(count):
        district = DISTRICTS[i % len(DISTRICTS)]
        note = (
            "hộ nghèo"
            if i % 10 == 0
            else ("đặc biệt khó khăn" if i % 10_000 == 7 else "bình thường")
        )
        yield (
            f"H{i:07d}", f"{rng.choice(FAMILY)} Văn {rng.choice(GIVEN)}", district,
            f"Xã {rng.randrange(400):03d}", 2000 + i % 25,
            Decimal(rng.randrange(100, 100_000)) / 10, rng.random(), i % 3 == 0,
            start + dt.timedelta(days=i % 3650), f"{note} {district}",
        )  # fmt: skip


QUERIES: list[tuple[str, dict[str, Any]]] = [
    ("filter int (indexed)", {"filters": {"nam": 2010}, "limit": 100}),
    ("filter text", {"filters": {"xa": "Xã 123"}}),
    ("filter text, 1 row", {"filters": {"ma_ho": "H0500000"}}),
    ("two filters", {"filters": {"huyen": "Yên Thế", "nam": [2001, 2002]}}),
    ("q rare word", {"q": "dac biet kho khan"}),
    ("q common word", {"q": "ngheo"}),
    ("q + filter", {"q": "ngheo", "filters": {"nam": 2020}}),
    ("sort + limit", {"sort": "dien_tich desc", "limit": 100}),
    ("filter + sort", {"filters": {"huyen": "Lục Ngạn"}, "sort": "ngay desc, ma_ho"}),
    ("offset paging", {"offset": 700_000, "limit": 100}),
    ("no total", {"filters": {"huyen": "Tân Yên"}, "include_total": False}),
    ("csv page", {"records_format": "csv", "offset": 10_000, "limit": 1000}),
]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def run(backend: str, count: int, runs: int) -> None:
    with tempfile.TemporaryDirectory() as tmp, database_url(backend, Path(tmp), POSTGRES) as url:
        schema = f"bench_ds_{uuid.uuid4().hex[:8]}"
        settings = Settings(
            data_dir=Path(tmp), database_url=url, site_url="http://bench", datastore_schema=schema
        )
        services = build_services(settings)
        services.upgrade_schema()
        try:
            context = site_context(services, build_registry())
            org = context.call("organization_create", {"name": "bench-org"})
            package = context.call("package_create", {
                "name": "bench", "owner_org": org["id"],
                "resources": [{"name": "rows", "url": "http://example.org/rows.csv"}],
            })  # fmt: skip
            rid = package["resources"][0]["id"]
            started = time.perf_counter()
            info = services.datastore.create_table(rid, FIELDS, rows(count))
            loaded = time.perf_counter() - started
            started = time.perf_counter()
            with services.datastore.begin() as connection:
                create_search_indexes(connection, services.datastore.dialect, info)
            indexed = time.perf_counter() - started
            print(
                f"\n{backend}: {count:,} rows loaded in {loaded:.1f} s, indexed in {indexed:.1f} s"
            )
            print(f"{'query':<22} {'p50 ms':>8} {'p95 ms':>8} {'total':>9}")
            for label, params in QUERIES:
                times, total = [], None
                for _ in range(runs):
                    began = time.perf_counter()
                    result = context.call("datastore_search", {"resource_id": rid, **params})
                    times.append((time.perf_counter() - began) * 1000)
                    total = result.get("total")
                print(f"{label:<22} {percentile(times, 0.5):8.1f} {percentile(times, 0.95):8.1f} "
                      f"{total if total is not None else '-':>9}")  # fmt: skip
        finally:
            if backend == "postgresql":
                from sqlalchemy import text

                with services.engine.begin() as connection:
                    connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
            services.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--backend", choices=["sqlite", "postgresql"], action="append")
    args = parser.parse_args()
    backends = args.backend or ["sqlite", "postgresql"]
    for backend in backends:
        if backend == "postgresql" and (why := postgres_unreachable(POSTGRES)):
            print(f"postgresql skipped: {why}")
            continue
        run(backend, args.rows, args.runs)


if __name__ == "__main__":
    main()

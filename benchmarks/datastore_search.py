"""datastore_search on a 1,000,000-row, 10-column DataStore table: p50 / p95 per query kind.

    .venv/bin/python benchmarks/datastore_search.py [--rows N] [--runs N] [--backend B]
        [--reuse [--reindex]] [--only LABEL]

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
import json
import os
import random
import shutil
import sys
import time
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import create_engine, text  # noqa: E402

from benchmarks.bench_databases import postgres_unreachable  # noqa: E402
from catalog.actions import build_registry  # noqa: E402
from catalog.config import Settings  # noqa: E402
from catalog.content.loader import site_context  # noqa: E402
from catalog.services.datastore.indexes import create_search_indexes  # noqa: E402
from catalog.services.datastore.jobs import index_table  # noqa: E402
from catalog.services.datastore.store import DatastoreField  # noqa: E402
from catalog.services.runtime import build_services  # noqa: E402

TARGET_MS = 50
PG_SCHEMA = "bench_ds_search"
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


# The same query kinds on benchmarks/datastore.py's loaded file (its 10-column schema).
LOADED_FILE_QUERIES: list[tuple[str, dict[str, Any]]] = [
    ("filter int (indexed)", {"filters": {"dan_so": 30000}}),
    ("filter text", {"filters": {"loai_hinh": "Trạm y tế"}, "limit": 100}),
    ("filter text, 1 row", {"filters": {"stt": 500000}}),
    ("two filters", {"filters": {"huyen": "Yên Thế", "loai_hinh": ["Chợ nông thôn", "Đình làng"]}}),
    ("q rare word", {"q": "phuong son so 7"}),
    ("q common word", {"q": "tram"}),
    ("q + filter", {"q": "tram", "filters": {"huyen": "Lục Nam"}}),
    ("sort + limit", {"sort": "mat_do desc", "limit": 100}),
    ("filter + sort", {"filters": {"huyen": "Lục Ngạn"}, "sort": "ngay_cap_nhat desc, stt"}),
    ("offset paging", {"offset": 700_000, "limit": 100}),
]


def catalog_resource(context: Any) -> str:
    """A dataset with one resource (datastore_search checks the caller may read it)."""
    org = context.call("organization_create", {"name": "bench-org"})
    package = context.call("package_create", {
        "name": "bench", "owner_org": org["id"],
        "resources": [{"name": "rows", "url": "http://example.org/rows.csv"}],
    })  # fmt: skip
    return package["resources"][0]["id"]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def measure(
    context: Any, resource_id: str, runs: int, queries: list[tuple[str, dict]] | None = None
) -> list[str]:
    """Report lines: p50 / p95 (ms) and total of each query kind over `runs` calls."""
    lines = [f"{'query':<22} {'p50 ms':>8} {'p95 ms':>8} {'total':>9}"]
    for label, params in QUERIES if queries is None else queries:
        times, total = [], None
        context.call("datastore_search", {"resource_id": resource_id, **params})  # warm
        for _ in range(runs):
            began = time.perf_counter()
            result = context.call("datastore_search", {"resource_id": resource_id, **params})
            times.append((time.perf_counter() - began) * 1000)
            total = result.get("total")
        p95 = percentile(times, 0.95)
        lines.append(
            f"{label:<22} {percentile(times, 0.5):8.1f} {p95:8.1f} "
            f"{total if total is not None else '-':>9}{'' if p95 < TARGET_MS else '  > target'}"
        )
    return lines


def _settings(backend: str, directory: Path) -> Settings:
    """A catalog kept in `directory` (SQLite) or in fixed schemas (PostgreSQL)."""
    if backend == "sqlite":
        url = f"sqlite:///{directory / 'catalog.db'}"
    else:
        separator = "&" if "?" in POSTGRES else "?"
        url = f"{POSTGRES}{separator}options={quote(f'-csearch_path={PG_SCHEMA}')}"
    return Settings(
        data_dir=directory, database_url=url, site_url="http://bench",
        datastore_schema=f"{PG_SCHEMA}_ds",
    )  # fmt: skip


def _reset(backend: str, directory: Path) -> None:
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    if backend == "postgresql":
        engine = create_engine(POSTGRES)
        with engine.begin() as connection:
            for schema in (PG_SCHEMA, f"{PG_SCHEMA}_ds"):
                connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
            connection.execute(text(f'CREATE SCHEMA "{PG_SCHEMA}"'))
        engine.dispose()


def build(services: Any, context: Any, count: int) -> str:
    """A dataset with one resource whose DataStore table holds `count` rows, indexed."""
    rid = catalog_resource(context)
    started = time.perf_counter()
    info = services.datastore.create_table(rid, FIELDS, rows(count), defer_indexes=True)
    loaded = time.perf_counter() - started
    started = time.perf_counter()
    index_table(services.datastore, info.resource_id)  # the loader's second step
    print(
        f"{count:,} rows loaded in {loaded:.1f} s, indexed in {time.perf_counter() - started:.1f} s"
    )
    return rid


def reindex(services: Any, rid: str) -> None:
    """Drop and rebuild the search indexes (after a change to indexes.py)."""
    store = services.datastore
    info = store.describe(rid)
    assert info is not None
    started = time.perf_counter()
    with store.begin() as connection:
        if store.dialect == "postgresql":
            names = connection.execute(
                text("SELECT indexname FROM pg_indexes WHERE schemaname = :s AND tablename = :t "
                     "AND indexname LIKE :p"),
                {"s": store.schema, "t": info.table, "p": f"{info.table}\\_f%"},
            ).scalars()  # fmt: skip
            prefix = f'"{store.schema}".'
        else:
            names = connection.execute(
                text("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = :t "
                     "AND name LIKE :p ESCAPE '\\'"),
                {"t": info.table, "p": f"{info.table}\\_f%"},
            ).scalars()  # fmt: skip
            prefix = ""
        for name in list(names):
            connection.execute(text(f'DROP INDEX {prefix}"{name}"'))
        create_search_indexes(connection, store.dialect, info)
    print(f"reindexed in {time.perf_counter() - started:.1f} s")


def run(backend: str, count: int, runs: int, data_dir: Path, reuse: bool, again: bool) -> None:
    directory = data_dir / backend
    state = directory / "bench.json"
    saved = json.loads(state.read_text()) if reuse and state.exists() else None
    if saved is None or saved.get("rows") != count:
        _reset(backend, directory)
        saved = None
    services = build_services(_settings(backend, directory))
    services.upgrade_schema()
    try:
        context = site_context(services, build_registry())
        print(f"\n{backend}:")
        if saved is None:
            rid = build(services, context, count)
            state.write_text(json.dumps({"rows": count, "resource_id": rid}))
        else:
            rid = saved["resource_id"]
            print(f"{count:,} rows reused from {directory}")
            if again:
                reindex(services, rid)
        print("\n".join(measure(context, rid, runs)))
    finally:
        services.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--backend", choices=["sqlite", "postgresql"], action="append")
    parser.add_argument("--data-dir", type=Path, default=Path("var/bench-datastore-search"))
    parser.add_argument("--reuse", action="store_true", help="keep the table of an earlier run")
    parser.add_argument("--reindex", action="store_true", help="with --reuse: rebuild indexes")
    parser.add_argument("--only", help="run only the query kinds whose label contains this")
    args = parser.parse_args()
    if args.only:
        QUERIES[:] = [q for q in QUERIES if args.only in q[0]]
    backends = args.backend or ["sqlite", "postgresql"]
    for backend in backends:
        if backend == "postgresql" and (why := postgres_unreachable(POSTGRES)):
            print(f"postgresql skipped: {why}")
            continue
        run(backend, args.rows, args.runs, args.data_dir.resolve(), args.reuse, args.reindex)


if __name__ == "__main__":
    main()

"""DataStore load speed: a 1,000,000-row CSV through the real load path vs the raw bulk path.

    make bench-datastore
    .venv/bin/python benchmarks/datastore.py --rows 1000000 --backends sqlite,postgresql

For each backend: a fresh catalog (benchmarks/bench_databases.py), a seeded 10-column CSV
(int, number, Vietnamese text, date), then

- load: `catalog.services.datastore.loader.load_file` + `jobs.index_table`, what the
  background worker runs for a first load of a validated upload: the file goes in as the
  database types it (SQLite executemany of the csv module's rows, PostgreSQL COPY of the
  bytes; one transaction) -> the table is live, every query answers ("rows live"); then
  the deferred full text (SQLite FTS5 rebuild; PostgreSQL the rows copied with their
  tsvector) and indexes (GIN, per-column b-trees, ANALYZE, VACUUM) -> "fully indexed";
- raw: the database's own bulk path on the same data in the same run. SQLite: executemany
  of the already-parsed tuples into a plain table, one transaction (the parsing is not
  timed). PostgreSQL: `COPY ... FROM STDIN (FORMAT csv)` of the same file into a plain table.

and prints rows/s of raw, rows live and fully indexed, both ratios to raw (target >= 50 %)
and the end-to-end rate against ckanext-xloader's ~5,000 rows/s (target 10x).
`--search-runs N` adds ds-perf's datastore_search p50/p95 on the loaded table.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import random
import shutil
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_databases import database_url, postgres_unreachable  # noqa: E402
from sqlalchemy import text  # noqa: E402

from catalog.actions import build_registry  # noqa: E402
from catalog.config import Settings  # noqa: E402
from catalog.content.loader import site_context  # noqa: E402
from catalog.services.datastore.cells import row_converter  # noqa: E402
from catalog.services.datastore.jobs import index_table, search_indexer  # noqa: E402
from catalog.services.datastore.loader import LoadPlan, load_file  # noqa: E402
from catalog.services.datastore.store import quote  # noqa: E402
from catalog.services.datastore.types import sqlite_value  # noqa: E402
from catalog.services.runtime import Services, build_services  # noqa: E402

POSTGRES_URL = os.environ.get(
    "OPENDATA_BENCH_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
TARGET = 0.5
XLOADER = 5_000  # ckanext-xloader, end to end (rows/s)
CHUNK_ROWS = 100_000

SCHEMA = {
    "fields": [
        {"name": "stt", "type": "integer"},
        {"name": "ma_don_vi", "type": "integer"},
        {"name": "ten_don_vi", "type": "string"},
        {"name": "huyen", "type": "string"},
        {"name": "loai_hinh", "type": "string"},
        {"name": "dan_so", "type": "integer"},
        {"name": "dien_tich_km2", "type": "number"},
        {"name": "mat_do", "type": "number"},
        {"name": "ngay_cap_nhat", "type": "date"},
        {"name": "ghi_chu", "type": "string"},
    ],
    "primaryKey": ["stt"],
}
HUYEN = ["Thành phố Bắc Giang", "Lục Ngạn", "Lục Nam", "Sơn Động", "Yên Thế", "Tân Yên",
         "Hiệp Hòa", "Việt Yên", "Yên Dũng", "Lạng Giang"]  # fmt: skip
LOAI = ["Trường mầm non", "Trường tiểu học", "Trạm y tế", "Nhà văn hóa", "Chợ nông thôn",
        "Hợp tác xã", "Điểm bưu điện", "Đình làng"]  # fmt: skip
GHI_CHU = ["Đã cập nhật theo đơn vị hành chính mới", "Số liệu ước tính", "Chưa kiểm tra",
           "Dữ liệu mẫu", "Sáp nhập từ ngày 1/7/2025", ""]  # fmt: skip
XA = ["Phượng Sơn", "Quý Sơn", "Nghĩa Hồ", "Tân Mộc", "Biển Động", "Đồng Cốc", "Giáp Sơn",
      "Hồng Giang", "Kiên Lao", "Mỹ An", "Phì Điền", "Tân Hoa", "Thanh Hải", "Trù Hựu"]  # fmt: skip


def write_csv(path: Path, rows: int, seed: int) -> int:
    """The seeded test file; returns its size in bytes."""
    rng = random.Random(seed)
    start = dt.date(2020, 1, 1)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([f["name"] for f in SCHEMA["fields"]])
        for index in range(1, rows + 1):
            area = round(rng.uniform(0.5, 120.0), 2)
            people = rng.randint(200, 60000)
            writer.writerow([
                index, 10000 + rng.randint(0, 99999),
                f"{rng.choice(LOAI)} {rng.choice(XA)} số {rng.randint(1, 30)}",
                rng.choice(HUYEN), rng.choice(LOAI), people, area, round(people / area, 3),
                (start + dt.timedelta(days=rng.randint(0, 2000))).isoformat(),
                rng.choice(GHI_CHU),
            ])  # fmt: skip
    return path.stat().st_size


def parsed_chunks(path: Path) -> Iterator[list[tuple]]:
    """The file's rows as SQLite stores them, CHUNK_ROWS at a time (not timed)."""
    convert = row_converter(SCHEMA["fields"])
    types = ["int8", "int8", "text", "text", "text", "int8", "numeric", "numeric", "date", "text"]
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        next(reader)
        chunk: list[tuple] = []
        for cells in reader:
            values = convert(cells)
            chunk.append(tuple(sqlite_value(v, t) for v, t in zip(values, types, strict=True)))
            if len(chunk) >= CHUNK_ROWS:
                yield chunk
                chunk = []
        if chunk:
            yield chunk


def raw_sqlite(services: Services, path: Path) -> float:
    """Seconds of executemany (parsed tuples) into a plain table in one transaction."""
    columns = ", ".join(
        f"{quote(f['name'])} {'INTEGER' if f['type'] == 'integer' else 'REAL' if f['type'] == 'number' else 'TEXT'}"  # noqa: E501
        for f in SCHEMA["fields"]
    )
    engine = services.datastore.engine
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute(f"CREATE TABLE raw_bench ({columns})")
        insert = f"INSERT INTO raw_bench VALUES ({', '.join('?' * len(SCHEMA['fields']))})"
        spent = 0.0
        cursor.execute("BEGIN")
        for chunk in parsed_chunks(path):
            started = time.perf_counter()
            cursor.executemany(insert, chunk)
            spent += time.perf_counter() - started
        started = time.perf_counter()
        cursor.execute("COMMIT")
        spent += time.perf_counter() - started
        cursor.execute("DROP TABLE raw_bench")
    finally:
        raw.close()
    return spent


def raw_postgres(services: Services, path: Path) -> float:
    """Seconds of COPY FROM STDIN (FORMAT csv) of the file into a plain table."""
    native = {"integer": "int8", "number": "numeric", "date": "date", "string": "text"}
    columns = ", ".join(f"{quote(f['name'])} {native[f['type']]}" for f in SCHEMA["fields"])
    table = f"{quote(services.datastore.schema)}.raw_bench"
    raw = services.engine.raw_connection()
    try:
        with raw.cursor() as cursor:
            cursor.execute(f"CREATE TABLE {table} ({columns})")
            raw.commit()
            started = time.perf_counter()
            with (
                cursor.copy(f"COPY {table} FROM STDIN (FORMAT csv, HEADER true)") as copy,
                open(path, "rb") as handle,
            ):
                while block := handle.read(1 << 20):
                    copy.write(block)
            raw.commit()
            spent = time.perf_counter() - started
            cursor.execute(f"DROP TABLE {table}")
            raw.commit()
    finally:
        raw.close()
    return spent


SEARCH_RUNS = 0  # --search-runs: ds-perf's datastore_search p50/p95 on the loaded table


def search_section(services: Services, resource_id: str) -> list[str]:
    """datastore_search p50/p95 on the loaded table (benchmarks/datastore_search.py's
    LOADED_FILE_QUERIES; target p95 < 50 ms), when --search-runs is given."""
    if not SEARCH_RUNS:
        return []
    from benchmarks.datastore_search import LOADED_FILE_QUERIES, measure

    context = site_context(services, build_registry())
    return measure(context, resource_id, SEARCH_RUNS, LOADED_FILE_QUERIES)


@contextmanager
def fresh(backend: str, directory: Path) -> Iterator[Services]:
    with database_url(backend, directory, POSTGRES_URL) as url:
        schema = f"bench_ds_{uuid.uuid4().hex[:12]}"
        settings = Settings(data_dir=directory, database_url=url, site_url="http://bench",
                            datastore_schema=schema)  # fmt: skip
        services = build_services(settings)
        try:
            services.upgrade_schema()
            yield services
        finally:
            if services.datastore.dialect == "postgresql":
                with services.engine.begin() as connection:
                    connection.execute(text(f"DROP SCHEMA IF EXISTS {quote(schema)} CASCADE"))
            services.dispose()


def bench_backend(backend: str, path: Path, rows: int, directory: Path) -> tuple[list[str], bool]:
    with fresh(backend, directory) as services:
        store = services.datastore
        if SEARCH_RUNS:  # datastore_search checks the caller may read a catalog resource
            from benchmarks.datastore_search import catalog_resource

            resource_id = catalog_resource(site_context(services, build_registry()))
        else:
            resource_id = str(uuid.uuid4())
        # as_is: what the validation report records for this file (UTF-8, already NFC)
        plan = LoadPlan(path=path, format="csv", schema=SCHEMA, labels=[], as_is=True, rows=rows)
        started = time.perf_counter()  # a first load, as the worker runs it (jobs._load)
        info = load_file(store, resource_id, plan, indexer=search_indexer(store),
                         defer_indexes=True)  # fmt: skip
        live = time.perf_counter() - started
        index_table(store, resource_id)  # GIN (PostgreSQL) + per-column indexes, VACUUM
        indexed = time.perf_counter() - started
        if info.count != rows:
            return [f"FAIL  {backend}: loaded {info.count} rows, expected {rows}"], False
        raw_seconds = (raw_sqlite if backend == "sqlite" else raw_postgres)(services, path)
        raw_rate = rows / raw_seconds
        live_rate, indexed_rate = rows / live, rows / indexed
        lines = [
            f"{backend:<10} raw bulk      {raw_seconds:6.1f} s {raw_rate:>10,.0f} rows/s",
            f"{'':<10} rows live     {live:6.1f} s {live_rate:>10,.0f} rows/s  "
            f"{live_rate / raw_rate:4.0%} of raw  "
            f"{'ok' if live_rate >= TARGET * raw_rate else 'BELOW 50%'}",
            f"{'':<10} fully indexed {indexed:6.1f} s {indexed_rate:>10,.0f} rows/s  "
            f"{indexed_rate / raw_rate:4.0%} of raw  "
            f"{'ok' if indexed_rate >= TARGET * raw_rate else 'BELOW 50%'}",
            f"{'':<10} end to end vs XLoader (~{XLOADER:,} rows/s): "
            f"{indexed_rate / XLOADER:.1f}x  "
            f"{'ok' if indexed_rate >= 10 * XLOADER else 'BELOW 10x'}",
        ]
        lines += search_section(services, resource_id)
        store.drop_table(resource_id)
        return lines, live_rate >= TARGET * raw_rate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--search-runs", type=int, default=0,
                        help="time datastore_search on the table (runs per query)")  # fmt: skip
    args = parser.parse_args(argv)
    global SEARCH_RUNS
    SEARCH_RUNS = args.search_runs
    ok = True
    with ExitStack() as stack:
        directory = Path(tempfile.mkdtemp(prefix="bench-datastore-"))
        stack.callback(shutil.rmtree, directory, True)
        path = directory / "bench.csv"
        started = time.perf_counter()
        size = write_csv(path, args.rows, args.seed)
        print(f"{args.rows:,} rows x 10 columns, {size / 1e6:.0f} MB CSV "
              f"(written in {time.perf_counter() - started:.0f} s)")  # fmt: skip
        for backend in args.backends.split(","):
            if backend == "postgresql" and (why := postgres_unreachable(POSTGRES_URL)):
                print(f"postgresql skipped: {why}")
                continue
            workdir = directory / backend
            workdir.mkdir()
            lines, passed = bench_backend(backend, path, args.rows, workdir)
            ok = ok and passed
            print("\n".join(lines), flush=True)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())

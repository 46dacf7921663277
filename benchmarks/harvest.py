"""Harvesting speed: a 10,000-dataset CKAN source (a second instance of this catalog, in its
own process on loopback) harvested into an empty catalog with the CKAN harvester, then
harvested again incrementally after changing some datasets at the source.

    .venv/bin/python benchmarks/harvest.py [--datasets 10000] [--modified 100]
        [--backends sqlite,postgresql] [--profile]

The source is filled like benchmarks/api.py fills its catalog (bulk rows written the way
package_create writes them, then the real indexer). Prints datasets/s for the full run
(target >= 50) and the incremental run, the outcome counts of both, and the full run's rate
as a multiple of plain sequential package_create measured in the same run (200 datasets
into a scratch database): absolute rates vary with the machine's load, the ratio much less.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import shutil
import signal
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from api import FILL_TIME_LIMIT, _settings, fill_catalog, make_catalog, served
from bench_databases import database_url, postgres_unreachable

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DEFAULT_POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
POSTGRES_ENV = "OPENDATA_BENCH_DATABASE_URL"
TARGET_RATE = 50.0


class Progress:
    """A line on stderr every 2 s: records so far and the rate."""

    def __init__(self) -> None:
        self.started = time.perf_counter()
        self.last = self.started

    def __call__(self, source: str, tally: Any, state: Any) -> None:
        now = time.perf_counter()
        if now - self.last >= 2.0:
            self.last = now
            rate = tally.total / (now - self.started)
            print(f"    {tally.total:>6} records ({rate:.0f}/s)", file=sys.stderr, flush=True)


def _harvest(services: Any, profile: Path | None) -> Any:
    from catalog.actions import build_registry
    from harvesters.runner import run_source

    profiler = cProfile.Profile() if profile else None
    if profiler:
        profiler.enable()
    summary = run_source(services, build_registry(), "bench-source", Progress())
    if profiler and profile:
        profiler.disable()
        profiler.dump_stats(str(profile))
        stats = pstats.Stats(str(profile))
        stats.sort_stats("cumulative").print_stats(25)
    return summary


def _age(services: Any) -> None:
    """Date the source's datasets two days back, so that an incremental harvest (changes
    since the last job minus an hour) sees only what the benchmark changes."""
    from datetime import timedelta

    from sqlalchemy import update

    from catalog.db.models import Package, SearchDoc, utcnow

    then = utcnow() - timedelta(days=2)
    with services.session(write=True) as session:
        session.execute(update(Package).values(metadata_modified=then))
        session.execute(update(SearchDoc).values(metadata_modified=then))


def _package_create_rate(backend: str, catalog: Any, directory: Path, postgres_url: str) -> float:
    """package_create of 200 of the datasets into a scratch database: the write path's own
    speed on this machine now (the harvest cannot be faster than this)."""
    from catalog.actions import build_registry
    from catalog.content.loader import site_context
    from catalog.services.runtime import build_services

    scratch = directory / "scratch"
    scratch.mkdir()
    with database_url(backend, scratch, postgres_url) as url:
        services = build_services(_settings(url, scratch))
        try:
            services.upgrade_schema()
            context = site_context(services, build_registry())
            for organization in catalog.organizations:
                context.call("organization_create", organization)
            for group in catalog.groups:
                context.call("group_create", group)
            sample = catalog.packages[:200]
            started = time.perf_counter()
            for package in sample:
                context.call("package_create", package)
            return len(sample) / (time.perf_counter() - started)
        finally:
            services.dispose()


def bench_backend(backend: str, args: argparse.Namespace, postgres_url: str) -> list[str]:
    from catalog.actions import build_registry
    from catalog.content.loader import site_context
    from catalog.services.runtime import build_services

    catalog = make_catalog(args.datasets, args.seed)
    with ExitStack() as stack:
        directory = Path(tempfile.mkdtemp(prefix=f"opendata-bench-harvest-{backend}-"))
        stack.callback(shutil.rmtree, directory, ignore_errors=True)
        (directory / "source").mkdir()
        (directory / "target").mkdir()
        source_url = stack.enter_context(database_url(backend, directory / "source", postgres_url))
        target_url = stack.enter_context(database_url(backend, directory / "target", postgres_url))

        source = build_services(_settings(source_url, directory / "source"))
        stack.callback(source.dispose)
        source.upgrade_schema()
        print(f"  filling the source with {args.datasets} datasets ...", flush=True)
        started = time.perf_counter()
        fill_catalog(source, catalog, 0, time.monotonic() + 4 * FILL_TIME_LIMIT)
        _age(source)
        print(f"  filled in {time.perf_counter() - started:.1f} s", flush=True)
        baseline = _package_create_rate(backend, catalog, directory, postgres_url)
        print(f"  package_create alone, same machine now: {baseline:.1f}/s", flush=True)
        base = stack.enter_context(served(source_url, directory / "source"))

        target = build_services(_settings(target_url, directory / "target"))
        stack.callback(target.dispose)
        target.upgrade_schema()
        local = site_context(target, build_registry())
        local.call("organization_create", {"name": "harvested"})
        source_fields = {"name": "bench-source", "url": base, "source_type": "ckan"}
        local.call("harvest_source_create", {**source_fields, "owner_org": "harvested"})
        print(f"  full harvest of {base} ...", flush=True)
        profile = directory / "full.prof" if args.profile else None
        full = _harvest(target, profile)

        remote = site_context(source, build_registry())
        for package in catalog.packages[: args.modified]:
            remote.call("package_patch", {"id": package["name"],
                                          "notes": package["notes"] + " (cập nhật)"})  # fmt: skip
        print(f"  changed {args.modified} datasets at the source; incremental harvest ...")
        incremental = _harvest(target, None)
        count = local.call("package_search", {"rows": 0})["count"]

    ok = count == args.datasets
    lines = [
        f"== {backend}: {args.datasets} datasets",
        f"full:        {full.total:>6} records in {full.seconds:6.1f} s = {full.rate:6.1f} "
        f"datasets/s  (target >= {TARGET_RATE:.0f}: {'ok' if full.rate >= TARGET_RATE else 'LOW'})",
        f"             {full.line()}",
        f"             plain sequential package_create, same run: {baseline:.1f}/s; "
        f"full harvest / package_create = {full.rate / baseline:.2f}x",
        f"incremental: {incremental.total:>6} records in {incremental.seconds:6.1f} s = "
        f"{incremental.rate:6.1f} records/s; "
        f"{incremental.counts['updated'] / incremental.seconds:6.1f} updated datasets/s",
        f"             {incremental.line()}",
        f"datasets in the harvesting catalog: {count}" + ("" if ok else "  (CHECK)"),
    ]
    return lines


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--datasets", type=int, default=10_000)
    parser.add_argument("--modified", type=int, default=100)
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--profile", action="store_true", help="cProfile the full harvest")
    args = parser.parse_args(argv)
    args.backends = [b.strip() for b in args.backends.split(",") if b.strip()]
    return args


def _stop(signum: int, _frame: Any) -> None:
    raise SystemExit(f"stopped by signal {signum}")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, _stop)
    postgres_url = os.environ.get(POSTGRES_ENV) or DEFAULT_POSTGRES_URL
    tables: list[str] = []
    for backend in args.backends:
        if backend == "postgresql" and (why := postgres_unreachable(postgres_url)):
            tables.append(f"== postgresql: SKIPPED ({why})")
            continue
        print(f"{backend}:", flush=True)
        lines = bench_backend(backend, args, postgres_url)
        print("\n".join(lines), flush=True)
        tables.extend(lines)
    print("\n".join(["", "=" * 60, "SUMMARY", *tables]))
    return 0 if all("LOW" not in line and "CHECK" not in line for line in tables) else 1


if __name__ == "__main__":
    raise SystemExit(main())

"""`opendata harvest ...`: harvest sources and runs, through the harvest actions and runner.

opendata harvest source add NAME URL --type ckan|dcat [--owner-org ORG]
    [--frequency manual|daily|weekly] [--config JSON] [--title TITLE]
opendata harvest source list
opendata harvest source remove NAME [--clear]
opendata harvest run [SOURCE]      # every active source when none is named
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from typing import Any, TextIO

from catalog.actions import build_registry
from catalog.config import load_settings
from catalog.content.loader import site_context
from catalog.errors import CatalogError, NotAuthorized, NotFound, ValidationFailed
from catalog.services.runtime import build_services


def _errors(error: CatalogError) -> list[str]:
    if isinstance(error, ValidationFailed):
        lines = []
        for field, messages in error.errors.items():
            for message in messages if isinstance(messages, list) else [messages]:
                lines.append(f"{field}: {message}")
        return lines
    if isinstance(error, NotFound | NotAuthorized):
        return [error.detail or type(error).__name__]
    return [str(error)]


def _with_catalog(func: Any) -> Any:
    def run(args: argparse.Namespace) -> int:
        services = build_services(load_settings())
        try:
            services.upgrade_schema()
            return int(func(args, services))
        except CatalogError as error:
            for line in _errors(error):
                print(f"error: {line}", file=sys.stderr)
            return 2
        finally:
            services.dispose()

    return run


@_with_catalog
def cmd_source_add(args: argparse.Namespace, services: Any) -> int:
    data: dict[str, Any] = {"name": args.name, "url": args.url, "source_type": args.type,
                            "frequency": args.frequency.upper()}  # fmt: skip
    if args.owner_org:
        data["owner_org"] = args.owner_org
    if args.title:
        data["title"] = args.title
    if args.config:
        data["config"] = args.config
    source = site_context(services, build_registry()).call("harvest_source_create", data)
    print(f"created harvest source {source['name']} ({source['id']}): {source['url']}")
    return 0


@_with_catalog
def cmd_source_list(args: argparse.Namespace, services: Any) -> int:
    sources = site_context(services, build_registry()).call("harvest_source_list", {})
    if not sources:
        print("no harvest sources")
    for source in sources:
        last = source["status"]["last_job"]
        when = f"last job {last['status']} {last['created']}" if last else "never run"
        print(
            f"{source['name']:<24} {source['source_type']:<5} {source['frequency']:<7} "
            f"{source['status']['total_datasets']:>6} datasets  {when}  {source['url']}"
        )
    return 0


@_with_catalog
def cmd_source_remove(args: argparse.Namespace, services: Any) -> int:
    context = site_context(services, build_registry())
    context.call("harvest_source_delete", {"id": args.name, "clear": args.clear})
    fate = "deleted" if args.clear else "kept as local datasets"
    print(f"removed harvest source {args.name}; its datasets are {fate}")
    return 0


class ProgressLine:
    """One self-rewriting line on a terminal (plain lines otherwise), at most 5 a second."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.tty = stream.isatty()
        self.started = time.perf_counter()
        self.last = 0.0

    def __call__(self, source: str, tally: Any, state: Any) -> None:
        now = time.perf_counter()
        if now - self.last < (0.2 if self.tty else 5.0):
            return
        self.last = now
        done = tally.total
        rate = done / (now - self.started) if now > self.started else 0.0
        counts = " ".join(f"{key} {value}" for key, value in tally.counts.items() if value)
        text = f"{source}: {done} records  {counts}  {rate:.0f}/s"
        if self.tty:
            self.stream.write("\r" + text[:150].ljust(100))
        else:
            self.stream.write(text + "\n")
        self.stream.flush()

    def end(self) -> None:
        if self.tty and self.last:
            self.stream.write("\n")
            self.stream.flush()


@_with_catalog
def cmd_run(args: argparse.Namespace, services: Any) -> int:
    from harvesters.runner import run_source

    registry = build_registry()
    if args.source:
        names = [args.source]
    else:
        context = site_context(services, registry)
        names = [s["name"] for s in context.call("harvest_source_list", {"only_active": True})]
        if not names:
            print("no active harvest sources")
            return 0
    status = 0
    for name in names:
        progress = ProgressLine(sys.stderr)
        try:
            summary = run_source(services, registry, name, progress)
        finally:
            progress.end()
        print(summary.line())
        print(f"  {summary.total} records, {summary.rate:.1f} datasets/s, job {summary.job_id}")
        for message in summary.gather_errors:
            print(f"  gather error: {message}")
        if summary.gather_errors or summary.counts["failed"] or summary.status != "Finished":
            status = 1
    return status


def _config(value: str) -> str:
    try:
        parsed = json.loads(value)
    except json.JSONDecodeError as error:
        raise argparse.ArgumentTypeError(f"--config is not JSON: {error}") from None
    if not isinstance(parsed, dict):
        raise argparse.ArgumentTypeError("--config must be a JSON object")
    return value


def add_harvest_commands(commands: Any) -> None:
    harvest = commands.add_parser("harvest", help="harvest other CKAN and DCAT catalogs")
    harvest_commands = harvest.add_subparsers(dest="harvest_command", required=True)
    source = harvest_commands.add_parser("source", help="harvest sources")
    source_commands = source.add_subparsers(dest="source_command", required=True)

    add = source_commands.add_parser("add", help="add a harvest source")
    add.add_argument("name", help="2-100 characters of a-z, 0-9, - and _")
    add.add_argument("url", help="a CKAN site, or a DCAT RDF document (first page)")
    add.add_argument("--type", required=True, choices=["ckan", "dcat"])
    add.add_argument("--owner-org", help="local organization of the harvested datasets")
    add.add_argument("--frequency", default="manual", choices=["manual", "daily", "weekly"])
    add.add_argument("--config", type=_config, help="JSON object, e.g. '{\"remote_orgs\": ...}'")
    add.add_argument("--title")
    add.set_defaults(func=cmd_source_add)

    listing = source_commands.add_parser("list", help="list harvest sources")
    listing.set_defaults(func=cmd_source_list)

    remove = source_commands.add_parser("remove", help="remove a harvest source")
    remove.add_argument("name")
    remove.add_argument("--clear", action="store_true", help="delete its datasets too")
    remove.set_defaults(func=cmd_source_remove)

    run = harvest_commands.add_parser("run", help="harvest now (one source, or all active)")
    run.add_argument("source", nargs="?")
    run.set_defaults(func=cmd_run)

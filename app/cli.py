"""The `opendata` command: serve, load, db upgrade, user add, user token add, harvest."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from app.cli_harvest import add_harvest_commands
from catalog.actions import build_registry
from catalog.config import DEFAULT_HOST, DEFAULT_PORT, load_settings
from catalog.content.loader import load_content, site_context
from catalog.services.runtime import Services, build_services

REPO_DATASETS = Path(__file__).resolve().parent.parent / "datasets"


def default_content_path() -> Path:
    local = Path("datasets")
    return local if (local / "site.yaml").is_file() else REPO_DATASETS


def _load(services: Services, path: Path) -> int:
    if not (path / "site.yaml").is_file():
        print(f"error: {path} has no site.yaml", file=sys.stderr)
        return 2
    report = load_content(site_context(services, build_registry()), path)
    for label in report.created:
        print(f"created   {label}")
    for label in report.updated:
        print(f"updated   {label}")
    print(f"{report.summary()}")
    return 0


def _wait_for_datastore(services: Services) -> None:
    """`opendata load` exits only when the DataStore loads it queued are done."""
    services.datastore_jobs.resume()
    services.datastore_jobs.wait_idle()
    print(services.datastore_jobs.summary())


def _catalog_is_empty(services: Services) -> bool:
    from sqlalchemy import func, select

    from catalog.db.models import Package

    with services.session() as session:
        return session.execute(select(func.count()).select_from(Package)).scalar_one() == 0


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from app.main import create_app

    settings = load_settings(host=args.host, port=args.port)
    services = build_services(settings)
    services.upgrade_schema()
    if _catalog_is_empty(services):
        print("empty catalog: loading", default_content_path())
        _load(services, default_content_path())
    services.datastore_jobs.resume()  # DataStore loads go on in the background
    uvicorn.run(create_app(settings, services), host=args.host, port=args.port)
    return 0


def cmd_load(args: argparse.Namespace) -> int:
    services = build_services(load_settings())
    try:
        services.upgrade_schema()
        status = _load(services, Path(args.path) if args.path else default_content_path())
        _wait_for_datastore(services)
        return status
    finally:
        services.dispose()


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    services = build_services(load_settings())
    try:
        services.upgrade_schema()
        print("database schema is up to date")
        return 0
    finally:
        services.dispose()


def _validation_lines(errors: dict[str, Any]) -> list[str]:
    lines = []
    for field, messages in errors.items():
        for message in messages if isinstance(messages, list) else [messages]:
            lines.append(f"{field}: {message}")
    return lines


def cmd_user_add(args: argparse.Namespace) -> int:
    from catalog.errors import ValidationFailed

    services = build_services(load_settings())
    try:
        services.upgrade_schema()
        context = site_context(services, build_registry())
        data = {"name": args.name, "email": args.email, "sysadmin": args.sysadmin}
        if args.password is not None:
            data["password"] = args.password
        try:
            user = context.call("user_create", data)
        except ValidationFailed as exc:
            if "That login name is not available." in exc.errors.get("name", []):
                print(f"error: user {args.name} already exists", file=sys.stderr)
            else:
                for line in _validation_lines(exc.errors):
                    print(f"error: {line}", file=sys.stderr)
            return 2
        role = "sysadmin" if user["sysadmin"] else "user"
        print(f"created {role} {user['name']} ({user['id']})")
        if args.password is None:
            print("no password set: the account can use API tokens but cannot sign in")
        return 0
    finally:
        services.dispose()


def cmd_user_token_add(args: argparse.Namespace) -> int:
    from catalog.errors import NotFound, ValidationFailed

    services = build_services(load_settings())
    try:
        services.upgrade_schema()
        context = site_context(services, build_registry())
        try:
            user = context.call("user_show", {"id": args.name})
        except NotFound:
            user = None
        if user is None or user["state"] != "active":
            print(f"error: no active user named {args.name}", file=sys.stderr)
            return 2
        try:
            result = context.call("api_token_create", {"user": user["id"], "name": args.token_name})
        except ValidationFailed as exc:
            for line in _validation_lines(exc.errors):
                print(f"error: {line}", file=sys.stderr)
            return 2
        print(f"API token {args.token_name!r} for {user['name']} (shown once; keep it secret):")
        print(result["token"])
        return 0
    finally:
        services.dispose()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="opendata", description="Bắc Giang open data catalog")
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="serve the site and the API")
    serve.add_argument("--host", default=DEFAULT_HOST)
    serve.add_argument("--port", type=int, default=DEFAULT_PORT)
    serve.set_defaults(func=cmd_serve)

    load = commands.add_parser("load", help="load the content folder (idempotent)")
    load.add_argument("path", nargs="?", help="content folder (default: datasets/)")
    load.set_defaults(func=cmd_load)

    db = commands.add_parser("db", help="database schema")
    db_commands = db.add_subparsers(dest="db_command", required=True)
    upgrade = db_commands.add_parser("upgrade", help="apply all migrations")
    upgrade.set_defaults(func=cmd_db_upgrade)

    user = commands.add_parser("user", help="user accounts and their API tokens")
    user_commands = user.add_subparsers(dest="user_command", required=True)
    add = user_commands.add_parser("add", help="create a user account")
    add.add_argument("name", help="login name: 2-100 characters of a-z, 0-9, - and _")
    add.add_argument("--email", required=True)
    add.add_argument(
        "--password", help="at least 8 characters; without it the account cannot sign in"
    )
    add.add_argument("--sysadmin", action="store_true", help="make the account a sysadmin")
    add.set_defaults(func=cmd_user_add)
    token = user_commands.add_parser("token", help="API tokens")
    token_commands = token.add_subparsers(dest="token_command", required=True)
    token_add = token_commands.add_parser(
        "add", help="create an API token for a user; prints it as the last line"
    )
    token_add.add_argument("name", help="the user's name")
    token_add.add_argument("token_name", help="a name for the token")
    token_add.set_defaults(func=cmd_user_token_add)
    add_harvest_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    raise SystemExit(main())

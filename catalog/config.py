"""Settings read from OPENDATA_* environment variables.

Built by `load_settings()`, never at import time, so a test can build its own.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    database_url: str
    site_url: str
    site_title: str = "Dữ liệu mở tỉnh Bắc Giang"
    site_description: str = "Cổng dữ liệu mở tỉnh Bắc Giang (cũ), nay thuộc tỉnh Bắc Ninh"
    locale_default: str = "vi"
    max_upload_mb: int = 1024
    search_rows_max: int = 1000
    validation_mode: str = "flag"  # "flag": keep invalid files, marked; "block": refuse them
    feeds_per_page: int = 100  # datasets per page of the DCAT catalog feed (ckanext-dcat's 100)
    extensions: tuple[str, ...] = field(default_factory=tuple)
    # Signs the web session cookies; None: a random key kept in the data dir (app.web.auth).
    secret_key: str | None = None
    harvest_scheduler: bool = False  # run due harvest sources and New jobs in the server
    harvest_poll_seconds: float = 60.0
    datastore_schema: str = "datastore"  # PostgreSQL: the schema holding DataStore tables

    @property
    def storage_dir(self) -> Path:
        return self.data_dir / "resources"

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    def with_site_url(self, site_url: str) -> Settings:
        return replace(self, site_url=site_url.rstrip("/"))


def load_settings(
    environ: dict[str, str] | None = None,
    *,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
) -> Settings:
    env = os.environ if environ is None else environ
    data_dir = Path(env.get("OPENDATA_DATA_DIR", "./var")).resolve()
    database_url = env.get("OPENDATA_DATABASE_URL") or f"sqlite:///{data_dir / 'catalog.db'}"
    site_url = (env.get("OPENDATA_SITE_URL") or f"http://{host}:{port}").rstrip("/")
    return Settings(
        data_dir=data_dir,
        database_url=database_url,
        site_url=site_url,
        max_upload_mb=int(env.get("OPENDATA_MAX_UPLOAD_MB", "1024")),
        validation_mode=env.get("OPENDATA_VALIDATION_MODE", "flag"),
        feeds_per_page=max(1, int(env.get("OPENDATA_FEEDS_PER_PAGE", "100"))),
        secret_key=env.get("OPENDATA_SECRET_KEY") or None,
        harvest_scheduler=env.get("OPENDATA_HARVEST_SCHEDULER", "1").lower() in ("1", "true", "on"),
        harvest_poll_seconds=float(env.get("OPENDATA_HARVEST_POLL_SECONDS", "60")),
        datastore_schema=env.get("OPENDATA_DATASTORE_SCHEMA", "datastore"),
    )

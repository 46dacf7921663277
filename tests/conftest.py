"""Shared fixtures: every core test runs on SQLite and, in CI, on PostgreSQL too."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from catalog.actions import build_registry
from catalog.actions.registry import ActionContext
from catalog.content.loader import load_content, site_context
from catalog.services.runtime import Services
from tests.support.databases import BACKENDS, fresh_services

REPO = Path(__file__).resolve().parent.parent
DATASETS = REPO / "datasets"


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def services(backend: str, tmp_path: Path) -> Iterator[Services]:
    """An empty catalog of its own for one test."""
    with fresh_services(backend, tmp_path) as built:
        yield built


@pytest.fixture
def sysadmin_context(services: Services) -> ActionContext:
    return site_context(services, build_registry())


@pytest.fixture(scope="session", params=BACKENDS)
def loaded_services(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Services]:
    """The 94 categories of datasets/, loaded once per backend; tests must not change it."""
    directory = tmp_path_factory.mktemp(f"loaded-{request.param}")
    with fresh_services(request.param, directory) as built:
        load_content(site_context(built, build_registry()), DATASETS)
        assert built.datastore_jobs.wait_idle(timeout=600), "DataStore loads did not finish"
        yield built


@pytest.fixture
def anonymous(loaded_services: Services) -> ActionContext:
    return ActionContext(services=loaded_services, identity=None, registry=build_registry())

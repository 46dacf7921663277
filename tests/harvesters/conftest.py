"""Fixtures for harvesting tests: a served source catalog beside the test's own catalog."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from catalog.actions import build_registry
from catalog.actions.registry import ActionContext
from catalog.content.loader import site_context
from catalog.services.runtime import Services
from tests.support.harvest import Remote, remote_catalog


@pytest.fixture
def remote(backend: str, tmp_path: Path) -> Iterator[Remote]:
    """Another instance of this catalog on loopback, filled by fill_source_catalog."""
    with remote_catalog(backend, tmp_path / "remote") as built:
        yield built


@pytest.fixture
def local(services: Services) -> ActionContext:
    """The harvesting catalog's sysadmin context."""
    return site_context(services, build_registry())

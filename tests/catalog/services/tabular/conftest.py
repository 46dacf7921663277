"""Helpers for the validation engine's tests: fixture folders and a validate-and-read helper."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from catalog.services.tabular import ValidationOutcome, validate_file

FILES = Path(__file__).parent / "files"
TESTDATA = Path(__file__).resolve().parents[4].parent / "shared" / "frictionless-testdata"


@pytest.fixture
def files() -> Path:
    return FILES


@pytest.fixture
def testdata() -> Path:
    if not TESTDATA.is_dir():
        pytest.skip(f"{TESTDATA} is not here")
    return TESTDATA


@pytest.fixture
def validate(tmp_path: Path) -> Callable[..., ValidationOutcome]:
    """validate_file writing its normalized copy under tmp_path (so pytest removes it)."""

    def run(path: Path, **options) -> ValidationOutcome:
        options.setdefault("format", None)
        outcome = validate_file(path, workdir=tmp_path, **options)
        if outcome.normalized_path is not None:
            assert outcome.normalized_path.parent == tmp_path
        return outcome

    return run


def errors_of(outcome: ValidationOutcome) -> list[tuple]:
    """(type, rowNumber, fieldName) of each error of the report, in order."""
    return [
        (error["type"], error.get("rowNumber"), error.get("fieldName"))
        for error in outcome.report["errors"]
    ]

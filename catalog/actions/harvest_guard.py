"""Harvested datasets are read-only here: their source is the truth, and the next harvest
would overwrite a local edit. Writes by anyone but the harvest runner (an ActionContext
with `harvest=True`) are refused until a steward detaches the dataset
(harvest_dataset_detach); the harvest extras can be set by the runner only.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from catalog.actions.registry import ActionContext
from catalog.db.harvest import HarvestSource
from catalog.db.models import Package, PackageExtra
from catalog.errors import NotAuthorized, ValidationFailed
from catalog.services.harvest import HARVEST_EXTRAS


def harvest_source_of(session: Session, package_id: str) -> str | None:
    """The id of the source that harvested this dataset (None for a local dataset)."""
    return session.execute(
        select(PackageExtra.value).where(
            PackageExtra.package_id == package_id, PackageExtra.key == "harvest_source_id"
        )
    ).scalar_one_or_none()


def ensure_writable(context: ActionContext, session: Session, package: Package) -> None:
    """Raise NotAuthorized (403) when a caller other than the harvester changes a
    harvested dataset."""
    if context.harvest:
        return
    source_id = harvest_source_of(session, package.id)
    if source_id is None:
        return
    source = session.get(HarvestSource, source_id)
    origin = f"{source.title} ({source.url})" if source is not None else f"source {source_id}"
    raise NotAuthorized(
        f"Dataset {package.name} is harvested from {origin} and is read-only here: change it "
        "at its source, or detach it first with harvest_dataset_detach"
    )


def check_reserved_extras(context: ActionContext, data_dict: dict[str, Any]) -> None:
    """Only the harvester sets the harvest_* extras (409 for anyone else)."""
    if context.harvest:
        return
    extras = data_dict.get("extras")
    if not isinstance(extras, list):
        return
    reserved = [e["key"] for e in extras if isinstance(e, dict) and e.get("key") in HARVEST_EXTRAS]
    if reserved:
        raise ValidationFailed(
            {"extras": [f'"{key}" is set by the harvester only' for key in reserved]}
        )

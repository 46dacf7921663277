"""Harvest source actions, named and shaped as ckanext-harvest's: harvest_source_create,
_show, _list, _update, _delete; and harvest_dataset_detach, which turns a harvested dataset
into a local one that its organization can edit.

Sources are rows of their own (not datasets of type "harvest" as in ckanext-harvest), so
they never show up in package_search or the feeds.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from catalog.actions.auth import authorize
from catalog.actions.common import site_url, utcnow
from catalog.actions.harvest_guard import harvest_source_of
from catalog.actions.package_writes import current_input, locked_package, write_package
from catalog.actions.params import Params, as_bool
from catalog.actions.registry import ActionContext, action
from catalog.db.harvest import HarvestSource
from catalog.errors import NotFound, ValidationFailed
from catalog.services.dictization import with_download_urls
from catalog.services.harvest import HARVEST_EXTRAS, store
from catalog.services.harvest.dictize import source_dict
from catalog.services.harvest.sources import validate_source
from catalog.services.packages import find_group

_FIELDS = ("name", "title", "url", "source_type", "frequency", "config", "owner_org", "active")


def _source(session: Any, reference: Any) -> HarvestSource:
    if reference in (None, ""):
        raise ValidationFailed({"id": ["Missing value"]})
    source = store.find_source(session, str(reference))
    if source is None:
        raise NotFound(f"Harvest source {reference} does not exist")
    return source


def _clean(session: Any, data: dict[str, Any], current: HarvestSource | None) -> dict:
    given = {key: data[key] for key in _FIELDS if key in data}
    if "type" in data and "source_type" not in data:
        given["source_type"] = data["type"]
    before = {key: getattr(current, key) for key in _FIELDS} if current else None
    owner = given.get("owner_org", before["owner_org"] if before else None)
    org = find_group(session, str(owner), is_organization=True) if owner else None
    name = given.get("name") or (current.name if current else None)
    clash = None
    if isinstance(name, str):
        clash = session.execute(
            select(HarvestSource.id).where(HarvestSource.name == name)
        ).scalar_one_or_none()
    return validate_source(
        given,
        current=before,
        name_taken=clash is not None and (current is None or clash != current.id),
        organization_id=org.id if org else None,
    )


@action()
def harvest_source_create(context: ActionContext, data_dict: dict[str, Any]) -> dict:
    """Create a harvest source (sysadmins).

    :param name: 2-100 of a-z 0-9 - _; :param url: the remote site (ckan) or RDF document
        (dcat); :param source_type: "ckan" or "dcat"; :param title
    :param owner_org: the local organization harvested datasets go to
    :param frequency: MANUAL (default), DAILY or WEEKLY
    :param config: a JSON object (string or dict); see the README for its keys
    """
    with context.services.session(write=True) as session:
        authorize(context, session, "harvest_source_create")
        clean = _clean(session, data_dict, None)
        now = utcnow()
        source = HarvestSource(**clean, created=now, creator_user_id=context.user_id)
        session.add(source)
        session.flush()
        return source_dict(session, source, show_secrets=True)


@action(side_effect_free=True)
def harvest_source_show(context: ActionContext, data_dict: dict[str, Any]) -> dict:
    """Return a harvest source with its status (job count, last job, datasets).

    :param id: the source's id or name (or :param url:)
    """
    with context.services.session() as session:
        source = _source(session, data_dict.get("id") or data_dict.get("url"))
        return source_dict(session, source, show_secrets=context.is_sysadmin)


@action(side_effect_free=True)
def harvest_source_list(context: ActionContext, data_dict: dict[str, Any]) -> list[dict]:
    """Return the harvest sources, newest first.

    :param only_active: only active sources (default false)
    """
    only_active = as_bool(data_dict.get("only_active", False))
    with context.services.session() as session:
        return [
            source_dict(session, source, show_secrets=context.is_sysadmin)
            for source in store.list_sources(session, only_active=only_active)
        ]


@action()
def harvest_source_update(context: ActionContext, data_dict: dict[str, Any]) -> dict:
    """Change a harvest source (sysadmins); fields not given keep their values.

    :param id: the source's id or name; other parameters as harvest_source_create
    """
    with context.services.session(write=True) as session:
        source = _source(session, data_dict.get("id"))
        authorize(context, session, "harvest_source_update")
        clean = _clean(session, {k: v for k, v in data_dict.items() if k != "id"}, source)
        if clean["frequency"] != source.frequency:
            source.next_run = None
        for key, value in clean.items():
            setattr(source, key, value)
        session.flush()
        return source_dict(session, source, show_secrets=True)


@action()
def harvest_source_delete(context: ActionContext, data_dict: dict[str, Any]) -> None:
    """Delete a harvest source and its jobs (sysadmins). Its datasets stay, detached (local
    and editable), unless `clear` is true: then they are deleted.

    :param id: the source's id or name; :param clear: delete the harvested datasets too
    """
    clear = as_bool(data_dict.get("clear", False))
    with context.services.session() as session:
        source = _source(session, data_dict.get("id"))
        authorize(context, session, "harvest_source_delete")
        job = store.open_job(session, source.id)
        if job is not None and job.status == "Running":
            raise ValidationFailed(
                {"id": ["A harvest job of this source is running; abort it first"]}
            )
        package_ids = store.harvested_package_ids(session, source.id)
        source_id = source.id
    runner = _as_harvester(context)
    for package_id in package_ids:
        if clear:
            runner.call("package_delete", {"id": package_id})
        else:
            _detach(runner, package_id)
    with context.services.session(write=True) as session:
        source = session.get(HarvestSource, source_id)
        if source is not None:
            store.delete_source(session, source)
    return None


def _as_harvester(context: ActionContext) -> ActionContext:
    return ActionContext(
        services=context.services, identity=context.identity, registry=context.registry,
        harvest=True,
    )  # fmt: skip


def _detach(context: ActionContext, reference: Any) -> dict[str, Any]:
    with context.services.session(write=True) as session:
        package = locked_package(session, reference)
        authorize(context, session, "harvest_dataset_detach", package=package)
        if harvest_source_of(session, package.id) is None:
            raise ValidationFailed({"id": ["This dataset is not harvested"]})
        data = current_input(session, package, site_url(context))
        data["extras"] = [e for e in data.get("extras", []) if e["key"] not in HARVEST_EXTRAS]
        saved = write_package(context, session, data, package)
        store.uncurrent_package(session, package.id)
    return with_download_urls(saved, site_url(context))


@action()
def harvest_dataset_detach(context: ActionContext, data_dict: dict[str, Any]) -> dict:
    """Make a harvested dataset local: it loses its harvest extras, later harvests leave it
    alone, and its organization's editors may change it (sysadmins, organization admins).

    :param id: the dataset's id or name
    """
    params = Params(data_dict)
    reference = params.required_string("id")
    params.check()
    return _detach(context, reference)

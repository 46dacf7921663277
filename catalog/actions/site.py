"""Site-wide read actions: tags, licenses, status, help."""

from __future__ import annotations

from typing import Any

from sqlalchemy import or_, select

from catalog.actions.params import Params
from catalog.actions.registry import ActionContext, action
from catalog.db.models import License, Package, PackageTag, Tag
from catalog.errors import NotFound, ValidationFailed
from catalog.services.dictization import license_dictize

CKAN_VERSION = "2.11.5"


@action(side_effect_free=True)
def tag_list(context: ActionContext, data_dict: dict[str, Any]) -> list[Any]:
    """Return the free tags in use on active datasets.

    :param query: only tags containing this text (alias q)
    :param all_fields: return dicts {id, name, vocabulary_id} instead of names
    """
    params = Params(data_dict)
    text = params.string("query") or params.string("q")
    all_fields = params.boolean("all_fields")
    query = (
        select(Tag)
        .join(PackageTag, PackageTag.tag_id == Tag.id)
        .join(Package, Package.id == PackageTag.package_id)
        .where(
            Tag.vocabulary_id.is_(None),
            PackageTag.state == "active",
            Package.state == "active",
            Package.private.is_(False),  # a private dataset's tags are its metadata too
        )
        .distinct()
        .order_by(Tag.name)
    )
    if text:
        query = query.where(Tag.name.ilike(f"%{text}%"))
    with context.services.session() as session:
        tags = list(session.execute(query).scalars())
    if all_fields:
        return [{"id": t.id, "name": t.name, "vocabulary_id": t.vocabulary_id} for t in tags]
    return [tag.name for tag in tags]


@action(side_effect_free=True)
def tag_show(context: ActionContext, data_dict: dict[str, Any]) -> dict[str, Any]:
    """Return a tag.

    :param id: the tag's name or id
    :param include_datasets: add up to 1000 of its public datasets (default false)
    """
    reference = data_dict.get("id")
    if reference in (None, ""):
        raise ValidationFailed({"id": ["Missing value"]})
    with context.services.session() as session:
        tag = session.execute(
            select(Tag).where(
                or_(Tag.id == str(reference), Tag.name == str(reference)),
                Tag.vocabulary_id.is_(None),
            )
        ).scalar_one_or_none()
    if tag is None:
        raise NotFound(f'Could not find tag "{reference}"')
    result: dict[str, Any] = {
        "id": tag.id,
        "name": tag.name,
        "vocabulary_id": tag.vocabulary_id,
        "display_name": tag.name,
    }
    if Params(data_dict).boolean("include_datasets"):
        search = context.call(
            "package_search", {"fq": f'tags:"{tag.name}"', "rows": 1000, "facet": "false"}
        )
        result["packages"] = search["results"]
    return result


@action(side_effect_free=True)
def license_list(context: ActionContext, data_dict: dict[str, Any]) -> list[dict[str, str]]:
    """Return the licenses datasets can use."""
    with context.services.session() as session:
        licenses = session.execute(select(License).order_by(License.position)).scalars()
        return [license_dictize(lic) for lic in licenses]


@action(side_effect_free=True)
def status_show(context: ActionContext, data_dict: dict[str, Any]) -> dict[str, Any]:
    """Return the site's title, URL, locale, extensions and the CKAN version it emulates."""
    settings = context.services.settings
    return {
        "site_title": settings.site_title,
        "site_description": settings.site_description,
        "site_url": settings.site_url,
        "error_emails_to": None,
        "locale_default": settings.locale_default,
        "extensions": list(settings.extensions),
        "ckan_version": CKAN_VERSION,
    }


@action(side_effect_free=True)
def site_read(context: ActionContext, data_dict: dict[str, Any]) -> bool:
    """Return true: the caller may read the site (kept from CKAN 2.10)."""
    return True


@action(side_effect_free=True)
def help_show(context: ActionContext, data_dict: dict[str, Any]) -> str | None:
    """Return the documentation of an action.

    :param name: the action's name
    """
    name = data_dict.get("name")
    if name in (None, ""):
        raise ValidationFailed({"name": ["Missing value"]})
    registry = context.registry
    if registry is None or str(name) not in registry:
        raise NotFound("Action function not found")
    return registry.get(str(name)).doc

"""The feeds' reads: which datasets a DCAT or data.json feed shows, fetched through the
package_search / package_show actions as an *anonymous* caller, whoever asks, so private,
draft and deleted datasets never appear in a feed. Not actions themselves: the web routes
(app/feeds) call these and serialise the result.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from rdflib import Graph

from catalog.actions.registry import ActionContext
from catalog.services.feeds.datajson import build_data_json
from catalog.services.feeds.dcat import DcatBuilder
from catalog.services.feeds.graph import FeedSite, new_graph
from catalog.services.feeds.paging import (
    DATASETS_PER_PAGE,
    CatalogQuery,
    add_paging,
    paging_info,
    parse_catalog_query,
    parse_profile,
)

SEARCH_ROWS = 1000  # package_search's most rows at once: data.json pages through with it


def anonymous(context: ActionContext) -> ActionContext:
    return ActionContext(services=context.services, identity=None, registry=context.registry)


def _all_dicts(anon: ActionContext, action: str) -> list[dict[str, Any]]:
    """Every organization / group as a dict (CKAN hands out at most 25 dicts a call)."""
    found: list[dict[str, Any]] = []
    while True:
        batch = anon.call(action, {"all_fields": True, "offset": len(found), "limit": 25})
        found.extend(batch)
        if len(batch) < 25:
            return found


def feed_site(context: ActionContext, profile: str | None = None) -> FeedSite:
    """The site, its organizations, themes and licences, as anyone may read them."""
    anon = anonymous(context)
    settings = context.services.settings
    organizations = _all_dicts(anon, "organization_list")
    groups = _all_dicts(anon, "group_list")
    licenses = anon.call("license_list", {})
    return FeedSite(
        site_url=settings.site_url,
        title=settings.site_title,
        description=settings.site_description,
        profile=profile or parse_profile(None),
        organizations={item["id"]: item for item in organizations},
        groups={item["name"]: item for item in groups},
        licenses={item["id"]: item for item in licenses},
    )


def _first_value(context: ActionContext, sort: str, key: str) -> str | None:
    found = anonymous(context).call("package_search", {"q": "*:*", "rows": 1, "sort": sort})
    results = found.get("results") or []
    return results[0].get(key) if results else None


def catalog_dates(context: ActionContext) -> tuple[str | None, str | None]:
    """The catalog's dct:issued and dct:modified: when its oldest public dataset was
    created and when its newest was last modified."""
    issued = _first_value(context, "metadata_created asc", "metadata_created")
    modified = _first_value(context, "metadata_modified desc", "metadata_modified")
    return issued, modified


@dataclass
class CatalogPage:
    graph: Graph
    query: CatalogQuery
    count: int
    returned: int


def catalog_page(
    context: ActionContext,
    params: Mapping[str, Any],
    base_url: str,
    per_page: int | None = None,
) -> CatalogPage:
    """One page of the DCAT catalog (ckanext-dcat's `dcat_catalog_show`).

    `base_url` is the absolute URL of the feed without its query (site URL + request path),
    the base of the Hydra page links; `per_page` defaults to Settings.feeds_per_page.
    Raises ValidationFailed for a bad page, date or profile and the search errors of
    package_search for a bad q / fq.
    """
    query = parse_catalog_query(params)
    per_page = per_page or context.services.settings.feeds_per_page or DATASETS_PER_PAGE
    anon = anonymous(context)
    result = anon.call("package_search", query.search_dict(per_page))
    packages = result["results"]
    builder = DcatBuilder(feed_site(context, query.profile), new_graph())
    refs = [builder.add_dataset(package) for package in packages]
    issued, modified = catalog_dates(context)
    builder.add_catalog(refs, issued=issued, modified=modified)
    paging = paging_info(result["count"], len(packages), query.page, per_page, base_url, params)
    if paging is not None:
        add_paging(builder.g, paging)
    return CatalogPage(builder.g, query, result["count"], len(packages))


def dataset_graph(context: ActionContext, id_or_name: str, profile: str | None = None) -> Graph:
    """One dataset (ckanext-dcat's `dcat_dataset_show`): NotFound / NotAuthorized as
    package_show answers an anonymous caller."""
    chosen = parse_profile(profile)
    package = anonymous(context).call("package_show", {"id": id_or_name})
    builder = DcatBuilder(feed_site(context, chosen), new_graph())
    builder.add_dataset(package)
    return builder.g


def public_packages(context: ActionContext) -> Iterator[dict[str, Any]]:
    """Every public, active dataset, newest first, a thousand at a time."""
    anon = anonymous(context)
    start = 0
    while True:
        page = anon.call(
            "package_search",
            {"q": "*:*", "rows": SEARCH_ROWS, "start": start, "sort": "metadata_modified desc"},
        )
        results = page["results"]
        yield from results
        start += len(results)
        if not results or start >= page["count"]:
            return


def data_json(context: ActionContext) -> dict[str, Any]:
    """The catalog as DCAT-US 1.1 (`/data.json`)."""
    site = feed_site(context)
    return build_data_json(site, public_packages(context))

"""The catalog feed's request parameters and Hydra paging, with ckanext-dcat's semantics
(`ckanext/dcat/logic.py`: `_search_ckan_datasets`, `_pagination_info`):

* `page`: a positive integer from 1 (default 1); anything else is refused with
  "Page param must be a positive integer starting in 1".
* `modified_since`: an ISO 8601 date or time (UTC when it has no offset); only datasets
  modified since then, through `metadata_modified:[<since> TO NOW]`.
* `q`, `fq`: passed to package_search (`q` defaults to `*:*`).
* `profiles`: `euro_dcat_ap_3` (default) or `euro_dcat_ap_2`.
* Datasets newest first (`metadata_modified desc`), `per_page` (100) to a page.

The paging node is a `hydra:PagedCollection` whose IRI is the current page's URL, carrying
both the current Hydra terms (`hydra:next`, `previous`, `first`, `last`) and the deprecated
ones ckanext-dcat also writes and older harvesters follow (`hydra:nextPage`, ...), plus
`hydra:totalItems` and `hydra:itemsPerPage`. Page links keep the request's `modified_since`,
`profiles`, `q` and `fq` and end with `page=N`. An empty result has no paging node.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

from rdflib import Graph, Literal, URIRef

from catalog.errors import ValidationFailed
from catalog.services.feeds.graph import DEFAULT_PROFILE, PROFILES
from catalog.services.feeds.vocab import HYDRA, RDF

DATASETS_PER_PAGE = 100
PAGE_ERROR = "Page param must be a positive integer starting in 1"
DATE_ERROR = "Wrong modified date format. Use ISO-8601 format"
LINK_PARAMETERS = ("modified_since", "profiles", "q", "fq")


@dataclass(frozen=True)
class CatalogQuery:
    page: int = 1
    modified_since: str | None = None  # normalized: naive UTC ISO 8601 + "Z"
    q: str | None = None
    fq: str | None = None
    profile: str = DEFAULT_PROFILE

    def search_dict(self, per_page: int) -> dict[str, Any]:
        """The package_search data dict for this page."""
        data: dict[str, Any] = {
            "q": self.q or "*:*",
            "rows": per_page,
            "start": per_page * (self.page - 1),
            "sort": "metadata_modified desc",
        }
        if self.fq:
            data["fq"] = self.fq
        if self.modified_since:
            data["fq_list"] = [f"metadata_modified:[{self.modified_since} TO NOW]"]
        return data


def _first(params: Mapping[str, Any], key: str) -> str | None:
    value = params.get(key)
    if isinstance(value, list | tuple):
        value = value[0] if value else None
    if value is None:
        return None
    return str(value)


def parse_page(value: str | None) -> int:
    if value in (None, ""):
        return 1
    try:
        page = int(value)
    except ValueError:
        raise ValidationFailed({"page": [PAGE_ERROR]}) from None
    if page < 1 or page > 2**31:
        raise ValidationFailed({"page": [PAGE_ERROR]})
    return page


def parse_modified_since(value: str | None) -> str | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise ValidationFailed({"modified_since": [DATE_ERROR]}) from None
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(UTC).replace(tzinfo=None)
    return f"{parsed.isoformat()}Z"


def parse_profile(value: str | None) -> str:
    if not value:
        return DEFAULT_PROFILE
    names = [name.strip() for name in value.replace(" ", ",").split(",") if name.strip()]
    unknown = sorted(set(names) - set(PROFILES))
    if unknown:
        raise ValidationFailed({"profiles": [f"Unknown RDF profiles: {', '.join(unknown)}"]})
    # the first DCAT-AP version named wins (one graph cannot be both)
    return names[0] if names else DEFAULT_PROFILE


def parse_catalog_query(params: Mapping[str, Any]) -> CatalogQuery:
    return CatalogQuery(
        page=parse_page(_first(params, "page")),
        modified_since=parse_modified_since(_first(params, "modified_since")),
        q=_first(params, "q") or None,
        fq=_first(params, "fq") or None,
        profile=parse_profile(_first(params, "profiles")),
    )


@dataclass(frozen=True)
class Paging:
    count: int
    items_per_page: int
    current: str
    first: str
    last: str
    next: str | None = None
    previous: str | None = None


def page_url(base_url: str, params: Mapping[str, Any], page: int) -> str:
    kept = [(key, value) for key in LINK_PARAMETERS if (value := _first(params, key))]
    return f"{base_url}?{urlencode([*kept, ('page', str(page))])}"


def paging_info(
    count: int, returned: int, page: int, per_page: int, base_url: str, params: Mapping[str, Any]
) -> Paging | None:
    """ckanext-dcat's `_pagination_info`: None for an empty result."""
    if count == 0:
        return None
    last_page = math.ceil(count / per_page) or 1
    previous = None
    if page > 1:
        in_range = (page - 1) * per_page + returned <= count
        previous = page - 1 if in_range else last_page
    return Paging(
        count=count,
        items_per_page=per_page,
        current=page_url(base_url, params, page),
        first=page_url(base_url, params, 1),
        last=page_url(base_url, params, last_page),
        next=page_url(base_url, params, page + 1) if page * per_page < count else None,
        previous=page_url(base_url, params, previous) if previous else None,
    )


def add_paging(graph: Graph, paging: Paging) -> URIRef:
    graph.bind("hydra", HYDRA)
    node = URIRef(paging.current)
    graph.add((node, RDF.type, HYDRA.PagedCollection))
    links = (
        (paging.next, (HYDRA.next, HYDRA.nextPage)),
        (paging.previous, (HYDRA.previous, HYDRA.previousPage)),
        (paging.first, (HYDRA.first, HYDRA.firstPage)),
        (paging.last, (HYDRA.last, HYDRA.lastPage)),
    )
    for url, predicates in links:
        if url:
            for predicate in predicates:
                graph.add((node, predicate, URIRef(url)))
    graph.add((node, HYDRA.totalItems, Literal(paging.count)))
    graph.add((node, HYDRA.itemsPerPage, Literal(paging.items_per_page)))
    return node

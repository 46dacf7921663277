"""The search page's query string, CKAN style (`?q=&organization=a&tags=x&tags=y&sort=&page=`),
turned into package_search parameters, and the links that add or remove one filter."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from app.web.i18n import N_

# Facet fields in the order the sidebar shows them; each is also a query-string filter.
FACET_FIELDS = (
    "organization",
    "groups",
    "res_format",
    "license_id",
    "res_validation_status",
    "tags",
)


FACET_TITLES = {
    "organization": N_("Publishers"),
    "groups": N_("Themes"),
    "res_format": N_("Formats"),
    "license_id": N_("Licences"),
    "res_validation_status": N_("Data quality"),
    "tags": N_("Tags"),
}
VALIDATION_LABELS = {
    "success": N_("Valid"),
    "failure": N_("Has errors"),
    "error": N_("Could not be checked"),
}
SORTS = {
    "score desc, metadata_modified desc": N_("Relevance"),
    "title_string asc": N_("Name A–Z"),
    "title_string desc": N_("Name Z–A"),
    "metadata_modified desc": N_("Last modified"),
    "metadata_created desc": N_("Newest"),
}
DEFAULT_SORT = "score desc, metadata_modified desc"
ROWS = 20
MAX_PAGE = 10_000
FACET_SHOWN = 10
MAX_QUERY = 500


@dataclass
class SearchParams:
    q: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    sort: str = DEFAULT_SORT
    page: int = 1
    expanded: set[str] = field(default_factory=set)

    @classmethod
    def from_query(cls, items: list[tuple[str, str]]) -> SearchParams:
        params = cls()
        for key, value in items:
            value = value.strip()
            if key == "q":
                params.q = value[:MAX_QUERY]
            elif key in FACET_FIELDS and value:
                values = params.filters.setdefault(key, [])
                if value not in values and len(values) < 20:
                    values.append(value[:200])
            elif key == "sort" and value in SORTS:
                params.sort = value
            elif key == "page":
                params.page = min(max(int(value), 1), MAX_PAGE) if value.isdigit() else 1
            elif key.startswith("_") and key.endswith("_limit") and value == "0":
                params.expanded.add(key[1:-6])
        return params

    def action_data(self, rows: int = ROWS) -> dict[str, Any]:
        """package_search's data dict: free text in q, each filter an fq clause (ANDed)."""
        return {
            "q": self.q,
            "fq": " ".join(
                f"{name}:{quote(value)}"
                for name, values in self.filters.items()
                for value in values
            ),
            "sort": self.sort,
            "rows": rows,
            "start": (self.page - 1) * rows,
            "facet.field": json.dumps(list(FACET_FIELDS)),
            "facet.limit": -1,
        }

    def items(self) -> list[tuple[str, str]]:
        """The query-string pairs for these parameters (page 1 and default sort omitted)."""
        pairs: list[tuple[str, str]] = []
        if self.q:
            pairs.append(("q", self.q))
        for name in FACET_FIELDS:
            pairs.extend((name, value) for value in self.filters.get(name, ()))
        if self.sort != DEFAULT_SORT:
            pairs.append(("sort", self.sort))
        if self.page > 1:
            pairs.append(("page", str(self.page)))
        pairs.extend((f"_{name}_limit", "0") for name in sorted(self.expanded))
        return pairs

    def url(self, path: str = "/dataset", **changes: Any) -> str:
        clone = SearchParams(
            q=self.q,
            filters={key: list(values) for key, values in self.filters.items()},
            sort=self.sort,
            page=1,
            expanded=set(self.expanded),
        )
        for key, value in changes.items():
            setattr(clone, key, value)
        query = urlencode(clone.items())
        return f"{path}?{query}" if query else path

    def toggled(self, name: str, value: str, path: str = "/dataset") -> str:
        """The link that adds the filter name=value, or removes it when it is on."""
        filters = {key: list(values) for key, values in self.filters.items()}
        values = filters.setdefault(name, [])
        if value in values:
            values.remove(value)
        else:
            values.append(value)
        return self.url(path, filters={k: v for k, v in filters.items() if v})

    def with_page(self, page: int, path: str = "/dataset") -> str:
        return self.url(path, page=page)

    def expand(self, name: str, path: str = "/dataset") -> str:
        return self.url(path, expanded=self.expanded | {name})

    @property
    def active(self) -> list[tuple[str, str]]:
        return [(name, value) for name in FACET_FIELDS for value in self.filters.get(name, ())]


def quote(value: str) -> str:
    """A Lucene phrase: the value in double quotes, backslash and quote escaped."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'

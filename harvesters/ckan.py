"""The CKAN harvester: reads a remote CKAN's package_search the way ckanext-harvest's
CKANHarvester does (rows=100, start += rows, sort "id asc", fq filter terms, duplicates
across pages dropped, identical consecutive pages = paging does not work), fully or only
what changed since the last error-free job (`metadata_modified:[<then - 1 h>Z TO *]`).

Unlike ckanext-harvest it also learns which datasets disappeared: a full harvest sees every
id; an incremental one lists the ids (`fl=id`, 1000 a page) after reading the changes.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlencode

import httpx

from harvesters.base import GatherError, GatherState, RemoteRecord
from harvesters.ckan_mapping import CkanMapper
from harvesters.http import get_json

SEARCH = "/api/3/action/package_search"
MAX_PAGES = 100_000
ID_PAGE = 1000


def filter_terms(config: dict[str, Any]) -> list[str]:
    """The fq terms of ckanext-harvest's organization and group filters."""
    terms: list[str] = []
    for kind, field in (("organizations", "organization"), ("groups", "groups")):
        include = config.get(f"{kind}_filter_include") or []
        exclude = config.get(f"{kind}_filter_exclude") or []
        if include:
            terms.append(" OR ".join(f"{field}:{name}" for name in include))
        elif exclude:
            terms.extend(f"-{field}:{name}" for name in exclude)
    return terms


class CkanHarvester:
    def __init__(
        self,
        *,
        url: str,
        config: dict[str, Any],
        client: httpx.Client,
        since: datetime | None,
        mapper: CkanMapper,
    ) -> None:
        self.base = url.rstrip("/")
        self.config = config
        self.client = client
        self.since = None if config.get("force_all") else since
        self.mapper = mapper
        self.rows = int(config.get("rows") or 100)
        self.state = GatherState(run_type="incremental" if self.since else "full")
        self._unidentified = False

    def gather(self) -> Iterator[list[RemoteRecord]]:
        terms = filter_terms(self.config)
        try:
            if self.since is None:
                for page in self._search(terms, self.rows):
                    yield self._records(page)
            else:
                since = (self.since - timedelta(hours=1)).isoformat()
                changed = [*terms, f"metadata_modified:[{since}Z TO *]"]
                for page in self._search(changed, self.rows):
                    yield self._records(page)
                for page in self._search(terms, ID_PAGE, fields="id"):
                    self._records(page, listing=True)
        except GatherError as error:
            self.state.errors.append(str(error))
            return
        self.state.complete = not self._unidentified

    def _search(
        self, terms: list[str], rows: int, fields: str | None = None
    ) -> Iterator[list[Any]]:
        """Pages of package_search results until an empty page."""
        params: dict[str, str] = {"rows": str(rows), "start": "0", "sort": "id asc"}
        if terms:
            params["fq"] = " ".join(terms)
        if fields:
            params["fl"] = fields
        previous: Any = None
        for _ in range(MAX_PAGES):
            url = f"{self.base}{SEARCH}?{urlencode(params)}"
            answer = get_json(self.client, url)
            if previous is not None and answer == previous:
                raise GatherError(f"The paging doesn't seem to work. URL: {url}")
            previous = answer
            result = answer.get("result") if isinstance(answer, dict) else None
            if isinstance(answer, dict) and answer.get("success") is False:
                raise GatherError(f"{url}: the remote refused the search: {answer.get('error')}")
            page = result.get("results") if isinstance(result, dict) else None
            if not isinstance(page, list):
                raise GatherError(f"{url}: the answer has no result.results list")
            if not page:
                return
            yield page
            params["start"] = str(int(params["start"]) + rows)
        raise GatherError(f"{self.base}: more than {MAX_PAGES} pages")

    def _records(self, page: list[Any], *, listing: bool = False) -> list[RemoteRecord]:
        records = []
        for number, item in enumerate(page):
            guid = item.get("id") if isinstance(item, dict) else None
            if not isinstance(guid, str) or not guid:
                self._unidentified = True  # it might be any dataset: delete nothing
                records.append(
                    RemoteRecord(
                        guid=f"(record without an id, page offset {number})",
                        content=item,
                        problem="unidentified",
                    )
                )
                continue
            if item.get("private") in (True, "true", "True") or item.get("type") == "harvest":
                continue  # private data is never harvested; harvest sources are not data
            if guid in self.state.seen:
                continue  # changed while we paged: already read on an earlier page
            self.state.seen.add(guid)
            if listing:
                continue
            name = item.get("name")
            records.append(
                RemoteRecord(
                    guid=guid,
                    content=item,
                    remote_modified=str(item.get("metadata_modified") or "") or None,
                    remote_url=f"{self.base}/dataset/{name}" if isinstance(name, str) else None,
                )
            )
        return records

    def to_package(self, record: RemoteRecord) -> dict[str, Any]:
        return self.mapper.to_package(record)

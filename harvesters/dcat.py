"""The DCAT RDF harvester: reads an RDF document (Turtle, RDF/XML, JSON-LD, N-Triples)
and follows its Hydra paging to the next page: `hydra:next`, or the older `hydra:nextPage`
of the hydra:PagedCollection that ckanext-dcat writes. Every page is one import batch;
datasets that disappeared are deleted only when every page was read.

guid = the dataset's dct:identifier, else its URI (a blank-node dataset without an
identifier cannot be tracked: it is recorded as failed, and nothing is deleted that run).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urljoin, urlparse

import httpx
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF

from harvesters.base import GatherError, GatherState, RecordError, RemoteRecord
from harvesters.dcat_mapping import DatasetReader, datasets_in, fallback_name
from harvesters.http import get

HYDRA = Namespace("http://www.w3.org/ns/hydra/core#")
PAGED = (HYDRA.PagedCollection, HYDRA.PartialCollectionView, HYDRA.Collection)
MEDIA_TYPES = {
    "text/turtle": "turtle", "application/x-turtle": "turtle", "text/n3": "n3",
    "application/rdf+xml": "xml", "application/xml": "xml", "text/xml": "xml",
    "application/ld+json": "json-ld", "application/json": "json-ld",
    "application/n-triples": "nt", "application/trig": "trig",
}  # fmt: skip
SUFFIXES = {".ttl": "turtle", ".rdf": "xml", ".xml": "xml", ".jsonld": "json-ld",
            ".json": "json-ld", ".nt": "nt", ".n3": "n3"}  # fmt: skip


def rdf_format(content_type: str, url: str) -> str | None:
    media = content_type.split(";", 1)[0].strip().lower()
    if media in MEDIA_TYPES:
        return MEDIA_TYPES[media]
    path = urlparse(url).path.lower()
    return next((fmt for suffix, fmt in SUFFIXES.items() if path.endswith(suffix)), None)


def next_page(graph: Graph, base: str) -> str | None:
    for kind in PAGED:
        for page in graph.subjects(RDF.type, kind):
            for prop in (HYDRA.next, HYDRA.nextPage):
                for target in graph.objects(page, prop):
                    return urljoin(base, str(target))
    return None


class DcatHarvester:
    def __init__(
        self,
        *,
        url: str,
        config: dict[str, Any],
        client: httpx.Client,
        owner_org: str | None,
        placeholders: dict[str, str],
    ) -> None:
        self.url = url
        self.config = config
        self.client = client
        self.owner_org = owner_org
        self.placeholders = placeholders
        self.max_pages = int(config.get("max_pages") or 1000)
        self.state = GatherState(run_type="full")

    def gather(self) -> Iterator[list[RemoteRecord]]:
        url: str | None = self.url
        visited: set[str] = set()
        identified = True
        while url:
            if url in visited:
                self.state.errors.append(f"The paging loops back to {url}")
                return
            if len(visited) >= self.max_pages:
                self.state.errors.append(f"{self.url}: more than {self.max_pages} pages")
                return
            visited.add(url)
            try:
                graph, base = self._page(url)
            except GatherError as error:
                self.state.errors.append(str(error))
                return
            records = []
            reader = DatasetReader(graph)
            for node in datasets_in(graph):
                guid = reader.guid(node)
                if guid is None:
                    identified = False
                    records.append(RemoteRecord(guid=f"(dataset without identifier on {url})",
                                                content=None, problem="unidentified"))  # fmt: skip
                    continue
                if guid in self.state.seen:
                    continue
                self.state.seen.add(guid)
                records.append(
                    RemoteRecord(
                        guid=guid,
                        content=(reader, node),
                        remote_modified=reader.value(node, DCTERMS.modified),
                        remote_url=reader.value(node, DCAT.landingPage)
                        or (str(node) if isinstance(node, URIRef) else None),
                    )
                )
            yield records
            url = next_page(graph, base)
        self.state.complete = identified

    def _page(self, url: str) -> tuple[Graph, str]:
        fetched = get(self.client, url)
        if fetched.status_code >= 400:
            raise GatherError(f"{url}: HTTP {fetched.status_code}")
        fmt = self.config.get("rdf_format") or rdf_format(fetched.content_type, fetched.url)
        if fmt is None:
            raise GatherError(
                f"{url}: cannot tell the RDF format of {fetched.content_type or 'the answer'}"
            )
        graph = Graph()
        try:
            graph.parse(data=fetched.content, format=fmt, publicID=fetched.url)
        except Exception as error:  # rdflib's parsers raise many kinds; all mean "bad page"
            raise GatherError(f"Error parsing the RDF file {url} as {fmt}: {error}") from None
        return graph, fetched.url

    def to_package(self, record: RemoteRecord) -> dict[str, Any]:
        if record.problem or not isinstance(record.content, tuple):
            raise RecordError("a dcat:Dataset without dct:identifier or URI")
        reader, node = record.content
        package = reader.dataset(node)
        if not package.get("name") or len(package["name"]) < 2:
            package["name"] = fallback_name(record.guid)
        if not package.get("title"):
            raise RecordError(f"dataset {record.guid} has no dct:title")
        package["owner_org"] = self.owner_org
        tags = package.setdefault("tags", [])
        for tag in self.config.get("default_tags") or []:
            name = tag.get("name") if isinstance(tag, dict) else tag
            if {"name": name} not in tags:
                tags.append({"name": name})
        extras = {e["key"]: e["value"] for e in package.get("extras", [])}
        for key, value in (self.config.get("default_extras") or {}).items():
            if key not in extras:
                extras[key] = (
                    value.format(**self.placeholders) if isinstance(value, str) else (str(value))
                )
        package["extras"] = [{"key": k, "value": v} for k, v in extras.items()]
        if self.config.get("default_groups"):
            package["groups"] = [{"name": name} for name in self.config["default_groups"]]
        return package

"""The shared machinery of the feed graphs: the site a feed describes (`FeedSite`), a graph
with our prefixes, and a writer that describes each shared node (vocabulary term, document,
licence, media type) once, typed and labelled, since no EU vocabulary is reachable offline."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from catalog.services.feeds import uris
from catalog.services.feeds.values import is_url, text
from catalog.services.feeds.vocab import (
    DCAT,
    DCT,
    FILE_TYPES,
    FOAF,
    IANA_MEDIA_TYPES,
    LICENCE_TYPE_UNKNOWN,
    LICENCE_TYPES,
    LICENCES,
    PREFIXES,
    RDF,
    RDFS,
    SHA256,
    SKOS,
    SPDX,
    XSD,
    Term,
)

PROFILES = ("euro_dcat_ap_3", "euro_dcat_ap_2")
DEFAULT_PROFILE = "euro_dcat_ap_3"


@dataclass
class FeedSite:
    """What the graph needs besides the packages: the site and the entities they name."""

    site_url: str
    title: str
    description: str
    profile: str = DEFAULT_PROFILE
    organizations: dict[str, dict[str, Any]] = field(default_factory=dict)  # by id
    groups: dict[str, dict[str, Any]] = field(default_factory=dict)  # by name
    licenses: dict[str, dict[str, Any]] = field(default_factory=dict)  # by id

    @property
    def byte_size_type(self) -> URIRef:
        # DCAT-AP 2.1.1 says xsd:decimal, 3.0.1 xsd:nonNegativeInteger.
        return XSD.decimal if self.profile == "euro_dcat_ap_2" else XSD.nonNegativeInteger


def new_graph() -> Graph:
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    return graph


class GraphWriter:
    """Writes into one graph for one site; describes shared nodes the first time only."""

    def __init__(self, site: FeedSite, graph: Graph | None = None) -> None:
        self.site = site
        self.g = graph if graph is not None else new_graph()
        self.url = uris.catalog_uri(site.site_url)
        self._done: set[Node] = set()

    def _once(self, node: Node) -> bool:
        """True the first time a shared node (term, agent, concept) is described."""
        if node in self._done:
            return False
        self._done.add(node)
        return True

    def _texts(self, subject: Node, predicate: URIRef, values: dict[str, str]) -> None:
        for lang, value in values.items():
            self.g.add((subject, predicate, Literal(value, lang=lang)))

    def _term(self, term: Term, *types: URIRef, scheme: str | None = None) -> URIRef:
        node = URIRef(term.iri)
        if self._once(node):
            for kind in types:
                self.g.add((node, RDF.type, kind))
            self.g.add((node, SKOS.prefLabel, Literal(term.vi, lang="vi")))
            self.g.add((node, SKOS.prefLabel, Literal(term.en, lang="en")))
            if scheme:
                self.g.add((node, SKOS.inScheme, URIRef(scheme)))
        return node

    def _typed(self, url: str, kind: URIRef) -> URIRef:
        node = URIRef(url)
        if self._once(node):
            self.g.add((node, RDF.type, kind))
        return node

    def _document(self, url: str) -> URIRef:
        return self._typed(url, FOAF.Document)

    def _license(self, license_id: str | None) -> URIRef | None:
        if not license_id or license_id == "notspecified":
            return None
        info = self.site.licenses.get(license_id, {})
        own_url = text(info.get("url"))
        # The licence's own URL first: it is what CKAN's licence register holds, so
        # ckanext-dcat recognises it by URI whatever the harvesting site's language (its
        # fallback, matching by title, fails on a Vietnamese-locale CKAN).
        eu_iri = LICENCES.get(license_id)
        iri = (
            own_url
            if is_url(own_url)
            else eu_iri or uris.license_uri(self.site.site_url, license_id)
        )
        node = URIRef(iri)
        if self._once(node):
            self.g.add((node, RDF.type, DCT.LicenseDocument))
            title = text(info.get("title")) or license_id
            # ckanext-dcat matches a licence by URI, then by this title, against CKAN's list
            self.g.add((node, DCT.title, Literal(title)))
            self.g.add((node, SKOS.prefLabel, Literal(title, lang="en")))
            self.g.add((node, DCT.identifier, Literal(license_id)))
            kind = LICENCE_TYPES.get(license_id, LICENCE_TYPE_UNKNOWN)
            self.g.add((node, DCT.type, self._term(kind, SKOS.Concept)))
            if eu_iri and eu_iri != iri:
                self.g.add((node, SKOS.exactMatch, URIRef(eu_iri)))
        return node

    def _resource(self, url: str) -> URIRef:
        return self._typed(url, RDFS.Resource)

    def _format(self, dist: URIRef, fmt: str, media: str | None) -> None:
        if fmt in FILE_TYPES:
            node = URIRef(f"http://publications.europa.eu/resource/authority/file-type/{fmt}")
            if self._once(node):
                self.g.add((node, RDF.type, DCT.MediaTypeOrExtent))
                self.g.add((node, SKOS.prefLabel, Literal(fmt)))
            self.g.add((dist, DCT["format"], node))
        if media and "/" in media and " " not in media:
            node = URIRef(f"{IANA_MEDIA_TYPES}{media.split(';')[0].strip()}")
            if self._once(node):
                self.g.add((node, RDF.type, DCT.MediaType))
                self.g.add((node, RDF.type, DCT.MediaTypeOrExtent))
                self.g.add((node, RDFS.label, Literal(media)))
            self.g.add((dist, DCAT.mediaType, node))

    def _sha256(self) -> URIRef:
        if self._once(SHA256):
            self.g.add((SHA256, RDF.type, SPDX.ChecksumAlgorithm))
            self.g.add((SHA256, RDFS.label, Literal("sha256")))
        return SHA256

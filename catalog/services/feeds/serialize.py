"""RDF formats of the feeds: URL suffix -> rdflib format and Content-Type, as ckanext-dcat
names them (`ttl`, `rdf`/`xml`, `n3`, `jsonld`), and Accept-header negotiation."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph

from catalog.services.feeds.vocab import PREFIXES


@dataclass(frozen=True)
class RdfFormat:
    suffix: str
    rdflib_name: str
    content_type: str


FORMATS = {
    "ttl": RdfFormat("ttl", "turtle", "text/turtle"),
    "rdf": RdfFormat("rdf", "pretty-xml", "application/rdf+xml"),
    "xml": RdfFormat("xml", "pretty-xml", "application/rdf+xml"),
    "n3": RdfFormat("n3", "n3", "text/n3"),
    "jsonld": RdfFormat("jsonld", "json-ld", "application/ld+json"),
}
DEFAULT_FORMAT = "ttl"

# Media type -> suffix, in ckanext-dcat's order (its wildcard answer is the first of a type).
_NEGOTIABLE = (
    ("application/rdf+xml", "rdf"),
    ("text/n3", "n3"),
    ("text/turtle", "ttl"),
    ("application/ld+json", "jsonld"),
)


def negotiate(accept: str | None) -> str | None:
    """The RDF suffix an Accept header asks for, or None when it prefers HTML or names no RDF
    type (ckanext-dcat's `parse_accept_header`: q-values honoured, `text/html` wins where
    it ranks first, `text/*` and `application/*` answer with that type's first RDF format,
    `*/*` alone is not a request for RDF)."""
    ranked: list[tuple[float, int, str]] = []
    for index, part in enumerate((accept or "").split(",")):
        media, _, params = part.strip().partition(";")
        media = media.strip().lower()
        quality = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if media and quality > 0:
            ranked.append((-quality, index, media))
    for _, _, media in sorted(ranked):
        if media == "text/html":
            return None
        for known, suffix in _NEGOTIABLE:
            if media == known:
                return suffix
        kind, _, sub = media.partition("/")
        if sub == "*" and kind != "*":
            for known, suffix in _NEGOTIABLE:
                if known.startswith(f"{kind}/"):
                    return suffix
    return None


def serialize(graph: Graph, suffix: str) -> bytes:
    fmt = FORMATS[suffix]
    if fmt.rdflib_name == "json-ld":
        context = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
        return graph.serialize(format="json-ld", context=context, encoding="utf-8")
    return graph.serialize(format=fmt.rdflib_name, encoding="utf-8")

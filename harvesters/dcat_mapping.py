"""A DCAT-AP dataset node of an rdflib graph -> our CKAN package dict.

The extras use ckanext-dcat's names (identifier, uri, issued, modified, temporal_start,
temporal_end, spatial_uri, spatial, spatial_text, publisher_name, publisher_uri,
contact_name, contact_email, theme, language, frequency), so a dataset harvested by DCAT
reads like one ckanext-dcat would have made. Text in several languages becomes
title_translated / notes_translated; the Vietnamese text (else English) is the title.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from typing import Any

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, OWL, RDF, SKOS

from catalog.services.validation import EMAIL_RE

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
LOCN = Namespace("http://www.w3.org/ns/locn#")
SCHEMA = Namespace("http://schema.org/")
SPDX = Namespace("http://spdx.org/rdf/terms#")
ADMS = Namespace("http://www.w3.org/ns/adms#")
LANGUAGES = ("vi", "en")
IANA = re.compile(r"^https?://www\.iana\.org/assignments/media-types/", re.I)
TAG_BAD = re.compile(r"[^\w \-.]+", re.UNICODE)
# CKAN's licence register URLs (what CKAN and this catalog publish): the id is the last part.
OPENDEFINITION = re.compile(r"opendefinition\.org/licenses/([a-z0-9.-]+?)/?$", re.I)
LICENSES = (  # (pattern of a license URI or name, our license id)
    (re.compile(r"creativecommons\.org/licenses/by-sa/|CC[-_ ]BY[-_ ]SA", re.I), "cc-by-sa"),
    (re.compile(r"creativecommons\.org/licenses/by/|^CC[-_ ]BY([-_ ]4\.0)?$", re.I), "cc-by"),
    (re.compile(r"authority/licence/CC_BY(_\d|$)", re.I), "cc-by"),
    (re.compile(r"creativecommons\.org/publicdomain/zero|CC0|cc-zero", re.I), "cc-zero"),
    (re.compile(r"opendatacommons\.org/licenses/odbl|odc-odbl|authority/licence/ODC_BL", re.I),
     "odc-odbl"),
    (re.compile(r"opendatacommons\.org/licenses/by|odc-by|authority/licence/ODC_BY", re.I),
     "odc-by"),
    (re.compile(r"opendatacommons\.org/licenses/pddl|odc-pddl|authority/licence/ODC_PDDL", re.I),
     "odc-pddl"),
)  # fmt: skip


def slug(text: str, limit: int = 90) -> str:
    folded = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    words = re.sub(r"[^a-z0-9]+", " ", plain).split()
    return "-".join(words)[:limit].strip("-")


class DatasetReader:
    """Reads the DCAT-AP properties of one dataset (or distribution) node."""

    def __init__(self, graph: Graph) -> None:
        self.g = graph

    # -- values ---------------------------------------------------------------------------

    def value(self, node: Any, prop: Any) -> str | None:
        """One value: a literal in the preferred language, else any; or a URI."""
        values = list(self.g.objects(node, prop))
        if not values:
            return None
        for language in (*LANGUAGES, None):
            for item in values:
                if isinstance(item, Literal) and item.language == language:
                    return str(item).strip()
        return str(values[0]).strip()

    def translated(self, node: Any, prop: Any) -> dict[str, str]:
        return {
            str(item.language): str(item).strip()
            for item in self.g.objects(node, prop)
            if isinstance(item, Literal) and item.language
        }

    def uris(self, node: Any, prop: Any) -> list[str]:
        return [str(item) for item in self.g.objects(node, prop)]

    def node(self, node: Any, prop: Any) -> Any:
        return next(iter(self.g.objects(node, prop)), None)

    # -- a dataset ------------------------------------------------------------------------

    def guid(self, node: Any) -> str | None:
        identifier = self.value(node, DCTERMS.identifier)
        if identifier:
            return identifier
        return str(node) if isinstance(node, URIRef) else None

    def dataset(self, node: Any) -> dict[str, Any]:
        extras: dict[str, str] = {}
        title = self.value(node, DCTERMS.title) or ""
        package: dict[str, Any] = {
            "title": title,
            "notes": self.value(node, DCTERMS.description),
            "url": self.value(node, DCAT.landingPage),
            "version": self.value(node, OWL.versionInfo) or self.value(node, ADMS.version),
            "private": False,
        }
        for key, prop in (("title_translated", DCTERMS.title),
                          ("notes_translated", DCTERMS.description)):  # fmt: skip
            if translated := self.translated(node, prop):
                package[key] = translated
        for key, prop in (("identifier", DCTERMS.identifier), ("issued", DCTERMS.issued),
                          ("modified", DCTERMS.modified)):  # fmt: skip
            if found := self.value(node, prop):
                extras[key] = found
        if isinstance(node, URIRef):
            extras["uri"] = str(node)
        frequency = self.value(node, DCTERMS.accrualPeriodicity)
        if frequency:
            extras["frequency"] = frequency.rstrip("/").rsplit("/", 1)[-1]
        for key, prop in (("theme", DCAT.theme), ("language", DCTERMS.language)):
            if found_list := self.uris(node, prop):
                extras[key] = json.dumps(sorted(found_list), ensure_ascii=False)
        package["tags"] = self.tags(node)
        self._agent(node, DCTERMS.publisher, "publisher", package, extras)
        self._contact(node, package, extras)
        self._temporal(node, extras)
        self._spatial(node, extras)
        license_ref = self.value(node, DCTERMS.license)
        distributions = [self.distribution(d) for d in self.g.objects(node, DCAT.distribution)]
        distributions.sort(key=lambda d: (d.get("name") or "", d["remote_id"]))
        if license_ref is None:
            license_ref = next((d["_license"] for d in distributions if d.get("_license")), None)
        for item in distributions:
            item.pop("_license", None)
        if license_ref:
            extras["license"] = license_ref
            if license_id := license_for(license_ref):
                package["license_id"] = license_id
        package["resources"] = distributions
        package["extras"] = [{"key": k, "value": v} for k, v in sorted(extras.items())]
        package["name"] = slug(title) or slug(extras.get("identifier", ""))
        return {k: v for k, v in package.items() if v is not None}

    def tags(self, node: Any) -> list[dict[str, str]]:
        names: list[str] = []
        for keyword in self.g.objects(node, DCAT.keyword):
            if isinstance(keyword, Literal) and keyword.language not in (None, *LANGUAGES):
                continue
            name = " ".join(TAG_BAD.sub(" ", str(keyword)).split())[:100]
            if len(name) >= 2 and name not in names:
                names.append(name)
        return [{"name": name} for name in names]

    def _agent(self, node: Any, prop: Any, prefix: str, package: dict, extras: dict) -> None:
        agent = self.node(node, prop)
        if agent is None:
            return
        name = self.value(agent, FOAF.name) or (str(agent) if isinstance(agent, Literal) else None)
        if name:
            extras[f"{prefix}_name"] = name
            package["author"] = name
        if isinstance(agent, URIRef):
            extras[f"{prefix}_uri"] = str(agent)
        email = _email(self.value(agent, FOAF.mbox))
        if email:
            extras[f"{prefix}_email"] = email
            if EMAIL_RE.match(email):
                package["author_email"] = email

    def _contact(self, node: Any, package: dict, extras: dict) -> None:
        contact = self.node(node, DCAT.contactPoint)
        if contact is None:
            return
        name = self.value(contact, VCARD.fn) or self.value(contact, VCARD["organization-name"])
        if name:
            extras["contact_name"] = package["maintainer"] = name
        if isinstance(contact, URIRef):
            extras["contact_uri"] = str(contact)
        email = _email(self.value(contact, VCARD.hasEmail))
        if email:
            extras["contact_email"] = email
            if EMAIL_RE.match(email):
                package["maintainer_email"] = email

    def _temporal(self, node: Any, extras: dict) -> None:
        period = self.node(node, DCTERMS.temporal)
        if period is None:
            return
        for key, props in (("temporal_start", (DCAT.startDate, SCHEMA.startDate)),
                           ("temporal_end", (DCAT.endDate, SCHEMA.endDate))):  # fmt: skip
            for prop in props:
                if found := self.value(period, prop):
                    extras[key] = found
                    break

    def _spatial(self, node: Any, extras: dict) -> None:
        place = self.node(node, DCTERMS.spatial)
        if place is None:
            return
        if isinstance(place, URIRef):
            extras["spatial_uri"] = str(place)
        if label := self.value(place, SKOS.prefLabel):
            extras["spatial_text"] = label
        for geometry in self.g.objects(place, LOCN.geometry):
            text = str(geometry).strip()
            if text.startswith("{"):
                extras["spatial"] = text
            else:
                extras.setdefault("spatial_wkt", text)
        if bbox := self.value(place, DCAT.bbox):
            extras["spatial_bbox"] = bbox

    # -- a distribution -------------------------------------------------------------------

    def distribution(self, node: Any) -> dict[str, Any]:
        download = self.value(node, DCAT.downloadURL)
        access = self.value(node, DCAT.accessURL)
        media_type = self.value(node, DCAT.mediaType)
        media_type = IANA.sub("", media_type) if media_type else None
        fmt = self.value(node, DCTERMS["format"])
        if fmt:
            fmt = IANA.sub("", fmt)
            fmt = fmt.rstrip("/").rsplit("/", 1)[-1] if "://" in fmt else fmt
        elif media_type:
            fmt = media_type.rsplit("/", 1)[-1]
        resource: dict[str, Any] = {
            "name": self.value(node, DCTERMS.title),
            "description": self.value(node, DCTERMS.description),
            "url": download or access or "",
            "format": fmt.upper() if fmt and len(fmt) <= 10 else fmt,
            "mimetype": media_type,
            "remote_id": str(node) if isinstance(node, URIRef) else download or access or "",
        }
        size = self.value(node, DCAT.byteSize)
        try:
            resource["size"] = int(float(size)) if size else None
        except ValueError:
            resource["size"] = None
        checksum = self.node(node, SPDX.checksum)
        if checksum is not None and (digest := self.value(checksum, SPDX.checksumValue)):
            resource["hash"] = digest
        for key, value in (("access_url", access), ("download_url", download),
                           ("issued", self.value(node, DCTERMS.issued)),
                           ("modified", self.value(node, DCTERMS.modified)),
                           ("uri", str(node) if isinstance(node, URIRef) else None)):  # fmt: skip
            if value:
                resource[key] = value
        resource["_license"] = self.value(node, DCTERMS.license)
        return {k: v for k, v in resource.items() if v is not None}


def _email(value: str | None) -> str | None:
    if not value:
        return None
    return value[7:] if value.lower().startswith("mailto:") else value


def license_for(reference: str) -> str | None:
    if match := OPENDEFINITION.search(reference):
        return match.group(1).lower()
    for pattern, license_id in LICENSES:
        if pattern.search(reference):
            return license_id
    return None


def datasets_in(graph: Graph) -> list[Any]:
    """The dcat:Dataset nodes of a graph, in a stable order."""
    return sorted(set(graph.subjects(RDF.type, DCAT.Dataset)), key=str)


def fallback_name(guid: str) -> str:
    return "dataset-" + hashlib.sha1(guid.encode("utf-8")).hexdigest()[:10]


def is_blank(node: Any) -> bool:
    return isinstance(node, BNode)

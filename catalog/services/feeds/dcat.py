"""CKAN package dicts -> a DCAT-AP graph (rdflib), conformant to DCAT-AP 3.0.1 and, with
the `euro_dcat_ap_2` profile, 2.1.1.

Pure: it gets the package dicts as package_show / package_search return them to an anonymous
caller, plus the organizations, themes and licences they name (`FeedSite`), and never reads
the database itself, so what a feed shows is exactly what the action API shows anyone.

Where each value goes follows what ckanext-dcat's euro_dcat_ap_2 / _3 parsers read, so that
a CKAN harvesting this feed gets the dataset back (see tests/catalog/services/feeds). IRIs
of controlled vocabularies are typed and labelled here (`skos:prefLabel`, so ckanext-dcat
keeps the IRI itself as the value), except media types, whose `rdfs:label` is the bare
media type so that ckanext-dcat fills `mimetype` and `format` from it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from catalog.services.feeds import uris
from catalog.services.feeds.graph import GraphWriter
from catalog.services.feeds.values import (
    date_literal,
    datetime_literal,
    extras,
    is_url,
    language_codes,
    sha256,
    size,
    text,
    translated,
)
from catalog.services.feeds.vocab import (
    ACCESS_PUBLIC,
    AVAILABILITY_STABLE,
    CATALOG_DESCRIPTION_EN,
    CATALOG_PUBLISHER,
    CATALOG_TITLE_EN,
    COUNTRY_VIETNAM,
    DATA_THEME_SCHEME,
    DATA_THEMES,
    DCAT,
    DCATAP,
    DCT,
    FOAF,
    FREQUENCIES,
    GROUP_THEMES,
    LANGUAGES,
    MEDIA_TYPES,
    OWL,
    PUBLISHER_TYPE,
    RDF,
    SKOS,
    SPDX,
    VCARD,
    XSD,
)


class DcatBuilder(GraphWriter):
    """Adds catalog, datasets and their linked entities to one graph."""

    # --- catalog ----------------------------------------------------------------------------

    def add_catalog(
        self, datasets: Iterable[URIRef], issued: Any = None, modified: Any = None
    ) -> URIRef:
        g, catalog = self.g, URIRef(self.url)
        g.add((catalog, RDF.type, DCAT.Catalog))
        self._texts(catalog, DCT.title, {"vi": self.site.title, "en": CATALOG_TITLE_EN})
        description = {"vi": self.site.description, "en": CATALOG_DESCRIPTION_EN}
        self._texts(catalog, DCT.description, description)
        g.add((catalog, DCT.publisher, self._catalog_publisher()))
        g.add((catalog, FOAF.homepage, self._document(f"{self.url}/")))
        for term in LANGUAGES.values():
            g.add((catalog, DCT.language, self._term(term, DCT.LinguisticSystem)))
        g.add((catalog, DCT.spatial, self._term(COUNTRY_VIETNAM, DCT.Location)))
        g.add((catalog, DCT.license, self._license("cc-by")))
        for predicate, value in ((DCT.issued, issued), (DCT.modified, modified)):
            if (stamp := datetime_literal(value)) is not None:
                g.add((catalog, predicate, stamp))
        g.add((catalog, DCAT.themeTaxonomy, self._theme_scheme()))
        g.add((catalog, DCAT.themeTaxonomy, self._eu_theme_scheme()))
        for name in sorted(self.site.groups):
            self._theme(name)
        for dataset in datasets:
            g.add((catalog, DCAT.dataset, dataset))
        return catalog

    def _catalog_publisher(self) -> URIRef:
        node = URIRef(uris.catalog_publisher_uri(self.site.site_url))
        if self._once(node):
            self.g.add((node, RDF.type, FOAF.Agent))
            self.g.add((node, RDF.type, FOAF.Organization))
            self._texts(node, FOAF.name, {"vi": CATALOG_PUBLISHER.vi, "en": CATALOG_PUBLISHER.en})
            self.g.add((node, DCT.type, self._term(PUBLISHER_TYPE, SKOS.Concept)))
        return node

    # --- themes ----------------------------------------------------------------------------

    def _theme_scheme(self) -> URIRef:
        node = URIRef(uris.theme_scheme_uri(self.site.site_url))
        if self._once(node):
            self.g.add((node, RDF.type, SKOS.ConceptScheme))
            self._texts(node, DCT.title, {"vi": "Chủ đề", "en": "Themes"})
            self._texts(node, SKOS.prefLabel, {"vi": "Chủ đề", "en": "Themes"})
        return node

    def _eu_theme_scheme(self) -> URIRef:
        node = URIRef(DATA_THEME_SCHEME.iri)
        if self._once(node):
            self.g.add((node, RDF.type, SKOS.ConceptScheme))
            self._texts(node, DCT.title, {"vi": DATA_THEME_SCHEME.vi, "en": DATA_THEME_SCHEME.en})
            self._texts(node, SKOS.prefLabel, {"en": DATA_THEME_SCHEME.en})
        return node

    def _theme(self, name: str) -> URIRef:
        node = URIRef(uris.theme_uri(self.site.site_url, name))
        if self._once(node):
            scheme = self._theme_scheme()
            group = self.site.groups.get(name) or {"name": name}
            self.g.add((node, RDF.type, SKOS.Concept))
            self.g.add((node, SKOS.inScheme, scheme))
            self.g.add((scheme, SKOS.hasTopConcept, node))
            self.g.add((node, SKOS.notation, Literal(name)))
            self._texts(node, SKOS.prefLabel, translated(group, "title") or {"vi": name})
            self._texts(node, SKOS.definition, translated(group, "description"))
            for code in GROUP_THEMES.get(name, ()):
                self.g.add((node, SKOS.broadMatch, self._eu_theme(code)))
        return node

    def _eu_theme(self, code: str) -> URIRef:
        return self._term(DATA_THEMES[code], SKOS.Concept, scheme=DATA_THEME_SCHEME.iri)

    # --- agents, licences ------------------------------------------------------------------

    def _publisher(self, package: dict[str, Any]) -> URIRef | None:
        organization = package.get("organization") or {}
        org_id = text(organization.get("id")) or text(package.get("owner_org"))
        if not org_id:
            return None
        node = URIRef(uris.organization_uri(self.site.site_url, org_id))
        if self._once(node):
            full = {**organization, **self.site.organizations.get(org_id, {})}
            self.g.add((node, RDF.type, FOAF.Agent))
            self.g.add((node, RDF.type, FOAF.Organization))
            names = translated(full, "title") or {"vi": text(full.get("name")) or org_id}
            self._texts(node, FOAF.name, names)
            self.g.add((node, DCT.identifier, Literal(org_id)))
            self.g.add((node, DCT.type, self._term(PUBLISHER_TYPE, SKOS.Concept)))
            page = f"{self.url}/organization/{text(full.get('name')) or org_id}"
            self.g.add((node, FOAF.homepage, self._document(page)))
        return node

    # --- datasets ---------------------------------------------------------------------------

    def add_dataset(self, package: dict[str, Any]) -> URIRef:
        g, site = self.g, self.site.site_url
        ds = URIRef(uris.dataset_uri(site, package))
        more = extras(package)
        g.add((ds, RDF.type, DCAT.Dataset))
        self._texts(ds, DCT.title, translated(package, "title") or {"vi": package["name"]})
        notes = translated(package, "notes") or translated(package, "title")
        self._texts(ds, DCT.description, notes or {"vi": package["name"]})
        g.add((ds, DCT.identifier, Literal(package["id"])))
        g.add((ds, DCAT.landingPage, self._document(uris.landing_page(site, package))))
        for predicate, key in (
            (DCT.issued, "metadata_created"),
            (DCT.modified, "metadata_modified"),
        ):
            if (stamp := datetime_literal(package.get(key))) is not None:
                g.add((ds, predicate, stamp))
        if version := text(package.get("version")):
            g.add((ds, OWL.versionInfo, Literal(version)))
        for tag in package.get("tags") or []:
            if name := text(tag.get("name") if isinstance(tag, dict) else tag):
                g.add((ds, DCAT.keyword, Literal(name, lang="vi")))
        for code in language_codes(more):
            if code in LANGUAGES:
                g.add((ds, DCT.language, self._term(LANGUAGES[code], DCT.LinguisticSystem)))
        for group in package.get("groups") or []:
            if name := text(group.get("name")):
                theme = self._theme(name)
                g.add((ds, DCAT.theme, theme))
                for code in GROUP_THEMES.get(name, ()):
                    g.add((ds, DCAT.theme, self._eu_theme(code)))
        if (publisher := self._publisher(package)) is not None:
            g.add((ds, DCT.publisher, publisher))
        self._contact(ds, package, more)
        self._coverage(ds, more)
        if frequency := FREQUENCIES.get(more.get("frequency", "")):
            g.add((ds, DCT.accrualPeriodicity, self._term(frequency, DCT.Frequency)))
        g.add((ds, DCT.accessRights, self._term(ACCESS_PUBLIC, DCT.RightsStatement)))
        licence = self._license(text(package.get("license_id")))
        for resource in package.get("resources") or []:
            self._distribution(ds, package, resource, licence)
        return ds

    def _contact(self, ds: URIRef, package: dict[str, Any], more: dict[str, str]) -> None:
        name = more.get("contact_name") or text(package.get("maintainer"))
        email = more.get("contact_email") or text(package.get("maintainer_email"))
        if not (name or email):
            return
        contact = BNode()
        self.g.add((contact, RDF.type, VCARD.Kind))
        self.g.add((contact, RDF.type, VCARD.Organization))
        self.g.add((contact, VCARD.fn, Literal(name or email)))
        if email:
            self.g.add((contact, VCARD.hasEmail, URIRef(f"mailto:{email}")))
        self.g.add((ds, DCAT.contactPoint, contact))

    def _coverage(self, ds: URIRef, more: dict[str, str]) -> None:
        start = date_literal(more.get("temporal_start"))
        end = date_literal(more.get("temporal_end"))
        if start is not None or end is not None:
            period = BNode()
            self.g.add((period, RDF.type, DCT.PeriodOfTime))
            if start is not None:
                self.g.add((period, DCAT.startDate, start))
            if end is not None:
                self.g.add((period, DCAT.endDate, end))
            self.g.add((ds, DCT.temporal, period))
        if place := more.get("spatial_text"):
            location = BNode()
            self.g.add((location, RDF.type, DCT.Location))
            self.g.add((location, SKOS.prefLabel, Literal(place, lang="vi")))
            self.g.add((ds, DCT.spatial, location))

    # --- distributions ----------------------------------------------------------------------

    def _distribution(
        self, ds: URIRef, package: dict[str, Any], resource: dict[str, Any], licence: Node | None
    ) -> URIRef:
        g, site = self.g, self.site.site_url
        dist = URIRef(uris.distribution_uri(site, package, resource))
        g.add((ds, DCAT.distribution, dist))
        g.add((dist, RDF.type, DCAT.Distribution))
        name = text(resource.get("name")) or text(resource.get("id"))
        g.add((dist, DCT.title, Literal(name, lang="vi")))
        if description := text(resource.get("description")):
            g.add((dist, DCT.description, Literal(description, lang="vi")))
        g.add((dist, DCT.identifier, Literal(resource["id"])))
        url = text(resource.get("url"))
        if resource.get("url_type") == "upload" and url:
            g.add(
                (dist, DCAT.accessURL, self._resource(uris.resource_page(site, package, resource)))
            )
            g.add((dist, DCAT.downloadURL, self._resource(url)))
        elif url and is_url(url):
            g.add((dist, DCAT.accessURL, self._resource(url)))
        else:
            g.add(
                (dist, DCAT.accessURL, self._resource(uris.resource_page(site, package, resource)))
            )
        fmt = (text(resource.get("format")) or "").upper()
        media = text(resource.get("mimetype")) or MEDIA_TYPES.get(fmt)
        self._format(dist, fmt, media)
        if (byte_size := size(resource.get("size"))) is not None:
            g.add((dist, DCAT.byteSize, Literal(str(byte_size), datatype=self.site.byte_size_type)))
        # DCAT-AP 2.1.1 allows only SHA-1 checksums, which the catalog does not compute.
        digest = sha256(resource.get("hash")) if self.site.profile != "euro_dcat_ap_2" else None
        if digest:
            checksum = BNode()
            g.add((checksum, RDF.type, SPDX.Checksum))
            g.add((checksum, SPDX.algorithm, self._sha256()))
            g.add((checksum, SPDX.checksumValue, Literal(digest, datatype=XSD.hexBinary)))
            g.add((dist, SPDX.checksum, checksum))
        if licence is not None:
            g.add((dist, DCT.license, licence))
        g.add((dist, DCT.rights, self._term(ACCESS_PUBLIC, DCT.RightsStatement)))
        g.add((dist, DCATAP.availability, self._term(AVAILABILITY_STABLE, SKOS.Concept)))
        created = resource.get("created")
        modified = resource.get("last_modified") or resource.get("metadata_modified") or created
        for predicate, value in ((DCT.issued, created), (DCT.modified, modified)):
            if (stamp := datetime_literal(value)) is not None:
                g.add((dist, predicate, stamp))
        return dist

"""Keeps the search index in step with packages: one `search_docs` row per package, its
(field, value) pairs for filters and facets, and its full text in the backend.

The field names are the ones CKAN's Solr schema indexes, so fq filters written for CKAN work.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from catalog.db.models import SearchDoc, SearchDocDict, SearchField
from catalog.services.search.backend import IndexedText, SearchBackend, fold_text

# Fields matched by folded, case- and accent-insensitive substring (tokenised in Solr).
TEXT_FIELDS = frozenset({"title", "notes", "res_name", "res_description", "author", "maintainer"})

CORE_KEYS = frozenset(
    {
        "id", "name", "title", "notes", "url", "version", "author", "author_email", "maintainer",
        "maintainer_email", "license_id", "state", "type", "private", "owner_org",
        "creator_user_id", "metadata_created", "metadata_modified", "groups", "tags",
        "organization", "resources", "extras", "text", "capacity", "dataset_type",
    }
)  # fmt: skip


def _pairs(package: dict[str, Any]) -> Iterator[tuple[str, str]]:
    for key in ("id", "name", "url", "version", "license_id", "state", "owner_org"):
        if package.get(key):
            yield key, str(package[key])
    for key in ("author_email", "maintainer_email", "creator_user_id"):
        if package.get(key):
            yield key, str(package[key])
    for key in TEXT_FIELDS & {"title", "notes", "author", "maintainer"}:
        if package.get(key):
            yield key, fold_text(str(package[key]))
    yield "dataset_type", package.get("type") or "dataset"
    yield "capacity", "private" if package.get("private") else "public"
    if package.get("organization"):
        yield "organization", package["organization"]["name"]
    for group in package.get("groups", ()):
        yield "groups", group["name"]
    for tag in package.get("tags", ()):
        yield "tags", tag["name"]
    for res in package.get("resources", ()):
        if res.get("format"):
            yield "res_format", res["format"]
        if res.get("name"):
            yield "res_name", fold_text(res["name"])
        if res.get("description"):
            yield "res_description", fold_text(res["description"])
        if res.get("url"):
            yield "res_url", res["url"]
        if res.get("resource_type"):
            yield "res_type", res["resource_type"]
        if res.get("validation_status"):  # ckanext-validation's status, for the web facet
            yield "res_validation_status", res["validation_status"]
    for extra in package.get("extras", ()):
        key, value = extra["key"], str(extra["value"])
        yield f"extras_{key}", value
        if key not in CORE_KEYS:
            yield key, value
    yield "num_resources", str(len(package.get("resources", ())))
    yield "num_tags", str(len(package.get("tags", ())))


def _indexed_text(package: dict[str, Any]) -> IndexedText:
    org = package.get("organization") or {}
    translated = [
        *(package.get("title_translated") or {}).values(),
        *(package.get("notes_translated") or {}).values(),
    ]
    resources = package.get("resources", ())
    text_parts = [
        package.get("notes") or "",
        org.get("name", ""),
        org.get("title", ""),
        *(str(p) for p in translated),
        *(r.get("name") or "" for r in resources),
        *(r.get("description") or "" for r in resources),
        *(r.get("format") or "" for r in resources),
        *(str(e["value"]) for e in package.get("extras", ())),
        package.get("author") or "",
        package.get("maintainer") or "",
        package.get("license_title") or "",
        package.get("version") or "",
    ]
    return IndexedText(
        name=fold_text(package["name"].replace("-", " ").replace("_", " ")),
        title=fold_text(package.get("title") or ""),
        tags=fold_text(" ".join(t["name"] for t in package.get("tags", ()))),
        groups=fold_text(
            " ".join(f"{g['name']} {g.get('title') or ''}" for g in package.get("groups", ()))
        ),
        text=fold_text(" ".join(text_parts)),
    )


def _fill_doc(doc: SearchDoc, package: dict[str, Any]) -> SearchDoc:
    doc.name = package["name"]
    doc.title_string = (package.get("title") or package["name"]).strip().lower()
    doc.metadata_created = datetime.fromisoformat(package["metadata_created"])
    doc.metadata_modified = datetime.fromisoformat(package["metadata_modified"])
    doc.state = package.get("state") or "active"
    doc.private = bool(package.get("private"))
    doc.owner_org = package.get("owner_org")
    doc.dataset_type = package.get("type") or "dataset"
    return doc


def _cached(package: dict[str, Any]) -> str:
    return json.dumps(package, ensure_ascii=False, separators=(",", ":"))


def _field_rows(doc_id: int, package: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"doc_id": doc_id, "field": f, "value": v} for f, v in set(_pairs(package))]


def index_package(session: Session, backend: SearchBackend, package: dict[str, Any]) -> None:
    """Insert or replace the index entry of one package dict (as package_show returns it)."""
    doc = session.execute(
        select(SearchDoc).where(SearchDoc.package_id == package["id"])
    ).scalar_one_or_none()
    if doc is None:
        index_new_packages(session, backend, [package])
        return
    session.add(_fill_doc(doc, package))
    session.flush()
    assert doc.doc_id is not None
    cached = session.get(SearchDocDict, doc.doc_id) or SearchDocDict(doc_id=doc.doc_id)
    cached.data_dict = _cached(package)
    session.add(cached)
    session.execute(delete(SearchField).where(SearchField.doc_id == doc.doc_id))
    rows = _field_rows(doc.doc_id, package)
    if rows:
        session.execute(SearchField.__table__.insert(), rows)
    backend.write(session, doc.doc_id, _indexed_text(package))


def index_new_packages(
    session: Session, backend: SearchBackend, packages: list[dict[str, Any]]
) -> None:
    """Index packages that have no index entry yet, with one statement per table."""
    if not packages:
        return
    docs = [_fill_doc(SearchDoc(package_id=package["id"]), package) for package in packages]
    session.add_all(docs)
    session.flush()
    doc_ids = [doc.doc_id for doc in docs]
    assert None not in doc_ids
    session.execute(
        SearchDocDict.__table__.insert(),
        [{"doc_id": d, "data_dict": _cached(p)} for d, p in zip(doc_ids, packages, strict=True)],
    )
    rows = [row for d, p in zip(doc_ids, packages, strict=True) for row in _field_rows(d, p)]
    if rows:
        session.execute(SearchField.__table__.insert(), rows)
    backend.write_new(
        session, [(d, _indexed_text(p)) for d, p in zip(doc_ids, packages, strict=True)]
    )


def unindex_package(session: Session, backend: SearchBackend, package_id: str) -> None:
    doc_id = session.execute(
        select(SearchDoc.doc_id).where(SearchDoc.package_id == package_id)
    ).scalar_one_or_none()
    if doc_id is None:
        return
    backend.delete(session, doc_id)
    session.execute(delete(SearchField).where(SearchField.doc_id == doc_id))
    session.execute(delete(SearchDocDict).where(SearchDocDict.doc_id == doc_id))
    session.execute(delete(SearchDoc).where(SearchDoc.doc_id == doc_id))

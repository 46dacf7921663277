"""SQLModel tables. Names and columns follow CKAN 2.11's model where CKAN has one.

Time stamps are naive UTC datetimes. Ids are UUID strings.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Column, DateTime, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel


def new_id() -> str:
    return str(uuid.uuid4())


def utcnow() -> datetime:
    """Naive UTC now, the way CKAN stores time stamps."""
    return datetime.now(UTC).replace(tzinfo=None)


def _json(nullable: bool = True) -> Any:
    return Field(default=None, sa_column=Column(JSON, nullable=nullable))


class Group(SQLModel, table=True):
    """Organizations (is_organization) and groups (themes), as in CKAN's `group` table."""

    __tablename__ = "groups"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    name: str = Field(index=True, unique=True, max_length=100)
    title: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    description: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    image_url: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    type: str = Field(default="group", max_length=100)
    is_organization: bool = Field(default=False, index=True)
    approval_status: str = Field(default="approved", max_length=20)
    state: str = Field(default="active", max_length=20)
    created: datetime = Field(sa_type=DateTime, default_factory=utcnow)
    extras: list[dict[str, str]] | None = _json()
    title_translated: dict[str, str] | None = _json()
    description_translated: dict[str, str] | None = _json()


class Package(SQLModel, table=True):
    __tablename__ = "packages"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    name: str = Field(index=True, unique=True, max_length=100)
    title: str | None = Field(default=None, sa_column=Column(Text))
    notes: str | None = Field(default=None, sa_column=Column(Text))
    url: str | None = Field(default=None, sa_column=Column(Text))
    version: str | None = Field(default=None, max_length=100)
    author: str | None = Field(default=None, sa_column=Column(Text))
    author_email: str | None = Field(default=None, sa_column=Column(Text))
    maintainer: str | None = Field(default=None, sa_column=Column(Text))
    maintainer_email: str | None = Field(default=None, sa_column=Column(Text))
    license_id: str | None = Field(default=None, max_length=100)
    type: str = Field(default="dataset", max_length=100)
    state: str = Field(default="active", max_length=20, index=True)
    private: bool = Field(default=False)
    owner_org: str | None = Field(default=None, foreign_key="groups.id", index=True)
    creator_user_id: str | None = Field(default=None, max_length=36)
    metadata_created: datetime = Field(sa_type=DateTime, default_factory=utcnow)
    metadata_modified: datetime = Field(sa_type=DateTime, default_factory=utcnow, index=True)
    title_translated: dict[str, str] | None = _json()
    notes_translated: dict[str, str] | None = _json()
    plugin_data: dict[str, Any] | None = _json()


class PackageExtra(SQLModel, table=True):
    __tablename__ = "package_extras"
    __table_args__ = (UniqueConstraint("package_id", "key"),)

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    package_id: str = Field(foreign_key="packages.id", index=True, ondelete="CASCADE")
    key: str = Field(sa_column=Column(Text, nullable=False))
    value: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    state: str = Field(default="active", max_length=20)


class Resource(SQLModel, table=True):
    __tablename__ = "resources"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    package_id: str = Field(foreign_key="packages.id", index=True, ondelete="CASCADE")
    url: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    url_type: str | None = Field(default=None, max_length=50)
    name: str | None = Field(default=None, sa_column=Column(Text))
    description: str | None = Field(default=None, sa_column=Column(Text))
    format: str | None = Field(default=None, max_length=100)
    mimetype: str | None = Field(default=None, max_length=200)
    mimetype_inner: str | None = Field(default=None, max_length=200)
    size: int | None = Field(default=None, sa_column=Column(BigInteger))
    hash: str | None = Field(default=None, sa_column=Column(Text))
    created: datetime = Field(sa_type=DateTime, default_factory=utcnow)
    last_modified: datetime | None = Field(default=None, sa_type=DateTime)
    metadata_modified: datetime = Field(sa_type=DateTime, default_factory=utcnow)
    position: int = 0
    resource_type: str | None = Field(default=None, max_length=100)
    cache_url: str | None = Field(default=None, sa_column=Column(Text))
    cache_last_updated: datetime | None = Field(default=None, sa_type=DateTime)
    state: str = Field(default="active", max_length=20)
    extras: dict[str, Any] | None = _json()


class Tag(SQLModel, table=True):
    __tablename__ = "tags"
    __table_args__ = (UniqueConstraint("name", "vocabulary_id"),)

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    name: str = Field(max_length=100, index=True)
    vocabulary_id: str | None = Field(default=None, max_length=36)


class PackageTag(SQLModel, table=True):
    __tablename__ = "package_tags"
    __table_args__ = (UniqueConstraint("package_id", "tag_id"),)

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    package_id: str = Field(foreign_key="packages.id", index=True, ondelete="CASCADE")
    tag_id: str = Field(foreign_key="tags.id", index=True)
    state: str = Field(default="active", max_length=20)


class Member(SQLModel, table=True):
    """Membership of a package or a user in a group/organization (CKAN's `member`)."""

    __tablename__ = "members"
    __table_args__ = (Index("ix_members_object", "table_name", "table_id"),)

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    group_id: str = Field(foreign_key="groups.id", index=True, ondelete="CASCADE")
    table_id: str = Field(max_length=36)
    table_name: str = Field(max_length=20)  # "package" or "user"
    capacity: str = Field(default="public", max_length=20)
    state: str = Field(default="active", max_length=20)


class User(SQLModel, table=True):
    __tablename__ = "users"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    name: str = Field(index=True, unique=True, max_length=100)
    fullname: str | None = Field(default=None, sa_column=Column(Text))
    email: str | None = Field(default=None, sa_column=Column(Text))
    password_hash: str | None = Field(default=None, sa_column=Column(Text))
    about: str | None = Field(default=None, sa_column=Column(Text))
    image_url: str | None = Field(default=None, sa_column=Column(Text))
    sysadmin: bool = False
    state: str = Field(default="active", max_length=20)
    created: datetime = Field(sa_type=DateTime, default_factory=utcnow)


class License(SQLModel, table=True):
    """The licenses offered, with CKAN's string-valued fields."""

    __tablename__ = "licenses"

    id: str = Field(primary_key=True, max_length=100)
    position: int = 0
    title: str = Field(sa_column=Column(Text, nullable=False))
    url: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    status: str = Field(default="active", max_length=50)
    maintainer: str = Field(default="", max_length=200)
    family: str = Field(default="", max_length=200)
    domain_content: str = Field(default="False", max_length=10)
    domain_data: str = Field(default="False", max_length=10)
    domain_software: str = Field(default="False", max_length=10)
    is_generic: str = Field(default="False", max_length=10)
    od_conformance: str = Field(default="not reviewed", max_length=50)
    osd_conformance: str = Field(default="not reviewed", max_length=50)


class SearchDoc(SQLModel, table=True):
    """One row per indexed package: its sort keys and visibility (kept narrow for scans).

    The full-text part lives in a backend-specific structure (an FTS5 table on SQLite,
    a tsvector column on PostgreSQL) created by the migration.
    """

    __tablename__ = "search_docs"

    doc_id: int | None = Field(default=None, primary_key=True)
    package_id: str = Field(unique=True, max_length=36)
    name: str = Field(max_length=100, index=True)
    title_string: str = Field(sa_column=Column(Text, nullable=False))
    metadata_created: datetime = Field(sa_type=DateTime, index=True)
    metadata_modified: datetime = Field(sa_type=DateTime, index=True)
    state: str = Field(max_length=20)
    private: bool = False
    owner_org: str | None = Field(default=None, max_length=36, index=True)
    dataset_type: str = Field(default="dataset", max_length=100)


class SearchDocDict(SQLModel, table=True):
    """The package dict of an indexed package, as package_show returns it (CKAN's
    validated_data_dict): search results and package_show are served from it."""

    __tablename__ = "search_doc_dicts"

    doc_id: int = Field(foreign_key="search_docs.doc_id", primary_key=True, ondelete="CASCADE")
    data_dict: str = Field(sa_column=Column(Text, nullable=False))


class SearchField(SQLModel, table=True):
    """Indexed (field, value) pairs of a package, for fq filters and facets."""

    __tablename__ = "search_fields"
    __table_args__ = (
        Index("ix_search_fields_field_value_doc", "field", "value", "doc_id"),
        Index("ix_search_fields_doc_field", "doc_id", "field"),
    )

    id: int | None = Field(default=None, primary_key=True)
    doc_id: int = Field(foreign_key="search_docs.doc_id", ondelete="CASCADE")
    field: str = Field(max_length=100)
    value: str = Field(sa_column=Column(Text, nullable=False))


class ApiToken(SQLModel, table=True):
    """An API token of a user; only a hash of its secret is stored."""

    __tablename__ = "api_tokens"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    user_id: str = Field(foreign_key="users.id", index=True, ondelete="CASCADE")
    name: str = Field(sa_column=Column(Text, nullable=False))
    token_hash: str = Field(max_length=128, unique=True)
    created_at: datetime = Field(sa_type=DateTime, default_factory=utcnow)
    last_access: datetime | None = Field(default=None, sa_type=DateTime)


class Activity(SQLModel, table=True):
    """One entry of the activity stream (CKAN's activity plugin)."""

    __tablename__ = "activities"
    __table_args__ = (Index("ix_activities_object_time", "object_id", "timestamp"),)

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    timestamp: datetime = Field(sa_type=DateTime, default_factory=utcnow, index=True)
    user_id: str | None = Field(default=None, max_length=36)
    object_id: str = Field(max_length=36)
    activity_type: str = Field(max_length=100)
    data: dict[str, Any] | None = _json()
    permission_labels: list[str] | None = _json()


class ResourceValidation(SQLModel, table=True):
    """The latest Frictionless validation of a resource's data (ckanext-validation)."""

    __tablename__ = "resource_validations"

    resource_id: str = Field(foreign_key="resources.id", primary_key=True, ondelete="CASCADE")
    status: str = Field(max_length=20)
    created: datetime = Field(sa_type=DateTime, default_factory=utcnow)
    finished: datetime | None = Field(default=None, sa_type=DateTime)
    report: dict[str, Any] | None = _json()

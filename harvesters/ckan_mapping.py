"""A remote CKAN package dict -> the package dict we write (the import stage).

Only known fields are kept (a remote's internal fields, upload url_types, harvest extras
and private flags never travel). Organizations and groups follow ckanext-harvest's
`remote_orgs` / `remote_groups` ("only_local" | "create"), with `organizations_map` to
rename remote organizations first; without remote_orgs every dataset goes to the source's
organization.
"""

from __future__ import annotations

import json
from typing import Any

import httpx

from catalog.actions.registry import ActionContext
from catalog.errors import CatalogError, NotFound
from catalog.services.validation import PACKAGE_ROOT_KEYS
from harvesters.base import GatherError, RecordError, RemoteRecord
from harvesters.http import get_json

TEXT_FIELDS = ("name", "title", "notes", "url", "version", "author", "author_email",
               "maintainer", "maintainer_email", "license_id")  # fmt: skip
RESOURCE_FIELDS = ("name", "description", "format", "url", "mimetype", "mimetype_inner",
                   "size", "hash", "last_modified", "created", "resource_type")  # fmt: skip
RESOURCE_DROPPED = frozenset(
    {"id", "package_id", "position", "state", "metadata_modified", "url_type", "cache_url",
     "cache_last_updated", "datastore_active", "tracking_summary", "validation_status",
     "validation_timestamp", "revision_id", "on_same_domain", "has_views", "upload"}
)  # fmt: skip
GROUP_DROPPED = ("packages", "created", "users", "groups", "tags", "extras", "display_name",
                 "type", "id", "num_followers", "package_count", "member_count",
                 "is_organization", "approval_status", "state", "image_display_url")  # fmt: skip


class LocalCatalog:
    """Local organizations and groups by name or id, found (and created) through the
    actions as the harvester; answers are cached for the job."""

    def __init__(self, context: ActionContext) -> None:
        self.context = context
        self._cache: dict[tuple[str, str], str | None] = {}

    def find(self, kind: str, reference: str) -> str | None:
        key = (kind, reference)
        if key not in self._cache:
            try:
                found = self.context.call(
                    f"{kind}_show",
                    {"id": reference, "include_datasets": False, "include_users": False},
                )
                self._cache[key] = found["id"] if found.get("state") == "active" else None
            except (NotFound, CatalogError):
                self._cache[key] = None
        return self._cache[key]

    def create(self, kind: str, data: dict[str, Any]) -> str:
        created = self.context.call(f"{kind}_create", data)
        self._cache[(kind, created["name"])] = created["id"]
        return created["id"]


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dict | list):
        raise RecordError(f"a text field holds a {type(value).__name__}")
    return str(value)


class CkanMapper:
    def __init__(
        self,
        *,
        base_url: str,
        config: dict[str, Any],
        client: httpx.Client,
        local: LocalCatalog,
        owner_org: str | None,
        placeholders: dict[str, str],
    ) -> None:
        self.base = base_url.rstrip("/")
        self.config = config
        self.client = client
        self.local = local
        self.owner_org = owner_org
        self.placeholders = placeholders

    def to_package(self, record: RemoteRecord) -> dict[str, Any]:
        remote = record.content
        if record.problem or not isinstance(remote, dict):
            raise RecordError(f"the remote record is not a dataset: {str(remote)[:200]!r}")
        package: dict[str, Any] = {}
        for key in TEXT_FIELDS:
            if key in remote:
                package[key] = _text(remote[key])
        for key in ("title_translated", "notes_translated"):
            if isinstance(remote.get(key), dict):
                package[key] = {str(k): str(v) for k, v in remote[key].items() if v is not None}
        package["private"] = False
        package["tags"] = self._tags(remote.get("tags"))
        package["extras"] = self._extras(remote.get("extras"))
        package["resources"] = self._resources(remote.get("resources"))
        package["owner_org"] = self._organization(remote)
        package["groups"] = self._groups(remote.get("groups"))
        return package

    # -- fields ---------------------------------------------------------------------------

    def _tags(self, tags: Any) -> list[dict[str, str]]:
        if tags is None:
            tags = []
        if not isinstance(tags, list):
            raise RecordError("tags is not a list")
        names = []
        for tag in [*tags, *(self.config.get("default_tags") or [])]:
            name = tag.get("name") if isinstance(tag, dict) else tag
            if not isinstance(name, str):
                raise RecordError(f"a tag is not a name: {tag!r}")
            if name not in names:
                names.append(name)
        return [{"name": name} for name in names]

    def _extras(self, extras: Any) -> list[dict[str, str]]:
        if isinstance(extras, dict):  # the REST form
            extras = [{"key": k, "value": v} for k, v in extras.items()]
        if extras is None:
            extras = []
        if not isinstance(extras, list):
            raise RecordError("extras is not a list")
        kept: dict[str, str] = {}
        for extra in extras:
            if not isinstance(extra, dict) or not isinstance(extra.get("key"), str):
                raise RecordError(f"an extra is not a key and value: {extra!r}")
            key, value = extra["key"], extra.get("value")
            if key.startswith("harvest_") or key in PACKAGE_ROOT_KEYS or value is None:
                continue
            kept[key] = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        override = bool(self.config.get("override_extras"))
        for key, value in (self.config.get("default_extras") or {}).items():
            if key in kept and not override:
                continue
            if isinstance(value, str):
                try:
                    value = value.format(**self.placeholders)
                except (KeyError, IndexError, ValueError):
                    pass
            kept[key] = value if isinstance(value, str) else json.dumps(value)
        return [{"key": key, "value": value} for key, value in kept.items()]

    def _resources(self, resources: Any) -> list[dict[str, Any]]:
        if resources is None:
            return []
        if not isinstance(resources, list):
            raise RecordError("resources is not a list")
        mapped = []
        for number, resource in enumerate(resources):
            if not isinstance(resource, dict):
                raise RecordError(f"resource {number} is not a dict")
            out = {k: v for k, v in resource.items() if k not in RESOURCE_DROPPED}
            for key in RESOURCE_FIELDS:
                if key in out and key not in ("size",):
                    out[key] = _text(out[key])
            out["remote_id"] = str(resource.get("id") or number)
            mapped.append(out)
        return mapped

    # -- organizations and groups ---------------------------------------------------------

    def _organization(self, remote: dict[str, Any]) -> str | None:
        mode = self.config.get("remote_orgs")
        if mode not in ("only_local", "create"):
            return self.owner_org
        org = remote.get("organization")
        name = org.get("name") if isinstance(org, dict) else None
        reference = name or remote.get("owner_org")
        if not isinstance(reference, str) or not reference:
            return self.owner_org
        mapped = (self.config.get("organizations_map") or {}).get(reference, reference)
        found = self.local.find("organization", mapped)
        if found is None and isinstance(remote.get("owner_org"), str):
            found = self.local.find("organization", remote["owner_org"])
        if found is None and mode == "create" and mapped == reference:
            found = self._create("organization", reference)
        if found is None and self.owner_org is None:
            raise RecordError(
                f"organization {reference} does not exist here and the source has no "
                "default organization"
            )
        return found or self.owner_org

    def _groups(self, groups: Any) -> list[dict[str, str]]:
        mode = self.config.get("remote_groups")
        wanted: list[str] = []
        if mode in ("only_local", "create") and isinstance(groups, list):
            for group in groups:
                if not isinstance(group, dict):
                    continue
                reference = group.get("name") or group.get("id")
                if not isinstance(reference, str):
                    continue
                found = self.local.find("group", reference)
                if found is None and isinstance(group.get("id"), str):
                    found = self.local.find("group", group["id"])
                if found is None and mode == "create":
                    found = self._create("group", reference)
                if found is not None and found not in wanted:
                    wanted.append(found)
        for reference in self.config.get("default_groups") or []:
            found = self.local.find("group", reference)
            if found is not None and found not in wanted:
                wanted.append(found)
        return [{"id": group_id} for group_id in wanted]

    def _create(self, kind: str, reference: str) -> str | None:
        """Copy a remote organization/group here (its remote id is not kept)."""
        url = f"{self.base}/api/3/action/{kind}_show?id={reference}"
        try:
            answer = get_json(self.client, url)
        except GatherError:
            return None
        result = answer.get("result") if isinstance(answer, dict) else None
        if not isinstance(result, dict) or not isinstance(result.get("name"), str):
            return None
        data = {k: v for k, v in result.items() if k not in GROUP_DROPPED}
        data = {k: v for k, v in data.items() if not isinstance(v, list)}
        try:
            return self.local.create(kind, data)
        except CatalogError:
            return None

"""The dataset form <-> CKAN's package dict, and action errors -> the form's fields.

The form's field names are flat (`title_vi`, `res-0-name`, ...); a dataset's resources are
numbered blocks. Values are kept as the steward typed them, so a refused form comes back
filled in. Extras and languages the form does not show are kept on edit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from starlette.datastructures import FormData, UploadFile

from catalog.services.search.folding import fold

FORM_EXTRAS = (
    "frequency", "temporal_start", "temporal_end", "spatial_text", "contact_name",
    "contact_email",
)  # fmt: skip
DATASET_FIELDS = (
    "title_vi", "title_en", "name", "notes_vi", "notes_en", "owner_org", "tags", "license_id",
    "private", *FORM_EXTRAS,
)  # fmt: skip
RESOURCE_FIELDS = ("id", "source", "url", "name", "format", "description")
MAX_RESOURCE_BLOCKS = 50
# Action error keys -> the form field that shows them.
FIELD_OF_ERROR = {
    "title": "title_vi", "title_translated": "title_vi", "notes": "notes_vi",
    "notes_translated": "notes_vi", "tag_string": "tags", "maintainer": "contact_name",
    "maintainer_email": "contact_email", "id": "name",
}  # fmt: skip
RESOURCE_FIELD_OF_ERROR = {"upload": "upload", "validation": "upload", "size": "upload"}


@dataclass
class ResourceBlock:
    """One resource of the form: its typed values and, if chosen, the new file."""

    number: int
    values: dict[str, str] = field(default_factory=dict)
    upload: UploadFile | None = None

    @property
    def is_blank(self) -> bool:
        return self.upload is None and not any(
            self.values.get(key) for key in ("id", "url", "name", "description")
        )


@dataclass
class DatasetForm:
    values: dict[str, Any]
    resources: list[ResourceBlock]


def slugify(text: str) -> str:
    """A URL name from a title: Vietnamese letters folded to ASCII (đ -> d), a-z0-9 and -."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")[:100]


def _text(form: FormData, key: str) -> str:
    value = form.get(key)
    return value.strip() if isinstance(value, str) else ""


def read_dataset_form(form: FormData) -> DatasetForm:
    values: dict[str, Any] = {key: _text(form, key) for key in DATASET_FIELDS}
    values["groups"] = [g for g in form.getlist("groups") if isinstance(g, str) and g]
    resources = []
    for number in range(MAX_RESOURCE_BLOCKS):
        prefix = f"res-{number}-"
        if not any(key.startswith(prefix) for key in form.keys()):
            continue
        block = ResourceBlock(number, {key: _text(form, prefix + key) for key in RESOURCE_FIELDS})
        block.values["delete"] = "true" if _text(form, prefix + "delete") else ""
        upload = form.get(prefix + "upload")
        if isinstance(upload, UploadFile) and upload.filename:
            block.upload = upload
        resources.append(block)
    return DatasetForm(values, resources)


def form_from_package(package: dict[str, Any]) -> DatasetForm:
    """The form's values for an existing dataset."""
    extras = {e["key"]: e["value"] for e in package.get("extras") or []}
    titles = package.get("title_translated") or {}
    notes = package.get("notes_translated") or {}
    values: dict[str, Any] = {
        "title_vi": titles.get("vi") or package.get("title") or "",
        "title_en": titles.get("en") or "",
        "name": package.get("name") or "",
        "notes_vi": notes.get("vi") or package.get("notes") or "",
        "notes_en": notes.get("en") or "",
        "owner_org": package.get("owner_org") or "",
        "tags": ", ".join(tag["name"] for tag in package.get("tags") or []),
        "license_id": package.get("license_id") or "",
        "private": "true" if package.get("private") else "false",
        "groups": [group["name"] for group in package.get("groups") or []],
        **{key: extras.get(key, "") for key in FORM_EXTRAS},
    }
    if not values["contact_name"]:
        values["contact_name"] = package.get("maintainer") or ""
    if not values["contact_email"]:
        values["contact_email"] = package.get("maintainer_email") or ""
    blocks = [
        ResourceBlock(number, resource_values(resource))
        for number, resource in enumerate(package.get("resources") or [])
    ]
    return DatasetForm(values, blocks)


def resource_values(resource: dict[str, Any]) -> dict[str, str]:
    """A resource's form values: its fields, `source` upload or link (an upload's own URL is
    not shown as a link)."""
    is_upload = resource.get("url_type") == "upload"
    values = {key: str(resource.get(key) or "") for key in RESOURCE_FIELDS}
    values["source"] = "upload" if is_upload else "link"
    if is_upload:
        values["url"] = ""
    return values


def package_input(
    form: DatasetForm, existing: dict[str, Any] | None
) -> tuple[dict[str, Any], list[int]]:
    """The package_create (existing None) or package_patch data dict for the form, and the
    form block each of its resources came from (as resources_input gives them)."""
    values = form.values
    old_titles = dict((existing or {}).get("title_translated") or {})
    old_notes = dict((existing or {}).get("notes_translated") or {})
    data: dict[str, Any] = {
        "title": values["title_vi"],
        "title_translated": {**old_titles, "vi": values["title_vi"], "en": values["title_en"]},
        "name": values["name"],
        "notes": values["notes_vi"],
        "notes_translated": {**old_notes, "vi": values["notes_vi"], "en": values["notes_en"]},
        "owner_org": values["owner_org"],
        "tag_string": values["tags"],
        "tags": [],
        "license_id": values["license_id"] or None,
        "private": values["private"] == "true",
        "groups": [{"name": name} for name in values["groups"]],
        "maintainer": values["contact_name"] or None,
        "maintainer_email": values["contact_email"] or None,
    }
    kept = [
        extra for extra in (existing or {}).get("extras") or [] if extra["key"] not in FORM_EXTRAS
    ]
    data["extras"] = kept + [
        {"key": key, "value": values[key]} for key in FORM_EXTRAS if values[key]
    ]
    if existing is not None:
        data["id"] = existing["id"]
    data["resources"], origin = resources_input(form, existing)
    return data, origin


def resources_input(
    form: DatasetForm, existing: dict[str, Any] | None
) -> tuple[list[dict[str, Any]], list[int]]:
    """The resources list to save, and for each entry the form block it came from.

    Existing resources keep every field the form does not show (schema, size, hash ...);
    a block marked for deletion is left out; a blank new block is ignored.
    """
    current = {r["id"]: r for r in (existing or {}).get("resources") or []}
    shown_ids = {block.values.get("id") for block in form.resources}
    resources: list[dict[str, Any]] = []
    origin: list[int] = []
    for block in form.resources:
        resource_id = block.values.get("id") or ""
        if block.values.get("delete") or (not resource_id and block.is_blank):
            continue
        base = current.get(resource_id)
        resources.append({**(base or {}), **resource_changes(block.values, block.upload, base)})
        origin.append(block.number)
    # Resources the form did not show (added meanwhile by someone else) stay as they are.
    for resource_id, resource in current.items():
        if resource_id not in shown_ids:
            resources.append(resource)
            origin.append(-1)
    return resources, origin


def resource_changes(
    values: dict[str, str], upload: UploadFile | None, existing: dict[str, Any] | None
) -> dict[str, Any]:
    """The fields a resource form sets on the `existing` resource (None: a new one): name,
    format, description, and the new file, else the link (a link replacing an upload)."""
    changes: dict[str, Any] = {
        key: values.get(key) or None for key in ("name", "format", "description")
    }
    if upload is not None:
        changes["upload"] = upload
    elif values.get("url") or existing is None:
        changes["url"] = values.get("url") or ""
        if existing is not None and existing.get("url_type") == "upload":
            changes["url_type"] = None
    return changes


def field_errors(errors: dict[str, Any], origin: list[int]) -> dict[str, list[str]]:
    """ValidationFailed's errors as form field -> messages (resources by their block)."""
    found: dict[str, list[str]] = {}
    for key, messages in errors.items():
        if key == "resources" and isinstance(messages, list):
            for index, problem in enumerate(messages):
                if not isinstance(problem, dict) or not problem:
                    continue
                number = origin[index] if index < len(origin) else -1
                for res_key, res_messages in problem.items():
                    name = RESOURCE_FIELD_OF_ERROR.get(res_key, res_key)
                    target = f"res-{number}-{name}" if number >= 0 else "resources"
                    found.setdefault(target, []).extend(_flat(res_messages))
            continue
        found.setdefault(FIELD_OF_ERROR.get(key, key), []).extend(_flat(messages))
    return found


def _flat(messages: Any) -> list[str]:
    if isinstance(messages, str):
        return [messages]
    if isinstance(messages, list):
        return [text for item in messages for text in _flat(item)]
    if isinstance(messages, dict):
        return [f"{key}: {text}" for key, value in messages.items() for text in _flat(value)]
    return [str(messages)]

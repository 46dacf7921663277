"""CKAN's input rules for datasets, resources, organizations and groups, with its messages.

Each validator returns the cleaned dict or raises ValidationFailed with every field's
errors at once (409), or DataShapeError (400) for input of the wrong structure.
"""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime
from typing import Any

from catalog.errors import DataShapeError, ValidationFailed

NAME_RE = re.compile(r"^[a-z0-9_-]*$")
TAG_RE = re.compile(r"^[\w \-.]*$", re.UNICODE)
EMAIL_RE = re.compile(r"^[\w.%+-]+@[\w.-]+\.[a-zA-Z]{2,}$", re.UNICODE)
RESERVED_NAMES = frozenset({"new", "edit", "search"})
TRUE_STRINGS = frozenset({"true", "yes", "t", "y", "1", "on"})
PACKAGE_TEXT_FIELDS = (
    "title", "notes", "url", "version", "author", "author_email", "maintainer",
    "maintainer_email", "license_id", "type",
)  # fmt: skip
PACKAGE_ROOT_KEYS = frozenset(
    {*PACKAGE_TEXT_FIELDS, "id", "name", "owner_org", "private", "state", "tags", "extras",
     "resources", "groups", "metadata_created", "metadata_modified", "creator_user_id",
     "tag_string", "title_translated", "notes_translated", "organization",
     "relationships_as_object", "relationships_as_subject", "num_tags", "num_resources",
     "isopen", "license_title",
     "license_url", "plugin_data"}
)  # fmt: skip


def as_bool(value: Any) -> bool:
    """CKAN's boolean_validator: true/yes/t/y/1 (any case) are true, anything else false."""
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in TRUE_STRINGS


def name_errors(value: Any) -> list[str]:
    if not isinstance(value, str):
        return ["Names must be strings"]
    errors = []
    if value in RESERVED_NAMES:
        errors.append("That name cannot be used")
    if len(value) < 2:
        errors.append("Must be at least 2 characters long")
    if len(value) > 100:
        errors.append("Name must be a maximum of 100 characters long")
    if not NAME_RE.match(value):
        errors.append(
            "Must be purely lowercase alphanumeric (ascii) characters and these symbols: -_"
        )
    return errors


def tag_errors(name: str) -> list[str]:
    errors = []
    if len(name) < 2:
        errors.append(f'Tag "{name}" length is less than minimum 2')
    if len(name) > 100:
        errors.append(f'Tag "{name}" length is more than maximum 100')
    if not TAG_RE.match(name):
        errors.append(
            f'Tag "{name}" can only contain alphanumeric characters, spaces (" "), '
            'hyphens ("-"), underscores ("_") or dots (".")'
        )
    return errors


def _check_name(
    data: dict[str, Any], errors: dict[str, Any], *, taken: bool, taken_message: str
) -> None:
    name = data.get("name")
    if name in (None, ""):
        errors["name"] = ["Missing value"]
        return
    problems = name_errors(name)
    if taken:
        problems.append(taken_message)
    if problems:
        errors["name"] = problems


def _check_id(data: dict[str, Any], errors: dict[str, Any]) -> str | None:
    """A given id must be a UUID (CKAN 2.11); returns it, or None when none was given."""
    if not data.get("id"):
        return None
    try:
        return str(uuid.UUID(str(data["id"])))
    except ValueError:
        errors["id"] = ["Invalid id provided"]
        return None


PACKAGE_LIMITS = {"license_id": 100, "type": 100}
RESOURCE_LIMITS = {
    "format": 100, "mimetype": 200, "mimetype_inner": 200, "url_type": 50, "resource_type": 100,
}  # fmt: skip


def _check_lengths(clean: dict[str, Any], limits: dict[str, int], errors: dict) -> None:
    """Columns of bounded size: too long a value is the caller's error, not the database's."""
    for key, limit in limits.items():
        value = clean.get(key)
        if isinstance(value, str) and len(value) > limit:
            errors[key] = [f"Must be at most {limit} characters long"]


def _list_of_dicts(data: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = data.get(key)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise DataShapeError(
            f"Only lists of dicts can be placed against subschema ('{key}',), "
            f"not {type(value).__name__}",
            data,
        )
    return value


def _parse_datetime(value: Any) -> datetime | None:
    """An ISO date or datetime; aware values are converted to naive UTC."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        parsed = value
    else:
        try:
            parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
        except ValueError:
            raise ValueError("Date format incorrect") from None
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(UTC).replace(tzinfo=None)
    return parsed


def validate_resource(data: dict[str, Any]) -> tuple[dict[str, Any], dict[str, list[str]]]:
    clean = dict(data)
    errors: dict[str, list[str]] = {}
    if clean.get("id") not in (None, ""):
        try:
            uuid.UUID(str(clean["id"]))
        except ValueError:
            errors["id"] = ["Invalid id provided"]
    else:
        clean.pop("id", None)
    if clean.get("size") not in (None, ""):
        try:
            clean["size"] = int(clean["size"])
            if not -(2**63) <= clean["size"] < 2**63:  # a BIGINT column
                raise ValueError
        except (TypeError, ValueError):
            errors["size"] = ["Invalid integer"]
    else:
        clean["size"] = None
    for key in ("created", "last_modified", "cache_last_updated"):
        try:
            clean[key] = _parse_datetime(clean.get(key))
        except ValueError as exc:
            errors[key] = [str(exc)]
    for key in ("url", "name", "description", "format", "mimetype", "hash", *RESOURCE_LIMITS):
        if clean.get(key) is not None and not isinstance(clean[key], str):
            clean[key] = str(clean[key])
    _check_lengths(clean, RESOURCE_LIMITS, errors)
    if isinstance(clean.get("url"), str):
        clean["url"] = clean["url"].strip()  # CKAN's remove_whitespace
    return clean, errors


def validate_package(
    data: dict[str, Any],
    *,
    name_taken: bool,
    organization_id: str | None,
    group_ids: dict[str, str],
    creating: bool = False,
) -> dict[str, Any]:
    """Clean a package_create / package_update input dict.

    A new dataset needs an organization (CKAN's `ckan.auth.create_unowned_dataset` is off);
    an update that leaves `owner_org` out keeps the old one.

    The caller resolves references first: `organization_id` is the id of `owner_org` (None
    when it names no organization), `group_ids` maps each given group id/name to its id.
    """
    errors: dict[str, Any] = {}
    clean: dict[str, Any] = {"name": data.get("name")}
    _check_name(data, errors, taken=name_taken, taken_message="That URL is already in use.")
    if package_id := _check_id(data, errors):
        clean["id"] = package_id
    for key in PACKAGE_TEXT_FIELDS:
        if key in data:
            value = data[key]
            clean[key] = (
                None if value is None else str(value).strip() if key != "notes" else str(value)
            )
    if not clean.get("title") and clean.get("name"):
        clean["title"] = clean["name"]  # CKAN: if_empty_same_as("name")
    for key in ("author_email", "maintainer_email"):
        if clean.get(key) and not EMAIL_RE.match(clean[key]):
            errors[key] = [f"Email {clean[key]} is not a valid format"]
    _check_lengths(clean, PACKAGE_LIMITS, errors)
    if clean.get("version") and len(clean["version"]) > 100:
        errors["version"] = ["Length must be less than 100 characters"]
    if "owner_org" in data or creating:
        if data.get("owner_org") in (None, ""):
            errors["owner_org"] = ["An organization must be provided"]
        elif organization_id is None:
            errors["owner_org"] = ["Organization does not exist"]
        else:
            clean["owner_org"] = organization_id
    if "private" in data:
        clean["private"] = as_bool(data["private"])
    if "state" in data and data["state"] in ("active", "draft", "deleted"):
        clean["state"] = data["state"]
    for key in ("title_translated", "notes_translated"):
        if data.get(key) is not None:
            if not isinstance(data[key], dict):
                errors[key] = ["Not a dict of language codes"]
            else:
                clean[key] = {str(k): str(v) for k, v in data[key].items()}

    tags = _list_of_dicts(data, "tags")
    if data.get("tag_string") and not tags:
        tags = [
            {"name": part.strip()} for part in str(data["tag_string"]).split(",") if part.strip()
        ]
    tag_problems = [msg for tag in tags for msg in tag_errors(str(tag.get("name", "")))]
    if tag_problems:
        errors["tags"] = tag_problems
    clean["tags"] = [{"name": str(tag["name"])} for tag in tags if tag.get("name")]

    extras = [
        e
        for e in _list_of_dicts(data, "extras")
        if not e.get("deleted") and e.get("value") is not None
    ]
    extra_errors: list[dict[str, list[str]]] = []
    seen: set[str] = set()
    for extra in extras:
        key = extra.get("key")
        problem: dict[str, list[str]] = {}
        if not key:
            problem["key"] = ["Missing value"]
        elif key in PACKAGE_ROOT_KEYS:
            problem["key"] = ["There is a schema field with the same name"]
        elif key in seen:
            problem["key"] = [f'Duplicate key "{key}"']
        seen.add(str(key))
        extra_errors.append(problem)
    if any(extra_errors):
        errors["extras"] = extra_errors
    clean["extras"] = [
        {
            "key": str(e["key"]),
            "value": e["value"] if isinstance(e["value"], str) else str(e["value"]),
        }
        for e in extras
    ]

    groups = _list_of_dicts(data, "groups")
    group_problems = []
    clean["groups"] = []
    for group in groups:
        ref = group.get("id") or group.get("name")
        if not isinstance(ref, str):
            ref = str(ref) if ref else None  # a nested value names no group
        if not ref or ref not in group_ids:
            group_problems.append(f"Group {ref} does not exist" if ref else "Missing value")
        else:
            clean["groups"].append({"id": group_ids[ref]})
    if group_problems:
        errors["groups"] = group_problems

    resources = _list_of_dicts(data, "resources")
    resource_errors = []
    clean["resources"] = []
    for resource in resources:
        cleaned, problems = validate_resource(resource)
        clean["resources"].append(cleaned)
        resource_errors.append(problems)
    if any(resource_errors):
        errors["resources"] = resource_errors

    if errors:
        raise ValidationFailed(errors)
    return clean


def validate_group(data: dict[str, Any], *, name_taken: bool) -> dict[str, Any]:
    errors: dict[str, Any] = {}
    taken_message = "Group name already exists in database"
    _check_name(data, errors, taken=name_taken, taken_message=taken_message)
    _check_id(data, errors)
    if errors:
        raise ValidationFailed(errors)
    clean = {
        key: data[key]
        for key in (
            "id",
            "name",
            "title",
            "description",
            "image_url",
            "title_translated",
            "description_translated",
        )
        if data.get(key) is not None
    }
    clean["extras"] = [
        {"key": str(e["key"]), "value": str(e.get("value", ""))}
        for e in _list_of_dicts(data, "extras")
        if e.get("key")
    ]
    return clean

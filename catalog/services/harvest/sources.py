"""Harvest sources: input rules (name, URL, type, frequency, config) and the schedule.

The config is a JSON object (given as a string, as ckanext-harvest takes it, or a dict).
Keys, by source type:

| key | types | meaning |
| --- | --- | --- |
| api_key | ckan | sent as `Authorization` (remote private datasets are still never harvested) |
| organizations_filter_include / _exclude | ckan | remote organization names (not both) |
| groups_filter_include / _exclude | ckan | remote group names (not both) |
| remote_orgs | ckan | "only_local": the local organization of the same name; "create": |
| | | also create missing ones (remote organization_show); absent: the source's owner_org |
| remote_groups | ckan | "only_local" / "create", as remote_orgs; absent: groups are dropped |
| organizations_map | ckan | {"remote-org-name": "local-org-name"}, applied before remote_orgs |
| default_tags, default_groups, default_extras | ckan, dcat | added to every dataset |
| force_all | ckan | always a full harvest (no incremental by metadata_modified) |
| rows | ckan | page size of package_search (default 100, at most 1000) |
| rdf_format | dcat | turtle, xml, json-ld, nt: overrides the Content-Type of the answers |
| max_pages | dcat | stop paging after this many pages (default 1000) |
| timeout | ckan, dcat | seconds per request (default 30) |
| user_agent | ckan, dcat | User-Agent header |
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlparse

from catalog.errors import ValidationFailed
from catalog.services.validation import name_errors

SOURCE_TYPES = ("ckan", "dcat")
FREQUENCIES = {"MANUAL": None, "DAILY": timedelta(days=1), "WEEKLY": timedelta(weeks=1)}
REMOTE_MODES = ("only_local", "create")
_LISTS = ("organizations_filter_include", "organizations_filter_exclude",
          "groups_filter_include", "groups_filter_exclude", "default_groups")  # fmt: skip
_CKAN_ONLY = (*_LISTS[:4], "api_key", "remote_orgs", "remote_groups", "organizations_map",
              "force_all", "rows")  # fmt: skip
_DCAT_ONLY = ("rdf_format", "max_pages")
RDF_FORMATS = ("turtle", "xml", "json-ld", "nt", "n3", "trig")


def parse_config(value: Any) -> dict[str, Any]:
    """The config as a dict ("" and None are {}); ValueError when it is not a JSON object."""
    if value in (None, ""):
        return {}
    if isinstance(value, dict):
        return value
    try:
        parsed = json.loads(str(value))
    except json.JSONDecodeError as error:
        raise ValueError(f"Error parsing the configuration options: {error}") from None
    if not isinstance(parsed, dict):
        raise ValueError("The configuration must be a JSON object")
    return parsed


def config_errors(config: dict[str, Any], source_type: str) -> list[str]:
    errors = []
    for key in _LISTS:
        value = config.get(key)
        if value is not None and (
            not isinstance(value, list) or not all(isinstance(v, str) for v in value)
        ):
            errors.append(f"{key} must be a list of names")
    for kind in ("organizations", "groups"):
        if f"{kind}_filter_include" in config and f"{kind}_filter_exclude" in config:
            errors.append(
                f"Harvest configuration cannot contain both {kind}_filter_include "
                f"and {kind}_filter_exclude"
            )
    for key in ("remote_orgs", "remote_groups"):
        if config.get(key) is not None and config[key] not in REMOTE_MODES:
            errors.append(f"{key} must be one of: {', '.join(REMOTE_MODES)}")
    for key in ("organizations_map", "default_extras"):
        value = config.get(key)
        if value is not None and not isinstance(value, dict):
            errors.append(f"{key} must be a dictionary")
    tags = config.get("default_tags")
    if tags is not None and (
        not isinstance(tags, list)
        or not all(isinstance(t, str) or (isinstance(t, dict) and "name" in t) for t in tags)
    ):
        errors.append("default_tags must be a list of tag names")
    if "force_all" in config and not isinstance(config["force_all"], bool):
        errors.append("force_all must be boolean")
    for key, low, high in (("rows", 1, 1000), ("max_pages", 1, 100_000)):
        value = config.get(key)
        if value is not None and (
            isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high
        ):
            errors.append(f"{key} must be an integer from {low} to {high}")
    timeout = config.get("timeout")
    if timeout is not None and (
        isinstance(timeout, bool) or not isinstance(timeout, int | float) or not 0 < timeout <= 600
    ):
        errors.append("timeout must be a number of seconds (at most 600)")
    for key in ("api_key", "user_agent"):
        if config.get(key) is not None and not isinstance(config[key], str):
            errors.append(f"{key} must be a string")
    if config.get("rdf_format") is not None and config["rdf_format"] not in RDF_FORMATS:
        errors.append(f"rdf_format should be one of: {', '.join(RDF_FORMATS)}")
    foreign = _DCAT_ONLY if source_type == "ckan" else _CKAN_ONLY
    errors.extend(
        f"{key} is not an option of {source_type} sources" for key in foreign if key in config
    )
    return errors


def validate_source(
    data: dict[str, Any],
    *,
    current: dict[str, Any] | None,
    name_taken: bool,
    organization_id: str | None,
) -> dict[str, Any]:
    """Clean harvest_source_create / _update input (for an update, `current` holds the
    stored values, and keys left out keep them). Raises ValidationFailed (409)."""
    merged = {**(current or {}), **{k: v for k, v in data.items() if v is not None}}
    errors: dict[str, list[str]] = {}
    name = merged.get("name")
    if name in (None, ""):
        errors["name"] = ["Missing value"]
    else:
        problems = name_errors(name)
        if name_taken:
            problems.append("That URL is already in use.")
        if problems:
            errors["name"] = problems
    url = merged.get("url")
    parsed = urlparse(url) if isinstance(url, str) else None
    if url in (None, ""):
        errors["url"] = ["Missing value"]
    elif parsed is None or parsed.scheme not in ("http", "https") or not parsed.netloc:
        errors["url"] = ["The URL must be an http or https address"]
    source_type = merged.get("source_type") or merged.get("type")
    if source_type not in SOURCE_TYPES:
        errors["source_type"] = [f"Unknown harvester type; one of: {', '.join(SOURCE_TYPES)}"]
    frequency = str(merged.get("frequency") or "MANUAL").upper()
    if frequency not in FREQUENCIES:
        errors["frequency"] = [f"Frequency {frequency} not recognised"]
    try:
        config = parse_config(merged.get("config"))
        problems = config_errors(config, str(source_type))
    except ValueError as error:
        config, problems = {}, [str(error)]
    if problems:
        errors["config"] = problems
    owner = merged.get("owner_org")
    if owner not in (None, "") and organization_id is None:
        errors["owner_org"] = ["Organization does not exist"]
    elif owner in (None, "") and not (
        source_type == "ckan" and config.get("remote_orgs") in REMOTE_MODES
    ):
        errors["owner_org"] = [
            "An organization must be provided (or, for a ckan source, config remote_orgs)"
        ]
    if errors:
        raise ValidationFailed(errors)
    return {
        "name": name,
        "title": str(merged.get("title") or name),
        "url": url.strip(),
        "source_type": source_type,
        "frequency": frequency,
        "config": json.dumps(config, ensure_ascii=False) if config else "",
        "owner_org": organization_id,
        "active": _as_bool(merged.get("active", True)),
    }


def _as_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in ("true", "1", "yes", "on", "t", "y")


def next_run(frequency: str, now: datetime) -> datetime | None:
    """When a source of this frequency runs next (None for MANUAL)."""
    step = FREQUENCIES.get(frequency)
    return now + step if step is not None else None

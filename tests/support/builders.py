"""Build small catalogs through the real actions, for tests that need exact content."""

from __future__ import annotations

from typing import Any

from catalog.actions.registry import ActionContext


def organization(context: ActionContext, name: str, title: str = "") -> dict[str, Any]:
    return context.call("organization_create", {"name": name, "title": title or name})


def group(context: ActionContext, name: str, title: str = "") -> dict[str, Any]:
    return context.call("group_create", {"name": name, "title": title or name})


def dataset(context: ActionContext, name: str, **fields: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"name": name, "title": fields.pop("title", name)}
    if "tags" in fields:
        data["tags"] = [{"name": tag} for tag in fields.pop("tags")]
    if "groups" in fields:
        data["groups"] = [{"name": g} for g in fields.pop("groups")]
    if "extras" in fields:
        data["extras"] = [{"key": k, "value": v} for k, v in fields.pop("extras").items()]
    data.update(fields)
    return context.call("package_create", data)

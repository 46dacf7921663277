"""The OpenAPI 3 description of the whole site: FastAPI's own for the typed routes (feeds,
downloads, data packages), plus one path per registered CKAN action, which the action API's
single generic route cannot describe by itself.

Each action gets `/api/3/action/{name}`: POST always (JSON body, or multipart for the
uploading resource actions), GET too when it is side-effect free (query parameters). Its
parameters and their descriptions come from the registry (`ActionRegistry.params`), its
summary and description from its docstring.
"""

from __future__ import annotations

import warnings
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from catalog.actions.registry import ActionRegistry

API_PREFIX = "/api/3/action"
UPLOAD_ACTIONS = frozenset({"resource_create", "resource_update", "resource_patch"})
DESCRIPTION = (
    "{intro}\n\nEvery CKAN action answers at `/api/3/action/{{name}}` (and "
    "`/api/action/{{name}}`) with CKAN's envelope `{{help, success, result}}`; "
    "`help_show?name=<action>` returns an action's documentation. Feeds: DCAT-AP "
    "(`/catalog.ttl`, `.rdf`, `.jsonld`; `/dataset/{{name}}.ttl` ...) and DCAT-US `/data.json`."
)
ERROR_STATUSES = {
    "400": "Bad request, unknown action, or invalid search query",
    "403": "Not authorized",
    "404": "Not found",
    "409": "Validation error (the error names each field)",
}


def _envelope(success: bool) -> dict[str, Any]:
    result: dict[str, Any] = (
        {"result": {"description": "the action's result"}}
        if success
        else {
            "error": {
                "type": "object",
                "properties": {"__type": {"type": "string"}, "message": {"type": "string"}},
                "additionalProperties": True,
            }
        }
    )
    return {
        "type": "object",
        "required": ["help", "success"],
        "properties": {
            "help": {"type": "string", "format": "uri"},
            "success": {"type": "boolean", "enum": [success]},
            **result,
        },
    }


COMPONENTS: dict[str, Any] = {
    "schemas": {
        "ActionSuccess": _envelope(True),
        "ActionError": _envelope(False),
    },
    "securitySchemes": {
        "ApiToken": {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "An API token (`opendata user token add`); `Bearer <token>` and the "
            "`X-CKAN-API-Key` header work too. Reads need none.",
        }
    },
}


def _responses() -> dict[str, Any]:
    responses: dict[str, Any] = {
        "200": {
            "description": "Success",
            "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/ActionSuccess"}}
            },
        }
    }
    for status, description in ERROR_STATUSES.items():
        responses[status] = {
            "description": description,
            "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/ActionError"}}
            },
        }
    return responses


def _body(name: str, params: dict[str, str]) -> dict[str, Any]:
    properties = {key: {"description": text} for key, text in params.items()}
    content: dict[str, Any] = {
        "application/json": {
            "schema": {"type": "object", "properties": properties, "additionalProperties": True}
        }
    }
    if name in UPLOAD_ACTIONS:
        form = {key: {"type": "string", "description": text} for key, text in params.items()}
        form["upload"] = {"type": "string", "format": "binary", "description": "the file"}
        content["multipart/form-data"] = {"schema": {"type": "object", "properties": form}}
    return {"required": False, "content": content}


def action_paths(registry: ActionRegistry) -> dict[str, Any]:
    paths: dict[str, Any] = {}
    for name in registry.names():
        action = registry.get(name)
        doc = (action.doc or name).strip()
        summary = doc.splitlines()[0]
        prose = doc.split(":param", 1)[0].strip() or summary
        params = registry.params(name)
        tag = action.func.__module__.rsplit(".", 1)[-1].replace("_", " ")
        common = {
            "tags": [f"action API: {tag}"],
            "summary": summary,
            "description": prose,
            "responses": _responses(),
            "security": [{}, {"ApiToken": []}],
        }
        item: dict[str, Any] = {
            "post": {**common, "operationId": f"{name}_post", "requestBody": _body(name, params)}
        }
        if action.side_effect_free:
            query = [
                {
                    "name": key,
                    "in": "query",
                    "required": False,
                    "description": text,
                    "schema": {"type": "string"},
                }
                for key, text in params.items()
            ]
            item["get"] = {**common, "operationId": name, "parameters": query}
        paths[f"{API_PREFIX}/{name}"] = item
    return paths


def _drop_head(paths: dict[str, Any]) -> None:
    """HEAD is implied by GET: FastAPI documents a GET+HEAD route as two operations sharing
    one operationId, so keep the GET alone (named `..._get`)."""
    for item in paths.values():
        if "head" in item and "get" in item:
            del item["head"]
            operation_id = item["get"].get("operationId", "")
            if operation_id.endswith("_head"):
                item["get"]["operationId"] = operation_id[: -len("_head")] + "_get"


def build_openapi(app: FastAPI, registry: ActionRegistry) -> dict[str, Any]:
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Duplicate Operation ID")
        schema = get_openapi(
            title=app.title,
            version=app.version,
            description=DESCRIPTION.format(intro=app.description),
            routes=app.routes,
        )
    _drop_head(schema.get("paths", {}))
    schema.setdefault("paths", {}).update(action_paths(registry))
    components = schema.setdefault("components", {})
    components.setdefault("schemas", {}).update(COMPONENTS["schemas"])
    components.setdefault("securitySchemes", {}).update(COMPONENTS["securitySchemes"])
    return schema

"""“Use this data from code”: the CKAN API, a DataStore query, curl and Python (ckanapi)."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote


def code_snippets(
    package: dict[str, Any], resource: dict[str, Any] | None, site_url: str
) -> list[dict[str, str]]:
    name = package["name"]
    snippets = [
        {
            "title": "CKAN API (package_show)",
            "code": f"curl '{site_url}/api/3/action/package_show?id={quote(name)}'",
        }
    ]
    python = [
        "from ckanapi import RemoteCKAN",
        "",
        f'portal = RemoteCKAN("{site_url}")',
        f'dataset = portal.action.package_show(id="{name}")',
    ]
    if resource is not None:
        rid = resource["id"]
        if resource.get("datastore_active"):
            snippets.append(
                {
                    "title": "DataStore (datastore_search)",
                    "code": f"curl '{site_url}/api/3/action/datastore_search"
                    f"?resource_id={rid}&limit=5'",
                }
            )
            python.append(
                f'rows = portal.action.datastore_search(resource_id="{rid}", limit=100)["records"]'
            )
        if resource.get("url"):
            snippets.append({"title": "curl (download)", "code": f"curl -L -O '{resource['url']}'"})
            python += [
                "",
                "# or the whole file",
                "import urllib.request",
                f'urllib.request.urlretrieve("{resource["url"]}", "{_filename(resource)}")',
            ]
    snippets.append({"title": "Python (ckanapi)", "code": "\n".join(python)})
    return snippets


def _filename(resource: dict[str, Any]) -> str:
    url = resource.get("url") or ""
    tail = url.rsplit("/", 1)[-1] if "/download/" in url else ""
    return tail or f"{resource['id']}.{(resource.get('format') or 'dat').lower()}"

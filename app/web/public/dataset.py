"""The dataset page `/dataset/{name}` and the resource page `/dataset/{name}/resource/{id}`:
metadata, resources with downloads, quality report, DataStore preview, chart, code snippets,
schema.org JSON-LD and links to the CKAN JSON and DCAT forms."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse

from app.web.actions import call, try_call
from app.web.i18n import N_
from app.web.jsonld import dataset_jsonld, extras, script_tag
from app.web.public.preview import load_preview, parse_offset
from app.web.public.quality import load_report
from app.web.public.snippets import code_snippets
from app.web.rendering import href_for, render

router = APIRouter()


FREQUENCIES = {
    "daily": N_("Daily"),
    "weekly": N_("Weekly"),
    "monthly": N_("Monthly"),
    "quarterly": N_("Quarterly"),
    "seasonal": N_("Seasonal"),
    "annual": N_("Annually"),
    "irregular": N_("Irregularly"),
}
FEED_FORMATS = (
    ("ttl", "text/turtle"),
    ("rdf", "application/rdf+xml"),
    ("jsonld", "application/ld+json"),
)


def metadata_rows(package: dict[str, Any], organization: dict[str, Any] | None) -> list[dict]:
    """(label msgid, value, kind) rows of the metadata table; the template formats them."""
    ext = extras(package)
    rows: list[dict[str, Any]] = []

    def add(label: str, value: Any, kind: str = "text", **more: Any) -> None:
        if value:
            rows.append({"label": label, "value": value, "kind": kind, **more})

    add(N_("Publisher"), organization, "organization")
    add(N_("Former publisher"), ext.get("publisher_former"))
    add(N_("Licence"), package.get("license_title") or package.get("license_id"), "license",
        url=package.get("license_url"))  # fmt: skip
    frequency = ext.get("frequency")
    add(N_("Update frequency"), FREQUENCIES.get(frequency or "", frequency), "msgid"
        if frequency in FREQUENCIES else "text")  # fmt: skip
    if ext.get("temporal_start") or ext.get("temporal_end"):
        add(N_("Time period"), (ext.get("temporal_start"), ext.get("temporal_end")), "period")
    add(N_("Area covered"), ext.get("spatial_text"))
    add(N_("Administrative units as of"), ext.get("admin_units_as_of"), "date")
    contact = ext.get("contact_name") or package.get("maintainer")
    email = ext.get("contact_email") or package.get("maintainer_email")
    add(N_("Contact"), contact or email, "contact", email=email)
    add(N_("Language"), {"vi": N_("Vietnamese"), "en": N_("English")}.get(ext.get("language", "")),
        "msgid")  # fmt: skip
    add(N_("Category number"), ext.get("category_no"))
    add(N_("Version"), package.get("version"))
    add(N_("Created"), package.get("metadata_created"), "date")
    add(N_("Last updated"), package.get("metadata_modified"), "date")
    add(N_("Identifier"), package.get("id"), "code")
    return rows


def organization_of(request: Request, package: dict[str, Any]) -> dict[str, Any] | None:
    org = package.get("organization")
    if not org:
        return None
    full = try_call(request, "organization_show", {"id": org["id"], "include_datasets": False})
    return full or org


def groups_of(request: Request, package: dict[str, Any]) -> list[dict[str, Any]]:
    names = {group["name"] for group in package.get("groups") or []}
    if not names:
        return []
    groups = call(request, "group_list", {"all_fields": True})
    return [group for group in groups if group["name"] in names]


def preview_links(base: str) -> Any:
    def page_url(offset: int, sort: str) -> str:
        query = urlencode([(k, v) for k, v in (("offset", offset), ("sort", sort)) if v])
        return f"{base}?{query}#preview" if query else f"{base}#preview"

    return page_url


def page_context(
    request: Request, package: dict[str, Any], resource: dict[str, Any] | None, base: str
) -> dict[str, Any]:
    settings = request.app.state.services.settings
    organization = organization_of(request, package)
    previewed = resource or next(
        (res for res in package.get("resources") or [] if res.get("datastore_active")), None
    )
    preview = None
    if previewed is not None:
        preview = load_preview(
            request,
            previewed,
            offset=parse_offset(request.query_params.get("offset")),
            sort=request.query_params.get("sort"),
            page_url=preview_links(base),
        )
    reports = {}
    for res in [resource] if resource else package.get("resources") or []:
        report = load_report(request, res)
        if report:
            reports[res["id"]] = report
    site_url = settings.site_url
    return {
        "pkg": package,
        "organization": organization,
        "groups": groups_of(request, package),
        "metadata": metadata_rows(package, organization),
        "ext": extras(package),
        "resource": resource,
        "previewed": previewed,
        "preview": preview,
        "reports": reports,
        "snippets": code_snippets(
            package, previewed or (package.get("resources") or [None])[0], site_url
        ),
        "jsonld": script_tag(dataset_jsonld(package, site_url=site_url, organization=organization)),
        "feeds": [(f"/dataset/{package['name']}.{ext}", mime) for ext, mime in FEED_FORMATS],
        "active_page": "dataset",
    }


@router.get("/dataset/{name:name}", response_class=HTMLResponse)
def dataset_page(request: Request, name: str) -> HTMLResponse:
    package = call(request, "package_show", {"id": name})
    base = href_for(request)(f"/dataset/{package['name']}")
    return render(request, "dataset.html", page_context(request, package, None, base))


@router.get("/dataset/{name:name}/resource/{resource_id:name}", response_class=HTMLResponse)
def resource_page(request: Request, name: str, resource_id: str) -> HTMLResponse:
    package = call(request, "package_show", {"id": name})
    resource = next((r for r in package.get("resources") or [] if r["id"] == resource_id), None)
    if resource is None:
        raise HTTPException(status_code=404)
    base = href_for(request)(f"/dataset/{package['name']}/resource/{resource['id']}")
    return render(request, "resource.html", page_context(request, package, resource, base))

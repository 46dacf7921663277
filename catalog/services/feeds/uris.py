"""The stable URIs of the feeds, built from the site URL and ids (never from names, which
can change), the way ckanext-dcat builds them when no `uri` is stored:

| thing | URI |
| --- | --- |
| catalog | `{site}` |
| dataset | `{site}/dataset/{id}` |
| distribution | `{site}/dataset/{id}/resource/{resource id}` |
| publisher (organization) | `{site}/organization/{id}` |
| theme (CKAN group) | `{site}/group/{name}`, in the scheme `{site}/group` |
| catalog publisher | `{site}/#publisher` |

Landing pages are the human pages, by name: `{site}/dataset/{name}`.
"""

from __future__ import annotations

from urllib.parse import quote


def _segment(value: str) -> str:
    return quote(str(value), safe="")


def catalog_uri(site: str) -> str:
    return site.rstrip("/")


def dataset_uri(site: str, package: dict) -> str:
    return f"{catalog_uri(site)}/dataset/{_segment(package['id'])}"


def distribution_uri(site: str, package: dict, resource: dict) -> str:
    return f"{dataset_uri(site, package)}/resource/{_segment(resource['id'])}"


def organization_uri(site: str, organization_id: str) -> str:
    return f"{catalog_uri(site)}/organization/{_segment(organization_id)}"


def theme_scheme_uri(site: str) -> str:
    return f"{catalog_uri(site)}/group"


def theme_uri(site: str, group_name: str) -> str:
    return f"{theme_scheme_uri(site)}/{_segment(group_name)}"


def catalog_publisher_uri(site: str) -> str:
    return f"{catalog_uri(site)}/#publisher"


def landing_page(site: str, package: dict) -> str:
    return f"{catalog_uri(site)}/dataset/{_segment(package['name'])}"


def resource_page(site: str, package: dict, resource: dict) -> str:
    return f"{landing_page(site, package)}/resource/{_segment(resource['id'])}"


def license_uri(site: str, license_id: str) -> str:
    """A licence without a public URL of its own (e.g. `other-open`)."""
    return f"{catalog_uri(site)}/licenses#{_segment(license_id)}"

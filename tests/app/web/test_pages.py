"""The public pages over HTTP (uvicorn on loopback, the 94 categories loaded): sizes, no
third-party hosts, search and facets, hostile input, errors, static caching, private data."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import httpx
import pytest

from catalog.actions import build_registry
from catalog.content.loader import site_context
from catalog.services.runtime import Services

MAX_PAGE_BYTES = 100 * 1024
PAGE_TYPES = [
    "/",
    "/dataset",
    "/dataset?q=giao+duc",
    "/dataset?q=zzzqqq",
    "/organization",
    "/organization/so-tai-chinh",
    "/group",
    "/group/giao-duc",
    "/about",
    "/api-guide",
    "/dataset/no-such-dataset",
    "/en/",
]
EMBEDDING = {"script": "src", "link": "href", "img": "src", "source": "src", "iframe": "src"}


class Embeds(HTMLParser):
    """URLs a page loads by itself: scripts, styles, icons, images, frames, inline CSS urls."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "link" and values.get("rel") in ("alternate", "canonical"):
            return
        attribute = EMBEDDING.get(tag)
        if attribute and values.get(attribute):
            self.urls.append(values[attribute] or "")
        if values.get("style"):
            self.urls += re.findall(r"url\(([^)]*)\)", values["style"] or "")


def embedded_urls(html: str) -> list[str]:
    parser = Embeds()
    parser.feed(html)
    return parser.urls


@pytest.fixture(scope="module")
def dataset_names(web_http: httpx.Client) -> list[str]:
    return web_http.get("/api/3/action/package_list").json()["result"]


@pytest.fixture(scope="module")
def resource_paths(web_http: httpx.Client, dataset_names: list[str]) -> list[str]:
    paths = []
    for name in dataset_names[:10]:
        package = web_http.get("/api/3/action/package_show", params={"id": name}).json()["result"]
        paths += [f"/dataset/{name}/resource/{res['id']}" for res in package["resources"]]
    return paths


def test_every_dataset_page_renders_under_100_kb(all_dataset_pages: dict[str, Any]) -> None:
    assert len(all_dataset_pages) == 94
    sizes = {}
    for name, response in all_dataset_pages.items():
        assert response.status_code == 200, name
        sizes[name] = len(response.content)
    biggest = max(sizes, key=sizes.__getitem__)
    assert sizes[biggest] < MAX_PAGE_BYTES, (biggest, sizes[biggest])


def test_home_totals_count_the_data_files(
    web_http: httpx.Client, all_packages: dict[str, Any]
) -> None:
    totals = dict(re.findall(r"<dt>([^<]+)</dt><dd>([^<]+)</dd>", web_http.get("/").text))
    files = sum(len(package["resources"]) for package in all_packages.values())
    assert files > len(all_packages)  # some datasets have several files
    assert totals["Tệp dữ liệu"].replace(".", "") == str(files)
    assert totals["Bộ dữ liệu"] == "94" and "Định dạng tệp" not in totals


@pytest.mark.parametrize("path", PAGE_TYPES)
def test_page_types_are_small_and_load_nothing_from_other_hosts(
    web_http: httpx.Client, web_site: str, path: str
) -> None:
    response = web_http.get(path)
    assert response.status_code == (404 if "no-such" in path else 200)
    assert response.headers["content-type"].startswith("text/html")
    assert len(response.content) < MAX_PAGE_BYTES
    for url in embedded_urls(response.text):
        assert not re.match(r"^\s*(https?:)?//", url) or url.startswith(web_site), url


def test_resource_pages_render_small(web_http: httpx.Client, resource_paths: list[str]) -> None:
    assert resource_paths
    for path in resource_paths:
        response = web_http.get(path)
        assert response.status_code == 200, path
        assert len(response.content) < MAX_PAGE_BYTES
        assert not [u for u in embedded_urls(response.text) if re.match(r"^(https?:)?//", u)]


def test_stylesheets_and_scripts_use_no_other_host(web_http: httpx.Client) -> None:
    html = web_http.get("/dataset/bang-gia-dat").text
    assets = re.findall(r'(?:href|src)="(/static/[^"]+)"', html)
    assert any(a.startswith("/static/css/") for a in assets)
    for asset in assets:
        body = web_http.get(asset).text
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", body), asset
        assert not re.search(r"@import|fonts\.googleapis|cdn\.", body), asset


def test_static_files_are_cached(web_http: httpx.Client) -> None:
    html = web_http.get("/").text
    css = re.search(r'href="(/static/css/site\.css\?v=[0-9a-f]+)"', html)
    assert css, "the stylesheet link carries a content version"
    response = web_http.get(css.group(1))
    assert response.status_code == 200
    assert "max-age=31536000" in response.headers["cache-control"]
    assert web_http.get("/static/css/site.css").headers["cache-control"] == "public, max-age=3600"
    assert web_http.get("/static/../app/main.py").status_code == 404


def result_names(html: str) -> list[str]:
    return re.findall(r'<h3 class="dataset-title"><a href="/dataset/([^"]+)"', html)


def result_count(html: str) -> int:
    match = re.search(r'class="result-count" role="status" data-count="(\d+)"', html)
    assert match, "a result count is shown"
    return int(match.group(1))


def test_search_ignores_diacritics(web_http: httpx.Client) -> None:
    plain = web_http.get("/dataset", params={"q": "giao duc"}).text
    marked = web_http.get("/dataset", params={"q": "giáo dục"}).text
    assert result_count(plain) == result_count(marked) > 0
    assert result_names(plain) == result_names(marked)
    assert "Giáo dục" in plain


def test_facets_combine_like_ckan(web_http: httpx.Client) -> None:
    params = [("organization", "so-giao-duc-va-dao-tao"), ("res_format", "CSV")]
    html = web_http.get("/dataset", params=params).text
    api = web_http.get(
        "/api/3/action/package_search",
        params={"fq": 'organization:"so-giao-duc-va-dao-tao" res_format:"CSV"', "rows": 100},
    ).json()["result"]
    assert result_count(html) == api["count"] > 0
    tags = sorted({t["name"] for pkg in api["results"] for t in pkg["tags"]})
    narrowed = web_http.get("/dataset", params=params + [("tags", tags[0])]).text
    expected = [p for p in api["results"] if tags[0] in {t["name"] for t in p["tags"]}]
    assert result_count(narrowed) == len(expected)
    # the active filter is shown with a link that removes only it
    assert 'aria-current="true"' in narrowed
    assert "organization=so-giao-duc-va-dao-tao&amp;res_format=CSV" in narrowed


def test_validation_status_facet(web_http: httpx.Client) -> None:
    html = web_http.get("/dataset").text
    assert "res_validation_status=success" in html
    valid = web_http.get("/dataset", params={"res_validation_status": "success"}).text
    assert result_count(valid) == 94


def test_sort_and_paging(web_http: httpx.Client) -> None:
    first = web_http.get("/dataset", params={"sort": "title_string asc"}).text
    second = web_http.get("/dataset", params={"sort": "title_string asc", "page": 2}).text
    assert len(result_names(first)) == 20 and len(result_names(second)) == 20
    assert not set(result_names(first)) & set(result_names(second))
    assert 'rel="next"' in first and 'rel="prev"' in second


def test_empty_result_helps(web_http: httpx.Client) -> None:
    html = web_http.get("/dataset", params={"q": "trường zzzqqq", "res_format": "CSV"}).text
    assert result_count(html) == 0
    assert 'href="/dataset?q=tr%C6%B0%E1%BB%9Dng+zzzqqq"' in html  # remove the filters
    assert 'href="/dataset?q=truong+zzzqqq' in html  # without diacritics
    assert 'href="/group/giao-duc"' in html  # browse themes


@pytest.mark.parametrize(
    "path",
    [
        "/dataset?page=-1",
        "/dataset?page=99999999999999999999",
        "/dataset?sort=;drop+table",
        '/dataset?q="unbalanced',
        "/dataset?q=(((a",
        "/dataset?q=a%00b",
        "/dataset?tags=%22%5C%22&organization=" + "x" * 5000,
        "/dataset?q=" + "ư" * 3000,
        "/dataset/bang-gia-dat?offset=-5&sort=%22;--",
        "/dataset/bang-gia-dat?offset=999999999999999999999",
        "/dataset/bang-gia-dat/resource/..%2F..%2Fetc",
        "/organization/%00",
        "/group/nope?page=abc",
        "/dataset/a.b.c",
    ],
)
def test_hostile_input_never_gives_500(web_http: httpx.Client, path: str) -> None:
    response = web_http.get(path)
    assert response.status_code in (200, 404), (path, response.status_code)
    assert response.headers["content-type"].startswith("text/html")


def test_error_pages_are_the_sites_and_the_api_keeps_ckans(web_http: httpx.Client) -> None:
    page = web_http.get("/no/such/page")
    assert page.status_code == 404
    assert '<main id="content"' in page.text and "error-page" in page.text
    api = web_http.get("/api/3/action/package_show", params={"id": "no-such"})
    assert api.status_code == 404 and api.json()["success"] is False


def test_dataset_page_links_its_machine_readable_forms(web_http: httpx.Client) -> None:
    html = web_http.get("/dataset/bang-gia-dat").text
    assert (
        '<link rel="alternate" type="application/json" title="CKAN API (package_show)" '
        'href="/api/3/action/package_show?id=bang-gia-dat">' in html
    )
    for ext in ("ttl", "rdf", "jsonld"):
        assert f'href="/dataset/bang-gia-dat.{ext}"' in html
    assert '<link rel="canonical"' in html


def test_private_datasets_never_show(web_services: Services, web_http: httpx.Client) -> None:
    context = site_context(web_services, build_registry())
    secret = context.call(
        "package_create",
        {
            "name": "web-secret-dataset",
            "title": "Bí mật tuyệt đối webtest",
            "owner_org": "so-tai-chinh",
            "private": True,
        },
    )
    try:
        assert web_http.get("/dataset/web-secret-dataset").status_code == 404
        assert web_http.get(f"/dataset/{secret['id']}").status_code == 404
        for path in ("/dataset?q=webtest", "/organization/so-tai-chinh?q=webtest", "/"):
            assert "web-secret-dataset" not in web_http.get(path).text
    finally:
        context.call("dataset_purge", {"id": secret["id"]})


def test_markdown_descriptions_are_sanitized() -> None:
    from app.web.markdown import render_markdown

    html = str(
        render_markdown(
            "# Tiêu đề\n\n**đậm** <script>alert(1)</script> [x](javascript:alert(1)) "
            '<img src=x onerror=alert(1)> [ok](https://example.org "t")'
        )
    )
    assert "<h2>Tiêu đề</h2>" in html and "<strong>đậm</strong>" in html
    assert "<script" not in html and 'href="javascript' not in html and "<img" not in html
    assert '<a href="https://example.org" title="t" rel="nofollow noopener noreferrer">' in html


def json_ld(html: str) -> dict[str, Any]:
    import json

    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "the page embeds JSON-LD"
    return json.loads(match.group(1))

"""The DCAT harvester against DCAT-AP documents served on loopback: Turtle -> RDF/XML ->
JSON-LD pages linked by hydra:next and the older hydra:nextPage; the mapping of datasets
and distributions; deletions; broken pages."""

from __future__ import annotations

import json
from pathlib import Path

from starlette.responses import Response

from catalog.actions import build_registry
from harvesters.runner import run_source
from tests.support.harvest import fake_remote, harvest_dcat_catalog

FIXTURES = Path(__file__).parent / "fixtures" / "dcat"
TYPES = {"ttl": "text/turtle", "rdf": "application/rdf+xml", "jsonld": "application/ld+json"}
PAGES = {"ttl": "page1.ttl", "rdf": "page2.rdf", "jsonld": "page3.jsonld"}


def dcat_routes(state: dict) -> dict:
    """/catalog.{ttl,rdf,jsonld}: the three fixture pages; state["drop"] removes a dataset
    URI from every page (by renaming its type), state["broken"] breaks one page."""

    def handler(request):
        ext = request.url.path.rsplit(".", 1)[-1]
        text = (FIXTURES / PAGES[ext]).read_text("utf-8")
        text = text.replace("{base}", str(request.base_url).rstrip("/"))
        if state.get("broken") == ext:
            text = text[: len(text) // 2]
        for uri in state.get("drop", ()):
            text = text.replace(f"<{uri}> a dcat:Dataset", f"<{uri}> a dcat:Resource")
            text = text.replace(f'"@id": "{uri}",\n      "@type": "dcat:Dataset"',
                                f'"@id": "{uri}",\n      "@type": "dcat:Resource"')  # fmt: skip
        return Response(text, media_type=TYPES[ext])

    return {f"/catalog.{ext}": handler for ext in TYPES}


def _extras(pkg) -> dict:
    return {e["key"]: e["value"] for e in pkg["extras"]}


def test_paged_dcat_documents_in_three_formats(services, local):
    with fake_remote(dcat_routes({})) as base:
        summary = harvest_dcat_catalog(services, f"{base}/catalog.ttl?page=1")
    assert summary.status == "Finished" and not summary.gather_errors
    assert summary.counts["created"] == 5 and summary.counts["failed"] == 0
    found = local.call("package_search", {"rows": 100})["results"]
    assert sorted(p["name"] for p in found) == [
        "bang-gia-dat-giai-doan-2020-2024", "danh-sach-co-so-kham-chua-benh",
        "danh-sach-truong-hoc-cac-cap", "diem-truy-cap-wifi-cong-cong", "tuyen-xe-buyt-noi-tinh",
    ]  # fmt: skip
    assert {p["organization"]["name"] for p in found} == {"dcat-harvested"}

    pkg = local.call("package_show", {"id": "danh-sach-co-so-kham-chua-benh"})
    assert pkg["title"] == "Danh sách cơ sở khám chữa bệnh"
    assert pkg["title_translated"] == {"vi": "Danh sách cơ sở khám chữa bệnh",
                                       "en": "Health care facilities"}  # fmt: skip
    assert pkg["notes"].startswith("Danh sách bệnh viện")
    assert pkg["notes_translated"]["en"].startswith("Hospitals")
    assert {t["name"] for t in pkg["tags"]} == {"y tế", "bệnh viện", "health",
                                                "cơ sở khám chữa bệnh"}  # fmt: skip
    assert pkg["license_id"] == "cc-by"  # from the distribution's dct:license
    assert pkg["url"] == "https://dulieu.bacninh.gov.vn/dataset/co-so-y-te"
    assert pkg["version"] == "2025.1"
    assert (
        pkg["author"] == "Sở Y tế tỉnh Bắc Ninh" and pkg["author_email"] == "soyte@bacninh.gov.vn"
    )
    assert pkg["maintainer"] == "Phòng Nghiệp vụ Y, Sở Y tế"
    assert pkg["maintainer_email"] == "nghiepvuy@bacninh.gov.vn"
    extras = _extras(pkg)
    assert extras["identifier"] == extras["harvest_guid"] == "bn-yt-0001"
    assert extras["uri"] == "https://dulieu.bacninh.gov.vn/dataset/co-so-y-te"
    assert extras["issued"] == "2024-03-01" and extras["modified"] == "2025-07-15T08:30:00"
    assert extras["temporal_start"] == "2024-01-01" and extras["temporal_end"] == "2024-12-31"
    assert extras["spatial_uri"] == "https://dulieu.bacninh.gov.vn/dia-gioi/24"
    assert extras["spatial_text"] == "Tỉnh Bắc Ninh"
    assert json.loads(extras["spatial"])["type"] == "Point"
    assert extras["publisher_uri"] == "https://dulieu.bacninh.gov.vn/organization/so-y-te"
    assert extras["contact_email"] == "nghiepvuy@bacninh.gov.vn"
    assert extras["frequency"] == "ANNUAL"
    assert json.loads(extras["theme"]) == [
        "http://publications.europa.eu/resource/authority/data-theme/HEAL"]  # fmt: skip
    csv, api = pkg["resources"][1], pkg["resources"][0]
    assert (
        api["name"] == "API tra cứu"
        and api["url"] == "https://api.dulieu.bacninh.gov.vn/co-so-y-te"
    )
    assert csv["url"] == "https://dulieu.bacninh.gov.vn/files/co-so-y-te.csv"  # downloadURL first
    assert csv["access_url"] == "https://dulieu.bacninh.gov.vn/dataset/co-so-y-te"
    assert (csv["format"], csv["mimetype"], csv["size"]) == ("CSV", "text/csv", 48213)
    assert csv["hash"].startswith("9f2c1b6f")

    school = local.call("package_show", {"id": "danh-sach-truong-hoc-cac-cap"})  # RDF/XML
    assert school["maintainer_email"] == "vanphong.sgd@bacninh.gov.vn"
    assert _extras(school)["temporal_start"] == "2024-09-01"  # schema:startDate
    assert school["resources"][0]["size"] == 120455 and school["resources"][0]["format"] == "XLSX"
    land = local.call("package_show", {"id": "bang-gia-dat-giai-doan-2020-2024"})
    assert land["license_id"] == "odc-odbl"
    bus = local.call("package_show", {"id": "tuyen-xe-buyt-noi-tinh"})  # JSON-LD
    assert bus["license_id"] == "cc-by-sa" and bus["resources"][0]["mimetype"] == "application/zip"
    assert bus["resources"][0]["format"] == "ZIP" and bus["resources"][0]["size"] == 2048576
    wifi = local.call("package_show", {"id": "diem-truy-cap-wifi-cong-cong"})  # no identifier
    assert (
        _extras(wifi)["harvest_guid"] == "https://dulieu.bacninh.gov.vn/dataset/diem-truy-cap-wifi"
    )
    assert wifi["license_id"] == "cc-zero" and wifi["author"] == "Sở Khoa học và Công nghệ"


def test_rerun_deletion_and_broken_pages(services, local):
    state: dict = {}
    with fake_remote(dcat_routes(state)) as base:
        url = f"{base}/catalog.ttl?page=1"
        harvest_dcat_catalog(services, url)
        again = run_source(services, build_registry(), "dcat-source")
        assert again.counts["unchanged"] == 5 and again.total == 5

        state["drop"] = ["https://dulieu.bacninh.gov.vn/dataset/co-so-y-te"]
        dropped = run_source(services, build_registry(), "dcat-source")
        assert dropped.counts["deleted"] == 1 and dropped.counts["unchanged"] == 4
        health = local.call("package_show", {"id": "danh-sach-co-so-kham-chua-benh"})
        assert health["state"] == "deleted"

        state["drop"] = ["https://dulieu.bacninh.gov.vn/dataset/xe-buyt"]
        state["broken"] = "rdf"  # page 2 is truncated XML: page 3 is never reached
        broken = run_source(services, build_registry(), "dcat-source")
        assert broken.counts["deleted"] == 0 and broken.counts["unchanged"] == 1
        assert broken.counts["created"] == 1  # co-so-y-te is back on page 1: undeleted
        assert len(broken.gather_errors) == 1 and "Error parsing the RDF" in broken.gather_errors[0]
        assert local.call("package_show", {"id": "tuyen-xe-buyt-noi-tinh"})["state"] == "active"


def test_unusable_answers(services, local):
    routes = {
        "/html": lambda request: Response(
            "<html><body>Trang chủ</body></html>", media_type="text/html"
        ),  # fmt: skip
        "/loop.ttl": lambda request: Response(
            "@prefix hydra: <http://www.w3.org/ns/hydra/core#> .\n"
            f"<{request.url}> a hydra:PartialCollectionView ; hydra:next <{request.url}> .",
            media_type="text/turtle",
        ),
        "/blank.ttl": lambda request: Response(
            "@prefix dcat: <http://www.w3.org/ns/dcat#> .\n"
            "@prefix dct: <http://purl.org/dc/terms/> .\n"
            '[] a dcat:Dataset ; dct:title "Không định danh"@vi .\n'
            "<https://x.vn/d/1> a dcat:Dataset .",
            media_type="text/turtle",
        ),
    }
    with fake_remote(routes) as base:
        html = harvest_dcat_catalog(services, f"{base}/html", name="html")
        loop = harvest_dcat_catalog(services, f"{base}/loop.ttl", name="loop")
        blank = harvest_dcat_catalog(services, f"{base}/blank.ttl", name="blank")
    assert "cannot tell the RDF format" in html.gather_errors[0]
    assert loop.gather_errors == [f"The paging loops back to {base}/loop.ttl"]
    assert blank.counts["failed"] == 2 and not blank.gather_errors  # no id; no title
    report = local.call("harvest_job_report", {"id": blank.job_id})["object_errors"]
    assert sorted(e["errors"][0]["message"] for e in report.values()) == [
        "a dcat:Dataset without dct:identifier or URI",
        "dataset https://x.vn/d/1 has no dct:title",
    ]
    assert local.call("harvest_job_show", {"id": blank.job_id})["gather_complete"] is False

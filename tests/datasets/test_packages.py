"""The content folder: 94 valid Frictionless data packages that CKAN will accept.

Runs on datasets/ alone (no ../shared): the folder is what the catalog loads.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import frictionless
import pytest
import yaml

DATASETS = Path(__file__).resolve().parents[2] / "datasets"
FOLDERS = sorted(p for p in DATASETS.iterdir() if p.is_dir()) if DATASETS.is_dir() else []

# ckan/model/license.py: the licenses CKAN registers by default
CKAN_LICENSES = {
    "notspecified", "odc-pddl", "odc-odbl", "odc-by", "cc-zero", "cc-by", "cc-by-sa", "gfdl",
    "other-open", "other-pd", "other-at", "uk-ogl", "cc-nc", "other-nc", "other-closed",
}  # fmt: skip
TAG = re.compile(r"^[\w \-.]{2,100}$", re.UNICODE)  # ckan/logic/validators.py tag rules
NAME = re.compile(r"^[a-z0-9_-]{2,100}$")  # organization and group names


@cache
def site() -> dict:
    return yaml.safe_load((DATASETS / "site.yaml").read_text(encoding="utf-8"))


@cache
def descriptor(folder: Path) -> dict:
    return json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))


def test_there_is_one_folder_per_category():
    assert len(FOLDERS) == 94
    numbers = [descriptor(f)["ckan"]["extras"]["category_no"] for f in FOLDERS]
    assert sorted(int(n) for n in numbers) == list(range(1, 95))
    assert all(descriptor(f)["name"] == f.name for f in FOLDERS)


def test_site_names_follow_ckan_rules():
    data = site()
    assert data["site"]["title"] and data["site"]["title_en"]
    for kind in ("organizations", "groups"):
        names = [entry["name"] for entry in data[kind]]
        assert names and len(names) == len(set(names)), kind
        for entry in data[kind]:
            assert NAME.match(entry["name"]), entry["name"]
            assert entry["title"] and entry["title_en"], entry["name"]
            assert entry["description"] and entry["description_en"], entry["name"]


@pytest.mark.parametrize("folder", FOLDERS, ids=[f.name for f in FOLDERS])
def test_package_is_valid_frictionless(folder: Path):
    report = frictionless.validate(str(folder / "datapackage.json"))
    if not report.valid:
        for row in report.flatten(["taskNumber", "rowNumber", "fieldName", "type", "note"]):
            print(row)
    assert report.valid


@pytest.mark.parametrize("folder", FOLDERS, ids=[f.name for f in FOLDERS])
def test_package_metadata_fits_ckan(folder: Path):
    package = descriptor(folder)
    ckan = package["ckan"]
    organizations = {entry["name"] for entry in site()["organizations"]}
    groups = {entry["name"] for entry in site()["groups"]}

    assert ckan["owner_org"] in organizations
    assert ckan["groups"] and set(ckan["groups"]) <= groups
    assert ckan["license_id"] in CKAN_LICENSES
    assert 3 <= len(package["keywords"]) <= 6
    for tag in package["keywords"]:
        assert TAG.match(tag), tag
    for key in ("title_translated", "notes_translated"):
        assert ckan[key]["vi"].strip() and ckan[key]["en"].strip(), key
    assert ckan["title_translated"]["vi"] == package["title"]
    assert ckan["notes_translated"]["vi"] == package["description"]
    extras = ckan["extras"]
    assert all(isinstance(value, str) for value in extras.values()), extras
    assert extras["sample_data"] in ("true", "false")
    if extras["sample_data"] == "true":
        assert "Dữ liệu mẫu (sample data)" in package["description"]
    assert extras["temporal_start"] <= extras["temporal_end"]


@pytest.mark.parametrize("folder", FOLDERS, ids=[f.name for f in FOLDERS])
def test_data_files_are_plain_utf8_csv(folder: Path):
    for resource in descriptor(folder)["resources"]:
        assert re.match(r"^[a-z0-9._-]+$", resource["name"]), resource["name"]
        body = (folder / resource["path"]).read_bytes()
        assert not body.startswith(b"\xef\xbb\xbf"), resource["path"]
        header = body.decode("utf-8").splitlines()[0].split(",")
        assert header == [field["name"] for field in resource["schema"]["fields"]]

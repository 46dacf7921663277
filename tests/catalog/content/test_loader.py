"""`opendata load`: the content folder goes in through the actions, idempotently."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import yaml

from catalog.content.datapackage import package_folders
from catalog.content.loader import load_content
from tests.conftest import DATASETS


def test_loading_twice_changes_nothing_the_second_time(sysadmin_context):
    site = yaml.safe_load((DATASETS / "site.yaml").read_text(encoding="utf-8"))
    first = load_content(sysadmin_context, DATASETS)
    assert sysadmin_context.services.datastore_jobs.wait_idle(timeout=600)
    expected = len(site["organizations"]) + len(site["groups"]) + 94
    assert len(first.created) == expected and not first.updated and not first.unchanged
    before = sysadmin_context.call("package_search", {"rows": 1000, "sort": "id asc"})
    second = load_content(sysadmin_context, DATASETS)
    assert sysadmin_context.services.datastore_jobs.wait_idle(timeout=600)
    assert len(second.unchanged) == expected and not second.created and not second.updated
    after = sysadmin_context.call("package_search", {"rows": 1000, "sort": "id asc"})
    assert after == before
    assert before["count"] == 94


def test_a_changed_package_and_file_are_updated_alone(sysadmin_context, tmp_path: Path):
    content = tmp_path / "content"
    shutil.copytree(DATASETS, content)
    load_content(sysadmin_context, content)
    folder = package_folders(content)[0]
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["title"] = descriptor["title"] + " (cập nhật)"
    (folder / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False))
    data_file = folder / descriptor["resources"][0]["path"]
    data_file.write_bytes(data_file.read_bytes() + data_file.read_bytes().splitlines()[-1] + b"\n")
    old = sysadmin_context.call("package_show", {"id": descriptor["name"]})

    report = load_content(sysadmin_context, content)

    assert report.updated == [f"dataset {descriptor['name']}"]
    assert not report.created
    new = sysadmin_context.call("package_show", {"id": descriptor["name"]})
    assert new["title"].endswith("(cập nhật)")
    assert new["metadata_modified"] > old["metadata_modified"]
    resource = new["resources"][0]
    body = sysadmin_context.services.storage.path_for(resource["id"]).read_bytes()
    assert body == data_file.read_bytes()
    assert resource["size"] == len(body)
    assert resource["hash"] == hashlib.sha256(body).hexdigest()
    assert resource["last_modified"] > old["resources"][0]["last_modified"]
    assert resource["id"] == old["resources"][0]["id"]


def test_loaded_datasets_carry_both_languages_and_their_table_schema(loaded_services, anonymous):
    shown = anonymous.call("package_show", {"id": package_folders(DATASETS)[0].name})
    assert shown["title"] == shown["title_translated"]["vi"]
    assert shown["notes_translated"]["en"]
    assert shown["organization"] is not None and shown["groups"]
    resource = shown["resources"][0]
    assert resource["url_type"] == "upload" and resource["format"] == "CSV"
    assert json.loads(resource["schema"])["fields"]


def test_every_loaded_data_file_has_a_frictionless_report(anonymous):
    result = anonymous.call("package_search", {"rows": 1000})
    statuses = {r["validation_status"] for p in result["results"] for r in p["resources"]}
    assert statuses == {"success"}
    resource = result["results"][0]["resources"][0]
    report = anonymous.call("resource_validation_show", {"resource_id": resource["id"]})
    assert report["report"]["valid"] is True and report["report"]["stats"]["rows"] > 0

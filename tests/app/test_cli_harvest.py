"""`opendata harvest source add|list|remove` and `opendata harvest run` against a second
catalog served on loopback."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import main
from catalog.actions import build_registry
from catalog.content.loader import site_context
from catalog.services.runtime import Services
from tests.support.harvest import remote_catalog


@pytest.fixture
def cli_env(services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENDATA_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("OPENDATA_DATABASE_URL", services.settings.database_url)


def test_harvest_commands(services, backend, tmp_path, cli_env, capsys):
    context = site_context(services, build_registry())
    context.call("organization_create", {"name": "thu-hoach"})
    with remote_catalog(backend, tmp_path / "remote") as remote:
        assert main(["harvest", "source", "list"]) == 0
        assert "no harvest sources" in capsys.readouterr().out
        code = main(["harvest", "source", "add", "bac-giang", remote.base_url, "--type", "ckan",
                     "--owner-org", "thu-hoach", "--frequency", "weekly",
                     "--config", '{"organizations_filter_exclude": ["so-tai-chinh"]}'])  # fmt: skip
        assert code == 0
        assert "created harvest source bac-giang" in capsys.readouterr().out

        assert main(["harvest", "run", "bac-giang"]) == 0
        out, err = capsys.readouterr()
        assert "bac-giang: Finished (full)" in out
        assert "created 5, updated 0, unchanged 0, deleted 0, failed 0" in out
        assert "datasets/s" in out

        remote.context.call("package_delete", {"id": "truong-thpt"})
        assert main(["harvest", "run"]) == 0  # every active source
        out = capsys.readouterr().out
        assert "bac-giang: Finished (incremental)" in out and "deleted 1" in out

        assert main(["harvest", "source", "list"]) == 0
        listing = capsys.readouterr().out
        assert "bac-giang" in listing and "WEEKLY" in listing and "4 datasets" in listing

    assert main(["harvest", "run", "bac-giang"]) == 1  # the remote is gone: gather error
    out = capsys.readouterr().out
    assert "gather error" in out and "nothing" not in out

    assert main(["harvest", "source", "add", "x", "ftp://x", "--type", "dcat"]) == 2
    err = capsys.readouterr().err
    assert "error: url: The URL must be an http or https address" in err
    assert "error: owner_org:" in err
    assert main(["harvest", "run", "khong-co"]) == 2
    assert "Harvest source khong-co does not exist" in capsys.readouterr().err

    assert main(["harvest", "source", "remove", "bac-giang"]) == 0
    assert "kept as local datasets" in capsys.readouterr().out
    assert context.call("package_search", {})["count"] == 4
    with pytest.raises(SystemExit):
        main(["harvest", "source", "add", "y", "http://y", "--type", "ckan", "--config", "[1]"])

"""`opendata user add` and `opendata user token add`: in-process and as a real process;
the token printed last works against the API."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.cli import main
from app.main import create_app
from catalog.services.runtime import Services
from catalog.services.users import find_user, verify_password

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def cli_env(services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict:
    """Point the CLI at the test's database and a data dir under tmp_path."""
    env = {
        "OPENDATA_DATA_DIR": str(tmp_path / "data"),
        "OPENDATA_DATABASE_URL": services.settings.database_url,
    }
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return env


def _whoami(services: Services, token: str) -> dict:
    client = TestClient(create_app(services.settings, services))
    reply = client.get(
        "/api/3/action/user_show", params={"id": "alice"}, headers={"Authorization": token}
    )
    assert reply.status_code == 200, reply.text
    return reply.json()["result"]


def test_user_add_and_token_add(services, cli_env, capsys):
    assert (
        main(["user", "add", "alice", "--email", "alice@example.org", "--password", "bí mật 123"])
        == 0
    )
    out = capsys.readouterr().out
    assert "alice" in out
    with services.session() as session:
        alice = find_user(session, "alice")
        assert alice.email == "alice@example.org" and not alice.sysadmin
        assert verify_password(alice, "bí mật 123")
    assert main(["user", "token", "add", "alice", "laptop"]) == 0
    token = capsys.readouterr().out.strip().splitlines()[-1]
    me = _whoami(services, token)
    assert me["name"] == "alice" and me["email"] == "alice@example.org"  # seen as herself


def test_sysadmin_without_password(services, cli_env, capsys):
    assert main(["user", "add", "quan-tri", "--email", "qt@example.org", "--sysadmin"]) == 0
    assert "cannot sign in" in capsys.readouterr().out
    with services.session() as session:
        admin = find_user(session, "quan-tri")
        assert admin.sysadmin and admin.password_hash is None


def test_clear_errors(services, cli_env, capsys):
    assert main(["user", "add", "alice", "--email", "alice@example.org"]) == 0
    capsys.readouterr()
    assert main(["user", "add", "alice", "--email", "other@example.org"]) == 2
    assert "user alice already exists" in capsys.readouterr().err
    assert main(["user", "add", "Bad Name", "--email", "nope"]) == 2
    err = capsys.readouterr().err
    assert "name: Must be purely lowercase" in err and "email: Email nope is not a valid" in err
    assert main(["user", "add", "bob", "--email", "bob@example.org", "--password", "short"]) == 2
    assert "8 characters" in capsys.readouterr().err
    assert main(["user", "token", "add", "nobody", "x"]) == 2
    assert "no active user named nobody" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exited:
        main(["user", "add", "carol"])  # --email is required
    assert exited.value.code == 2


def test_as_a_process(services, cli_env):
    env = {**os.environ, **cli_env}

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "app.cli", *args],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )

    added = run("user", "add", "alice", "--email", "alice@example.org")
    assert added.returncode == 0, added.stderr
    issued = run("user", "token", "add", "alice", "deploy")
    assert issued.returncode == 0, issued.stderr
    token = issued.stdout.strip().splitlines()[-1]
    assert _whoami(services, token)["email"] == "alice@example.org"
    missing = run("user", "token", "add", "nobody", "deploy")
    assert missing.returncode == 2 and "nobody" in missing.stderr

"""Units of the web session: signing, the secret key, safe redirect targets, slugs, the
failure limiter."""

from __future__ import annotations

import stat
from pathlib import Path

from app.web.auth.keys import KEY_FILE, secret_key
from app.web.auth.login import FailureLimiter
from app.web.auth.signing import sign, unsign
from app.web.steward.forms import slugify
from app.web.steward.pages import local_path
from catalog.config import Settings, load_settings


def settings(tmp_path: Path, key: str | None = None) -> Settings:
    return Settings(
        data_dir=tmp_path, database_url="sqlite://", site_url="http://x", secret_key=key
    )


def test_signed_values_round_trip_and_refuse_tampering_and_age():
    key = b"k" * 32
    token = sign(key, {"uid": "abc", "csrf": "t"}, now=1000)
    assert unsign(key, token, max_age=60, now=1030) == {"uid": "abc", "csrf": "t", "iat": 1000}
    assert unsign(key, token, max_age=60, now=1061) is None  # too old
    assert unsign(b"o" * 32, token, max_age=60, now=1030) is None  # another key
    body, mac = token.split(".")
    assert unsign(key, body + "x." + mac, max_age=60, now=1030) is None
    for junk in ("", "a", "a.b.c", "é.é", "x" * 5000):
        assert unsign(key, junk, max_age=60) is None


def test_the_generated_key_is_private_and_survives_restarts(tmp_path: Path):
    first = secret_key(settings(tmp_path))
    path = tmp_path / KEY_FILE
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert secret_key(settings(tmp_path)) == first
    path.unlink()
    assert secret_key(settings(tmp_path)) != first


def test_a_configured_key_is_used_and_nothing_is_written(tmp_path: Path):
    configured = load_settings(
        {"OPENDATA_SECRET_KEY": "bí mật", "OPENDATA_DATA_DIR": str(tmp_path)}
    )
    assert configured.secret_key == "bí mật"
    assert secret_key(configured) == secret_key(settings(tmp_path / "other", "bí mật"))
    assert not (tmp_path / KEY_FILE).exists()


def test_only_local_paths_are_redirect_targets():
    assert local_path("/dataset/new?x=1") == "/dataset/new?x=1"
    for bad in ("https://evil.example", "//evil.example", "/\\evil", "evil", "/a\nb", None, ""):
        assert local_path(bad) == "/dashboard"


def test_slugs_fold_vietnamese():
    assert slugify("Đường giao thông nông thôn – Bắc Giang 2025") == (
        "duong-giao-thong-nong-thon-bac-giang-2025"
    )


def test_the_limiter_counts_failures_per_key_in_a_window():
    limiter = FailureLimiter(limit=2, window=60)
    limiter.failed("a", "ip")
    assert not limiter.blocked("a")
    limiter.failed("a", "ip")
    assert limiter.blocked("a") and limiter.blocked("b", "ip") and not limiter.blocked("b")
    limiter.succeeded("a")
    assert not limiter.blocked("a")

"""End to end: a real uvicorn server, called with the real `ckanapi.RemoteCKAN`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import ckanapi
import httpx
import pytest
from fastapi import FastAPI

from tests.support.live_server import serve_app

from .conftest import VALIDATION_ERRORS


@pytest.fixture(scope="module")
def base_url(api_app: FastAPI) -> Iterator[str]:
    with serve_app(api_app) as url:
        yield url


@pytest.fixture
def ckan(base_url: str) -> Iterator[ckanapi.RemoteCKAN]:
    with ckanapi.RemoteCKAN(base_url, apikey="tok-alice", user_agent="tests/1.0") as remote:
        yield remote


def test_results_come_back(ckan: ckanapi.RemoteCKAN) -> None:
    result = ckan.action.echo(id="x", rows=10, tags=[{"name": "a"}])
    assert result == {"data": {"id": "x", "rows": 10, "tags": [{"name": "a"}]}, "user": "alice"}
    assert ckan.action.dates()["at"] == "2024-01-02T03:04:05.006789"


def test_file_upload_goes_multipart(ckan: ckanapi.RemoteCKAN, tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_bytes(b"a,b\n1,2\n")
    with path.open("rb") as upload:
        result = ckan.action.write_echo(package_id="p", size=8, upload=upload)
    assert result["data"] == {
        "package_id": "p",
        "size": "8",
        "upload": {"file": "rows.csv", "content": "a,b\n1,2\n"},
    }


def test_get_only_client(base_url: str) -> None:
    with ckanapi.RemoteCKAN(base_url, get_only=True, user_agent="tests/1.0") as remote:
        assert remote.action.echo(q="Bắc Giang")["data"] == {"q": "Bắc Giang"}
        with pytest.raises(ckanapi.CKANAPIError):
            remote.action.write_echo(id="x")


def test_errors_become_ckanapi_exceptions(ckan: ckanapi.RemoteCKAN) -> None:
    with pytest.raises(ckanapi.NotFound) as not_found:
        ckan.action.not_found()
    assert str(not_found.value) == "Dataset not found"
    with pytest.raises(ckanapi.NotAuthorized):
        ckan.action.not_authorized()
    with pytest.raises(ckanapi.ValidationError) as invalid:
        ckan.action.validation(name="taken")
    assert invalid.value.error_dict == {**VALIDATION_ERRORS, "__type": "Validation Error"}
    with pytest.raises(ckanapi.SearchQueryError):
        ckan.action.search_query(sort="bad")
    with pytest.raises(ckanapi.SearchError):
        ckan.action.search_error()


@pytest.mark.parametrize("name", ["nope", "data_shape", "boom"])
def test_other_failures_are_generic_ckanapi_errors(ckan: ckanapi.RemoteCKAN, name: str) -> None:
    with pytest.raises(ckanapi.CKANAPIError) as raised:
        ckan.call_action(name, {})
    assert type(raised.value) is ckanapi.CKANAPIError


def test_serve_app_stops_the_server(api_app: FastAPI) -> None:
    with serve_app(api_app) as url:
        assert httpx.get(f"{url}/api/3").json() == {"version": 3}
    with pytest.raises(httpx.TransportError):
        httpx.get(f"{url}/api/3", timeout=1)

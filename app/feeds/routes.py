"""The feed routes: the DCAT-AP catalog and datasets as RDF, and DCAT-US `/data.json`.

* `/catalog.{ttl,rdf,xml,n3,jsonld}` and `/catalog` (format by Accept, Turtle by default):
  one Hydra-paged page of the catalog, with ckanext-dcat's `page`, `modified_since`, `q`,
  `fq` and `profiles` parameters (see catalog.services.feeds.paging).
* `/dataset/{id or name}.{ttl,rdf,xml,n3,jsonld}`: one dataset (`profiles` too).
* `/data.json`: every public dataset, DCAT-US 1.1.

Every feed reads as an anonymous caller, whatever credentials the request carries, so the
same URL gives everyone the same public document. Bad parameters are a 409 with the reason
as text (as ckanext-dcat answers); an unknown dataset a 404, a private or deleted one 403.
"""

from __future__ import annotations

from collections.abc import Callable

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from starlette.concurrency import run_in_threadpool

from catalog.actions import feeds
from catalog.actions.registry import ActionContext, Identity
from catalog.errors import NotAuthorized, NotFound, SearchError, SearchQueryError, ValidationFailed
from catalog.services.feeds.serialize import DEFAULT_FORMAT, FORMATS, negotiate, serialize

CONFLICT = 409
NOT_FOUND = 404
FORBIDDEN = 403
FEED_SUFFIXES = tuple(FORMATS)


def _message(exc: Exception) -> str:
    if isinstance(exc, ValidationFailed):
        return "; ".join(
            str(message)
            for messages in exc.errors.values()
            for message in (messages if isinstance(messages, list) else [messages])
        )
    if isinstance(exc, SearchQueryError | SearchError):
        return exc.message
    return str(exc)


def _rdf_response(body: bytes, suffix: str) -> Response:
    media_type = FORMATS[suffix].content_type
    return Response(body, media_type=media_type, headers={"Vary": "Accept"})


def build_feeds_router(make_context: Callable[[Identity | None], ActionContext]) -> APIRouter:
    router = APIRouter(tags=["feeds"])

    async def catalog_feed(request: Request, suffix: str) -> Response:
        context = make_context(None)
        base_url = context.services.settings.site_url + request.url.path
        params = dict(request.query_params)
        try:
            page = await run_in_threadpool(feeds.catalog_page, context, params, base_url)
        except (ValidationFailed, SearchQueryError, SearchError) as exc:
            return PlainTextResponse(_message(exc), status_code=CONFLICT)
        body = await run_in_threadpool(serialize, page.graph, suffix)
        return _rdf_response(body, suffix)

    async def dataset_feed(request: Request, name_or_id: str, suffix: str) -> Response:
        context = make_context(None)
        profiles = request.query_params.get("profiles")
        try:
            graph = await run_in_threadpool(feeds.dataset_graph, context, name_or_id, profiles)
        except NotFound:
            return PlainTextResponse("Dataset not found", status_code=NOT_FOUND)
        except NotAuthorized:
            return PlainTextResponse("Not authorized to read dataset", status_code=FORBIDDEN)
        except ValidationFailed as exc:
            return PlainTextResponse(_message(exc), status_code=CONFLICT)
        body = await run_in_threadpool(serialize, graph, suffix)
        return _rdf_response(body, suffix)

    async def data_json(request: Request) -> Response:
        context = make_context(None)
        document = await run_in_threadpool(feeds.data_json, context)
        return JSONResponse(document, media_type="application/json")

    catalog_doc = (
        "One page of the DCAT-AP catalog (ckanext-dcat's parameters; Hydra paging). "
        "`profiles=euro_dcat_ap_2` gives DCAT-AP 2.1.1 datatypes."
    )
    for suffix in FEED_SUFFIXES:
        _add_rdf_route(
            router,
            f"/catalog.{suffix}",
            _bind_catalog(catalog_feed, suffix),
            suffix,
            summary=f"DCAT-AP catalog as {FORMATS[suffix].content_type}",
            description=catalog_doc,
        )
    _add_rdf_route(
        router,
        "/catalog",
        _bind_catalog(catalog_feed, None),
        "ttl",
        summary="DCAT-AP catalog, format by Accept (Turtle by default)",
        description=catalog_doc,
    )
    for suffix in FEED_SUFFIXES:
        _add_rdf_route(
            router,
            f"/dataset/{{name_or_id}}.{suffix}",
            _bind_dataset(dataset_feed, suffix),
            suffix,
            summary=f"One dataset as DCAT-AP, {FORMATS[suffix].content_type}",
        )
    router.add_api_route(
        "/data.json",
        data_json,
        methods=["GET", "HEAD"],
        summary="Every public dataset as DCAT-US 1.1 (Project Open Data data.json)",
    )
    return router


def _add_rdf_route(
    router: APIRouter,
    path: str,
    endpoint: Callable,
    suffix: str,
    *,
    summary: str,
    description: str | None = None,
) -> None:
    """A GET/HEAD route answering RDF, described in OpenAPI as `suffix`'s media type."""
    router.add_api_route(
        path,
        endpoint,
        methods=["GET", "HEAD"],
        summary=summary,
        description=description,
        response_class=Response,
        responses=_rdf_responses(suffix),
    )


def _bind_catalog(handler: Callable, suffix: str | None) -> Callable:
    """An endpoint for one format (None: by Accept) whose query parameters are declared for
    the OpenAPI description; they are read and checked (with ckanext-dcat's 409 messages,
    not FastAPI's 422) from the query string by the handler."""

    async def endpoint(
        request: Request,
        page: str | None = None,
        modified_since: str | None = None,
        q: str | None = None,
        fq: str | None = None,
        profiles: str | None = None,
    ) -> Response:
        chosen = suffix or negotiate(request.headers.get("accept")) or DEFAULT_FORMAT
        return await handler(request, chosen)

    endpoint.__name__ = f"catalog_{suffix or 'negotiated'}"
    return endpoint


def _bind_dataset(handler: Callable, suffix: str) -> Callable:
    async def endpoint(request: Request, name_or_id: str, profiles: str | None = None) -> Response:
        return await handler(request, name_or_id, suffix)

    endpoint.__name__ = f"dataset_{suffix}"
    return endpoint


def _rdf_responses(suffix: str) -> dict:
    return {
        200: {"content": {FORMATS[suffix].content_type: {}}, "description": "RDF"},
        409: {"content": {"text/plain": {}}, "description": "Bad page, date, query or profile"},
    }

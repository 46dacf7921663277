"""/datastore/dump/{resource_id}: a DataStore table as a file, as CKAN 2.11 serves it.

As `ckanext/datastore/blueprint.py::dump`: first the caller's read access (a missing table or
a private one is 404 "DataStore resource not found"), then the parameters (`offset` 0,
`limit`, `format` csv|tsv|json|xml (+ xlsx here), `bom`, `filters`, `q`, `plain`,
`language`, `distinct`, `fields`, `sort` default `_id`; first value of a repeated key;
unknown keys ignored); a bad one is 400 with "key: message" lines. The file is
`attachment; filename="<resource_id>.<format>"`.

Unlike CKAN, which pages through datastore_search 32000 rows at a time, the rows come from one
statement in one read transaction (a snapshot: a load finishing meanwhile is not mixed in),
fetched in batches by a worker thread that owns the connection and hands chunks over a small
queue, so memory stays flat whatever the table's size and a slow client holds back the reads.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import PlainTextResponse, Response, StreamingResponse
from starlette.concurrency import run_in_threadpool

from app.api.request_data import query_items
from catalog.actions.datastore_params import int_value, search_spec, validate_search
from catalog.actions.datastore_search import query_errors, readable_table
from catalog.actions.registry import ActionContext, Identity
from catalog.errors import NotAuthorized, NotFound, ValidationFailed
from catalog.services.datastore.dump_formats import CONTENT_TYPES, FORMATS, dump_chunks
from catalog.services.datastore.query import compile_search, decode_rows, iterate
from catalog.services.validation import as_bool

log = logging.getLogger(__name__)

ALL_ROWS = 2**62
SEARCH_KEYS = ("filters", "q", "distinct", "plain", "language", "fields", "sort")
QUEUE_CHUNKS = 4
PUT_WAIT = 0.5


class _DumpError(Exception):
    def __init__(self, status: int, text: str) -> None:
        super().__init__(text)
        self.status = status
        self.text = text


def _messages(errors: dict[str, Any]) -> str:
    lines = []
    for key, value in errors.items():
        texts = value if isinstance(value, list) else [value]
        lines.append(f"{key}: {' '.join(str(t) for t in texts)}")
    return "\n".join(lines)


def dump_params(items: list[tuple[str, str]]) -> dict[str, Any]:
    """CKAN's dump_schema over the query string (first value of each key)."""
    raw: dict[str, str] = {}
    for key, value in items:
        raw.setdefault(key, value)
    errors: dict[str, list[str]] = {}
    params: dict[str, Any] = {}
    for key, default in (("offset", 0), ("limit", None)):
        try:
            value = int_value(raw.get(key))
            params[key] = default if value is None else value
        except ValueError as exc:
            errors[key] = [str(exc)]
    fmt = raw.get("format") or "csv"
    if fmt not in FORMATS:
        errors["format"] = [f"Value must be one of {FORMATS}"]
    params["format"] = fmt
    params["bom"] = as_bool(raw.get("bom") or False)
    search = {key: raw[key] for key in SEARCH_KEYS if key in raw}
    search.setdefault("sort", "_id")
    params["search"] = search
    if errors:
        raise _DumpError(400, _messages(errors))
    return params


class _Producer:
    """Runs the dump in one thread; `messages` carries ("ready"|"chunk"|"error"|"end", x)."""

    def __init__(self, context: ActionContext, resource_id: str, items: list[tuple]) -> None:
        self.context = context
        self.resource_id = resource_id
        self.items = items
        self.messages: queue.Queue[tuple[str, Any]] = queue.Queue(maxsize=QUEUE_CHUNKS)
        self.stop = threading.Event()

    def put(self, kind: str, value: Any = None) -> bool:
        while not self.stop.is_set():
            try:
                self.messages.put((kind, value), timeout=PUT_WAIT)
                return True
            except queue.Full:
                continue
        return False

    def run(self) -> None:
        try:
            self._run()
        except _DumpError as exc:
            self.put("error", exc)
        except Exception:
            log.exception("DataStore dump of %s failed", self.resource_id)
            self.put("error", None)

    def _run(self) -> None:
        try:
            with readable_table(self.context, self.resource_id) as (connection, info):
                params = dump_params(self.items)
                data = {"resource_id": self.resource_id, "limit": 0, **params["search"]}
                try:
                    spec = search_spec(validate_search(data), info)
                except ValidationFailed as exc:
                    raise _DumpError(400, _messages(exc.errors)) from None
                limit = params["limit"]
                spec.limit = ALL_ROWS if limit is None else max(limit, 0)
                spec.offset = max(params["offset"], 0)
                dialect = connection.dialect.name
                try:
                    compiled = compile_search(info, spec, dialect)
                except ValidationFailed as exc:
                    raise _DumpError(400, _messages(exc.errors)) from None
                fields = []
                for name, kind in compiled.columns:
                    field = info.field(name)
                    entry = {"id": name, "type": kind}
                    if field is not None and field.info:
                        entry["info"] = dict(field.info)
                    fields.append(entry)
                batches = iterate(connection, compiled)
                try:
                    with query_errors():
                        first = next(batches, None)
                except ValidationFailed as exc:
                    raise _DumpError(400, _messages(exc.errors)) from None
                if not self.put("ready", params):
                    return

                def decoded() -> Iterator[list[tuple]]:
                    if first is not None:
                        yield decode_rows(first, compiled.columns, dialect)
                    for batch in batches:
                        if self.stop.is_set():
                            return
                        yield decode_rows(batch, compiled.columns, dialect)

                for chunk in dump_chunks(params["format"], fields, decoded(), params["bom"]):
                    if not self.put("chunk", chunk):
                        return
            self.put("end")
        except (NotFound, NotAuthorized):
            raise _DumpError(404, "DataStore resource not found") from None


async def _stream(producer: _Producer) -> AsyncIterator[bytes]:
    try:
        while True:
            kind, value = await run_in_threadpool(producer.messages.get)
            if kind == "chunk":
                yield value
            else:
                if kind == "error":
                    log.warning("DataStore dump of %s stopped early", producer.resource_id)
                return
    finally:
        producer.stop.set()


def build_datastore_dump_router(
    make_context: Callable[[Identity | None], ActionContext],
    identify: Callable[[Request], Identity | None],
) -> APIRouter:
    router = APIRouter()

    async def dump(request: Request, resource_id: str) -> Response:
        context = make_context(await run_in_threadpool(identify, request))
        producer = _Producer(context, resource_id, query_items(request))
        threading.Thread(target=producer.run, name="datastore-dump", daemon=True).start()
        kind, value = await run_in_threadpool(producer.messages.get)
        if kind == "error":
            producer.stop.set()
            if isinstance(value, _DumpError):
                return PlainTextResponse(value.text, status_code=value.status)
            return PlainTextResponse("Internal Server Error", status_code=500)
        fmt = value["format"]
        headers = {"Content-Disposition": f'attachment; filename="{resource_id}.{fmt}"'}
        return StreamingResponse(_stream(producer), media_type=CONTENT_TYPES[fmt], headers=headers)

    router.add_api_route(
        "/datastore/dump/{resource_id}", dump, methods=["GET", "HEAD"], include_in_schema=False
    )
    return router

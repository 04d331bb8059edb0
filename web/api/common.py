"""What every resource does alike: versions as ETags, If-Match, the blueprint prefix."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from typing import Any, TypeVar

import flask_smorest.pagination
import marshmallow as ma
from flask import Flask, Response, g, request

from meetings.application.dto import jsonable
from meetings.domain.errors import InvalidFieldError
from meetings.idempotency import Answer, Idempotency, ReplayedAnswer
from web.auth import principal
from web.context import meetings_app
from web.errors import problem

API_PREFIX = "/api/v1"
T = TypeVar("T")
#: The highest page any list gives out: far past any real list, and low enough that the
#: offset it asks of the database (page times page size) never overflows it.
MAX_PAGE = 1_000_000


def _bounded_pagination_schema(
    def_page: int, def_page_size: int, def_max_page_size: int
) -> type[ma.Schema]:
    """flask-smorest's pagination query (?page=&page_size=), with `page` bounded above as
    well as below, so `?page=9223372036854775807` is a 422 like `?page=0`, and the OpenAPI
    document says so."""

    class PaginationParametersSchema(ma.Schema):
        class Meta:
            unknown = ma.EXCLUDE

        page = ma.fields.Integer(
            load_default=def_page, validate=ma.validate.Range(min=1, max=MAX_PAGE)
        )
        page_size = ma.fields.Integer(
            load_default=def_page_size,
            validate=ma.validate.Range(min=1, max=def_max_page_size),
        )

        @ma.post_load
        def make_paginator(self, data: dict[str, int], **kwargs: Any) -> Any:
            return flask_smorest.pagination.PaginationParameters(**data)

    return PaginationParametersSchema


# Every paged list is declared through this module's import (each resource imports it
# before its routes), so all of them get the bounded page.
flask_smorest.pagination._pagination_parameters_schema_factory = _bounded_pagination_schema

_IF_MATCH = re.compile(r'^\s*(?:W/)?"?(\d{1,18})"?\s*$')


def version_of(result: Any) -> int | None:
    """The version of the aggregate a result shows (or belongs to), for its ETag."""
    for name in ("etag_version", "version"):
        value = result.get(name) if isinstance(result, dict) else getattr(result, name, None)
        if isinstance(value, int):
            return value
    return None


def tagged(result: T) -> T:
    """Answer with `ETag: "<version>"` of the aggregate the result shows (or belongs to)."""
    version = version_of(result)
    if version is not None:
        g.etag_version = version
    return result


def expected_version() -> int | None:
    """The version named by If-Match, if the client sent one."""
    header = request.headers.get("If-Match")
    if header is None or header.strip() == "*":
        return None
    match = _IF_MATCH.match(header)
    if not match:
        raise InvalidFieldError("If-Match", 'If-Match must be a version number, like "3".')
    return int(match.group(1))


def idempotency(
    schema: ma.Schema, status: int, shown: Callable[[Any], Any] | None = None
) -> Idempotency | None:
    """The request's Idempotency-Key, with a fingerprint of what it asks, if it sent one."""
    key = request.headers.get("Idempotency-Key")
    if key is None:
        return None
    if not key.strip() or len(key) > 255:
        raise InvalidFieldError("Idempotency-Key", "Give a key of 1 to 255 characters.")
    body = request.get_json(silent=True)
    canonical = json.dumps([request.method, request.path, body], sort_keys=True, default=str)

    def render(view: Any) -> Answer:
        return Answer(status, schema.dump(shown(view) if shown else view), version_of(view))

    idem = Idempotency(principal().id, key, hashlib.sha256(canonical.encode()).hexdigest(), render)
    meetings_app().replay_if_answered(idem)
    return idem


def command(
    schema: ma.Schema, status: int = 200, shown: Callable[[Any], Any] | None = None
) -> dict[str, Any]:
    """What every command carries from the request: who, which version, which retry key.
    `shown` is what the principal may see of the answer (kept that way for replays too)."""
    return {
        "recorded_by": principal().label,
        "expected_version": expected_version(),
        "idempotency": idempotency(schema, status, shown),
    }


def replayed(error: ReplayedAnswer) -> Response:
    """The first answer to a retried request, recorded beside its events."""
    response = Response(
        json.dumps(jsonable(error.answer.body)),
        status=error.answer.status,
        mimetype="application/json",
    )
    if error.answer.etag is not None:
        response.headers["ETag"] = f'"{error.answer.etag}"'
    response.headers["Idempotent-Replayed"] = "true"
    return response


def _add_etag(response: Response) -> Response:
    version = g.get("etag_version")
    if version is not None:
        response.headers["ETag"] = f'"{version}"'
    return response


class DuplicateKeyError(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise DuplicateKeyError(key)
        seen[key] = value
    return seen


def _refuse_duplicate_keys() -> Response | None:
    """A JSON body that names a field twice is ambiguous (which one counts?): 400, before
    anything reads it. Runs after the token and the guard have been checked."""
    if not request.is_json or not request.content_length:
        return None
    try:
        json.loads(request.get_data(cache=True), object_pairs_hook=_no_duplicate_keys)
    except DuplicateKeyError as error:
        return problem(
            400,
            f"The request body gives the field {error.key!r} more than once.",
            {error.key: ["Given more than once."]},
        )
    except (ValueError, RecursionError):
        return None  # not JSON at all: the parser that reads it says so
    return None


def register(app: Flask) -> None:
    app.before_request(_refuse_duplicate_keys)  # after web/auth.py and web/guards.py
    app.after_request(_add_etag)
    app.register_error_handler(ReplayedAnswer, replayed)


def read_args(args: dict[str, Any]) -> dict[str, Any]:
    """`version` and `as_at` from an aggregate read's query."""
    return {"version": args.get("version"), "as_at": args.get("as_at")}

"""What every resource does alike: versions as ETags, If-Match, Idempotency-Key, the
blueprint prefix (and, through `bounds.py`, the bounds every request is held to)."""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any, TypeVar

import flask_smorest
from flask import Flask, Response, g, request
from flask_smorest.utils import resolve_schema_instance

from meetings.application.dto import jsonable
from meetings.domain.errors import InvalidFieldError
from meetings.idempotency import Idempotency, ReplayedAnswer
from web.api import bounds
from web.auth import principal
from web.context import meetings_app

API_PREFIX = "/api/v1"
T = TypeVar("T")
_IF_MATCH = re.compile(r'^\s*(?:W/)?"?(\d{1,18})"?\s*$')


class Blueprint(flask_smorest.Blueprint):  # type: ignore[misc]
    """flask-smorest's Blueprint, whose `arguments` makes a schema class's instance once,
    when the view is declared (as `response` already does), rather than webargs making one
    for every request. A schema is only loaded with, never given state, so one instance
    serves every request."""

    def arguments(self, schema: Any, **kwargs: Any) -> Any:
        return super().arguments(resolve_schema_instance(schema), **kwargs)


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


def idempotency() -> Idempotency | None:
    """The request's Idempotency-Key, with a fingerprint of what it asks, if it sent one.
    A retry is answered by the command with its first result, presented as it was then."""
    key = request.headers.get("Idempotency-Key")
    if key is None:
        return None
    if not key.strip() or len(key) > 255:
        raise InvalidFieldError("Idempotency-Key", "Give a key of 1 to 255 characters.")
    body = request.get_json(silent=True)
    canonical = json.dumps([request.method, request.path, body], sort_keys=True, default=str)
    idem = Idempotency(principal().id, key, hashlib.sha256(canonical.encode()).hexdigest())
    meetings_app().replay_if_answered(idem)
    g.idempotency = idem
    return idem


def command() -> dict[str, Any]:
    """What every command carries from the request: who, which version, which retry key."""
    return {
        "recorded_by": principal().label,
        "expected_version": expected_version(),
        "idempotency": idempotency(),
    }


def replayed(error: ReplayedAnswer) -> Response:
    """The first answer to a retried request, as a record kept before results were kept
    as data holds it: recorded beside its events, sent as it was."""
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
    idem = g.get("idempotency")
    if idem is not None and idem.answered_before:
        response.headers["Idempotent-Replayed"] = "true"
    return response


def register(app: Flask) -> None:
    bounds.register(app)  # after web/auth.py and web/guards.py
    app.after_request(_add_etag)
    app.register_error_handler(ReplayedAnswer, replayed)


def read_args(args: dict[str, Any]) -> dict[str, Any]:
    """`version` and `as_at` from an aggregate read's query."""
    return {"version": args.get("version"), "as_at": args.get("as_at")}

"""What every resource does alike: versions as ETags, If-Match, the blueprint prefix."""

from __future__ import annotations

import re
from typing import Any, TypeVar

from flask import Flask, Response, g, request

from meetings.domain.errors import InvalidFieldError

API_PREFIX = "/api/v1"
T = TypeVar("T")

_IF_MATCH = re.compile(r'^\s*(?:W/)?"?(\d{1,18})"?\s*$')


def tagged(result: T) -> T:
    """Answer with `ETag: "<version>"` of the aggregate the result shows (or belongs to)."""
    version = getattr(result, "etag_version", None) or getattr(result, "version", None)
    if isinstance(version, int):
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


def _add_etag(response: Response) -> Response:
    version = g.get("etag_version")
    if version is not None:
        response.headers["ETag"] = f'"{version}"'
    return response


def register(app: Flask) -> None:
    app.after_request(_add_etag)


def read_args(args: dict[str, Any]) -> dict[str, Any]:
    """`version` and `as_at` from an aggregate read's query."""
    return {"version": args.get("version"), "as_at": args.get("as_at")}

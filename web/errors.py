"""One error shape for every answer: RFC 9457 problem+json, statuses mapped once."""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any, cast

import marshmallow as ma
from flask import Flask, Response, current_app, json, request
from flask_smorest import Api
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from meetings.application import errors as refusals
from meetings.domain import errors as domain
from meetings.infrastructure import storage
from meetings.infrastructure.archive import PdfUnavailableError
from web.context import meetings_app

log = logging.getLogger(__name__)

PROBLEM = "application/problem+json"

#: Each domain error class, the status it answers with, and the problem's title: the
#: status's standard phrase, as RFC 9457 asks of a problem whose type is about:blank (what
#: went wrong, in words a clerk understands, is the problem's detail).
STATUSES: list[tuple[type[Exception], int, str]] = [
    (cls, status, HTTPStatus(status).phrase)
    for cls, status in (
        (refusals.NotAuthenticatedError, 401),
        (refusals.NotAllowedError, 403),
        (refusals.TooManyFailedSignInsError, 429),
        (domain.NotFoundError, 404),
        (refusals.VersionMismatchError, 412),
        (domain.InvalidFieldError, 422),
        (domain.InvalidFieldsError, 422),
        (domain.RuleBrokenError, 409),
        (refusals.ProjectionLagError, 503),
    )
]

#: The standard phrase of each status (RFC 9457: a problem of type about:blank has it as
#: its title).
_TITLES = {status.value: status.phrase for status in HTTPStatus}

#: How long a client is asked to wait while the database is out of reach, in seconds.
RETRY_AFTER_UNAVAILABLE = 5


class ProblemSchema(ma.Schema):
    """An RFC 9457 problem: what went wrong, in words a clerk understands."""

    type = ma.fields.String()
    title = ma.fields.String()
    status = ma.fields.Integer()
    detail = ma.fields.String()
    errors = ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.List(ma.fields.String()))


def problem(
    status: int,
    detail: str,
    errors: dict[str, list[str]] | None = None,
    title: str | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": title or _TITLES.get(status, "Error"),
        "status": status,
        "detail": detail,
    }
    if errors:
        body["errors"] = errors
    response = Response(json.dumps(body), status=status, mimetype=PROBLEM)
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def _flatten(messages: Any, prefix: str = "") -> dict[str, list[str]]:
    """webargs nests messages by location and field; clients want `{field: [messages]}`."""
    if isinstance(messages, list):
        return {prefix or "_schema": [str(m) for m in messages]}
    flat: dict[str, list[str]] = {}
    for key, value in messages.items():
        name = f"{prefix}.{key}" if prefix else str(key)
        flat.update(_flatten(value, name))
    return flat


#: An operation anyone may call without a token (a token, if sent, must be valid).
OPTIONAL_AUTH: dict[str, Any] = {"security": [{}, {"bearerAuth": []}]}


class MeetingsApi(Api):  # type: ignore[misc]
    """flask-smorest's Api, answering every error as problem+json."""

    ERROR_SCHEMA = ProblemSchema

    def _openapi_json(self) -> Response:
        return cast(Response, current_app.json.response(described(self.spec.to_dict())))

    def handle_http_exception(self, error: HTTPException) -> Response:
        status = error.code or 500
        data = getattr(error, "data", None) or {}
        messages = data.get("messages") or data.get("errors")
        if status == 400 and messages:
            return problem(400, "The request body is not valid JSON.")
        if messages:
            by_location = messages if isinstance(messages, dict) else {"json": messages}
            errors: dict[str, list[str]] = {}
            for fields in by_location.values():
                errors.update(_flatten(fields))
            names = ", ".join(sorted(errors))
            return problem(status, f"Some fields are not valid: {names}.", errors)
        return problem(
            status,
            error.description or _TITLES.get(status, "Error"),
            headers=dict(data.get("headers") or {}),
        )


def described(spec: dict[str, Any]) -> dict[str, Any]:
    """The served OpenAPI document, saying what is really sent: errors are
    application/problem+json, and X-Pagination is a header holding JSON text."""
    components = spec.get("components", {})
    for response in components.get("responses", {}).values():
        content = response.get("content", {})
        if "application/json" in content:
            content[PROBLEM] = content.pop("application/json")
    pagination = components.get("headers", {}).get("PAGINATION")
    if pagination is not None:
        pagination["schema"] = {
            "type": "string",
            "description": "JSON text: total, total_pages, first_page, last_page, page, "
            "previous_page, next_page",
        }
    _describe_store_failures(spec)
    return spec


#: What any operation may answer when the store fails (web/errors.py `_store_problem`),
#: and what a request with a body may answer (`_refuse_oversized`, a full store).
_STORE_FAILURES = {
    "503": "The database is unavailable for a moment (Retry-After says when to try "
    "again; nothing was recorded), or a stored event it needs cannot be read (its "
    "position is named)",
}
_WRITE_FAILURES = {
    "413": "The request body is larger than the service accepts (1 MiB unless configured)",
    "507": "The store is full: nothing was recorded; reads go on",
}


def _describe_store_failures(spec: dict[str, Any]) -> None:
    problem_body = {PROBLEM: {"schema": {"$ref": "#/components/schemas/Problem"}}}
    for operations in spec.get("paths", {}).values():
        for method, operation in operations.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            answers = dict(_STORE_FAILURES)
            if method in ("post", "put", "patch"):
                answers.update(_WRITE_FAILURES)
            for status, text in answers.items():
                response: dict[str, Any] = {"description": text, "content": problem_body}
                if status == "503":
                    response["headers"] = {
                        "Retry-After": {"schema": {"type": "integer"}, "description": "seconds"}
                    }
                operation["responses"].setdefault(status, response)


def register(app: Flask) -> None:
    app.before_request(_refuse_oversized)
    for cls, status, title in STATUSES:
        app.register_error_handler(cls, _domain_handler(status, title))
    app.register_error_handler(PdfUnavailableError, _no_pdf)
    app.register_error_handler(Exception, _unexpected)


def _refuse_oversized() -> None:
    """Refuse a body larger than MAX_CONTENT_LENGTH from its Content-Length, before
    anything (the token, the body) is read: 413. A body sent without a length is cut off
    at the limit as it is read (Werkzeug)."""
    limit = current_app.config.get("MAX_CONTENT_LENGTH")
    length = request.content_length
    if limit is not None and length is not None and length > limit:
        raise RequestEntityTooLarge(
            f"The request body is {length} bytes; at most {limit} bytes are accepted."
        )


def _domain_handler(status: int, title: str) -> Any:
    def handle(error: Exception) -> Response:
        errors = None
        if isinstance(error, domain.InvalidFieldError):
            errors = {error.field: [error.message]}
        elif isinstance(error, domain.InvalidFieldsError):
            errors = error.errors
        headers = {"Retry-After": "1"} if status == 503 else None
        if status == 401:
            headers = {"WWW-Authenticate": 'Bearer realm="meetings"'}
        if isinstance(error, refusals.TooManyFailedSignInsError):
            headers = {"Retry-After": str(error.retry_after)}
        return problem(status, str(error), errors, title=title, headers=headers)

    return handle


def _no_pdf(error: PdfUnavailableError) -> Response:
    """This server cannot make PDFs (503): the same minutes are served as HTML."""
    meeting_id = (request.view_args or {}).get("meeting_id")
    return problem(503, f"{error}. The same minutes are at /meetings/{meeting_id}/minutes.html.")


def _unexpected(error: Exception) -> Response:
    if isinstance(error, RecursionError):
        return problem(400, "The request body is nested too deeply to read.")
    if isinstance(error, HTTPException):
        api: MeetingsApi = __import__("flask").current_app.extensions["meetings_api"]
        return api.handle_http_exception(error)
    answer = _store_problem(error)
    if answer is not None:
        return answer
    log.exception("unexpected error", exc_info=error)
    return problem(500, "Something went wrong on our side; the error has been logged.")


def _store_problem(error: Exception) -> Response | None:
    """The event store's failures, each with its own answer instead of a bare 500: full
    (507: nothing recorded, reads go on), out of reach or busy (503, try again), or a
    stored event that no longer decodes (503 naming its position, which is logged)."""
    if storage.is_full(error):
        log.error("the event store is full: a write was refused (%s)", error)
        return problem(
            507,
            "The record's store is full: nothing was recorded. What is recorded can still "
            "be read; try again once the administrator has freed space.",
        )
    if isinstance(error, storage.UndecodableEventError):
        position = error.position
        if position is None:
            position = meetings_app().get_position_of(error.aggregate_id, error.version)
            error.position = position
        log.error("a stored event cannot be decoded, at position %s: %s", position, error)
        return problem(
            503,
            f"The stored event at position {position} cannot be read: it was changed outside "
            "the service. An administrator has been told (it is logged); `meetings verify` "
            "and /api/v1/audit/verify report it.",
        )
    if storage.is_unavailable(error):
        log.warning("the database is unavailable: %s", " ".join(str(error).split()))
        return problem(
            503,
            "The database is unavailable for a moment (restarting, or busy): nothing was "
            "recorded. Try again shortly.",
            headers={"Retry-After": str(RETRY_AFTER_UNAVAILABLE)},
        )
    return None

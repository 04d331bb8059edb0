"""What every answer the public can reach carries alike: the proxy it may stand behind, and
the security headers every response is sent with."""

from __future__ import annotations

import base64
import hashlib
import logging
import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from datetime import UTC, datetime, time
from functools import wraps
from typing import Any
from uuid import UUID

from flask import Flask, Response, current_app, make_response, render_template, request
from werkzeug.exceptions import HTTPException, MethodNotAllowed, NotFound
from werkzeug.http import is_resource_modified
from werkzeug.middleware.proxy_fix import ProxyFix

from meetings.application.queries.records import get_recorded_at
from meetings.domain.rules import LONDON, london_today
from web.api.common import API_PREFIX
from web.errors import PROBLEM, MeetingsApi
from web.pages.safe_html import markdown_html

log = logging.getLogger(__name__)

#: The Content-Security-Policy of every page: nothing inline, nothing from elsewhere.
CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "frame-ancestors": "'none'",
    "base-uri": "'none'",
    "form-action": "'self'",
}
#: The one page that needs a script of its own inline: Swagger UI's start-up script, allowed
#: by its hash (and Swagger UI sets styles inline as it draws the document).
SWAGGER_UI_ENDPOINT = "api-docs.openapi_swagger_ui"
_INLINE_SCRIPT = re.compile(rb"<script>(.*?)</script>", re.DOTALL)


def policy(**overrides: str) -> str:
    """The Content-Security-Policy header's value, with some directives replaced."""
    return "; ".join(f"{name} {value}" for name, value in {**CSP, **overrides}.items())


def source_hash(text: str | bytes) -> str:
    """A CSP source allowing exactly this inline script or style: 'sha256-...'."""
    data = text.encode() if isinstance(text, str) else text
    return f"'sha256-{base64.b64encode(hashlib.sha256(data).digest()).decode()}'"


def _security_headers(response: Response) -> Response:
    headers = response.headers
    if "Content-Security-Policy" not in headers:
        headers["Content-Security-Policy"] = _policy_for(response)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "same-origin")
    return response


def _policy_for(response: Response) -> str:
    if request.endpoint != SWAGGER_UI_ENDPOINT or response.direct_passthrough:
        return policy()
    scripts = [source_hash(s) for s in _INLINE_SCRIPT.findall(response.get_data())]
    return policy(
        **{"script-src": " ".join(["'self'", *scripts]), "style-src": "'self' 'unsafe-inline'"}
    )


# Conditional GET ------------------------------------------------------------------------

#: How many rendered public reads each server keeps (a few KiB to a few hundred each).
KEPT_READS = 128


class _Kept:
    """What one server remembers of its public reads: the answers it rendered, by their
    ETag (which names the log position, so an answer kept is exactly what rendering again
    would give), and when the newest event it has seen was recorded."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.answers: OrderedDict[str, tuple[bytes, str, list[tuple[str, str]]]] = OrderedDict()
        self.head: tuple[int, datetime] = (-1, datetime.min.replace(tzinfo=UTC))

    def answer(self, etag: str) -> Response | None:
        with self.lock:
            kept = self.answers.get(etag)
            if kept is None:
                return None
            self.answers.move_to_end(etag)
        data, content_type, headers = kept
        response = Response(data, content_type=content_type)
        response.headers.extend(headers)
        return response

    def keep(self, etag: str, response: Response) -> None:
        if response.direct_passthrough or response.is_streamed:
            return
        headers = [(k, v) for k, v in response.headers.items() if k in _KEPT_HEADERS]
        with self.lock:
            self.answers[etag] = (response.get_data(), response.content_type or "", headers)
            while len(self.answers) > KEPT_READS:
                self.answers.popitem(last=False)


#: The headers a view may set that a kept answer must carry again.
_KEPT_HEADERS = {"Content-Security-Policy", "Content-Disposition", "Content-Language"}


def conditional(view: Callable[..., Any]) -> Callable[..., Any]:
    """A public read that changes only when the record does (or the day turns): it answers
    with an ETag and Last-Modified taken from the log's position, and a request whose
    If-None-Match (or, without one, If-Modified-Since) still holds gets 304 Not Modified
    before anything is read or rendered. What is rendered is kept by its ETag, so the next
    reader of an unchanged record is sent the same bytes without rendering them again."""

    @wraps(view)
    def answer(*args: Any, **kwargs: Any) -> Response:
        app = current_app.extensions["meetings"]
        kept: _Kept = current_app.extensions.setdefault("meetings_public_reads", _Kept())
        position, digest = app.get_chain_head()
        today = london_today()
        varies = (request.path, request.query_string.decode("latin-1"), position, digest)
        where = (request.host_url, request.script_root, current_app.extensions["settings"].base_url)
        etag = hashlib.sha256(
            "\n".join(str(v) for v in (*varies, today.isoformat(), *where)).encode()
        ).hexdigest()[:32]
        day_began = datetime.combine(today, time(), tzinfo=LONDON).astimezone(UTC)
        modified = max(_recorded_at(app, kept, position), day_began).replace(microsecond=0)
        # Only an answer this server has rendered (kept by its ETag) is said to be unchanged:
        # an address that answers 404 is never answered 304, whatever the request's dates.
        found = kept.answer(etag)
        if found is None:
            found = make_response(view(*args, **kwargs))
            if found.status_code != 200:
                return found
            kept.keep(etag, found)
        if not is_resource_modified(request.environ, etag=etag, last_modified=modified):
            response = Response(status=304)
        else:
            response = found
        response.set_etag(etag)
        response.last_modified = modified
        response.headers.setdefault("Cache-Control", "no-cache")
        return response

    return answer


def _recorded_at(app: Any, kept: _Kept, position: int) -> datetime:
    """When the event at this log position was recorded (the epoch for an empty log)."""
    known_position, moment = kept.head
    if known_position == position:
        return moment
    moment = datetime.fromtimestamp(0, tz=UTC)
    if position:
        recorded = get_recorded_at(app, position)
        if recorded is not None:
            moment = recorded
    kept.head = (position, moment)
    return moment


# What every answer says of itself -------------------------------------------------------


def _allow(response: Response) -> Response:
    """A 405 names the methods the address does take (RFC 9110)."""
    if response.status_code == 405 and "Allow" not in response.headers:
        error = request.routing_exception
        if isinstance(error, MethodNotAllowed) and error.valid_methods:
            methods = set(error.valid_methods)
        else:
            adapter = current_app.url_map.bind_to_environ(request.environ)
            methods = set(adapter.allowed_methods())
        response.headers["Allow"] = ", ".join(sorted(methods))
    return response


def _location(response: Response) -> Response:
    """A 201 says where what it created can be read: its own address if it has one (the
    collection's, or its kind's: /bodies/{id}/meetings makes /meetings/{id}), otherwise the
    nearest record above it that shows it (a note is shown by its meeting)."""
    if response.status_code != 201 or "Location" in response.headers:
        return response
    if not request.path.startswith(API_PREFIX + "/") or not response.is_json:
        return response
    created = response.get_json(silent=True)
    made_id = created.get("id") if isinstance(created, dict) else None
    place = _created_at(request.path, str(made_id) if made_id else None)
    if place is not None:
        response.headers["Location"] = request.script_root + place
    return response


def _created_at(path: str, made_id: str | None) -> str | None:
    """The first of the candidate addresses that is readable. Which one that is (by its
    place in the list) is remembered per URL rule, so a rule's 201s match the URL map once."""
    candidates = _candidates(path, made_id)
    key = _form_key(made_id)
    forms: dict[tuple[str, bool], int | None] = current_app.extensions.setdefault(_FORMS, {})
    if key is not None and key in forms:
        form = forms[key]
    else:
        form = next((i for i, c in enumerate(candidates) if _readable(c)), None)
        if key is not None:
            forms[key] = form
    return None if form is None else candidates[form]


def _candidates(path: str, made_id: str | None) -> list[str]:
    segments = path.rstrip("/").split("/")
    candidates = []
    if made_id:
        candidates += [f"{path.rstrip('/')}/{made_id}", f"{API_PREFIX}/{segments[-1]}/{made_id}"]
    candidates += ["/".join(segments[:n]) for n in range(len(segments), 3, -1)]
    return candidates


#: Where each app keeps which candidate wins, by URL rule and whether an id was made.
_FORMS = "meetings_location_forms"
#: A UUID as werkzeug's `uuid` converter matches it (and `str(UUID)` writes it).
_UUID = re.compile(r"[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}")


def _form_key(made_id: str | None) -> tuple[str, bool] | None:
    """The request's URL rule, when the winning candidate is the same for every request on
    it: every value in its path is a UUID (a `uuid` converter's, so any UUID is matched
    alike by every rule) and so is the id made, if any; otherwise None (not remembered)."""
    rule = request.url_rule
    values = (request.view_args or {}).values()
    if rule is None or not all(isinstance(v, UUID) for v in values):
        return None
    if made_id is not None and not _UUID.fullmatch(made_id):
        return None
    return (rule.rule, made_id is not None)


def _readable(path: str) -> bool:
    """Whether GET on the path is an operation of the API."""
    adapter = current_app.url_map.bind("localhost")
    try:
        endpoint, _ = adapter.match(path, method="GET")
    except HTTPException:
        return False
    return bool(endpoint) and path.startswith(API_PREFIX)


def _not_found(error: NotFound) -> Response:
    """An address that names nothing: the page a person expects if a browser asked, else
    the problem+json every client gets."""
    if request.accept_mimetypes.best_match([PROBLEM, "application/json", "text/html"]) != (
        "text/html"
    ):
        api: MeetingsApi = current_app.extensions["meetings_api"]
        return api.handle_http_exception(error)
    try:
        head = current_app.extensions["meetings"].get_chain_head()
    except Exception:  # the store out of reach: the page still says there is nothing here
        log.warning("no chain head for the 404 page", exc_info=True)
        head = None
    page = render_template("not_found.html", chain_head=head)
    return Response(page, status=404, content_type="text/html; charset=utf-8")


def document(api: MeetingsApi) -> None:
    """Say in the OpenAPI document that every 201 carries Location."""
    for operations in api.spec._paths.values():
        for operation in operations.values():
            created = (
                operation.get("responses", {}).get("201") if isinstance(operation, dict) else None
            )
            if isinstance(created, dict):
                created.setdefault("headers", {})["Location"] = {
                    "description": "Where what was made can be read: its own address, or the "
                    "record that shows it (a meeting shows what was recorded at it).",
                    "schema": {"type": "string", "format": "uri-reference"},
                }


def register(app: Flask) -> None:
    """Trust X-Forwarded-* only from the proxies the settings name (MEETINGS_PROXY_HOPS),
    send the security headers on every response, and give templates the one safe way to
    show Markdown: `{{ text | markdown }}`."""
    hops = app.extensions["settings"].proxy_hops
    if hops:
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_prefix=hops
        )
    app.after_request(_security_headers)
    app.after_request(_allow)
    app.after_request(_location)
    app.register_error_handler(NotFound, _not_found)
    app.add_template_filter(markdown_html, "markdown")

"""The HTTP face of the record: the JSON API, its OpenAPI document, and pages."""

from __future__ import annotations

import os

from flask import Flask, Response

from meetings.application import MeetingsApplication, application_from_settings
from meetings.infrastructure.settings import Settings
from web import auth, console, errors, guards, ratelimit
from web.api import (
    action_updates,
    actions,
    agenda,
    audit,
    bodies,
    chairs,
    common,
    corrections,
    decisions,
    forward_plan,
    items,
    memberships,
    minutes,
    organisations,
    people,
    record,
    roll_call,
    scrutiny,
    workplans,
)
from web.api import meetings as meeting_resources
from web.pages import exports, feeds, minutes_pdf, public, published

#: Parts of a resource kept in a module of their own, whose routes join that resource's
#: blueprint when imported: the agenda (meetings); items, corrections, the forward plan
#: (record); chairs (bodies); action updates (actions).
RESOURCE_PARTS = (agenda, items, corrections, forward_plan, chairs, action_updates)
#: Swagger UI's files, served from the installed swagger-ui-bundle package (no CDN).
SWAGGER_UI_URL = "/swagger-ui/"


def create_app(
    meetings: MeetingsApplication | None = None, settings: Settings | None = None
) -> Flask:
    """Build the Flask app around an application (by default the one the settings name),
    with the service's settings (by default read from the environment, once, here)."""
    settings = settings or Settings.from_environ(os.environ)
    app = Flask(__name__)
    app.config.update(
        API_TITLE="Partnership meetings and minutes",
        API_VERSION="v1",
        OPENAPI_VERSION="3.0.3",
        OPENAPI_URL_PREFIX=common.API_PREFIX,
        OPENAPI_JSON_PATH="openapi.json",
        OPENAPI_SWAGGER_UI_PATH="docs",
        OPENAPI_SWAGGER_UI_URL=SWAGGER_UI_URL,
        API_SPEC_OPTIONS={
            "security": [{"bearerAuth": []}],
            "components": {"securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}}},
            "info": {
                "description": "The system of record for how partnerships meet and decide. "
                "Errors are application/problem+json (RFC 9457)."
            },
        },
        MAX_CONTENT_LENGTH=settings.max_content_length,
        JSON_SORT_KEYS=False,
    )
    app.extensions["settings"] = settings
    app.extensions["meetings"] = meetings or application_from_settings(settings)
    app.extensions["meetings"].snapshot_later()  # a command answers before its snapshot
    public.register(app)
    errors.register(app)
    auth.register(app)
    ratelimit.register(app, settings=settings)
    console.register(app)
    guards.register(app)
    common.register(app)
    api = errors.MeetingsApi(app)
    app.extensions["meetings_api"] = api
    for module in (
        organisations,
        people,
        bodies,
        memberships,
        meeting_resources,
        record,
        roll_call,
        actions,
        decisions,
        workplans,
        minutes,
        exports,
        minutes_pdf,
        audit,
        scrutiny,
    ):
        api.register_blueprint(module.blp)
    _document_command_headers(api)
    public.document(api)
    _serve_swagger_ui(app)
    app.register_blueprint(published.bp)
    app.register_blueprint(feeds.bp)
    return app


def _serve_swagger_ui(app: Flask) -> None:
    """The API page's script and styles, from the swagger-ui-bundle package."""
    from flask import send_from_directory
    from swagger_ui_bundle import swagger_ui_path

    def swagger_ui_file(filename: str) -> Response:
        return send_from_directory(swagger_ui_path, filename, max_age=86400)

    app.add_url_rule(f"{SWAGGER_UI_URL}<path:filename>", "swagger_ui_file", swagger_ui_file)


def _document_command_headers(api: errors.MeetingsApi) -> None:
    """Every command accepts If-Match and Idempotency-Key: say so in the OpenAPI document."""
    api.spec.components.parameter(
        "IfMatch",
        "header",
        {
            "name": "If-Match",
            "required": False,
            "schema": {"type": "string"},
            "description": 'The version you last saw, e.g. "3": if the record has moved on, '
            "the answer is 412 and nothing is recorded.",
        },
    )
    api.spec.components.parameter(
        "IdempotencyKey",
        "header",
        {
            "name": "Idempotency-Key",
            "required": False,
            "schema": {"type": "string", "maxLength": 255},
            "description": "Retry safely: the same key and body within 24 hours gets the first "
            "answer again and records nothing; a different body with the key is 422.",
        },
    )
    for operations in api.spec._paths.values():
        post = operations.get("post")
        if post is not None:
            post.setdefault("parameters", []).extend(
                [
                    {"$ref": "#/components/parameters/IfMatch"},
                    {"$ref": "#/components/parameters/IdempotencyKey"},
                ]
            )

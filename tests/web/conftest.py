"""Fixtures for the HTTP API: a test client, a body or two, and a token for every role."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask.testing import FlaskClient

from meetings.application import MeetingsApplication
from meetings.domain.values import Role
from tests.web.support import make_body, make_person
from web import create_app


@pytest.fixture
def client(app: MeetingsApplication) -> FlaskClient:
    return create_app(app).test_client()


@pytest.fixture
def recorded(app: MeetingsApplication) -> Callable[[], int]:
    """How many events the log holds: to show that a refused command recorded nothing."""

    def position() -> int:
        return app.recorder.max_notification_id() or 0

    return position


@pytest.fixture
def admin(app: MeetingsApplication) -> str:
    return app.tokens.create(Role.ADMIN, "Ada Admin")[1]


@pytest.fixture
def body(client: FlaskClient, admin: str) -> dict[str, Any]:
    return make_body(client, admin)


@pytest.fixture
def other_body(client: FlaskClient, admin: str) -> dict[str, Any]:
    return make_body(client, admin, name="Safer Buckinghamshire", short_name="SB", kind="thematic")


@pytest.fixture
def clerk(app: MeetingsApplication, body: dict[str, Any]) -> str:
    """A clerk granted the Health and Wellbeing Board."""
    return app.tokens.create(Role.CLERK, "Colin Clerk", [body["id"]])[1]


@pytest.fixture
def other_clerk(app: MeetingsApplication, other_body: dict[str, Any]) -> str:
    """A clerk granted only Safer Buckinghamshire."""
    return app.tokens.create(Role.CLERK, "Olive Otherclerk", [other_body["id"]])[1]


@pytest.fixture
def scrutiny(app: MeetingsApplication) -> str:
    return app.tokens.create(Role.SCRUTINY, "Sam Scrutiny")[1]


@pytest.fixture
def member(app: MeetingsApplication) -> str:
    return app.tokens.create(Role.MEMBER, "Mo Member")[1]


@pytest.fixture
def chair(app: MeetingsApplication, client: FlaskClient, admin: str) -> str:
    """A chair's token, linked to the person who chairs."""
    person = make_person(client, admin, name="Chris Chair")
    return app.tokens.create(Role.CHAIR, "Chris Chair", person_id=person["id"])[1]


@pytest.fixture
def person(client: FlaskClient, admin: str) -> dict[str, Any]:
    return make_person(client, admin, name="Alice Ahmed")

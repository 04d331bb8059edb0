"""Fixtures for the HTTP API: a test client, a body or two, and a token for every role."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any
from uuid import UUID

import pytest
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from meetings.application import MeetingsApplication
from meetings.application.commands import AppointChair
from meetings.domain.values import Role
from tests.web.support import (
    live_meeting,
    make_body,
    make_member,
    make_person,
    problem,
    schedule,
)
from web import create_app

Json = dict[str, Any]
#: When the chairs appointed by these fixtures took office.
SINCE = date(2025, 1, 1)


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


# Meetings ----------------------------------------------------------------------------


def _chair_token(
    app: MeetingsApplication, client: FlaskClient, admin: str, body_id: str, role: str
) -> str:
    """A chair token for a new person appointed to `role` of the body since 2025."""
    name = "Carol Chair" if role == "chair" else "Victor Vicechair"
    person_id = UUID(make_person(client, admin, name=name)["id"])
    app.appoint_chair(
        AppointChair(body_id=UUID(body_id), person_id=person_id, role=role, starts_on=SINCE)
    )
    return app.tokens.create(Role.CHAIR, name, person_id=person_id)[1]


@pytest.fixture
def body_chair(app: MeetingsApplication, client: FlaskClient, admin: str, body: Json) -> str:
    """A chair token of the person who chairs the Health and Wellbeing Board."""
    return _chair_token(app, client, admin, body["id"], "chair")


@pytest.fixture
def body_vice_chair(app: MeetingsApplication, client: FlaskClient, admin: str, body: Json) -> str:
    """A chair token of the Health and Wellbeing Board's vice-chair."""
    return _chair_token(app, client, admin, body["id"], "vice_chair")


@pytest.fixture
def sitting_member(app: MeetingsApplication, client: FlaskClient, admin: str, body: Json) -> str:
    """A member token of a person who sits on the Health and Wellbeing Board today."""
    person = make_member(client, admin, body["id"], "Sita Sitting")
    return app.tokens.create(Role.MEMBER, "Sita Sitting", person_id=UUID(person["id"]))[1]


@pytest.fixture
def meeting(client: FlaskClient, clerk: str, body: Json) -> Json:
    """A meeting of the Health and Wellbeing Board, scheduled 30 days ahead by its clerk."""
    return schedule(client, clerk, body["id"])


@pytest.fixture
def live(client: FlaskClient, clerk: str, body: Json) -> tuple[Json, Json]:
    """A meeting of the board in session, with one decision item: (meeting, item)."""
    return live_meeting(client, clerk, body["id"])


@pytest.fixture
def refused(recorded: Callable[[], int]) -> Callable[..., Json]:
    """Send a request that must be refused: check its problem answer (naming `fields` when
    422), and that the log holds nothing more than before. Answers the problem body."""

    def check(send: Callable[[], TestResponse], status: int, *fields: str) -> Json:
        before = recorded()
        answer = problem(send(), status, *fields)
        assert recorded() == before, "a refused request recorded something"
        return answer

    return check

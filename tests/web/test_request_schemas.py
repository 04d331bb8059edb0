"""A request's schema is made once, when its view is declared, not for every request (issue
15): every flask-smorest blueprint is `web.api.common.Blueprint`, commands make no schema
instance while they are answered (nor do the console's taps), and one instance answers good and
bad bodies alike."""

from __future__ import annotations

from typing import Any

import flask_smorest
import pytest
from flask.testing import FlaskClient

from tests.console_support import sign_in
from tests.web.conftest import Json
from tests.web.support import make_member, problem, record
from web.api.common import Blueprint
from web.api.schemas.record import AttendanceIn


def test_every_api_blueprint_makes_its_argument_schemas_once(client: FlaskClient) -> None:
    smorest = [
        bp for bp in client.application.blueprints.values()
        if isinstance(bp, flask_smorest.Blueprint)
    ]  # fmt: skip
    assert len(smorest) > 10
    assert all(isinstance(bp, Blueprint) for bp in smorest), [
        bp.name for bp in smorest if not isinstance(bp, Blueprint)
    ]


@pytest.fixture
def made(monkeypatch: pytest.MonkeyPatch) -> list[AttendanceIn]:
    """Every `AttendanceIn` made from here on (ask for it after the app's fixtures)."""
    made: list[AttendanceIn] = []
    init = AttendanceIn.__init__

    def counted(self: AttendanceIn, *args: Any, **kwargs: Any) -> None:
        made.append(self)
        init(self, *args, **kwargs)

    monkeypatch.setattr(AttendanceIn, "__init__", counted)
    return made


def test_recording_attendance_makes_no_schema_per_request(
    client: FlaskClient, admin: str, clerk: str, body: Json, live: tuple[Json, Json],
    made: list[AttendanceIn],
) -> None:  # fmt: skip
    meeting, _ = live
    people = [make_member(client, admin, body["id"], f"P {n}", seat=f"Seat {n}") for n in range(3)]
    for person in people:
        answer = record(
            client, clerk, meeting["id"], "attendance", person_id=person["id"], status="present"
        )
        assert answer.status_code == 201, answer.get_data(as_text=True)
        assert answer.get_json()["person_id"] == person["id"]
    assert made == []


def test_one_schema_answers_bad_and_good_bodies_alike(
    client: FlaskClient, admin: str, clerk: str, body: Json, live: tuple[Json, Json],
    recorded: Any,
) -> None:  # fmt: skip
    meeting, _ = live
    person = make_member(client, admin, body["id"], "Ann Ahmed")

    def bad() -> Json:
        before = recorded()
        answer = record(client, clerk, meeting["id"], "attendance", status="here", at="noon")
        assert recorded() == before
        return problem(answer, 422, "person_id", "status", "at")

    first = bad()
    good = record(
        client, clerk, meeting["id"], "attendance", person_id=person["id"], status="present"
    )
    assert good.status_code == 201, good.get_data(as_text=True)
    assert good.get_json()["status"] == "present" and good.get_json()["person_id"] == person["id"]
    assert bad() == first


def test_the_consoles_attendance_taps_make_no_schema_either(
    client: FlaskClient, admin: str, clerk: str, body: Json, live: tuple[Json, Json],
    made: list[AttendanceIn],
) -> None:  # fmt: skip
    meeting, _ = live
    people = [make_member(client, admin, body["id"], f"P {n}", seat=f"Seat {n}") for n in range(2)]
    csrf = sign_in(client, clerk)

    def tap(person_id: str, status: str) -> Json:
        answer = client.post(
            f"/console/meetings/{meeting['id']}/record/attend",
            data={"csrf_token": csrf, "person_id": person_id, "status": status},
            headers={"X-Requested-With": "record.js", "X-CSRFToken": csrf},
        )
        assert answer.status_code in (200, 422), answer.get_data(as_text=True)
        tapped: Json = answer.get_json()
        return tapped

    assert tap(people[0]["id"], "present").get("recorded")
    refused = tap(people[1]["id"], "here")
    assert not refused.get("recorded") and "status" in str(refused)
    assert tap(people[1]["id"], "apologies").get("recorded")
    assert made == []

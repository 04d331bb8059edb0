"""Who agrees a meeting's papers where the chair rotates, and who is in the chair.

Seed: ../shared/seeds/000_59fb736cd126e93f.txt, CADEX Terms of Reference (June 2006):
"The Chairmanship rotates between the local authority Chief Executives, with each Chief
Executive chairing and hosting three consecutive meetings." and "The Chairman shall be
responsible for agreeing meeting agendas and draft minutes for circulation."
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from uuid import UUID

import pytest
from flask.testing import FlaskClient

from meetings.application import MeetingsApplication
from meetings.domain.values import Role
from tests.web.conftest import Json
from tests.web.support import (
    add_item,
    in_days,
    london_day,
    make_body,
    make_person,
    meeting_command,
    ok,
    post,
    schedule,
)

Refused = Callable[..., Json]


@dataclass
class Rotation:
    """CADEX: three chief executives in turn. `former` chaired until 10 days ago, `current`
    chairs until 10 days ahead, `next` from then on."""

    body: Json
    clerk: str
    former: str
    current: str
    next: str
    people: dict[str, str]


@pytest.fixture
def rotation(app: MeetingsApplication, client: FlaskClient, admin: str) -> Rotation:
    body = make_body(client, admin, name="CADEX", short_name="CADEX", kind="officers")
    clerk = app.tokens.create(Role.CLERK, "Cadex Clerk", [body["id"]])[1]
    terms = {
        "former": (london_day(-400), london_day(-10)),
        "current": (london_day(-9), london_day(10)),
        "next": (london_day(11), None),
    }
    tokens, people = {}, {}
    for name, (starts, ends) in terms.items():
        person = make_person(client, admin, name=f"Chief Executive {name.title()}")
        term = {"person_id": person["id"], "role": "chair", "starts_on": str(starts)}
        if ends:
            term["ends_on"] = str(ends)
        ok(post(client, f"/bodies/{body['id']}/chairs", admin, term), 201)
        people[name] = person["id"]
        tokens[name] = app.tokens.create(Role.CHAIR, name, person_id=UUID(person["id"]))[1]
    return Rotation(body, clerk, tokens["former"], tokens["current"], tokens["next"], people)


def test_the_chair_who_will_chair_a_meeting_agrees_its_agenda(
    client: FlaskClient, rotation: Rotation, refused: Refused
) -> None:
    """Defect 2: the incoming chair was refused the agenda of the meeting they will chair."""
    r = rotation
    meeting = schedule(client, r.clerk, r.body["id"], starts_at=in_days(30))
    add_item(client, r.clerk, meeting["id"])
    path = f"/meetings/{meeting['id']}/agenda/agree"
    detail = refused(lambda: post(client, path, r.current), 403)["detail"]
    assert "in office on the day of the meeting" in detail
    agreed = ok(post(client, path, r.next))["agenda_agreed"]
    assert agreed["person_id"] == r.people["next"]


def test_the_chair_who_chaired_a_meeting_agrees_its_minutes(
    client: FlaskClient, rotation: Rotation, refused: Refused
) -> None:
    """Defect 2: the chair who chaired it was refused its minutes once the chair moved on."""
    r = rotation
    meeting = schedule(client, r.clerk, r.body["id"], starts_at=in_days(-20))
    add_item(client, r.clerk, meeting["id"])
    meeting_command(client, r.clerk, meeting["id"], "open", {"at": in_days(-20)})
    meeting_command(
        client, r.clerk, meeting["id"], "close", {"at": in_days(-20).replace("10:00", "11:00")}
    )
    path = f"/meetings/{meeting['id']}/minutes/agree"
    for other in (r.current, r.next):
        detail = refused(lambda t=other: post(client, path, t), 403)["detail"]
        assert "whoever was in the chair at the meeting" in detail
    agreed = ok(post(client, path, r.former))
    assert agreed["status"] == "agreed"
    assert agreed["agreed"]["person_id"] == r.people["former"]

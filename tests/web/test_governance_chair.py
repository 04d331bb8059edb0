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
    get,
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


# Who is in the chair -----------------------------------------------------------------


def test_a_nominee_in_the_chair_agrees_the_agenda_and_the_minutes_name_them(
    app: MeetingsApplication,
    client: FlaskClient,
    admin: str,
    clerk: str,
    scrutiny: str,
    body: Json,
    body_chair: str,
    refused: Refused,
) -> None:
    """Seed 000 (the BSP Conference): "The Conference will be chaired by the Chairman of
    the BSP Board or his nominee." The nominee takes the chair; the chair attends."""
    nominee = make_person(client, admin, name="Nina Nominee")
    nominee_token = app.tokens.create(Role.CHAIR, "Nina", person_id=UUID(nominee["id"]))[1]
    meeting = schedule(client, clerk, body["id"], starts_at=in_days(-20))
    m = meeting["id"]
    item = add_item(client, clerk, m)
    # Before anyone is recorded in the chair, the nominee may not agree the agenda.
    refused(lambda: post(client, f"/meetings/{m}/agenda/agree", nominee_token), 403)
    taken = ok(post(client, f"/meetings/{m}/chair", clerk, {"person_id": nominee["id"]}), 201)
    assert taken["kind"] == "chair" and taken["person_id"] == nominee["id"]
    assert taken["at"].startswith(in_days(-20)[:16])  # before the meeting: from its start
    assert ok(post(client, f"/meetings/{m}/agenda/agree", nominee_token))["agenda_agreed"]
    meeting_command(client, clerk, m, "open", {"at": in_days(-20)})
    ok(
        post(
            client,
            f"/meetings/{m}/attendance",
            clerk,
            {
                "person_id": nominee["id"],
                "status": "present",
                "capacity": "guest",
                "admitted_by_chair": True,
                "at": in_days(-20),
            },
        ),
        201,
    )
    ok(
        post(
            client,
            f"/meetings/{m}/items/{item['id']}/decisions",
            clerk,
            {"text": "Adopted the plan.", "method": "consensus"},
        ),
        201,
    )
    meeting_command(client, clerk, m, "close", {"at": in_days(-20).replace("10:00", "11:00")})
    draft = ok(get(client, f"/meetings/{m}/minutes", clerk))
    assert "Nina Nominee in the Chair." in draft["markdown"]
    assert "- Nina Nominee, Chair" in draft["markdown"]
    # The minutes are agreed by whoever was in the chair: the nominee, not the body's chair.
    detail = refused(lambda: post(client, f"/meetings/{m}/minutes/agree", body_chair), 403)
    assert "in the chair at the meeting" in detail["detail"]
    agreed = ok(post(client, f"/meetings/{m}/minutes/agree", nominee_token))
    assert agreed["agreed"]["person_id"] == nominee["id"]
    decision = ok(get(client, "/decisions", scrutiny, query_string={"body_id": body["id"]}))[0]
    report = ok(get(client, f"/decisions/{decision['id']}/authority", scrutiny))
    assert report["in_the_chair"]["person_id"] == nominee["id"]
    assert report["in_the_chair"]["recorded"] is True


def test_the_vice_chair_takes_over_while_the_chair_steps_out(
    client: FlaskClient, admin: str, clerk: str, body: Json
) -> None:
    chair = make_person(client, admin, name="Cara Chair")
    vice = make_person(client, admin, name="Vic Vice")
    meeting = schedule(client, clerk, body["id"], starts_at=in_days(-3))
    m = meeting["id"]
    add_item(client, clerk, m)
    meeting_command(client, clerk, m, "open", {"at": in_days(-3)})
    ok(post(client, f"/meetings/{m}/chair", clerk, {"person_id": chair["id"]}), 201)
    takeover = in_days(-3).replace("10:00", "10:40")
    ok(post(client, f"/meetings/{m}/chair", clerk, {"person_id": vice["id"], "at": takeover}), 201)
    chairs = ok(get(client, f"/meetings/{m}", clerk))["in_the_chair"]
    assert [c["person_id"] for c in chairs] == [chair["id"], vice["id"]]
    markdown = ok(get(client, f"/meetings/{m}/minutes", clerk))["markdown"]
    assert "Cara Chair in the Chair. Vic Vice in the Chair from 10:40." in markdown


def test_bad_input_to_the_chair_is_refused_and_records_nothing(
    client: FlaskClient, clerk: str, body: Json, person: Json, refused: Refused
) -> None:
    meeting = schedule(client, clerk, body["id"], starts_at=in_days(-3))
    m = meeting["id"]
    path = f"/meetings/{m}/chair"
    refused(lambda: post(client, path, clerk, {}), 422, "person_id")
    unknown = "00000000-0000-4000-8000-000000000000"
    refused(lambda: post(client, path, clerk, {"person_id": unknown}), 422, "person_id")
    refused(lambda: post(client, path, clerk, {"person_id": person["id"], "at": "soon"}), 422, "at")
    add_item(client, clerk, m)
    meeting_command(client, clerk, m, "open", {"at": in_days(-3)})
    meeting_command(client, clerk, m, "close", {"at": in_days(-3).replace("10:00", "11:00")})
    late = {"person_id": person["id"], "at": in_days(-3).replace("10:00", "12:00")}
    assert "closed" in str(refused(lambda: post(client, path, clerk, late), 422, "at"))
    cancelled = schedule(client, clerk, body["id"])
    meeting_command(client, clerk, cancelled["id"], "cancel", {"reason": "No business"})
    detail = refused(
        lambda: post(
            client, f"/meetings/{cancelled['id']}/chair", clerk, {"person_id": person["id"]}
        ),
        409,
    )["detail"]
    assert "cancelled" in detail

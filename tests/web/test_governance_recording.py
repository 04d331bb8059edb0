"""Private by default, duplicates refused, and typing up from paper afterwards (`at`).

Seed: ../shared/seeds/000_59fb736cd126e93f.txt, BSP Board: "The County Council shall
provide support to the Chairman in setting dates for the meeting, preparing the agenda,
and minuting the meeting." (the clerk minutes from notes taken in the room, and types
them up afterwards); and CADEX: "Agendas shall be circulated one week in advance of the
meeting."
"""

from __future__ import annotations

from collections.abc import Callable

from flask.testing import FlaskClient

from tests.web.conftest import Json
from tests.web.support import (
    add_item,
    get,
    in_days,
    make_membership,
    make_person,
    meeting_command,
    ok,
    post,
    record,
    same_moment,
    schedule,
)

Refused = Callable[..., Json]


def test_a_new_body_is_private_unless_it_says_otherwise(
    client: FlaskClient, admin: str, body_chair: str
) -> None:
    private = ok(
        post(
            client, "/bodies", admin, {"name": "CADEX", "short_name": "CADEX", "kind": "officers"}
        ),
        201,
    )
    assert private["open_to_public"] is False
    public = ok(
        post(
            client,
            "/bodies",
            admin,
            {
                "name": "Conference",
                "short_name": "BSPC",
                "kind": "conference",
                "open_to_public": True,
            },
        ),
        201,
    )
    assert public["open_to_public"] is True
    # A published agenda of the private body is not for the public.
    meeting = schedule(client, admin, private["id"])
    add_item(client, admin, meeting["id"])
    assert client.get(f"/bodies/{private['id']}").status_code == 404
    assert get(client, f"/meetings/{meeting['id']}", None).status_code == 401


def test_seating_a_person_twice_in_the_same_seat_is_409_and_a_retry_answers_as_before(
    client: FlaskClient, admin: str, body: Json, person: Json, refused: Refused
) -> None:
    path = f"/bodies/{body['id']}/memberships"
    seat = {"person_id": person["id"], "seat": "Leader", "capacity": "member"}
    key = {"Idempotency-Key": "seat-alice"}
    first = ok(post(client, path, admin, {**seat, "starts_on": "2025-01-01"}, headers=key), 201)
    again = ok(post(client, path, admin, {**seat, "starts_on": "2025-01-01"}, headers=key), 201)
    assert again["id"] == first["id"]
    for starts_on in ("2025-01-01", "2026-06-01", "2024-01-01"):
        detail = refused(
            lambda s=starts_on: post(client, path, admin, {**seat, "starts_on": s}), 409
        )
        assert "already holds the seat" in detail["detail"]
    # The same person in another seat, or the same seat after their term ends, is fine.
    ok(post(client, path, admin, {**seat, "seat": "Health lead", "starts_on": "2025-01-01"}), 201)
    ended = make_membership(
        client,
        admin,
        body["id"],
        person["id"],
        seat="Vice",
        starts_on="2024-01-01",
        ends_on="2024-12-31",
    )
    assert ended["ends_on"] == "2024-12-31"
    ok(post(client, path, admin, {**seat, "seat": "Vice", "starts_on": "2025-01-01"}), 201)


def test_typing_up_a_past_meeting_records_when_things_happened(
    client: FlaskClient, admin: str, clerk: str, body: Json, refused: Refused
) -> None:
    member = make_person(client, admin, name="Tess Typist")
    make_membership(client, admin, body["id"], member["id"])
    meeting = schedule(client, clerk, body["id"], starts_at=in_days(-3))
    m = meeting["id"]
    item = add_item(client, clerk, m)
    opened = in_days(-3)
    meeting_command(client, clerk, m, "open", {"at": opened})
    # An attendance given without `at`, for a meeting held on an earlier day, takes its start.
    arrived = ok(
        record(client, clerk, m, "attendance", person_id=member["id"], status="present"), 201
    )
    assert same_moment(arrived["at"], opened)
    said = opened.replace("10:00", "10:20")
    note = ok(
        record(client, clerk, m, f"items/{item['id']}/notes", text="Discussed.", at=said), 201
    )
    assert same_moment(note["at"], said)
    decided_at = opened.replace("10:00", "10:30")
    decision = ok(
        record(
            client,
            clerk,
            m,
            f"items/{item['id']}/decisions",
            text="Agreed.",
            method="consensus",
            at=decided_at,
        ),
        201,
    )
    assert same_moment(decision["at"], decided_at)
    declared = ok(
        record(
            client,
            clerk,
            m,
            "declarations",
            person_id=member["id"],
            item_id=item["id"],
            interest="Governor",
            at=said,
        ),
        201,
    )
    assert same_moment(declared["at"], said)
    untimed = ok(record(client, clerk, m, f"items/{item['id']}/notes", text="Later."), 201)
    assert same_moment(untimed["at"], opened)
    too_early = opened.replace("10:00", "09:00")
    for what, fields in (
        (f"items/{item['id']}/notes", {"text": "x"}),
        (f"items/{item['id']}/decisions", {"text": "x", "method": "noted"}),
        ("declarations", {"person_id": member["id"], "item_id": item["id"], "interest": "x"}),
    ):
        answer = refused(
            lambda w=what, f=fields: record(client, clerk, m, w, **f, at=too_early), 422, "at"
        )
        assert "before the meeting opened" in str(answer["errors"])
        refused(
            lambda w=what, f=fields: record(client, clerk, m, w, **f, at="yesterday"), 422, "at"
        )


def test_an_agenda_published_on_paper_is_recorded_with_when_it_went_out(
    client: FlaskClient, clerk: str, body: Json, body_chair: str, refused: Refused
) -> None:
    meeting = schedule(client, clerk, body["id"], starts_at=in_days(10))
    m = meeting["id"]
    add_item(client, clerk, m)
    ok(post(client, f"/meetings/{m}/agenda/agree", body_chair))
    path = f"/meetings/{m}/agenda/publish"
    refused(lambda: post(client, path, clerk, {"at": in_days(2)}), 422, "at")
    went_out = in_days(-5)
    published = ok(post(client, path, clerk, {"at": went_out}))
    assert same_moment(published["agenda_published_at"], went_out)
    assert published["late_notice"] is False  # fifteen days' notice, not three

"""POST /meetings/{id}/roll-call: a whole roll call in one request, all or nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask.testing import FlaskClient

from meetings.application import MeetingsApplication
from tests.web.conftest import Json
from tests.web.support import (
    etag,
    get,
    make_member,
    make_person,
    ok,
    post,
    read_meeting,
)


def _roll_call(
    client: FlaskClient, token: str | None, meeting_id: str, entries: Any, **headers: str
) -> Any:
    return post(
        client, f"/meetings/{meeting_id}/roll-call", token, {"entries": entries}, headers=headers
    )


def _board(client: FlaskClient, admin: str, body_id: str) -> dict[str, Json]:
    """Three members (the first with a named substitute), an adviser, and a stranger."""
    people = {
        "ann": make_member(client, admin, body_id, "Ann Member"),
        "bob": make_member(client, admin, body_id, "Bob Member"),
        "cat": make_member(client, admin, body_id, "Cat Member"),
        "dee": make_member(client, admin, body_id, "Dee Adviser", capacity="adviser"),
        "sam": make_person(client, admin, name="Sam Substitute"),
        "xan": make_person(client, admin, name="Xan Stranger"),
    }
    seat = people["ann"]["membership"]["id"]
    path = f"/bodies/{body_id}/memberships/{seat}/substitutes"
    ok(post(client, path, admin, {"person_id": people["sam"]["id"]}), 201)
    return people


def _whole_roll(p: dict[str, Json]) -> list[Json]:
    return [
        {"person_id": p["sam"]["id"], "status": "present", "substitute_for": p["ann"]["id"]},
        {"person_id": p["bob"]["id"], "status": "present"},
        {"person_id": p["cat"]["id"], "status": "apologies"},
        {"person_id": p["dee"]["id"], "status": "present", "capacity": "adviser"},
    ]


def test_a_roll_call_records_every_entry_in_order(
    client: FlaskClient, admin: str, clerk: str, body: Json, live: tuple[Json, Json]
) -> None:
    meeting, _ = live
    people = _board(client, admin, body["id"])
    answer = _roll_call(client, clerk, meeting["id"], _whole_roll(people))
    entries = ok(answer, 201)["entries"]
    assert [(e["person_id"], e["status"]) for e in entries] == [
        (people["sam"]["id"], "present"),
        (people["bob"]["id"], "present"),
        (people["cat"]["id"], "apologies"),
        (people["dee"]["id"], "present"),
    ]
    assert entries[0]["substitute_for"] == people["ann"]["id"]
    assert entries[3]["capacity"] == "adviser"
    recorded = read_meeting(client, clerk, meeting["id"])
    assert {a["id"] for a in recorded["attendance"]} == {e["id"] for e in entries}
    assert etag(answer) == f'"{recorded["version"]}"'
    quorum = ok(get(client, f"/meetings/{meeting['id']}/quorum", clerk))
    assert quorum["members_present"] == 2  # Bob, and Sam for Ann; the adviser does not count


def test_a_refused_entry_records_nothing_and_is_named(
    client: FlaskClient,
    admin: str,
    clerk: str,
    body: Json,
    live: tuple[Json, Json],
    refused: Callable[..., Json],
) -> None:
    meeting, _ = live
    people = _board(client, admin, body["id"])
    entries = _whole_roll(people)
    # A stranger substituting without being named or admitted by the chair.
    entries.insert(
        2,
        {
            "person_id": people["xan"]["id"],
            "status": "present",
            "substitute_for": people["cat"]["id"],
        },
    )
    answer = refused(lambda: _roll_call(client, clerk, meeting["id"], entries), 409)
    assert "entry 2" in answer["detail"] and "Xan Stranger" in answer["detail"]
    assert "Cat Member" in answer["detail"] and "named substitute" in answer["detail"]
    assert read_meeting(client, clerk, meeting["id"])["attendance"] == []


def test_the_same_person_twice_in_one_roll_call_is_refused_whole(
    client: FlaskClient,
    admin: str,
    clerk: str,
    body: Json,
    live: tuple[Json, Json],
    refused: Callable[..., Json],
) -> None:
    meeting, _ = live
    people = _board(client, admin, body["id"])
    bob = {"person_id": people["bob"]["id"], "status": "present"}
    answer = refused(lambda: _roll_call(client, clerk, meeting["id"], [bob, bob]), 409)
    assert "entry 1 (Bob Member)" in answer["detail"]
    assert "already recorded as present" in answer["detail"]


def test_a_stranger_as_a_member_is_refused_naming_the_index(
    client: FlaskClient,
    admin: str,
    clerk: str,
    body: Json,
    live: tuple[Json, Json],
    refused: Callable[..., Json],
) -> None:
    meeting, _ = live
    people = _board(client, admin, body["id"])
    entries = [*_whole_roll(people), {"person_id": people["xan"]["id"], "status": "present"}]
    answer = refused(lambda: _roll_call(client, clerk, meeting["id"], entries), 409)
    assert "entry 4 (Xan Stranger)" in answer["detail"]
    assert "not a member of this body" in answer["detail"]


def test_an_unknown_person_is_422_naming_the_entry(
    client: FlaskClient,
    admin: str,
    clerk: str,
    body: Json,
    live: tuple[Json, Json],
    refused: Callable[..., Json],
) -> None:
    meeting, _ = live
    people = _board(client, admin, body["id"])
    ghost = {"person_id": "00000000-0000-4000-8000-000000000000", "status": "present"}
    entries = [*_whole_roll(people), ghost]
    answer = refused(
        lambda: _roll_call(client, clerk, meeting["id"], entries), 422, "entries.4.person_id"
    )
    assert "Entry 4" in answer["errors"]["entries.4.person_id"][0]


def test_substituting_for_a_non_member_is_422_naming_the_entry(
    client: FlaskClient,
    admin: str,
    clerk: str,
    body: Json,
    live: tuple[Json, Json],
    refused: Callable[..., Json],
) -> None:
    meeting, _ = live
    people = _board(client, admin, body["id"])
    entry = {
        "person_id": people["sam"]["id"],
        "status": "present",
        "substitute_for": people["xan"]["id"],
    }
    answer = refused(
        lambda: _roll_call(client, clerk, meeting["id"], [entry]),
        422,
        "entries.0.substitute_for",
    )
    assert "Sam Substitute" in answer["errors"]["entries.0.substitute_for"][0]


def test_bad_fields_are_422_and_record_nothing(
    client: FlaskClient, clerk: str, live: tuple[Json, Json], refused: Callable[..., Json]
) -> None:
    meeting, _ = live
    refused(lambda: _roll_call(client, clerk, meeting["id"], []), 422, "entries")
    refused(lambda: _roll_call(client, clerk, meeting["id"], "everyone"), 422, "entries")
    bad = [{"person_id": "not-a-uuid", "status": "here", "capacity": "king"}]
    answer = refused(lambda: _roll_call(client, clerk, meeting["id"], bad), 422, "entries")
    assert {"entries.0.person_id", "entries.0.status", "entries.0.capacity"} <= set(
        answer["errors"]
    )
    refused(lambda: post(client, f"/meetings/{meeting['id']}/roll-call", clerk, {}), 422)


def test_a_retry_with_the_same_key_records_nothing_new(
    app: MeetingsApplication,
    client: FlaskClient,
    admin: str,
    clerk: str,
    body: Json,
    live: tuple[Json, Json],
    recorded: Callable[[], int],
) -> None:
    meeting, _ = live
    people = _board(client, admin, body["id"])
    first = _roll_call(
        client, clerk, meeting["id"], _whole_roll(people), **{"Idempotency-Key": "k1"}
    )
    position = recorded()
    again = _roll_call(
        client, clerk, meeting["id"], _whole_roll(people), **{"Idempotency-Key": "k1"}
    )
    assert again.status_code == 201 and again.headers["Idempotent-Replayed"] == "true"
    assert again.get_json() == first.get_json()
    assert recorded() == position
    assert len(read_meeting(client, clerk, meeting["id"])["attendance"]) == 4
    other = [{"person_id": people["bob"]["id"], "status": "absent"}]
    changed = _roll_call(client, clerk, meeting["id"], other, **{"Idempotency-Key": "k1"})
    assert changed.status_code == 422
    assert recorded() == position


def test_a_stale_if_match_is_412_and_records_nothing(
    client: FlaskClient,
    admin: str,
    clerk: str,
    body: Json,
    live: tuple[Json, Json],
    refused: Callable[..., Json],
) -> None:
    meeting, _ = live
    people = _board(client, admin, body["id"])
    version = read_meeting(client, clerk, meeting["id"])["version"]
    bob = [{"person_id": people["bob"]["id"], "status": "present"}]
    ok(_roll_call(client, clerk, meeting["id"], bob, **{"If-Match": f'"{version}"'}), 201)
    cat = [{"person_id": people["cat"]["id"], "status": "present"}]
    refused(
        lambda: _roll_call(client, clerk, meeting["id"], cat, **{"If-Match": f'"{version}"'}), 412
    )


def test_who_asks_comes_before_what_they_sent(
    client: FlaskClient,
    clerk: str,
    other_clerk: str,
    member: str,
    live: tuple[Json, Json],
    refused: Callable[..., Json],
) -> None:
    meeting, _ = live
    for bad in ([], "everyone"):
        refused(lambda bad=bad: _roll_call(client, None, meeting["id"], bad), 401)
        refused(lambda bad=bad: _roll_call(client, other_clerk, meeting["id"], bad), 403)
        refused(lambda bad=bad: _roll_call(client, member, meeting["id"], bad), 403)


def test_a_roll_call_needs_the_meeting_in_session(
    client: FlaskClient,
    admin: str,
    clerk: str,
    body: Json,
    meeting: Json,
    refused: Callable[..., Json],
) -> None:
    people = _board(client, admin, body["id"])
    answer = refused(lambda: _roll_call(client, clerk, meeting["id"], _whole_roll(people)), 409)
    assert "not in session" in answer["detail"]

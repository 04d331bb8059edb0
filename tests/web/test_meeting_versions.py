"""Versions and retries on a meeting: ETag, If-Match and Idempotency-Key."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from meetings.application import MeetingsApplication
from meetings.domain.values import Role
from tests.web.support import (
    add_item,
    etag,
    make_member,
    minutes_ago,
    ok,
    post,
    read_meeting,
)

Json = dict[str, Any]
Refused = Callable[..., Json]


def _version(client: FlaskClient, token: str, meeting_id: str) -> int:
    version: int = read_meeting(client, token, meeting_id)["version"]
    return version


def _note(
    client: FlaskClient, token: str, live: tuple[Json, Json], text: str = "Noted.", **headers: str
) -> TestResponse:
    meeting, item = live
    path = f"/meetings/{meeting['id']}/items/{item['id']}/notes"
    return post(client, path, token, {"text": text}, headers=headers)


# ETag and If-Match -------------------------------------------------------------------


def test_every_command_answers_with_the_meetings_version_as_its_etag(
    client: FlaskClient, admin: str, clerk: str, body: Json, meeting: Json
) -> None:
    member = make_member(client, admin, body["id"], "Mia Member")
    mid = meeting["id"]
    item_id = add_item(client, clerk, mid)["id"]
    steps = [
        (f"/meetings/{mid}/agenda-items", {"title": "AOB", "kind": "discussion"}),
        (f"/meetings/{mid}/agenda/standing-items", None),
        (f"/meetings/{mid}/open", None),
        (f"/meetings/{mid}/attendance", {"person_id": member["id"], "status": "present"}),
        (f"/meetings/{mid}/departures", {"person_id": member["id"], "at": minutes_ago(-1)}),
        (f"/meetings/{mid}/items/{item_id}/notes", {"text": "Noted."}),
        (f"/meetings/{mid}/items/{item_id}/decisions", {"text": "Agreed", "method": "consensus"}),
        (f"/meetings/{mid}/close", None),
    ]
    seen = []
    for path, data in steps:
        response = post(client, path, clerk, data)
        assert response.status_code in (200, 201), response.get_data(as_text=True)
        seen.append((path, etag(response), f'"{_version(client, clerk, mid)}"'))
    assert [(path, tag) for path, tag, _ in seen] == [(path, version) for path, _, version in seen]


def test_reading_a_meeting_answers_with_its_version_as_etag(
    client: FlaskClient, clerk: str, meeting: Json
) -> None:
    add_item(client, clerk, meeting["id"])
    response = post(client, f"/meetings/{meeting['id']}/open", clerk)
    read = read_meeting(client, clerk, meeting["id"])
    assert etag(response) == f'"{read["version"]}"' == '"3"'


def test_a_stale_if_match_is_412_and_records_nothing(
    client: FlaskClient, clerk: str, live: tuple[Json, Json], refused: Refused
) -> None:
    meeting, _ = live
    seen = _version(client, clerk, meeting["id"])
    ok(_note(client, clerk, live, "First."), 201)
    answer = refused(
        lambda: _note(client, clerk, live, "Second.", **{"If-Match": f'"{seen}"'}), 412
    )
    assert "changed since you loaded it" in answer["detail"]
    notes = read_meeting(client, clerk, meeting["id"])["notes"]
    assert [n["text"] for n in notes] == ["First."]


def test_a_matching_if_match_is_applied(
    client: FlaskClient, clerk: str, live: tuple[Json, Json]
) -> None:
    meeting, _ = live
    seen = _version(client, clerk, meeting["id"])
    response = _note(client, clerk, live, **{"If-Match": f'"{seen}"'})
    assert ok(response, 201)["text"] == "Noted." and etag(response) == f'"{seen + 1}"'


def test_a_stale_if_match_on_a_whole_meeting_command_is_412(
    client: FlaskClient, clerk: str, meeting: Json, refused: Refused
) -> None:
    add_item(client, clerk, meeting["id"])
    path = f"/meetings/{meeting['id']}/open"
    refused(lambda: post(client, path, clerk, headers={"If-Match": '"1"'}), 412)


def test_two_clerks_without_if_match_both_record(
    app: MeetingsApplication, client: FlaskClient, body: Json, clerk: str, live: tuple[Json, Json]
) -> None:
    meeting, _ = live
    second_clerk = app.tokens.create(Role.CLERK, "Second Clerk", [body["id"]])[1]
    seen_by_both = _version(client, clerk, meeting["id"])
    ok(_note(client, clerk, live, "From the first clerk."), 201)
    ok(_note(client, second_clerk, live, "From the second clerk."), 201)
    read = read_meeting(client, clerk, meeting["id"])
    assert len(read["notes"]) == 2 and read["version"] == seen_by_both + 2


def test_two_clerks_typing_at_once_without_if_match_both_record(
    app: MeetingsApplication, client: FlaskClient, body: Json, clerk: str, live: tuple[Json, Json]
) -> None:
    second_clerk = app.tokens.create(Role.CLERK, "Second Clerk", [body["id"]])[1]

    def type_notes(token: str) -> list[int]:
        return [_note(client, token, live, f"Note {n}").status_code for n in range(5)]

    with ThreadPoolExecutor(max_workers=2) as pool:
        statuses = list(pool.map(type_notes, [clerk, second_clerk]))
    assert statuses == [[201] * 5, [201] * 5]
    assert len(read_meeting(client, clerk, live[0]["id"])["notes"]) == 10


# Idempotency-Key ---------------------------------------------------------------------


def test_a_retry_with_the_same_key_gets_the_first_answer_and_records_nothing(
    client: FlaskClient, clerk: str, live: tuple[Json, Json], recorded: Callable[[], int]
) -> None:
    first = _note(client, clerk, live, **{"Idempotency-Key": "note-1"})
    after_first = recorded()
    again = _note(client, clerk, live, **{"Idempotency-Key": "note-1"})
    assert again.status_code == first.status_code == 201
    assert again.get_json() == first.get_json() and etag(again) == etag(first)
    assert again.headers.get("Idempotent-Replayed") == "true"
    assert recorded() == after_first
    assert len(read_meeting(client, clerk, live[0]["id"])["notes"]) == 1


def test_a_retried_schedule_makes_one_meeting(
    client: FlaskClient, clerk: str, body: Json, recorded: Callable[[], int]
) -> None:
    path, data = f"/bodies/{body['id']}/meetings", {"starts_at": "2027-03-04T10:00:00+00:00"}
    key = {"Idempotency-Key": "schedule-march"}
    first = ok(post(client, path, clerk, data, headers=key), 201)
    before = recorded()
    again = post(client, path, clerk, data, headers=key)
    assert ok(again, 201)["id"] == first["id"]
    assert again.headers.get("Idempotent-Replayed") == "true"
    assert recorded() == before


def test_the_same_key_with_a_different_body_is_422(
    client: FlaskClient, clerk: str, live: tuple[Json, Json], refused: Refused
) -> None:
    ok(_note(client, clerk, live, "First.", **{"Idempotency-Key": "note-1"}), 201)
    answer = refused(
        lambda: _note(client, clerk, live, "Other.", **{"Idempotency-Key": "note-1"}), 422
    )
    assert "Idempotency-Key" in answer["errors"]


def test_the_same_key_from_different_principals_is_independent(
    client: FlaskClient, admin: str, clerk: str, live: tuple[Json, Json]
) -> None:
    by_clerk = ok(_note(client, clerk, live, **{"Idempotency-Key": "shared"}), 201)
    by_admin = _note(client, admin, live, **{"Idempotency-Key": "shared"})
    assert ok(by_admin, 201)["id"] != by_clerk["id"]
    assert "Idempotent-Replayed" not in by_admin.headers
    assert len(read_meeting(client, clerk, live[0]["id"])["notes"]) == 2


def test_an_unusable_idempotency_key_is_422(
    client: FlaskClient, clerk: str, live: tuple[Json, Json], refused: Refused
) -> None:
    for key in ("k" * 256, "   "):
        headers = {"Idempotency-Key": key}
        refused(lambda h=headers: _note(client, clerk, live, **h), 422, "Idempotency-Key")


def test_a_key_of_255_characters_is_accepted(
    client: FlaskClient, clerk: str, live: tuple[Json, Json]
) -> None:
    ok(_note(client, clerk, live, **{"Idempotency-Key": "k" * 255}), 201)

"""Who may record and read a meeting over HTTP, and who sees confidential items."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask.testing import FlaskClient

from tests.web.support import (
    add_item,
    get,
    in_days,
    meeting_command,
    ok,
    post,
    problem,
    read_meeting,
    record,
    schedule,
)

Json = dict[str, Any]
Refused = Callable[..., Json]
SECRET = "Acme"
REASON = "Commercially sensitive: contract negotiations"
NOT_RECORDERS = ["other_clerk", "scrutiny", "member", "chair", "body_chair", "sitting_member"]


def _recording_requests(
    meeting: Json, item: Json, body: Json, person: Json
) -> list[tuple[str, Json | None]]:
    """A request of every kind a clerk sends while recording (path, body)."""
    mid, iid = meeting["id"], item["id"]
    return [
        (f"/bodies/{body['id']}/meetings", {"starts_at": in_days(40)}),
        (f"/meetings/{mid}/agenda-items", {"title": "AOB", "kind": "discussion"}),
        (f"/meetings/{mid}/attendance", {"person_id": person["id"], "status": "apologies"}),
        (f"/meetings/{mid}/items/{iid}/notes", {"text": "Noted."}),
        (f"/meetings/{mid}/items/{iid}/decisions", {"text": "Agreed", "method": "consensus"}),
        (f"/meetings/{mid}/items/{iid}/defer", {"reason": "Not ready"}),
        (f"/meetings/{mid}/corrections", {"entry_id": "x", "reason": "Typo"}),
        (f"/meetings/{mid}/close", None),
        (f"/bodies/{body['id']}/forward-plan", {"subject": "BCF", "notified_on": "2026-01-05"}),
    ]


def test_only_admin_and_the_bodys_clerks_record_its_meetings(
    request: pytest.FixtureRequest,
    client: FlaskClient,
    body: Json,
    live: tuple[Json, Json],
    person: Json,
    refused: Refused,
) -> None:
    for who in NOT_RECORDERS:
        token = request.getfixturevalue(who)
        for path, data in _recording_requests(*live, body, person):
            answer = refused(lambda p=path, d=data, t=token: post(client, p, t, d), 403)
            assert "clerk of this body" in answer["detail"], (who, path)


def test_recording_without_a_token_is_401(
    client: FlaskClient, body: Json, live: tuple[Json, Json], person: Json, refused: Refused
) -> None:
    for path, data in _recording_requests(*live, body, person):
        refused(lambda p=path, d=data: post(client, p, None, d), 401)


def test_the_admin_records_without_being_granted_the_body(
    client: FlaskClient, admin: str, body: Json, live: tuple[Json, Json], person: Json
) -> None:
    for path, data in _recording_requests(*live, body, person)[:5]:
        assert post(client, path, admin, data).status_code == 201, path


def test_any_token_reads_a_meeting(
    request: pytest.FixtureRequest, client: FlaskClient, live: tuple[Json, Json]
) -> None:
    meeting, item = live
    for who in ("scrutiny", "member", "chair", "other_clerk", "sitting_member"):
        read = read_meeting(client, request.getfixturevalue(who), meeting["id"])
        assert read["status"] == "in_session" and read["agenda"][0]["title"] == item["title"]


def test_history_is_only_for_admin_scrutiny_and_the_bodys_clerks(
    request: pytest.FixtureRequest, client: FlaskClient, live: tuple[Json, Json]
) -> None:
    path = f"/meetings/{live[0]['id']}/history"
    for who in ("member", "chair", "other_clerk", "sitting_member"):
        problem(get(client, path, request.getfixturevalue(who)), 403)
    for who in ("admin", "scrutiny", "clerk"):
        ok(get(client, path, request.getfixturevalue(who)))


# Confidential items ------------------------------------------------------------------


def _confidential_meeting(
    client: FlaskClient, clerk: str, chair: str, body_id: str, person: Json
) -> tuple[str, str, str]:
    """A published meeting in session with an open item and a confidential one, with a
    declaration, a note (corrected), a decision and an action recorded under each:
    (meeting id, open item id, confidential item id)."""
    meeting = schedule(client, clerk, body_id)
    mid = meeting["id"]
    public = add_item(client, clerk, mid, title="Better Care Fund plan")
    secret = add_item(
        client,
        clerk,
        mid,
        title=f"{SECRET} contract award",
        confidential=True,
        confidential_reason=REASON,
    )
    meeting_command(client, chair, mid, "agenda/agree")
    meeting_command(client, clerk, mid, "agenda/publish")
    meeting_command(client, clerk, mid, "open")
    for item, words in ((public, "Care"), (secret, SECRET)):
        _record_under(client, clerk, mid, item["id"], person["id"], words)
    return mid, public["id"], secret["id"]


def _record_under(
    client: FlaskClient, clerk: str, mid: str, item_id: str, person_id: str, words: str
) -> None:
    declaration = {"person_id": person_id, "item_id": item_id, "interest": f"{words} shares"}
    ok(record(client, clerk, mid, "declarations", **declaration), 201)
    note = ok(record(client, clerk, mid, f"items/{item_id}/notes", text=f"{words} discussed"), 201)
    fix = {"entry_id": note["id"], "reason": "Typo", "replacement": {"text": f"{words} debated"}}
    ok(post(client, f"/meetings/{mid}/corrections", clerk, fix), 201)
    decision = {"text": f"{words} approved", "method": "consensus"}
    ok(record(client, clerk, mid, f"items/{item_id}/decisions", **decision), 201)
    action = {"description": f"Tell {words}", "owner_id": person_id, "due_on": "2027-01-31"}
    ok(record(client, clerk, mid, f"items/{item_id}/actions", **action), 201)


@pytest.fixture
def confidential(
    client: FlaskClient, clerk: str, body_chair: str, body: Json, person: Json
) -> tuple[str, str, str]:
    return _confidential_meeting(client, clerk, body_chair, body["id"], person)


def _entries_under(read: Json, item_id: str) -> dict[str, int]:
    kinds = ("declarations", "notes", "decisions", "actions")
    return {kind: sum(e["item_id"] == item_id for e in read[kind]) for kind in kinds}


def test_admin_clerks_and_members_see_a_confidential_item_in_full(
    request: pytest.FixtureRequest, client: FlaskClient, confidential: tuple[str, str, str]
) -> None:
    mid, _, secret_id = confidential
    for who in ("admin", "clerk", "sitting_member"):
        read = read_meeting(client, request.getfixturevalue(who), mid)
        [item] = [i for i in read["agenda"] if i["id"] == secret_id]
        assert item["title"] == f"{SECRET} contract award", who
        assert set(_entries_under(read, secret_id).values()) == {1}, who
        notes = [n["text"] for n in read["notes"] if n["item_id"] == secret_id]
        assert notes == [f"{SECRET} debated"], who


def test_others_see_a_confidential_item_by_its_reason_only(
    request: pytest.FixtureRequest, client: FlaskClient, confidential: tuple[str, str, str]
) -> None:
    mid, public_id, secret_id = confidential
    for who in ("scrutiny", "other_clerk", "member", "chair", None):
        token = request.getfixturevalue(who) if who else None
        response = get(client, f"/meetings/{mid}", token)
        read = ok(response)
        [item] = [i for i in read["agenda"] if i["id"] == secret_id]
        assert item["title"] == "Confidential item" and item["confidential_reason"] == REASON
        # That a declaration was made is public (issue 13); only its interest is withheld.
        under = _entries_under(read, secret_id)
        assert under == {"declarations": 1, "notes": 0, "decisions": 0, "actions": 0}, who
        [declared] = [d for d in read["declarations"] if d["item_id"] == secret_id]
        assert declared["interest_withheld"] is True, who
        assert set(_entries_under(read, public_id).values()) == {1}, who
        assert SECRET not in response.get_data(as_text=True), who


def test_history_withholds_confidential_content_from_scrutiny(
    client: FlaskClient, scrutiny: str, confidential: tuple[str, str, str]
) -> None:
    mid, _, _ = confidential
    response = get(client, f"/meetings/{mid}/history", scrutiny)
    history = ok(response)
    withheld = [h for h in history if "withheld" in h["data"]]
    # The item; its declaration, note, correction of the note, decision and action.
    assert len(withheld) == 6 and all(set(h["data"]) == {"withheld"} for h in withheld)
    assert all(h["data"]["withheld"].startswith("Confidential item") for h in withheld)
    [added] = [h for h in withheld if h["type"] == "Meeting.AgendaItemAdded"]
    assert REASON in added["data"]["withheld"]
    assert SECRET not in response.get_data(as_text=True)
    assert any(h["data"].get("text") == "Care discussed" for h in history)


def test_history_shows_confidential_content_to_admin_and_the_bodys_clerks(
    request: pytest.FixtureRequest, client: FlaskClient, confidential: tuple[str, str, str]
) -> None:
    mid, _, _ = confidential
    for who in ("admin", "clerk"):
        history = ok(get(client, f"/meetings/{mid}/history", request.getfixturevalue(who)))
        assert not any("withheld" in h["data"] for h in history), who
        assert any(h["data"].get("title") == f"{SECRET} contract award" for h in history), who


def test_matters_arising_withhold_confidential_actions_from_others(
    client: FlaskClient, clerk: str, scrutiny: str, body: Json, confidential: tuple[str, str, str]
) -> None:
    path = f"/meetings/{schedule(client, clerk, body['id'], starts_at=in_days(60))['id']}"
    for_the_clerk = ok(get(client, f"{path}/matters-arising", clerk))
    assert sorted(a["description"] for a in for_the_clerk) == [f"Tell {SECRET}", "Tell Care"]
    response = get(client, f"{path}/matters-arising", scrutiny)
    assert response.status_code == 200 and "Tell Care" in response.get_data(as_text=True)
    assert SECRET not in response.get_data(as_text=True)


# The public --------------------------------------------------------------------------


def _published(client: FlaskClient, admin: str, chair: str, body_id: str) -> str:
    meeting = schedule(client, admin, body_id)
    add_item(client, admin, meeting["id"])
    meeting_command(client, chair, meeting["id"], "agenda/agree")
    meeting_command(client, admin, meeting["id"], "agenda/publish")
    return str(meeting["id"])


def test_the_public_reads_a_published_agenda_of_a_public_body(
    client: FlaskClient, admin: str, body_chair: str, body: Json
) -> None:
    mid = _published(client, admin, body_chair, body["id"])
    assert read_meeting(client, None, mid)["agenda_published_at"]


def test_the_public_cannot_read_an_unpublished_agenda(client: FlaskClient, meeting: Json) -> None:
    problem(get(client, f"/meetings/{meeting['id']}", None), 401)


def test_the_public_cannot_read_a_meeting_of_a_closed_body(
    client: FlaskClient, admin: str, body_chair: str, body: Json
) -> None:
    ok(post(client, f"/bodies/{body['id']}/rules", admin, {"open_to_public": False}))
    mid = _published(client, admin, body_chair, body["id"])
    problem(get(client, f"/meetings/{mid}", None), 401)


def test_the_public_cannot_read_a_meetings_history(
    client: FlaskClient, admin: str, body_chair: str, body: Json
) -> None:
    mid = _published(client, admin, body_chair, body["id"])
    problem(get(client, f"/meetings/{mid}/history", None), 401)

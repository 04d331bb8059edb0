"""Correcting the record of a meeting over HTTP, and reading the meeting as it stood."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask.testing import FlaskClient

from tests.web.support import (
    get,
    in_days,
    live_meeting,
    make_body,
    make_member,
    meeting_command,
    ok,
    post,
    read_meeting,
    record,
    schedule,
)

Json = dict[str, Any]
Refused = Callable[..., Json]


def _note(client: FlaskClient, clerk: str, live: tuple[Json, Json], text: str = "Agreed.") -> Json:
    meeting, item = live
    entry: Json = ok(
        record(client, clerk, meeting["id"], f"items/{item['id']}/notes", text=text), 201
    )
    return entry


def _correct(client: FlaskClient, token: str, meeting_id: str, entry_id: str, **fields: Any) -> Any:
    data = {"entry_id": entry_id, "reason": "Misheard", **fields}
    return post(client, f"/meetings/{meeting_id}/corrections", token, data)


def _history_types(client: FlaskClient, token: str, meeting_id: str) -> list[str]:
    return [h["type"] for h in ok(get(client, f"/meetings/{meeting_id}/history", token))]


def test_a_correction_shows_the_new_value_and_keeps_the_old(
    client: FlaskClient, clerk: str, live: tuple[Json, Json]
) -> None:
    meeting, _ = live
    note = _note(client, clerk, live, "Agreed by all.")
    answer = _correct(
        client, clerk, meeting["id"], note["id"], replacement={"text": "Agreed by most."}
    )
    assert ok(answer, 201)["text"] == "Agreed by most."
    read = read_meeting(client, clerk, meeting["id"])
    assert [n["text"] for n in read["notes"]] == ["Agreed by most."]
    [correction] = read["corrections"]
    assert correction["entry_id"] == note["id"] and correction["reason"] == "Misheard"
    assert correction["previous"]["text"] == "Agreed by all." and correction["retracted"] is False
    types = _history_types(client, clerk, meeting["id"])
    assert "Meeting.NoteRecorded" in types and types[-1] == "Meeting.EntryCorrected"


@pytest.mark.parametrize("replacement", [{}, {"replacement": None}], ids=["absent", "null"])
def test_a_retraction_takes_the_entry_out_of_the_meeting(
    client: FlaskClient, clerk: str, live: tuple[Json, Json], replacement: Json
) -> None:
    meeting, _ = live
    note = _note(client, clerk, live)
    assert ok(_correct(client, clerk, meeting["id"], note["id"], **replacement), 201)["retracted"]
    read = read_meeting(client, clerk, meeting["id"])
    assert read["notes"] == []
    assert [c["retracted"] for c in read["corrections"]] == [True]


def test_a_corrected_decision_has_its_ratification_worked_out_again(
    client: FlaskClient, clerk: str, live: tuple[Json, Json]
) -> None:
    meeting, item = live
    path = f"items/{item['id']}/decisions"
    decision = ok(
        record(client, clerk, meeting["id"], path, text="Agreed", method="consensus"), 201
    )
    fix = {"within_delegated_authority": False}
    ok(_correct(client, clerk, meeting["id"], decision["id"], replacement=fix), 201)
    [read] = read_meeting(client, clerk, meeting["id"])["decisions"]
    assert read["within_delegated_authority"] is False and read["requires_ratification"] is True


def test_a_replacement_is_checked_by_the_kind_of_entry(
    client: FlaskClient, clerk: str, live: tuple[Json, Json], refused: Refused
) -> None:
    meeting, item = live
    path = f"items/{item['id']}/decisions"
    decision = ok(
        record(client, clerk, meeting["id"], path, text="Agreed", method="consensus"), 201
    )
    bogus = {"method": "bogus"}
    refused(
        lambda: _correct(client, clerk, meeting["id"], decision["id"], replacement=bogus),
        422,
        "replacement.method",
    )


def test_a_replacement_for_a_note_cannot_carry_a_decisions_fields(
    client: FlaskClient, clerk: str, live: tuple[Json, Json], refused: Refused
) -> None:
    meeting, _ = live
    note = _note(client, clerk, live)
    fields = {"method": "vote"}
    refused(lambda: _correct(client, clerk, meeting["id"], note["id"], replacement=fields), 422)


def test_correcting_an_unknown_entry_is_422(
    client: FlaskClient, clerk: str, live: tuple[Json, Json], refused: Refused
) -> None:
    meeting, _ = live
    refused(lambda: _correct(client, clerk, meeting["id"], "no-such-entry"), 422, "entry_id")


def test_correcting_after_the_meeting_closes_is_allowed(
    client: FlaskClient, clerk: str, live: tuple[Json, Json]
) -> None:
    meeting, _ = live
    note = _note(client, clerk, live)
    meeting_command(client, clerk, meeting["id"], "close")
    fix = {"text": "Agreed, with one abstention."}
    ok(_correct(client, clerk, meeting["id"], note["id"], replacement=fix), 201)
    assert read_meeting(client, clerk, meeting["id"])["notes"][0]["text"] == fix["text"]


def test_retracting_an_entry_twice_is_409(
    client: FlaskClient, clerk: str, live: tuple[Json, Json], refused: Refused
) -> None:
    meeting, _ = live
    note = _note(client, clerk, live)
    ok(_correct(client, clerk, meeting["id"], note["id"]), 201)
    answer = refused(lambda: _correct(client, clerk, meeting["id"], note["id"]), 409)
    assert "already retracted" in answer["detail"]


def test_correcting_attendance_into_an_unadmitted_guest_is_409(
    client: FlaskClient,
    admin: str,
    clerk: str,
    body: Json,
    live: tuple[Json, Json],
    refused: Refused,
) -> None:
    meeting, _ = live
    member = make_member(client, admin, body["id"], "Mia Member")
    entry = ok(
        record(
            client, clerk, meeting["id"], "attendance", person_id=member["id"], status="present"
        ),
        201,
    )
    guest = {"capacity": "guest"}
    answer = refused(
        lambda: _correct(client, clerk, meeting["id"], entry["id"], replacement=guest), 409
    )
    assert "guest" in answer["detail"]


def test_correcting_attendance_into_an_admitted_guest_is_allowed(
    client: FlaskClient, admin: str, clerk: str, body: Json, live: tuple[Json, Json]
) -> None:
    meeting, _ = live
    member = make_member(client, admin, body["id"], "Mia Member")
    entry = ok(
        record(
            client, clerk, meeting["id"], "attendance", person_id=member["id"], status="present"
        ),
        201,
    )
    guest = {"capacity": "guest", "admitted_by_chair": True}
    ok(_correct(client, clerk, meeting["id"], entry["id"], replacement=guest), 201)
    [row] = read_meeting(client, clerk, meeting["id"])["attendance"]
    assert row["capacity"] == "guest" and row["admitted_by_chair"] is True


def _action(client: FlaskClient, clerk: str, live: tuple[Json, Json], owner_id: str) -> Json:
    meeting, item = live
    data = {"description": "Refresh the JSNA", "owner_id": owner_id, "due_on": "2027-01-31"}
    action: Json = ok(
        record(client, clerk, meeting["id"], f"items/{item['id']}/actions", **data), 201
    )
    return action


def test_a_corrected_due_date_reaches_the_next_meetings_matters_arising(
    client: FlaskClient, clerk: str, body: Json, live: tuple[Json, Json], person: Json
) -> None:
    meeting, _ = live
    action = _action(client, clerk, live, person["id"])
    fix = {"due_on": "2027-03-31"}
    ok(_correct(client, clerk, meeting["id"], action["entry_id"], replacement=fix), 201)
    later = schedule(client, clerk, body["id"], starts_at=in_days(60))
    [arising] = ok(get(client, f"/meetings/{later['id']}/matters-arising", clerk))
    assert arising["id"] == action["action_id"] and arising["due_on"] == "2027-03-31"


def test_a_retracted_action_leaves_the_next_meetings_matters_arising(
    client: FlaskClient, clerk: str, body: Json, live: tuple[Json, Json], person: Json
) -> None:
    meeting, _ = live
    action = _action(client, clerk, live, person["id"])
    ok(_correct(client, clerk, meeting["id"], action["entry_id"]), 201)
    later = schedule(client, clerk, body["id"], starts_at=in_days(60))
    assert ok(get(client, f"/meetings/{later['id']}/matters-arising", clerk)) == []


# As it stood -------------------------------------------------------------------------


def _corrected_note(client: FlaskClient, clerk: str, live: tuple[Json, Json]) -> tuple[str, Json]:
    """A note corrected after it was recorded: (meeting id, the note as first recorded)."""
    meeting, _ = live
    note = _note(client, clerk, live, "Agreed by all.")
    ok(
        _correct(client, clerk, meeting["id"], note["id"], replacement={"text": "Agreed by most."}),
        201,
    )
    return meeting["id"], note


def test_a_meetings_earlier_version_shows_the_record_before_a_correction(
    client: FlaskClient, clerk: str, live: tuple[Json, Json]
) -> None:
    meeting_id, _ = _corrected_note(client, clerk, live)
    current = read_meeting(client, clerk, meeting_id)
    earlier = read_meeting(client, clerk, meeting_id, version=current["version"] - 1)
    assert [n["text"] for n in earlier["notes"]] == ["Agreed by all."]
    assert earlier["corrections"] == [] and earlier["version"] == current["version"] - 1


def test_a_meeting_as_at_a_moment_shows_the_record_then(
    client: FlaskClient, clerk: str, live: tuple[Json, Json]
) -> None:
    meeting_id, note = _corrected_note(client, clerk, live)
    history = ok(get(client, f"/meetings/{meeting_id}/history", clerk))
    [noted] = [
        h for h in history if h["data"].get("entry_id") == note["id"] and "Note" in h["type"]
    ]
    then = read_meeting(client, clerk, meeting_id, as_at=noted["recorded_at"])
    assert [n["text"] for n in then["notes"]] == ["Agreed by all."]
    assert then["version"] == noted["version"]


def test_a_meeting_as_at_before_it_was_scheduled_is_404(
    client: FlaskClient, clerk: str, meeting: Json
) -> None:
    path = f"/meetings/{meeting['id']}"
    response = get(client, path, clerk, query_string={"as_at": "2020-01-01T00:00:00+00:00"})
    assert response.status_code == 404


def test_a_version_the_meeting_never_reached_is_404(
    client: FlaskClient, clerk: str, meeting: Json
) -> None:
    response = get(client, f"/meetings/{meeting['id']}", clerk, query_string={"version": 99})
    assert response.status_code == 404


def test_a_decision_corrected_to_refer_to_a_list_of_one_body_is_referred_to_it(
    client: FlaskClient, clerk: str, admin: str, live: tuple[Json, Json], refused: Refused
) -> None:
    meeting, item = live
    other = make_body(client, admin, name="Other Board", short_name="OB")
    third = make_body(client, admin, name="Third Board", short_name="TB")
    path = f"items/{item['id']}/decisions"
    decision = ok(
        record(client, clerk, meeting["id"], path, text="Agreed", method="consensus"), 201
    )
    fix = {"referred_to": [other["id"]]}
    ok(_correct(client, clerk, meeting["id"], decision["id"], replacement=fix), 201)
    [read] = read_meeting(client, clerk, meeting["id"])["decisions"]
    assert str(read["referred_to"]) == other["id"]
    two = {"referred_to": [other["id"], third["id"]]}
    refused(
        lambda: _correct(client, clerk, meeting["id"], read["id"], replacement=two),
        422,
        "replacement.referred_to",
    )


def test_a_voting_body_decision_corrected_to_consensus_drops_its_counts(
    client: FlaskClient, admin: str
) -> None:
    body = make_body(client, admin, name="Voting Board", short_name="VB", decision_method="vote")
    meeting, item = live_meeting(client, admin, body["id"])
    votes = {"for": 7, "against": 2, "abstain": 1}
    path = f"items/{item['id']}/decisions"
    decision = ok(
        record(client, admin, meeting["id"], path, text="Agreed", method="vote", votes=votes), 201
    )
    fix = {"method": "consensus", "votes": None}
    ok(_correct(client, admin, meeting["id"], decision["id"], replacement=fix), 201)
    [read] = read_meeting(client, admin, meeting["id"])["decisions"]
    assert read["method"] == "consensus" and read["votes"] is None


def _vote(client: FlaskClient, admin: str) -> tuple[str, Json]:
    """A vote recorded at a live meeting of a voting body: (meeting id, decision)."""
    body = make_body(client, admin, name="Voting Board", short_name="VB", decision_method="vote")
    meeting, item = live_meeting(client, admin, body["id"])
    votes = {"for": 7, "against": 2, "abstain": 1}
    path = f"items/{item['id']}/decisions"
    decision = ok(
        record(client, admin, meeting["id"], path, text="Agreed", method="vote", votes=votes), 201
    )
    return meeting["id"], decision


def test_correcting_only_the_counts_of_a_vote_is_allowed(client: FlaskClient, admin: str) -> None:
    meeting_id, decision = _vote(client, admin)
    fix = {"votes": {"for": 6, "against": 3, "abstain": 1}}
    ok(_correct(client, admin, meeting_id, decision["id"], replacement=fix), 201)
    [read] = read_meeting(client, admin, meeting_id)["decisions"]
    assert read["votes"] == fix["votes"] and read["method"] == "vote"


def test_correcting_a_vote_into_a_vote_without_counts_is_422(
    client: FlaskClient, admin: str, refused: Refused
) -> None:
    meeting_id, decision = _vote(client, admin)
    fix = {"votes": None}
    refused(
        lambda: _correct(client, admin, meeting_id, decision["id"], replacement=fix),
        422,
        "replacement.votes",
    )

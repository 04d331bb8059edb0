"""The rules of a meeting in session, over HTTP: attendance, quorum, declarations, notes,
decisions and ratification, actions."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from flask.testing import FlaskClient

from tests.web.support import (
    add_item,
    get,
    in_days,
    live_meeting,
    london_day,
    make_body,
    make_member,
    make_person,
    meeting_command,
    minutes_ago,
    ok,
    post,
    read_meeting,
    record,
    schedule,
)

Json = dict[str, Any]
Refused = Callable[..., Json]
NOBODY = "00000000-0000-4000-8000-0000000000cc"


def _attend(
    client: FlaskClient, clerk: str, meeting_id: str, person_id: str, **fields: Any
) -> Json:
    """Record attendance, which must succeed; answers the entry."""
    data = {"person_id": person_id, "status": "present", **fields}
    entry: Json = ok(record(client, clerk, meeting_id, "attendance", **data), 201)
    return entry


def _name_substitute(client: FlaskClient, clerk: str, body_id: str, member: Json) -> Json:
    substitute = make_person(client, clerk, name="Sam Substitute")
    path = f"/bodies/{body_id}/memberships/{member['membership']['id']}/substitutes"
    ok(post(client, path, clerk, {"person_id": substitute["id"]}), 201)
    return substitute


def _quorum(client: FlaskClient, token: str, meeting_id: str, **query: str) -> Json:
    answer: Json = ok(get(client, f"/meetings/{meeting_id}/quorum", token, query_string=query))
    return answer


# Attendance --------------------------------------------------------------------------


def test_a_member_present_is_recorded_in_the_member_capacity(
    client: FlaskClient, admin: str, clerk: str, body: Json, live: tuple[Json, Json]
) -> None:
    meeting, _ = live
    member = make_member(client, admin, body["id"], "Mia Member")
    entry = _attend(client, clerk, meeting["id"], member["id"])
    assert entry["id"] and entry["capacity"] == "member" and entry["status"] == "present"
    [row] = read_meeting(client, clerk, meeting["id"])["attendance"]
    assert row["person_id"] == member["id"] and row["left_at"] is None


def test_apologies_and_absence_are_recorded(
    client: FlaskClient, admin: str, clerk: str, body: Json, live: tuple[Json, Json]
) -> None:
    meeting, _ = live
    for status in ("apologies", "absent"):
        member = make_member(client, admin, body["id"], f"Mia {status}")
        entry = _attend(client, clerk, meeting["id"], member["id"], status=status)
        assert entry["status"] == status


def test_advisers_observers_and_officers_attend_without_the_chair(
    client: FlaskClient, clerk: str, live: tuple[Json, Json]
) -> None:
    meeting, _ = live
    for capacity in ("adviser", "observer", "officer"):
        person = make_person(client, clerk, name=f"An {capacity}")
        entry = _attend(client, clerk, meeting["id"], person["id"], capacity=capacity)
        assert entry["capacity"] == capacity and entry["admitted_by_chair"] is False


def test_a_guest_attends_only_when_admitted_by_the_chair(
    client: FlaskClient, clerk: str, live: tuple[Json, Json], refused: Refused
) -> None:
    meeting, _ = live
    guest = make_person(client, clerk, name="Gus Guest")
    data = {"person_id": guest["id"], "status": "present", "capacity": "guest"}
    answer = refused(lambda: record(client, clerk, meeting["id"], "attendance", **data), 409)
    assert "guest" in answer["detail"] and "admitted_by_chair" in answer["detail"]
    entry = _attend(
        client, clerk, meeting["id"], guest["id"], capacity="guest", admitted_by_chair=True
    )
    assert entry["admitted_by_chair"] is True


def test_someone_who_is_not_a_member_cannot_attend_as_one(
    client: FlaskClient, clerk: str, live: tuple[Json, Json], person: Json, refused: Refused
) -> None:
    meeting, _ = live
    data = {"person_id": person["id"], "status": "present", "capacity": "member"}
    answer = refused(lambda: record(client, clerk, meeting["id"], "attendance", **data), 409)
    assert "not a member" in answer["detail"]


def test_a_member_whose_term_has_ended_cannot_attend_as_a_member(
    client: FlaskClient, admin: str, clerk: str, body: Json, refused: Refused
) -> None:
    former = make_member(client, admin, body["id"], "Fay Former", ends_on=str(london_day(-1)))
    meeting, _ = live_meeting(client, clerk, body["id"])
    data = {"person_id": former["id"], "status": "present"}
    refused(lambda: record(client, clerk, meeting["id"], "attendance", **data), 409)


def test_a_named_substitute_attends_for_a_member(
    client: FlaskClient, admin: str, clerk: str, body: Json, live: tuple[Json, Json]
) -> None:
    meeting, _ = live
    member = make_member(client, admin, body["id"], "Mia Member")
    substitute = _name_substitute(client, clerk, body["id"], member)
    entry = _attend(client, clerk, meeting["id"], substitute["id"], substitute_for=member["id"])
    assert entry["substitute_for"] == member["id"] and entry["capacity"] == "member"


def test_a_substitute_who_is_not_named_needs_the_chairs_admission(
    client: FlaskClient,
    admin: str,
    clerk: str,
    body: Json,
    live: tuple[Json, Json],
    refused: Refused,
) -> None:
    meeting, _ = live
    member = make_member(client, admin, body["id"], "Mia Member")
    stranger = make_person(client, clerk, name="Stan Stranger")
    data = {"person_id": stranger["id"], "status": "present", "substitute_for": member["id"]}
    answer = refused(lambda: record(client, clerk, meeting["id"], "attendance", **data), 409)
    assert "named substitute" in answer["detail"]
    admitted = {**data, "admitted_by_chair": True}
    assert ok(record(client, clerk, meeting["id"], "attendance", **admitted), 201)[
        "admitted_by_chair"
    ]


def test_substituting_for_someone_who_is_not_a_member_is_422(
    client: FlaskClient, clerk: str, live: tuple[Json, Json], person: Json, refused: Refused
) -> None:
    meeting, _ = live
    stranger = make_person(client, clerk, name="Stan Stranger")
    data = {"person_id": stranger["id"], "status": "present", "substitute_for": person["id"]}
    refused(
        lambda: record(client, clerk, meeting["id"], "attendance", **data, admitted_by_chair=True),
        422,
        "substitute_for",
    )


def test_the_same_person_present_twice_is_409(
    client: FlaskClient,
    admin: str,
    clerk: str,
    body: Json,
    live: tuple[Json, Json],
    refused: Refused,
) -> None:
    meeting, _ = live
    member = make_member(client, admin, body["id"], "Mia Member")
    _attend(client, clerk, meeting["id"], member["id"])
    data = {"person_id": member["id"], "status": "present"}
    answer = refused(lambda: record(client, clerk, meeting["id"], "attendance", **data), 409)
    assert "already recorded as present" in answer["detail"]


def test_attendance_of_an_unknown_person_is_422_naming_person_id(
    client: FlaskClient, clerk: str, live: tuple[Json, Json], refused: Refused
) -> None:
    meeting, _ = live
    data = {"person_id": NOBODY, "status": "present"}
    refused(lambda: record(client, clerk, meeting["id"], "attendance", **data), 422, "person_id")


# Quorum ------------------------------------------------------------------------------


def test_quorum_counts_members_and_their_substitutes_only(
    client: FlaskClient, admin: str, clerk: str
) -> None:
    body = make_body(client, admin, name="Quorate Board", short_name="QB", quorum=2)
    meeting, _ = live_meeting(client, admin, body["id"])
    present, absent = (make_member(client, admin, body["id"], n) for n in ("Mia", "Max"))
    _attend(client, admin, meeting["id"], present["id"])
    substitute = _name_substitute(client, admin, body["id"], absent)
    _attend(client, admin, meeting["id"], substitute["id"], substitute_for=absent["id"])
    for capacity in ("adviser", "observer", "officer", "guest"):
        other = make_person(client, admin, name=f"An {capacity}")
        _attend(
            client, admin, meeting["id"], other["id"], capacity=capacity, admitted_by_chair=True
        )
    answer = _quorum(client, clerk, meeting["id"])
    assert (answer["required"], answer["members_present"], answer["quorate"]) == (2, 2, True)


def test_quorum_follows_arrivals_and_departures(
    client: FlaskClient, admin: str, clerk: str
) -> None:
    body = make_body(client, admin, name="Quorate Board", short_name="QB", quorum=2)
    meeting, _ = live_meeting(client, admin, body["id"])
    early, late = (make_member(client, admin, body["id"], n) for n in ("Early Eve", "Late Len"))
    _attend(client, admin, meeting["id"], early["id"], at=minutes_ago(60))
    _attend(client, admin, meeting["id"], late["id"], at=minutes_ago(30))
    assert _quorum(client, clerk, meeting["id"])["quorate"] is True
    departure = {"person_id": late["id"], "at": minutes_ago(10)}
    ok(record(client, admin, meeting["id"], "departures", **departure), 201)
    now = _quorum(client, clerk, meeting["id"])
    assert now["members_present"] == 1 and now["quorate"] is False
    then = _quorum(client, clerk, meeting["id"], at=minutes_ago(20))
    assert then["members_present"] == 2 and then["quorate"] is True
    before = _quorum(client, clerk, meeting["id"], at=minutes_ago(45))
    assert before["members_present"] == 1 and before["quorate"] is False


def test_a_body_without_a_quorum_is_always_quorate(
    client: FlaskClient, clerk: str, live: tuple[Json, Json]
) -> None:
    meeting, _ = live
    answer = _quorum(client, clerk, meeting["id"])
    assert answer["required"] is None and answer["quorate"] is True
    assert answer["members_present"] == 0


def test_a_departure_of_someone_not_present_is_409(
    client: FlaskClient, clerk: str, live: tuple[Json, Json], person: Json, refused: Refused
) -> None:
    meeting, _ = live
    data = {"person_id": person["id"], "at": minutes_ago(1)}
    refused(lambda: record(client, clerk, meeting["id"], "departures", **data), 409)


# Declarations and notes --------------------------------------------------------------


def test_a_declaration_on_an_item_is_recorded(
    client: FlaskClient, clerk: str, live: tuple[Json, Json], person: Json
) -> None:
    meeting, item = live
    data = {
        "person_id": person["id"],
        "item_id": item["id"],
        "interest": "Trustee",
        "withdrew": True,
    }
    entry = ok(record(client, clerk, meeting["id"], "declarations", **data), 201)
    assert entry["item_id"] == item["id"] and entry["withdrew"] is True
    [declared] = read_meeting(client, clerk, meeting["id"])["declarations"]
    assert declared["interest"] == "Trustee"


def test_a_declaration_on_an_unknown_item_is_422_naming_item_id(
    client: FlaskClient, clerk: str, live: tuple[Json, Json], person: Json, refused: Refused
) -> None:
    meeting, _ = live
    data = {"person_id": person["id"], "item_id": NOBODY, "interest": "Trustee"}
    refused(lambda: record(client, clerk, meeting["id"], "declarations", **data), 422, "item_id")


def test_a_note_is_recorded_under_its_item(
    client: FlaskClient, clerk: str, live: tuple[Json, Json]
) -> None:
    meeting, item = live
    entry = ok(
        record(client, clerk, meeting["id"], f"items/{item['id']}/notes", text="Noted."), 201
    )
    assert entry["item_id"] == item["id"] and entry["kind"] == "note"
    assert [n["text"] for n in read_meeting(client, clerk, meeting["id"])["notes"]] == ["Noted."]


def test_recording_on_an_unknown_item_in_the_path_is_404(
    client: FlaskClient, clerk: str, live: tuple[Json, Json], person: Json, refused: Refused
) -> None:
    meeting, _ = live
    requests = {
        "notes": {"text": "Noted."},
        "decisions": {"text": "Agreed", "method": "consensus"},
        "actions": {"description": "Do", "owner_id": person["id"], "due_on": "2027-01-31"},
    }
    for what, fields in requests.items():
        path = f"items/{NOBODY}/{what}"
        refused(lambda p=path, f=fields: record(client, clerk, meeting["id"], p, **f), 404)


# Decisions ---------------------------------------------------------------------------


def _decide(client: FlaskClient, token: str, meeting_id: str, item_id: str, **fields: Any) -> Any:
    data = {"text": "Agreed the plan", "method": "consensus", **fields}
    return record(client, token, meeting_id, f"items/{item_id}/decisions", **data)


def test_a_consensus_decision_is_recorded(
    client: FlaskClient, clerk: str, live: tuple[Json, Json]
) -> None:
    meeting, item = live
    decision = ok(_decide(client, clerk, meeting["id"], item["id"]), 201)
    assert decision["method"] == "consensus" and decision["votes"] is None
    assert decision["within_delegated_authority"] is True
    [read] = read_meeting(client, clerk, meeting["id"])["decisions"]
    assert read["id"] == decision["id"] and read["text"] == "Agreed the plan"


def test_a_vote_keeps_its_counts_on_a_voting_body(client: FlaskClient, admin: str) -> None:
    body = make_body(client, admin, name="Voting Board", short_name="VB", decision_method="vote")
    meeting, item = live_meeting(client, admin, body["id"])
    votes = {"for": 7, "against": 2, "abstain": 1}
    decision = ok(
        _decide(client, admin, meeting["id"], item["id"], method="vote", votes=votes), 201
    )
    assert decision["votes"] == votes and decision["method"] == "vote"


def test_a_vote_on_a_consensus_body_is_409(
    client: FlaskClient, clerk: str, live: tuple[Json, Json], refused: Refused
) -> None:
    meeting, item = live
    votes = {"for": 7, "against": 2, "abstain": 1}
    answer = refused(
        lambda: _decide(client, clerk, meeting["id"], item["id"], method="vote", votes=votes), 409
    )
    assert "consensus" in answer["detail"]


def test_a_vote_without_its_counts_is_422_naming_votes(
    client: FlaskClient, admin: str, refused: Refused
) -> None:
    body = make_body(client, admin, name="Voting Board", short_name="VB", decision_method="vote")
    meeting, item = live_meeting(client, admin, body["id"])
    refused(lambda: _decide(client, admin, meeting["id"], item["id"], method="vote"), 422, "votes")


def test_counts_with_a_consensus_decision_are_422(
    client: FlaskClient, clerk: str, live: tuple[Json, Json], refused: Refused
) -> None:
    meeting, item = live
    votes = {"for": 7, "against": 2, "abstain": 1}
    refused(lambda: _decide(client, clerk, meeting["id"], item["id"], votes=votes), 422, "votes")


def test_a_decision_within_delegated_authority_needs_no_ratification(
    client: FlaskClient, clerk: str, live: tuple[Json, Json]
) -> None:
    meeting, item = live
    decision = ok(_decide(client, clerk, meeting["id"], item["id"]), 201)
    assert decision["requires_ratification"] is False


def test_a_decision_outside_delegated_authority_needs_ratification(
    client: FlaskClient, clerk: str, live: tuple[Json, Json]
) -> None:
    meeting, item = live
    answer = ok(
        _decide(client, clerk, meeting["id"], item["id"], within_delegated_authority=False), 201
    )
    assert answer["requires_ratification"] is True


def _noticed_item(
    client: FlaskClient, admin: str, notice_days_before: int | None
) -> tuple[Json, Json]:
    """A live meeting 20 days ahead of a body needing 10 days' notice of decisions, with an
    item on the forward plan `notice_days_before` the meeting (None: not on the plan)."""
    body = make_body(client, admin, name="Notice Board", short_name="NB", decision_notice_days=10)
    meeting = schedule(client, admin, body["id"], starts_at=in_days(20))
    plan_id = None
    if notice_days_before is not None:
        notified_on = str(london_day(20) - timedelta(days=notice_days_before))
        entry = {"subject": "Better Care Fund", "notified_on": notified_on}
        plan_id = ok(post(client, f"/bodies/{body['id']}/forward-plan", admin, entry), 201)["id"]
    item = add_item(client, admin, meeting["id"], forward_plan_id=plan_id)
    meeting_command(client, admin, meeting["id"], "open")
    return meeting, item


def test_ratification_follows_notice_on_the_forward_plan(client: FlaskClient, admin: str) -> None:
    for notice_days_before, requires in ((10, False), (15, False), (9, True), (None, True)):
        meeting, item = _noticed_item(client, admin, notice_days_before)
        decision = ok(_decide(client, admin, meeting["id"], item["id"]), 201)
        assert decision["requires_ratification"] is requires, notice_days_before


def test_a_noting_never_needs_ratification(client: FlaskClient, admin: str) -> None:
    meeting, item = _noticed_item(client, admin, None)
    fields = {"method": "noted", "within_delegated_authority": False}
    decision = ok(_decide(client, admin, meeting["id"], item["id"], **fields), 201)
    assert decision["requires_ratification"] is False


def test_a_decision_referred_to_an_unknown_body_is_422(
    client: FlaskClient, clerk: str, live: tuple[Json, Json], refused: Refused
) -> None:
    meeting, item = live
    refused(
        lambda: _decide(client, clerk, meeting["id"], item["id"], referred_to=NOBODY),
        422,
        "referred_to",
    )


def test_a_decision_referred_to_another_body_names_it(
    client: FlaskClient, clerk: str, other_body: Json, live: tuple[Json, Json]
) -> None:
    meeting, item = live
    answer = ok(
        _decide(client, clerk, meeting["id"], item["id"], referred_to=other_body["id"]), 201
    )
    assert answer["referred_to"] == other_body["id"]


def test_the_forward_plan_lists_its_entries(
    client: FlaskClient, clerk: str, body: Json, meeting: Json
) -> None:
    entry = {"subject": "Pharmacy needs", "notified_on": "2026-01-05", "meeting_id": meeting["id"]}
    made = ok(post(client, f"/bodies/{body['id']}/forward-plan", clerk, entry), 201)
    [listed] = ok(get(client, f"/bodies/{body['id']}/forward-plan", clerk))
    assert listed["id"] == made["id"] and listed["meeting_id"] == meeting["id"]


# Actions -----------------------------------------------------------------------------


def test_an_action_is_recorded_open_with_its_action_id(
    client: FlaskClient, clerk: str, live: tuple[Json, Json], person: Json
) -> None:
    meeting, item = live
    data = {"description": "Refresh the JSNA", "owner_id": person["id"], "due_on": "2027-01-31"}
    action = ok(record(client, clerk, meeting["id"], f"items/{item['id']}/actions", **data), 201)
    assert action["status"] == "open" and action["action_id"] and action["id"]
    assert action["owner_id"] == person["id"] and action["due_on"] == "2027-01-31"
    [read] = read_meeting(client, clerk, meeting["id"])["actions"]
    assert read["action_id"] == action["action_id"]
    # The answer's id is the action's (as the contract says); entry_id the meeting entry's.
    assert action["id"] == action["action_id"] and read["id"] == action["entry_id"]
    assert ok(get(client, f"/actions/{action['id']}", clerk))["id"] == action["id"]


def test_an_action_for_an_unknown_owner_is_422_naming_owner_id(
    client: FlaskClient, clerk: str, live: tuple[Json, Json], refused: Refused
) -> None:
    meeting, item = live
    data = {"description": "Refresh the JSNA", "owner_id": NOBODY, "due_on": "2027-01-31"}
    path = f"items/{item['id']}/actions"
    refused(lambda: record(client, clerk, meeting["id"], path, **data), 422, "owner_id")

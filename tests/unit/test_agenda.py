"""The agenda's rules and what may be recorded against its items, as pure checks
(meetings/domain/agenda.py)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import uuid4

import pytest

from meetings.domain import agenda
from meetings.domain.entries import new_entry
from meetings.domain.errors import (
    CorrectionRuleError,
    DecisionRuleError,
    InvalidFieldError,
    MeetingStatusError,
    NotFoundError,
    UnknownReferenceError,
)

T0 = datetime(2026, 3, 4, 10, 0, tzinfo=UTC)
ITEMS: list[dict[str, Any]] = [{"id": "a", "status": "listed"}, {"id": "b", "status": "deferred"}]


def test_an_item_is_found_by_id_and_an_unknown_one_named_in_a_body_is_a_field_error() -> None:
    assert agenda.find_item(ITEMS, "b") is ITEMS[1]
    with pytest.raises(NotFoundError):
        agenda.find_item(ITEMS, "z")
    with pytest.raises(UnknownReferenceError) as refused:
        agenda.require_item(ITEMS, "z", "amendments.0.item_id")
    assert refused.value.field == "amendments.0.item_id"


def test_the_agenda_rules() -> None:
    agenda.check_new_item(False, None)
    with pytest.raises(InvalidFieldError, match="reason it is withheld"):
        agenda.check_new_item(True, "")
    agenda.check_order(ITEMS, ["b", "a"])
    for wrong in (["a"], ["a", "a", "b"], ["a", "b", "c"]):
        with pytest.raises(InvalidFieldError, match="exactly once"):
            agenda.check_order(ITEMS, wrong)
    with pytest.raises(MeetingStatusError, match="no items yet"):
        agenda.check_agreeable([])
    with pytest.raises(MeetingStatusError, match="not agreed the agenda"):
        agenda.check_publishable(None)
    agenda.check_publishable({"person_id": uuid4(), "at": T0})
    agenda.check_deferrable(ITEMS[0])
    with pytest.raises(MeetingStatusError, match="already been deferred"):
        agenda.check_deferrable(ITEMS[1])


def test_nothing_is_recorded_as_said_before_the_meeting_opened() -> None:
    agenda.check_moment(T0, T0)
    agenda.check_moment(T0, None)
    agenda.check_moment(None, T0 - timedelta(days=1))
    with pytest.raises(InvalidFieldError, match="before the meeting opened"):
        agenda.check_moment(T0, T0 - timedelta(seconds=1))


def _decide(item: dict[str, Any], body_method: str = "vote", **decision: Any) -> None:
    agenda.check_decision(item, {"method": "consensus", **decision}, body_method, {})


def test_a_decision_is_on_a_listed_item_by_a_method_the_body_has() -> None:
    _decide(ITEMS[0])
    _decide(ITEMS[0], method="vote", votes={"for": 5, "against": 0, "abstain": 1})
    with pytest.raises(DecisionRuleError, match="deferred"):
        _decide(ITEMS[1])
    with pytest.raises(DecisionRuleError, match="no voting arrangements"):
        _decide(ITEMS[0], "consensus", method="vote", votes={"for": 5})
    with pytest.raises(InvalidFieldError, match="needs its counts"):
        _decide(ITEMS[0], method="vote")
    with pytest.raises(InvalidFieldError, match="only with the method vote"):
        _decide(ITEMS[0], method="noted", votes={"for": 1})


def test_a_recorded_vote_names_members_in_the_room_once_each() -> None:
    ann, bob, guest = uuid4(), uuid4(), uuid4()
    entries = {}
    for n, (person, capacity) in enumerate(((ann, "member"), (bob, "member"), (guest, "guest"))):
        row = {"status": "present", "capacity": capacity, "substitute_for": None}
        entries[str(n)] = new_entry(
            str(n), "attendance", person_id=person, admitted_by_chair=True, at=T0, **row
        )
    entries["gone"] = new_entry("gone", "departure", person_id=bob, at=T0 + timedelta(hours=1))
    vote = {"method": "vote", "votes": {"for": 1}, "at": T0 + timedelta(minutes=30)}
    named = [{"person_id": ann, "vote": "for"}, {"person_id": bob, "vote": "for"}]
    agenda.check_decision(ITEMS[0], {**vote, "votes_by_member": named}, "vote", entries)
    late = {**vote, "votes_by_member": named, "at": T0 + timedelta(hours=2)}
    with pytest.raises(DecisionRuleError, match="Vote 2 "):
        agenda.check_decision(ITEMS[0], late, "vote", entries)
    with pytest.raises(DecisionRuleError, match="Vote 1 "):
        agenda.check_named_vote([{"person_id": guest, "vote": "for"}], {ann, bob})
    with pytest.raises(InvalidFieldError) as twice:
        agenda.check_named_vote([named[0], named[0]], {ann})
    assert twice.value.field == "votes_by_member.1.person_id"


def test_an_action_has_an_owner_and_a_retracted_entry_stays_retracted() -> None:
    agenda.check_action_owner({"owner_id": uuid4(), "organisation_id": None})
    agenda.check_action_owner({"owner_id": None, "organisation_id": uuid4()})
    with pytest.raises(InvalidFieldError, match="needs an owner"):
        agenda.check_action_owner({"owner_id": None})
    agenda.check_correctable({"retracted": False})
    with pytest.raises(CorrectionRuleError, match="already retracted"):
        agenda.check_correctable({"retracted": True})

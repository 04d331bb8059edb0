"""A meeting's own rules: lifecycle, agenda, attendance, the record and corrections."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import uuid4

import pytest

from meetings.domain.errors import (
    AttendanceRuleError,
    CorrectionRuleError,
    DecisionRuleError,
    InvalidFieldError,
    MeetingStatusError,
    NotInSessionError,
    UnknownReferenceError,
)
from meetings.domain.meeting import Meeting

T0 = datetime(2026, 3, 4, 10, 0, tzinfo=UTC)
MEMBER = {"is_member": True, "is_named_substitute": False}


def _meeting() -> Meeting:
    return Meeting(uuid4(), T0, "County Hall", "ordinary")


def _in_session(items: int = 1) -> tuple[Meeting, list[str]]:
    m = _meeting()
    ids = [
        m.add_item(str(uuid4()), f"Item {i}", "decision", None, False, None, [], None)["id"]
        for i in range(items)
    ]
    m.open(T0)
    return m, ids


def _attend(m: Meeting, person: Any, **kwargs: Any) -> dict[str, Any]:
    args = {
        "status": "present",
        "capacity": "member",
        "substitute_for": None,
        "admitted_by_chair": False,
        "at": T0,
        **MEMBER,
    }
    args.update(kwargs)
    return m.record_attendance(
        str(uuid4()),
        person,
        args.pop("status"),
        args.pop("capacity"),
        args.pop("substitute_for"),
        args.pop("admitted_by_chair"),
        args.pop("at"),
        **args,
    )


def test_scheduling_then_opening_and_closing_emits_the_lifecycle() -> None:
    m = _meeting()
    m.open(T0)
    m.close(T0 + timedelta(hours=2))
    assert [type(e).__name__ for e in m.collect_events()] == ["Scheduled", "Opened", "Closed"]
    assert m.status == "closed"


def test_lifecycle_steps_out_of_order_are_refused() -> None:
    m = _meeting()
    with pytest.raises(NotInSessionError):
        m.close(T0)
    m.cancel("No business")
    with pytest.raises(MeetingStatusError, match="cancelled"):
        m.open(T0)
    with pytest.raises(MeetingStatusError):
        m.postpone("Snow", None)


def test_recording_needs_the_meeting_in_session() -> None:
    m = _meeting()
    item = m.add_item("i1", "Budget", "decision", None, False, None, [], None)["id"]
    with pytest.raises(NotInSessionError, match="open it"):
        m.record_note("n1", item, "Discussed")
    with pytest.raises(NotInSessionError):
        _attend(m, uuid4())


def test_agenda_needs_agreement_again_after_it_changes() -> None:
    m = _meeting()
    m.add_item("a", "Budget", "decision", None, False, None, [], None)
    m.agree_agenda(uuid4(), T0)
    m.add_item("b", "Late item", "information", None, False, None, [], None)
    with pytest.raises(MeetingStatusError, match="agree"):
        m.publish_agenda(T0, 5)
    m.agree_agenda(uuid4(), T0)
    m.reorder(["b", "a"])
    assert [i["id"] for i in m.agenda] == ["b", "a"]
    assert m.agenda_agreed is None


def test_publishing_computes_late_notice_in_clear_working_days() -> None:
    m = Meeting(uuid4(), datetime(2026, 12, 29, 10, tzinfo=UTC), None, "ordinary")
    m.add_item("a", "Budget", "decision", None, False, None, [], None)
    m.agree_agenda(uuid4(), T0)
    # 21-24 December are the only working days before the 29th: Christmas, Boxing Day
    # (substitute day the 28th) and the weekend do not count.
    m.publish_agenda(datetime(2026, 12, 18, 12, tzinfo=UTC), 5)
    assert m.late_notice is True
    m.postpone("Room", None)
    m.agree_agenda(uuid4(), T0)
    m.publish_agenda(datetime(2026, 12, 17, 12, tzinfo=UTC), 5)
    assert m.late_notice is False


def test_confidential_items_need_a_reason() -> None:
    with pytest.raises(InvalidFieldError) as raised:
        _meeting().add_item("a", "Land sale", "decision", None, True, None, [], None)
    assert raised.value.field == "confidential_reason"


def test_attendance_rules() -> None:
    m, _ = _in_session()
    member, guest, sub = uuid4(), uuid4(), uuid4()
    _attend(m, member)
    with pytest.raises(AttendanceRuleError, match="already recorded as present"):
        _attend(m, member)
    with pytest.raises(AttendanceRuleError, match="guest"):
        _attend(m, guest, capacity="guest")
    _attend(m, guest, capacity="guest", admitted_by_chair=True)
    with pytest.raises(AttendanceRuleError, match="not a member"):
        _attend(m, uuid4(), is_member=False)
    with pytest.raises(AttendanceRuleError, match="in person"):
        _attend(m, sub, substitute_for=member, is_named_substitute=True)


def test_substitutes_must_be_named_or_admitted_by_the_chair() -> None:
    m, _ = _in_session()
    member, named, other = uuid4(), uuid4(), uuid4()
    with pytest.raises(AttendanceRuleError, match="named substitute"):
        _attend(m, other, substitute_for=member, is_member=False)
    entry = _attend(m, named, substitute_for=member, is_member=False, is_named_substitute=True)
    assert entry["substitute_for"] == member
    _attend(m, other, substitute_for=uuid4(), is_member=False, admitted_by_chair=True)


def test_departures_set_left_at_and_allow_a_return() -> None:
    m, _ = _in_session()
    person = uuid4()
    _attend(m, person)
    m.record_departure("d1", person, T0 + timedelta(minutes=30))
    [row] = m.attendance()
    assert row["left_at"] == T0 + timedelta(minutes=30)
    _attend(m, person, at=T0 + timedelta(minutes=45))
    with pytest.raises(AttendanceRuleError):
        m.record_departure("d2", uuid4(), T0)


def test_vote_on_a_consensus_body_and_decisions_on_deferred_items_are_refused() -> None:
    m, [item, later] = _in_session(items=2)
    vote = {
        "text": "Agreed",
        "method": "vote",
        "votes": {"for": 5, "against": 1, "abstain": 0},
        "within_delegated_authority": True,
        "referred_to": None,
        "requires_ratification": False,
    }
    with pytest.raises(DecisionRuleError, match="consensus"):
        m.record_decision("d1", item, vote, "consensus")
    m.record_decision("d1", item, vote, "vote")
    m.defer_item(later, "Papers late", None)
    with pytest.raises(DecisionRuleError, match="deferred"):
        m.record_decision("d2", later, {**vote, "method": "consensus", "votes": None}, "vote")


def test_declarations_need_an_item_of_this_meeting() -> None:
    m, [item] = _in_session()
    m.declare_interest("x", uuid4(), item, "Trustee of the charity", True)
    with pytest.raises(UnknownReferenceError) as raised:
        m.declare_interest("y", uuid4(), "nope", "Interest", False)
    assert raised.value.field == "item_id"


def test_a_correction_keeps_the_previous_entry_and_a_retraction_hides_it() -> None:
    m, [item] = _in_session()
    m.record_note("n1", item, "Teh budget")
    m.correct("n1", "Typo", {"item_id": item, "text": "The budget"})
    assert m.entries["n1"]["text"] == "The budget"
    assert m.entries["n1"]["corrections"][0]["previous"]["text"] == "Teh budget"
    m.close(T0 + timedelta(hours=1))
    m.correct("n1", "Recorded in error", None)
    assert m.live_entries("note") == []
    with pytest.raises(CorrectionRuleError):
        m.correct("n1", "Again", None)
    kinds = [type(e).__name__ for e in m.collect_events()]
    assert kinds[-3:] == ["EntryCorrected", "Closed", "EntryCorrected"]


def test_actions_agreed_are_entries_naming_their_action() -> None:
    m, [item] = _in_session()
    action_id = uuid4()
    entry = m.agree_action(
        "a1",
        action_id,
        item,
        {
            "description": "Draft the plan",
            "owner_id": uuid4(),
            "organisation_id": None,
            "due_on": date(2026, 6, 1),
            "theme": "Thriving Economy",
        },
    )
    assert entry["action_id"] == action_id
    assert type(m.collect_events()[-1]).__name__ == "ActionAgreed"


def test_a_fork_changes_without_touching_the_meeting_it_came_from() -> None:
    m, [item] = _in_session()
    m.record_note("n1", item, "First")
    original = m.fork()
    fork = original.fork()
    fork.correct("n1", "Typo", {"item_id": item, "text": "Corrected"})
    fork.defer_item(item, "Later", None)
    _attend(fork, uuid4())
    assert original.entries["n1"]["text"] == "First"
    assert original.entries["n1"]["corrections"] == []
    assert original.item(item)["status"] == "listed"
    assert original.attendance() == []
    assert len(fork.collect_events()) == 3

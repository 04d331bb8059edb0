"""The attendance rules as pure functions of the entries already recorded
(meetings/domain/attendance.py): each refusal, and each case that must be let through."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

import pytest

from meetings.domain import attendance
from meetings.domain.entries import new_entry
from meetings.domain.errors import AttendanceRuleError, InvalidFieldError, MeetingStatusError

T0 = datetime(2026, 3, 4, 10, 0, tzinfo=UTC)
ANN, BOB = uuid4(), uuid4()


def _present(
    entries: dict[str, dict[str, Any]], person: UUID, at: datetime = T0, **fields: Any
) -> str:
    entry_id = str(uuid4())
    row = {
        "person_id": person,
        "status": "present",
        "capacity": "member",
        "substitute_for": None,
        "admitted_by_chair": False,
        "at": at,
        **fields,
    }
    entries[entry_id] = new_entry(entry_id, "attendance", **row)
    return entry_id


def _left(entries: dict[str, dict[str, Any]], person: UUID, at: datetime) -> str:
    entry_id = str(uuid4())
    entries[entry_id] = new_entry(entry_id, "departure", person_id=person, at=at)
    return entry_id


def _check(entries: dict[str, dict[str, Any]], person: UUID, **kwargs: Any) -> None:
    args: dict[str, Any] = {
        "status": "present",
        "capacity": "member",
        "substitute_for": None,
        "admitted_by_chair": False,
        "is_member": True,
        "is_named_substitute": False,
        **kwargs,
    }
    attendance.check_attendance(
        entries,
        person,
        args.pop("status"),
        args.pop("capacity"),
        args.pop("substitute_for"),
        args.pop("admitted_by_chair"),
        **args,
    )


def test_a_member_arrives_once_until_they_leave() -> None:
    entries: dict[str, dict[str, Any]] = {}
    _check(entries, ANN)
    _present(entries, ANN)
    with pytest.raises(AttendanceRuleError, match="already recorded as present"):
        _check(entries, ANN)
    _left(entries, ANN, T0 + timedelta(hours=1))
    _check(entries, ANN)
    assert attendance.standing(entries, ANN) == (True, False)


def test_apologies_after_any_attendance_entry_are_refused() -> None:
    entries: dict[str, dict[str, Any]] = {}
    _present(entries, ANN)
    with pytest.raises(AttendanceRuleError, match="correct that entry instead"):
        _check(entries, ANN, status="apologies")


def test_the_entry_being_corrected_is_left_out() -> None:
    entries: dict[str, dict[str, Any]] = {}
    first = _present(entries, ANN)
    _check(entries, ANN, status="apologies", ignoring=first)
    assert attendance.standing(entries, ANN, ignoring=first) == (False, False)


def test_a_retracted_entry_no_longer_counts() -> None:
    entries: dict[str, dict[str, Any]] = {}
    first = _present(entries, ANN)
    entries[first] = {**entries[first], "retracted": True}
    _check(entries, ANN)


def test_a_substitute_is_named_or_admitted_and_only_for_a_member_not_here() -> None:
    entries: dict[str, dict[str, Any]] = {}
    with pytest.raises(AttendanceRuleError, match="not a named substitute"):
        _check(entries, BOB, substitute_for=ANN)
    _check(entries, BOB, substitute_for=ANN, is_named_substitute=True, is_member=False)
    _check(entries, BOB, substitute_for=ANN, admitted_by_chair=True, is_member=False)
    _present(entries, ANN)
    with pytest.raises(AttendanceRuleError, match="here in person"):
        _check(entries, BOB, substitute_for=ANN, is_named_substitute=True)


def test_a_substitute_is_present_in_the_member_capacity() -> None:
    for wrong in ({"status": "apologies"}, {"capacity": "observer"}):
        with pytest.raises(InvalidFieldError) as refused:
            _check({}, BOB, substitute_for=ANN, is_named_substitute=True, **wrong)
        assert refused.value.field == "substitute_for"


def test_a_guest_needs_the_chair_and_a_non_member_cannot_sit_as_one() -> None:
    with pytest.raises(AttendanceRuleError, match="chair's agreement"):
        _check({}, BOB, capacity="guest")
    _check({}, BOB, capacity="guest", admitted_by_chair=True)
    with pytest.raises(AttendanceRuleError, match="not a member of this body"):
        _check({}, BOB, is_member=False)
    _check({}, BOB, is_member=False, capacity="observer")
    _check({}, BOB, is_member=False, status="apologies")


def test_attendance_rows_say_when_each_person_left() -> None:
    entries: dict[str, dict[str, Any]] = {}
    _present(entries, ANN)
    _left(entries, ANN, T0 - timedelta(minutes=5))  # before this arrival: not its leaving
    _left(entries, ANN, T0 + timedelta(hours=2))
    _left(entries, ANN, T0 + timedelta(hours=1))
    _present(entries, BOB)
    rows = {r["person_id"]: r for r in attendance.attendance_rows(entries)}
    assert rows[ANN]["left_at"] == T0 + timedelta(hours=1)
    assert rows[BOB]["left_at"] is None
    assert len(attendance.live(entries, "departure")) == 3


def test_only_someone_here_leaves_and_not_before_arriving() -> None:
    entries: dict[str, dict[str, Any]] = {}
    with pytest.raises(AttendanceRuleError, match="not recorded as present"):
        attendance.check_departure(attendance.attendance_rows(entries), ANN, T0)
    _present(entries, ANN, T0 + timedelta(minutes=10))
    rows = attendance.attendance_rows(entries)
    with pytest.raises(InvalidFieldError, match="before the person arrived"):
        attendance.check_departure(rows, ANN, T0)
    attendance.check_departure(rows, ANN, T0 + timedelta(minutes=10))


def test_who_is_in_the_chair_when() -> None:
    entries: dict[str, dict[str, Any]] = {}
    for person, minutes in ((BOB, 40), (ANN, 0)):
        entry_id = str(uuid4())
        at = T0 + timedelta(minutes=minutes)
        entries[entry_id] = new_entry(entry_id, "chair", person_id=person, at=at)
    assert [e["person_id"] for e in attendance.in_the_chair(entries)] == [ANN, BOB]
    assert attendance.chair_at(entries, T0 - timedelta(seconds=1)) is None
    assert attendance.chair_at(entries, T0 + timedelta(minutes=39)) == ANN
    assert attendance.chair_at(entries, T0 + timedelta(minutes=40)) == BOB


def test_the_chair_is_recorded_afterwards_only_while_the_minutes_are_a_draft() -> None:
    closed = T0 + timedelta(hours=2)
    attendance.check_taking_chair("scheduled", "draft", None, T0)
    attendance.check_taking_chair("in_session", "draft", None, T0)
    attendance.check_taking_chair("closed", "draft", closed, closed)
    with pytest.raises(MeetingStatusError, match="cancelled"):
        attendance.check_taking_chair("cancelled", "draft", None, T0)
    with pytest.raises(MeetingStatusError, match="the minutes are agreed"):
        attendance.check_taking_chair("closed", "agreed", closed, T0)
    with pytest.raises(InvalidFieldError, match="after the meeting closed"):
        attendance.check_taking_chair("closed", "draft", closed, closed + timedelta(seconds=1))


def test_a_departure_at_the_moment_of_arrival_counts_as_leaving() -> None:
    entries: dict[str, dict[str, Any]] = {}
    _present(entries, ANN)
    _left(entries, ANN, T0)
    assert attendance.left_since(entries, ANN, T0)
    assert not attendance.left_since(entries, ANN, T0 + timedelta(seconds=1))
    assert attendance.standing(entries, ANN) == (True, False)

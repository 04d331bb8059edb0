"""Who is at a meeting: attendance (present, apologies, substitutes, observers), who
left and when, and who was in the chair. The rules are in `domain/attendance.py`."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from meetings.domain import attendance
from meetings.domain.base import RecordedAggregate
from meetings.domain.meeting.part import MeetingPart, stored_topic


class AttendanceRecorded(RecordedAggregate.Event):
    TOPIC = stored_topic("AttendanceRecorded")
    class_version = 1
    entry_id: str
    person_id: UUID
    status: str
    capacity: str
    substitute_for: UUID | None
    admitted_by_chair: bool
    at: datetime

    def apply(self, meeting: MeetingPart) -> None:
        meeting.add_entry(
            self.entry_id,
            "attendance",
            person_id=self.person_id,
            status=self.status,
            capacity=self.capacity,
            substitute_for=self.substitute_for,
            admitted_by_chair=self.admitted_by_chair,
            at=self.at,
        )


class DepartureRecorded(RecordedAggregate.Event):
    TOPIC = stored_topic("DepartureRecorded")
    class_version = 1
    entry_id: str
    person_id: UUID
    at: datetime

    def apply(self, meeting: MeetingPart) -> None:
        meeting.add_entry(self.entry_id, "departure", person_id=self.person_id, at=self.at)


class ChairTaken(RecordedAggregate.Event):
    TOPIC = stored_topic("ChairTaken")
    class_version = 1
    entry_id: str
    person_id: UUID
    at: datetime

    def apply(self, meeting: MeetingPart) -> None:
        meeting.add_entry(self.entry_id, "chair", person_id=self.person_id, at=self.at)


class Presence(MeetingPart):
    """Record who attends, who leaves, and who takes the chair."""

    def record_attendance(
        self,
        entry_id: str,
        person_id: UUID,
        status: str,
        capacity: str,
        substitute_for: UUID | None,
        admitted_by_chair: bool,
        at: datetime,
        *,
        is_member: bool,
        is_named_substitute: bool,
    ) -> dict[str, Any]:
        self._require_in_session()
        self.check_attendance(
            person_id,
            status,
            capacity,
            substitute_for,
            admitted_by_chair,
            is_member=is_member,
            is_named_substitute=is_named_substitute,
        )
        self.trigger_event(
            AttendanceRecorded,
            entry_id=entry_id,
            person_id=person_id,
            status=status,
            capacity=capacity,
            substitute_for=substitute_for,
            admitted_by_chair=admitted_by_chair,
            at=at,
        )
        return self.entries[entry_id]

    def check_attendance(
        self,
        person_id: UUID,
        status: str,
        capacity: str,
        substitute_for: UUID | None,
        admitted_by_chair: bool,
        *,
        is_member: bool,
        is_named_substitute: bool,
        ignoring: str | None = None,
    ) -> None:
        """The rules of who may be recorded as attending, and how."""
        attendance.check_attendance(
            self.entries,
            person_id,
            status,
            capacity,
            substitute_for,
            admitted_by_chair,
            is_member=is_member,
            is_named_substitute=is_named_substitute,
            ignoring=ignoring,
        )

    def record_departure(self, entry_id: str, person_id: UUID, at: datetime) -> dict[str, Any]:
        self._require_in_session()
        their = attendance.attendance_rows(self.entries.of_person(person_id))
        attendance.check_departure(their, person_id, at)
        self.trigger_event(DepartureRecorded, entry_id=entry_id, person_id=person_id, at=at)
        return self.entries[entry_id]

    def attendance(self) -> list[dict[str, Any]]:
        """Attendance entries in force, each with when the person left (if they did)."""
        return attendance.attendance_rows(self.entries)

    def take_chair(self, entry_id: str, person_id: UUID, at: datetime) -> dict[str, Any]:
        """Who took the chair from `at`: the chair, the vice-chair, a nominee, or someone
        taking over while the chair steps out. Recorded before the meeting (so they agree
        its agenda), during it, or typed up afterwards while the minutes are a draft."""
        attendance.check_taking_chair(self.status, self.minutes["status"], self.closed_at, at)
        self.trigger_event(ChairTaken, entry_id=entry_id, person_id=person_id, at=at)
        return self.entries[entry_id]

    def in_the_chair(self) -> list[dict[str, Any]]:
        """Who was recorded in the chair, in order of when they took it."""
        return attendance.in_the_chair(self.entries)

    def chair_at(self, moment: datetime) -> UUID | None:
        """Who was recorded in the chair at a moment (None if nobody was yet)."""
        return attendance.chair_at(self.entries, moment)

"""What scrutiny reads of attendance: how a person, or an organisation's seat-holders,
answered for their seats at every meeting held in a period, and how many times each way."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID


@dataclass(frozen=True, slots=True)
class AttendanceSummary:
    """How many meetings (or seats) ended in each outcome."""

    meetings: int
    present: int
    substitute_sent: int
    apologies: int
    absent: int
    not_recorded: int


@dataclass(frozen=True, slots=True)
class PersonAttendanceSummary(AttendanceSummary):
    """A person's outcomes where they held a seat, and the meetings they attended without
    one (adviser, guest, substitute)."""

    other_capacity: int


@dataclass(frozen=True, slots=True)
class PersonAttendanceRow:
    """A held meeting of a body the person sat on that day (`as_member`), with how they
    answered for their seat; or one they attended otherwise, as they were recorded.
    `outcome` is present, substitute_sent, apologies, absent or not_recorded."""

    meeting_id: str
    body_id: str
    body_name: str
    starts_at: datetime
    as_member: bool
    seat: str | None
    outcome: str
    capacity: str | None
    substitute_id: str | None
    substitute_for: str | None
    arrived_at: datetime | None
    left_at: datetime | None
    substitute_name: str | None
    substitute_for_name: str | None


@dataclass(frozen=True, slots=True)
class PersonAttendance:
    """A person's attendance over a period (`from_` to `to`, inclusive)."""

    person_id: UUID
    person_name: str
    from_: date
    to: date
    meetings: tuple[PersonAttendanceRow, ...]
    summary: PersonAttendanceSummary


@dataclass(frozen=True, slots=True)
class SeatAttendance:
    """How the holder of one of an organisation's seats answered for it at a meeting."""

    membership_id: str
    seat: str
    capacity: str
    person_id: str
    person_name: str | None
    outcome: str
    substitute_id: str | None
    substitute_for: str | None
    arrived_at: datetime | None
    left_at: datetime | None
    substitute_name: str | None
    substitute_for_name: str | None


@dataclass(frozen=True, slots=True)
class OrganisationMeetingAttendance:
    """A held meeting where the organisation held seats, and how each was answered for."""

    meeting_id: str
    body_id: str
    body_name: str
    starts_at: datetime
    seats: tuple[SeatAttendance, ...]


@dataclass(frozen=True, slots=True)
class OrganisationAttendance:
    """An organisation's seats over a period (`from_` to `to`, inclusive)."""

    organisation_id: UUID
    organisation_name: str
    from_: date
    to: date
    meetings: tuple[OrganisationMeetingAttendance, ...]
    summary: AttendanceSummary

"""What queries return: small frozen DTOs, never aggregates (one module per area beside
the ones every area shares, here)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum
from typing import Any
from uuid import UUID

from eventsourcing.utils import get_topic

from meetings.domain import agenda, attendance
from meetings.domain.errors import UnknownReferenceError

#: Attributes every stored event has; history shows them apart from the event's data.
_EVENT_BASICS = {
    "originator_id",
    "originator_version",
    "timestamp",
    "recorded_by",
    "originator_topic",
}


def jsonable(value: Any) -> Any:
    """Plain JSON values: ids and dates as strings, containers recursively."""
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [jsonable(v) for v in value]
    return value


@dataclass(frozen=True)
class HistoryEntry:
    version: int
    type: str
    recorded_at: datetime
    recorded_by: str
    data: dict[str, Any]


def history_entry(event: Any) -> HistoryEntry:
    data = {k: jsonable(v) for k, v in event.__dict__.items() if k not in _EVENT_BASICS}
    return HistoryEntry(
        version=event.originator_version,
        type=get_topic(type(event)).partition(":")[2],  # as stored: `Meeting.Opened`
        recorded_at=event.timestamp,
        recorded_by=getattr(event, "recorded_by", "system"),
        data=data,
    )


@dataclass(frozen=True)
class OrganisationView:
    id: UUID
    name: str
    sector: str
    version: int


@dataclass(frozen=True)
class PersonView:
    id: UUID
    name: str
    organisation_id: UUID | None
    email: str | None
    job_title: str | None
    version: int


@dataclass(frozen=True)
class ChairTermView:
    id: UUID
    person_id: UUID
    person_name: str
    role: str
    starts_on: date
    ends_on: date | None
    #: The body's version after the command that answered with this term (its ETag).
    etag_version: int | None = None


@dataclass(frozen=True)
class TermsOfReferenceView:
    version: int
    text: str
    adopted_on: date
    #: The body's version after the command that adopted them (its ETag).
    etag_version: int | None = None


@dataclass(frozen=True)
class BodyView:
    id: UUID
    name: str
    short_name: str
    kind: str
    reports_to: UUID | None
    decision_method: str
    quorum: int | None
    agenda_notice_working_days: int
    decision_notice_days: int | None
    open_to_public: bool
    replaces: list[UUID]
    purpose: str | None
    cadence: str | None
    as_of: date
    members: list[dict[str, Any]]
    chair: ChairTermView | None
    vice_chair: ChairTermView | None
    chairs: list[ChairTermView]
    terms_of_reference: TermsOfReferenceView | None
    version: int
    standing_items: list[str] = field(default_factory=list)
    substitutes: str = "named"
    groups: list[str] = field(default_factory=list)
    ends_on: date | None = None
    end_reason: str | None = None
    replaced_by: list[UUID] = field(default_factory=list)


@dataclass(frozen=True)
class MembershipView:
    id: UUID
    body_id: UUID
    person_id: UUID
    person_name: str
    seat: str
    capacity: str
    organisation_id: UUID | None
    starts_on: date
    ends_on: date | None
    ended: bool
    end_reason: str | None
    substitutes: list[dict[str, Any]]
    version: int
    groups: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class MeetingState:
    """A meeting as recorded at one version: its state as plain data, never the aggregate.
    Its questions (who attends, who is in the chair, an item, an entry) are answered by the
    same pure domain functions the meeting itself uses."""

    id: UUID
    version: int
    created_on: datetime
    modified_on: datetime
    body_id: UUID
    starts_at: datetime
    venue: str | None
    kind: str
    groups: list[str] | None
    joint_with: list[UUID] | None
    status: str
    agenda: list[dict[str, Any]]
    agenda_agreed: dict[str, Any] | None
    agenda_published_at: datetime | None
    late_notice: bool | None
    opened_at: datetime | None
    closed_at: datetime | None
    postponements: list[dict[str, Any]]
    cancellation_reason: str | None
    entries: dict[str, dict[str, Any]]
    minutes: dict[str, Any]

    def attendance(self) -> list[dict[str, Any]]:
        """Attendance entries in force, each with when the person left (if they did)."""
        return attendance.attendance_rows(self.entries)

    def in_the_chair(self) -> list[dict[str, Any]]:
        """Who was recorded in the chair, in order of when they took it."""
        return attendance.in_the_chair(self.entries)

    def chair_at(self, moment: datetime) -> UUID | None:
        """Who was recorded in the chair at a moment (None if nobody was yet)."""
        return attendance.chair_at(self.entries, moment)

    def live_entries(self, kind: str) -> list[dict[str, Any]]:
        """The entries of one kind in force (not retracted), in the order recorded."""
        return attendance.live(self.entries, kind)

    def item(self, item_id: str) -> dict[str, Any]:
        """The agenda item with that id (404 if there is none)."""
        return agenda.find_item(self.agenda, item_id)

    def require_item(self, item_id: str, field: str = "item_id") -> dict[str, Any]:
        """An item named in the body of a request: unknown is an invalid field (422)."""
        return agenda.require_item(self.agenda, item_id, field)

    def entry(self, entry_id: str) -> dict[str, Any]:
        """The entry with that id: unknown is an invalid field (422)."""
        try:
            return self.entries[entry_id]
        except KeyError:
            raise UnknownReferenceError("entry_id", "entry of this meeting", entry_id) from None


@dataclass(frozen=True, slots=True)
class BodyQuorumView:
    """At a joint meeting, one body's members in the room against its own quorum."""

    body_id: UUID
    required: int | None
    members_present: int
    quorate: bool


@dataclass(frozen=True, slots=True)
class QuorumView:
    """Members and their substitutes in the room at a moment, against the quorum."""

    required: int | None
    members_present: int
    quorate: bool
    at: datetime
    #: A joint meeting: each body's own quorum (empty otherwise).
    bodies: tuple[BodyQuorumView, ...] = ()


@dataclass(frozen=True, slots=True)
class NamedSubstitute:
    person_id: str
    person_name: str


@dataclass(frozen=True, slots=True)
class RollCallLine:
    """One member on the roll-call sheet: their seat, their named substitutes, what is
    recorded of them (their latest attendance entry), and who substitutes for them."""

    membership_id: str
    person_id: str
    person_name: str
    seat: str
    capacity: str
    substitutes: tuple[NamedSubstitute, ...]
    recorded: dict[str, Any] | None
    substituted_by: tuple[dict[str, Any], ...]


@dataclass(frozen=True, slots=True)
class RollCallSheet:
    """Who the roll call lists on the meeting's day, by capacity, what is recorded so far
    (corrections applied), those attending otherwise, and the quorum now."""

    meeting: MeetingState
    day: date
    groups: tuple[tuple[str, tuple[RollCallLine, ...]], ...]
    others: tuple[dict[str, Any], ...]
    quorum: QuorumView

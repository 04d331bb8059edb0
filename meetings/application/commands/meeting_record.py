"""Commands of a meeting's record: its scheduling, agenda, session, attendance, and what
it recorded (notes, decisions, actions, deferrals, corrections)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from uuid import UUID

from meetings.application.commands.base import Command
from meetings.infrastructure.tokens import Principal


@dataclass(frozen=True, kw_only=True)
class ScheduleMeeting(Command):
    body_id: UUID
    starts_at: datetime
    venue: str | None = None
    kind: str = "ordinary"
    #: The body's groups summoned (none: everyone).
    groups: list[str] | None = None
    #: Other bodies meeting jointly with this one.
    joint_with: list[UUID] | None = None


@dataclass(frozen=True, kw_only=True)
class MeetingCommand(Command):
    meeting_id: UUID


@dataclass(frozen=True, kw_only=True)
class ChairCommand(MeetingCommand):
    """The chair agrees the meeting's papers: `by`, the principal asking (the use case asks
    the access policy whether they chair it, and answers with what they may see), or,
    from the record's own tools, `person_id`, the person who chaired."""

    by: Principal | None = None
    person_id: UUID | None = None


@dataclass(frozen=True, kw_only=True)
class PostponeMeeting(MeetingCommand):
    reason: str
    starts_at: datetime | None = None


@dataclass(frozen=True, kw_only=True)
class CancelMeeting(MeetingCommand):
    reason: str


@dataclass(frozen=True, kw_only=True)
class AddAgendaItem(MeetingCommand):
    title: str
    kind: str
    presenter_id: UUID | None = None
    confidential: bool = False
    confidential_reason: str | None = None
    papers: list[dict[str, str]] = field(default_factory=list)
    forward_plan_id: UUID | None = None
    #: One referred decision, or several (a list).
    referral_of: UUID | list[UUID] | None = None


@dataclass(frozen=True, kw_only=True)
class AddStandingItems(MeetingCommand):
    pass


@dataclass(frozen=True, kw_only=True)
class ReorderAgenda(MeetingCommand):
    item_ids: list[str]


@dataclass(frozen=True, kw_only=True)
class AgreeAgenda(ChairCommand):
    #: Only for importing past records (the demo); over HTTP it is always now.
    at: datetime | None = None


@dataclass(frozen=True, kw_only=True)
class PublishAgenda(MeetingCommand):
    #: When it went out (typing up afterwards); default now.
    at: datetime | None = None


@dataclass(frozen=True, kw_only=True)
class OpenMeeting(MeetingCommand):
    at: datetime | None = None


@dataclass(frozen=True, kw_only=True)
class CloseMeeting(MeetingCommand):
    at: datetime | None = None


@dataclass(frozen=True, kw_only=True)
class Attendance:
    """One person's attendance: here, sent apologies or absent, in which capacity, for
    whom they substitute, and from when (one attendance, or one entry of a roll call)."""

    person_id: UUID
    status: str
    capacity: str = "member"
    substitute_for: UUID | None = None
    admitted_by_chair: bool = False
    at: datetime | None = None


@dataclass(frozen=True, kw_only=True)
class RecordAttendance(Attendance, MeetingCommand):
    pass


@dataclass(frozen=True, kw_only=True)
class RecordDeparture(MeetingCommand):
    person_id: UUID
    at: datetime


@dataclass(frozen=True, kw_only=True)
class TakeChair(MeetingCommand):
    person_id: UUID
    at: datetime | None = None


@dataclass(frozen=True, kw_only=True)
class DeclareInterest(MeetingCommand):
    person_id: UUID
    item_id: str
    interest: str
    withdrew: bool = False
    at: datetime | None = None


@dataclass(frozen=True, kw_only=True)
class RecordNote(MeetingCommand):
    item_id: str
    text: str
    at: datetime | None = None


@dataclass(frozen=True, kw_only=True)
class RecordDecision(MeetingCommand):
    item_id: str
    text: str
    method: str
    votes: dict[str, int] | None = None
    within_delegated_authority: bool = True
    #: One body, or several (a list).
    referred_to: UUID | list[UUID] | None = None
    at: datetime | None = None
    #: A recorded vote: how each member present voted; the counts are derived from it.
    votes_by_member: list[dict[str, Any]] | None = None


@dataclass(frozen=True, kw_only=True)
class AgreeAction(MeetingCommand):
    item_id: str
    description: str
    due_on: date
    #: Optional when `organisation_id` is given: a partner organisation names one later.
    owner_id: UUID | None = None
    organisation_id: UUID | None = None
    theme: str | None = None
    workplan_item_id: UUID | None = None


@dataclass(frozen=True, kw_only=True)
class DeferItem(MeetingCommand):
    item_id: str
    reason: str
    to_meeting_id: UUID | None = None


@dataclass(frozen=True, kw_only=True)
class CorrectEntry(MeetingCommand):
    entry_id: str
    reason: str
    replacement: dict[str, Any] | None = None


@dataclass(frozen=True, kw_only=True)
class NotifyForthcomingDecision(Command):
    body_id: UUID
    subject: str
    notified_on: date
    meeting_id: UUID | None = None

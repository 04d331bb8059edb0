"""What users ask the record to do: one frozen dataclass per command, VerbNoun."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from uuid import UUID

from meetings.domain.base import SYSTEM
from meetings.idempotency import Idempotency


@dataclass(frozen=True, kw_only=True)
class Command:
    """Who asks, which version they saw (If-Match), and their retry key, if any."""

    recorded_by: str = SYSTEM
    expected_version: int | None = None
    idempotency: Idempotency | None = None


@dataclass(frozen=True, kw_only=True)
class RegisterOrganisation(Command):
    name: str
    sector: str


@dataclass(frozen=True, kw_only=True)
class RegisterPerson(Command):
    name: str
    organisation_id: UUID | None = None
    email: str | None = None
    job_title: str | None = None


@dataclass(frozen=True, kw_only=True)
class EstablishBody(Command):
    name: str
    short_name: str
    kind: str
    reports_to: UUID | None = None
    decision_method: str = "consensus"
    quorum: int | None = None
    agenda_notice_working_days: int = 5
    decision_notice_days: int | None = None
    #: A body is private unless its establishment says otherwise (issue 13).
    open_to_public: bool = False
    replaces: list[UUID] = field(default_factory=list)
    purpose: str | None = None
    cadence: str | None = None


@dataclass(frozen=True, kw_only=True)
class ReviseBodyRules(Command):
    body_id: UUID
    changes: dict[str, object]


@dataclass(frozen=True, kw_only=True)
class EndBody(Command):
    body_id: UUID
    ends_on: date
    reason: str


@dataclass(frozen=True, kw_only=True)
class AdoptTermsOfReference(Command):
    body_id: UUID
    text: str
    adopted_on: date


@dataclass(frozen=True, kw_only=True)
class AppointChair(Command):
    body_id: UUID
    person_id: UUID
    role: str
    starts_on: date
    ends_on: date | None = None


@dataclass(frozen=True, kw_only=True)
class EndChairTerm(Command):
    body_id: UUID
    appointment_id: UUID
    ends_on: date
    reason: str | None = None


@dataclass(frozen=True, kw_only=True)
class AppointMember(Command):
    body_id: UUID
    person_id: UUID
    seat: str
    capacity: str
    starts_on: date
    organisation_id: UUID | None = None
    ends_on: date | None = None
    groups: list[str] | None = None


@dataclass(frozen=True, kw_only=True)
class EndMembership(Command):
    body_id: UUID
    membership_id: UUID
    ends_on: date
    reason: str | None = None


@dataclass(frozen=True, kw_only=True)
class NameSubstitute(Command):
    body_id: UUID
    membership_id: UUID
    person_id: UUID
    named_on: date | None = None


@dataclass(frozen=True, kw_only=True)
class WithdrawSubstitute(Command):
    body_id: UUID
    membership_id: UUID
    person_id: UUID
    withdrawn_on: date | None = None


# Meetings ------------------------------------------------------------------------------


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
class AgreeAgenda(MeetingCommand):
    person_id: UUID
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


# Between meetings ----------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class ActionCommand(Command):
    action_id: UUID


@dataclass(frozen=True, kw_only=True)
class NoteProgress(ActionCommand):
    note: str
    percent_complete: int | None = None


@dataclass(frozen=True, kw_only=True)
class ReviseDueDate(ActionCommand):
    due_on: date
    reason: str


@dataclass(frozen=True, kw_only=True)
class ReassignAction(ActionCommand):
    owner_id: UUID
    organisation_id: UUID | None = None


@dataclass(frozen=True, kw_only=True)
class CompleteAction(ActionCommand):
    note: str | None = None


@dataclass(frozen=True, kw_only=True)
class DropAction(ActionCommand):
    reason: str


@dataclass(frozen=True, kw_only=True)
class RecordRatification(Command):
    decision_id: UUID
    organisation_id: UUID
    outcome: str
    on: date


@dataclass(frozen=True, kw_only=True)
class DrawUpWorkplan(Command):
    body_id: UUID
    title: str
    themes: list[str]


@dataclass(frozen=True, kw_only=True)
class AddWorkplanItem(Command):
    workplan_id: UUID
    theme: str
    title: str
    lead_organisation_id: UUID | None = None
    due_on: date | None = None


@dataclass(frozen=True, kw_only=True)
class TakeActionIntoWorkplan(Command):
    workplan_id: UUID
    item_id: str
    action_id: UUID


@dataclass(frozen=True, kw_only=True)
class ReportItemStatus(Command):
    workplan_id: UUID
    item_id: str
    status: str
    note: str | None = None


@dataclass(frozen=True, kw_only=True)
class AgreeMinutes(MeetingCommand):
    person_id: UUID
    #: Only for importing past records (the demo); over HTTP it is always now.
    at: datetime | None = None


@dataclass(frozen=True, kw_only=True)
class CirculateMinutes(MeetingCommand):
    #: Only for importing past records (the demo); over HTTP it is always now.
    at: datetime | None = None


@dataclass(frozen=True, kw_only=True)
class ApproveMinutes(MeetingCommand):
    #: The later meeting of the same body at which they were approved.
    approved_at: UUID
    amendments: list[dict[str, str]] = field(default_factory=list)


@dataclass(frozen=True, kw_only=True)
class PublishMinutes(MeetingCommand):
    #: Only for importing past records (the demo); over HTTP it is always now.
    at: datetime | None = None

"""Commands that shape the partnership: organisations, people, bodies, chairs, members."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from uuid import UUID

from meetings.application.commands.base import Command


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

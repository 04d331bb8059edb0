"""What users ask the record to do: one frozen dataclass per command, VerbNoun."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
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
    open_to_public: bool = True
    replaces: list[UUID] = field(default_factory=list)
    purpose: str | None = None
    cadence: str | None = None


@dataclass(frozen=True, kw_only=True)
class ReviseBodyRules(Command):
    body_id: UUID
    changes: dict[str, object]


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

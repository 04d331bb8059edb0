"""What the structure's lists read as: organisations, people and bodies a page at a time,
and who held a seat on a body (or anywhere) on a day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from meetings.application.dto import NamedSubstitute


@dataclass(frozen=True, slots=True)
class OrganisationRow:
    """A partner organisation as listed (no version: the list is not a read of one)."""

    id: str
    name: str
    sector: str


@dataclass(frozen=True, slots=True)
class PersonRow:
    """A person as listed: their name, organisation, email and job title as the directory
    holds them (no version: the list is not a read of one)."""

    id: str
    name: str
    organisation_id: str | None
    email: str | None
    job_title: str | None


@dataclass(frozen=True, slots=True)
class BodyRow:
    """A body as listed: its names, kind, the body it reports to, and whether the public
    may read its record (no version: the list is not a read of one)."""

    id: str
    name: str
    short_name: str
    kind: str
    reports_to: str | None
    open_to_public: bool


@dataclass(frozen=True, slots=True)
class MembershipRow:
    """A membership in force on a day, as lists show it: the body, the person, their seat
    and term, and the substitutes named for them then."""

    id: str
    body_id: str
    body_name: str
    person_id: str
    person_name: str
    seat: str
    capacity: str
    organisation_id: str | None
    starts_on: date
    ends_on: date | None
    substitutes: tuple[NamedSubstitute, ...]

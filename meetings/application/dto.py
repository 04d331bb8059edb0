"""What queries return: small frozen DTOs, never aggregates."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum
from typing import Any
from uuid import UUID

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
        type=type(event).__qualname__,
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

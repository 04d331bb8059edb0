"""What scrutiny reads of the record: a body's membership changes, and the amendments made
to its minutes when they were approved (attendance is `attendance_reports.py`, a decision's
authority `authority.py`). Each report's rows have a fixed shape: `exactly` makes one
from the data its report was shaped as, refusing a field missing or one too many."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import Any, TypeVar
from uuid import UUID

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class MinutesAmendment:
    """One item's minute as circulated and as approved (a confidential item's withheld
    from a reader who may not see it), with who recorded the approval, when, and where."""

    meeting_id: UUID
    meeting_starts_at: datetime
    item_id: str
    item_number: int
    item_title: str
    before: str
    after: str
    withheld: bool
    approved_at_meeting_id: UUID
    approved_at_meeting_starts_at: datetime
    approved_on: date
    recorded_by: str
    recorded_at: datetime


def exactly(cls: type[T], data: Mapping[str, Any]) -> T:
    """A row built from data holding every one of its fields and no other (a report
    shaped as data, made frozen at the edge of its use case)."""
    names = {f.name for f in fields(cls)}  # type: ignore[arg-type]
    if set(data) != names:
        raise ValueError(f"{cls.__name__} with fields {sorted(set(data) ^ names)} differs")
    return cls(**data)


# Membership changes ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MembershipChange:
    """A membership begun or ended, a substitute named or withdrawn, or a chair or
    vice-chair appointed or ended (`change`), on a day, with who recorded it and when. A
    chair's change names no membership; a membership's names no role."""

    on: date
    change: str
    membership_id: str | None
    person_id: str
    seat: str | None
    capacity: str | None
    organisation_id: str | None
    starts_on: date | None
    ends_on: date | None
    substitute_id: str | None
    role: str | None
    reason: str | None
    recorded_by: str
    recorded_at: datetime
    person_name: str | None
    substitute_name: str | None
    organisation_name: str | None

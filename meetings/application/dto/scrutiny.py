"""What scrutiny reads: the amendments made to a body's minutes when they were approved."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID


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

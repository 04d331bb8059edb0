"""What the structure's commands must know from the read models: the seat a person
already holds on a body, and the days and statuses of a body's meetings (before it is
wound up)."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from meetings.application.facts import ReadModels
from meetings.domain.rules import london_date
from meetings.infrastructure.sql import Row
from projections import meetings as read_meetings
from projections import structure as read_structure


def seat_held(
    rm: ReadModels, body_id: UUID, person_id: UUID, seat: str, starts_on: date, ends_on: date | None
) -> Row | None:
    """The person's membership in the same seat of the body whose term overlaps this one."""
    rm._projected(read_structure.structure)
    return read_structure.overlapping_seat(rm.db, body_id, person_id, seat, starts_on, ends_on)


def meeting_days(rm: ReadModels, body_id: UUID) -> list[tuple[date, str]]:
    """Each of the body's meetings: its day (London) and its status."""
    rm._projected()
    return [
        (london_date(r["starts_at"]), r["status"])
        for r in read_meetings.meetings_of_body(rm.db, body_id)
    ]

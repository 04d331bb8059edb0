"""What the structure's commands must know from the read models: the seat a person
already holds on a body, the days and statuses of a body's meetings (before it is wound
up), and where a person's key for their contact details is kept."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from meetings.application.facts import ReadModels
from meetings.domain.rules import london_date
from meetings.infrastructure.sql import Row
from projections import meetings as read_meetings
from projections import person_keys
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


def sealed_contact(details: dict[str, Any]) -> tuple[bytes, str]:
    """A new key of the person's own, and their contact details sealed under it."""
    key = person_keys.new_key()
    return key, person_keys.seal(key, details)


def keep_contact_key(rm: ReadModels, person_id: UUID, key: bytes) -> None:
    """Keep the key of a person being registered (before their event is saved: a refused
    registration leaves a key that nothing was ever sealed under)."""
    person_keys.keep_key(rm.db, person_id, key)

"""What a body's list of meetings reads as: each meeting's time, place, status and the
stage of its agenda and minutes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True, slots=True)
class MeetingRow:
    """A meeting as a body's list shows it (its own meetings and joint ones)."""

    id: str
    body_id: str
    starts_at: datetime
    venue: str | None
    kind: str
    status: str
    agenda_published_at: datetime | None
    minutes_status: str
    minutes_published_at: datetime | None

    @classmethod
    def of(cls, row: dict[str, Any]) -> MeetingRow:
        """The row as the meetings read model holds it."""
        return cls(
            id=str(row["id"]),
            body_id=str(row["body_id"]),
            starts_at=row["starts_at"],
            venue=row["venue"],
            kind=row["kind"],
            status=row["status"],
            agenda_published_at=row["agenda_published_at"],
            minutes_status=row["minutes_status"],
            minutes_published_at=row["minutes_published_at"],
        )

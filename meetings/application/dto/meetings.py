"""What a meeting reads as: in a body's list, each meeting's time, place, status and the
stage of its agenda and minutes; on its own, the whole meeting as a reader may see it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any
from uuid import UUID


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


#: Plain data as the record holds it: an agenda item, an entry, a correction, a line of
#: the attendance (a type for each kind would repeat what the record's events say).
Data = Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class MeetingView:
    """A meeting as recorded (every correction applied, retractions left out), or as it
    stood, as a reader may see it: its confidential items withheld unless they may see
    them. Its agenda items and entries by kind are plain data, as the record holds them."""

    id: UUID
    body_id: UUID
    starts_at: datetime
    venue: str | None
    kind: str
    groups: tuple[str, ...]
    joint_with: tuple[UUID, ...]
    status: str
    late_notice: bool | None
    agenda_agreed: Data | None
    agenda_published_at: datetime | None
    opened_at: datetime | None
    closed_at: datetime | None
    postponements: tuple[Data, ...]
    cancellation_reason: str | None
    agenda: tuple[Data, ...]
    attendance: tuple[Data, ...]
    in_the_chair: tuple[Data, ...]
    departures: tuple[Data, ...]
    corrections: tuple[Data, ...]
    version: int
    declarations: tuple[Data, ...]
    notes: tuple[Data, ...]
    decisions: tuple[Data, ...]
    actions: tuple[Data, ...]

    @classmethod
    def of(cls, view: Mapping[str, Any]) -> MeetingView:
        """The meeting's view as the commands answer with it: every field, no other (its
        lists as tuples)."""
        names = {f.name for f in fields(cls)}
        if set(view) != names:
            raise ValueError(f"a meeting view with fields {sorted(set(view) ^ names)} differs")
        given: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v for k, v in view.items()}
        return cls(**given)

"""Read queries for scrutiny reports: meetings held in a period, memberships over time."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from uuid import UUID

from meetings.domain.rules import LONDON
from meetings.infrastructure.sql import Database, Row

_MEMBERSHIP_COLUMNS = (
    "m.id, m.body_id, b.name AS body_name, m.person_id, p.name AS person_name, m.seat,"
    " m.capacity, m.organisation_id, o.name AS organisation_name, m.starts_on, m.ends_on"
)
_MEMBERSHIP_JOINS = (
    "FROM rm_memberships m JOIN rm_people p ON p.id = m.person_id"
    " JOIN rm_bodies b ON b.id = m.body_id"
    " LEFT JOIN rm_organisations o ON o.id = m.organisation_id"
)


def _start_of_london_day(day: date) -> str:
    """The first instant of `day` in Europe/London, as the UTC text meetings are kept in."""
    return datetime.combine(day, time(0), tzinfo=LONDON).astimezone(UTC).isoformat()


def held_meetings(
    db: Database, start: date, end: date, body_ids: Iterable[str] | None = None
) -> list[Row]:
    """Meetings that were held (opened: in session or closed) on a London date from `start`
    to `end` inclusive, oldest first, with their body's name; only of `body_ids` if given."""
    clauses = ["m.status IN ('in_session', 'closed')", "m.starts_at >= ?", "m.starts_at < ?"]
    params: list[Any] = [
        _start_of_london_day(start),
        _start_of_london_day(end + timedelta(days=1)),
    ]
    if body_ids is not None:
        ids = sorted(set(body_ids))
        if not ids:
            return []
        marks = ", ".join("?" for _ in ids)
        # A joint meeting counts for every body in it.
        clauses.append(
            f"(m.body_id IN ({marks}) OR m.id IN (SELECT meeting_id FROM rm_joint_meetings"
            f" WHERE body_id IN ({marks})))"
        )
        params += ids + ids
    rows = db.all(
        "SELECT m.id, m.body_id, b.name AS body_name, m.starts_at FROM rm_meetings m"
        f" JOIN rm_bodies b ON b.id = m.body_id WHERE {' AND '.join(clauses)}"
        " ORDER BY m.starts_at, m.id",
        params,
    )
    for row in rows:
        row["starts_at"] = datetime.fromisoformat(row["starts_at"])
    return rows


def memberships(
    db: Database,
    *,
    body_id: UUID | None = None,
    person_id: UUID | None = None,
    organisation_id: UUID | None = None,
    overlapping: tuple[date, date] | None = None,
) -> list[Row]:
    """Memberships of a body, a person or an organisation, in any capacity, with names;
    with `overlapping`, only those whose term touches that period. Oldest first."""
    clauses: list[str] = []
    params: list[Any] = []
    for column, value in (
        ("body_id", body_id),
        ("person_id", person_id),
        ("organisation_id", organisation_id),
    ):
        if value is not None:
            clauses.append(f"m.{column} = ?")
            params.append(str(value))
    if overlapping is not None:
        clauses.append("m.starts_on <= ? AND (m.ends_on IS NULL OR m.ends_on >= ?)")
        params += [overlapping[1].isoformat(), overlapping[0].isoformat()]
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    rows = db.all(
        f"SELECT {_MEMBERSHIP_COLUMNS} {_MEMBERSHIP_JOINS} {where}"
        " ORDER BY m.starts_on, b.name, m.seat, m.id",
        params,
    )
    for row in rows:
        row["starts_on"] = date.fromisoformat(row["starts_on"])
        row["ends_on"] = date.fromisoformat(row["ends_on"]) if row["ends_on"] else None
    return rows

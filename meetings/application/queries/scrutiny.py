"""What the scrutiny reports take from the read models: the meetings held in a period,
the seats of a person, an organisation or a body, the groups a seat belongs to, and the
names of the people and organisations a report mentions."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from uuid import UUID

from meetings.application.facts import ReadModels
from meetings.infrastructure.sql import Row
from projections import scrutiny as read
from projections import structure as read_structure


def list_seats(
    rm: ReadModels,
    *,
    body_id: UUID | None = None,
    person_id: UUID | None = None,
    organisation_id: UUID | None = None,
    overlapping: tuple[date, date] | None = None,
) -> list[Row]:
    """Memberships of a body, a person or an organisation in any capacity, with names
    (only those whose term touches `overlapping`, if given), oldest first."""
    rm._projected()
    return read.memberships(
        rm.db,
        body_id=body_id,
        person_id=person_id,
        organisation_id=organisation_id,
        overlapping=overlapping,
    )


def list_held_meetings(
    rm: ReadModels, start: date, end: date, body_ids: Iterable[str] | None = None
) -> list[Row]:
    """Meetings held from `start` to `end` (of `body_ids` only, if given), oldest first,
    with their body's name (read just after `list_seats`, which brought the read models
    up to date)."""
    return read.held_meetings(rm.db, start, end, body_ids)


def get_seat_groups(rm: ReadModels, membership_id: str) -> set[str]:
    """The groups of its body a seat belongs to (empty: every meeting)."""
    return read_structure.membership_groups(rm.db, membership_id)


def get_names(
    rm: ReadModels, people: set[str], organisations: set[str] | None = None
) -> tuple[dict[str, Row], dict[str, str]]:
    """People (with their organisation's name) and organisations' names, by id."""
    found_people, found_organisations, _ = read_structure.names(
        rm.db, people, organisations or set(), set()
    )
    return found_people, found_organisations

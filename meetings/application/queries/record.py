"""What the meeting record's reads take from the read models: a body's meetings and
forward plan, the matters arising at a meeting, the seats behind a quorum and a roll call,
the names the minutes print, and the published minutes."""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from meetings.application.dto.meetings import MeetingRow
from meetings.application.dto.minutes import PublishedMinutesRow
from meetings.application.facts import ReadModels
from meetings.infrastructure.sql import Row
from projections import actions as read_actions
from projections import meetings as read_meetings
from projections import structure as read_structure


def list_meetings_of_body(rm: ReadModels, body_id: UUID) -> list[MeetingRow]:
    """The body's meetings (its own and joint ones), earliest first."""
    rm._projected()
    return [MeetingRow.of(row) for row in read_meetings.meetings_of_body(rm.db, body_id)]


def list_open_actions_before(
    rm: ReadModels, body_id: UUID, before: datetime, meeting_id: UUID
) -> list[Row]:
    """The body's open actions from its meetings before this one: the matters arising."""
    rm._projected()
    return read_actions.open_actions_of_body(rm.db, body_id, before, meeting_id)


def list_forward_plan(rm: ReadModels, body_id: UUID) -> list[Row]:
    """The body's forward plan, as notified."""
    rm._projected()
    return read_meetings.forward_plan_of_body(rm.db, body_id)


def list_meetings_with_confidential_items(rm: ReadModels, body_id: UUID) -> list[UUID]:
    """The body's meetings with at least one confidential agenda item."""
    rm._projected()
    return [UUID(m) for m in read_meetings.meetings_with_confidential_items(rm.db, body_id)]


def list_bodies_of_person(rm: ReadModels, person_id: UUID, day: date) -> set[UUID]:
    """The bodies the person holds a seat on, on the day."""
    rm._projected()
    rows = read_structure.memberships_of_person(rm.db, person_id, day)
    return {UUID(r["body_id"]) for r in rows}


def list_members_seated(
    rm: ReadModels, body_id: UUID, day: date, people: list[UUID]
) -> dict[str, Row]:
    """Of these people, those with a decision-taking seat on the body on the day."""
    rm._projected(read_structure.structure)
    return read_structure.seated_members(rm.db, body_id, day, people)


def list_memberships_of_body(rm: ReadModels, body_id: UUID, day: date) -> list[Row]:
    """The body's memberships in force on the day, members first, each with its named
    substitutes: the roll call's list."""
    rm._projected(read_structure.structure)
    return read_structure.memberships_of_body(rm.db, body_id, day)


def get_names(
    rm: ReadModels, people: set[str], organisations: set[str], bodies: set[str]
) -> tuple[dict[str, Row], dict[str, str], dict[str, str]]:
    """People (with their organisation's name), organisations and bodies, by id."""
    rm._projected()
    return read_structure.names(rm.db, people, organisations, bodies)


def list_published_minutes(
    rm: ReadModels, body_id: UUID | None, limit: int
) -> list[PublishedMinutesRow]:
    """Published minutes of bodies open to the public, newest first."""
    rm._projected()
    return [
        PublishedMinutesRow(
            id=str(row["id"]),
            body_id=str(row["body_id"]),
            body_name=row["body_name"],
            starts_at=row["starts_at"],
            venue=row["venue"],
            minutes_published_at=row["minutes_published_at"],
        )
        for row in read_meetings.published_minutes(rm.db, body_id, limit)
    ]

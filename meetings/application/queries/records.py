"""A record as it stands, when an event was recorded, and the service's own database."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any
from uuid import UUID

from meetings.application.dto import MeetingState
from meetings.application.queries.meeting_view import meeting_state
from meetings.domain.meeting import Meeting
from meetings.infrastructure.sql import Database

if TYPE_CHECKING:
    from meetings.application.app import MeetingsApplication


def get_meeting_record(app: MeetingsApplication, meeting_id: UUID) -> MeetingState:
    """The meeting as recorded, nothing withheld (404 if there is none): for checking a
    command's input against it, never for showing to a reader."""
    return meeting_state(app._get(Meeting, "meeting", meeting_id))


def get_recorded_at(app: MeetingsApplication, position: int) -> datetime | None:
    """When the event at this position of the log was recorded (None if there is none)."""
    found = app.recorder.select_notifications(start=position, limit=1, stop=position)
    if not found:
        return None
    event: Any = app.mapper.to_domain_event(found[0])
    moment: datetime = event.timestamp
    return moment.astimezone(UTC)


def get_database(app: MeetingsApplication) -> Database:
    """The database the record is kept in, for the service's own small tables."""
    return app.db

"""When an event was recorded, and the service's own database."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from meetings.infrastructure.sql import Database

if TYPE_CHECKING:
    from meetings.application.app import MeetingsApplication


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

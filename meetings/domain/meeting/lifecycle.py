"""A meeting's own life: postponed or cancelled before it sits, opened, closed."""

from __future__ import annotations

from datetime import datetime

from meetings.domain.base import RecordedAggregate
from meetings.domain.errors import InvalidFieldError
from meetings.domain.meeting.part import (
    CANCELLED,
    CLOSED,
    IN_SESSION,
    SCHEDULED,
    MeetingPart,
    stored_topic,
)


class Postponed(RecordedAggregate.Event):
    TOPIC = stored_topic("Postponed")
    class_version = 1
    reason: str
    starts_at: datetime | None

    def apply(self, meeting: MeetingPart) -> None:
        meeting.postponements.append(
            {"from": meeting.starts_at, "to": self.starts_at, "reason": self.reason}
        )
        if self.starts_at is not None:
            meeting.starts_at = self.starts_at
        # The agenda must go out again for the new date.
        meeting.agenda_published_at = None
        meeting.late_notice = None


class Cancelled(RecordedAggregate.Event):
    TOPIC = stored_topic("Cancelled")
    class_version = 1
    reason: str

    def apply(self, meeting: MeetingPart) -> None:
        meeting.status = CANCELLED
        meeting.cancellation_reason = self.reason


class Opened(RecordedAggregate.Event):
    TOPIC = stored_topic("Opened")
    class_version = 1
    at: datetime

    def apply(self, meeting: MeetingPart) -> None:
        meeting.status = IN_SESSION
        meeting.opened_at = self.at


class Closed(RecordedAggregate.Event):
    TOPIC = stored_topic("Closed")
    class_version = 1
    at: datetime

    def apply(self, meeting: MeetingPart) -> None:
        meeting.status = CLOSED
        meeting.closed_at = self.at


class Lifecycle(MeetingPart):
    """Postpone, cancel, open and close a meeting."""

    def postpone(self, reason: str, starts_at: datetime | None) -> None:
        self._require_status(SCHEDULED, doing="postpone it")
        self.trigger_event(Postponed, reason=reason, starts_at=starts_at)

    def cancel(self, reason: str) -> None:
        self._require_status(SCHEDULED, doing="cancel it")
        self.trigger_event(Cancelled, reason=reason)

    def open(self, at: datetime) -> None:
        self._require_status(SCHEDULED, doing="open it")
        self.trigger_event(Opened, at=at)

    def close(self, at: datetime) -> None:
        self._require_in_session()
        assert self.opened_at is not None
        if at < self.opened_at:
            raise InvalidFieldError("at", "A meeting cannot close before it opened.")
        self.trigger_event(Closed, at=at)

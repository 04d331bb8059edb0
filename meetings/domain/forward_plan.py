"""A forthcoming decision, notified in advance on a body's forward plan."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from eventsourcing.domain import event

from meetings.domain.base import RecordedAggregate


class ForwardPlanEntry(RecordedAggregate):
    """Notice of a decision to come: decisions notified long enough before the meeting
    need no ratification by the partner organisations."""

    class Notified(RecordedAggregate.Created):
        class_version = 1
        body_id: UUID
        subject: str
        notified_on: date
        meeting_id: UUID | None

    @event(Notified)
    def __init__(
        self, body_id: UUID, subject: str, notified_on: date, meeting_id: UUID | None
    ) -> None:
        self.body_id = body_id
        self.subject = subject
        self.notified_on = notified_on
        self.meeting_id = meeting_id

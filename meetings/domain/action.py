"""An action agreed at a meeting: who will do what, for whom, by when."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.domain import event

from meetings.domain.base import RecordedAggregate

OPEN, DONE, DROPPED = "open", "done", "dropped"
#: The fields of an action that a correction at its meeting may change.
CORRECTABLE = ("description", "owner_id", "organisation_id", "due_on", "theme")


class Action(RecordedAggregate):
    """Its own record, so it can be chased between meetings; created in the same
    transaction as the meeting's entry that agreed it."""

    @staticmethod
    def create_id(action_id: UUID) -> UUID:
        """The meeting's entry names the action, so the action takes the id it was given."""
        return action_id

    class Agreed(RecordedAggregate.Created):
        action_id: UUID
        body_id: UUID
        meeting_id: UUID
        item_id: str
        description: str
        owner_id: UUID
        organisation_id: UUID | None
        due_on: date
        theme: str | None

    @event(Agreed)
    def __init__(
        self,
        action_id: UUID,
        body_id: UUID,
        meeting_id: UUID,
        item_id: str,
        description: str,
        owner_id: UUID,
        organisation_id: UUID | None,
        due_on: date,
        theme: str | None,
    ) -> None:
        self.body_id = body_id
        self.meeting_id = meeting_id
        self.item_id = item_id
        self.description = description
        self.owner_id = owner_id
        self.organisation_id = organisation_id
        self.due_on = due_on
        self.theme = theme
        self.status = OPEN
        self.drop_reason: str | None = None

    class CorrectedAtMeeting(RecordedAggregate.Event):
        changes: dict[str, Any]
        reason: str

    def correct_at_meeting(self, changes: dict[str, Any], reason: str) -> None:
        self._corrected_at_meeting({k: changes[k] for k in CORRECTABLE if k in changes}, reason)

    @event(CorrectedAtMeeting)
    def _corrected_at_meeting(self, changes: dict[str, Any], reason: str) -> None:
        for name, value in changes.items():
            setattr(self, name, value)

    class RetractedAtMeeting(RecordedAggregate.Event):
        reason: str

    @event(RetractedAtMeeting)
    def retract_at_meeting(self, reason: str) -> None:
        self.status = DROPPED
        self.drop_reason = f"Retracted from the meeting's record: {reason}"

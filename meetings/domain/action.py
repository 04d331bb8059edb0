"""An action agreed at a meeting: who will do what, for whom, by when."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID

from eventsourcing.domain import event

from meetings.domain.base import RecordedAggregate
from meetings.domain.errors import ActionClosedError

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
        class_version = 1
        action_id: UUID
        body_id: UUID
        meeting_id: UUID
        item_id: str
        description: str
        #: None when the action is owned by a partner organisation, to name an owner later.
        owner_id: UUID | None
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
        owner_id: UUID | None,
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
        self.percent_complete: int | None = None
        self.completed_at: datetime | None = None
        self.updates: list[dict[str, Any]] = []
        self.workplan_id: UUID | None = None
        self.workplan_item_id: str | None = None

    class CorrectedAtMeeting(RecordedAggregate.Event):
        class_version = 1
        changes: dict[str, Any]
        reason: str

    def correct_at_meeting(self, changes: dict[str, Any], reason: str) -> None:
        self._corrected_at_meeting({k: changes[k] for k in CORRECTABLE if k in changes}, reason)

    @event(CorrectedAtMeeting)
    def _corrected_at_meeting(self, changes: dict[str, Any], reason: str) -> None:
        for name, value in changes.items():
            setattr(self, name, value)

    class LinkedToWorkplan(RecordedAggregate.Event):
        class_version = 1
        workplan_id: UUID
        workplan_item_id: str

    @event(LinkedToWorkplan)
    def link_to_workplan(self, workplan_id: UUID, workplan_item_id: str) -> None:
        """The action delivers an item of a workplan (its progress counts there)."""
        self.workplan_id = workplan_id
        self.workplan_item_id = workplan_item_id

    def take_into_workplan(self, workplan_id: UUID, workplan_item_id: str) -> None:
        """An action agreed earlier is taken into a workplan item drawn up later."""
        if self.status == DROPPED:
            raise ActionClosedError(
                f"This action was dropped ({self.drop_reason}): it cannot be taken into a workplan."
            )
        if self.workplan_item_id == workplan_item_id:
            raise ActionClosedError("This action is already part of that workplan item.")
        self.link_to_workplan(workplan_id, workplan_item_id)

    # Between meetings ----------------------------------------------------------------

    def _require_open(self, doing: str) -> None:
        if self.status == DONE:
            raise ActionClosedError(f"This action is already done: it cannot be {doing}.")
        if self.status == DROPPED:
            raise ActionClosedError(
                f"This action was dropped ({self.drop_reason}): it cannot be {doing}."
            )

    class ProgressNoted(RecordedAggregate.Event):
        class_version = 1
        note: str
        percent_complete: int | None
        at: datetime

    def note_progress(self, note: str, percent_complete: int | None, at: datetime) -> None:
        self._require_open("updated")
        self._progress_noted(note, percent_complete, at)

    @event(ProgressNoted)
    def _progress_noted(self, note: str, percent_complete: int | None, at: datetime) -> None:
        if percent_complete is not None:
            self.percent_complete = percent_complete
        self.updates.append(
            {"kind": "progress", "note": note, "percent_complete": percent_complete, "at": at}
        )

    class DueDateRevised(RecordedAggregate.Event):
        class_version = 1
        due_on: date
        reason: str
        at: datetime

    def revise_due_date(self, due_on: date, reason: str, at: datetime) -> None:
        self._require_open("given a new due date")
        self._due_date_revised(due_on, reason, at)

    @event(DueDateRevised)
    def _due_date_revised(self, due_on: date, reason: str, at: datetime) -> None:
        self.updates.append(
            {
                "kind": "due_date",
                "previous_due_on": self.due_on,
                "due_on": due_on,
                "reason": reason,
                "at": at,
            }
        )
        self.due_on = due_on

    class Reassigned(RecordedAggregate.Event):
        class_version = 1
        owner_id: UUID
        organisation_id: UUID | None
        at: datetime

    def reassign(self, owner_id: UUID, organisation_id: UUID | None, at: datetime) -> None:
        self._require_open("reassigned")
        self._reassigned(owner_id, organisation_id, at)

    @event(Reassigned)
    def _reassigned(self, owner_id: UUID, organisation_id: UUID | None, at: datetime) -> None:
        self.updates.append(
            {
                "kind": "reassigned",
                "previous_owner_id": self.owner_id,
                "owner_id": owner_id,
                "organisation_id": organisation_id,
                "at": at,
            }
        )
        self.owner_id = owner_id
        self.organisation_id = organisation_id

    class Completed(RecordedAggregate.Event):
        class_version = 1
        note: str | None
        at: datetime

    def complete(self, note: str | None, at: datetime) -> None:
        self._require_open("completed")
        self._completed(note, at)

    @event(Completed)
    def _completed(self, note: str | None, at: datetime) -> None:
        self.status = DONE
        self.percent_complete = 100
        self.completed_at = at
        self.updates.append({"kind": "completed", "note": note, "at": at})

    class Dropped(RecordedAggregate.Event):
        class_version = 1
        reason: str
        at: datetime

    def drop(self, reason: str, at: datetime) -> None:
        self._require_open("dropped")
        self._dropped(reason, at)

    @event(Dropped)
    def _dropped(self, reason: str, at: datetime) -> None:
        self.status = DROPPED
        self.drop_reason = reason
        self.updates.append({"kind": "dropped", "reason": reason, "at": at})

    def overdue_on(self, day: date) -> bool:
        """Not done (or dropped) and past its due date, as of `day`."""
        return self.status == OPEN and self.due_on < day

    class RetractedAtMeeting(RecordedAggregate.Event):
        class_version = 1
        reason: str

    @event(RetractedAtMeeting)
    def retract_at_meeting(self, reason: str) -> None:
        self.status = DROPPED
        self.drop_reason = f"Retracted from the meeting's record: {reason}"

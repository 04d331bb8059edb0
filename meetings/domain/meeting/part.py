"""What every part of a meeting works on: the state `Meeting` keeps, and the guards its
commands share. `Meeting` is put together from its parts (its life, its agenda, who is
there, its record, its minutes); each part's module holds that part's events and the
commands that record them.

Each event keeps, in `TOPIC`, the topic it has been stored under since it was first
recorded (`meetings.domain.meeting:Meeting.<Event>`): topics are stored forever, so they
never move with the code. Each event's `apply` only assigns what the event says (it runs
for every event whenever a meeting is loaded: no checks, no clocks, no I/O)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any
from uuid import UUID

from meetings.domain import agenda
from meetings.domain.attendance import live
from meetings.domain.entries import new_entry
from meetings.domain.entry_book import EntryBook
from meetings.domain.errors import MeetingStatusError, NotInSessionError, UnknownReferenceError
from meetings.domain.minutes_stage import Sitting

#: The life of the meeting itself (the strings the record stores); its minutes' life is
#: in `minutes_stage`.
SCHEDULED, IN_SESSION, CLOSED, CANCELLED = "scheduled", "in_session", "closed", "cancelled"


def stored_topic(event_name: str) -> str:
    """The topic a meeting's event was first stored under, and is stored under still."""
    return f"meetings.domain.meeting:Meeting.{event_name}"


class MeetingPart:
    """The state of a meeting, as each part of it reads and changes it."""

    id: UUID
    version: int
    body_id: UUID
    starts_at: datetime
    venue: str | None
    kind: str
    groups: list[str] | None
    joint_with: list[UUID] | None
    status: str
    agenda: list[dict[str, Any]]
    agenda_agreed: dict[str, Any] | None
    agenda_published_at: datetime | None
    late_notice: bool | None
    opened_at: datetime | None
    closed_at: datetime | None
    postponements: list[dict[str, Any]]
    cancellation_reason: str | None
    entries: EntryBook
    minutes: dict[str, Any]

    if TYPE_CHECKING:  # given by the aggregate (`RecordedAggregate`) at run time

        def trigger_event(self, event_class: type[Any], **kwargs: Any) -> None: ...

    def _require_status(self, *allowed: str, doing: str) -> None:
        if self.status not in allowed:
            raise MeetingStatusError(
                f"Cannot {doing}: the meeting is {self.status.replace('_', ' ')}."
            )

    def _require_in_session(self) -> None:
        if self.status != IN_SESSION:
            raise NotInSessionError(self.status)

    def item(self, item_id: str) -> dict[str, Any]:
        return agenda.find_item(self.agenda, item_id)

    def require_item(self, item_id: str, field: str = "item_id") -> dict[str, Any]:
        """An item named in the body of a request: unknown is an invalid field (422)."""
        return agenda.require_item(self.agenda, item_id, field)

    def entry(self, entry_id: str) -> dict[str, Any]:
        try:
            return self.entries[entry_id]
        except KeyError:
            raise UnknownReferenceError("entry_id", "entry of this meeting", entry_id) from None

    def live_entries(self, kind: str) -> list[dict[str, Any]]:
        return live(self.entries, kind)

    def add_entry(self, entry_id: str, kind: str, **fields: Any) -> None:
        """Called by events' `apply` only: a new entry of the record."""
        self.entries.add(entry_id, new_entry(entry_id, kind, **fields))

    def sitting(self) -> Sitting:
        return Sitting(self.id, self.body_id, self.starts_at, self.status)

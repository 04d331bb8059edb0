"""A sitting of a body, from scheduling until its minutes are published: the `Meeting`
aggregate, put together from its parts (each part's module holds its events and the
commands that record them): its life (`lifecycle`), its agenda (`agenda_items`), who is
there (`presence`), the record of each item (`record`) and its minutes (`minutes`).

This module keeps the path `meetings.domain.meeting`: the record stores `Meeting` and
every one of its events under it."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from eventsourcing.domain import event

from meetings.domain.base import RecordedAggregate
from meetings.domain.entries import upcast_state_v1_v2
from meetings.domain.entry_book import EntryBook
from meetings.domain.meeting import agenda_items, lifecycle, minutes, presence, record
from meetings.domain.meeting.agenda_items import AgendaOfMeeting
from meetings.domain.meeting.lifecycle import Lifecycle
from meetings.domain.meeting.minutes import MinutesOfMeeting
from meetings.domain.meeting.part import CANCELLED, CLOSED, IN_SESSION, SCHEDULED
from meetings.domain.meeting.presence import Presence
from meetings.domain.meeting.record import Record
from meetings.domain.minutes_stage import NO_MINUTES

__all__ = ["CANCELLED", "CLOSED", "IN_SESSION", "SCHEDULED", "Meeting"]


class Meeting(Lifecycle, AgendaOfMeeting, Presence, Record, MinutesOfMeeting, RecordedAggregate):
    """A meeting of one body. Every tap of the clerk is an event; entries are corrected
    or retracted by later events, never changed in place."""

    class Scheduled(RecordedAggregate.Created):
        class_version = 2
        body_id: UUID
        starts_at: datetime
        venue: str | None
        kind: str
        #: The body's groups summoned (since December 2026; none: everyone).
        groups: list[str] | None = None
        #: Other bodies meeting jointly with this one (since December 2026).
        joint_with: list[UUID] | None = None

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            """Stored before December 2026 (f30aa52): no groups summoned, no joint bodies."""
            state.setdefault("groups", None)
            state.setdefault("joint_with", None)

    #: The version of the state a snapshot holds (stored in it since December 2026).
    class_version = 3

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        """A snapshot from before December 2026 (f30aa52): the state its events give today."""
        upcast_state_v1_v2(state)

    @staticmethod
    def upcast_v2_v3(state: dict[str, Any]) -> None:
        """A snapshot from before 2 December 2026 (f4b9e71) holds the entries as a dict,
        every one decoded on load; since, they are an `EntryBook`, packed by person."""
        if not isinstance(state["entries"], EntryBook):
            state["entries"] = EntryBook(state["entries"])

    @event(Scheduled)
    def __init__(
        self,
        body_id: UUID,
        starts_at: datetime,
        venue: str | None,
        kind: str,
        groups: list[str] | None = None,
        joint_with: list[UUID] | None = None,
    ) -> None:
        self.groups = list(groups) if groups else None
        self.joint_with = list(joint_with) if joint_with else None
        self.body_id = body_id
        self.starts_at = starts_at
        self.venue = venue
        self.kind = kind
        self.status = SCHEDULED
        self.agenda = []
        self.agenda_agreed = None
        self.agenda_published_at = None
        self.late_notice = None
        self.opened_at = None
        self.closed_at = None
        self.postponements = []
        self.cancellation_reason = None
        self.entries = EntryBook()

    #: Until the first step of the minutes (and in snapshots taken before there were any).
    minutes = NO_MINUTES

    def fork(self) -> Meeting:
        """A copy to change, sharing the entries (which events replace, never change), so
        a meeting kept in memory can serve the next command without decoding a snapshot."""
        copy = object.__new__(Meeting)
        copy.__dict__.update(self.__dict__)
        copy.__dict__["_pending_events"] = []
        copy.entries = self.entries.fork()
        copy.agenda = [dict(item) for item in self.agenda]
        copy.postponements = list(self.postponements)
        return copy


# Each event is also found where its stored topic names it (`Meeting.<Event>`), so a
# process that resolves a topic before it has recorded anything finds the same class.
for _part in (lifecycle, agenda_items, presence, record, minutes):
    for _name, _value in vars(_part).items():
        if (
            isinstance(_value, type)
            and getattr(_value, "TOPIC", None) == f"{__name__}:Meeting.{_name}"
        ):
            setattr(Meeting, _name, _value)

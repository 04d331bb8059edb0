"""A partner agency: a council, a trust, the police, a voluntary-sector body."""

from __future__ import annotations

from eventsourcing.domain import event

from meetings.domain.base import RecordedAggregate


class Organisation(RecordedAggregate):
    """A partner organisation, with the sector that matters for a body's balance."""

    class Registered(RecordedAggregate.Created):
        class_version = 1
        name: str
        sector: str

    @event(Registered)
    def __init__(self, name: str, sector: str) -> None:
        self.name = name
        self.sector = sector

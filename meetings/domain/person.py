"""A person who sits on bodies, substitutes, attends or owns actions."""

from __future__ import annotations

from uuid import UUID

from eventsourcing.domain import event

from meetings.domain.base import RecordedAggregate


class Person(RecordedAggregate):
    """Someone known to the partnership, optionally of an organisation."""

    class Registered(RecordedAggregate.Created):
        class_version = 1
        name: str
        organisation_id: UUID | None
        email: str | None
        job_title: str | None

    @event(Registered)
    def __init__(
        self, name: str, organisation_id: UUID | None, email: str | None, job_title: str | None
    ) -> None:
        self.name = name
        self.organisation_id = organisation_id
        self.email = email
        self.job_title = job_title

"""A person who sits on bodies, substitutes, attends or owns actions."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from eventsourcing.domain import event

from meetings.domain.base import RecordedAggregate

#: What every read shows for a person whose name an erasure withheld.
NAME_WITHHELD = "[name withheld]"
#: What a personal field stored in the clear reads after an erasure redacted it.
ERASED = "[erased]"


class Person(RecordedAggregate):
    """Someone known to the partnership, optionally of an organisation."""

    class Registered(RecordedAggregate.Created):
        """Version 2: `contact` is the person's contact details (email, phone, notes) as a
        token under their own key (meetings/application/erasure.py); `email` is only ever set in the
        clear by events of version 1."""

        class_version = 2
        name: str
        organisation_id: UUID | None
        email: str | None
        job_title: str | None
        contact: str | None = None

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            state["contact"] = None  # the old shape held the email in the clear

    class Erased(RecordedAggregate.Event):
        """The person's personal data was erased: their key destroyed and the rows that
        held it in the clear redacted in place (`redacted`: position, the SHA-256 of the
        stored bytes before and after, and the link's version and hash there)."""

        class_version = 1
        reason: str
        redacted: list[dict[str, Any]]
        name_withheld: bool

    @event(Registered)
    def __init__(
        self,
        name: str,
        organisation_id: UUID | None,
        email: str | None,
        job_title: str | None,
        contact: str | None = None,
    ) -> None:
        self.name = name
        self.organisation_id = organisation_id
        self.email = email
        self.job_title = job_title
        self.contact = contact
        self.erased = False

    @event(Erased)
    def erase(self, reason: str, redacted: list[dict[str, Any]], name_withheld: bool) -> None:
        self.email = None
        self.contact = None
        self.erased = True
        if name_withheld:
            self.name = NAME_WITHHELD

"""A person's seat on a body, in a capacity, for a term, with named substitutes."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.domain import event

from meetings.domain.base import RecordedAggregate
from meetings.domain.errors import (
    DuplicateSubstituteError,
    InvalidFieldError,
    MembershipAlreadyEndedError,
    RuleBrokenError,
    SubstituteIsMemberError,
)
from meetings.domain.rules import in_term


class Membership(RecordedAggregate):
    """Who sits in which seat of a body, from when until when.

    The seat outlives the person: a seat changing hands is one membership ending
    and another beginning with the same seat name.
    """

    class Began(RecordedAggregate.Created):
        class_version = 2
        body_id: UUID
        person_id: UUID
        seat: str
        capacity: str
        organisation_id: UUID | None
        starts_on: date
        ends_on: date | None
        #: The body's groups this seat belongs to (since December 2026; none: every meeting).
        groups: list[str] | None = None

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            """Stored before December 2026 (f30aa52): no seat groups."""
            state.setdefault("groups", None)

    #: Class default: memberships (and snapshots) from before groups existed have none.
    groups: list[str] | None = None

    @event(Began)
    def __init__(
        self,
        body_id: UUID,
        person_id: UUID,
        seat: str,
        capacity: str,
        organisation_id: UUID | None,
        starts_on: date,
        ends_on: date | None,
        groups: list[str] | None = None,
    ) -> None:
        self.groups = list(groups) if groups else None
        self.body_id = body_id
        self.person_id = person_id
        self.seat = seat
        self.capacity = capacity
        self.organisation_id = organisation_id
        self.starts_on = starts_on
        self.ends_on = ends_on
        self.ended = False
        self.end_reason: str | None = None
        self.substitutes: list[dict[str, Any]] = []

    @staticmethod
    def check_term(starts_on: date, ends_on: date | None) -> None:
        if ends_on is not None and ends_on < starts_on:
            raise InvalidFieldError(
                "ends_on",
                f"A membership cannot end ({ends_on.isoformat()}) before it starts "
                f"({starts_on.isoformat()}).",
            )

    def in_force_on(self, day: date) -> bool:
        return in_term(day, self.starts_on, self.ends_on)

    class Ended(RecordedAggregate.Event):
        class_version = 1
        ends_on: date
        reason: str | None

    def end(self, ends_on: date, reason: str | None) -> None:
        if self.ended:
            assert self.ends_on is not None
            raise MembershipAlreadyEndedError(self.ends_on)
        self.check_term(self.starts_on, ends_on)
        self._ended(ends_on, reason)

    @event(Ended)
    def _ended(self, ends_on: date, reason: str | None) -> None:
        self.ends_on = ends_on
        self.ended = True
        self.end_reason = reason

    class SubstituteNamed(RecordedAggregate.Event):
        class_version = 1
        person_id: UUID
        named_on: date

    def name_substitute(self, person_id: UUID, named_on: date) -> None:
        if person_id == self.person_id:
            raise SubstituteIsMemberError()
        if any(s["person_id"] == person_id for s in self.current_substitutes()):
            raise DuplicateSubstituteError()
        if self.ended:
            assert self.ends_on is not None
            raise MembershipAlreadyEndedError(self.ends_on)
        self._substitute_named(person_id, named_on)

    @event(SubstituteNamed)
    def _substitute_named(self, person_id: UUID, named_on: date) -> None:
        self.substitutes.append(
            {"person_id": person_id, "named_on": named_on, "withdrawn_on": None}
        )

    class SubstituteWithdrawn(RecordedAggregate.Event):
        class_version = 1
        person_id: UUID
        withdrawn_on: date

    def withdraw_substitute(self, person_id: UUID, withdrawn_on: date) -> None:
        if not any(s["person_id"] == person_id for s in self.current_substitutes()):
            raise RuleBrokenError("That person is not a named substitute for this membership.")
        self._substitute_withdrawn(person_id, withdrawn_on)

    @event(SubstituteWithdrawn)
    def _substitute_withdrawn(self, person_id: UUID, withdrawn_on: date) -> None:
        for s in self.substitutes:
            if s["person_id"] == person_id and s["withdrawn_on"] is None:
                s["withdrawn_on"] = withdrawn_on

    def current_substitutes(self) -> list[dict[str, Any]]:
        return [s for s in self.substitutes if s["withdrawn_on"] is None]

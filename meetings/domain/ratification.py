"""The partner organisations' ratification of a decision that needs it."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import event

from meetings.domain.base import RecordedAggregate
from meetings.domain.errors import RuleBrokenError

_NAMESPACE = uuid5(NAMESPACE_URL, "urn:meetings:ratification")


class Ratifications(RecordedAggregate):
    """One decision's ratifications, organisation by organisation."""

    @staticmethod
    def create_id(decision_id: UUID) -> UUID:
        return uuid5(_NAMESPACE, str(decision_id))

    class Opened(RecordedAggregate.Created):
        class_version = 1
        decision_id: UUID
        parties: list[UUID]

    @event(Opened)
    def __init__(self, decision_id: UUID, parties: list[UUID]) -> None:
        self.decision_id = decision_id
        self.parties = list(parties)
        self.outcomes: dict[str, dict[str, Any]] = {}

    class Recorded(RecordedAggregate.Event):
        class_version = 1
        organisation_id: UUID
        outcome: str
        on: date

    def record(self, organisation_id: UUID, outcome: str, on: date) -> None:
        if organisation_id not in self.parties:
            raise RuleBrokenError(
                "That organisation is not a party to this decision: only the organisations "
                "of the body's members on the day it was decided ratify it."
            )
        if str(organisation_id) in self.outcomes:
            previous = self.outcomes[str(organisation_id)]
            raise RuleBrokenError(
                f"That organisation already {previous['outcome']} this decision on "
                f"{previous['on'].isoformat()}."
            )
        self._recorded(organisation_id, outcome, on)

    @event(Recorded)
    def _recorded(self, organisation_id: UUID, outcome: str, on: date) -> None:
        self.outcomes[str(organisation_id)] = {
            "organisation_id": organisation_id,
            "outcome": outcome,
            "on": on,
        }

    @property
    def status(self) -> str:
        """declined when any party declined; ratified when every party ratified."""
        outcomes = [o["outcome"] for o in self.outcomes.values()]
        if "declined" in outcomes:
            return "declined"
        if len(outcomes) == len(self.parties):
            return "ratified"
        return "awaiting ratification"

"""A body of the partnership family: its rules, terms of reference and chairs."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.domain import event

from meetings.domain.base import RecordedAggregate
from meetings.domain.errors import (
    ChairTermAlreadyEndedError,
    ChairTermOverlapError,
    InvalidFieldError,
    NotFoundError,
    RuleBrokenError,
)
from meetings.domain.rules import in_term, terms_overlap

#: Rules of a body that can be revised after it is established.
REVISABLE_RULES = (
    "name",
    "short_name",
    "kind",
    "reports_to",
    "decision_method",
    "quorum",
    "agenda_notice_working_days",
    "decision_notice_days",
    "open_to_public",
    "purpose",
    "cadence",
)


#: Rules added in December 2026 (issue 13), revised like the others; a body established
#: before them has none of them set (see `Body.rules_of_governance`).
GOVERNANCE_RULES = ("standing_items", "substitutes", "groups")
SUBSTITUTION_RULES = ("named", "member_organisation")


class Body(RecordedAggregate):
    """A board, group or partnership that meets and decides."""

    #: When the body was wound up (class defaults: bodies, and snapshots, from before).
    ends_on: date | None = None
    end_reason: str | None = None

    class Established(RecordedAggregate.Created):
        class_version = 1
        name: str
        short_name: str
        kind: str
        reports_to: UUID | None
        decision_method: str
        quorum: int | None
        agenda_notice_working_days: int
        decision_notice_days: int | None
        open_to_public: bool
        replaces: list[UUID]
        purpose: str | None
        cadence: str | None

    @event(Established)
    def __init__(
        self,
        name: str,
        short_name: str,
        kind: str,
        reports_to: UUID | None,
        decision_method: str,
        quorum: int | None,
        agenda_notice_working_days: int,
        decision_notice_days: int | None,
        open_to_public: bool,
        replaces: list[UUID],
        purpose: str | None,
        cadence: str | None,
    ) -> None:
        self.name = name
        self.short_name = short_name
        self.kind = kind
        self.reports_to = reports_to
        self.decision_method = decision_method
        self.quorum = quorum
        self.agenda_notice_working_days = agenda_notice_working_days
        self.decision_notice_days = decision_notice_days
        self.open_to_public = open_to_public
        self.replaces = list(replaces)
        self.purpose = purpose
        self.cadence = cadence
        self.terms_of_reference: list[dict[str, Any]] = []
        self.chairs: list[dict[str, Any]] = []

    class RulesRevised(RecordedAggregate.Event):
        class_version = 1
        changes: dict[str, Any]

    def revise_rules(self, changes: dict[str, Any]) -> None:
        unknown = set(changes) - set(REVISABLE_RULES) - set(GOVERNANCE_RULES)
        if unknown:
            raise InvalidFieldError(sorted(unknown)[0], "This rule of a body cannot be revised.")
        if changes.get("reports_to") == self.id:
            raise InvalidFieldError("reports_to", "A body cannot report to itself.")
        if "substitutes" in changes and changes["substitutes"] not in SUBSTITUTION_RULES:
            raise InvalidFieldError(
                "substitutes", "Substitutes are either named or of the member's organisation."
            )
        for name in ("standing_items", "groups"):
            values = changes.get(name)
            if values is not None and len(set(values)) != len(values):
                raise InvalidFieldError(name, "Give each one once.")
        self._rules_revised(changes)

    def rules_of_governance(self) -> dict[str, Any]:
        """Standing items, who may substitute, and the body's groups."""
        return {
            "standing_items": list(self.__dict__.get("standing_items") or []),
            "substitutes": self.__dict__.get("substitutes") or "named",
            "groups": list(self.__dict__.get("groups") or []),
        }

    def require_group(self, group: str, field: str) -> None:
        if group not in self.rules_of_governance()["groups"]:
            raise InvalidFieldError(
                field,
                f"{self.short_name} has no group called {group!r}: add it to the body's "
                "groups first.",
            )

    class Ended(RecordedAggregate.Event):
        class_version = 1
        ends_on: date
        reason: str

    def end(self, ends_on: date, reason: str, last_held: date | None) -> None:
        """The body is wound up from `ends_on` (its last day), for `reason`."""
        if self.ends_on is not None:
            raise RuleBrokenError(
                f"This body was wound up on {self.ends_on.isoformat()} ({self.end_reason})."
            )
        if last_held is not None and ends_on < last_held:
            raise InvalidFieldError(
                "ends_on",
                f"The body met on {last_held.isoformat()}, after that day: a body ends on or "
                "after its last meeting.",
            )
        self._ended(ends_on, reason)

    @event(Ended)
    def _ended(self, ends_on: date, reason: str) -> None:
        self.ends_on = ends_on
        self.end_reason = reason

    def require_sitting_on(self, day: date, doing: str) -> None:
        """A body wound up meets no more after its last day."""
        if self.ends_on is not None and day > self.ends_on:
            raise RuleBrokenError(
                f"Cannot {doing}: the body was wound up on {self.ends_on.isoformat()} "
                f"({self.end_reason})."
            )

    @event(RulesRevised)
    def _rules_revised(self, changes: dict[str, Any]) -> None:
        for name, value in changes.items():
            setattr(self, name, value)

    class TermsOfReferenceAdopted(RecordedAggregate.Event):
        class_version = 1
        version: int
        text: str
        adopted_on: date

    def adopt_terms_of_reference(self, text: str, adopted_on: date) -> dict[str, Any]:
        self._terms_of_reference_adopted(len(self.terms_of_reference) + 1, text, adopted_on)
        return self.terms_of_reference[-1]

    @event(TermsOfReferenceAdopted)
    def _terms_of_reference_adopted(self, version: int, text: str, adopted_on: date) -> None:
        self.terms_of_reference.append({"version": version, "text": text, "adopted_on": adopted_on})

    def terms_of_reference_on(self, day: date) -> dict[str, Any] | None:
        adopted = [t for t in self.terms_of_reference if t["adopted_on"] <= day]
        return max(adopted, key=lambda t: (t["adopted_on"], t["version"])) if adopted else None

    class ChairAppointed(RecordedAggregate.Event):
        class_version = 1
        appointment_id: UUID
        person_id: UUID
        person_name: str
        role: str
        starts_on: date
        ends_on: date | None

    def appoint_chair(
        self,
        appointment_id: UUID,
        person_id: UUID,
        person_name: str,
        role: str,
        starts_on: date,
        ends_on: date | None,
    ) -> dict[str, Any]:
        if ends_on is not None and ends_on < starts_on:
            raise InvalidFieldError("ends_on", "A term of office cannot end before it starts.")
        for term in self.chairs:
            if term["role"] == role and terms_overlap(
                term["starts_on"], term["ends_on"], starts_on, ends_on
            ):
                raise ChairTermOverlapError(
                    role, term["person_name"], term["starts_on"], term["ends_on"]
                )
        self._chair_appointed(appointment_id, person_id, person_name, role, starts_on, ends_on)
        return self.chairs[-1]

    @event(ChairAppointed)
    def _chair_appointed(
        self,
        appointment_id: UUID,
        person_id: UUID,
        person_name: str,
        role: str,
        starts_on: date,
        ends_on: date | None,
    ) -> None:
        self.chairs.append(
            {
                "id": appointment_id,
                "person_id": person_id,
                "person_name": person_name,
                "role": role,
                "starts_on": starts_on,
                "ends_on": ends_on,
                "ended": False,
            }
        )

    class ChairTermEnded(RecordedAggregate.Event):
        class_version = 1
        appointment_id: UUID
        ends_on: date
        reason: str | None

    def end_chair_term(self, appointment_id: UUID, ends_on: date, reason: str | None) -> None:
        term = self.chair_term(appointment_id)
        if term["ended"]:
            raise ChairTermAlreadyEndedError(term["ends_on"])
        if ends_on < term["starts_on"]:
            raise InvalidFieldError("ends_on", "A term of office cannot end before it starts.")
        self._chair_term_ended(appointment_id, ends_on, reason)

    @event(ChairTermEnded)
    def _chair_term_ended(self, appointment_id: UUID, ends_on: date, reason: str | None) -> None:
        term = self.chair_term(appointment_id)
        term["ends_on"] = ends_on
        term["ended"] = True

    def chair_term(self, appointment_id: UUID) -> dict[str, Any]:
        for term in self.chairs:
            if term["id"] == appointment_id:
                return term
        raise NotFoundError("chair appointment", appointment_id)

    def chair_on(self, role: str, day: date) -> dict[str, Any] | None:
        for term in self.chairs:
            if term["role"] == role and in_term(day, term["starts_on"], term["ends_on"]):
                return term
        return None

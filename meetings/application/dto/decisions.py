"""What the decisions register reads as: a decision as listed (withheld, taken under a
confidential item the reader may not see, as the disclosure policy withholds it), and
the chain a referred matter makes across bodies."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any


@dataclass(frozen=True, slots=True)
class _Decision:
    """What the register holds of a decision, however it is read."""

    id: str
    meeting_id: str
    body_id: str
    body_name: str
    starts_at: datetime
    decided_on: date
    item_id: str
    item_title: str | None
    confidential: bool
    confidential_reason: str | None
    text: str
    method: str
    within_delegated_authority: bool
    requires_ratification: bool
    ratification_status: str
    referred_to: str | None
    referred_to_name: str | None
    origin_decision_id: str | None


@dataclass(frozen=True, slots=True)
class DecisionRow(_Decision):
    """One decision as the register lists it."""

    #: How many partners ratify it, and how many have ratified or declined so far.
    parties: int | None
    ratified_by: int
    declined_by: int

    @classmethod
    def of(cls, row: dict[str, Any]) -> DecisionRow:
        return cls(**row)


@dataclass(frozen=True, slots=True)
class DecisionChain:
    """Where a matter came from (oldest first), the decision, and where it went (in order)."""

    upstream: list[DecisionRow]
    decision: list[DecisionRow]
    downstream: list[DecisionRow]


@dataclass(frozen=True, slots=True)
class TakenUp:
    """An item that took up a referred matter, at its meeting."""

    meeting_id: str
    item_id: str
    starts_at: datetime


@dataclass(frozen=True, slots=True)
class ReferredMatter(DecisionRow):
    """A decision referred to a body, with the items that took it up (none yet: [])."""

    taken_up: list[TakenUp]

    @classmethod
    def of(cls, row: dict[str, Any]) -> ReferredMatter:
        return cls(**{**row, "taken_up": [TakenUp(**t) for t in row["taken_up"]]})


@dataclass(frozen=True, slots=True)
class Ratification:
    """One partner's ratification (or refusal) of a decision, and when."""

    organisation_id: str
    organisation_name: str | None
    outcome: str
    on: date


@dataclass(frozen=True, slots=True)
class DecisionRecord(_Decision):
    """One decision as read on its own: as the register lists it (withheld, under a
    confidential item the reader may not see), with the partners that ratify it (their
    organisations' ids) and their ratifications so far (or by a moment)."""

    parties: list[str]
    ratifications: list[Ratification]

    @classmethod
    def of(cls, row: dict[str, Any]) -> DecisionRecord:
        ratifications = [
            Ratification(
                organisation_id=str(r["organisation_id"]),
                organisation_name=r.get("organisation_name"),
                outcome=r["outcome"],
                on=r["on"],
            )
            for r in row["ratifications"]
        ]
        listed = {name: row[name] for name in _LISTED}
        return cls(**listed, parties=list(row["parties"]), ratifications=ratifications)


#: What a decision read on its own keeps of the register's row.
_LISTED = frozenset(DecisionRow.__dataclass_fields__) - {"parties", "ratified_by", "declined_by"}

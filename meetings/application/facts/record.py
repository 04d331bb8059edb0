"""What the meeting record's commands must know from the read models: the seats of people
due at a meeting, the groups a seat belongs to, the bodies a decision was referred to, the
workplan an item belongs to, and the partners who ratify a decision."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from meetings.application.facts import ReadModels
from meetings.infrastructure.sql import Row
from projections import decisions as read_decisions
from projections import structure as read_structure
from projections import workplans as read_workplans


def seats_on(
    rm: ReadModels, body_ids: list[UUID], day: date, people: list[UUID]
) -> list[tuple[UUID, dict[str, Row]]]:
    """For each body in turn, which of these people hold a decision-taking seat on it on
    the day, each seat with its named substitutes then."""
    rm._projected(read_structure.structure)
    return [
        (body_id, read_structure.seated_members(rm.db, body_id, day, people))
        for body_id in body_ids
    ]


def groups_of_seat(rm: ReadModels, membership_id: str) -> set[str]:
    """The groups of its body a seat belongs to (empty: it is summoned to every meeting)."""
    rm._projected(read_structure.structure)
    return read_structure.membership_groups(rm.db, membership_id)


def bodies_referred(rm: ReadModels, decision_id: UUID) -> list[str] | None:
    """Every body a decision was referred to, the first first (None: no such decision)."""
    rm._projected()
    decision = read_decisions.decision(rm.db, decision_id)
    if decision is None:
        return None
    return read_decisions.referred_bodies(rm.db, decision)


def workplan_of_item(rm: ReadModels, item_id: UUID) -> UUID | None:
    """The workplan a workplan item belongs to (None: no such item)."""
    rm._projected()
    return read_workplans.workplan_of_item(rm.db, str(item_id))


def decision(rm: ReadModels, decision_id: UUID) -> Row | None:
    """A decision as the register holds it (None: no such decision, or retracted)."""
    rm._projected()
    return read_decisions.decision(rm.db, decision_id)


def ratifying_partners(rm: ReadModels, decision: Row) -> list[str]:
    """The organisations of the body's members (and co-opted members) on the day of the
    decision: the partners who ratify it (read just after `decision`, which brought the
    read models up to date)."""
    rows = read_structure.memberships_of_body(
        rm.db, UUID(decision["body_id"]), decision["decided_on"]
    )
    return sorted(
        {
            r["organisation_id"]
            for r in rows
            if r["capacity"] in ("member", "co_opted") and r["organisation_id"]
        }
    )

"""What the workplans' reads take from the read models: a body's workplans, the workplan
an item belongs to, and a workplan's actions as they stood at a moment."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID

from meetings.application.facts import ReadModels
from projections import actions as read_actions
from projections import workplans as read


@dataclass(frozen=True)
class WorkplanSummary:
    """A workplan as a body's list of workplans shows it."""

    id: UUID
    body_id: UUID
    title: str


def list_workplans_of_body(rm: ReadModels, body_id: UUID) -> list[WorkplanSummary]:
    """The body's workplans, by title."""
    rm._projected()
    return [
        WorkplanSummary(id=UUID(r["id"]), body_id=UUID(r["body_id"]), title=r["title"])
        for r in read.workplans_of_body(rm.db, body_id)
    ]


def get_workplan_of_item(rm: ReadModels, item_id: UUID) -> UUID | None:
    """The workplan a workplan item belongs to (None: no such item)."""
    rm._projected()
    return read.workplan_of_item(rm.db, str(item_id))


def get_workplan_action_counts(
    rm: ReadModels, workplan_id: UUID, moment: datetime, day: date
) -> dict[str, int]:
    """How many of the workplan's actions were open, overdue on `day`, and done, as they
    stood at `moment`."""
    rm._projected()
    return read_actions.workplan_actions(rm.db, workplan_id, moment, day)

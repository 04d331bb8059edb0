"""Workplans by body, and which workplan each item belongs to."""

from __future__ import annotations

from uuid import UUID

from meetings.domain.workplan import Workplan
from meetings.infrastructure.sql import Database, Row, Tx
from projections.base import ReadModel, text

workplans = ReadModel(
    "workplans",
    tables=[
        "CREATE TABLE IF NOT EXISTS rm_workplans (id TEXT PRIMARY KEY, body_id TEXT NOT NULL,"
        " title TEXT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS rm_workplan_items (id TEXT PRIMARY KEY,"
        " workplan_id TEXT NOT NULL, theme TEXT NOT NULL, title TEXT NOT NULL)",
    ],
    indexes=["CREATE INDEX IF NOT EXISTS rm_workplans_by_body ON rm_workplans (body_id)"],
)


@workplans.handles(Workplan.DrawnUp)
def _drawn_up(tx: Tx, e: Workplan.DrawnUp) -> None:
    tx.execute(
        "INSERT INTO rm_workplans (id, body_id, title) VALUES (?, ?, ?)",
        (text(e.originator_id), text(e.body_id), e.title),
    )


@workplans.handles(Workplan.ItemAdded)
def _item_added(tx: Tx, e: Workplan.ItemAdded) -> None:
    tx.execute(
        "INSERT INTO rm_workplan_items (id, workplan_id, theme, title) VALUES (?, ?, ?, ?)",
        (e.item_id, text(e.originator_id), e.theme, e.title),
    )


def workplans_of_body(db: Database, body_id: UUID) -> list[Row]:
    return db.all("SELECT * FROM rm_workplans WHERE body_id = ? ORDER BY title", (str(body_id),))


def workplan_of_item(db: Database, item_id: str) -> UUID | None:
    workplan = db.scalar("SELECT workplan_id FROM rm_workplan_items WHERE id = ?", (item_id,))
    return UUID(workplan) if workplan else None

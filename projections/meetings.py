"""Meetings by body, actions agreed, and forward plans, as tables."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID

from meetings.domain.action import Action
from meetings.domain.forward_plan import ForwardPlanEntry
from meetings.domain.meeting import Meeting
from projections.base import ReadModel, text
from projections.sql import Database, Row, Tx

meetings = ReadModel(
    "meetings",
    tables=[
        "CREATE TABLE IF NOT EXISTS rm_meetings (id TEXT PRIMARY KEY, body_id TEXT NOT NULL,"
        " starts_at TEXT NOT NULL, venue TEXT, kind TEXT NOT NULL, status TEXT NOT NULL,"
        " agenda_published_at TEXT)",
        "CREATE TABLE IF NOT EXISTS rm_actions (id TEXT PRIMARY KEY, body_id TEXT NOT NULL,"
        " meeting_id TEXT NOT NULL, item_id TEXT NOT NULL, description TEXT NOT NULL,"
        " owner_id TEXT NOT NULL, organisation_id TEXT, due_on TEXT NOT NULL, theme TEXT,"
        " status TEXT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS rm_forward_plan (id TEXT PRIMARY KEY, body_id TEXT NOT NULL,"
        " subject TEXT NOT NULL, notified_on TEXT NOT NULL, meeting_id TEXT)",
        "CREATE TABLE IF NOT EXISTS rm_agenda_items (id TEXT PRIMARY KEY,"
        " meeting_id TEXT NOT NULL, confidential INTEGER NOT NULL, confidential_reason TEXT)",
    ],
    indexes=[
        "CREATE INDEX IF NOT EXISTS rm_meetings_by_body ON rm_meetings (body_id, starts_at)",
        "CREATE INDEX IF NOT EXISTS rm_actions_by_body ON rm_actions (body_id, status, due_on)",
        "CREATE INDEX IF NOT EXISTS rm_forward_plan_by_body ON rm_forward_plan"
        " (body_id, notified_on)",
    ],
)


@meetings.handles(Meeting.Scheduled)
def _scheduled(tx: Tx, e: Meeting.Scheduled) -> None:
    tx.execute(
        "INSERT INTO rm_meetings (id, body_id, starts_at, venue, kind, status)"
        " VALUES (?, ?, ?, ?, ?, 'scheduled')",
        (text(e.originator_id), text(e.body_id), _utc(e.starts_at), e.venue, e.kind),
    )


def _utc(moment: datetime) -> str:
    """Times as UTC text, so that they sort in time order."""
    return moment.astimezone(UTC).isoformat()


def _set(tx: Tx, meeting_id: Any, **columns: Any) -> None:
    assignments = ", ".join(f"{name} = ?" for name in columns)
    tx.execute(
        f"UPDATE rm_meetings SET {assignments} WHERE id = ?", [*columns.values(), text(meeting_id)]
    )


@meetings.handles(Meeting.Postponed)
def _postponed(tx: Tx, e: Meeting.Postponed) -> None:
    # The agenda goes out again for the new date, whether or not it is known yet.
    if e.starts_at is not None:
        _set(tx, e.originator_id, starts_at=_utc(e.starts_at))
    _set(tx, e.originator_id, agenda_published_at=None)


@meetings.handles(Meeting.AgendaItemAdded)
def _item_added(tx: Tx, e: Meeting.AgendaItemAdded) -> None:
    tx.execute(
        "INSERT INTO rm_agenda_items (id, meeting_id, confidential, confidential_reason)"
        " VALUES (?, ?, ?, ?)",
        (e.item_id, text(e.originator_id), int(e.confidential), e.confidential_reason),
    )


@meetings.handles(Meeting.Cancelled)
def _cancelled(tx: Tx, e: Meeting.Cancelled) -> None:
    _set(tx, e.originator_id, status="cancelled")


@meetings.handles(Meeting.Opened)
def _opened(tx: Tx, e: Meeting.Opened) -> None:
    _set(tx, e.originator_id, status="in_session")


@meetings.handles(Meeting.Closed)
def _closed(tx: Tx, e: Meeting.Closed) -> None:
    _set(tx, e.originator_id, status="closed")


@meetings.handles(Meeting.AgendaPublished)
def _published(tx: Tx, e: Meeting.AgendaPublished) -> None:
    _set(tx, e.originator_id, agenda_published_at=text(e.published_at))


@meetings.handles(Action.Agreed)
def _action_agreed(tx: Tx, e: Action.Agreed) -> None:
    tx.execute(
        "INSERT INTO rm_actions (id, body_id, meeting_id, item_id, description, owner_id,"
        " organisation_id, due_on, theme, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'open')",
        (
            text(e.originator_id),
            text(e.body_id),
            text(e.meeting_id),
            e.item_id,
            e.description,
            text(e.owner_id),
            text(e.organisation_id),
            text(e.due_on),
            e.theme,
        ),
    )


@meetings.handles(Action.CorrectedAtMeeting)
def _action_corrected(tx: Tx, e: Action.CorrectedAtMeeting) -> None:
    for column, value in sorted(e.changes.items()):
        tx.execute(
            f"UPDATE rm_actions SET {column} = ? WHERE id = ?",
            (text(value) if column != "description" else value, text(e.originator_id)),
        )


@meetings.handles(Action.RetractedAtMeeting)
def _action_retracted(tx: Tx, e: Action.RetractedAtMeeting) -> None:
    tx.execute("UPDATE rm_actions SET status = 'dropped' WHERE id = ?", (text(e.originator_id),))


@meetings.handles(ForwardPlanEntry.Notified)
def _notified(tx: Tx, e: ForwardPlanEntry.Notified) -> None:
    tx.execute(
        "INSERT INTO rm_forward_plan (id, body_id, subject, notified_on, meeting_id)"
        " VALUES (?, ?, ?, ?, ?)",
        (
            text(e.originator_id),
            text(e.body_id),
            e.subject,
            text(e.notified_on),
            text(e.meeting_id),
        ),
    )


# Queries -----------------------------------------------------------------------------


def meetings_of_body(db: Database, body_id: UUID) -> list[Row]:
    rows = db.all("SELECT * FROM rm_meetings WHERE body_id = ? ORDER BY starts_at", (str(body_id),))
    for row in rows:
        row["starts_at"] = datetime.fromisoformat(row["starts_at"])
        published = row["agenda_published_at"]
        row["agenda_published_at"] = datetime.fromisoformat(published) if published else None
    return rows


def open_actions_of_body(
    db: Database, body_id: UUID, before: datetime, except_meeting: UUID
) -> list[Row]:
    """Open actions agreed at the body's meetings that started before `before`: the
    matters arising. Each row says whether its item was confidential, and why."""
    rows = db.all(
        "SELECT a.*, p.name AS owner_name, i.confidential, i.confidential_reason"
        " FROM rm_actions a JOIN rm_meetings m ON m.id = a.meeting_id"
        " LEFT JOIN rm_agenda_items i ON i.id = a.item_id"
        " LEFT JOIN rm_people p ON p.id = a.owner_id"
        " WHERE a.body_id = ? AND a.status = 'open' AND m.starts_at < ? AND a.meeting_id <> ?"
        " ORDER BY a.due_on, a.description",
        (str(body_id), _utc(before), str(except_meeting)),
    )
    for row in rows:
        row["due_on"] = date.fromisoformat(row["due_on"])
        # An action whose item is unknown to the read model is withheld, never shown.
        row["confidential"] = row["confidential"] is None or bool(row["confidential"])
    return rows


def forward_plan_of_body(db: Database, body_id: UUID) -> list[Row]:
    rows = db.all(
        "SELECT * FROM rm_forward_plan WHERE body_id = ? ORDER BY notified_on, subject",
        (str(body_id),),
    )
    for row in rows:
        row["notified_on"] = date.fromisoformat(row["notified_on"])
    return rows

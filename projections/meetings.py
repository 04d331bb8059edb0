"""Meetings by body, actions agreed, and forward plans, as tables."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID

from meetings.domain.forward_plan import ForwardPlanEntry
from meetings.domain.meeting import Meeting
from meetings.domain.meeting.agenda_items import AgendaItemAdded, AgendaPublished
from meetings.domain.meeting.lifecycle import Cancelled, Closed, Opened, Postponed
from meetings.domain.meeting.minutes import (
    MinutesAgreed,
    MinutesApproved,
    MinutesCirculated,
    MinutesPublished,
)
from meetings.domain.meeting.record import EntryCorrected
from meetings.infrastructure.sql import Database, Row, Tx
from projections.base import ReadModel, text

meetings = ReadModel(
    "meetings",
    tables=[
        "CREATE TABLE IF NOT EXISTS rm_meetings (id TEXT PRIMARY KEY, body_id TEXT NOT NULL,"
        " starts_at TEXT NOT NULL, venue TEXT, kind TEXT NOT NULL, status TEXT NOT NULL,"
        " agenda_published_at TEXT, minutes_status TEXT NOT NULL DEFAULT 'draft',"
        " minutes_published_at TEXT)",
        "CREATE TABLE IF NOT EXISTS rm_forward_plan (id TEXT PRIMARY KEY, body_id TEXT NOT NULL,"
        " subject TEXT NOT NULL, notified_on TEXT NOT NULL, meeting_id TEXT)",
        "CREATE TABLE IF NOT EXISTS rm_agenda_items (id TEXT PRIMARY KEY,"
        " meeting_id TEXT NOT NULL, title TEXT NOT NULL, confidential INTEGER NOT NULL,"
        " confidential_reason TEXT)",
        # Since December 2026: the other bodies of a joint meeting (it is listed by each).
        "CREATE TABLE IF NOT EXISTS rm_joint_meetings (meeting_id TEXT NOT NULL,"
        " body_id TEXT NOT NULL)",
    ],
    indexes=[
        "CREATE INDEX IF NOT EXISTS rm_meetings_by_body ON rm_meetings (body_id, starts_at)",
        "CREATE INDEX IF NOT EXISTS rm_forward_plan_by_body ON rm_forward_plan"
        " (body_id, notified_on)",
        "CREATE INDEX IF NOT EXISTS rm_meetings_by_minutes ON rm_meetings (minutes_published_at)",
        "CREATE INDEX IF NOT EXISTS rm_joint_meetings_by_body ON rm_joint_meetings (body_id)",
    ],
)


@meetings.handles(Meeting.Scheduled)
def _scheduled(tx: Tx, e: Meeting.Scheduled) -> None:
    tx.execute(
        "INSERT INTO rm_meetings (id, body_id, starts_at, venue, kind, status)"
        " VALUES (?, ?, ?, ?, ?, 'scheduled')",
        (text(e.originator_id), text(e.body_id), _utc(e.starts_at), e.venue, e.kind),
    )
    for body_id in e.joint_with or []:
        tx.execute(
            "INSERT INTO rm_joint_meetings (meeting_id, body_id) VALUES (?, ?)",
            (text(e.originator_id), text(body_id)),
        )


def _utc(moment: datetime) -> str:
    """Times as UTC text, so that they sort in time order."""
    return moment.astimezone(UTC).isoformat()


def _set(tx: Tx, meeting_id: Any, **columns: Any) -> None:
    assignments = ", ".join(f"{name} = ?" for name in columns)
    tx.execute(
        f"UPDATE rm_meetings SET {assignments} WHERE id = ?", [*columns.values(), text(meeting_id)]
    )


@meetings.handles(Postponed)
def _postponed(tx: Tx, e: Postponed) -> None:
    # The agenda goes out again for the new date, whether or not it is known yet.
    if e.starts_at is not None:
        _set(tx, e.originator_id, starts_at=_utc(e.starts_at))
    _set(tx, e.originator_id, agenda_published_at=None)


@meetings.handles(AgendaItemAdded)
def _item_added(tx: Tx, e: AgendaItemAdded) -> None:
    tx.execute(
        "INSERT INTO rm_agenda_items (id, meeting_id, title, confidential, confidential_reason)"
        " VALUES (?, ?, ?, ?, ?)",
        (e.item_id, text(e.originator_id), e.title, int(e.confidential), e.confidential_reason),
    )


@meetings.handles(Cancelled)
def _cancelled(tx: Tx, e: Cancelled) -> None:
    _set(tx, e.originator_id, status="cancelled")


@meetings.handles(Opened)
def _opened(tx: Tx, e: Opened) -> None:
    _set(tx, e.originator_id, status="in_session")


@meetings.handles(Closed)
def _closed(tx: Tx, e: Closed) -> None:
    _set(tx, e.originator_id, status="closed")


@meetings.handles(AgendaPublished)
def _published(tx: Tx, e: AgendaPublished) -> None:
    _set(tx, e.originator_id, agenda_published_at=text(e.published_at))


@meetings.handles(MinutesAgreed)
def _minutes_agreed(tx: Tx, e: MinutesAgreed) -> None:
    _set(tx, e.originator_id, minutes_status="agreed")


@meetings.handles(MinutesCirculated)
def _minutes_circulated(tx: Tx, e: MinutesCirculated) -> None:
    _set(tx, e.originator_id, minutes_status="circulated")


@meetings.handles(MinutesApproved)
def _minutes_approved(tx: Tx, e: MinutesApproved) -> None:
    _set(tx, e.originator_id, minutes_status="approved")


@meetings.handles(MinutesPublished)
def _minutes_published(tx: Tx, e: MinutesPublished) -> None:
    _set(tx, e.originator_id, minutes_status="published", minutes_published_at=_utc(e.at))


@meetings.handles(EntryCorrected)
def _corrected(tx: Tx, e: EntryCorrected) -> None:
    # A correction before approval sends agreed or circulated minutes back to the chair.
    tx.execute(
        "UPDATE rm_meetings SET minutes_status = 'draft' WHERE id = ?"
        " AND minutes_status IN ('agreed', 'circulated')",
        (text(e.originator_id),),
    )


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
    rows = db.all(
        "SELECT * FROM rm_meetings WHERE body_id = ? OR id IN"
        " (SELECT meeting_id FROM rm_joint_meetings WHERE body_id = ?) ORDER BY starts_at",
        (str(body_id), str(body_id)),
    )
    for row in rows:
        row["starts_at"] = datetime.fromisoformat(row["starts_at"])
        published = row["agenda_published_at"]
        row["agenda_published_at"] = datetime.fromisoformat(published) if published else None
        minutes = row["minutes_published_at"]
        row["minutes_published_at"] = datetime.fromisoformat(minutes) if minutes else None
    return rows


def published_minutes(db: Database, body_id: UUID | None = None, limit: int = 100) -> list[Row]:
    """Published minutes of bodies open to the public, newest first."""
    where, params = ("AND m.body_id = ?", [str(body_id)]) if body_id else ("", [])
    rows = db.all(
        "SELECT m.id, m.body_id, b.name AS body_name, m.starts_at, m.venue,"
        " m.minutes_published_at FROM rm_meetings m JOIN rm_bodies b ON b.id = m.body_id"
        f" WHERE m.minutes_status = 'published' AND b.open_to_public = 1 {where}"
        " ORDER BY m.minutes_published_at DESC, m.starts_at DESC LIMIT ?",
        [*params, limit],
    )
    for row in rows:
        row["starts_at"] = datetime.fromisoformat(row["starts_at"])
        row["minutes_published_at"] = datetime.fromisoformat(row["minutes_published_at"])
    return rows


def meetings_with_confidential_items(db: Database, body_id: UUID) -> list[str]:
    """The ids of the body's meetings that have at least one confidential agenda item."""
    rows = db.all(
        "SELECT DISTINCT a.meeting_id FROM rm_agenda_items a"
        " JOIN rm_meetings m ON m.id = a.meeting_id"
        " WHERE m.body_id = ? AND a.confidential = 1",
        (str(body_id),),
    )
    return [str(r["meeting_id"]) for r in rows]


def forward_plan_of_body(db: Database, body_id: UUID) -> list[Row]:
    rows = db.all(
        "SELECT * FROM rm_forward_plan WHERE body_id = ? ORDER BY notified_on, subject",
        (str(body_id),),
    )
    for row in rows:
        row["notified_on"] = date.fromisoformat(row["notified_on"])
    return rows

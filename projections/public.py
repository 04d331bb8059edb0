"""What the public reads, kept ready: a meeting's calendar fields, and each meeting's
published minutes as the public is shown them.

The calendar fields are folded from the events that change what a calendar shows (the
meeting scheduled, postponed, cancelled, opened, closed), so a body's iCalendar is read
without loading a meeting.

Published minutes are composed from several records (the meeting as published, its body's
name and chairs, people's and organisations' names, the dates of meetings items were
deferred to), so they are composed once by the read path and kept here with the meeting's
version they were composed at. A kept copy is used only while the meeting is still at that
version (checked against the log's last event of the meeting, without decoding it), and
every copy is forgotten as soon as the projector takes in an event that could change a
name, a body, or a meeting's date. Like every read model, the table is rebuilt from the log
(empty, filled again on the first read) whenever its definition changes.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from meetings.domain.body import Body
from meetings.domain.meeting import Meeting
from meetings.domain.meeting.lifecycle import Cancelled, Closed, Opened, Postponed
from meetings.domain.organisation import Organisation
from meetings.domain.person import Person
from meetings.infrastructure.sql import Database, Row, Tx
from projections.base import ReadModel, text

public = ReadModel(
    "public",
    tables=[
        "CREATE TABLE IF NOT EXISTS rm_calendar (meeting_id TEXT PRIMARY KEY,"
        " starts_at TEXT NOT NULL, created_on TEXT NOT NULL, modified_on TEXT NOT NULL,"
        " closed_at TEXT, cancellation_reason TEXT, postponements TEXT NOT NULL DEFAULT '[]')",
        "CREATE TABLE IF NOT EXISTS rm_public_minutes (meeting_id TEXT PRIMARY KEY,"
        " meeting_version INTEGER NOT NULL, document TEXT NOT NULL)",
    ],
)


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat()


@public.handles(Meeting.Scheduled)
def _scheduled(tx: Tx, e: Meeting.Scheduled) -> None:
    tx.execute(
        "INSERT INTO rm_calendar (meeting_id, starts_at, created_on, modified_on)"
        " VALUES (?, ?, ?, ?)",
        (text(e.originator_id), _utc(e.starts_at), _utc(e.timestamp), _utc(e.timestamp)),
    )


def _touch(tx: Tx, e: Any, **columns: Any) -> None:
    columns["modified_on"] = _utc(e.timestamp)
    assignments = ", ".join(f"{name} = ?" for name in columns)
    tx.execute(
        f"UPDATE rm_calendar SET {assignments} WHERE meeting_id = ?",
        [*columns.values(), text(e.originator_id)],
    )


@public.handles(Postponed)
def _postponed(tx: Tx, e: Postponed) -> None:
    before = tx.one(
        "SELECT starts_at, postponements FROM rm_calendar WHERE meeting_id = ?",
        (text(e.originator_id),),
    )
    if before is not None:
        postponements = json.loads(before["postponements"])
        moved_to = _utc(e.starts_at) if e.starts_at else None
        postponements.append({"from": before["starts_at"], "to": moved_to, "reason": e.reason})
        _touch(
            tx,
            e,
            starts_at=moved_to or before["starts_at"],
            postponements=json.dumps(postponements),
        )
    _forget_all(tx, e)


@public.handles(Cancelled)
def _cancelled(tx: Tx, e: Cancelled) -> None:
    _touch(tx, e, cancellation_reason=e.reason)


@public.handles(Opened)
def _opened(tx: Tx, e: Opened) -> None:
    _touch(tx, e)


@public.handles(Closed)
def _closed(tx: Tx, e: Closed) -> None:
    _touch(tx, e, closed_at=_utc(e.at))


def _structure_events() -> list[type]:
    return [
        value
        for cls in (Body, Person, Organisation)
        for value in vars(cls).values()
        if isinstance(value, type) and issubclass(value, cls.Event)
    ]


@public.handles(*_structure_events())
def _forget_all(tx: Tx, e: Any) -> None:
    """A name, a body's chairs or openness, or a meeting's date changed: every kept copy of
    published minutes may show it, so none is kept."""
    tx.execute("DELETE FROM rm_public_minutes")


# Queries -----------------------------------------------------------------------------


def body_row(db: Database, body_id: UUID) -> Row | None:
    """A body as the structure read model holds it (name, short name, open to the public)."""
    row = db.one("SELECT * FROM rm_bodies WHERE id = ?", (str(body_id),))
    if row is not None:
        row["open_to_public"] = bool(row["open_to_public"])
    return row


def calendar_of_body(db: Database, body_id: UUID) -> list[Row]:
    """The body's meetings (joint ones too) with what a calendar shows of each."""
    rows = db.all(
        "SELECT m.id, m.starts_at, m.venue, m.kind, m.status, c.created_on, c.modified_on,"
        " c.closed_at, c.cancellation_reason, c.postponements FROM rm_meetings m"
        " JOIN rm_calendar c ON c.meeting_id = m.id WHERE m.body_id = ? OR m.id IN"
        " (SELECT meeting_id FROM rm_joint_meetings WHERE body_id = ?) ORDER BY m.starts_at",
        (str(body_id), str(body_id)),
    )
    for row in rows:
        for column in ("starts_at", "created_on", "modified_on", "closed_at"):
            row[column] = datetime.fromisoformat(row[column]) if row[column] else None
        row["postponements"] = [
            {
                "from": datetime.fromisoformat(p["from"]),
                "to": datetime.fromisoformat(p["to"]) if p["to"] else None,
                "reason": p["reason"],
            }
            for p in json.loads(row["postponements"])
        ]
    return rows


def kept_minutes(db: Database, meeting_ids: list[str]) -> dict[str, Row]:
    """The kept copies of these meetings' published minutes, by meeting id."""
    if not meeting_ids:
        return {}
    marks = ", ".join("?" for _ in meeting_ids)
    rows = db.all(
        "SELECT meeting_id, meeting_version, document FROM rm_public_minutes"
        f" WHERE meeting_id IN ({marks})",
        meeting_ids,
    )
    return {str(r["meeting_id"]): r for r in rows}


def keep_minutes(tx: Tx, meeting_id: str, meeting_version: int, document: str) -> None:
    tx.execute(
        "INSERT INTO rm_public_minutes (meeting_id, meeting_version, document) VALUES (?, ?, ?)"
        " ON CONFLICT (meeting_id) DO NOTHING",
        (meeting_id, meeting_version, document),
    )

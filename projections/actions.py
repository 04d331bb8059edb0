"""The action tracker: every action with its owner, due date and state, as a table."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID

from meetings.domain.action import Action
from meetings.infrastructure.sql import Database, Row, Tx
from projections.base import ReadModel, text

actions = ReadModel(
    "actions",
    tables=[
        "CREATE TABLE IF NOT EXISTS rm_actions (id TEXT PRIMARY KEY, body_id TEXT NOT NULL,"
        " meeting_id TEXT NOT NULL, item_id TEXT NOT NULL, description TEXT NOT NULL,"
        " owner_id TEXT NOT NULL, organisation_id TEXT, due_on TEXT NOT NULL, theme TEXT,"
        " status TEXT NOT NULL, percent_complete INTEGER, completed_at TEXT,"
        " dropped_at TEXT, agreed_at TEXT NOT NULL, workplan_id TEXT, workplan_item_id TEXT)",
    ],
    indexes=[
        "CREATE INDEX IF NOT EXISTS rm_actions_by_body ON rm_actions (body_id, status, due_on)",
        "CREATE INDEX IF NOT EXISTS rm_actions_by_owner ON rm_actions (owner_id, status, due_on)",
        "CREATE INDEX IF NOT EXISTS rm_actions_by_status ON rm_actions (status, due_on)",
        "CREATE INDEX IF NOT EXISTS rm_actions_by_workplan ON rm_actions (workplan_id)",
    ],
)


def _set(tx: Tx, action_id: Any, **columns: Any) -> None:
    assignments = ", ".join(f"{name} = ?" for name in columns)
    tx.execute(
        f"UPDATE rm_actions SET {assignments} WHERE id = ?", [*columns.values(), text(action_id)]
    )


@actions.handles(Action.Agreed)
def _agreed(tx: Tx, e: Action.Agreed) -> None:
    tx.execute(
        "INSERT INTO rm_actions (id, body_id, meeting_id, item_id, description, owner_id,"
        " organisation_id, due_on, theme, status, agreed_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?)",
        (
            text(e.originator_id),
            text(e.body_id),
            text(e.meeting_id),
            e.item_id,
            e.description,
            _owner(e.owner_id),
            text(e.organisation_id),
            text(e.due_on),
            e.theme,
            e.timestamp.astimezone(UTC).isoformat(),
        ),
    )


@actions.handles(Action.CorrectedAtMeeting)
def _corrected(tx: Tx, e: Action.CorrectedAtMeeting) -> None:
    _set(
        tx,
        e.originator_id,
        **{
            k: v if k == "description" else _owner(v) if k == "owner_id" else text(v)
            for k, v in sorted(e.changes.items())
        },
    )


@actions.handles(Action.RetractedAtMeeting)
def _retracted(tx: Tx, e: Action.RetractedAtMeeting) -> None:
    _set(tx, e.originator_id, status="dropped", dropped_at=_utc(e.timestamp))


@actions.handles(Action.LinkedToWorkplan)
def _linked(tx: Tx, e: Action.LinkedToWorkplan) -> None:
    _set(tx, e.originator_id, workplan_id=text(e.workplan_id), workplan_item_id=e.workplan_item_id)


@actions.handles(Action.ProgressNoted)
def _progress(tx: Tx, e: Action.ProgressNoted) -> None:
    if e.percent_complete is not None:
        _set(tx, e.originator_id, percent_complete=e.percent_complete)


@actions.handles(Action.DueDateRevised)
def _due_date(tx: Tx, e: Action.DueDateRevised) -> None:
    _set(tx, e.originator_id, due_on=text(e.due_on))


@actions.handles(Action.Reassigned)
def _reassigned(tx: Tx, e: Action.Reassigned) -> None:
    _set(tx, e.originator_id, owner_id=_owner(e.owner_id), organisation_id=text(e.organisation_id))


@actions.handles(Action.Completed)
def _completed(tx: Tx, e: Action.Completed) -> None:
    _set(
        tx,
        e.originator_id,
        status="done",
        percent_complete=100,
        completed_at=e.at.astimezone(UTC).isoformat(),
    )


@actions.handles(Action.Dropped)
def _dropped(tx: Tx, e: Action.Dropped) -> None:
    _set(tx, e.originator_id, status="dropped", dropped_at=_utc(e.at))


def _owner(owner_id: Any) -> str:
    """An action owned by a partner organisation has no named owner yet: kept as ''
    (the column was made NOT NULL before such actions existed); read back as null."""
    return text(owner_id) or ""


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat()


# Queries -----------------------------------------------------------------------------

_COLUMNS = (
    "a.id, a.body_id, b.name AS body_name, a.meeting_id, a.item_id, a.description,"
    " NULLIF(a.owner_id, '') AS owner_id, p.name AS owner_name, a.organisation_id,"
    " o.name AS organisation_name,"
    " a.due_on, a.theme, a.status, a.percent_complete, a.completed_at,"
    " i.confidential, i.confidential_reason"
)
_JOINS = (
    "FROM rm_actions a JOIN rm_bodies b ON b.id = a.body_id"
    " LEFT JOIN rm_people p ON p.id = a.owner_id"
    " LEFT JOIN rm_organisations o ON o.id = a.organisation_id"
    " LEFT JOIN rm_agenda_items i ON i.id = a.item_id"
)


def find_actions(
    db: Database, filters: dict[str, Any], as_of: date, page: int, page_size: int
) -> tuple[list[Row], int]:
    """The tracker: actions matching the filters, soonest due first; `status` may be
    open, overdue (open and due before `as_of`), done or dropped."""
    where, params = _where(filters, as_of)
    with db.transaction(commit=False) as tx:
        total = int(tx.scalar(f"SELECT COUNT(*) AS n {_JOINS} {where}", params))
        rows = tx.all(
            f"SELECT {_COLUMNS} {_JOINS} {where} ORDER BY a.due_on, a.description, a.id"
            " LIMIT ? OFFSET ?",
            [*params, page_size, (page - 1) * page_size],
        )
    return [_typed(row, as_of) for row in rows], total


def _where(filters: dict[str, Any], as_of: date) -> tuple[str, list[Any]]:
    clauses, params = [], []
    for name in ("body_id", "owner_id", "organisation_id", "meeting_id", "workplan_id"):
        if filters.get(name) is not None:
            clauses.append(f"a.{name} = ?")
            params.append(str(filters[name]))
    if filters.get("theme"):
        clauses.append("LOWER(a.theme) = ?")
        params.append(filters["theme"].lower())
    if any(filters.get(name) for name in ("theme", "owner_id", "organisation_id")):
        # Filters on what is withheld from the reader must not find withheld actions.
        bodies = filters.get("visible_bodies")
        if bodies is not None:
            marks = ", ".join("?" for _ in bodies) or "NULL"
            clauses.append(f"(COALESCE(i.confidential, 1) = 0 OR a.body_id IN ({marks}))")
            params += [str(b) for b in bodies]
    status = filters.get("status")
    if status == "overdue":
        clauses.append("a.status = 'open' AND a.due_on < ?")
        params.append(as_of.isoformat())
    elif status:
        clauses.append("a.status = ?")
        params.append(status)
    return ("WHERE " + " AND ".join(clauses) if clauses else ""), params


def _typed(row: Row, as_of: date) -> Row:
    row["due_on"] = date.fromisoformat(row["due_on"])
    row["completed_at"] = (
        datetime.fromisoformat(row["completed_at"]) if row["completed_at"] else None
    )
    row["overdue"] = row["status"] == "open" and row["due_on"] < as_of
    # An action whose item the read model does not know is withheld, never shown.
    row["confidential"] = row["confidential"] is None or bool(row["confidential"])
    return row


def open_actions_of_body(
    db: Database, body_id: UUID, before: datetime, except_meeting: UUID
) -> list[Row]:
    """Open actions agreed at the body's meetings that started before `before`: the
    matters arising."""
    rows = db.all(
        f"SELECT {_COLUMNS} {_JOINS} JOIN rm_meetings m ON m.id = a.meeting_id"
        " WHERE a.body_id = ? AND a.status = 'open' AND m.starts_at < ? AND a.meeting_id <> ?"
        " ORDER BY a.due_on, a.description",
        (str(body_id), before.astimezone(UTC).isoformat(), str(except_meeting)),
    )
    return [_typed(row, date.max) for row in rows]


def due_for_reminders(db: Database, as_of: date, until: date) -> list[Row]:
    """Open actions overdue as of `as_of` or due by `until`, with their owners' emails."""
    rows = db.all(
        f"SELECT {_COLUMNS}, p.email AS owner_email {_JOINS}"
        " WHERE a.status = 'open' AND a.due_on <= ? ORDER BY p.name, a.due_on",
        (until.isoformat(),),
    )
    return [_typed(row, as_of) for row in rows]


def workplan_actions(db: Database, workplan_id: UUID, as_at: datetime, day: date) -> dict[str, int]:
    """The workplan's actions as they stood at `as_at`: open, overdue (as of `day`), done.
    (An action's due date is taken as it is now.)"""
    rows = db.all(
        "SELECT due_on, completed_at, dropped_at FROM rm_actions"
        " WHERE workplan_id = ? AND agreed_at <= ?",
        (str(workplan_id), _utc(as_at)),
    )
    moment = _utc(as_at)
    counts = {"open": 0, "overdue": 0, "done": 0}
    for row in rows:
        if row["completed_at"] and row["completed_at"] <= moment:
            counts["done"] += 1
        elif not (row["dropped_at"] and row["dropped_at"] <= moment):
            counts["open"] += 1
            counts["overdue"] += row["due_on"] < day.isoformat()
    return counts

"""The decisions register: decisions across bodies, newest first, filtered; one decision;
and a decision's ratifications by the partner organisations."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID

from meetings.infrastructure.sql import LIKE, Database, Row, contains

COLUMNS = (
    "d.id, d.meeting_id, m.body_id, b.name AS body_name, m.starts_at, d.item_id,"
    " i.title AS item_title, i.confidential, i.confidential_reason, d.text, d.method,"
    " d.within_delegated_authority, d.requires_ratification, d.referred_to,"
    " r.name AS referred_to_name, f.decision_id AS origin_decision_id, rp.parties,"
    " (SELECT COUNT(*) FROM rm_ratifications x WHERE x.decision_id = d.id"
    "  AND x.outcome = 'ratified') AS ratified_by,"
    " (SELECT COUNT(*) FROM rm_ratifications x WHERE x.decision_id = d.id"
    "  AND x.outcome = 'declined') AS declined_by"
)
JOINS = (
    "FROM rm_decisions d JOIN rm_meetings m ON m.id = d.meeting_id"
    " JOIN rm_bodies b ON b.id = m.body_id"
    " LEFT JOIN rm_agenda_items i ON i.id = d.item_id"
    " LEFT JOIN rm_bodies r ON r.id = d.referred_to"
    " LEFT JOIN rm_referrals f ON f.item_id = d.item_id"
    " LEFT JOIN rm_ratification_parties rp ON rp.decision_id = d.id"
)

#: A decision referred to a body (`?` twice): the first body, or one of the others.
REFERRED_TO = (
    "d.referred_to = ? OR d.id IN (SELECT decision_id FROM rm_decision_referrals WHERE body_id = ?)"
)


def register(
    db: Database, filters: dict[str, Any], page: int, page_size: int
) -> tuple[list[Row], int]:
    """Decisions across bodies, newest first, filtered by body, dates, need for
    ratification, the body a matter was referred to, and words in the text or item."""
    where, params = _where(filters)
    with db.transaction(commit=False) as tx:
        total = int(tx.scalar(f"SELECT COUNT(*) AS n {JOINS} {where}", params))
        rows = tx.all(
            f"SELECT {COLUMNS} {JOINS} {where} ORDER BY m.starts_at DESC, d.id LIMIT ? OFFSET ?",
            [*params, page_size, (page - 1) * page_size],
        )
    return [typed(row) for row in rows], total


def _where(filters: dict[str, Any]) -> tuple[str, list[Any]]:
    """The register's WHERE clause and its parameters, for these filters."""
    clauses: list[str] = ["d.retracted = 0"]
    params: list[Any] = []
    if filters.get("body_id"):
        clauses.append("m.body_id = ?")
        params.append(str(filters["body_id"]))
    if filters.get("referred_to"):
        clauses.append(f"({REFERRED_TO})")
        params += [str(filters["referred_to"])] * 2
    if filters.get("from"):
        clauses.append("m.starts_at >= ?")
        params.append(_start_of(filters["from"]))
    if filters.get("to"):
        clauses.append("m.starts_at < ?")
        params.append(_start_of(date.fromordinal(filters["to"].toordinal() + 1)))
    if filters.get("requires_ratification") is not None:
        clauses.append("d.requires_ratification = ?")
        params.append(int(filters["requires_ratification"]))
    if filters.get("q"):
        clauses.append(f"(LOWER(d.text) {LIKE} OR LOWER(COALESCE(i.title, '')) {LIKE})")
        params += [contains(filters["q"].lower())] * 2
        # Words withheld from the reader must not find what they are withheld in.
        clause, visible = _visible_clause("m.body_id", filters.get("visible_bodies"))
        clauses.append(clause)
        params += visible
    return "WHERE " + " AND ".join(clauses), params


def decision(db: Database, decision_id: UUID | str) -> Row | None:
    row = db.one(
        f"SELECT {COLUMNS} {JOINS} WHERE d.id = ? AND d.retracted = 0", (str(decision_id),)
    )
    return typed(row) if row else None


def ratifications(db: Database, decision_id: str) -> list[Row]:
    rows = db.all(
        "SELECT r.organisation_id, o.name AS organisation_name, r.outcome,"
        " r.on_date FROM rm_ratifications r"
        " LEFT JOIN rm_organisations o ON o.id = r.organisation_id"
        " WHERE r.decision_id = ? ORDER BY r.on_date",
        (decision_id,),
    )
    for row in rows:
        row["on"] = date.fromisoformat(row.pop("on_date"))
    return rows


def _visible_clause(column: str, bodies: Any) -> tuple[str, list[Any]]:
    """Rows of items that are not confidential, or of bodies whose confidential content
    the reader may see (`bodies` None: all)."""
    if bodies is None:
        return "1 = 1", []
    marks = ", ".join("?" for _ in bodies) or "NULL"
    return f"(COALESCE(i.confidential, 1) = 0 OR {column} IN ({marks}))", [str(b) for b in bodies]


def _start_of(day: date) -> str:
    return datetime(day.year, day.month, day.day, tzinfo=UTC).isoformat()


def typed(row: Row) -> Row:
    row["starts_at"] = datetime.fromisoformat(row["starts_at"])
    row["decided_on"] = row["starts_at"].date()
    row["within_delegated_authority"] = bool(row["within_delegated_authority"])
    row["requires_ratification"] = bool(row["requires_ratification"])
    row["confidential"] = row["confidential"] is None or bool(row["confidential"])
    row["ratification_status"] = _status(row)
    return row


def _status(row: Row) -> str:
    if not row["requires_ratification"]:
        return "not required"
    if row["declined_by"]:
        return "declined"
    if row["parties"] and row["ratified_by"] >= row["parties"]:
        return "ratified"
    return "awaiting ratification"

"""The decisions register across bodies, with ratifications and referral chains."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID

from meetings.domain.meeting import Meeting
from meetings.domain.ratification import Ratifications
from meetings.infrastructure.sql import LIKE, Database, Row, Tx, contains
from projections.base import ReadModel, text

decisions = ReadModel(
    "decisions",
    tables=[
        "CREATE TABLE IF NOT EXISTS rm_decisions (id TEXT PRIMARY KEY, meeting_id TEXT NOT NULL,"
        " item_id TEXT NOT NULL, text TEXT NOT NULL, method TEXT NOT NULL,"
        " within_delegated_authority INTEGER NOT NULL, requires_ratification INTEGER NOT NULL,"
        " referred_to TEXT, retracted INTEGER NOT NULL)",
        "CREATE TABLE IF NOT EXISTS rm_referrals (item_id TEXT PRIMARY KEY,"
        " meeting_id TEXT NOT NULL, decision_id TEXT NOT NULL)",
        # Since December 2026: the further bodies a matter is referred to, and the further
        # referred decisions an item takes up (the first of each stays where it was).
        "CREATE TABLE IF NOT EXISTS rm_decision_referrals (decision_id TEXT NOT NULL,"
        " body_id TEXT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS rm_item_referrals (item_id TEXT NOT NULL,"
        " meeting_id TEXT NOT NULL, decision_id TEXT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS rm_ratification_parties (id TEXT PRIMARY KEY,"
        " decision_id TEXT NOT NULL, parties INTEGER NOT NULL)",
        "CREATE TABLE IF NOT EXISTS rm_ratifications (decision_id TEXT NOT NULL,"
        " organisation_id TEXT NOT NULL, outcome TEXT NOT NULL, on_date TEXT NOT NULL)",
    ],
    indexes=[
        "CREATE INDEX IF NOT EXISTS rm_decisions_by_meeting ON rm_decisions (meeting_id)",
        "CREATE INDEX IF NOT EXISTS rm_decisions_by_referral ON rm_decisions (referred_to)",
        "CREATE INDEX IF NOT EXISTS rm_referrals_by_decision ON rm_referrals (decision_id)",
        "CREATE INDEX IF NOT EXISTS rm_decision_referrals_by_body"
        " ON rm_decision_referrals (body_id)",
        "CREATE INDEX IF NOT EXISTS rm_decision_referrals_by_decision"
        " ON rm_decision_referrals (decision_id)",
        "CREATE INDEX IF NOT EXISTS rm_item_referrals_by_decision"
        " ON rm_item_referrals (decision_id)",
        "CREATE INDEX IF NOT EXISTS rm_item_referrals_by_item ON rm_item_referrals (item_id)",
        "CREATE INDEX IF NOT EXISTS rm_ratification_parties_by_decision"
        " ON rm_ratification_parties (decision_id)",
        "CREATE INDEX IF NOT EXISTS rm_ratifications_by_decision ON rm_ratifications (decision_id)",
    ],
)

_CORRECTABLE = (
    "item_id",
    "text",
    "method",
    "within_delegated_authority",
    "requires_ratification",
    "referred_to",
)


@decisions.handles(Meeting.DecisionRecorded)
def _decided(tx: Tx, e: Meeting.DecisionRecorded) -> None:
    tx.execute(
        "INSERT INTO rm_decisions (id, meeting_id, item_id, text, method,"
        " within_delegated_authority, requires_ratification, referred_to, retracted)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)",
        (
            e.entry_id,
            text(e.originator_id),
            e.item_id,
            e.text,
            e.method,
            int(e.within_delegated_authority),
            int(e.requires_ratification),
            text(e.referred_to),
        ),
    )
    for body_id in e.also_referred_to or []:
        tx.execute(
            "INSERT INTO rm_decision_referrals (decision_id, body_id) VALUES (?, ?)",
            (e.entry_id, text(body_id)),
        )


@decisions.handles(Meeting.EntryCorrected)
def _corrected(tx: Tx, e: Meeting.EntryCorrected) -> None:
    """Corrections of other kinds of entry find no decision row and change nothing."""
    if e.replacement is None:
        tx.execute("UPDATE rm_decisions SET retracted = 1 WHERE id = ?", (e.entry_id,))
        return
    for column in _CORRECTABLE:
        if column in e.replacement:
            value = e.replacement[column]
            value = int(value) if isinstance(value, bool) else text(value)
            tx.execute(f"UPDATE rm_decisions SET {column} = ? WHERE id = ?", (value, e.entry_id))


@decisions.handles(Meeting.ReferralTakenUp)
def _taken_up(tx: Tx, e: Meeting.ReferralTakenUp) -> None:
    taken = tx.scalar("SELECT COUNT(*) AS n FROM rm_referrals WHERE item_id = ?", (e.item_id,))
    table = "rm_item_referrals" if taken else "rm_referrals"
    tx.execute(
        f"INSERT INTO {table} (item_id, meeting_id, decision_id) VALUES (?, ?, ?)",
        (e.item_id, text(e.originator_id), e.decision_id),
    )


@decisions.handles(Ratifications.Opened)
def _opened(tx: Tx, e: Ratifications.Opened) -> None:
    tx.execute(
        "INSERT INTO rm_ratification_parties (id, decision_id, parties) VALUES (?, ?, ?)",
        (text(e.originator_id), text(e.decision_id), len(e.parties)),
    )


@decisions.handles(Ratifications.Recorded)
def _ratified(tx: Tx, e: Ratifications.Recorded) -> None:
    decision_id = tx.scalar(
        "SELECT decision_id FROM rm_ratification_parties WHERE id = ?", (text(e.originator_id),)
    )
    tx.execute(
        "INSERT INTO rm_ratifications (decision_id, organisation_id, outcome, on_date)"
        " VALUES (?, ?, ?, ?)",
        (decision_id, text(e.organisation_id), e.outcome, text(e.on)),
    )


# Queries -----------------------------------------------------------------------------

_COLUMNS = (
    "d.id, d.meeting_id, m.body_id, b.name AS body_name, m.starts_at, d.item_id,"
    " i.title AS item_title, i.confidential, i.confidential_reason, d.text, d.method,"
    " d.within_delegated_authority, d.requires_ratification, d.referred_to,"
    " r.name AS referred_to_name, f.decision_id AS origin_decision_id, rp.parties,"
    " (SELECT COUNT(*) FROM rm_ratifications x WHERE x.decision_id = d.id"
    "  AND x.outcome = 'ratified') AS ratified_by,"
    " (SELECT COUNT(*) FROM rm_ratifications x WHERE x.decision_id = d.id"
    "  AND x.outcome = 'declined') AS declined_by"
)
_JOINS = (
    "FROM rm_decisions d JOIN rm_meetings m ON m.id = d.meeting_id"
    " JOIN rm_bodies b ON b.id = m.body_id"
    " LEFT JOIN rm_agenda_items i ON i.id = d.item_id"
    " LEFT JOIN rm_bodies r ON r.id = d.referred_to"
    " LEFT JOIN rm_referrals f ON f.item_id = d.item_id"
    " LEFT JOIN rm_ratification_parties rp ON rp.decision_id = d.id"
)


def register(
    db: Database, filters: dict[str, Any], page: int, page_size: int
) -> tuple[list[Row], int]:
    """Decisions across bodies, newest first, filtered by body, dates, need for
    ratification, the body a matter was referred to, and words in the text or item."""
    clauses: list[str] = ["d.retracted = 0"]
    params: list[Any] = []
    if filters.get("body_id"):
        clauses.append("m.body_id = ?")
        params.append(str(filters["body_id"]))
    if filters.get("referred_to"):
        clauses.append(f"({_REFERRED_TO})")
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
    where = "WHERE " + " AND ".join(clauses)
    with db.transaction(commit=False) as tx:
        total = int(tx.scalar(f"SELECT COUNT(*) AS n {_JOINS} {where}", params))
        rows = tx.all(
            f"SELECT {_COLUMNS} {_JOINS} {where} ORDER BY m.starts_at DESC, d.id LIMIT ? OFFSET ?",
            [*params, page_size, (page - 1) * page_size],
        )
    return [_typed(row) for row in rows], total


def decision(db: Database, decision_id: UUID | str) -> Row | None:
    row = db.one(
        f"SELECT {_COLUMNS} {_JOINS} WHERE d.id = ? AND d.retracted = 0", (str(decision_id),)
    )
    return _typed(row) if row else None


#: A decision referred to a body (`?` twice): the first body, or one of the others.
_REFERRED_TO = (
    "d.referred_to = ? OR d.id IN (SELECT decision_id FROM rm_decision_referrals WHERE body_id = ?)"
)
#: The items that took up a decision's referral (`?` twice).
_TAKING_UP = (
    "SELECT item_id FROM rm_referrals WHERE decision_id = ?"
    " UNION SELECT item_id FROM rm_item_referrals WHERE decision_id = ?"
)


def referred_bodies(db: Database, decision: Row) -> list[str]:
    """Every body a decision was referred to, the first first."""
    others = db.all(
        "SELECT body_id FROM rm_decision_referrals WHERE decision_id = ?", (decision["id"],)
    )
    first = [decision["referred_to"]] if decision["referred_to"] else []
    return first + [r["body_id"] for r in others]


def origins(db: Database, item_id: str) -> list[str]:
    """Every referred decision an item took up."""
    rows = db.all(
        "SELECT decision_id FROM rm_referrals WHERE item_id = ?"
        " UNION SELECT decision_id FROM rm_item_referrals WHERE item_id = ?",
        (item_id, item_id),
    )
    return sorted(r["decision_id"] for r in rows)


def taken_up_by(db: Database, decision_id: str) -> list[Row]:
    """Decisions taken on items that took up this decision's referral."""
    rows = db.all(
        f"SELECT {_COLUMNS} {_JOINS} WHERE d.item_id IN ({_TAKING_UP}) AND d.retracted = 0"
        " ORDER BY m.starts_at",
        (decision_id, decision_id),
    )
    return [_typed(row) for row in rows]


def referred_matters(db: Database, body_id: UUID) -> list[Row]:
    """Decisions referred to this body, with the items that took them up, if any."""
    rows = [
        _typed(r)
        for r in db.all(
            f"SELECT {_COLUMNS} {_JOINS} WHERE ({_REFERRED_TO}) AND d.retracted = 0"
            " ORDER BY m.starts_at",
            (str(body_id), str(body_id)),
        )
    ]
    for row in rows:
        row["taken_up"] = db.all(
            "SELECT f.meeting_id, f.item_id, mm.starts_at FROM ("
            "SELECT meeting_id, item_id FROM rm_referrals WHERE decision_id = ?"
            " UNION SELECT meeting_id, item_id FROM rm_item_referrals WHERE decision_id = ?"
            ") f JOIN rm_meetings mm ON mm.id = f.meeting_id ORDER BY mm.starts_at",
            (row["id"], row["id"]),
        )
        for taken in row["taken_up"]:
            taken["starts_at"] = datetime.fromisoformat(taken["starts_at"])
    return rows


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


def _typed(row: Row) -> Row:
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

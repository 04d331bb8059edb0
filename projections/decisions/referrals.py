"""Referral chains: the bodies a decision was referred to, the items that took it up, the
decisions taken on them, and the matters referred to a body."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from meetings.infrastructure.sql import Database, Row
from projections.decisions.register import COLUMNS, JOINS, REFERRED_TO, typed

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
        f"SELECT {COLUMNS} {JOINS} WHERE d.item_id IN ({_TAKING_UP}) AND d.retracted = 0"
        " ORDER BY m.starts_at",
        (decision_id, decision_id),
    )
    return [typed(row) for row in rows]


def referred_matters(db: Database, body_id: UUID) -> list[Row]:
    """Decisions referred to this body, with the items that took them up, if any."""
    rows = [
        typed(r)
        for r in db.all(
            f"SELECT {COLUMNS} {JOINS} WHERE ({REFERRED_TO}) AND d.retracted = 0"
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

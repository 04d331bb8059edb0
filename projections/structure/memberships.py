"""Who sits on a body, when: memberships in force on a day (with the substitutes named
for them then), a person's seats, an overlapping term, the seats that take decisions, and
the groups a seat belongs to."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from meetings.infrastructure.sql import Database, Row, Tx

_IN_FORCE = "m.starts_on <= ? AND (m.ends_on IS NULL OR m.ends_on >= ?)"
_MEMBERSHIP_COLUMNS = (
    "m.id, m.body_id, b.name AS body_name, m.person_id, p.name AS person_name, m.seat,"
    " m.capacity, m.organisation_id, m.starts_on, m.ends_on"
)
_MEMBERSHIP_JOINS = (
    "FROM rm_memberships m JOIN rm_people p ON p.id = m.person_id"
    " JOIN rm_bodies b ON b.id = m.body_id"
)
_CAPACITY_ORDER = (
    "CASE m.capacity WHEN 'member' THEN 0 WHEN 'co_opted' THEN 1 WHEN 'adviser' THEN 2 ELSE 3 END"
)


def memberships_of_body(db: Database, body_id: UUID, day: date) -> list[Row]:
    """Memberships of a body in force on `day`, members first, then by seat."""
    with db.transaction(commit=False) as tx:
        rows = tx.all(
            f"SELECT {_MEMBERSHIP_COLUMNS} {_MEMBERSHIP_JOINS} WHERE m.body_id = ? AND {_IN_FORCE}"
            f" ORDER BY {_CAPACITY_ORDER}, m.seat, p.name",
            (str(body_id), day.isoformat(), day.isoformat()),
        )
        return _with_substitutes(tx, rows, day)


def overlapping_seat(
    db: Database, body_id: UUID, person_id: UUID, seat: str, starts_on: date, ends_on: date | None
) -> Row | None:
    """A membership of the person in the same seat of the body whose term overlaps."""
    until = (ends_on or date.max).isoformat()
    return db.one(
        "SELECT id, starts_on, ends_on FROM rm_memberships WHERE body_id = ? AND person_id = ?"
        " AND LOWER(seat) = LOWER(?) AND starts_on <= ? AND (ends_on IS NULL OR ends_on >= ?)",
        (str(body_id), str(person_id), seat, until, starts_on.isoformat()),
    )


def memberships_of_person(db: Database, person_id: UUID, day: date) -> list[Row]:
    """Every membership a person held on `day`, across all bodies."""
    with db.transaction(commit=False) as tx:
        rows = tx.all(
            f"SELECT {_MEMBERSHIP_COLUMNS} {_MEMBERSHIP_JOINS} WHERE m.person_id = ?"
            f" AND {_IN_FORCE} ORDER BY b.name, m.seat",
            (str(person_id), day.isoformat(), day.isoformat()),
        )
        return _with_substitutes(tx, rows, day)


def _with_substitutes(tx: Tx, rows: list[Row], day: date) -> list[Row]:
    if not rows:
        return rows
    for r in rows:
        r["starts_on"] = date.fromisoformat(r["starts_on"])
        r["ends_on"] = date.fromisoformat(r["ends_on"]) if r["ends_on"] else None
    marks = ", ".join("?" for _ in rows)
    subs = tx.all(
        "SELECT s.membership_id, s.person_id, p.name AS person_name FROM rm_substitutes s"
        f" JOIN rm_people p ON p.id = s.person_id WHERE s.membership_id IN ({marks})"
        " AND s.named_on <= ? AND (s.withdrawn_on IS NULL OR s.withdrawn_on > ?)"
        " ORDER BY p.name",
        [r["id"] for r in rows] + [day.isoformat(), day.isoformat()],
    )
    by_membership: dict[str, list[dict[str, Any]]] = {}
    for s in subs:
        by_membership.setdefault(s["membership_id"], []).append(
            {"person_id": s["person_id"], "person_name": s["person_name"]}
        )
    for r in rows:
        r["substitutes"] = by_membership.get(r["id"], [])
    return rows


def seated_members(db: Database, body_id: UUID, day: date, people: list[UUID]) -> dict[str, Row]:
    """Of these people, those with a decision-taking seat (member or co-opted) on the body
    on `day`, each with the ids of their named substitutes then (one statement: it runs on
    every attendance tap)."""
    if not people:
        return {}
    marks = ", ".join("?" for _ in people)
    rows = db.all(
        "SELECT m.id, m.person_id, m.organisation_id, s.person_id AS substitute,"
        " (SELECT COUNT(*) FROM rm_membership_groups g WHERE g.membership_id = m.id) AS grouped"
        " FROM rm_memberships m"
        " LEFT JOIN rm_substitutes s ON s.membership_id = m.id AND s.named_on <= ?"
        " AND (s.withdrawn_on IS NULL OR s.withdrawn_on > ?)"
        f" WHERE m.body_id = ? AND m.person_id IN ({marks})"
        f" AND m.capacity IN ('member', 'co_opted') AND {_IN_FORCE}",
        [
            day.isoformat(),
            day.isoformat(),
            str(body_id),
            *(str(p) for p in people),
            day.isoformat(),
            day.isoformat(),
        ],
    )
    seated: dict[str, Row] = {}
    for row in rows:
        seat = seated.setdefault(
            row["person_id"],
            {
                "id": row["id"],
                "person_id": row["person_id"],
                "organisation_id": row["organisation_id"],
                "grouped": bool(row["grouped"]),
                "substitutes": set(),
            },
        )
        if row["substitute"] is not None:
            seat["substitutes"].add(row["substitute"])
    return seated


def membership_groups(db: Database, membership_id: str) -> set[str]:
    """The groups a seat belongs to (empty: every meeting)."""
    rows = db.all(
        "SELECT group_name FROM rm_membership_groups WHERE membership_id = ?", (membership_id,)
    )
    return {r["group_name"] for r in rows}

"""The partnership family as tables: organisations, people, bodies, memberships over time."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from meetings.domain.body import Body
from meetings.domain.membership import Membership
from meetings.domain.organisation import Organisation
from meetings.domain.person import NAME_WITHHELD, Person
from meetings.infrastructure.person_keys import key_of, open_contact
from meetings.infrastructure.sql import LIKE, Database, Row, Tx, contains
from projections.base import ReadModel, text

structure = ReadModel(
    "structure",
    tables=[
        "CREATE TABLE IF NOT EXISTS rm_organisations (id TEXT PRIMARY KEY, name TEXT NOT NULL,"
        " sector TEXT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS rm_people (id TEXT PRIMARY KEY, name TEXT NOT NULL,"
        " organisation_id TEXT, email TEXT, job_title TEXT)",
        "CREATE TABLE IF NOT EXISTS rm_bodies (id TEXT PRIMARY KEY, name TEXT NOT NULL,"
        " short_name TEXT NOT NULL, kind TEXT NOT NULL, reports_to TEXT,"
        " open_to_public INTEGER NOT NULL)",
        "CREATE TABLE IF NOT EXISTS rm_memberships (id TEXT PRIMARY KEY, body_id TEXT NOT NULL,"
        " person_id TEXT NOT NULL, seat TEXT NOT NULL, capacity TEXT NOT NULL,"
        " organisation_id TEXT, starts_on TEXT NOT NULL, ends_on TEXT)",
        "CREATE TABLE IF NOT EXISTS rm_substitutes (membership_id TEXT NOT NULL,"
        " person_id TEXT NOT NULL, named_on TEXT NOT NULL, withdrawn_on TEXT)",
        # Since December 2026: the groups a seat belongs to (none: every meeting).
        "CREATE TABLE IF NOT EXISTS rm_membership_groups (membership_id TEXT NOT NULL,"
        " group_name TEXT NOT NULL)",
    ],
    indexes=[
        "CREATE INDEX IF NOT EXISTS rm_memberships_by_body ON rm_memberships (body_id, starts_on)",
        "CREATE INDEX IF NOT EXISTS rm_memberships_by_person ON rm_memberships"
        " (person_id, starts_on)",
        "CREATE INDEX IF NOT EXISTS rm_substitutes_by_membership ON rm_substitutes (membership_id)",
    ],
)


@structure.handles(Organisation.Registered)
def _organisation_registered(tx: Tx, e: Organisation.Registered) -> None:
    tx.execute(
        "INSERT INTO rm_organisations (id, name, sector) VALUES (?, ?, ?)",
        (text(e.originator_id), e.name, e.sector),
    )


@structure.handles(Person.Registered)
def _person_registered(tx: Tx, e: Person.Registered) -> None:
    email = e.email
    if e.contact:  # version 2: under the person's key (none once they are erased)
        email = open_contact(key_of(tx, e.originator_id), e.contact).get("email")
    tx.execute(
        "INSERT INTO rm_people (id, name, organisation_id, email, job_title)"
        " VALUES (?, ?, ?, ?, ?)",
        (text(e.originator_id), e.name, text(e.organisation_id), email, e.job_title),
    )


@structure.handles(Person.Erased)
def _person_erased(tx: Tx, e: Person.Erased) -> None:
    tx.execute("UPDATE rm_people SET email = NULL WHERE id = ?", (text(e.originator_id),))
    if e.name_withheld:
        tx.execute(
            "UPDATE rm_people SET name = ? WHERE id = ?", (NAME_WITHHELD, text(e.originator_id))
        )


@structure.handles(Body.Established)
def _body_established(tx: Tx, e: Body.Established) -> None:
    tx.execute(
        "INSERT INTO rm_bodies (id, name, short_name, kind, reports_to, open_to_public)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (
            text(e.originator_id),
            e.name,
            e.short_name,
            e.kind,
            text(e.reports_to),
            int(e.open_to_public),
        ),
    )


@structure.handles(Body.RulesRevised)
def _body_rules_revised(tx: Tx, e: Body.RulesRevised) -> None:
    columns = {"name", "short_name", "kind", "reports_to", "open_to_public"} & set(e.changes)
    for column in sorted(columns):
        value = e.changes[column]
        value = int(value) if column == "open_to_public" else text(value)
        tx.execute(
            f"UPDATE rm_bodies SET {column} = ? WHERE id = ?", (value, text(e.originator_id))
        )


@structure.handles(Membership.Began)
def _membership_began(tx: Tx, e: Membership.Began) -> None:
    tx.execute(
        "INSERT INTO rm_memberships (id, body_id, person_id, seat, capacity, organisation_id,"
        " starts_on, ends_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            text(e.originator_id),
            text(e.body_id),
            text(e.person_id),
            e.seat,
            e.capacity,
            text(e.organisation_id),
            text(e.starts_on),
            text(e.ends_on),
        ),
    )
    for group in e.groups or []:
        tx.execute(
            "INSERT INTO rm_membership_groups (membership_id, group_name) VALUES (?, ?)",
            (text(e.originator_id), group),
        )


@structure.handles(Membership.Ended)
def _membership_ended(tx: Tx, e: Membership.Ended) -> None:
    tx.execute(
        "UPDATE rm_memberships SET ends_on = ? WHERE id = ?",
        (text(e.ends_on), text(e.originator_id)),
    )


@structure.handles(Membership.SubstituteNamed)
def _substitute_named(tx: Tx, e: Membership.SubstituteNamed) -> None:
    tx.execute(
        "INSERT INTO rm_substitutes (membership_id, person_id, named_on) VALUES (?, ?, ?)",
        (text(e.originator_id), text(e.person_id), text(e.named_on)),
    )


@structure.handles(Membership.SubstituteWithdrawn)
def _substitute_withdrawn(tx: Tx, e: Membership.SubstituteWithdrawn) -> None:
    tx.execute(
        "UPDATE rm_substitutes SET withdrawn_on = ?"
        " WHERE membership_id = ? AND person_id = ? AND withdrawn_on IS NULL",
        (text(e.withdrawn_on), text(e.originator_id), text(e.person_id)),
    )


# Queries -----------------------------------------------------------------------------

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


def _page(sql: str, params: list[Any], page: int, page_size: int) -> tuple[str, list[Any]]:
    return f"{sql} LIMIT ? OFFSET ?", [*params, page_size, (page - 1) * page_size]


def list_bodies(db: Database, page: int, page_size: int) -> tuple[list[Row], int]:
    sql, params = _page("SELECT * FROM rm_bodies ORDER BY name", [], page, page_size)
    with db.transaction(commit=False) as tx:
        rows = tx.all(sql, params)
        for r in rows:
            r["open_to_public"] = bool(r["open_to_public"])
        return rows, int(tx.scalar("SELECT COUNT(*) AS n FROM rm_bodies"))


def list_people(db: Database, q: str | None, page: int, page_size: int) -> tuple[list[Row], int]:
    where, params = (f"WHERE LOWER(name) {LIKE}", [contains(q.lower())]) if q else ("", [])
    sql, paged = _page(f"SELECT * FROM rm_people {where} ORDER BY name", params, page, page_size)
    with db.transaction(commit=False) as tx:
        count = tx.scalar(f"SELECT COUNT(*) AS n FROM rm_people {where}", params)
        return tx.all(sql, paged), int(count)


def list_organisations(db: Database, page: int, page_size: int) -> tuple[list[Row], int]:
    sql, params = _page("SELECT * FROM rm_organisations ORDER BY name", [], page, page_size)
    with db.transaction(commit=False) as tx:
        return tx.all(sql, params), int(tx.scalar("SELECT COUNT(*) AS n FROM rm_organisations"))


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


def names(
    db: Database, people: set[str], organisations: set[str], bodies: set[str]
) -> tuple[dict[str, Row], dict[str, str], dict[str, str]]:
    """People (with their organisation's name), organisations and bodies by id."""

    def by_id(tx: Tx, sql: str, ids: set[str]) -> list[Row]:
        if not ids:
            return []
        marks = ", ".join("?" for _ in ids)
        return tx.all(sql.format(marks=marks), sorted(ids))

    with db.transaction(commit=False) as tx:
        people_rows = by_id(
            tx,
            "SELECT p.id, p.name, p.organisation_id, o.name AS organisation_name FROM rm_people p"
            " LEFT JOIN rm_organisations o ON o.id = p.organisation_id WHERE p.id IN ({marks})",
            people,
        )
        organisation_ids = organisations | {
            r["organisation_id"] for r in people_rows if r["organisation_id"]
        }
        organisation_rows = by_id(
            tx, "SELECT id, name FROM rm_organisations WHERE id IN ({marks})", organisation_ids
        )
        body_rows = by_id(tx, "SELECT id, name FROM rm_bodies WHERE id IN ({marks})", bodies)
    return (
        {r["id"]: r for r in people_rows},
        {r["id"]: r["name"] for r in organisation_rows},
        {r["id"]: r["name"] for r in body_rows},
    )

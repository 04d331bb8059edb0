"""The partnership family as lists (bodies, people, organisations, a page at a time) and
the names of the people, organisations and bodies a record mentions."""

from __future__ import annotations

from typing import Any

from meetings.infrastructure.sql import LIKE, Database, Row, Tx, contains


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

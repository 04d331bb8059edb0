"""What the structure's reads take from the read models: organisations, people and
bodies a page at a time, and who held a seat on a body (or anywhere) on a day."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from meetings.application.dto import NamedSubstitute
from meetings.application.dto.structure import (
    BodyRow,
    MembershipRow,
    OrganisationRow,
    PersonRow,
)
from meetings.application.facts import ReadModels
from meetings.infrastructure.sql import Row
from projections import structure as read

#: How many bodies are read at a time when every body is needed.
_PAGE_SIZE = 1000


def list_organisations(
    rm: ReadModels, page: int, page_size: int
) -> tuple[list[OrganisationRow], int]:
    """One page of organisations by name, and how many there are."""
    rm._projected()
    rows, total = read.list_organisations(rm.db, page, page_size)
    return [OrganisationRow(str(r["id"]), r["name"], r["sector"]) for r in rows], total


def list_people(
    rm: ReadModels, q: str | None, page: int, page_size: int
) -> tuple[list[PersonRow], int]:
    """One page of people by name (those whose name contains `q`), and how many."""
    rm._projected()
    rows, total = read.list_people(rm.db, q, page, page_size)
    return [_person_row(r) for r in rows], total


def _membership_row(row: Row) -> MembershipRow:
    organisation_id = row["organisation_id"]
    return MembershipRow(
        id=str(row["id"]),
        body_id=str(row["body_id"]),
        body_name=row["body_name"],
        person_id=str(row["person_id"]),
        person_name=row["person_name"],
        seat=row["seat"],
        capacity=row["capacity"],
        organisation_id=None if organisation_id is None else str(organisation_id),
        starts_on=row["starts_on"],
        ends_on=row["ends_on"],
        substitutes=tuple(
            NamedSubstitute(str(s["person_id"]), s["person_name"]) for s in row["substitutes"]
        ),
    )


def _person_row(row: Row) -> PersonRow:
    organisation_id = row["organisation_id"]
    return PersonRow(
        id=str(row["id"]),
        name=row["name"],
        organisation_id=None if organisation_id is None else str(organisation_id),
        email=row["email"],
        job_title=row["job_title"],
    )


def list_bodies(rm: ReadModels, page: int, page_size: int) -> tuple[list[BodyRow], int]:
    """One page of bodies by name, and how many there are."""
    rm._projected()
    rows, total = read.list_bodies(rm.db, page, page_size)
    return [_body_row(r) for r in rows], total


def _body_row(row: Row) -> BodyRow:
    reports_to = row["reports_to"]
    return BodyRow(
        id=str(row["id"]),
        name=row["name"],
        short_name=row["short_name"],
        kind=row["kind"],
        reports_to=None if reports_to is None else str(reports_to),
        open_to_public=bool(row["open_to_public"]),
    )


def list_body_ids(rm: ReadModels) -> list[UUID]:
    """Every body's id, by name."""
    found: list[UUID] = []
    page = 1
    while True:
        rows, total = list_bodies(rm, page, _PAGE_SIZE)
        found += [UUID(row.id) for row in rows]
        if not rows or page * _PAGE_SIZE >= total:
            return found
        page += 1


def list_memberships_of_body(rm: ReadModels, body_id: UUID, day: date) -> list[Row]:
    """The body's memberships in force on the day, members first, then by seat."""
    rm._projected()
    return read.memberships_of_body(rm.db, body_id, day)


def list_body_memberships(rm: ReadModels, body_id: UUID, day: date) -> list[MembershipRow]:
    """The body's memberships in force on the day as lists show them (a body's view keeps
    its members as the rows it has always carried)."""
    return [_membership_row(r) for r in list_memberships_of_body(rm, body_id, day)]


def list_memberships_of_person(rm: ReadModels, person_id: UUID, day: date) -> list[MembershipRow]:
    """Every membership the person held on the day, across all bodies."""
    rm._projected()
    return [_membership_row(r) for r in read.memberships_of_person(rm.db, person_id, day)]

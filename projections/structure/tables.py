"""The partnership family's tables (organisations, people, bodies, memberships over time,
substitutes and the groups a seat belongs to), and the handlers that fill them."""

from __future__ import annotations

from meetings.domain.body import Body
from meetings.domain.membership import Membership
from meetings.domain.organisation import Organisation
from meetings.domain.person import NAME_WITHHELD, Person
from meetings.infrastructure.person_keys import key_of, open_contact
from meetings.infrastructure.sql import Tx
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

"""The Buckinghamshire partnership family, from `data/family.toml`, recorded through the
application's commands as a clerk would record it: the organisations and people, the bodies
and their terms of reference, CADEX meeting as one committee with two groups, every seat
filled, the Board's named substitutes and the seat that changed hands, the chairs.

The organisations and bodies follow the Bucks Strategic Partnership's "Fit for Purpose
Governance Framework"; the people are fictional.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, NamedTuple
from uuid import UUID

from demo.data import read
from demo.dates import moved
from meetings.application import MeetingsApplication
from meetings.application.commands import (
    AdoptTermsOfReference,
    AppointChair,
    AppointMember,
    EndBody,
    EndMembership,
    EstablishBody,
    NameSubstitute,
    RegisterOrganisation,
    RegisterPerson,
    ReviseBodyRules,
)

RECORDED_BY = "demo loader"


class Body(NamedTuple):
    """A body as the framework sets it up (the defaults are the data file's)."""

    key: str
    name: str
    short_name: str
    kind: str
    cadence: str
    purpose: str
    reports_to: str | None = None
    decision_method: str = "consensus"
    quorum: int | None = None
    agenda_notice_working_days: int = 5
    decision_notice_days: int | None = None
    open_to_public: bool = False
    replaces: tuple[str, ...] = ()


class Seat(NamedTuple):
    body: str
    seat: str
    person: str
    capacity: str = "member"
    groups: tuple[str, ...] = ()


@dataclass(frozen=True)
class Family:
    """The ids of the family's records, by their keys in the data files."""

    organisations: dict[str, UUID]
    people: dict[str, UUID]
    bodies: dict[str, UUID]


_DATA = read("family")
#: When the demo's memberships and chair terms begin.
START = moved(_DATA["start"])
BODIES = tuple(
    Body(**{**row, "replaces": tuple(row.get("replaces", ()))}) for row in _DATA["bodies"]
)
SEATS = tuple(
    Seat(body, **{**row, "groups": tuple(row.get("groups", ()))})
    for body, rows in _DATA["seats"].items()
    for row in rows
)
#: The body whose presence means the demo is already loaded.
MARKER_SHORT_NAME = next(b.short_name for b in BODIES if b.key == _DATA["marker"])
#: CADEX's two groups: its meetings alternate between them (CADEX terms of reference).
CADEX_LA_GROUP, CADEX_PARTNERSHIP_GROUP = _DATA["cadex"]["groups"]


def record_family(app: MeetingsApplication) -> Family:
    """Record the whole family, in the order a clerk setting it up would."""
    orgs = _register_organisations(app)
    people = _register_people(app, orgs)
    bodies = _establish_bodies(app)
    _cadex_as_one_committee(app, bodies)
    _adopt_terms_of_reference(app, bodies)
    seats = _appoint_members(app, bodies, people)
    _name_substitutes(app, bodies, seats, people)
    _change_seat(app, bodies, seats, people)
    _appoint_chairs(app, bodies, people)
    return Family(orgs, people, bodies)


def memberships() -> int:
    """How many memberships the family records: every seat, and the one that changed hands."""
    return len(SEATS) + 1


def _register_organisations(app: MeetingsApplication) -> dict[str, UUID]:
    return {
        org["key"]: app.register_organisation(
            RegisterOrganisation(name=org["name"], sector=org["sector"], recorded_by=RECORDED_BY)
        ).id
        for org in _DATA["organisations"]
    }


def _register_people(app: MeetingsApplication, orgs: dict[str, UUID]) -> dict[str, UUID]:
    return {
        p["key"]: app.register_person(
            RegisterPerson(
                name=p["name"],
                organisation_id=orgs[p["organisation"]],
                job_title=p["job_title"],
                email=p["email"],
                recorded_by=RECORDED_BY,
            )
        ).id
        for p in _DATA["people"]
    }


def _establish_bodies(app: MeetingsApplication) -> dict[str, UUID]:
    """In the data file's order: a body's reporting line and what it replaces come first."""
    ids: dict[str, UUID] = {}
    for b in BODIES:
        ids[b.key] = app.establish_body(
            EstablishBody(
                name=b.name,
                short_name=b.short_name,
                kind=b.kind,
                reports_to=ids[b.reports_to] if b.reports_to else None,
                decision_method=b.decision_method,
                quorum=b.quorum,
                agenda_notice_working_days=b.agenda_notice_working_days,
                decision_notice_days=b.decision_notice_days,
                open_to_public=b.open_to_public,
                replaces=[ids[key] for key in b.replaces],
                purpose=b.purpose,
                cadence=b.cadence,
                recorded_by=RECORDED_BY,
            )
        ).id
    return ids


def _cadex_as_one_committee(app: MeetingsApplication, bodies: dict[str, UUID]) -> None:
    """CADEX meets as one committee whose meetings summon its Local Authority Group or its
    Partnership Group in turn; the two sub-groups it met as before are wound up."""
    cadex = _DATA["cadex"]
    app.revise_body_rules(
        ReviseBodyRules(
            body_id=bodies[cadex["body"]],
            changes={"groups": list(cadex["groups"])},
            recorded_by=RECORDED_BY,
        )
    )
    for key in cadex["wound_up"]:
        app.end_body(
            EndBody(
                body_id=bodies[key],
                ends_on=START - timedelta(days=1),
                reason=cadex["reason"],
                recorded_by=RECORDED_BY,
            )
        )


def _adopt_terms_of_reference(app: MeetingsApplication, bodies: dict[str, UUID]) -> None:
    """Each body's terms of reference, oldest version first."""
    texts: dict[str, str] = _DATA["terms_of_reference"]["texts"]
    for row in _DATA["terms_of_reference"]["adopted"]:
        app.adopt_terms_of_reference(
            AdoptTermsOfReference(
                body_id=bodies[row["body"]],
                text=texts[row["text"]],
                adopted_on=moved(row["adopted_on"]),
                recorded_by=RECORDED_BY,
            )
        )


def _appoint(
    app: MeetingsApplication, body_id: UUID, person_id: UUID, seat: Seat, starts_on: date
) -> UUID:
    return app.appoint_member(
        AppointMember(
            body_id=body_id,
            person_id=person_id,
            seat=seat.seat,
            capacity=seat.capacity,
            starts_on=starts_on,
            groups=list(seat.groups) or None,
            recorded_by=RECORDED_BY,
        )
    ).id


def _appoint_members(
    app: MeetingsApplication, bodies: dict[str, UUID], people: dict[str, UUID]
) -> dict[tuple[str, str], UUID]:
    """Fill every seat from START; the memberships by (body key, seat)."""
    return {
        (s.body, s.seat): _appoint(app, bodies[s.body], people[s.person], s, START) for s in SEATS
    }


def _name_substitute(
    app: MeetingsApplication, body_id: UUID, membership_id: UUID, person_id: UUID, named_on: date
) -> None:
    app.name_substitute(
        NameSubstitute(
            body_id=body_id,
            membership_id=membership_id,
            person_id=person_id,
            named_on=named_on,
            recorded_by=RECORDED_BY,
        )
    )


def _name_substitutes(
    app: MeetingsApplication,
    bodies: dict[str, UUID],
    seats: dict[tuple[str, str], UUID],
    people: dict[str, UUID],
) -> None:
    for body, rows in _DATA["substitutes"].items():
        for row in rows:
            membership = seats[body, row["seat"]]
            _name_substitute(app, bodies[body], membership, people[row["person"]], START)


def _change_seat(
    app: MeetingsApplication,
    bodies: dict[str, UUID],
    seats: dict[tuple[str, str], UUID],
    people: dict[str, UUID],
) -> None:
    """A member stands down; the new member takes the same seat the next day."""
    change: dict[str, Any] = _DATA["seat_change"]
    body_id, ends_on = bodies[change["body"]], moved(change["ends_on"])
    app.end_membership(
        EndMembership(
            body_id=body_id,
            membership_id=seats[change["body"], change["seat"]],
            ends_on=ends_on,
            reason=change["reason"],
            recorded_by=RECORDED_BY,
        )
    )
    starts_on = ends_on + timedelta(days=1)
    seat = Seat(change["body"], change["seat"], change["person"])
    new_id = _appoint(app, body_id, people[seat.person], seat, starts_on)
    _name_substitute(app, body_id, new_id, people[change["substitute"]], starts_on)


def _appoint_chairs(
    app: MeetingsApplication, bodies: dict[str, UUID], people: dict[str, UUID]
) -> None:
    """The standing chairs and vice-chairs from START, then the terms that rotate."""
    for row in _DATA["chairs"]["standing"]:
        _appoint_chair(app, bodies[row["body"]], people[row["person"]], row["role"], START)
    for row in _DATA["chairs"]["rotating"]:
        starts_on, ends_on = moved(row["starts_on"]), moved(row["ends_on"])
        body_id, person_id = bodies[row["body"]], people[row["person"]]
        _appoint_chair(app, body_id, person_id, row["role"], starts_on, ends_on)


def _appoint_chair(
    app: MeetingsApplication,
    body_id: UUID,
    person_id: UUID,
    role: str,
    starts_on: date,
    ends_on: date | None = None,
) -> None:
    app.appoint_chair(
        AppointChair(
            body_id=body_id,
            person_id=person_id,
            role=role,
            starts_on=starts_on,
            ends_on=ends_on,
            recorded_by=RECORDED_BY,
        )
    )

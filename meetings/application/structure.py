"""Use cases for the partnership family: organisations, people, bodies, memberships."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any
from uuid import UUID, uuid4

from cryptography.fernet import Fernet

from meetings.application import erasure
from meetings.application.commands import (
    AdoptTermsOfReference,
    AppointChair,
    AppointMember,
    EndBody,
    EndChairTerm,
    EndMembership,
    EstablishBody,
    NameSubstitute,
    RegisterOrganisation,
    RegisterPerson,
    ReviseBodyRules,
    WithdrawSubstitute,
)
from meetings.application.dto import (
    BodyView,
    ChairTermView,
    MembershipView,
    OrganisationView,
    PersonView,
    TermsOfReferenceView,
)
from meetings.application.machinery import CoreApplication
from meetings.domain.body import REVISABLE_RULES, Body
from meetings.domain.errors import (
    InvalidFieldError,
    NotFoundError,
    RuleBrokenError,
    SeatAlreadyHeldError,
)
from meetings.domain.membership import Membership
from meetings.domain.organisation import Organisation
from meetings.domain.person import NAME_WITHHELD, Person
from meetings.domain.rules import london_date, london_today
from meetings.infrastructure.sql import Row
from projections import structure as read

_BODY_FIELDS = (*REVISABLE_RULES, "replaces")


class StructureUseCases(CoreApplication):
    """Who the partners are, which bodies they form, and who sat where, when."""

    # Organisations and people ------------------------------------------------------

    def register_organisation(self, cmd: RegisterOrganisation) -> OrganisationView:
        return self._create(cmd, lambda: Organisation(cmd.name, cmd.sector), _organisation_view)

    def get_organisation(
        self, org_id: UUID, version: int | None = None, as_at: datetime | date | None = None
    ) -> OrganisationView:
        return _organisation_view(
            self._get_as_at(Organisation, "organisation", org_id, version, as_at)
        )

    def list_organisations(self, page: int, page_size: int) -> tuple[list[Row], int]:
        self._projected()
        return read.list_organisations(self.db, page, page_size)

    def register_person(self, cmd: RegisterPerson) -> PersonView:
        self._require(Organisation, "organisation", "organisation_id", cmd.organisation_id)
        return self._create(cmd, lambda: self._new_person(cmd), self._person_view)

    def _new_person(self, cmd: RegisterPerson) -> Person:
        """Their contact details are stored only under a key of their own (erasure)."""
        if cmd.email is None:
            return Person(cmd.name, cmd.organisation_id, None, cmd.job_title)
        key = Fernet.generate_key()
        contact = erasure.seal_contact(key, {"email": cmd.email})
        person = Person(cmd.name, cmd.organisation_id, None, cmd.job_title, contact)
        erasure.keep_key(self.db, person.id, key)
        return person

    def get_person(
        self, person_id: UUID, version: int | None = None, as_at: datetime | date | None = None
    ) -> PersonView:
        person = self._get_as_at(Person, "person", person_id, version, as_at)
        earlier = version is not None or as_at is not None
        # An erasure that withheld the name hides it in earlier versions too.
        if earlier and self._get(Person, "person", person_id).name == NAME_WITHHELD:
            person.name = NAME_WITHHELD
        return self._person_view(person)

    def _person_view(self, p: Person) -> PersonView:
        contact = getattr(p, "contact", None)
        email = erasure.contact_of(self.db, p.id, contact).get("email") if contact else p.email
        return PersonView(
            id=p.id,
            name=p.name,
            organisation_id=p.organisation_id,
            email=email,
            job_title=p.job_title,
            version=p.version,
        )

    def list_people(self, q: str | None, page: int, page_size: int) -> tuple[list[Row], int]:
        self._projected()
        return read.list_people(self.db, q, page, page_size)

    # Bodies --------------------------------------------------------------------------

    def establish_body(self, cmd: EstablishBody) -> BodyView:
        self._require(Body, "body", "reports_to", cmd.reports_to)
        for replaced in cmd.replaces:
            self._require(Body, "body", "replaces", replaced)
        fields = {name: getattr(cmd, name) for name in _BODY_FIELDS}
        return self._create(
            cmd,
            lambda: Body(**fields),
            # A body just established cannot have been replaced yet: no read-model wait.
            lambda b: self._body_view(b, london_today(), members=[], replaced_by=[]),
        )

    def revise_body_rules(self, cmd: ReviseBodyRules) -> BodyView:
        if cmd.changes.get("reports_to") is not None:
            reports_to = cmd.changes["reports_to"]
            assert isinstance(reports_to, UUID)
            self._require(Body, "body", "reports_to", reports_to)
        return self._update(
            cmd,
            Body,
            "body",
            cmd.body_id,
            lambda b: b.revise_rules(dict(cmd.changes)),
            lambda b, _: self._body_view(b, london_today()),
        )

    def end_body(self, cmd: EndBody) -> BodyView:
        """Wind the body up: its last day is `ends_on`; it meets no more after it."""
        from projections import meetings as read_meetings

        self._get(Body, "body", cmd.body_id)
        self._projected()
        rows = read_meetings.meetings_of_body(self.db, cmd.body_id)
        held = [
            london_date(r["starts_at"]) for r in rows if r["status"] in ("in_session", "closed")
        ]
        later = [
            r
            for r in rows
            if r["status"] == "scheduled" and london_date(r["starts_at"]) > cmd.ends_on
        ]
        if later:
            raise RuleBrokenError(
                f"The body has {len(later)} meeting(s) scheduled after {cmd.ends_on.isoformat()}"
                f" (the first on {london_date(later[0]['starts_at']).isoformat()}): cancel them "
                "before winding it up."
            )
        return self._update(
            cmd,
            Body,
            "body",
            cmd.body_id,
            lambda b: b.end(cmd.ends_on, cmd.reason, max(held, default=None)),
            lambda b, _: self._body_view(b, london_today()),
        )

    def is_wound_up(self, body_id: UUID, day: date | None = None) -> bool:
        """Whether the body had ended by `day` (default today)."""
        ends_on = self._get(Body, "body", body_id).ends_on
        return ends_on is not None and ends_on < (day or london_today())

    def _replaced_by(self, body_id: UUID) -> list[UUID]:
        """The bodies established to replace this one."""
        self._projected()
        found, page = [], 1
        while True:
            rows, total = read.list_bodies(self.db, page, 1000)
            for row in rows:
                other = self._get(Body, "body", UUID(row["id"]))
                if body_id in other.replaces:
                    found.append(other.id)
            if not rows or page * 1000 >= total:
                return found
            page += 1

    def get_body(
        self, body_id: UUID, version: int | None = None, as_at: datetime | date | None = None
    ) -> BodyView:
        body = self._get_as_at(Body, "body", body_id, version, as_at)
        if isinstance(as_at, datetime):
            day = london_date(as_at)
        elif isinstance(as_at, date):
            day = as_at
        else:
            day = london_today()
        return self._body_view(body, day)

    def list_bodies(self, page: int, page_size: int) -> tuple[list[Row], int]:
        self._projected()
        return read.list_bodies(self.db, page, page_size)

    def adopt_terms_of_reference(self, cmd: AdoptTermsOfReference) -> TermsOfReferenceView:
        return self._update(
            cmd,
            Body,
            "body",
            cmd.body_id,
            lambda b: b.adopt_terms_of_reference(cmd.text, cmd.adopted_on),
            lambda b, adopted: TermsOfReferenceView(**adopted, etag_version=b.version),
        )

    def list_terms_of_reference(self, body_id: UUID) -> list[TermsOfReferenceView]:
        body = self._get(Body, "body", body_id)
        return [TermsOfReferenceView(**t) for t in body.terms_of_reference]

    def appoint_chair(self, cmd: AppointChair) -> ChairTermView:
        person = self._require(Person, "person", "person_id", cmd.person_id)
        assert person is not None
        return self._update(
            cmd,
            Body,
            "body",
            cmd.body_id,
            lambda b: b.appoint_chair(
                uuid4(), cmd.person_id, person.name, cmd.role, cmd.starts_on, cmd.ends_on
            ),
            lambda b, term: _chair_view(term, b.version),
        )

    def end_chair_term(self, cmd: EndChairTerm) -> ChairTermView:
        return self._update(
            cmd,
            Body,
            "body",
            cmd.body_id,
            lambda b: b.end_chair_term(cmd.appointment_id, cmd.ends_on, cmd.reason),
            lambda b, _: _chair_view(b.chair_term(cmd.appointment_id), b.version),
        )

    def list_chairs(self, body_id: UUID) -> list[ChairTermView]:
        body = self._get(Body, "body", body_id)
        return [_chair_view(t) for t in body.chairs]

    # Memberships ---------------------------------------------------------------------

    def appoint_member(self, cmd: AppointMember) -> MembershipView:
        self._get(Body, "body", cmd.body_id)
        person = self._require(Person, "person", "person_id", cmd.person_id)
        self._require(Organisation, "organisation", "organisation_id", cmd.organisation_id)
        Membership.check_term(cmd.starts_on, cmd.ends_on)
        assert person is not None
        organisation_id = cmd.organisation_id or person.organisation_id
        body = self._get(Body, "body", cmd.body_id)
        groups = list(cmd.groups or [])
        for n, group in enumerate(groups):
            body.require_group(group, f"groups.{n}")
        if len(set(groups)) != len(groups):
            raise InvalidFieldError("groups", "Give each group once.")

        def seat() -> Membership:
            # Checked after a retry with the same Idempotency-Key is answered as before.
            self._refuse_a_second_seat(cmd)
            return Membership(
                cmd.body_id,
                cmd.person_id,
                cmd.seat,
                cmd.capacity,
                organisation_id,
                cmd.starts_on,
                cmd.ends_on,
                groups or None,
            )

        return self._create(cmd, seat, self._membership_view)

    def _refuse_a_second_seat(self, cmd: AppointMember) -> None:
        self._projected(read.structure)
        held = read.overlapping_seat(
            self.db, cmd.body_id, cmd.person_id, cmd.seat, cmd.starts_on, cmd.ends_on
        )
        if held is not None:
            raise SeatAlreadyHeldError(cmd.seat, held["starts_on"], held["ends_on"])

    def end_membership(self, cmd: EndMembership) -> MembershipView:
        self._membership_of(cmd.body_id, cmd.membership_id)
        return self._update_membership(cmd, lambda m: m.end(cmd.ends_on, cmd.reason))

    def name_substitute(self, cmd: NameSubstitute) -> MembershipView:
        self._membership_of(cmd.body_id, cmd.membership_id)
        self._require(Person, "person", "person_id", cmd.person_id)
        named_on = cmd.named_on or london_today()
        return self._update_membership(cmd, lambda m: m.name_substitute(cmd.person_id, named_on))

    def withdraw_substitute(self, cmd: WithdrawSubstitute) -> MembershipView:
        self._membership_of(cmd.body_id, cmd.membership_id)
        withdrawn_on = cmd.withdrawn_on or london_today()
        return self._update_membership(
            cmd, lambda m: m.withdraw_substitute(cmd.person_id, withdrawn_on)
        )

    def get_membership(
        self,
        body_id: UUID,
        membership_id: UUID,
        version: int | None = None,
        as_at: datetime | date | None = None,
    ) -> MembershipView:
        self._membership_of(body_id, membership_id)
        return self._membership_view(
            self._get_as_at(Membership, "membership", membership_id, version, as_at)
        )

    def list_body_memberships(self, body_id: UUID, day: date | None) -> list[Row]:
        self._get(Body, "body", body_id)
        self._projected()
        return read.memberships_of_body(self.db, body_id, day or london_today())

    def list_person_memberships(self, person_id: UUID, day: date | None) -> list[Row]:
        self._get(Person, "person", person_id)
        self._projected()
        return read.memberships_of_person(self.db, person_id, day or london_today())

    def _update_membership(
        self,
        cmd: EndMembership | NameSubstitute | WithdrawSubstitute,
        change: Callable[[Membership], None],
    ) -> MembershipView:
        return self._update(
            cmd,
            Membership,
            "membership",
            cmd.membership_id,
            change,
            lambda m, _: self._membership_view(m),
        )

    # Presenting ----------------------------------------------------------------------

    def _membership_of(self, body_id: UUID, membership_id: UUID) -> Membership:
        self._get(Body, "body", body_id)
        membership = self._get(Membership, "membership", membership_id)
        if membership.body_id != body_id:
            raise NotFoundError("membership of this body", membership_id)
        return membership

    def _body_view(
        self,
        body: Body,
        day: date,
        members: list[Row] | None = None,
        replaced_by: list[UUID] | None = None,
    ) -> BodyView:
        if members is None:
            self._projected()
            members = read.memberships_of_body(self.db, body.id, day)
        chair, vice = body.chair_on("chair", day), body.chair_on("vice_chair", day)
        tor = body.terms_of_reference_on(day)
        return BodyView(
            id=body.id,
            **{name: getattr(body, name) for name in _BODY_FIELDS},
            as_of=day,
            members=members,
            chair=_chair_view(chair) if chair else None,
            vice_chair=_chair_view(vice) if vice else None,
            chairs=[_chair_view(t) for t in body.chairs],
            terms_of_reference=TermsOfReferenceView(**tor) if tor else None,
            version=body.version,
            **body.rules_of_governance(),
            ends_on=body.ends_on,
            end_reason=body.end_reason,
            replaced_by=self._replaced_by(body.id) if replaced_by is None else replaced_by,
        )

    def _membership_view(self, m: Membership) -> MembershipView:
        people = {
            p.id: p.name
            for p in (
                self._get(Person, "person", pid)
                for pid in [m.person_id] + [s["person_id"] for s in m.current_substitutes()]
            )
        }
        return MembershipView(
            id=m.id,
            body_id=m.body_id,
            person_id=m.person_id,
            person_name=people[m.person_id],
            seat=m.seat,
            capacity=m.capacity,
            organisation_id=m.organisation_id,
            starts_on=m.starts_on,
            ends_on=m.ends_on,
            ended=m.ended,
            end_reason=m.end_reason,
            substitutes=[
                {
                    "person_id": s["person_id"],
                    "person_name": people[s["person_id"]],
                    "named_on": s["named_on"],
                }
                for s in m.current_substitutes()
            ],
            version=m.version,
            groups=list(m.groups or []),
        )


def _organisation_view(org: Organisation) -> OrganisationView:
    return OrganisationView(id=org.id, name=org.name, sector=org.sector, version=org.version)


def _chair_view(term: dict[str, Any], etag_version: int | None = None) -> ChairTermView:
    return ChairTermView(
        **{k: term[k] for k in ("id", "person_id", "person_name", "role", "starts_on", "ends_on")},
        etag_version=etag_version,
    )

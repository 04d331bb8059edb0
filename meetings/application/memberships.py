"""Use cases for memberships: who sat on which body, in which seat and capacity, when, and
who was named to substitute for them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from uuid import UUID

from meetings.application.commands import (
    AppointMember,
    EndMembership,
    NameSubstitute,
    WithdrawSubstitute,
)
from meetings.application.dto import MembershipView
from meetings.application.dto.structure import MembershipRow
from meetings.application.facts import structure as facts
from meetings.application.machinery import CoreApplication
from meetings.application.queries import structure as queries
from meetings.domain.body import Body
from meetings.domain.errors import InvalidFieldError, NotFoundError, SeatAlreadyHeldError
from meetings.domain.membership import Membership
from meetings.domain.organisation import Organisation
from meetings.domain.person import Person
from meetings.domain.rules import london_today


class MembershipUseCases(CoreApplication):
    """Who sat where, when: seats on bodies, their terms, groups and substitutes."""

    def appoint_member(self, cmd: AppointMember) -> MembershipView:
        self._get(Body, "body", cmd.body_id)
        person = self._require(Person, "person", "person_id", cmd.person_id)
        self._require(Organisation, "organisation", "organisation_id", cmd.organisation_id)
        Membership.check_term(cmd.starts_on, cmd.ends_on)
        assert person is not None
        organisation_id = cmd.organisation_id or person.organisation_id
        groups = self._groups_of(cmd)

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

    def _groups_of(self, cmd: AppointMember) -> list[str]:
        """The body's groups the seat belongs to, each once and each one of the body's."""
        body = self._get(Body, "body", cmd.body_id)
        groups = list(cmd.groups or [])
        for n, group in enumerate(groups):
            body.require_group(group, f"groups.{n}")
        if len(set(groups)) != len(groups):
            raise InvalidFieldError("groups", "Give each group once.")
        return groups

    def _refuse_a_second_seat(self, cmd: AppointMember) -> None:
        held = facts.seat_held(
            self, cmd.body_id, cmd.person_id, cmd.seat, cmd.starts_on, cmd.ends_on
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

    def list_body_memberships(self, body_id: UUID, day: date | None) -> list[MembershipRow]:
        self._get(Body, "body", body_id)
        return queries.list_body_memberships(self, body_id, day or london_today())

    def list_person_memberships(self, person_id: UUID, day: date | None) -> list[MembershipRow]:
        self._get(Person, "person", person_id)
        return queries.list_memberships_of_person(self, person_id, day or london_today())

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

    def _membership_view(self, m: Membership) -> MembershipView:
        substitutes = m.current_substitutes()
        people = {
            p.id: p.name
            for p in (
                self._get(Person, "person", pid)
                for pid in [m.person_id] + [s["person_id"] for s in substitutes]
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
                for s in substitutes
            ],
            version=m.version,
            groups=list(m.groups or []),
        )

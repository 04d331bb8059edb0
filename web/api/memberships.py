"""Memberships of a body: seats, capacities, terms and named substitutes."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask.views import MethodView

from meetings.application.commands import (
    AppointMember,
    EndMembership,
    NameSubstitute,
    WithdrawSubstitute,
)
from meetings.application.dto import HistoryEntry, MembershipView
from meetings.application.dto.structure import MembershipRow
from meetings.domain.membership import Membership
from web.api.common import API_PREFIX, Blueprint, command, read_args, tagged
from web.api.schemas.common import AggregateReadQuery, AsAtDateQuery, HistoryEntrySchema
from web.api.schemas.structure import (
    EndTermIn,
    MembershipIn,
    MembershipOut,
    MembershipRowOut,
    SubstituteIn,
    WithdrawSubstituteIn,
)
from web.auth import (
    require_history_reader,
    require_reader,
)
from web.context import meetings_app
from web.guards import admin, guarded, reader, substitute_recorder

blp = Blueprint(
    "memberships",
    __name__,
    url_prefix=API_PREFIX,
    description="Who sits on a body, in which seat and capacity, and when",
)

_MEMBERSHIP = "/bodies/<uuid:body_id>/memberships/<uuid:membership_id>"


@blp.route("/bodies/<uuid:body_id>/memberships")
class Memberships(MethodView):
    @guarded(admin("restructure the partnership"))
    @blp.arguments(MembershipIn)
    @blp.response(201, MembershipOut)
    def post(self, body: dict[str, Any], body_id: UUID) -> MembershipView:
        """Seat a person on the body in a capacity from a date (admin)."""
        return tagged(
            meetings_app().appoint_member(AppointMember(body_id=body_id, **command(), **body))
        )

    @guarded(reader)
    @blp.arguments(AsAtDateQuery, location="query")
    @blp.response(200, MembershipRowOut(many=True))
    def get(self, args: dict[str, Any], body_id: UUID) -> list[MembershipRow]:
        """Memberships in force on a day (default today), with named substitutes."""
        require_reader()
        return meetings_app().list_body_memberships(body_id, args.get("as_at"))


@blp.route(_MEMBERSHIP)
class MembershipResource(MethodView):
    @guarded(reader)
    @blp.arguments(AggregateReadQuery, location="query")
    @blp.response(200, MembershipOut)
    def get(self, args: dict[str, Any], body_id: UUID, membership_id: UUID) -> MembershipView:
        """One membership, now or as it stood (`as_at`, `version`)."""
        require_reader()
        return tagged(meetings_app().get_membership(body_id, membership_id, **read_args(args)))


@blp.route(f"{_MEMBERSHIP}/end")
class EndMembershipResource(MethodView):
    @guarded(admin("restructure the partnership"))
    @blp.arguments(EndTermIn)
    @blp.response(200, MembershipOut)
    def post(self, body: dict[str, Any], body_id: UUID, membership_id: UUID) -> MembershipView:
        """End a membership: its last day, and why (admin)."""
        return tagged(
            meetings_app().end_membership(
                EndMembership(
                    body_id=body_id,
                    membership_id=membership_id,
                    **command(),
                    **body,
                )
            )
        )


@blp.route(f"{_MEMBERSHIP}/substitutes")
class Substitutes(MethodView):
    @guarded(substitute_recorder)
    @blp.arguments(SubstituteIn)
    @blp.response(201, MembershipOut)
    def post(self, body: dict[str, Any], body_id: UUID, membership_id: UUID) -> MembershipView:
        """Name a substitute who may attend in the member's place (admin or the body's clerk)."""
        return tagged(
            meetings_app().name_substitute(
                NameSubstitute(
                    body_id=body_id,
                    membership_id=membership_id,
                    **command(),
                    **body,
                )
            )
        )


@blp.route(f"{_MEMBERSHIP}/substitutes/<uuid:person_id>/withdraw")
class WithdrawSubstituteResource(MethodView):
    @guarded(substitute_recorder)
    @blp.arguments(WithdrawSubstituteIn)
    @blp.response(200, MembershipOut)
    def post(
        self, body: dict[str, Any], body_id: UUID, membership_id: UUID, person_id: UUID
    ) -> MembershipView:
        """Withdraw a named substitute (admin or the body's clerk)."""
        return tagged(
            meetings_app().withdraw_substitute(
                WithdrawSubstitute(
                    body_id=body_id,
                    membership_id=membership_id,
                    person_id=person_id,
                    **command(),
                    **body,
                )
            )
        )


@blp.route(f"{_MEMBERSHIP}/history")
class MembershipHistory(MethodView):
    @blp.response(200, HistoryEntrySchema(many=True))
    def get(self, body_id: UUID, membership_id: UUID) -> list[HistoryEntry]:
        """Every event recorded for the membership, with who and when."""
        require_history_reader(body_id)
        meetings_app().get_membership(body_id, membership_id)
        return meetings_app().get_history(Membership, "membership", membership_id)

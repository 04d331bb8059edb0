"""Scrutiny reports: attendance, membership changes, decisions' authority, amendments."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask.views import MethodView

from meetings.application import access
from meetings.application.dto import attendance_reports, authority
from meetings.application.dto import scrutiny as dto
from meetings.infrastructure.tokens import Principal
from web.api.common import API_PREFIX, Blueprint
from web.api.schemas.scrutiny import (
    ScrutinyAmendmentOut,
    ScrutinyAuthorityOut,
    ScrutinyMembershipChangeOut,
    ScrutinyOrganisationAttendanceOut,
    ScrutinyPeriodQuery,
    ScrutinyPersonAttendanceOut,
)
from web.auth import principal, require_scrutineer
from web.context import meetings_app
from web.guards import guarded

blp = Blueprint(
    "scrutiny",
    __name__,
    url_prefix=API_PREFIX,
    description="Scrutiny: the questions asked of the record after the fact",
)


def _scrutineer(body_id: UUID | None = None) -> Principal:
    """Admin and scrutiny read every report; a body's clerks read the reports on it
    (checked before the query is read: see web/guards.py)."""
    return require_scrutineer(body_id)


def _any_body(**_: Any) -> None:
    _scrutineer()


def _this_body(body_id: UUID, **_: Any) -> None:
    _scrutineer(body_id)


@blp.route("/people/<uuid:person_id>/attendance")
class PersonAttendance(MethodView):
    @guarded(_any_body)
    @blp.arguments(ScrutinyPeriodQuery, location="query")
    @blp.response(200, ScrutinyPersonAttendanceOut)
    def get(self, period: dict[str, Any], person_id: UUID) -> attendance_reports.PersonAttendance:
        """The person's attendance at every meeting held in the period (default: the last
        12 months) by a body they sat on that day, and meetings they attended otherwise."""
        return meetings_app().get_person_attendance(person_id, **period)


@blp.route("/organisations/<uuid:organisation_id>/attendance")
class OrganisationAttendance(MethodView):
    @guarded(_any_body)
    @blp.arguments(ScrutinyPeriodQuery, location="query")
    @blp.response(200, ScrutinyOrganisationAttendanceOut)
    def get(
        self, period: dict[str, Any], organisation_id: UUID
    ) -> attendance_reports.OrganisationAttendance:
        """For each meeting where the organisation held a seat: did each seat-holder
        attend, send a substitute (and who), send apologies, or stay away?"""
        return meetings_app().get_organisation_attendance(organisation_id, **period)


@blp.route("/bodies/<uuid:body_id>/membership-changes")
class MembershipChanges(MethodView):
    @guarded(_this_body)
    @blp.arguments(ScrutinyPeriodQuery, location="query")
    @blp.response(200, ScrutinyMembershipChangeOut(many=True))
    def get(self, period: dict[str, Any], body_id: UUID) -> list[dto.MembershipChange]:
        """Who joined and left the body, substitutes named and withdrawn, and chairs and
        vice-chairs appointed and ended in the period, by date, with who recorded each."""
        return meetings_app().list_membership_changes(body_id, **period)


@blp.route("/decisions/<uuid:decision_id>/authority")
class DecisionAuthority(MethodView):
    @blp.response(200, ScrutinyAuthorityOut)
    def get(self, decision_id: UUID) -> authority.DecisionAuthorityReport:
        """On whose authority a decision was taken: chair, members present and quorum,
        delegated authority and ratification, terms of reference, who recorded it."""
        who = principal()
        if not access.is_clerk(who):
            _scrutineer()
        app = meetings_app()
        access.check_authority_reader(who, app.get_body_of_decision(decision_id))
        return app.get_decision_authority(str(decision_id), who)


@blp.route("/bodies/<uuid:body_id>/minutes-amendments")
class MinutesAmendments(MethodView):
    @guarded(_this_body)
    @blp.arguments(ScrutinyPeriodQuery, location="query")
    @blp.response(200, ScrutinyAmendmentOut(many=True))
    def get(self, period: dict[str, Any], body_id: UUID) -> list[dto.MinutesAmendment]:
        """What the body's minutes approved in the period said as circulated, and as
        amended on approval; with who recorded the approval, when, and at which meeting."""
        who = _scrutineer(body_id)
        return meetings_app().list_minutes_amendments(body_id, **period, who=who)

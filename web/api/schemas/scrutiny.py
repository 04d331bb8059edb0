"""Schemas for the scrutiny reports: attendance, membership changes, authority, amendments."""

from __future__ import annotations

from typing import Any

import marshmallow as ma
from marshmallow import fields

from web.api.schemas.common import Day, check_term
from web.api.schemas.decisions import RatificationOut

OUTCOME = (
    "present (in person), substitute_sent, apologies, absent, or not_recorded (nothing was "
    "recorded for them)"
)


class ScrutinyPeriodQuery(ma.Schema):
    from_ = Day(
        data_key="from",
        metadata={"description": "First day of the period; default: the same date a year before"},
    )
    to = Day(metadata={"description": "Last day of the period (inclusive); default: today"})

    @ma.validates_schema
    def _in_order(self, data: dict[str, Any], **kwargs: Any) -> None:
        check_term(data, "from_", "to")

    @ma.post_load
    def _named(self, data: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
        return {"start": data.get("from_"), "end": data.get("to")}


class ScrutinyOutcomeFields(ma.Schema):
    outcome = fields.String(metadata={"description": OUTCOME})
    capacity = fields.String(allow_none=True)
    substitute_id = fields.UUID(allow_none=True)
    substitute_name = fields.String(allow_none=True)
    arrived_at = fields.DateTime(allow_none=True)
    left_at = fields.DateTime(
        allow_none=True, metadata={"description": "When they left, if before the end"}
    )


class ScrutinyMeetingFields(ma.Schema):
    meeting_id = fields.UUID()
    body_id = fields.UUID()
    body_name = fields.String()
    starts_at = fields.DateTime()


class ScrutinyPersonMeetingOut(ScrutinyMeetingFields, ScrutinyOutcomeFields):
    as_member = fields.Boolean(
        metadata={"description": "True: they held a member or co-opted seat that day"}
    )
    seat = fields.String(allow_none=True)
    substitute_for = fields.UUID(
        allow_none=True, metadata={"description": "They attended as this member's substitute"}
    )
    substitute_for_name = fields.String(allow_none=True)


class ScrutinySummaryOut(ma.Schema):
    meetings = fields.Integer()
    present = fields.Integer()
    substitute_sent = fields.Integer()
    apologies = fields.Integer()
    absent = fields.Integer()
    not_recorded = fields.Integer()


class ScrutinyPersonSummaryOut(ScrutinySummaryOut):
    other_capacity = fields.Integer(
        metadata={"description": "Meetings attended without a seat: adviser, guest, substitute"}
    )


class ScrutinyPersonAttendanceOut(ma.Schema):
    person_id = fields.UUID()
    person_name = fields.String()
    from_ = fields.Date(data_key="from")
    to = fields.Date()
    meetings = fields.List(fields.Nested(ScrutinyPersonMeetingOut))
    summary = fields.Nested(ScrutinyPersonSummaryOut)


class ScrutinySeatOut(ScrutinyOutcomeFields):
    membership_id = fields.UUID()
    seat = fields.String()
    person_id = fields.UUID()
    person_name = fields.String()


class ScrutinyOrganisationMeetingOut(ScrutinyMeetingFields):
    seats = fields.List(fields.Nested(ScrutinySeatOut))


class ScrutinyOrganisationAttendanceOut(ma.Schema):
    organisation_id = fields.UUID()
    organisation_name = fields.String()
    from_ = fields.Date(data_key="from")
    to = fields.Date()
    meetings = fields.List(fields.Nested(ScrutinyOrganisationMeetingOut))
    summary = fields.Nested(ScrutinySummaryOut)


class ScrutinyMembershipChangeOut(ma.Schema):
    on = fields.Date()
    change = fields.String(
        metadata={
            "description": "membership_began, membership_ended, substitute_named, "
            "substitute_withdrawn, chair_appointed or chair_term_ended"
        }
    )
    membership_id = fields.UUID(allow_none=True)
    person_id = fields.UUID()
    person_name = fields.String(allow_none=True)
    seat = fields.String(allow_none=True)
    capacity = fields.String(allow_none=True)
    role = fields.String(allow_none=True, metadata={"description": "chair or vice_chair"})
    organisation_id = fields.UUID(allow_none=True)
    organisation_name = fields.String(allow_none=True)
    starts_on = fields.Date(allow_none=True)
    ends_on = fields.Date(allow_none=True)
    substitute_id = fields.UUID(allow_none=True)
    substitute_name = fields.String(allow_none=True)
    reason = fields.String(allow_none=True)
    recorded_by = fields.String()
    recorded_at = fields.DateTime()


class ScrutinyDecisionOut(ma.Schema):
    id = fields.String()
    item_id = fields.String()
    item_number = fields.Integer()
    item_title = fields.String()
    confidential = fields.Boolean()
    text = fields.String()
    method = fields.String()
    votes = fields.Dict(keys=fields.String(), values=fields.Integer(), allow_none=True)
    within_delegated_authority = fields.Boolean()
    requires_ratification = fields.Boolean()
    referred_to = fields.UUID(allow_none=True)
    referred_to_name = fields.String(allow_none=True)


class ScrutinyNamedOut(ma.Schema):
    id = fields.UUID()
    name = fields.String()


class ScrutinyMeetingOut(ma.Schema):
    id = fields.UUID()
    starts_at = fields.DateTime()
    kind = fields.String()
    venue = fields.String(allow_none=True)
    opened_at = fields.DateTime(allow_none=True)
    closed_at = fields.DateTime(allow_none=True)


class ScrutinyChairOut(ma.Schema):
    person_id = fields.UUID()
    person_name = fields.String()
    role = fields.String()


class ScrutinyInTheChairOut(ScrutinyChairOut):
    recorded = fields.Boolean(
        metadata={"description": "Recorded in the chair at the meeting (else the body's chair)"}
    )


class ScrutinyQuorumOut(ma.Schema):
    required = fields.Integer(allow_none=True)
    members_present = fields.Integer()
    quorate = fields.Boolean()
    at = fields.DateTime(metadata={"description": "When the decision was recorded"})
    recorded_after_close = fields.Boolean(
        metadata={"description": "Written up after the meeting's recorded close"}
    )


class ScrutinyPresentOut(ma.Schema):
    person_id = fields.UUID()
    person_name = fields.String()
    substitute_for = fields.UUID(allow_none=True)
    substitute_for_name = fields.String(allow_none=True)


class ScrutinyForwardPlanOut(ma.Schema):
    id = fields.UUID()
    subject = fields.String()
    notified_on = fields.Date()
    days_before_meeting = fields.Integer()


class ScrutinyRatificationOut(ma.Schema):
    required = fields.Boolean()
    reason = fields.String()
    decision_notice_days = fields.Integer(allow_none=True)
    forward_plan = fields.Nested(ScrutinyForwardPlanOut, allow_none=True)
    status = fields.String(
        metadata={"description": "not required, awaiting ratification, ratified or declined"}
    )
    ratifications = fields.List(fields.Nested(RatificationOut))


class ScrutinyTermsOut(ma.Schema):
    version = fields.Integer()
    text = fields.String()
    adopted_on = fields.Date()


class ScrutinyCorrectionOut(ma.Schema):
    recorded_by = fields.String()
    recorded_at = fields.DateTime()
    reason = fields.String()
    before = fields.Dict(keys=fields.String())
    after = fields.Dict(keys=fields.String())


class ScrutinyAuthorityOut(ma.Schema):
    decision = fields.Nested(ScrutinyDecisionOut)
    body = fields.Nested(ScrutinyNamedOut)
    meeting = fields.Nested(ScrutinyMeetingOut)
    chair = fields.Nested(ScrutinyChairOut, allow_none=True)
    vice_chair = fields.Nested(ScrutinyChairOut, allow_none=True)
    in_the_chair = fields.Nested(
        ScrutinyInTheChairOut,
        allow_none=True,
        metadata={
            "description": "Who was in the chair when the decision was recorded: recorded "
            "(POST /meetings/{id}/chair), or else the body's chair in office that day"
        },
    )
    quorum = fields.Nested(ScrutinyQuorumOut)
    members_present = fields.List(fields.Nested(ScrutinyPresentOut))
    ratification = fields.Nested(ScrutinyRatificationOut)
    terms_of_reference = fields.Nested(ScrutinyTermsOut, allow_none=True)
    recorded_by = fields.String()
    recorded_at = fields.DateTime()
    corrections = fields.List(fields.Nested(ScrutinyCorrectionOut))


class ScrutinyAmendmentOut(ma.Schema):
    meeting_id = fields.UUID()
    meeting_starts_at = fields.DateTime()
    item_id = fields.String()
    item_number = fields.Integer()
    item_title = fields.String()
    before = fields.String(metadata={"description": "The item's minute as circulated"})
    after = fields.String(metadata={"description": "The item's minute as approved"})
    withheld = fields.Boolean(metadata={"description": "A confidential item's amendment"})
    approved_at_meeting_id = fields.UUID()
    approved_at_meeting_starts_at = fields.DateTime()
    approved_on = fields.Date()
    recorded_by = fields.String()
    recorded_at = fields.DateTime()

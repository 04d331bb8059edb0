"""Schemas for the decisions register, ratifications and referral chains."""

from __future__ import annotations

from typing import Any

import marshmallow as ma
from marshmallow import fields, validate

from web.api.schemas.common import Day, Text, one_of


class DecisionQuery(ma.Schema):
    body_id = fields.UUID()
    referred_to = fields.UUID()
    from_ = Day(data_key="from", metadata={"description": "Decided on or after this day"})
    to = Day(metadata={"description": "Decided on or before this day"})
    requires_ratification = fields.Boolean()
    q = Text(
        validate=validate.Length(min=1, max=200),
        metadata={"description": "Words in the decision or its item's title"},
    )

    @ma.post_load
    def _named(self, data: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
        if "from_" in data:
            data["from"] = data.pop("from_")
        return data


class RatificationOut(ma.Schema):
    organisation_id = fields.UUID()
    organisation_name = fields.String(allow_none=True)
    outcome = fields.String()
    on = fields.Date()


class DecisionRowOut(ma.Schema):
    id = fields.String()
    body_id = fields.UUID()
    body_name = fields.String()
    meeting_id = fields.UUID()
    decided_on = fields.Date()
    item_id = fields.String()
    item_title = fields.String(allow_none=True)
    text = fields.String()
    method = fields.String()
    within_delegated_authority = fields.Boolean()
    requires_ratification = fields.Boolean()
    ratification_status = fields.String(
        metadata={"description": "not required, awaiting ratification, ratified or declined"}
    )
    referred_to = fields.UUID(allow_none=True)
    referred_to_name = fields.String(allow_none=True)
    origin_decision_id = fields.String(allow_none=True)


class DecisionRecordOut(DecisionRowOut):
    parties = fields.List(
        fields.UUID(),
        metadata={
            "description": "The organisations that ratify: those of the body's members that day"
        },
    )
    ratifications = fields.List(fields.Nested(RatificationOut))


class ChainOut(ma.Schema):
    upstream = fields.List(fields.Nested(DecisionRowOut))
    decision = fields.List(fields.Nested(DecisionRowOut))
    downstream = fields.List(fields.Nested(DecisionRowOut))


class TakenUpOut(ma.Schema):
    meeting_id = fields.UUID()
    item_id = fields.String()
    starts_at = fields.DateTime()


class ReferredMatterOut(DecisionRowOut):
    taken_up = fields.List(fields.Nested(TakenUpOut))


class RatificationIn(ma.Schema):
    organisation_id = fields.UUID(required=True)
    outcome = fields.String(required=True, validate=one_of("ratified", "declined"))
    on = Day(required=True)


class RatificationAnswerOut(ma.Schema):
    decision_id = fields.UUID()
    organisation_id = fields.UUID()
    outcome = fields.String()
    on = fields.Date()
    status = fields.String()

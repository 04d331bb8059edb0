"""Schemas for what the recorder sends while a meeting sits, or types up afterwards:
attendance, departures, the chair, declarations, notes, decisions and votes, actions,
deferrals and corrections of entries."""

from __future__ import annotations

from typing import Any

import marshmallow as ma
from marshmallow import fields, validate

from meetings.domain.values import AttendanceCapacity, AttendanceStatus, HowDecided
from web.api.schemas.common import ONE_OR_MANY, Day, Instant, OneOrMany, one_of, text

ATTENDANCE = tuple(status.value for status in AttendanceStatus)
CAPACITIES = tuple(capacity.value for capacity in AttendanceCapacity)
METHODS = tuple(method.value for method in HowDecided)


_TYPED_UP = (
    "When it happened (typing up afterwards); default now at a meeting in session today, "
    "otherwise the meeting's start"
)


class QuorumQuery(ma.Schema):
    at = Instant(metadata={"description": "The moment to count for; default now"})


class AttendanceIn(ma.Schema):
    person_id = fields.UUID(required=True)
    status = fields.String(required=True, validate=one_of(*ATTENDANCE))
    capacity = fields.String(validate=one_of(*CAPACITIES))
    substitute_for = fields.UUID(allow_none=True)
    admitted_by_chair = fields.Boolean()
    at = Instant(allow_none=True)


class DepartureIn(ma.Schema):
    person_id = fields.UUID(required=True)
    at = Instant(required=True)


class TakeChairIn(ma.Schema):
    person_id = fields.UUID(required=True, metadata={"description": "Who took the chair"})
    at = Instant(
        allow_none=True,
        metadata={
            "description": "From when; default now while in session, else the meeting's start"
        },
    )


class DeclarationIn(ma.Schema):
    person_id = fields.UUID(required=True)
    item_id = fields.String(required=True, validate=validate.Length(min=1, max=64))
    interest = text(2000, required=True)
    withdrew = fields.Boolean()
    at = Instant(allow_none=True, metadata={"description": _TYPED_UP})


class NoteIn(ma.Schema):
    text = text(20_000, required=True)
    at = Instant(allow_none=True, metadata={"description": _TYPED_UP})


class VotesSchema(ma.Schema):
    for_ = fields.Integer(
        data_key="for", required=True, strict=True, validate=validate.Range(min=0, max=10_000)
    )
    against = fields.Integer(required=True, strict=True, validate=validate.Range(min=0, max=10_000))
    abstain = fields.Integer(required=True, strict=True, validate=validate.Range(min=0, max=10_000))

    @ma.post_load
    def _plain(self, data: dict[str, Any], **kwargs: Any) -> dict[str, int]:
        return {"for": data["for_"], "against": data["against"], "abstain": data["abstain"]}

    @ma.pre_dump
    def _dumpable(self, data: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
        return {"for_": data["for"], "against": data["against"], "abstain": data["abstain"]}


class MemberVoteSchema(ma.Schema):
    person_id = fields.UUID(required=True)
    vote = fields.String(required=True, validate=one_of("for", "against", "abstain"))


class DecisionIn(ma.Schema):
    text = text(20_000, required=True)
    method = fields.String(required=True, validate=one_of(*METHODS))
    votes = fields.Nested(VotesSchema, allow_none=True)
    within_delegated_authority = fields.Boolean()
    referred_to = OneOrMany(
        allow_none=True,
        metadata={
            **ONE_OR_MANY,
            "description": "The body (or a list of bodies) the matter is referred to",
        },
    )
    at = Instant(allow_none=True, metadata={"description": _TYPED_UP})
    votes_by_member = fields.List(
        fields.Nested(MemberVoteSchema),
        allow_none=True,
        validate=validate.Length(min=1, max=500),
        metadata={
            "description": "A recorded vote: how each member present voted (the counts are "
            "derived from it); only with the method vote"
        },
    )

    @ma.validates_schema
    def _votes(self, data: dict[str, Any], **kwargs: Any) -> None:
        if data.get("votes_by_member") and data.get("method", "vote") != "vote":
            raise ma.ValidationError("A recorded vote goes only with the method vote.", "method")
        if data.get("method") == "vote" and not (data.get("votes") or data.get("votes_by_member")):
            raise ma.ValidationError("A vote needs its counts: for, against, abstain.", "votes")
        # A correction may give the counts alone: the method is then the entry's own.
        if data.get("votes") and data.get("method", "vote") != "vote":
            raise ma.ValidationError("Vote counts go only with the method vote.", "votes")


class ActionIn(ma.Schema):
    description = text(5000, required=True)
    owner_id = fields.UUID(
        allow_none=True,
        metadata={
            "description": "The person who owns it; optional when organisation_id is given "
            "(a partner organisation's action, its owner named later by reassign)"
        },
    )
    due_on = Day(required=True)
    organisation_id = fields.UUID(allow_none=True)
    theme = text(200, allow_none=True)
    workplan_item_id = fields.UUID(
        allow_none=True, metadata={"description": "The workplan item this action delivers"}
    )


class DeferIn(ma.Schema):
    reason = text(2000, required=True)
    to_meeting_id = fields.UUID(allow_none=True)


class CorrectionIn(ma.Schema):
    entry_id = fields.String(required=True, validate=validate.Length(min=1, max=64))
    reason = text(2000, required=True)
    replacement = fields.Dict(
        keys=fields.String(),
        allow_none=True,
        metadata={
            "description": "The entry's fields as they should have been (only those "
            "that change are needed); absent or null retracts the entry"
        },
    )


#: How a correction's replacement is checked, by the kind of entry it corrects.
REPLACEMENTS: dict[str, type[ma.Schema]] = {
    "attendance": AttendanceIn,
    "departure": DepartureIn,
    "chair": TakeChairIn,
    "declaration": DeclarationIn,
    "note": NoteIn,
    "decision": DecisionIn,
    "action": ActionIn,
}

"""Schemas for meetings: scheduling, the agenda, the session and its record."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import marshmallow as ma
from marshmallow import fields, validate

from meetings.domain.values import AttendanceCapacity, AttendanceStatus, HowDecided
from web.api.schemas.common import Day, _in_range, check_time_text, one_of, text

MEETING_KINDS = ("ordinary", "special", "annual")
ITEM_KINDS = (
    "standing",
    "decision",
    "information",
    "discussion",
    "performance",
    "minutes",
    "matters_arising",
)
ATTENDANCE = tuple(status.value for status in AttendanceStatus)
CAPACITIES = tuple(capacity.value for capacity in AttendanceCapacity)
METHODS = tuple(method.value for method in HowDecided)


class OneOrMany(fields.Field):  # type: ignore[type-arg]
    """One UUID, or a list of them (each once): always loaded as a list."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Any:
        given = value if isinstance(value, list) else [value]
        if not 1 <= len(given) <= 20:
            raise ma.ValidationError("Give one id, or a list of 1 to 20 ids.")
        ids = [fields.UUID()._deserialize(v, attr, data) for v in given]
        if len(set(ids)) != len(ids):
            raise ma.ValidationError("Give each id once.")
        return ids


#: How the OpenAPI document describes a `OneOrMany` field.
ONE_OR_MANY = {
    "oneOf": [
        {"type": "string", "format": "uuid"},
        {"type": "array", "items": {"type": "string", "format": "uuid"}, "minItems": 1},
    ]
}


class Instant(fields.AwareDateTime):
    """A time with its offset, e.g. 2026-03-04T10:00:00+00:00."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> datetime:
        check_time_text(value)
        moment: datetime = super()._deserialize(value, attr, data, **kwargs)
        _in_range(moment.date())
        return moment


class ScheduleMeetingIn(ma.Schema):
    starts_at = Instant(required=True)
    venue = text(300, allow_none=True)
    kind = fields.String(validate=one_of(*MEETING_KINDS))
    groups = fields.List(
        text(100),
        validate=validate.Length(max=20),
        metadata={"description": "The body's groups summoned (none: every member)"},
    )
    joint_with = fields.List(
        fields.UUID(),
        validate=validate.Length(max=20),
        metadata={"description": "Other bodies meeting jointly with this one"},
    )


class PostponeIn(ma.Schema):
    reason = text(2000, required=True)
    starts_at = Instant(allow_none=True, metadata={"description": "The new time, if known"})


class CancelIn(ma.Schema):
    reason = text(2000, required=True)


class PaperSchema(ma.Schema):
    title = text(300, required=True)
    url = fields.Url(allow_none=True, validate=validate.Length(max=2000))


class AgendaItemIn(ma.Schema):
    title = text(500, required=True)
    kind = fields.String(required=True, validate=one_of(*ITEM_KINDS))
    presenter_id = fields.UUID(allow_none=True)
    confidential = fields.Boolean()
    confidential_reason = text(1000, allow_none=True)
    papers = fields.List(fields.Nested(PaperSchema), validate=validate.Length(max=50))
    forward_plan_id = fields.UUID(allow_none=True)
    referral_of = OneOrMany(
        allow_none=True,
        metadata={
            **ONE_OR_MANY,
            "description": "A decision (or a list of decisions) another body referred to this "
            "one, that this item takes up",
        },
    )

    @ma.validates_schema
    def _reason(self, data: dict[str, Any], **kwargs: Any) -> None:
        if data.get("confidential") and not data.get("confidential_reason"):
            raise ma.ValidationError(
                "A confidential item needs the reason it is withheld.", "confidential_reason"
            )


class ReorderIn(ma.Schema):
    item_ids = fields.List(
        fields.String(validate=validate.Length(max=64)),
        required=True,
        validate=validate.Length(min=1, max=500),
    )


_TYPED_UP = (
    "When it happened (typing up afterwards); default now at a meeting in session today, "
    "otherwise the meeting's start"
)


class AtIn(ma.Schema):
    at = Instant(allow_none=True, metadata={"description": "When it happened; default now"})


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


class ForwardPlanIn(ma.Schema):
    subject = text(1000, required=True)
    notified_on = Day(required=True)
    meeting_id = fields.UUID(allow_none=True)


# Answers -----------------------------------------------------------------------------


class AgendaItemOut(ma.Schema):
    id = fields.String()
    number = fields.Integer()
    title = fields.String()
    kind = fields.String()
    presenter_id = fields.UUID(allow_none=True)
    confidential = fields.Boolean()
    confidential_reason = fields.String(allow_none=True)
    papers = fields.List(fields.Nested(PaperSchema))
    forward_plan_id = fields.UUID(allow_none=True)
    status = fields.String()
    deferred_to = fields.UUID(allow_none=True)
    deferred_from = fields.UUID(allow_none=True)
    deferral_reason = fields.String(allow_none=True)
    added_after_publication = fields.Boolean()
    referral_of = fields.String(allow_none=True)
    referrals_of = fields.List(
        fields.String(), metadata={"description": "Every referred decision the item takes up"}
    )


class EntryOut(ma.Schema):
    id = fields.String()
    kind = fields.String()


class AttendanceOut(EntryOut):
    person_id = fields.UUID()
    status = fields.String()
    capacity = fields.String()
    substitute_for = fields.UUID(allow_none=True)
    admitted_by_chair = fields.Boolean()
    at = fields.DateTime()
    left_at = fields.DateTime(allow_none=True)


class DepartureOut(EntryOut):
    person_id = fields.UUID()
    at = fields.DateTime()


class InTheChairOut(EntryOut):
    person_id = fields.UUID()
    at = fields.DateTime()


class DeclarationOut(EntryOut):
    person_id = fields.UUID()
    item_id = fields.String()
    at = fields.DateTime(allow_none=True)
    interest = fields.String(
        metadata={"description": "Withheld, like the item, from those who may not see it"}
    )
    interest_withheld = fields.Boolean(
        metadata={"description": "True when the item is confidential to this reader"}
    )
    withdrew = fields.Boolean()


class NoteOut(EntryOut):
    item_id = fields.String()
    text = fields.String()
    at = fields.DateTime(allow_none=True)


class DecisionOut(EntryOut):
    item_id = fields.String()
    text = fields.String()
    method = fields.String()
    votes = fields.Nested(VotesSchema, allow_none=True)
    within_delegated_authority = fields.Boolean()
    referred_to = fields.UUID(allow_none=True)
    requires_ratification = fields.Boolean()
    at = fields.DateTime(allow_none=True)
    votes_by_member = fields.List(fields.Nested(MemberVoteSchema), allow_none=True)
    referred_to_bodies = fields.List(
        fields.UUID(), metadata={"description": "Every body the matter was referred to"}
    )
    quorum = fields.Integer(
        allow_none=True, metadata={"description": "The body's quorum when it was taken"}
    )
    members_present = fields.Integer(allow_none=True)
    quorate = fields.Boolean(allow_none=True)

    @ma.pre_dump
    def _quorum(self, data: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
        q = data.get("quorum") if isinstance(data.get("quorum"), dict) else None
        first = data.get("referred_to")
        return {
            **data,
            "referred_to_bodies": ([first] if first else [])
            + list(data.get("also_referred_to") or []),
            "quorum": q["required"] if q else None,
            "members_present": q["members_present"] if q else None,
            "quorate": q["quorate"] if q else None,
        }


class ActionEntryOut(EntryOut):
    action_id = fields.UUID()
    item_id = fields.String()
    description = fields.String()
    owner_id = fields.UUID(allow_none=True)
    organisation_id = fields.UUID(allow_none=True)
    due_on = fields.Date()
    theme = fields.String(allow_none=True)
    status = fields.String()


class ActionAgreedOut(ActionEntryOut):
    """An action just agreed: `id` is the action's id; `entry_id` the meeting entry's
    (for corrections); `action_id` an alias of `id`."""

    id = fields.String(metadata={"description": "The action's id (GET /actions/{id})"})
    entry_id = fields.String(metadata={"description": "The meeting entry's id, to correct it"})
    action_id = fields.UUID(metadata={"description": "An alias of id"})


class CorrectedEntryOut(EntryOut):
    """The entry after the correction: its fields, or `retracted: true`."""

    retracted = fields.Boolean()

    class Meta:
        unknown = ma.INCLUDE

    @ma.post_dump(pass_original=True)
    def _all_fields(self, data: dict[str, Any], original: Any, **kwargs: Any) -> dict[str, Any]:
        from meetings.application.dto import jsonable

        extra = {k: jsonable(v) for k, v in original.items() if k not in ("etag_version",)}
        return {**extra, **data}


class CorrectionOut(ma.Schema):
    entry_id = fields.String()
    kind = fields.String()
    reason = fields.String()
    retracted = fields.Boolean()
    previous = fields.Dict(keys=fields.String())


class AgendaAgreedOut(ma.Schema):
    person_id = fields.UUID()
    at = fields.DateTime()


class PostponementOut(ma.Schema):
    from_ = fields.DateTime(data_key="from")
    to = fields.DateTime(allow_none=True)
    reason = fields.String()

    @ma.pre_dump
    def _dumpable(self, data: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
        return {"from_": data["from"], "to": data["to"], "reason": data["reason"]}


class MeetingOut(ma.Schema):
    id = fields.UUID()
    body_id = fields.UUID()
    starts_at = fields.DateTime()
    venue = fields.String(allow_none=True)
    kind = fields.String()
    groups = fields.List(fields.String(), metadata={"description": "The groups summoned"})
    joint_with = fields.List(fields.UUID(), metadata={"description": "Bodies meeting jointly"})
    status = fields.String()
    late_notice = fields.Boolean(allow_none=True)
    agenda_agreed = fields.Nested(AgendaAgreedOut, allow_none=True)
    agenda_published_at = fields.DateTime(allow_none=True)
    opened_at = fields.DateTime(allow_none=True)
    closed_at = fields.DateTime(allow_none=True)
    postponements = fields.List(fields.Nested(PostponementOut))
    cancellation_reason = fields.String(allow_none=True)
    agenda = fields.List(fields.Nested(AgendaItemOut))
    attendance = fields.List(fields.Nested(AttendanceOut))
    departures = fields.List(fields.Nested(DepartureOut))
    in_the_chair = fields.List(
        fields.Nested(InTheChairOut),
        metadata={"description": "Who was recorded in the chair, from when (in order)"},
    )
    declarations = fields.List(fields.Nested(DeclarationOut))
    notes = fields.List(fields.Nested(NoteOut))
    decisions = fields.List(fields.Nested(DecisionOut))
    actions = fields.List(fields.Nested(ActionEntryOut))
    corrections = fields.List(fields.Nested(CorrectionOut))
    version = fields.Integer()


class MeetingSummaryOut(ma.Schema):
    id = fields.UUID()
    body_id = fields.UUID()
    starts_at = fields.DateTime()
    venue = fields.String(allow_none=True)
    kind = fields.String()
    status = fields.String()
    agenda_published_at = fields.DateTime(allow_none=True)


class BodyQuorumOut(ma.Schema):
    body_id = fields.UUID()
    required = fields.Integer(allow_none=True)
    members_present = fields.Integer()
    quorate = fields.Boolean()


class QuorumOut(ma.Schema):
    required = fields.Integer(allow_none=True)
    members_present = fields.Integer()
    quorate = fields.Boolean()
    at = fields.DateTime()
    bodies = fields.List(
        fields.Nested(BodyQuorumOut),
        metadata={"description": "A joint meeting: each body's own quorum"},
    )


class OpenActionOut(ma.Schema):
    id = fields.UUID()
    meeting_id = fields.UUID()
    description = fields.String()
    owner_id = fields.UUID(allow_none=True)
    owner_name = fields.String(allow_none=True)
    organisation_id = fields.UUID(allow_none=True)
    due_on = fields.Date()
    theme = fields.String(allow_none=True)
    status = fields.String()


class ForwardPlanOut(ma.Schema):
    id = fields.UUID()
    body_id = fields.UUID()
    subject = fields.String()
    notified_on = fields.Date()
    meeting_id = fields.UUID(allow_none=True)

"""Schemas for a meeting as scheduled and its agenda: scheduling, postponing and
cancelling, agenda items and their order, the forward plan, and the meeting as answered."""

from __future__ import annotations

from typing import Any

import marshmallow as ma
from marshmallow import fields, validate

from web.api.schemas.common import ONE_OR_MANY, Day, Instant, OneOrMany, one_of, text
from web.api.schemas.entries import (
    ActionEntryOut,
    AttendanceOut,
    CorrectionOut,
    DecisionOut,
    DeclarationOut,
    DepartureOut,
    InTheChairOut,
    NoteOut,
)

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


class AtIn(ma.Schema):
    at = Instant(allow_none=True, metadata={"description": "When it happened; default now"})


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

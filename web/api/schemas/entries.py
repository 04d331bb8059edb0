"""Schemas for the meeting's record as answered: each kind of entry, a correction, and
the quorum at a moment."""

from __future__ import annotations

from typing import Any

import marshmallow as ma
from marshmallow import fields

from web.api.schemas.record import MemberVoteSchema, VotesSchema


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

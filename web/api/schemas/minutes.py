"""Schemas for minutes: the derived text and its structured items, and the steps."""

from __future__ import annotations

import marshmallow as ma
from marshmallow import fields, validate

from web.api.schemas.common import AggregateReadQuery, one_of, text
from web.api.schemas.record import VotesSchema

MINUTES_STATUSES = ("draft", "agreed", "circulated", "approved", "published")
STAGES = ("current", "circulated", "approved", "published")


class MinutesQuery(AggregateReadQuery):
    stage = fields.String(
        validate=one_of(*STAGES),
        metadata={
            "description": "`circulated`, `approved` or `published`: the text as it stood at "
            "that step (404 if the minutes have not reached it); default `current`"
        },
    )


class AmendmentIn(ma.Schema):
    item_id = fields.String(required=True, validate=validate.Length(min=1, max=100))
    text = text(20000, required=True)


class ApproveMinutesIn(ma.Schema):
    approved_at = fields.UUID(
        required=True,
        metadata={"description": "The later meeting of the same body that approved them"},
    )
    amendments = fields.List(
        fields.Nested(AmendmentIn),
        validate=validate.Length(max=200),
        metadata={
            "description": "How an item's minute (its narrative, the notes) should read; the "
            "text as circulated is kept beside it. Decisions and actions stand as recorded."
        },
    )


class PersonPresentOut(ma.Schema):
    person_id = fields.UUID()
    name = fields.String()
    organisation_name = fields.String(allow_none=True)
    role = fields.String(allow_none=True, metadata={"description": "Chair or Vice-chair"})
    substitute_for = fields.UUID(allow_none=True)
    substitute_for_name = fields.String(allow_none=True)
    admitted_by_chair = fields.Boolean()
    arrived_at = fields.DateTime(allow_none=True, metadata={"description": "If after opening"})
    left_at = fields.DateTime(allow_none=True)


class PresentOut(ma.Schema):
    member = fields.List(fields.Nested(PersonPresentOut))
    adviser = fields.List(fields.Nested(PersonPresentOut))
    observer = fields.List(fields.Nested(PersonPresentOut))
    officer = fields.List(fields.Nested(PersonPresentOut))
    guest = fields.List(fields.Nested(PersonPresentOut))


class PersonListedOut(ma.Schema):
    person_id = fields.UUID()
    name = fields.String()
    organisation_name = fields.String(allow_none=True)


class MinutesDeclarationOut(ma.Schema):
    person_id = fields.UUID()
    person_name = fields.String()
    item_id = fields.String()
    item_number = fields.Integer(allow_none=True)
    interest = fields.String()
    interest_withheld = fields.Boolean(
        metadata={"description": "The item is confidential: only the interest is withheld"}
    )
    withdrew = fields.Boolean()


class ItemDeclarationOut(ma.Schema):
    person_id = fields.UUID()
    person_name = fields.String()
    interest = fields.String()
    withdrew = fields.Boolean()


class MinutesDecisionOut(ma.Schema):
    id = fields.String()
    text = fields.String()
    method = fields.String()
    votes = fields.Nested(VotesSchema, allow_none=True)
    requires_ratification = fields.Boolean()
    within_delegated_authority = fields.Boolean()
    referred_to = fields.UUID(allow_none=True)
    referred_to_name = fields.String(allow_none=True)
    votes_by_member = fields.List(
        fields.Dict(keys=fields.String()),
        metadata={"description": "A recorded vote: {person_id, person_name, vote} each"},
    )
    quorum = fields.Dict(
        keys=fields.String(),
        allow_none=True,
        metadata={"description": "{required, members_present, quorate} when it was taken"},
    )


class MinutesActionOut(ma.Schema):
    id = fields.String(metadata={"description": "The entry in the meeting's record"})
    action_id = fields.UUID(metadata={"description": "The action in the tracker"})
    description = fields.String()
    owner_id = fields.UUID()
    owner_name = fields.String()
    organisation_id = fields.UUID(allow_none=True)
    organisation_name = fields.String(allow_none=True)
    due_on = fields.Date()


class DeferralOut(ma.Schema):
    reason = fields.String()
    to_meeting_id = fields.UUID(allow_none=True)
    to_meeting_starts_at = fields.DateTime(allow_none=True)


class PaperOut(ma.Schema):
    title = fields.String()
    url = fields.String(allow_none=True)


class ItemAmendmentOut(ma.Schema):
    text = fields.String()
    original = fields.String(metadata={"description": "The item's minute as circulated"})


class MinutesItemOut(ma.Schema):
    id = fields.String()
    number = fields.Integer()
    title = fields.String()
    kind = fields.String()
    confidential = fields.Boolean()
    confidential_reason = fields.String(allow_none=True)
    withheld = fields.Boolean(metadata={"description": "Confidential, and withheld from you"})
    presenter_name = fields.String(allow_none=True)
    papers = fields.List(fields.Nested(PaperOut))
    declarations = fields.List(fields.Nested(ItemDeclarationOut))
    notes = fields.List(fields.String())
    decisions = fields.List(fields.Nested(MinutesDecisionOut))
    actions = fields.List(fields.Nested(MinutesActionOut))
    deferral = fields.Nested(DeferralOut, allow_none=True)
    amendment = fields.Nested(ItemAmendmentOut, allow_none=True)


class AmendmentOut(ma.Schema):
    item_id = fields.String()
    number = fields.Integer()
    title = fields.String()
    text = fields.String(metadata={"description": "The item's minute as approved"})
    original = fields.String(metadata={"description": "The item's minute as circulated"})


class HeadingOut(ma.Schema):
    body_id = fields.UUID()
    body_name = fields.String()
    body_short_name = fields.String(allow_none=True)
    starts_at = fields.DateTime()
    venue = fields.String(allow_none=True)
    kind = fields.String()
    opened_at = fields.DateTime(allow_none=True)
    closed_at = fields.DateTime(allow_none=True)


class AgreedOut(ma.Schema):
    person_id = fields.UUID()
    at = fields.DateTime()


class ApprovedOut(ma.Schema):
    meeting_id = fields.UUID(metadata={"description": "The meeting that approved them"})
    at = fields.DateTime()


class MinutesOut(ma.Schema):
    meeting_id = fields.UUID()
    body_id = fields.UUID()
    status = fields.String(metadata={"enum": list(MINUTES_STATUSES)})
    stage = fields.String(metadata={"enum": list(STAGES)})
    agreed = fields.Nested(AgreedOut, allow_none=True)
    circulated_at = fields.DateTime(allow_none=True)
    approved = fields.Nested(ApprovedOut, allow_none=True)
    published_at = fields.DateTime(allow_none=True)
    heading = fields.Nested(HeadingOut)
    present = fields.Nested(PresentOut)
    apologies = fields.List(fields.Nested(PersonListedOut))
    absent = fields.List(fields.Nested(PersonListedOut))
    declarations = fields.List(fields.Nested(MinutesDeclarationOut))
    items = fields.List(fields.Nested(MinutesItemOut))
    amendments = fields.List(fields.Nested(AmendmentOut))
    markdown = fields.String(metadata={"description": "The minutes as Markdown"})
    version = fields.Integer(metadata={"description": "The meeting's version"})


class PublishedMinutesOut(ma.Schema):
    id = fields.UUID(metadata={"description": "The meeting"})
    body_id = fields.UUID()
    body_name = fields.String()
    starts_at = fields.DateTime()
    venue = fields.String(allow_none=True)
    minutes_published_at = fields.DateTime()


class PublishedMinutesQuery(ma.Schema):
    body_id = fields.UUID()
    limit = fields.Integer(validate=validate.Range(min=1, max=1000))

"""Schemas for published minutes in open formats: an Open Civic Data event and its vote
events (the mapping from the minutes is written down in docs/EXPORTS.md)."""

from __future__ import annotations

import marshmallow as ma
from marshmallow import fields


class OcdLinkOut(ma.Schema):
    url = fields.String()
    media_type = fields.String()


class OcdDocumentOut(ma.Schema):
    note = fields.String(metadata={"description": "What the document is"})
    url = fields.String()
    media_type = fields.String()
    links = fields.List(fields.Nested(OcdLinkOut))


class OcdSourceOut(ma.Schema):
    url = fields.String()
    note = fields.String()


class OcdLocationOut(ma.Schema):
    name = fields.String(allow_none=True, metadata={"description": "The venue"})


class OcdParticipantOut(ma.Schema):
    name = fields.String()
    entity_type = fields.String(metadata={"enum": ["organization", "person"]})
    note = fields.String(
        metadata={
            "description": "`host` (the body), `present`, `present, Chair`, `substitute for "
            "<member>`, `adviser`, `observer`, `officer`, `guest, admitted by the chair`, "
            "`apologies` or `absent`"
        }
    )


class OcdRelatedEntityOut(ma.Schema):
    name = fields.String()
    entity_type = fields.String(metadata={"enum": ["organization", "person"]})
    note = fields.String()


class OcdAgendaItemOut(ma.Schema):
    order = fields.String(metadata={"description": "The item's number on the agenda"})
    description = fields.String(metadata={"description": "Its title, or 'Confidential item'"})
    classification = fields.List(fields.String(), metadata={"description": "The item's kind"})
    notes = fields.List(fields.String(), metadata={"description": "The item's minute, in order"})
    related_entities = fields.List(fields.Nested(OcdRelatedEntityOut))
    subjects = fields.List(fields.String())


class OcdAmendmentOut(ma.Schema):
    order = fields.String()
    title = fields.String()
    text = fields.String(metadata={"description": "The item's minute as approved"})
    original = fields.String(metadata={"description": "The item's minute as circulated"})


class OcdDeclarationOut(ma.Schema):
    person_name = fields.String()
    order = fields.String(allow_none=True, metadata={"description": "The agenda item"})
    interest = fields.String()
    withdrew = fields.Boolean()


class OcdActionOut(ma.Schema):
    order = fields.String(metadata={"description": "The agenda item it was agreed under"})
    description = fields.String()
    owner_name = fields.String()
    organisation_name = fields.String(allow_none=True)
    due_on = fields.Date()


class OcdEventExtrasOut(ma.Schema):
    body_id = fields.UUID()
    body_short_name = fields.String(allow_none=True)
    meeting_kind = fields.String(metadata={"enum": ["ordinary", "special", "annual"]})
    opened_at = fields.DateTime(allow_none=True)
    closed_at = fields.DateTime(allow_none=True)
    minutes_status = fields.String(metadata={"enum": ["published"]})
    approved_at = fields.DateTime(allow_none=True, metadata={"description": "When approved"})
    approved_by = fields.String(
        allow_none=True, metadata={"description": "The later meeting that approved them"}
    )
    published_at = fields.DateTime(allow_none=True)
    declarations = fields.List(fields.Nested(OcdDeclarationOut))
    actions = fields.List(fields.Nested(OcdActionOut))
    amendments = fields.List(fields.Nested(OcdAmendmentOut))
    withheld_items = fields.List(
        fields.String(), metadata={"description": "Numbers of confidential items withheld"}
    )


class OcdVoteCountOut(ma.Schema):
    option = fields.String(metadata={"enum": ["yes", "no", "abstain"]})
    value = fields.Integer()


class OcdVoteEventExtrasOut(ma.Schema):
    method = fields.String(metadata={"enum": ["consensus", "vote"]})
    requires_ratification = fields.Boolean()
    within_delegated_authority = fields.Boolean()
    referred_to = fields.String(allow_none=True, metadata={"description": "The body's name"})
    referred_to_id = fields.UUID(allow_none=True)


class OcdAgendaReferenceOut(ma.Schema):
    order = fields.String()
    description = fields.String()


class OcdVoteEventOut(ma.Schema):
    _type = fields.String(metadata={"enum": ["vote_event"]})
    id = fields.String(metadata={"description": "ocd-vote/<the decision's id>"})
    identifier = fields.String(metadata={"description": "The decision's id in the record"})
    motion_text = fields.String()
    start_date = fields.DateTime()
    result = fields.String(metadata={"enum": ["pass", "fail"]})
    organization = fields.String(metadata={"description": "The body that decided"})
    agenda_item = fields.Nested(OcdAgendaReferenceOut)
    counts = fields.List(
        fields.Nested(OcdVoteCountOut), metadata={"description": "Empty for consensus"}
    )
    extras = fields.Nested(OcdVoteEventExtrasOut)


class OcdEventOut(ma.Schema):
    _type = fields.String(metadata={"enum": ["event"]})
    id = fields.String(metadata={"description": "ocd-event/<the meeting's id>"})
    name = fields.String()
    description = fields.String()
    classification = fields.String(metadata={"enum": ["committee-meeting"]})
    start_date = fields.DateTime()
    end_date = fields.DateTime(allow_none=True, metadata={"description": "When it closed"})
    timezone = fields.String()
    all_day = fields.Boolean()
    status = fields.String(metadata={"enum": ["passed"]})
    location = fields.Nested(OcdLocationOut)
    participants = fields.List(fields.Nested(OcdParticipantOut))
    agenda = fields.List(fields.Nested(OcdAgendaItemOut))
    documents = fields.List(fields.Nested(OcdDocumentOut))
    media = fields.List(fields.Nested(OcdDocumentOut))
    sources = fields.List(fields.Nested(OcdSourceOut))
    extras = fields.Nested(OcdEventExtrasOut)
    vote_events = fields.List(fields.Nested(OcdVoteEventOut))

"""Schemas for the action tracker and the life of an action between meetings."""

from __future__ import annotations

import marshmallow as ma
from marshmallow import fields, validate

from web.api.schemas.common import Day, Text, one_of, text

STATUSES = ("open", "overdue", "done", "dropped")


class ActionQuery(ma.Schema):
    body_id = fields.UUID()
    status = fields.String(validate=one_of(*STATUSES))
    owner_id = fields.UUID()
    organisation_id = fields.UUID()
    meeting_id = fields.UUID()
    workplan_id = fields.UUID()
    theme = Text(validate=validate.Length(min=1, max=200))
    as_of = Day(metadata={"description": "The day 'overdue' is judged on; default today"})


class ActionRowOut(ma.Schema):
    id = fields.UUID()
    description = fields.String()
    body_id = fields.UUID()
    body_name = fields.String()
    meeting_id = fields.UUID()
    item_id = fields.String()
    owner_id = fields.UUID(allow_none=True)
    owner_name = fields.String(allow_none=True)
    organisation_id = fields.UUID(allow_none=True)
    organisation_name = fields.String(allow_none=True)
    due_on = fields.Date()
    status = fields.String()
    overdue = fields.Boolean()
    percent_complete = fields.Integer(allow_none=True)
    completed_at = fields.DateTime(allow_none=True)
    theme = fields.String(allow_none=True)


class ActionUpdateOut(ma.Schema):
    kind = fields.String(
        metadata={"description": "progress, due_date, reassigned, completed or dropped"}
    )
    at = fields.DateTime()
    note = fields.String(allow_none=True)
    percent_complete = fields.Integer(allow_none=True)
    due_on = fields.Date()
    previous_due_on = fields.Date()
    reason = fields.String()
    owner_id = fields.UUID()
    previous_owner_id = fields.UUID(allow_none=True)
    organisation_id = fields.UUID(allow_none=True)


class ActionOut(ma.Schema):
    id = fields.UUID()
    body_id = fields.UUID()
    meeting_id = fields.UUID()
    item_id = fields.String()
    description = fields.String()
    owner_id = fields.UUID(allow_none=True)
    organisation_id = fields.UUID(allow_none=True)
    due_on = fields.Date()
    theme = fields.String(allow_none=True)
    status = fields.String()
    overdue = fields.Boolean()
    percent_complete = fields.Integer(allow_none=True)
    completed_at = fields.DateTime(allow_none=True)
    drop_reason = fields.String(allow_none=True)
    workplan_id = fields.UUID(allow_none=True)
    workplan_item_id = fields.String(allow_none=True)
    updates = fields.List(fields.Nested(ActionUpdateOut))
    version = fields.Integer()


class ProgressIn(ma.Schema):
    note = text(5000, required=True)
    percent_complete = fields.Integer(
        strict=True,
        allow_none=True,
        validate=validate.Range(
            min=0, max=100, error="Percent complete is a whole number from {min} to {max}."
        ),
    )


class DueDateIn(ma.Schema):
    due_on = Day(required=True)
    reason = text(2000, required=True)


class ReassignIn(ma.Schema):
    owner_id = fields.UUID(required=True)
    organisation_id = fields.UUID(allow_none=True)


class CompleteIn(ma.Schema):
    note = text(5000, allow_none=True)


class DropIn(ma.Schema):
    reason = text(2000, required=True)

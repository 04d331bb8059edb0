"""Schemas for workplans: themes, items, status reports and progress."""

from __future__ import annotations

from typing import Any

import marshmallow as ma
from marshmallow import fields, validate

from meetings.domain.workplan import STATUSES
from web.api.schemas.common import Day, one_of, text


class WorkplanIn(ma.Schema):
    title = text(500, required=True)
    themes = fields.List(text(200), required=True, validate=validate.Length(min=1, max=50))

    @ma.validates_schema
    def _distinct(self, data: dict[str, Any], **kwargs: Any) -> None:
        themes = data.get("themes") or []
        if len(set(themes)) != len(themes):
            raise ma.ValidationError("Each theme once.", "themes")


class WorkplanItemIn(ma.Schema):
    theme = text(200, required=True)
    title = text(1000, required=True)
    lead_organisation_id = fields.UUID(allow_none=True)
    due_on = Day(allow_none=True)


class TakeActionIn(ma.Schema):
    action_id = fields.UUID(
        required=True, metadata={"description": "An existing action, to count in this item"}
    )


class StatusIn(ma.Schema):
    status = fields.String(required=True, validate=one_of(*STATUSES))
    note = text(5000, allow_none=True)


class StatusReportOut(ma.Schema):
    status = fields.String()
    note = fields.String(allow_none=True)
    at = fields.DateTime()


class WorkplanItemOut(ma.Schema):
    id = fields.String()
    theme = fields.String()
    title = fields.String()
    lead_organisation_id = fields.UUID(allow_none=True)
    due_on = fields.Date(allow_none=True)
    status = fields.String()
    note = fields.String(allow_none=True)
    reports = fields.List(fields.Nested(StatusReportOut))


class WorkplanOut(ma.Schema):
    id = fields.UUID()
    body_id = fields.UUID()
    title = fields.String()
    themes = fields.List(fields.String())
    items = fields.List(fields.Nested(WorkplanItemOut))
    version = fields.Integer()


class WorkplanSummaryOut(ma.Schema):
    id = fields.UUID()
    body_id = fields.UUID()
    title = fields.String()


class ThemeProgressOut(ma.Schema):
    theme = fields.String()
    items = fields.Integer()
    done = fields.Integer()
    percent_done = fields.Integer()
    not_started = fields.Integer()
    on_track = fields.Integer()
    at_risk = fields.Integer()
    off_track = fields.Integer()


class ActionCountsOut(ma.Schema):
    open = fields.Integer()
    overdue = fields.Integer()
    done = fields.Integer()


class ProgressOut(ma.Schema):
    workplan_id = fields.UUID()
    as_at = fields.Date()
    themes = fields.List(fields.Nested(ThemeProgressOut))
    actions = fields.Nested(ActionCountsOut)


class ProgressQuery(ma.Schema):
    as_at = Day(metadata={"description": "Progress as it stood at the end of this day"})

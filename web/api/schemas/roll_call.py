"""Schemas for the roll call: a whole meeting's attendance in one request."""

from __future__ import annotations

import marshmallow as ma
from marshmallow import fields, validate

from web.api.schemas.entries import AttendanceOut
from web.api.schemas.record import AttendanceIn

#: Enough for the largest body's whole membership, its substitutes and its officers.
MAX_ENTRIES = 500


class RollCallIn(ma.Schema):
    entries = fields.List(
        fields.Nested(AttendanceIn),
        required=True,
        validate=validate.Length(min=1, max=MAX_ENTRIES),
        metadata={
            "description": "Attendance entries, recorded in order, all or none: "
            "each as for POST /meetings/{id}/attendance."
        },
    )


class RollCallOut(ma.Schema):
    entries = fields.List(fields.Nested(AttendanceOut))

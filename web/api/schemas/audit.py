"""Schemas for audit: the log with its hash chain, and the check of the chain."""

from __future__ import annotations

import marshmallow as ma
from marshmallow import fields, validate


class EventsQuery(ma.Schema):
    after = fields.Integer(
        load_default=0,
        validate=validate.Range(min=0, max=2**62),
        metadata={"description": "The position to read after (0: from the start)"},
    )
    limit = fields.Integer(
        load_default=100,
        validate=validate.Range(min=1, max=1000),
        metadata={"description": "How many events, 1 to 1000 (default 100)"},
    )


class LoggedEventOut(ma.Schema):
    position = fields.Integer(metadata={"description": "The event's place in the log"})
    aggregate_id = fields.UUID()
    version = fields.Integer()
    type = fields.String()
    recorded_at = fields.DateTime(allow_none=True)
    recorded_by = fields.String()
    data = fields.Dict(keys=fields.String())
    hash = fields.String(
        allow_none=True,
        metadata={
            "description": "sha256 over prev_hash, position, aggregate id, version, topic and "
            "the stored record (null until the event is chained)"
        },
    )
    prev_hash = fields.String(allow_none=True)


class VerdictOut(ma.Schema):
    ok = fields.Boolean()
    checked = fields.Integer(metadata={"description": "How many events were checked"})
    first_bad_position = fields.Integer(allow_none=True)
    problem = fields.String(allow_none=True)
    head_position = fields.Integer(metadata={"description": "The last good position"})
    head_hash = fields.String(metadata={"description": "The chain's hash at head_position"})


class ChainHeadOut(ma.Schema):
    position = fields.Integer()
    hash = fields.String()
    key_id = fields.String(
        allow_none=True,
        metadata={"description": "The id of the key that signed this head (absent: unsigned)"},
    )
    signature = fields.String(
        allow_none=True,
        metadata={
            "description": "HMAC-SHA256 by the service's signing key over "
            "'meetings-head-v2\\n' + position + '\\n' + hash: proves the service "
            "published this head"
        },
    )

"""Schemas for the partnership family: organisations, people, bodies, memberships."""

from __future__ import annotations

from typing import Any

import marshmallow as ma
from marshmallow import fields, validate

from meetings.domain.values import BodyKind, Capacity, ChairRole, DecisionMethod, Sector
from web.api.schemas.common import Day, Text, check_term, one_of, text


def _values(enum: Any) -> list[str]:
    return [member.value for member in enum]


class OrganisationIn(ma.Schema):
    name = text(200, required=True)
    sector = fields.String(required=True, validate=one_of(*_values(Sector)))


class OrganisationOut(ma.Schema):
    id = fields.UUID()
    name = fields.String()
    sector = fields.String()
    version = fields.Integer()


class PersonIn(ma.Schema):
    name = text(200, required=True)
    organisation_id = fields.UUID(allow_none=True)
    email = fields.Email(allow_none=True)
    job_title = text(200, allow_none=True)


class PersonOut(ma.Schema):
    id = fields.UUID()
    name = fields.String()
    organisation_id = fields.UUID(allow_none=True)
    email = fields.String(allow_none=True)
    job_title = fields.String(allow_none=True)
    version = fields.Integer()


class PeopleQuery(ma.Schema):
    q = Text(
        validate=validate.Length(max=200), metadata={"description": "Part of a name to look for"}
    )


def _rules(required: bool) -> dict[str, Any]:
    """The rules of a body; required only where a new body must give them."""
    return {
        "name": text(200, required=required),
        "short_name": text(50, required=required),
        "kind": fields.String(required=required, validate=one_of(*_values(BodyKind))),
        "reports_to": fields.UUID(allow_none=True),
        "decision_method": fields.String(validate=one_of(*_values(DecisionMethod))),
        "quorum": fields.Integer(
            strict=True,
            allow_none=True,
            validate=validate.Range(
                min=1, max=500, error="A quorum must be a whole number from {min} to {max}."
            ),
        ),
        "agenda_notice_working_days": fields.Integer(
            strict=True,
            validate=validate.Range(
                min=0, max=60, error="Agenda notice must be from {min} to {max} working days."
            ),
        ),
        "decision_notice_days": fields.Integer(
            strict=True,
            allow_none=True,
            validate=(
                validate.Range(min=0, max=365, error="Decision notice must be {min} to {max} days.")
            ),
        ),
        "open_to_public": fields.Boolean(
            metadata={"description": "Whether the public may read its papers; default false"}
        ),
        "purpose": text(5000, allow_none=True),
        "cadence": text(200, allow_none=True),
    }


BodyIn = ma.Schema.from_dict(
    {
        **_rules(required=True),
        "replaces": fields.List(fields.UUID(), metadata={"description": "Bodies this replaces"}),
    },
    name="BodyIn",
)


class BodyRulesIn(ma.Schema.from_dict(_rules(required=False), name="BodyRulesBase")):  # type: ignore[misc]
    standing_items = fields.List(
        text(500),
        validate=validate.Length(max=20),
        metadata={"description": "The body's own standing items, in agenda order"},
    )
    substitutes = fields.String(
        validate=one_of("named", "member_organisation"),
        metadata={
            "description": "Who may substitute for a member: named substitutes only (default), "
            "or any person of the member's own organisation"
        },
    )
    groups = fields.List(
        text(100),
        validate=validate.Length(max=20),
        metadata={"description": "The body's named groups (a meeting may summon some)"},
    )

    @ma.validates_schema
    def _something(self, data: dict[str, Any], **kwargs: Any) -> None:
        if not data:
            raise ma.ValidationError("Give at least one rule to revise.")


class SubstituteRowOut(ma.Schema):
    person_id = fields.UUID()
    person_name = fields.String()


class MembershipRowOut(ma.Schema):
    """A membership in force on a day, as lists show it."""

    id = fields.UUID()
    body_id = fields.UUID()
    body_name = fields.String()
    person_id = fields.UUID()
    person_name = fields.String()
    seat = fields.String()
    capacity = fields.String()
    organisation_id = fields.UUID(allow_none=True)
    starts_on = Day()
    ends_on = Day(allow_none=True)
    substitutes = fields.List(fields.Nested(SubstituteRowOut))


class ChairTermOut(ma.Schema):
    id = fields.UUID()
    person_id = fields.UUID()
    person_name = fields.String()
    role = fields.String()
    starts_on = Day()
    ends_on = Day(allow_none=True)


class TermsOfReferenceIn(ma.Schema):
    text = text(100_000, required=True)
    adopted_on = Day(required=True)


class TermsOfReferenceOut(ma.Schema):
    version = fields.Integer()
    text = fields.String()
    adopted_on = Day()


class BodyOut(ma.Schema):
    id = fields.UUID()
    name = fields.String()
    short_name = fields.String()
    kind = fields.String()
    reports_to = fields.UUID(allow_none=True)
    decision_method = fields.String()
    quorum = fields.Integer(allow_none=True)
    agenda_notice_working_days = fields.Integer()
    decision_notice_days = fields.Integer(allow_none=True)
    open_to_public = fields.Boolean()
    replaces = fields.List(fields.UUID())
    purpose = fields.String(allow_none=True)
    cadence = fields.String(allow_none=True)
    as_of = Day(metadata={"description": "The day members and chairs are shown for"})
    members = fields.List(fields.Nested(MembershipRowOut))
    chair = fields.Nested(ChairTermOut, allow_none=True)
    vice_chair = fields.Nested(ChairTermOut, allow_none=True)
    chairs = fields.List(fields.Nested(ChairTermOut))
    terms_of_reference = fields.Nested(TermsOfReferenceOut, allow_none=True)
    standing_items = fields.List(fields.String())
    substitutes = fields.String(metadata={"description": "named or member_organisation"})
    groups = fields.List(fields.String())
    ends_on = Day(allow_none=True, metadata={"description": "The last day, if wound up"})
    end_reason = fields.String(allow_none=True)
    replaced_by = fields.List(fields.UUID(), metadata={"description": "Bodies that replace it"})
    version = fields.Integer()


class BodySummaryOut(ma.Schema):
    id = fields.UUID()
    name = fields.String()
    short_name = fields.String()
    kind = fields.String()
    reports_to = fields.UUID(allow_none=True)
    open_to_public = fields.Boolean()


class ChairIn(ma.Schema):
    person_id = fields.UUID(required=True)
    role = fields.String(required=True, validate=one_of(*_values(ChairRole)))
    starts_on = Day(required=True)
    ends_on = Day(allow_none=True)

    @ma.validates_schema
    def _term(self, data: dict[str, Any], **kwargs: Any) -> None:
        check_term(data)


class EndBodyIn(ma.Schema):
    ends_on = Day(required=True, metadata={"description": "The body's last day"})
    reason = text(2000, required=True)


class EndTermIn(ma.Schema):
    ends_on = Day(required=True)
    reason = text(2000, allow_none=True)


class MembershipIn(ma.Schema):
    person_id = fields.UUID(required=True)
    seat = text(200, required=True)
    capacity = fields.String(required=True, validate=one_of(*_values(Capacity)))
    starts_on = Day(required=True)
    organisation_id = fields.UUID(allow_none=True)
    ends_on = Day(allow_none=True)
    groups = fields.List(
        text(100),
        validate=validate.Length(max=20),
        metadata={"description": "The body's groups this seat belongs to (none: every meeting)"},
    )

    @ma.validates_schema
    def _term(self, data: dict[str, Any], **kwargs: Any) -> None:
        check_term(data)


class SubstituteIn(ma.Schema):
    person_id = fields.UUID(required=True)
    named_on = Day(metadata={"description": "When the substitute was named; default today"})


class WithdrawSubstituteIn(ma.Schema):
    withdrawn_on = Day(metadata={"description": "Default today"})


class SubstituteOut(ma.Schema):
    person_id = fields.UUID()
    person_name = fields.String()
    named_on = Day()


class MembershipOut(ma.Schema):
    id = fields.UUID()
    body_id = fields.UUID()
    person_id = fields.UUID()
    person_name = fields.String()
    seat = fields.String()
    capacity = fields.String()
    organisation_id = fields.UUID(allow_none=True)
    starts_on = Day()
    ends_on = Day(allow_none=True)
    ended = fields.Boolean()
    end_reason = fields.String(allow_none=True)
    substitutes = fields.List(fields.Nested(SubstituteOut))
    groups = fields.List(fields.String())
    version = fields.Integer()

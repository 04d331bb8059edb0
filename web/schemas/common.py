"""Schemas every resource shares: reading as at a moment or version, history, ids."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import marshmallow as ma
from marshmallow import fields, validate

ONE_OF = "Must be one of: {choices}."


def one_of(*choices: str) -> validate.OneOf:
    return validate.OneOf(choices, error=ONE_OF)


def text(max_length: int = 500, **kwargs: Any) -> fields.String:
    """A string that must say something."""
    return fields.String(validate=validate.Length(min=1, max=max_length), **kwargs)


def check_term(data: dict[str, Any], start: str = "starts_on", end: str = "ends_on") -> None:
    starts_on, ends_on = data.get(start), data.get(end)
    if starts_on and ends_on and ends_on < starts_on:
        raise ma.ValidationError(
            f"The end date ({ends_on.isoformat()}) is before the start date "
            f"({starts_on.isoformat()}).",
            end,
        )


class Moment(fields.Field):  # type: ignore[type-arg]
    """A date (meaning the end of that day in Europe/London) or a time with an offset."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Any:
        if not isinstance(value, str):
            raise ma.ValidationError("Give a date (YYYY-MM-DD) or a time with an offset.")
        try:
            if len(value) == 10:
                return date.fromisoformat(value)
            moment = datetime.fromisoformat(value)
        except ValueError:
            raise ma.ValidationError(
                "Not a date (YYYY-MM-DD) or a time (2026-03-04T10:00:00+00:00)."
            ) from None
        if moment.tzinfo is None:
            raise ma.ValidationError("A time needs an offset, e.g. 2026-03-04T10:00:00+00:00.")
        return moment


class AggregateReadQuery(ma.Schema):
    """`?as_at=` or `?version=`: the record as it stood then."""

    as_at = Moment(metadata={"description": "A date or a time with offset: state as it stood"})
    version = fields.Integer(strict=True, validate=validate.Range(min=1))

    @ma.validates_schema
    def _one_of_them(self, data: dict[str, Any], **kwargs: Any) -> None:
        if "as_at" in data and "version" in data:
            raise ma.ValidationError("Give as_at or version, not both.", "version")


class AsAtDateQuery(ma.Schema):
    as_at = fields.Date(metadata={"description": "The day to look at; default today"})


class HistoryEntrySchema(ma.Schema):
    version = fields.Integer()
    type = fields.String()
    recorded_at = fields.DateTime()
    recorded_by = fields.String()
    data = fields.Dict(keys=fields.String())

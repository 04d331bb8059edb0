"""Schemas every resource shares: reading as at a moment or version, history, ids."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

import marshmallow as ma
from marshmallow import fields, validate

ONE_OF = "Must be one of: {choices}."


def one_of(*choices: str) -> validate.OneOf:
    return validate.OneOf(choices, error=ONE_OF)


#: Control characters other than tab and newlines cannot be stored or printed.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
EARLIEST, LATEST = date(1900, 1, 1), date(2999, 12, 31)


class Text(fields.String):
    """Text a clerk typed: trimmed, printable, valid Unicode."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        text = super()._deserialize(value, attr, data, **kwargs).strip()
        if _CONTROL.search(text):
            raise ma.ValidationError("Contains control characters that cannot be stored.")
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            raise ma.ValidationError("Contains characters that are not valid Unicode.") from None
        return text


def text(max_length: int = 500, **kwargs: Any) -> Text:
    """A string that must say something."""
    return Text(validate=validate.Length(min=1, max=max_length), **kwargs)


def _in_range(day: date) -> None:
    if not EARLIEST <= day <= LATEST:
        raise ma.ValidationError(
            f"Give a date between {EARLIEST.isoformat()} and {LATEST.isoformat()}."
        )


class Day(fields.Date):
    """A calendar date (YYYY-MM-DD) within the years the record can hold."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> date:
        day: date = super()._deserialize(value, attr, data, **kwargs)
        _in_range(day)
        return day


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
                day = date.fromisoformat(value)
                _in_range(day)
                return day
            moment = datetime.fromisoformat(value)
        except ValueError:
            raise ma.ValidationError(
                "Not a date (YYYY-MM-DD) or a time (2026-03-04T10:00:00+00:00)."
            ) from None
        if moment.tzinfo is None:
            raise ma.ValidationError("A time needs an offset, e.g. 2026-03-04T10:00:00+00:00.")
        _in_range(moment.date())
        return moment


class AggregateReadQuery(ma.Schema):
    """`?as_at=` or `?version=`: the record as it stood then."""

    as_at = Moment(metadata={"description": "A date or a time with offset: state as it stood"})
    version = fields.Integer(validate=validate.Range(min=1, max=10**9))

    @ma.validates_schema
    def _one_of_them(self, data: dict[str, Any], **kwargs: Any) -> None:
        if "as_at" in data and "version" in data:
            raise ma.ValidationError("Give as_at or version, not both.", "version")


class AsAtDateQuery(ma.Schema):
    as_at = Day(metadata={"description": "The day to look at; default today"})


class HistoryEntrySchema(ma.Schema):
    version = fields.Integer()
    type = fields.String()
    recorded_at = fields.DateTime()
    recorded_by = fields.String()
    data = fields.Dict(keys=fields.String())

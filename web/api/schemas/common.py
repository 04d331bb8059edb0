"""Schemas and fields every resource shares: text, dates and times as the API writes them,
reading as at a moment or version, history, ids."""

from __future__ import annotations

import re
import unicodedata
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
#: Unicode categories that print nothing: spaces, separators, controls, format characters
#: (zero-width spaces and joiners, direction marks), unassigned and private-use code points.
_INVISIBLE = frozenset({"Zs", "Zl", "Zp", "Cc", "Cf", "Cn", "Co", "Cs", "Mn", "Me"})
#: A date as the API writes it, YYYY-MM-DD, and nothing else (not 20260203, not 2026-W05).
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
#: A time as the API writes it: 2026-03-04T10:00, seconds and fractions optional, then an
#: offset (Z or +01:00). Not the compact 20260304T1000+0100.
_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})?$")


def visible(text: str) -> bool:
    """Whether the text shows anything at all to a reader."""
    return any(unicodedata.category(c) not in _INVISIBLE for c in text)


def check_date_text(value: Any) -> None:
    """Refuse dates in any form but YYYY-MM-DD, before Python's lenient parser sees them."""
    if isinstance(value, str) and not _DATE.match(value):
        raise ma.ValidationError("Not a date: give it as YYYY-MM-DD.")


def check_time_text(value: Any) -> None:
    """Refuse times in any form but 2026-03-04T10:00:00+00:00 (seconds optional)."""
    if isinstance(value, str) and not _TIME.match(value):
        raise ma.ValidationError("Not a time: give it as 2026-03-04T10:00:00+00:00.")


class Text(fields.String):
    """Text a clerk typed: trimmed, printable, valid Unicode."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        text = super()._deserialize(value, attr, data, **kwargs).strip()
        if _CONTROL.search(text):
            raise ma.ValidationError("Contains control characters that cannot be stored.")
        if text and not visible(text):
            raise ma.ValidationError("Shows nothing: only spaces or invisible characters.")
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
        check_date_text(value)
        day: date = super()._deserialize(value, attr, data, **kwargs)
        _in_range(day)
        return day


class Instant(fields.AwareDateTime):
    """A time with its offset, e.g. 2026-03-04T10:00:00+00:00."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> datetime:
        check_time_text(value)
        moment: datetime = super()._deserialize(value, attr, data, **kwargs)
        _in_range(moment.date())
        return moment


class OneOrMany(fields.Field):  # type: ignore[type-arg]
    """One UUID, or a list of them (each once): always loaded as a list."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Any:
        given = value if isinstance(value, list) else [value]
        if not 1 <= len(given) <= 20:
            raise ma.ValidationError("Give one id, or a list of 1 to 20 ids.")
        ids = [fields.UUID()._deserialize(v, attr, data) for v in given]
        if len(set(ids)) != len(ids):
            raise ma.ValidationError("Give each id once.")
        return ids


#: How the OpenAPI document describes a `OneOrMany` field.
ONE_OR_MANY = {
    "oneOf": [
        {"type": "string", "format": "uuid"},
        {"type": "array", "items": {"type": "string", "format": "uuid"}, "minItems": 1},
    ]
}


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
            if len(value) == 10 and _DATE.match(value):
                day = date.fromisoformat(value)
                _in_range(day)
                return day
            if not _TIME.match(value):
                raise ValueError(value)
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

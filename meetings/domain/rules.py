"""Pure rules about dates and terms, shared by aggregates and read models."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")


def london_today() -> date:
    """Today's date where the meetings happen."""
    return datetime.now(tz=LONDON).date()


def london_date(moment: datetime) -> date:
    return moment.astimezone(LONDON).date()


def end_of_london_day(day: date) -> datetime:
    """The last instant of `day` in Europe/London: "as at 1 March" includes all of 1 March."""
    return datetime.combine(day + timedelta(days=1), time(0), tzinfo=LONDON) - timedelta(
        microseconds=1
    )


def in_term(day: date, starts_on: date, ends_on: date | None) -> bool:
    """Whether `day` falls inside a term whose end date, when given, is its last day."""
    return starts_on <= day and (ends_on is None or day <= ends_on)


def terms_overlap(a_start: date, a_end: date | None, b_start: date, b_end: date | None) -> bool:
    return (a_end is None or b_start <= a_end) and (b_end is None or a_start <= b_end)

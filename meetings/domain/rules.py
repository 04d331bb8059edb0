"""Pure rules about dates and terms, shared by aggregates and read models."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import holidays

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


# Working days ------------------------------------------------------------------------

_england = holidays.country_holidays("GB", subdiv="ENG")


def is_working_day(day: date) -> bool:
    """Monday to Friday, and not one of England's bank holidays."""
    return day.weekday() < 5 and day not in _england


def clear_working_days(after: date, before: date) -> int:
    """Working days strictly between two dates: neither the day the agenda went out
    nor the day of the meeting counts ("five clear working days")."""
    count, day = 0, after + timedelta(days=1)
    while day < before:
        count += is_working_day(day)
        day += timedelta(days=1)
    return count


def late_notice(published: datetime, meeting_starts: datetime, required_working_days: int) -> bool:
    """Whether fewer than the required clear working days remained when it was published."""
    return clear_working_days(london_date(published), london_date(meeting_starts)) < (
        required_working_days
    )


# Quorum and ratification ---------------------------------------------------------------


def members_present(attendance: list[dict[str, Any]], at: datetime) -> int:
    """Members (and substitutes for members) in the room at a moment: arrived by then and
    not yet gone. Advisers, observers, officers and guests do not count."""
    return sum(
        1
        for entry in attendance
        if entry["status"] == "present"
        and entry["capacity"] == "member"
        and entry["at"] <= at
        and (entry["left_at"] is None or entry["left_at"] > at)
    )


def members_in_the_room(attendance: list[dict[str, Any]], at: datetime) -> set[Any]:
    """The people present as members (or substitutes for members) at a moment."""
    return {
        entry["person_id"]
        for entry in attendance
        if entry["status"] == "present"
        and entry["capacity"] == "member"
        and entry["at"] <= at
        and (entry["left_at"] is None or entry["left_at"] > at)
    }


def requires_ratification(
    method: str,
    within_delegated_authority: bool,
    decision_notice_days: int | None,
    notified_on: date | None,
    meeting_starts: datetime,
) -> bool:
    """A decision (not a noting) needs ratification by the partners when it is outside
    members' delegated authority, or when the body requires notice of decisions and the
    item was not on the forward plan at least that many days before the meeting."""
    if method == "noted":
        return False
    if not within_delegated_authority:
        return True
    if decision_notice_days is None:
        return False
    if notified_on is None:
        return True
    return (london_date(meeting_starts) - notified_on).days < decision_notice_days

"""The demo's dates: written for a year of meetings that ended in March 2026, and moved on by
whole weeks when it is loaded, so that its year ends just before the day it is loaded.

The data files give every date as written; `day` and `at` move them.
"""

from __future__ import annotations

import os
from datetime import date, datetime, timedelta

from meetings.domain.rules import LONDON, london_today

#: The day the demo's record was written as of: a year of meetings just ended, one to come.
WRITTEN_AS_OF = date(2026, 4, 1)


def weeks_since_written(today: date) -> timedelta:
    """How far the demo's dates move so that its year of meetings ends just before the day
    it is loaded: whole weeks (meetings keep their weekdays), never backwards."""
    return timedelta(weeks=max(0, (today - WRITTEN_AS_OF).days // 7))


def _as_of() -> date:
    """The day the demo is dated for: today, unless MEETINGS_DEMO_AS_OF names a day (the
    tests read the demo as written)."""
    given = os.environ.get("MEETINGS_DEMO_AS_OF")
    return date.fromisoformat(given) if given else london_today()


#: The day the demo is dated for, and how far every date of it moves (worked out once, when
#: it is loaded).
AS_OF = _as_of()
SHIFT = weeks_since_written(AS_OF)


def day(year: int, month: int, day_of_month: int) -> date:
    """A date of the demo as written, moved to fit the day it is loaded (`SHIFT`)."""
    return moved(date(year, month, day_of_month))


def moved(written: date) -> date:
    """A date as written in the data files, moved to fit the day the demo is loaded."""
    return written + SHIFT


def at(written: datetime) -> datetime:
    """A time as written in the data files (London's clock), moved with its date."""
    return datetime.combine(moved(written.date()), written.time(), tzinfo=LONDON)
